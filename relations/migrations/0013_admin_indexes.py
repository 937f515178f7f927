"""Indexes for the admin's changelists at volume (issue 10).

- Full-text GIN indexes (PostgreSQL only) for the admin's meeting search, which matched article
  titles and participant names with a case-insensitive LIKE, reading every row: 165,000
  articles and 296,000 participants at 100,000 meetings. Their expressions must stay identical
  to relations.admin.search.article_title_vector/participant_name_vector, or PostgreSQL stops
  using them. Other databases get no index; their search falls back to icontains.
- article (published, id): the article list's order (read backwards) and its years; article
  (publisher): its list of publishers, one index probe each. Both read all articles before.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models


def indexes():
    return [
        ("article", GinIndex(SearchVector("title", config="english"), name="article_title_search_idx")),
        ("meetingparticipant", GinIndex(SearchVector("raw_name", config="simple"), name="participant_name_search_idx")),
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
        ("relations", "0012_meeting_search_document"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["published", "id"], name="article_published_idx"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["publisher"], name="article_publisher_idx"),
        ),
        migrations.RunPython(add_indexes, remove_indexes, elidable=False),
    ]
