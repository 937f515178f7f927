"""Full-text search: GIN expression indexes over meeting and article text (PostgreSQL only).

The expressions match relations.selectors.meeting_search_vector/article_search_vector, so the
`q` filter uses them. Other databases get no index; their search falls back to icontains.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models.functions import Left


def indexes():
    return [
        ("meeting", GinIndex(SearchVector("title", "summary", config="english"), name="meeting_search_idx")),
        ("article", GinIndex(SearchVector("title", Left("text", 200_000), config="english"), name="article_search_idx")),
    ]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in indexes():
        schema_editor.add_index(apps.get_model("relations", model_name), index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in indexes():
        schema_editor.remove_index(apps.get_model("relations", model_name), index)


class Migration(migrations.Migration):
    dependencies = [
        ("relations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_indexes, remove_indexes, elidable=False),
    ]
