"""The PostgreSQL schema: the same tables, columns and indexes as ``migrations.py`` (one
migration per SQLite migration, so both backends report the same schema version).

Differences, each for a reason:

* every table ends with ``rowid BIGINT GENERATED ALWAYS AS IDENTITY``: the shared SQL orders
  by SQLite's implicit ``rowid`` (insertion order) and inserts without column lists, which in
  PostgreSQL fill the leading columns and leave the trailing identity to its default;
* full-text search is a generated ``tsvector`` column with a GIN index (PostgreSQL's FTS);
* ``mentions.confident`` is BOOLEAN (psycopg sends Python bools as booleans);
* foreign keys are checked at commit (see ``_deferred``).
"""

from __future__ import annotations

import re

from heron.store.migrations import (
    ACTOR_COUNTS_AND_QUOTE_INDEX,
    EVENT_INDEXES_AND_PARTICIPANTS,
    PARTICIPANT_AND_ACTOR_INDEXES,
    PARTICIPANT_DAY_COLUMNS,
    PARTICIPANT_DAY_INDEX,
    PARTICIPANT_PAGE_INDEX,
    PARTICIPANT_ROWID_COLUMN,
    V5_COVERING,
)

ROWID = "rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE"

V1 = f"""
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    title TEXT, published TEXT, published_source TEXT, outlet TEXT, url TEXT, author TEXT,
    source TEXT NOT NULL,
    text TEXT NOT NULL, raw_text TEXT NOT NULL, removed TEXT NOT NULL DEFAULT '[]',
    content_hash TEXT NOT NULL, simhash BIGINT NOT NULL,
    duplicate_of TEXT REFERENCES articles(id), duplicate_kind TEXT,
    analysed INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL,
    {ROWID},
    fts tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', text), 'B')) STORED
);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_pending ON articles(analysed) WHERE analysed = 0;
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_fts ON articles USING GIN (fts);
CREATE TABLE article_sources (
    content_hash TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (content_hash, source)
);
CREATE TABLE simhash_bands (
    band INTEGER NOT NULL, value BIGINT NOT NULL, article_id TEXT NOT NULL,
    PRIMARY KEY (band, value, article_id)
);
CREATE TABLE analyses (article_id TEXT PRIMARY KEY REFERENCES articles(id),
                       sentences TEXT NOT NULL, {ROWID});
CREATE TABLE mentions (
    id TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id), actor_id TEXT,
    text TEXT NOT NULL, kind TEXT, confident BOOLEAN, data TEXT NOT NULL, {ROWID}
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_actor ON mentions(actor_id);
CREATE TABLE timexes (
    article_id TEXT NOT NULL REFERENCES articles(id), start INTEGER, value TEXT, precision TEXT,
    data TEXT NOT NULL, {ROWID}
);
CREATE INDEX timexes_article ON timexes(article_id);
CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles(id), name TEXT, country TEXT,
    data TEXT NOT NULL, {ROWID}
);
CREATE INDEX places_article ON places(article_id);
CREATE TABLE events (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id), event_type TEXT,
    status TEXT, date TEXT, data TEXT NOT NULL, {ROWID}
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_type_date ON events(event_type, date);
CREATE TABLE quotes (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id), speaker_id TEXT,
    data TEXT NOT NULL, {ROWID}
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE TABLE actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT, sector TEXT, kind TEXT, kb_id TEXT,
    {ROWID}
);
"""

V2 = f"""
ALTER TABLE articles ADD COLUMN fused INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_unfused ON articles(fused) WHERE fused = 0;
CREATE TABLE stories (
    id TEXT PRIMARY KEY, label TEXT NOT NULL, first_date TEXT, last_date TEXT,
    n_articles INTEGER NOT NULL DEFAULT 0, n_events INTEGER NOT NULL DEFAULT 0,
    n_contradictions INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL, {ROWID}
);
CREATE INDEX stories_size ON stories(n_articles);
CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id), story_id TEXT NOT NULL REFERENCES stories(id),
    date TEXT, score DOUBLE PRECISION, source TEXT NOT NULL, {ROWID}
);
CREATE INDEX story_articles_story ON story_articles(story_id, source);
CREATE TABLE story_keys (
    key TEXT NOT NULL, story_id TEXT NOT NULL, date TEXT, PRIMARY KEY (key, story_id)
);
CREATE INDEX story_keys_date ON story_keys(key, date);
CREATE INDEX story_keys_story ON story_keys(story_id);
CREATE TABLE fusion_df (key TEXT PRIMARY KEY, df INTEGER NOT NULL);
CREATE TABLE fused_events (
    id TEXT PRIMARY KEY, story_id TEXT NOT NULL REFERENCES stories(id), family TEXT NOT NULL,
    event_type TEXT, date TEXT, planned INTEGER, n_outlets INTEGER, n_sources INTEGER,
    first_reported TEXT, data TEXT NOT NULL, {ROWID}
);
CREATE INDEX fused_events_block ON fused_events(story_id, family, date);
CREATE TABLE fused_event_sources (
    event_id TEXT PRIMARY KEY, fused_id TEXT NOT NULL REFERENCES fused_events(id),
    article_id TEXT NOT NULL, outlet TEXT, {ROWID}
);
CREATE INDEX fused_event_sources_fused ON fused_event_sources(fused_id);
CREATE INDEX fused_event_sources_article ON fused_event_sources(article_id);
CREATE TABLE claims (
    id TEXT PRIMARY KEY, story_id TEXT NOT NULL REFERENCES stories(id), speaker_id TEXT,
    n_outlets INTEGER, n_sources INTEGER, data TEXT NOT NULL, {ROWID}
);
CREATE INDEX claims_block ON claims(story_id, speaker_id);
CREATE TABLE contradictions (
    id TEXT PRIMARY KEY, story_id TEXT NOT NULL REFERENCES stories(id), fused_event_id TEXT,
    claim_id TEXT, attribute TEXT NOT NULL, data TEXT NOT NULL, {ROWID}
);
CREATE INDEX contradictions_story ON contradictions(story_id);
CREATE INDEX contradictions_fused ON contradictions(fused_event_id);
CREATE INDEX contradictions_claim ON contradictions(claim_id);
"""

# Per-document failure isolation (as migrations.V3_FAILURES). ``articles`` is always written
# with a column list, so its new columns may follow the identity column.
V3 = """
ALTER TABLE articles ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN failed_stage TEXT;
ALTER TABLE articles ADD COLUMN failure TEXT;
CREATE INDEX articles_failed ON articles(failed_stage) WHERE failed_stage IS NOT NULL;
"""

# events.confidence must precede the identity column: inserts list values without column names.
V4 = """
ALTER TABLE events DROP COLUMN rowid;
ALTER TABLE events ADD COLUMN confidence DOUBLE PRECISION;
ALTER TABLE events ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE;
UPDATE events SET confidence = (data::jsonb ->> 'confidence')::double precision;
""" + EVENT_INDEXES_AND_PARTICIPANTS + """
INSERT INTO event_participants
    SELECT e.id, e.article_id, r.role, p ->> 'actor_id', p ->> 'country'
    FROM events e, (VALUES ('actors'), ('recipients')) AS r(role),
         jsonb_array_elements(e.data::jsonb -> r.role) AS p;""" + PARTICIPANT_AND_ACTOR_INDEXES + """
ALTER TABLE quotes ADD COLUMN confidence DOUBLE PRECISION;
ALTER TABLE quotes ADD COLUMN negated BOOLEAN;
UPDATE quotes SET confidence = (data::jsonb ->> 'confidence')::double precision,
                  negated = (data::jsonb ->> 'negated')::boolean;
"""

V5 = V5_COVERING  # plain DDL, valid in both dialects

V6 = PARTICIPANT_DAY_COLUMNS + """
UPDATE event_participants p SET date = e.date, event_type = e.event_type, status = e.status
    FROM events e WHERE e.id = p.event_id;
""" + PARTICIPANT_DAY_INDEX

V7 = PARTICIPANT_ROWID_COLUMN + """
UPDATE event_participants p SET event_rowid = e.rowid FROM events e WHERE e.id = p.event_id;
""" + PARTICIPANT_PAGE_INDEX.format(nulls_first=" NULLS FIRST") + ACTOR_COUNTS_AND_QUOTE_INDEX

# The shared SQL sorts undated rows as SQLite does (migrations.V8_NULL_ORDER): each date index
# declares that order, so a page or a story's candidate list is still one index range.
V8 = """
DROP INDEX articles_published;
CREATE INDEX articles_published ON articles(published NULLS FIRST);
DROP INDEX events_type_date;
CREATE INDEX events_type_date ON events(event_type, date NULLS FIRST);
DROP INDEX events_date;
CREATE INDEX events_date ON events(date NULLS FIRST);
DROP INDEX events_status;
CREATE INDEX events_status ON events(status, date NULLS FIRST);
DROP INDEX story_keys_date;
CREATE INDEX story_keys_date ON story_keys(key, date NULLS FIRST);
"""

# Foreign keys are checked at commit: the shared SQL's ``INSERT OR REPLACE`` (delete, then insert
# the same key) is valid inside a transaction, as it is in SQLite.
_FK = re.compile(r"(REFERENCES \w+\(\w+\))")


def _deferred(script: str) -> str:
    return _FK.sub(r"\1 DEFERRABLE INITIALLY DEFERRED", script)


PG_MIGRATIONS: list[str] = [_deferred(v) for v in (V1, V2, V3, V4, V5, V6, V7, V8)]
