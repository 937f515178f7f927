from django.apps import AppConfig


class RelationsConfig(AppConfig):
    name = "relations"
    verbose_name = "Bilateral relations"
    default_auto_field = "django.db.models.BigAutoField"
