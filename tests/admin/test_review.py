"""Issue 13 in the admin: the review queue, the landing after a paste, evidence by sentence, the index."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from relations import models, services
from tests import factories as f

from .conftest import EVIDENCE, admin_url, form_data

QUEUE = "/admin/relations/meeting/review/"


def decide(admin_client, meeting, decision: str, **extra: str):  # type: ignore[no-untyped-def]
    return admin_client.post(f"/admin/relations/meeting/{meeting.pk}/review/", {"decision": decision, **extra})


# --------------------------------------------------------------------------- the queue


def test_queue_lists_extracted_meetings_newest_ingested_first_with_their_sentences(admin_client, world):
    newer = f.MeetingFactory(title="A newer report")
    f.MeetingCountryFactory(meeting=newer, country=world.arm, evidence="Armenia took part.", origin="extracted")
    services.meeting_set_status(meeting=world.other_meeting, status="verified")

    page = admin_client.get(QUEUE).content.decode()

    assert "2 meetings to review" in page
    assert page.index(f'id="review-{newer.pk}"') < page.index(f'id="review-{world.meeting.pk}"')
    assert f'id="review-{world.other_meeting.pk}"' not in page  # verified: not waiting
    item = page[page.index(f'id="review-{world.meeting.pk}"') :]
    for sentence in (EVIDENCE["party"], EVIDENCE["sector"], EVIDENCE["forum"]):
        assert item.count(sentence) == 1
    assert "Jeyhun Bayramov" in item and "Official visit" in item and "May 2024" in item


def test_verify_from_the_queue_goes_through_the_service_and_back_to_the_queue(admin_client, world, admin_user):
    response = decide(admin_client, world.meeting, "verified")

    assert response.status_code == 302 and response["Location"] == QUEUE
    world.meeting.refresh_from_db()
    assert world.meeting.status == "verified"
    version = world.meeting.history.order_by("-history_date").first()
    assert (version.history_user, version.history_change_reason) == (admin_user, "status: Extracted → Verified")


def test_reject_from_the_queue_keeps_the_meeting_rejected_and_an_unknown_decision_changes_nothing(admin_client, world):
    decide(admin_client, world.meeting, "rejected")
    world.meeting.refresh_from_db()
    assert world.meeting.status == "rejected"

    response = decide(admin_client, world.other_meeting, "maybe")
    assert response.status_code == 302
    world.other_meeting.refresh_from_db()
    assert world.other_meeting.status == "extracted"


def test_the_queue_refuses_a_get_and_a_viewer_without_change_permission(client, admin_client, world, django_user_model):
    assert admin_client.get(f"/admin/relations/meeting/{world.meeting.pk}/review/").status_code == 405
    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client.force_login(viewer)
    assert client.get(QUEUE).status_code == 200
    assert decide(client, world.meeting, "verified").status_code == 403
    world.meeting.refresh_from_db()
    assert world.meeting.status == "extracted"


def test_verify_and_next_on_the_meeting_page_saves_the_edits_and_opens_the_next_to_review(admin_client, world):
    older = f.MeetingFactory(title="An older report")
    models.Meeting.objects.filter(pk=older.pk).update(created_at=world.meeting.created_at.replace(year=2000))
    data = form_data(admin_client.get(admin_url(world.meeting, "change")))
    data.update(location_city="Lahore", _verify_next="1")

    response = admin_client.post(admin_url(world.meeting, "change"), data)

    assert response.status_code == 302
    assert response["Location"] == admin_url(older, "change")
    world.meeting.refresh_from_db()
    assert (world.meeting.status, world.meeting.location_city) == ("verified", "Lahore")
    version = world.meeting.history.order_by("-history_date").first()
    assert "city: Islamabad → Lahore" in version.history_change_reason
    assert "status: Extracted → Verified" in version.history_change_reason  # one version for both


def test_meeting_page_has_the_review_buttons_and_keys(admin_client, world):
    page = admin_client.get(admin_url(world.meeting, "change")).content.decode()
    assert 'name="_verify_next"' in page and 'accesskey="v"' in page
    assert 'name="_reject_next"' in page and 'accesskey="r"' in page
    assert "relations/review.js" in page


# --------------------------------------------------------------------------- evidence on the meeting page


def test_a_sector_added_citing_a_sentence_records_it_and_a_bare_one_says_who_added_it(admin_client, world, admin_user):
    text = "Intro sentence. The ministers agreed to expand tourism links. Closing words."
    world.article.text = text
    world.article.save()
    start = text.index("The ministers")
    end = start + len("The ministers agreed to expand tourism links.")
    data = form_data(admin_client.get(admin_url(world.meeting, "change")))
    index = int(data["sector_links-TOTAL_FORMS"])
    data["sector_links-TOTAL_FORMS"] = str(index + 1)
    data[f"sector_links-{index}-sector"] = str(world.tourism.pk)
    data[f"sector_links-{index}-cite"] = f"{world.article.pk}:{start}:{end}"
    index = int(data["forum_links-TOTAL_FORMS"])
    data["forum_links-TOTAL_FORMS"] = str(index + 1)
    data[f"forum_links-{index}-forum"] = str(world.un.pk)

    response = admin_client.post(admin_url(world.meeting, "change"), data)

    assert response.status_code == 302
    tourism = world.meeting.sector_links.get(sector=world.tourism)
    assert (tourism.source_id, tourism.evidence, tourism.evidence_start, tourism.evidence_end, tourism.origin) == (
        world.article.pk,
        "The ministers agreed to expand tourism links.",
        start,
        end,
        "curator",
    )
    page = admin_client.get(admin_url(world.meeting, "change")).content.decode()
    assert f"added by {admin_user.username}" in page  # the UN forum, added without a sentence
    assert ">None<" not in page
    assert "cited, sentence 2" in page


def test_inline_rows_are_not_labelled_with_bare_ids(admin_client, world):
    page = admin_client.get(admin_url(world.meeting, "change")).content.decode()
    for group in ("parties", "participants", "sector_links", "forum_links", "sources"):
        fieldset = page[page.index(f'id="{group}-group"') :]
        assert "hide-original" in fieldset[: fieldset.index("<table")], group


def test_a_citation_outside_the_article_is_refused_naming_the_field(world):
    with pytest.raises(ValidationError) as refused:
        services.meeting_update(
            meeting=world.meeting,
            data={"sectors": [{"sector": "tourism", "cite": {"article": world.article.pk, "start": 5, "end": 10**6}}]},
        )
    assert refused.value.message_dict == {
        "sectors": [f"offsets 5-1000000 are not a passage of article {world.article.pk}"]
    }
    assert not world.meeting.sector_links.filter(sector=world.tourism).exists()


# --------------------------------------------------------------------------- pasting an article

PASTED = (
    "Azerbaijan's Minister of Foreign Affairs Jeyhun Bayramov met Syed Yousuf Raza Gilani, Chairman of the "
    "Senate of Pakistan, in Islamabad on 3 May 2024. The two sides discussed cooperation in energy."
)


def _paste(admin_client, title: str, text: str, **more: str):  # type: ignore[no-untyped-def]
    data = form_data(admin_client.get(admin_url(models.Article, "add")))
    data.update(title=title, text=text, **more)
    return admin_client.post(admin_url(models.Article, "add"), data, follow=True)


def test_a_second_report_of_a_meeting_says_it_was_added_as_a_second_source(admin_client, world):
    first = _paste(admin_client, "Bayramov meets Gilani", PASTED, published="2024-05-03")
    meeting = models.Meeting.objects.get(sources__article__title="Bayramov meets Gilani")
    assert [str(m) for m in first.context["messages"]] == [f"Created meeting #{meeting.pk}."]

    again = _paste(
        admin_client, "Gilani receives Bayramov", PASTED.replace("The two sides", "They"), published="2024-05-03"
    )

    assert again.redirect_chain[-1][0] == admin_url(meeting, "change")
    assert [str(m) for m in again.context["messages"]] == [f"Added as the second source of meeting #{meeting.pk}."]


def test_an_article_naming_no_country_is_refused_as_the_api_refuses_it(admin_client, world, client):
    count = models.Article.objects.count()
    response = _paste(admin_client, "Weather", "It rained all week and the rivers rose.")

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == ["No meeting: the article names no country"]
    assert list(response.context["messages"]) == []  # no green "added", no red "1 failed"
    assert models.Article.objects.count() == count


def test_article_list_meeting_count_links_to_its_meetings(admin_client, world):
    page = admin_client.get(admin_url(models.Article)).content.decode()
    url = reverse("admin:relations_meeting_changelist") + f"?article={world.article.pk}"
    assert f'href="{url}"' in page
    listed = admin_client.get(url)
    assert list(listed.context["cl"].result_list) == [world.meeting]


# --------------------------------------------------------------------------- the index


def test_index_groups_models_by_task_with_the_review_count_first(admin_client, world):
    response = admin_client.get("/admin/")
    groups = {app["name"]: [m["object_name"] for m in app["models"]] for app in response.context["app_list"]}

    assert list(groups)[:2] == ["Curation", "Reference data"]
    assert groups["Curation"][:3] == ["ReviewQueue", "Article", "Meeting"]
    assert {"Official", "BilateralRelation"} <= set(groups["Curation"])
    assert groups["Reference data"] == ["Country", "Forum", "CooperationSector", "ForumMembership"]
    listed = {name for names in groups.values() for name in names}
    assert not listed & {"MeetingCountry", "MeetingParticipant", "MeetingSector", "MeetingSource", "CountryName"}
    assert "To review (2)" in response.content.decode()
    # The link tables stay reachable.
    assert admin_client.get(admin_url(models.MeetingParticipant)).status_code == 200


def test_a_model_in_no_group_is_listed_under_other(admin_client, world):
    from relations import admin_site

    admin_site.GROUPS[0][1].remove("curatordecision")
    try:
        groups = {app["name"]: app["models"] for app in admin_client.get("/admin/").context["app_list"]}
    finally:
        admin_site.GROUPS[0][1].append("curatordecision")
    assert "CuratorDecision" in [m["object_name"] for m in groups["Other"]]


def test_empty_queue_says_how_to_add_meetings(admin_client, world):
    for meeting in (world.meeting, world.other_meeting):
        services.meeting_set_status(meeting=meeting, status="verified")
    page = admin_client.get(QUEUE).content.decode()
    assert "Nothing to review" in page and "ingest_articles" in page and "/api/articles/" in page
