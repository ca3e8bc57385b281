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

MIGRATIONS: list[str] = [V1_ARTICLES + V1_ANALYSIS]
