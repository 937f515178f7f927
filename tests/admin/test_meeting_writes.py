"""Issue 9: one write path. The meeting page, a participant's page and "Revert" all go through the
meeting services the API uses: the same invariants, the same messages, one version per save."""

from __future__ import annotations

from django.contrib.admin.models import LogEntry
from django.urls import reverse
from rest_framework.test import APIClient

from relations import models

from .conftest import EVIDENCE, admin_url, form_data


def _inline_row(data: dict, prefix: str, **fields: object) -> None:
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value


def _row_index(data: dict, prefix: str, pk: int) -> int:
    return next(i for i in range(int(data[f"{prefix}-TOTAL_FORMS"])) if data.get(f"{prefix}-{i}-id") == pk)


def _versions(meeting: models.Meeting) -> list:
    return list(meeting.history.order_by("-history_date", "-history_id"))


def test_an_inline_participant_of_a_country_that_is_no_party_is_refused_with_the_apis_message(
    admin_client, admin_user, world
):
    data = form_data(admin_client.get(admin_url(world.meeting, "change")))
    _inline_row(data, "participants", raw_name="Ararat Mirzoyan", country="ARM", title="Foreign Minister")
    data["location_city"] = "Lahore"
    versions = world.meeting.history.count()

    response = admin_client.post(admin_url(world.meeting, "change"), data)

    assert response.status_code == 200  # the page again, with what the curator typed
    assert response.context["adminform"].form.non_field_errors() == ["participants of ARM, not a party"]
    assert 'value="Ararat Mirzoyan"' in response.content.decode()
    world.meeting.refresh_from_db()
    assert (world.meeting.location_city, world.meeting.locked_fields) == ("Islamabad", [])
    assert not world.meeting.participants.filter(raw_name="Ararat Mirzoyan").exists()
    assert world.meeting.history.count() == versions
    api = APIClient()
    api.force_authenticate(admin_user)
    refused = api.patch(
        f"/api/meetings/{world.meeting.pk}/",
        {"participants": [{"name": "Ararat Mirzoyan", "country": "ARM"}]},
        format="json",
    )
    assert (refused.status_code, refused.json()) == (400, {"participants": ["participants of ARM, not a party"]})


def test_one_save_writes_one_version_whose_reason_lists_the_link_changes(admin_client, admin_user, world):
    data = form_data(admin_client.get(admin_url(world.meeting, "change")))
    data["location_city"] = "Lahore"
    data["sector_links-0-DELETE"] = "on"
    _inline_row(data, "forum_links", forum=str(world.un.pk))
    row = _row_index(data, "participants", world.unresolved.pk)
    data[f"participants-{row}-title"] = "Chairman of the Senate"
    versions = world.meeting.history.count()

    response = admin_client.post(admin_url(world.meeting, "change"), data)

    assert response.status_code == 302
    assert world.meeting.history.count() == versions + 1
    version = _versions(world.meeting)[0]
    assert (version.history_user, version.history_change_reason) == (
        admin_user,
        "city: Islamabad → Lahore; participant Syed Yousuf Raza Gilani: title changed; \u2212 sector Energy; + forum UN",
    )
    assert sorted(e["label"] for e in version.links["forums"]) == ["OIC", "UN"]
    assert LogEntry.objects.get(object_id=str(world.meeting.pk)).get_change_message() == version.history_change_reason
    world.meeting.refresh_from_db()
    assert world.meeting.locked_fields == ["location_country", "location_city", "participants", "sectors", "forums"]
    assert world.meeting.forum_links.get(forum=world.un).origin == "curator"


def test_revert_restores_the_versions_fields_and_links_as_one_new_version(admin_client, admin_user, world):
    original = _versions(world.meeting)[0]
    data = form_data(admin_client.get(admin_url(world.meeting, "change")))
    data.update(location_city="Lahore", format="phone_call")
    data["sector_links-0-DELETE"] = "on"
    data["parties-0-DELETE"] = "on"  # AZE: its participant goes too, or the edit is refused
    data[f"participants-{_row_index(data, 'participants', world.participant.pk)}-DELETE"] = "on"
    _inline_row(data, "parties", country="ARM")
    _inline_row(data, "forum_links", forum=str(world.un.pk))
    assert admin_client.post(admin_url(world.meeting, "change"), data).status_code == 302
    assert sorted(world.meeting.parties.values_list("country_id", flat=True)) == ["ARM", "PAK"]
    versions = world.meeting.history.count()

    url = reverse("admin:relations_meeting_simple_history", args=[world.meeting.pk, original.history_id])
    page = admin_client.get(url)
    revert = {name: value for name, value in form_data_of(page).items()}
    response = admin_client.post(url, revert)

    assert response.status_code == 302
    world.meeting.refresh_from_db()
    assert (world.meeting.location_city, world.meeting.format) == ("Islamabad", "official_visit")
    assert sorted(world.meeting.parties.values_list("country_id", flat=True)) == ["AZE", "PAK"]
    assert world.meeting.party_key == "AZE-PAK"
    assert list(world.meeting.forums.values_list("acronym", flat=True)) == ["OIC"]
    sector = world.meeting.sector_links.get()
    # The restored rows come back with the evidence they had.
    assert (sector.sector, sector.origin, sector.source, sector.evidence) == (
        world.energy,
        "extracted",
        world.article,
        EVIDENCE["sector"],
    )
    assert world.meeting.participants.get(official=world.bayramov).evidence == EVIDENCE["participant"]
    assert world.meeting.history.count() == versions + 1
    version = _versions(world.meeting)[0]
    assert version.history_user == admin_user
    assert version.history_change_reason.startswith("Reverted to the version of ")
    # ... and says what the revert changed, links included.
    for change in ("city: Lahore → Islamabad", "+ party Azerbaijan", "\u2212 party Armenia", "+ sector Energy"):
        assert change in version.history_change_reason, version.history_change_reason


def form_data_of(response) -> dict:  # type: ignore[no-untyped-def]
    """The POST body of a history ("Revert") page: its one form, as shown."""
    data: dict = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[form.add_prefix(name)] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def test_a_participants_own_page_edits_it_through_the_meeting_service(admin_client, admin_user, world):
    url = admin_url(world.unresolved, "change")
    data = {
        "raw_name": "Syed Yousuf Raza Gilani",
        "official": str(world.gilani.pk),
        "country": "PAK",
        "title": "Acting President",
    }

    assert admin_client.post(url, data).status_code == 302

    world.unresolved.refresh_from_db()
    assert world.unresolved.official == world.gilani
    world.meeting.refresh_from_db()
    assert world.meeting.locked_fields == ["participants"]
    version = _versions(world.meeting)[0]
    assert (version.history_user, version.history_change_reason) == (
        admin_user,
        "participant Syed Yousuf Raza Gilani: official changed",
    )


def test_a_participants_own_page_refuses_a_country_that_is_no_party(admin_client, world):
    data = {"raw_name": "Syed Yousuf Raza Gilani", "official": "", "country": "ARM", "title": "Acting President"}

    response = admin_client.post(admin_url(world.unresolved, "change"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == ["participants of ARM, not a party"]
    world.unresolved.refresh_from_db()
    assert world.unresolved.country_id == "PAK"


def test_deleting_a_meeting_records_that_its_articles_were_taken_off_it(admin_client, admin_user, world):
    response = admin_client.post(admin_url(world.meeting, "delete"), {"post": "yes"})

    assert response.status_code == 302
    assert not models.Meeting.objects.filter(pk=world.meeting.pk).exists()
    decision = models.CuratorDecision.objects.get(scope="meetingsource")
    assert (decision.kind, decision.owner, decision.item, decision.user) == (
        "removed",
        str(world.article.pk),
        str(world.meeting.pk),
        admin_user,
    )


def test_a_meeting_added_in_the_admin_is_created_by_the_service_with_its_links(admin_client, admin_user, world):
    data = form_data(admin_client.get(admin_url(models.Meeting, "add")))
    data.update(title="Talks in Yerevan", date="2024-06-01", date_precision="day", format="talks", status="extracted")
    _inline_row(data, "parties", country="ARM")
    _inline_row(data, "parties", country="AZE")
    _inline_row(data, "sector_links", sector=str(world.tourism.pk))

    response = admin_client.post(admin_url(models.Meeting, "add"), data)

    assert response.status_code == 302
    meeting = models.Meeting.objects.get(title="Talks in Yerevan")
    assert (meeting.party_key, list(meeting.sectors.values_list("slug", flat=True))) == ("ARM-AZE", ["tourism"])
    assert "countries" in meeting.locked_fields and "sectors" in meeting.locked_fields
    version = meeting.history.get()
    assert (version.history_type, version.history_user) == ("+", admin_user)
    assert models.BilateralRelation.objects.for_pair("ARM", "AZE").exists()


def test_a_meeting_added_with_one_country_is_refused_with_the_services_message(admin_client, world):
    data = form_data(admin_client.get(admin_url(models.Meeting, "add")))
    data.update(title="Talks in Yerevan", format="talks", date_precision="unknown", status="extracted")
    _inline_row(data, "parties", country="ARM")

    response = admin_client.post(admin_url(models.Meeting, "add"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == ["a meeting needs at least two different countries"]
    assert not models.Meeting.objects.filter(title="Talks in Yerevan").exists()
