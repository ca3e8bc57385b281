"""The same store test-suite against both backends: the embedded SQLite file and a real
PostgreSQL server started in a temp directory (tests/pgserver.py). A full ingest of the seeds
gives identical rows and identical API answers on both; two concurrent ingesters sharing one
PostgreSQL database lose and duplicate nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import news_corpus
from heron.api import Heron
from heron.config import Settings
from heron.ingest.readers import RawDoc
from heron.model import ActorRef, Analysis, Event, Mention, Span
from heron.read.events import NOT_HAPPENED
from heron.read.export import EXPORT_TABLES
from heron.store.base import EventFilter
from heron.store.migrations import MIGRATIONS

SETTINGS = Settings(workers=1)
COMPARED = ("articles", "article_sources", "simhash_bands", "analyses", "mentions", "timexes",
            "places", "events", "event_participants", "quotes", "actors", "stories",
            "story_articles", "story_keys", "fusion_df", "fused_events", "fused_event_sources",
            "claims", "contradictions")
VOLATILE = {"ingested_at"}


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "h.db")
    return request.getfixturevalue("postgres_url")


def raw(text: str, source: str) -> RawDoc:
    return RawDoc(source=source, text=text, published="2025-08-20")


# -- the store suite, run on each backend -------------------------------------------------------
def test_schema_is_migrated_once(db: str) -> None:
    with Heron(db, SETTINGS) as h:
        assert h.store.schema_version == len(MIGRATIONS)
    with Heron(db, SETTINGS) as h:  # reopening applies nothing twice
        assert h.store.schema_version == len(MIGRATIONS)
        assert "event_participants" in h.store.tables()


def test_add_dedup_and_pending(db: str) -> None:
    text = "Ukraine and Russia exchanged prisoners on Tuesday, officials in Kyiv said. " * 3
    with Heron(db, SETTINGS) as h:
        report = h.add([raw(text, "a.txt"), raw(text, "b.txt"), raw(text, "a.txt")])
        assert (report.ingested, report.duplicates, report.unchanged) == (1, 1, 1)
        assert h.store.count_pending() == 1 and len(h.store.pending_ids()) == 1
        article = h.store.pending(10)[0]
        assert h.store.find_exact(article.content_hash) == article.id
        assert h.store.find_near(article.simhash, 3) == article.id
        assert h.store.unique_id(article.id) == f"{article.id}-3"  # the duplicate took -2


def test_save_analysis_replaces_and_search_finds(db: str) -> None:
    text = "Security guarantees for Ukraine were discussed in Washington on Monday."
    with Heron(db, SETTINGS) as h:
        h.add([raw(text, "g.txt")])
        article = h.store.pending(1)[0]
        event = Event(id=f"{article.id}-e0", article_id=article.id, sentence=0,
                      sentence_span=Span(0, len(text), text), event_type="CONSULT", mode=None,
                      context=[], actors=[], recipients=[], trigger=Span(36, 45, "discussed"),
                      pattern="test", confidence=0.9, status="asserted")
        analysis = Analysis(article_id=article.id, sentences=[Span(0, len(text), text)],
                            events=[event])
        h.store.save_analysis(analysis)
        h.store.save_analysis(analysis)  # a re-run replaces, never duplicates
        assert h.stats()["events"] == 1 and h.store.count_pending() == 0
        assert h.analysis(article.id).events[0].to_dict() == event.to_dict()
        hits = h.search("security guarantees")
        assert [hit["id"] for hit in hits] == [article.id] and "[" in hits[0]["snippet"]
        assert h.search("nothing-like-this") == []


def test_failures_are_recorded_retried_once_then_skipped(db: str) -> None:
    with Heron(db, SETTINGS) as h:
        h.add([raw("Police arrested twelve protesters in Lagos on Friday.", "f.txt")])
        article_id = h.store.pending_ids()[0]
        assert h.store.record_failure(article_id, "analyse", "RuntimeError: boom") == 1
        assert h.store.pending_ids() == [article_id]  # one more try is due
        assert h.store.record_failure(article_id, "analyse", "RuntimeError: boom") == 2
        assert h.store.pending_ids() == [] and h.store.pending_article(article_id) is None
        assert h.stats()["failed"] == 1 and h.stats()["pending"] == 0
        assert [(f["id"], f["stage"], f["retry"]) for f in h.failures()] == \
            [(article_id, "analyse", False)]
        h.store.save_analysis(Analysis(article_id=article_id))  # a success clears the mark
        assert h.failures() == [] and h.stats()["analysed"] == 1


def test_a_second_writer_waits_for_the_first(db: str) -> None:
    from heron.store.lock import LockTimeout

    impatient = Settings(workers=1, lock_timeout=0.5)
    with Heron(db, SETTINGS) as first, Heron(db, impatient) as second:
        told: list[str] = []
        second.writer.on_wait = told.append
        with first.writer, pytest.raises(LockTimeout, match="another Heron process"), \
                second.writer:
            pass
        assert told and "waiting for another Heron process" in told[0]
        with second.writer:  # free again once the first is done
            assert second.add([raw("Talks resumed in Geneva on Monday.", "w.txt")]).ingested == 1


def test_search_refuses_hostile_queries_and_pages_are_bounded(db: str) -> None:
    from heron.store.budget import QueryError

    with Heron(db, SETTINGS) as h:
        h.add([raw("Ceasefire talks resumed in Geneva on Monday, diplomats said.", "s.txt")])
        for query in ("x" * 300, "a\x00b", " ".join(f"w{i}" for i in range(20))):
            with pytest.raises(QueryError):
                h.search(query)
        assert len(h.store.articles(limit=-1, offset=-5)) == 1  # SQLite's "no limit", offset 0
        assert h.store.articles(limit=10, offset=2**70) == []


# -- the actor page: pages, totals and co-actors kept at store time (migration 7) ---------------
# The actor page's queries before migration 7, which read every event of the actor per request
# (PostgreSQL then put undated events last, SQLite first: both put them first now). The
# answers must not change.
OLD_ROLE_EVENTS = ("SELECT e.id FROM events e WHERE e.id IN (SELECT event_id FROM "
                   "event_participants WHERE actor_id = ? AND role = ?) "
                   "ORDER BY e.date NULLS FIRST, e.rowid")
OLD_CO_ACTORS = (
    "SELECT p.actor_id, a.name, a.country, a.sector, count(DISTINCT p.event_id) AS events "
    "FROM event_participants p LEFT JOIN actors a ON a.id = p.actor_id "
    "WHERE p.event_id IN (SELECT event_id FROM event_participants WHERE actor_id = ?) "
    "AND p.actor_id IS NOT NULL AND p.actor_id <> ? GROUP BY p.actor_id, a.name, a.country, "
    "a.sector ORDER BY events DESC, p.actor_id")
# Every pair recounted from the participant rows (what migration 7 back-fills).
OLD_TREND = ("SELECT substr(date, 1, 10) AS day, event_type, count(DISTINCT event_id) AS n "
             "FROM event_participants WHERE actor_id = ? AND (status IS NULL OR status NOT IN "
             "('negated', 'hypothetical', 'future')) GROUP BY substr(date, 1, 10), event_type")
OLD_FORMS = ("SELECT text, kind, count(*) AS n, "
             "sum(CASE WHEN confident THEN 0 ELSE 1 END) AS unsure FROM mentions "
             "WHERE actor_id = ? GROUP BY text, kind ORDER BY n DESC, text, kind")
RECOUNTED_PAIRS = ("SELECT a.actor_id, b.actor_id, count(DISTINCT a.event_id) "
                   "FROM event_participants a JOIN event_participants b ON b.event_id = a.event_id "
                   "WHERE a.actor_id <> b.actor_id GROUP BY a.actor_id, b.actor_id")
ACTORS = ("putin", "zelensky", "trump", "macron")


def ref(actor_id: str | None) -> ActorRef:
    return ActorRef(actor_id=actor_id, name=actor_id or "someone", country=None, sector=None,
                    start=0, end=4, text=actor_id or "someone")


def coded(article_id: str, n: int, date: str | None, actors: list[str | None],
          recipients: list[str | None]) -> Event:
    text = "They met."
    return Event(id=f"{article_id}-e{n}", article_id=article_id, sentence=0,
                 sentence_span=Span(0, len(text), text), event_type="CONSULT", mode=None,
                 context=[], actors=[ref(a) for a in actors],
                 recipients=[ref(r) for r in recipients], trigger=Span(5, 8, "met"),
                 pattern="test", confidence=0.9, status="asserted", date=date)


def named(article_id: str, n: int, actor_id: str | None, text: str, confident: bool) -> Mention:
    return Mention(id=f"{article_id}-m{n}", article_id=article_id, start=0, end=len(text),
                   text=text, kind="PERSON", sentence=0, actor_id=actor_id, confident=confident)


def save_events(h: Heron, article_id: str, *events: tuple) -> None:
    """The events, and a mention of each participant (by its id, or "Mr <id>" when it is the
    first of the event, not a confident link then)."""
    mentions = [named(article_id, n * 10 + i, actor, f"Mr {actor}" if i == 0 else str(actor),
                      confident=i > 0)
                for n, (_, actors, recipients) in enumerate(events)
                for i, actor in enumerate([*actors, *recipients])]
    h.store.save_analysis(Analysis(article_id=article_id, mentions=mentions,
                                   events=[coded(article_id, n, *e) for n, e in enumerate(events)]))


def store_actor_events(h: Heron) -> None:
    """Articles whose events tie on dates, lack dates, name an actor twice in one role or in
    both roles, or have a participant without an actor id; one analysis is saved twice with
    different participants (the first one's pairs must be taken back)."""
    h.add([raw(f"Leaders met in city number {n} on Monday to talk about a ceasefire plan "
               f"and {n * 7} other things.", f"{n}.txt") for n in range(3)])
    first, second, third = h.store.pending_ids()
    save_events(h, first, ("2025-08-20", ["putin", "putin"], ["zelensky"]),
                (None, ["zelensky"], ["putin", "trump"]), ("2025-08-20", ["putin"], [None]))
    save_events(h, second, ("2025-08-19", ["putin", "zelensky"], ["trump"]),
                ("2025-08-20", ["trump"], ["putin"]), (None, ["macron"], ["macron"]))
    save_events(h, third, ("2025-08-20", ["trump", "macron"], ["putin"]))
    with h.store.conn:  # analysed again (PostgreSQL's writer keeps a first analysis otherwise)
        h.store.conn.execute("UPDATE articles SET analysed = 0 WHERE id = ?", (third,))
    save_events(h, third, ("2025-08-20", ["trump", "zelensky"], ["putin", "putin"]),
                ("2025-08-18", ["putin"], ["zelensky", "putin"]))


def actor_answers(h: Heron) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for actor in ACTORS:
        for role in ("actors", "recipients"):
            where = EventFilter(actor=actor, role=role)
            for limit, offset in ((500, 0), (1, 0), (2, 1), (1, 3), (5, 9)):
                page = h.store.event_records(where, limit, offset)
                out[f"{actor} {role} {limit} {offset}"] = [e["id"] for e in page]
            out[f"{actor} {role} total"] = h.store.count_events(where)
        out[f"{actor} co-actors"] = h.store.co_actors(actor, 100)
        out[f"{actor} trend"] = sorted(h.store.actor_day_counts(actor, NOT_HAPPENED))
        out[f"{actor} forms"] = h.store.surface_forms(actor)
    return out


def old_actor_answers(h: Heron) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for actor in ACTORS:
        for role in ("actors", "recipients"):
            ids = [r[0] for r in h.store.query(OLD_ROLE_EVENTS, (actor, role))]
            for limit, offset in ((500, 0), (1, 0), (2, 1), (1, 3), (5, 9)):
                out[f"{actor} {role} {limit} {offset}"] = ids[offset:offset + limit]
            out[f"{actor} {role} total"] = len(ids)
        out[f"{actor} co-actors"] = [dict(r) for r in h.store.query(OLD_CO_ACTORS,
                                                                    (actor, actor))]
        out[f"{actor} trend"] = sorted((r[0] or "", r[1], r[2])
                                       for r in h.store.query(OLD_TREND, (actor,)))
        out[f"{actor} forms"] = [dict(r) for r in h.store.query(OLD_FORMS, (actor,))]
    return out


def test_actor_pages_and_co_actors_answer_as_before(db: str) -> None:
    with Heron(db, SETTINGS) as h:
        store_actor_events(h)
        new, old = actor_answers(h), old_actor_answers(h)
        assert new == old
        assert new["putin recipients total"] == 4 and new["putin co-actors"][0]["events"] == 5
        assert new["putin actors 500 0"][0].endswith("-e1")  # undated first, on both backends
        assert sorted(map(tuple, h.store.query("SELECT actor_id, other_id, events FROM "
                                               "actor_pairs"))) == \
            sorted(map(tuple, h.store.query(RECOUNTED_PAIRS)))
        assert new["putin forms"] == [{"text": "putin", "kind": "PERSON", "n": 6, "unsure": 0},
                                      {"text": "Mr putin", "kind": "PERSON", "n": 4,
                                       "unsure": 4}]
        assert new["putin trend"] == [("", "CONSULT", 1), ("2025-08-18", "CONSULT", 1),
                                      ("2025-08-19", "CONSULT", 1), ("2025-08-20", "CONSULT", 4)]
        assert not h.store.query("SELECT 1 FROM actor_pairs WHERE other_id = 'macron' "
                                 "AND actor_id <> 'trump'")  # taken back when re-saved



def test_actor_pages_survive_renumbered_event_rowids(db: str) -> None:
    """Participant rows keep their event's rowid to order pages; a rebuild that renumbers the
    events' rowids (SQLite's VACUUM may, a PostgreSQL table rewrite does) must not make a page
    show other events."""
    with Heron(db, SETTINGS) as h:
        store_actor_events(h)
        before = actor_answers(h)
        renumber = ("UPDATE events SET rowid = rowid + 1000" if h.store.path.endswith(".db")
                    else "UPDATE events SET rowid = DEFAULT")  # identity: new numbers
        with h.store.conn:
            h.store.conn.execute(renumber)
        assert not h.store.query("SELECT 1 FROM events e JOIN event_participants p "
                                 "ON p.event_id = e.id AND p.event_rowid = e.rowid")
        assert actor_answers(h) == before

def test_migration_7_back_fills_what_the_writer_keeps(db: str) -> None:
    """A database of schema 6 (no event rowids in participant rows, no actor_pairs) gets the
    same rows and answers from the migration as the writer keeps."""
    with Heron(db, SETTINGS) as h:
        store_actor_events(h)
        kept = {t: table_rows(h, t)
                for t in ("event_participants", "actor_roles", "actor_pairs", "actor_days",
                          "actor_forms")}
        answers = actor_answers(h)
        version = ("PRAGMA user_version = 6" if h.store.path.endswith(".db")
                   else "UPDATE heron_schema SET version = 6")
        with h.store.conn:
            for sql in ("DROP TABLE actor_roles", "DROP TABLE actor_pairs",
                        "DROP TABLE actor_days", "DROP TABLE actor_forms",
                        "DROP INDEX quotes_speaker_confidence",
                        "DROP INDEX event_participants_actor",
                        "ALTER TABLE event_participants DROP COLUMN event_rowid",
                        "CREATE INDEX event_participants_actor "
                        "ON event_participants(actor_id, role, event_id)",
                        "CREATE INDEX event_participants_day "
                        "ON event_participants(actor_id, date, event_type, status, event_id)",
                        version):
                h.store.conn.execute(sql)
    with Heron(db, SETTINGS) as h:
        assert h.store.schema_version == len(MIGRATIONS)
        assert {t: table_rows(h, t) for t in kept} == kept
        assert actor_answers(h) == answers


# -- both backends give the same answers --------------------------------------------------------
def table_rows(h: Heron, table: str) -> list[str]:
    rows = h.store.query(f"SELECT * FROM {table}")
    return sorted(json.dumps({k: _plain(v) for k, v in dict(r).items() if k not in VOLATILE},
                             sort_keys=True) for r in rows)


def _plain(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


def api_answers(h: Heron) -> dict[str, Any]:
    story = h.stories()[0]
    return {
        "stories": h.stories(), "story": h.story(story["id"]), "timeline": h.timeline(story["id"]),
        "contradictions": h.contradictions(), "claims": h.claims(),
        "quotes": h.quotes(speaker="Zelensky"),
        "events": h.events(EventFilter(country="UKR"), limit=20).to_dict(),
        "actors": h.actors(query="zel").to_dict(),
        "actor": h.actor("volodymyr-zelenskyy"),
        "articles": h.article_summaries().to_dict(),
        "exports": {t: list(h.rows(t)) for t in EXPORT_TABLES},
    }


def test_seeds_identical_on_sqlite_and_postgres(tmp_path: Path, postgres_url: str,
                                                seeds_dir: Path) -> None:
    with Heron(tmp_path / "h.db", SETTINGS) as lite, Heron(postgres_url, SETTINGS) as pg:
        for h in (lite, pg):
            h.ingest([seeds_dir], published="2025-08-20")
        assert pg.stats() == lite.stats()
        for table in COMPARED:
            assert table_rows(pg, table) == table_rows(lite, table), table
        assert api_answers(pg) == api_answers(lite)
        assert [x["id"] for x in pg.search("security guarantees")] and \
            {x["id"] for x in pg.search("Zelensky")} == {x["id"] for x in lite.search("Zelensky")}


def test_web_api_serves_postgres(postgres_url: str, seeds_dir: Path) -> None:
    from heron.web.app import create_app

    with Heron(postgres_url, SETTINGS) as h:
        h.ingest([seeds_dir], published="2025-08-20")
        story_id = h.stories()[0]["id"]
    with TestClient(create_app(postgres_url), base_url="http://localhost") as client:
        for path in ("/api/stories", f"/api/story/{story_id}", "/api/actors/volodymyr-zelenskyy",
                     "/api/search?q=security+guarantees", "/api/events?country=UKR", "/"):
            assert client.get(path).status_code == 200, path
        assert client.get("/api/search?q=security+guarantees").json()


def test_two_concurrent_ingesters_lose_and_duplicate_nothing(tmp_path: Path,
                                                             postgres_url: str) -> None:
    """Two `heron ingest` processes on one PostgreSQL database at the same time, on two
    different corpora: they take turns as writers (the advisory writer lock), whoever comes
    second finds the first one's articles done, and every article ends up stored, analysed and
    fused exactly once."""
    halves = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    for n, half in enumerate(halves):
        records = news_corpus(half, 12, seed=100 + n)
        half.write_text("".join(json.dumps({**r, "id": f"{half.stem}-{r['id']}"}) + "\n"
                                for r in records))
    env = {**os.environ, "HERON_BATCH_SIZE": "4", "HERON_WORKERS": "1"}
    procs = [subprocess.Popen([sys.executable, "-m", "heron.cli", "ingest", str(half), "--db",
                               postgres_url], env=env, stderr=subprocess.PIPE, text=True)
             for half in halves]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    with Heron(postgres_url, SETTINGS) as h:
        count = lambda sql: h.store.query(sql)[0][0]  # noqa: E731
        articles = count("SELECT count(*) FROM articles")
        originals = count("SELECT count(*) FROM articles WHERE duplicate_of IS NULL")
        assert articles == 24 and count("SELECT count(DISTINCT id) FROM articles") == 24
        assert count("SELECT count(*) FROM articles WHERE analysed = 0 OR fused = 0") == 0
        assert count("SELECT count(*) FROM analyses") == originals
        assert count("SELECT count(*) FROM story_articles") == originals
        for table, key in (("events", "id"), ("quotes", "id"), ("mentions", "id"),
                           ("fused_event_sources", "event_id")):
            assert count(f"SELECT count(*) - count(DISTINCT {key}) FROM {table}") == 0, table
        # Every fused source is an event stored now (``~arrangement`` sources are derived from
        # one): no source was left pointing at a replaced analysis.
        assert count("SELECT count(*) FROM fused_event_sources WHERE split_part(event_id, '~', 1) "
                     "NOT IN (SELECT id FROM events)") == 0
        assert count("SELECT count(*) FROM fused_event_sources") > 0


# -- migration 8: undated rows sort the same on both backends -------------------------------------
def test_undated_rows_sort_the_same_on_both_backends(db: str) -> None:
    """SQLite and PostgreSQL order NULLs oppositely by default: the event list puts undated
    events first, the article list (newest first) puts undated articles last, and a story's
    candidate list (latest first) skips undated keys while dated ones fill it — on both."""
    texts = {"undated.txt": None, "old.txt": "2025-08-01", "new.txt": "2025-08-20"}
    with Heron(db, SETTINGS) as h:
        h.add([RawDoc(source=name, text=f"Talks on {name} were held in Geneva, officials said.",
                      published=published) for name, published in texts.items()])
        summaries = h.store.article_summaries(limit=10, offset=0)
        assert [a["published"] for a in summaries] == ["2025-08-20", "2025-08-01", None]
        events = []
        for article in h.store.pending(10):
            event = Event(id=f"{article.id}-e0", article_id=article.id, sentence=0,
                          sentence_span=Span(0, 5, "Talks"), event_type="CONSULT", mode=None,
                          context=[], actors=[], recipients=[], trigger=Span(0, 5, "Talks"),
                          pattern="test", confidence=0.9, status="asserted",
                          date=article.published)
            h.store.save_analysis(Analysis(article_id=article.id, sentences=[], events=[event]))
            events.append(event)
        listed = h.store.event_records(EventFilter(), limit=10, offset=0)
        assert [e["date"] for e in listed] == [None, "2025-08-01", "2025-08-20"]
        h.store.conn.execute("INSERT INTO story_keys (key, story_id, date) VALUES "
                             "('k', 's-undated', NULL), ('k', 's-old', '2025-08-01'), "
                             "('k', 's-new', '2025-08-20')")
        assert h.store.story_candidates(["k"], None, None, per_key=2) == {"s-new", "s-old"}
