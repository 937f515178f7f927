from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class RelationsConfig(AppConfig):
    default = True  # the app's own config; RelationsAdminConfig below is named in INSTALLED_APPS
    name = "relations"
    verbose_name = "Bilateral relations"
    default_auto_field = "django.db.models.BigAutoField"


class RelationsAdminConfig(admin_apps.AdminConfig):
    """The Django admin, with the index grouped by what curators do (relations.admin_site)."""

    default = False  # relations.apps names RelationsConfig as the app's own
    default_site = "relations.admin_site.RelationsAdminSite"
