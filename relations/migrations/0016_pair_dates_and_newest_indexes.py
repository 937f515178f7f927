from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def newest_indexes():
    """A pair's newest meetings and latest levels as PostgreSQL indexes (NULLS LAST, which SQLite cannot index)."""
    from django.db.models import F, Index

    return [
        (
            "meetingpair",
            Index(
                F("relation"), F("meeting_date").desc(nulls_last=True), F("meeting").desc(), name="meetingpair_newest"
            ),
        ),
        (
            "relationlevel",
            Index(F("relation"), F("stated_on").desc(nulls_last=True), F("id").desc(), name="relationlevel_latest"),
        ),
    ]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model_name, index in newest_indexes():
            schema_editor.add_index(apps.get_model("relations", model_name), index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model_name, index in newest_indexes():
            schema_editor.remove_index(apps.get_model("relations", model_name), index)


def copy_dates(apps, schema_editor):
    """The pairs of the meetings already stored take their meeting's date (later writes keep it, services.aggregates)."""
    Meeting = apps.get_model("relations", "Meeting")
    MeetingPair = apps.get_model("relations", "MeetingPair")
    MeetingPair.objects.update(
        meeting_date=Subquery(Meeting.objects.filter(pk=OuterRef("meeting_id")).values("date")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("relations", "0015_feeds_and_fetched_articles"),
    ]

    operations = [
        migrations.AddField(
            model_name="meetingpair",
            name="meeting_date",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RunPython(copy_dates, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(add_indexes, remove_indexes),
    ]
