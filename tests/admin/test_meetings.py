"""Curating a meeting in the admin: evidence beside each fact, status actions, locks, curator rows."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.html import escape

from relations import models, services
from relations.extraction.articles import content_hash

from .conftest import EVIDENCE, admin_url, form_data


def _post_change(admin_client, meeting, **changes):  # type: ignore[no-untyped-def]
    """POST the meeting's change form as loaded, with `changes` applied; returns the response."""
    data = form_data(admin_client.get(admin_url(meeting, "change")))
    data.update(changes)
    response = admin_client.post(admin_url(meeting, "change"), data)
    assert response.status_code == 302, _errors(response)
    return response


def _post_add(admin_client, model, **fields):  # type: ignore[no-untyped-def]
    """POST a model's add form (inline management forms included) with `fields` filled in."""
    data = form_data(admin_client.get(admin_url(model, "add")))
    data.update(fields)
    return admin_client.post(admin_url(model, "add"), data)


def _errors(response) -> object:  # type: ignore[no-untyped-def]
    if response.context is None:
        return response.status_code
    formsets = [inline.formset.errors for inline in response.context.get("inline_admin_formsets", [])]
    return response.context["adminform"].form.errors, formsets


def _add_inline_row(data: dict, prefix: str, **fields: object) -> None:
    """Append one new row to an inline formset in a POST body."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value


# --------------------------------------------------------------------------- the change page


def test_change_page_shows_extracted_evidence_read_only_beside_each_fact(admin_client, world):
    html = admin_client.get(admin_url(world.meeting, "change")).content.decode()
    for sentence in (EVIDENCE["party"], EVIDENCE["participant"], EVIDENCE["sector"], EVIDENCE["forum"]):
        # Each sentence once (issue 13), though it gave several facts (two parties, the format).
        assert html.count(escape(sentence)) == 1, sentence
    for prefix in ("parties", "participants", "sector_links", "forum_links"):
        assert f'name="{prefix}-0-evidence"' not in html
        assert f'name="{prefix}-0-origin"' not in html
    # The source is a link to the article the sentence came from.
    assert admin_url(world.article, "change") in html


def test_change_page_shows_meeting_evidence_fields_read_only(admin_client, world):
    html = admin_client.get(admin_url(world.meeting, "change")).content.decode()
    assert world.meeting.format_evidence in html
    assert 'name="format_evidence"' not in html
    assert 'name="locked_fields"' not in html


def test_article_change_page_shows_text_and_pretty_printed_extraction_read_only(admin_client, world):
    html = admin_client.get(admin_url(world.article, "change")).content.decode()
    assert "<pre>{\n  &quot;forums&quot;: [\n    &quot;OIC&quot;\n  ]," in html
    assert world.article.text in html
    assert 'name="text"' not in html
    assert admin_url(world.meeting, "change") in html  # its meetings, read-only


# --------------------------------------------------------------------------- actions


@pytest.mark.parametrize(("action", "status"), [("mark_verified", "verified"), ("mark_rejected", "rejected")])
def test_status_action_changes_status_and_writes_history(admin_client, admin_user, world, action, status):
    before = world.meeting.history.count()
    response = admin_client.post(
        admin_url(models.Meeting), {"action": action, "_selected_action": [world.meeting.pk]}, follow=True
    )
    world.meeting.refresh_from_db()
    assert world.meeting.status == status
    assert world.meeting.history.count() == before + 1
    assert world.meeting.history.first().history_user == admin_user
    assert [str(m) for m in response.context["messages"]] == [f"1 meeting(s) marked {status}; 0 already were."]
    world.other_meeting.refresh_from_db()
    assert world.other_meeting.status == "extracted"


def test_status_action_reports_a_validation_error_as_an_error_message(admin_client, world, monkeypatch):
    def refuse(**kwargs: object) -> None:
        raise ValidationError("A meeting needs two parties before it can be verified.")

    monkeypatch.setattr(services, "meeting_set_status", refuse)
    response = admin_client.post(
        admin_url(models.Meeting), {"action": "mark_verified", "_selected_action": [world.meeting.pk]}, follow=True
    )
    assert [(m.level, str(m)) for m in response.context["messages"]] == [
        (messages.ERROR, f"{world.meeting}: A meeting needs two parties before it can be verified.")
    ]
    world.meeting.refresh_from_db()
    assert world.meeting.status == "extracted"


# --------------------------------------------------------------------------- locked fields


def test_editing_the_format_locks_it_against_re_ingest(admin_client, admin_user, world):
    _post_change(admin_client, world.meeting, format="working_visit")
    world.meeting.refresh_from_db()
    assert world.meeting.format == "working_visit"
    assert world.meeting.locked_fields == ["format"]
    assert world.meeting.history.first().history_user == admin_user


def test_editing_the_date_locks_date_and_precision(admin_client, world):
    _post_change(admin_client, world.meeting, date="2024-05-02")
    world.meeting.refresh_from_db()
    assert world.meeting.date == date(2024, 5, 2)
    assert world.meeting.locked_fields == ["date", "date_precision"]


def test_saving_an_unchanged_meeting_locks_nothing_and_writes_no_history(admin_client, world):
    before = world.meeting.history.count()
    _post_change(admin_client, world.meeting)
    world.meeting.refresh_from_db()
    assert world.meeting.locked_fields == []
    assert world.meeting.history.count() == before


def test_changing_the_status_on_the_form_does_not_lock_anything(admin_client, world):
    _post_change(admin_client, world.meeting, status="verified")
    world.meeting.refresh_from_db()
    assert (world.meeting.status, world.meeting.locked_fields) == ("verified", [])


# --------------------------------------------------------------------------- rows a curator adds


def test_participant_added_through_the_inline_is_marked_as_curated(admin_client, world):
    data = form_data(admin_client.get(admin_url(world.meeting, "change")))
    _add_inline_row(data, "participants", raw_name="Shehbaz Sharif", title="Prime Minister", country="PAK")
    response = admin_client.post(admin_url(world.meeting, "change"), data)
    assert response.status_code == 302, _errors(response)
    added = world.meeting.participants.get(raw_name="Shehbaz Sharif")
    assert (added.origin, added.source, added.evidence) == ("curator", None, "")
    assert world.meeting.participants.get(pk=world.participant.pk).origin == "extracted"
    world.meeting.refresh_from_db()
    assert world.meeting.locked_fields == ["participants"]


def test_party_added_through_the_inline_is_curated_and_gets_its_bilateral_relations(admin_client, world):
    data = form_data(admin_client.get(admin_url(world.meeting, "change")))
    _add_inline_row(data, "parties", country="ARM")
    response = admin_client.post(admin_url(world.meeting, "change"), data)
    assert response.status_code == 302, _errors(response)
    assert world.meeting.parties.get(country="ARM").origin == "curator"
    assert {str(r) for r in models.BilateralRelation.objects.all()} == {"ARM-AZE", "ARM-PAK", "AZE-PAK"}


def test_source_added_through_the_inline_is_marked_as_added_by_a_curator(admin_client, world):
    data = form_data(admin_client.get(admin_url(world.meeting, "change")))
    _add_inline_row(data, "sources", article=str(world.other_article.pk))
    response = admin_client.post(admin_url(world.meeting, "change"), data)
    assert response.status_code == 302, _errors(response)
    assert world.meeting.sources.get(article=world.other_article).how == "curator"
    world.meeting.refresh_from_db()
    assert world.meeting.locked_fields == []  # a source is not a fact about the meeting


def test_deleting_an_extracted_sector_locks_the_sector_set(admin_client, world):
    data = form_data(admin_client.get(admin_url(world.meeting, "change")))
    data["sector_links-0-DELETE"] = "on"
    response = admin_client.post(admin_url(world.meeting, "change"), data)
    assert response.status_code == 302, _errors(response)
    world.meeting.refresh_from_db()
    assert list(world.meeting.sectors.all()) == []
    assert world.meeting.locked_fields == ["sectors"]


# --------------------------------------------------------------------------- articles and relations


def test_article_pasted_in_the_admin_is_hashed_like_ingest_and_stored_once(admin_client, world):
    data = form_data(admin_client.get(admin_url(models.Article, "add")))
    data.update(title="Ministers meet", text="The  ministers of Azerbaijan and Pakistan met\r\nin Baku. ")
    response = admin_client.post(admin_url(models.Article, "add"), data)
    assert response.status_code == 302, _errors(response)
    article = models.Article.objects.get(title="Ministers meet")
    assert article.text == "The ministers of Azerbaijan and Pakistan met\nin Baku."
    assert article.content_hash == content_hash(
        "Ministers meet", "The ministers of Azerbaijan and Pakistan met\nin Baku."
    )

    again = admin_client.post(admin_url(models.Article, "add"), {**data, "title": "Another headline"})
    assert again.status_code == 200
    assert f"This text is already stored as article #{article.pk}" in again.content.decode()


PASTED = (
    "Azerbaijan's Minister of Foreign Affairs Jeyhun Bayramov met Syed Yousuf Raza Gilani, Chairman of the "
    "Senate of Pakistan, on 3 May 2024. The two sides discussed cooperation in energy and tourism."
)


def test_article_pasted_in_the_admin_is_read_by_the_extractor_like_an_ingested_one(admin_client, world):
    data = form_data(admin_client.get(admin_url(models.Article, "add")))
    data.update(title="Bayramov meets Gilani again", text=PASTED, published="2024-05-04")
    response = admin_client.post(admin_url(models.Article, "add"), data, follow=True)
    article = models.Article.objects.get(title="Bayramov meets Gilani again")
    assert article.extractor_version
    meeting = models.Meeting.objects.get(sources__article=article)
    assert meeting.date == date(2024, 5, 3)
    assert sorted(meeting.countries.values_list("iso3", flat=True)) == ["AZE", "PAK"]
    # It lands on the meeting it produced, with one message saying so.
    assert response.redirect_chain[-1][0] == admin_url(meeting, "change")
    assert [str(m) for m in response.context["messages"]] == [f"Created meeting #{meeting.pk}."]


def test_read_again_action_runs_the_current_extractor_on_the_selected_articles(admin_client, world):
    article = models.Article.objects.create(
        title="Pasted before", text=PASTED, content_hash=content_hash("Pasted before", PASTED)
    )
    assert not models.Meeting.objects.filter(sources__article=article).exists()
    response = admin_client.post(
        admin_url(models.Article),
        {"action": "read_again", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "1 read, 0 updated, 0 unchanged, 1 with a new meeting" in response.content.decode()
    assert models.Meeting.objects.filter(sources__article=article).exists()


def test_bilateral_relation_entered_in_reverse_order_is_stored_in_order(admin_client, world):
    response = _post_add(admin_client, models.BilateralRelation, country_a="PAK", country_b="ARM")
    assert response.status_code == 302, _errors(response)
    assert models.BilateralRelation.objects.for_pair("PAK", "ARM").get().pair == "ARM-PAK"


def test_bilateral_relation_of_a_country_with_itself_is_refused(admin_client, world):
    response = _post_add(admin_client, models.BilateralRelation, country_a="ARM", country_b="ARM")
    assert response.status_code == 200
    assert "A bilateral relation needs two different countries." in response.content.decode()


def test_bilateral_relation_already_stored_in_the_other_order_is_refused(admin_client, world):
    response = _post_add(admin_client, models.BilateralRelation, country_a="PAK", country_b="AZE")
    assert response.status_code == 200
    assert models.BilateralRelation.objects.count() == 1


def test_bilateral_relation_list_shows_the_latest_level(admin_client, world):
    models.RelationLevel.objects.create(relation=world.relation, level="allied", stated_on=date(2020, 1, 1))
    models.RelationLevel.objects.create(relation=world.relation, level="friendly", stated_on=None)
    response = admin_client.get(admin_url(models.BilateralRelation))
    row = response.context["cl"].result_list[0]
    assert (row.current_level, row.level_count) == ("strategic_partnership", 3)
    assert "Strategic partnership" in response.content.decode()
