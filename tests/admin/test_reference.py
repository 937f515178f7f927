"""Curating reference data: a forum's members, a country's names and memberships."""

from __future__ import annotations

from relations import models

from .conftest import admin_url, form_data


def test_forum_page_lists_members_read_only_with_a_link_to_each(admin_client, world):
    response = admin_client.get(admin_url(world.oic, "change"))
    html = response.content.decode()
    listed, adding = response.context["inline_admin_formsets"]
    assert [form.instance.country_id for form in listed.formset.forms] == ["AZE", "PAK"]
    assert adding.formset.forms == []
    assert f'name="{listed.formset.prefix}-0-country"' not in html
    assert admin_url(world.membership, "change") in html


def test_member_is_added_to_a_forum_through_the_add_rows(admin_client, world):
    response = admin_client.get(admin_url(world.oic, "change"))
    prefix = response.context["inline_admin_formsets"][1].formset.prefix
    data = form_data(response)
    data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-country": "ARM", f"{prefix}-0-status": "observer"})
    response = admin_client.post(admin_url(world.oic, "change"), data)
    assert response.status_code == 302
    assert models.ForumMembership.objects.get(forum=world.oic, country="ARM").status == "observer"
    assert world.oic.memberships.count() == 3


def test_country_page_edits_names_and_memberships_inline(admin_client, world):
    response = admin_client.get(admin_url(world.aze, "change"))
    names, memberships = response.context["inline_admin_formsets"]
    assert [form.instance.name for form in names.formset.forms] == ["Azerbaijani"]
    assert [form.instance.forum.acronym for form in memberships.formset.forms] == ["OIC"]
    data = form_data(response)
    data.update({"names-TOTAL_FORMS": "2", "names-1-name": "Azeri", "names-1-kind": "demonym"})
    assert admin_client.post(admin_url(world.aze, "change"), data).status_code == 302
    assert sorted(world.aze.names.values_list("name", flat=True)) == ["Azerbaijani", "Azeri"]
