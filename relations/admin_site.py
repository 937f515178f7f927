"""The admin site: its index and sidebar grouped by what people do, with the review queue first.

Django lists every registered model of an app in one flat list (17 here, with the link tables
that are only meaningful on a meeting's page). GROUPS says which models each group lists, in
order; the link tables stay registered (their pages, searches and the inlines work) but are not
listed on their own. A model registered later and named in no group (say, a Feed) is listed
under "Other", so nothing registered is ever hidden by accident; to place it, add its model
name to a group.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.urls import reverse

# (group name, the lower-case model names it lists, in order)
GROUPS: list[tuple[str, list[str]]] = [
    ("Curation", ["article", "meeting", "official", "bilateralrelation", "curatordecision", "feed", "feedpoll"]),
    ("Reference data", ["country", "forum", "cooperationsector", "forummembership"]),
    ("Users and logins", ["user", "group", "tokenproxy", "accessattempt", "accessfailurelog", "accesslog"]),
]
# Rows that belong to one meeting, official, country or relation: edited there, as inlines.
INTERNAL = {
    "meetingcountry",
    "meetingparticipant",
    "meetingsector",
    "meetingforum",
    "meetingsource",
    "countryname",
    "officialname",
    "position",
    "relationlevel",
}


class RelationsAdminSite(admin.AdminSite):
    site_header = "Bilateral relations"
    site_title = "Bilateral relations"
    index_title = "Curation"

    def get_app_list(self, request, app_label=None):  # type: ignore[no-untyped-def]
        apps = super().get_app_list(request, app_label)
        if app_label is not None:  # an app's own index page lists its models as Django does
            return apps
        models = {m["object_name"].lower(): (app, m) for app in apps for m in app["models"]}
        grouped: list[dict[str, Any]] = []
        placed: set[str] = set(INTERNAL)
        for name, wanted in GROUPS:
            rows = [models[key] for key in wanted if key in models]
            placed |= set(wanted)
            if rows:
                grouped.append(self._group(name, rows))
        other = [row for key, row in models.items() if key not in placed]
        if other:
            grouped.append(self._group("Other", other))
        queue = self._review_entry(request)
        if queue and grouped and grouped[0]["name"] == "Curation":
            grouped[0]["models"].insert(0, queue)
        return grouped

    @staticmethod
    def _group(name: str, rows: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
        app = rows[0][0]
        return {
            "name": name,
            "app_label": name.lower().replace(" ", "-"),
            "app_url": app["app_url"],
            "has_module_perms": True,
            "models": [model for _, model in rows],
        }

    @staticmethod
    def _review_entry(request) -> dict[str, Any] | None:  # type: ignore[no-untyped-def]
        """The "To review" line: a link to the queue, with how many meetings wait."""
        if not request.user.has_perm("relations.view_meeting"):
            return None
        from relations import selectors

        # Counted on the index only: the sidebar lists the apps on every admin page, which would count too.
        on_index = getattr(request.resolver_match, "url_name", None) == "index"
        count = selectors.review_count() if on_index else None
        return {
            "name": "To review" if count is None else f"To review ({count})",
            "object_name": "ReviewQueue",
            "admin_url": reverse("admin:relations_meeting_review"),
            "add_url": None,
            "view_only": True,
            "perms": {"view": True},
            "count": count,
        }
