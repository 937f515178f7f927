from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class RelationsConfig(AppConfig):
    default = True  # the app's own config; RelationsAdminConfig below is named in INSTALLED_APPS
    name = "relations"
    verbose_name = "Bilateral relations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The lists' links come from PostgreSQL as `json` (json_agg), which psycopg decodes in Python:
        # orjson decodes the 500 values of a 100-meeting page in a sixth of the time (issue 10).
        # Django reads its own jsonb columns (JSONField) itself; this touches only `json` results.
        import orjson
        from psycopg.types.json import set_json_loads

        set_json_loads(orjson.loads)


class RelationsAdminConfig(admin_apps.AdminConfig):
    """The Django admin, with the index grouped by what curators do (relations.admin_site)."""

    default = False  # relations.apps names RelationsConfig as the app's own
    default_site = "relations.admin_site.RelationsAdminSite"
