"""A search document per meeting, kept in step by PostgreSQL triggers (issue 10).

The `q` filter searched meetings' title and summary and, through the sources, their articles: two
GIN searches whose results PostgreSQL had to hash and join through all 165,000 source rows at
100,000 meetings, for the count and again for the page (0.8 s). One tsvector per meeting over its
title, summary and articles (the first 200,000 characters of each, as the article index) is one
GIN lookup, with statistics the planner can estimate from.

The document is derived data, like an index: statement-level triggers with transition tables
refresh it on every write to meetings (title, summary), their sources and articles (title, text),
whichever code writes (services, admin, bulk loads, COPY). On other databases the table stays
empty and the search reads the tables themselves (relations.selectors.meeting_search).
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

CONFIG = "english"  # relations.selectors.SEARCH_CONFIG
ARTICLE_CHARS = 200_000  # relations.selectors.SEARCH_ARTICLE_CHARS

CREATE = f"""
-- The document of one meeting: its title and summary, then each source article's title and start.
-- A tsvector holds at most 1 MB: a meeting whose articles together overflow it keeps their first
-- {ARTICLE_CHARS} characters (relations_meetingsearch_refresh retries with that cap).
CREATE FUNCTION relations_meetingsearch_document(meeting_id bigint, title text, summary text, total_chars integer)
RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT to_tsvector('{CONFIG}'::regconfig, left(concat_ws(' ', $2, $3, (
        SELECT string_agg(concat_ws(' ', a.title, left(a.text, {ARTICLE_CHARS})), ' ' ORDER BY s.id)
        FROM relations_meetingsource s JOIN relations_article a ON a.id = s.article_id
        WHERE s.meeting_id = $1
    )), $4))
$$;

CREATE FUNCTION relations_meetingsearch_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    DELETE FROM relations_meetingsearchdocument d
    WHERE d.meeting_id = ANY (ids) AND NOT EXISTS (SELECT FROM relations_meeting m WHERE m.id = d.meeting_id);
    BEGIN
        INSERT INTO relations_meetingsearchdocument (meeting_id, document)
        SELECT m.id, relations_meetingsearch_document(m.id, m.title, m.summary, 2147483647)
        FROM relations_meeting m WHERE m.id = ANY (ids)
        ON CONFLICT (meeting_id) DO UPDATE SET document = EXCLUDED.document;
    EXCEPTION WHEN program_limit_exceeded THEN
        INSERT INTO relations_meetingsearchdocument (meeting_id, document)
        SELECT m.id, relations_meetingsearch_document(m.id, m.title, m.summary, {ARTICLE_CHARS})
        FROM relations_meeting m WHERE m.id = ANY (ids)
        ON CONFLICT (meeting_id) DO UPDATE SET document = EXCLUDED.document;
    END;
END $$;

CREATE FUNCTION relations_meetingsearch_on_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM relations_meetingsearch_refresh(ARRAY(SELECT id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM relations_meetingsearch_refresh(ARRAY(
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE n.title IS DISTINCT FROM o.title OR n.summary IS DISTINCT FROM o.summary
        ));
    ELSE
        DELETE FROM relations_meetingsearchdocument WHERE meeting_id IN (SELECT id FROM old_rows);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION relations_meetingsearch_on_source() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM relations_meetingsearch_refresh(ARRAY(SELECT DISTINCT meeting_id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM relations_meetingsearch_refresh(ARRAY(
            SELECT unnest(ARRAY[n.meeting_id, o.meeting_id]) FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE n.meeting_id <> o.meeting_id OR n.article_id <> o.article_id
        ));
    ELSE
        PERFORM relations_meetingsearch_refresh(ARRAY(SELECT DISTINCT meeting_id FROM old_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION relations_meetingsearch_on_article() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM relations_meetingsearch_refresh(ARRAY(
            SELECT DISTINCT s.meeting_id FROM relations_meetingsource s JOIN new_rows n ON n.id = s.article_id
        ));
    ELSE
        PERFORM relations_meetingsearch_refresh(ARRAY(
            SELECT DISTINCT s.meeting_id FROM relations_meetingsource s
            JOIN new_rows n ON n.id = s.article_id JOIN old_rows o ON o.id = n.id
            WHERE n.title IS DISTINCT FROM o.title OR n.text IS DISTINCT FROM o.text
        ));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER relations_meetingsearch_meeting_insert AFTER INSERT ON relations_meeting
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relations_meetingsearch_on_meeting();
CREATE TRIGGER relations_meetingsearch_meeting_update AFTER UPDATE ON relations_meeting
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION relations_meetingsearch_on_meeting();
CREATE TRIGGER relations_meetingsearch_meeting_delete AFTER DELETE ON relations_meeting
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION relations_meetingsearch_on_meeting();
CREATE TRIGGER relations_meetingsearch_source_insert AFTER INSERT ON relations_meetingsource
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relations_meetingsearch_on_source();
CREATE TRIGGER relations_meetingsearch_source_update AFTER UPDATE ON relations_meetingsource
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION relations_meetingsearch_on_source();
CREATE TRIGGER relations_meetingsearch_source_delete AFTER DELETE ON relations_meetingsource
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION relations_meetingsearch_on_source();
CREATE TRIGGER relations_meetingsearch_article_insert AFTER INSERT ON relations_article
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relations_meetingsearch_on_article();
CREATE TRIGGER relations_meetingsearch_article_update AFTER UPDATE ON relations_article
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION relations_meetingsearch_on_article();

CREATE INDEX meeting_search_document_idx ON relations_meetingsearchdocument USING gin (document);
SELECT relations_meetingsearch_refresh(ARRAY(SELECT id FROM relations_meeting));
ANALYZE relations_meetingsearchdocument;
"""

DROP = """
DROP TRIGGER relations_meetingsearch_meeting_insert ON relations_meeting;
DROP TRIGGER relations_meetingsearch_meeting_update ON relations_meeting;
DROP TRIGGER relations_meetingsearch_meeting_delete ON relations_meeting;
DROP TRIGGER relations_meetingsearch_source_insert ON relations_meetingsource;
DROP TRIGGER relations_meetingsearch_source_update ON relations_meetingsource;
DROP TRIGGER relations_meetingsearch_source_delete ON relations_meetingsource;
DROP TRIGGER relations_meetingsearch_article_insert ON relations_article;
DROP TRIGGER relations_meetingsearch_article_update ON relations_article;
DROP FUNCTION relations_meetingsearch_on_meeting();
DROP FUNCTION relations_meetingsearch_on_source();
DROP FUNCTION relations_meetingsearch_on_article();
DROP FUNCTION relations_meetingsearch_refresh(bigint[]);
DROP FUNCTION relations_meetingsearch_document(bigint, text, text, integer);
DROP INDEX meeting_search_document_idx;
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):

    dependencies = [
        ('relations', '0011_meetingpair_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='MeetingSearchDocument',
            fields=[
                ('meeting', models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to='relations.meeting')),
                ('document', django.contrib.postgres.search.SearchVectorField()),
            ],
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
