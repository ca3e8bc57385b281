"""Schema migrations, applied in order; ``PRAGMA user_version`` records how many ran.

Never edit a released migration: append a new one.
"""

from __future__ import annotations

V1_ARTICLES = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    title TEXT, published TEXT, published_source TEXT, outlet TEXT, url TEXT, author TEXT,
    source TEXT NOT NULL,
    text TEXT NOT NULL, raw_text TEXT NOT NULL, removed TEXT NOT NULL DEFAULT '[]',
    content_hash TEXT NOT NULL, simhash INTEGER NOT NULL,
    duplicate_of TEXT REFERENCES articles(id), duplicate_kind TEXT,
    analysed INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_pending ON articles(analysed) WHERE analysed = 0;
CREATE INDEX articles_published ON articles(published);
CREATE TABLE article_sources (
    content_hash TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (content_hash, source)
) WITHOUT ROWID;
CREATE TABLE simhash_bands (
    band INTEGER NOT NULL, value INTEGER NOT NULL, article_id TEXT NOT NULL,
    PRIMARY KEY (band, value, article_id)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
"""

V1_ANALYSIS = """
CREATE TABLE analyses (article_id TEXT PRIMARY KEY REFERENCES articles(id), sentences TEXT NOT NULL);
CREATE TABLE mentions (
    id TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id), actor_id TEXT,
    text TEXT NOT NULL, kind TEXT, confident INTEGER, data TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_actor ON mentions(actor_id);
CREATE TABLE timexes (
    article_id TEXT NOT NULL REFERENCES articles(id), start INTEGER, value TEXT, precision TEXT,
    data TEXT NOT NULL
);
CREATE INDEX timexes_article ON timexes(article_id);
CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles(id), name TEXT, country TEXT, data TEXT NOT NULL
);
CREATE INDEX places_article ON places(article_id);
CREATE TABLE events (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id), event_type TEXT,
    status TEXT, date TEXT, data TEXT NOT NULL
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_type_date ON events(event_type, date);
CREATE TABLE quotes (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id), speaker_id TEXT,
    data TEXT NOT NULL
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE TABLE actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT, sector TEXT, kind TEXT, kb_id TEXT
);
"""

# Cross-outlet fusion (heron.fuse). ``story_keys`` is the blocking index: a new article only
# meets the stories that share one of its rarest keys within the date window, so its cost does
# not grow with the corpus; ``fusion_df`` holds key document frequencies for TF-IDF weights.
V2_FUSION = """
ALTER TABLE articles ADD COLUMN fused INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_unfused ON articles(fused) WHERE fused = 0;
CREATE TABLE stories (
    id TEXT PRIMARY KEY, label TEXT NOT NULL, first_date TEXT, last_date TEXT,
    n_articles INTEGER NOT NULL DEFAULT 0, n_events INTEGER NOT NULL DEFAULT 0,
    n_contradictions INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL
);
CREATE INDEX stories_size ON stories(n_articles);
CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id), story_id TEXT NOT NULL REFERENCES stories(id),
    date TEXT, score REAL, source TEXT NOT NULL
);
CREATE INDEX story_articles_story ON story_articles(story_id, source);
CREATE TABLE story_keys (
    key TEXT NOT NULL, story_id TEXT NOT NULL, date TEXT, PRIMARY KEY (key, story_id)
) WITHOUT ROWID;
CREATE INDEX story_keys_date ON story_keys(key, date);
CREATE INDEX story_keys_story ON story_keys(story_id);
CREATE TABLE fusion_df (key TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE fused_events (
    id TEXT PRIMARY KEY, story_id TEXT NOT NULL REFERENCES stories(id), family TEXT NOT NULL,
    event_type TEXT, date TEXT, planned INTEGER, n_outlets INTEGER, n_sources INTEGER,
    first_reported TEXT, data TEXT NOT NULL
);
CREATE INDEX fused_events_block ON fused_events(story_id, family, date);
CREATE TABLE fused_event_sources (
    event_id TEXT PRIMARY KEY, fused_id TEXT NOT NULL REFERENCES fused_events(id),
    article_id TEXT NOT NULL, outlet TEXT
);
CREATE INDEX fused_event_sources_fused ON fused_event_sources(fused_id);
CREATE INDEX fused_event_sources_article ON fused_event_sources(article_id);
CREATE TABLE claims (
    id TEXT PRIMARY KEY, story_id TEXT NOT NULL REFERENCES stories(id), speaker_id TEXT,
    n_outlets INTEGER, n_sources INTEGER, data TEXT NOT NULL
);
CREATE INDEX claims_block ON claims(story_id, speaker_id);
CREATE TABLE contradictions (
    id TEXT PRIMARY KEY, story_id TEXT NOT NULL REFERENCES stories(id), fused_event_id TEXT,
    claim_id TEXT, attribute TEXT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX contradictions_story ON contradictions(story_id);
CREATE INDEX contradictions_fused ON contradictions(fused_event_id);
CREATE INDEX contradictions_claim ON contradictions(claim_id);
"""

# Per-document failure isolation: a document whose analysis or fusion raised keeps the stage
# and reason; ``attempts`` counts failed tries of that stage (a run retries it once, then it
# stays marked and is skipped, so no document can block the ones after it).
V3_FAILURES = """
ALTER TABLE articles ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN failed_stage TEXT;
ALTER TABLE articles ADD COLUMN failure TEXT;
CREATE INDEX articles_failed ON articles(failed_stage) WHERE failed_stage IS NOT NULL;
"""

# Queries that scale (issue #16): what the pages and the API filter on is an indexed column, never
# a scan of event JSON. ``event_participants`` holds one row per actor/recipient of each event
# (filled at save_analysis; back-filled here from the stored JSON); quotes keep the confidence and
# negation their default filter reads as columns too.
# The DDL of migration 4 that both dialects share (pg_migrations.V4 reuses it).
EVENT_INDEXES_AND_PARTICIPANTS = """
CREATE INDEX events_date ON events(date);
CREATE INDEX events_status ON events(status, date);
CREATE TABLE event_participants (
    event_id TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id),
    role TEXT NOT NULL, actor_id TEXT, country TEXT
);
"""
PARTICIPANT_AND_ACTOR_INDEXES = """
CREATE INDEX event_participants_actor ON event_participants(actor_id, role);
CREATE INDEX event_participants_country ON event_participants(country);
CREATE INDEX event_participants_article ON event_participants(article_id);
CREATE INDEX event_participants_event ON event_participants(event_id);
CREATE INDEX actors_country ON actors(country);
CREATE INDEX actors_name ON actors(name);
"""
V4_INDEXES = """
ALTER TABLE events ADD COLUMN confidence REAL;
UPDATE events SET confidence = json_extract(data, '$.confidence');""" + EVENT_INDEXES_AND_PARTICIPANTS + """
INSERT INTO event_participants
    SELECT e.id, e.article_id, 'actors', json_extract(j.value, '$.actor_id'),
           json_extract(j.value, '$.country')
    FROM events e, json_each(e.data, '$.actors') j;
INSERT INTO event_participants
    SELECT e.id, e.article_id, 'recipients', json_extract(j.value, '$.actor_id'),
           json_extract(j.value, '$.country')
    FROM events e, json_each(e.data, '$.recipients') j;""" + PARTICIPANT_AND_ACTOR_INDEXES + """
ALTER TABLE quotes ADD COLUMN confidence REAL;
ALTER TABLE quotes ADD COLUMN negated INTEGER;
UPDATE quotes SET confidence = json_extract(data, '$.confidence'),
                  negated = json_extract(data, '$.negated');
"""


# The actor page at 50,000 articles (issue #16, bench/scale.py --latency-only): its aggregates
# over every mention and event of a big actor (surface forms, co-actors, trend, totals) read
# the table rows behind an index on actor_id alone (mentions carry their JSON inline, so each
# row costs pages). These indexes cover what those queries read, so they scan index entries
# only; the names stay, and so does every query plan that used the narrower indexes.
V5_COVERING = """
DROP INDEX mentions_actor;
CREATE INDEX mentions_actor ON mentions(actor_id, text, kind, confident);
DROP INDEX event_participants_actor;
CREATE INDEX event_participants_actor ON event_participants(actor_id, role, event_id);
DROP INDEX event_participants_event;
CREATE INDEX event_participants_event ON event_participants(event_id, actor_id);
"""

# An actor's trend (events per day and type, issue #16) at 50,000 articles read the date, type
# and status of each of a big actor's ~75,000 event rows (0.5 s). Each participant row carries
# them, so the trend is counted from one index range.
# The columns and index are plain DDL shared with PostgreSQL; only the back-fill differs.
PARTICIPANT_DAY_COLUMNS = """
ALTER TABLE event_participants ADD COLUMN date TEXT;
ALTER TABLE event_participants ADD COLUMN event_type TEXT;
ALTER TABLE event_participants ADD COLUMN status TEXT;
"""
PARTICIPANT_DAY_INDEX = """
CREATE INDEX event_participants_day
    ON event_participants(actor_id, date, event_type, status, event_id);
"""
V6_PARTICIPANT_DAYS = PARTICIPANT_DAY_COLUMNS + """
UPDATE event_participants SET (date, event_type, status) =
    (SELECT e.date, e.event_type, e.status FROM events e WHERE e.id = event_participants.event_id);
""" + PARTICIPANT_DAY_INDEX

# A big actor's page at 50,000 articles (issue #16; USA:GOV takes part in 75,000 events) read
# every event of the actor to sort its two event pages by date, to count them, and every
# participant row of those events to count co-actors (p95 0.33 s). Now:
# * each participant row carries its event's rowid (insertion order, the tie-break of the event
#   order on both backends; PostgreSQL's participant rows have no rowid of their own), and
#   event_participants_actor holds them in page order: a page and its total are one index
#   range of the actor and role;
# * actor_roles keeps an actor's events per role (the pages' totals), actor_pairs, for each
#   ordered pair of distinct actors, how many events both take part in (in any role),
#   actor_days an actor's events per day, type and status (its trend) and actor_forms its
#   mentions per surface form, all updated by save_analysis (store/records.py ACTOR_COUNTS):
#   totals, co-actors, the trend and the surface forms read a few rows of one actor (the
#   trend's participant index goes);
# * the actor's quotes are counted from an index covering the default filter's columns.
# PostgreSQL sorts NULLs last, SQLite first: the page asks for NULLS FIRST, which SQLite's index
# order is, and PostgreSQL's index declares.
PARTICIPANT_ROWID_COLUMN = """
ALTER TABLE event_participants ADD COLUMN event_rowid BIGINT;
"""
PARTICIPANT_PAGE_INDEX = """
DROP INDEX event_participants_actor;
CREATE INDEX event_participants_actor
    ON event_participants(actor_id, role, date{nulls_first}, event_rowid, event_id);
"""
ACTOR_COUNTS_AND_QUOTE_INDEX = """
CREATE TABLE actor_roles (
    actor_id TEXT NOT NULL, role TEXT NOT NULL, events INTEGER NOT NULL,
    PRIMARY KEY (actor_id, role)
);
INSERT INTO actor_roles (actor_id, role, events)
    SELECT actor_id, role, count(DISTINCT event_id) FROM event_participants
    WHERE actor_id IS NOT NULL GROUP BY actor_id, role;
CREATE TABLE actor_pairs (
    actor_id TEXT NOT NULL, other_id TEXT NOT NULL, events INTEGER NOT NULL,
    PRIMARY KEY (actor_id, other_id)
);
INSERT INTO actor_pairs (actor_id, other_id, events)
    SELECT a.actor_id, b.actor_id, count(DISTINCT a.event_id)
    FROM event_participants a JOIN event_participants b ON b.event_id = a.event_id
    WHERE a.actor_id <> b.actor_id
    GROUP BY a.actor_id, b.actor_id;
CREATE TABLE actor_days (
    actor_id TEXT NOT NULL, day TEXT NOT NULL, event_type TEXT NOT NULL, status TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (actor_id, day, event_type, status)
);
INSERT INTO actor_days (actor_id, day, event_type, status, events)
    SELECT actor_id, day, event_type, status, count(*) FROM (
        SELECT DISTINCT actor_id, event_id, coalesce(substr(date, 1, 10), '') AS day,
               coalesce(event_type, '') AS event_type, coalesce(status, '') AS status
        FROM event_participants WHERE actor_id IS NOT NULL) d
    GROUP BY actor_id, day, event_type, status;
DROP INDEX event_participants_day;
CREATE TABLE actor_forms (
    actor_id TEXT NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL, confident INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (actor_id, text, kind, confident)
);
INSERT INTO actor_forms (actor_id, text, kind, confident, mentions)
    SELECT actor_id, text, coalesce(kind, ''), CASE WHEN confident THEN 1 ELSE 0 END, count(*)
    FROM mentions WHERE actor_id IS NOT NULL
    GROUP BY actor_id, text, coalesce(kind, ''), CASE WHEN confident THEN 1 ELSE 0 END;
CREATE INDEX quotes_speaker_confidence ON quotes(speaker_id, confidence, negated);
"""
V7_ACTOR_PAGES = PARTICIPANT_ROWID_COLUMN + """
UPDATE event_participants SET event_rowid =
    (SELECT e.rowid FROM events e WHERE e.id = event_participants.event_id);
""" + PARTICIPANT_PAGE_INDEX.format(nulls_first="") + ACTOR_COUNTS_AND_QUOTE_INDEX

# Migration 8: undated rows sort the same way on both backends. SQLite puts NULLs first in an
# ascending order and last in a descending one; PostgreSQL does the opposite. The shared SQL now
# spells SQLite's order out (``NULLS FIRST`` / ``DESC NULLS LAST``), which SQLite's indexes
# already serve, so only PostgreSQL's date indexes change (pg_migrations.V8).
V8_NULL_ORDER = "SELECT 1;"

MIGRATIONS: list[str] = [V1_ARTICLES + V1_ANALYSIS, V2_FUSION, V3_FAILURES, V4_INDEXES,
                         V5_COVERING, V6_PARTICIPANT_DAYS, V7_ACTOR_PAGES, V8_NULL_ORDER]
