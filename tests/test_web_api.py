"""The web app and JSON API against a real database built from the seeds (real pipeline)."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import heron
from heron.config import Settings
from heron.model import Event, Quote
from heron.store.migrations import MIGRATIONS
from heron.store.sqlite import StoreError
from heron.web import create_app

# Article text is hostile input: markup in the text, the title, the outlet and the URL.
HOSTILE = {
    "id": "hostile-1",
    "title": "Talks in Warsaw <script>alert('title')</script>",
    "outlet": "<img src=x onerror=alert('outlet')>",
    "url": "javascript:alert('url')",
    "published": "2025-08-21",
    "text": (
        "Ukraine's foreign minister met his Polish counterpart in Warsaw on Monday "
        "<script>alert(1)</script> to discuss air defence.\n\n"
        "The two ministers signed an agreement on pilot training <img src=x onerror=\"alert(2)\">, "
        "officials said.\n\n"
        "\"We will not be intimidated,\" the Polish minister said. "
        "<iframe src=\"javascript:alert(3)\"></iframe> <b onmouseover=alert(4)>bold</b>\n"
    ),
}
# Live (unescaped) forms of the hostile markup; escaped copies (&lt;script&gt;…) are inert.
DANGEROUS = re.compile(r"<script>alert|<iframe|<img src=x|<b onmouseover|href=\"javascript:", re.I)


def build_web_db(folder: Path, seeds_dir: Path) -> Path:
    """The seeds plus one hostile article, ingested and analysed by the real pipeline."""
    db = folder / "web.db"
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    with heron.open(db) as h:
        h.ingest([seeds_dir], published="2025-08-20")
        h.ingest([hostile])
    return db


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    return build_web_db(tmp_path_factory.mktemp("web"), seeds_dir)


@pytest.fixture(scope="session")
def client(web_db: Path):
    with TestClient(create_app(web_db), base_url="http://localhost") as test_client:
        yield test_client


@pytest.fixture(scope="session")
def seed_ids(web_db: Path) -> list[str]:
    with heron.open(web_db, readonly=True) as h:
        return [a.id for a in h.articles() if a.id != HOSTILE["id"]]


def get_json(client: TestClient, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


# -- articles, search ------------------------------------------------------------------------
def test_articles_list_is_paginated_with_a_total(client, seed_ids):
    page = get_json(client, "/api/articles?limit=2&offset=1")
    assert page["total"] == len(seed_ids) + 1
    assert (page["limit"], page["offset"], len(page["items"])) == (2, 1, 2)
    assert "text" not in page["items"][0]  # the list carries metadata only


def test_article_json_has_text_removals_and_analysis(client, seed_ids):
    article = get_json(client, f"/api/articles/{seed_ids[1]}")
    assert article["text"] and isinstance(article["removed"], list)
    assert article["analysis"]["mentions"], "the seeds mention actors"
    first = article["analysis"]["mentions"][0]
    assert article["text"][first["start"]:first["end"]] == first["text"]


def test_unknown_things_are_404(client):
    for url in ("/api/articles/nope", "/api/actors/nope", "/api/fused-events/nope",
                "/api/story/nope"):
        get_json(client, url, status=404)
    assert client.get("/articles/nope").status_code == 404
    assert client.get("/actors/nope").status_code == 404


def test_search_finds_seed_articles(client, seed_ids):
    hits = get_json(client, "/api/search?q=Putin")
    assert {h["id"] for h in hits} & set(seed_ids)
    page = client.get("/search?q=Putin")
    assert page.status_code == 200
    assert '<mark class="hl-hit">Putin</mark>' in page.text


def test_limits_are_validated(client):
    assert client.get("/api/events?limit=0").status_code == 422
    assert client.get("/api/events?limit=100000").status_code == 422
    assert client.get("/api/articles?offset=-1").status_code == 422


# -- events ----------------------------------------------------------------------------------
def test_events_have_plover_layout_and_quad_class(client):
    page = get_json(client, "/api/events?limit=5")
    assert page["total"] >= len(page["items"]) > 0
    event = page["items"][0]
    for key in ("event_type", "mode", "actor", "recipient", "date", "trigger", "sentence",
                "article_id", "quad_class"):
        assert key in event
    assert event["quad_class"] in ("verbal cooperation", "material cooperation",
                                   "verbal conflict", "material conflict")


def test_event_filters_narrow_the_results(client):
    everything = get_json(client, f"/api/events?limit={500}")["items"]
    event = next(e for e in everything if e["actor"] and e["actor"][0]["actor_id"])
    actor, kind = event["actor"][0], event["event_type"]

    by_actor = get_json(client, f"/api/events?actor={actor['actor_id']}&limit=500")
    assert 0 < by_actor["total"] < len(everything)
    assert all(actor["actor_id"] in {p["actor_id"] for p in (*e["actor"], *e["recipient"])}
               for e in by_actor["items"])

    by_type = get_json(client, f"/api/events?type={kind.lower()}&limit=500")
    assert by_type["total"] and all(e["event_type"] == kind for e in by_type["items"])

    by_country = get_json(client, f"/api/events?country={actor['code']}&limit=500")
    assert by_country["total"] >= by_actor["total"]

    none_before = get_json(client, "/api/events?date_to=1990-01-01")
    assert none_before["total"] == 0
    dated = get_json(client, "/api/events?date_from=2025-01-01&date_to=2025-12-31&limit=1")
    assert dated["total"] > 0


def test_event_pagination_walks_every_event_once(client):
    total = get_json(client, "/api/events?limit=1")["total"]
    seen: list[str] = []
    for offset in range(0, total, 40):
        seen += [e["id"] for e in get_json(client, f"/api/events?limit=40&offset={offset}")["items"]]
    assert len(seen) == len(set(seen)) == total


# -- actors, quotes --------------------------------------------------------------------------
def test_actor_json_has_forms_events_coactors_and_trend(client):
    actors = get_json(client, "/api/actors?limit=5")
    assert actors["total"] >= 5
    top = actors["items"][0]
    assert top["mentions"] >= actors["items"][-1]["mentions"]
    detail = get_json(client, f"/api/actors/{top['id']}")
    assert sum(f["n"] for f in detail["surface_forms"]) == top["mentions"]
    assert detail["events_as_actor"] or detail["events_as_recipient"]
    assert all(c["actor_id"] != top["id"] for c in detail["co_actors"])
    assert all(day["cooperation"] + day["conflict"] > 0 for day in detail["trend"])


def test_actor_filter_by_country_and_name(client):
    top = get_json(client, "/api/actors?limit=1")["items"][0]
    by_country = get_json(client, f"/api/actors?country={top['country']}&limit=500")
    assert all(a["country"] == top["country"] for a in by_country["items"])
    by_name = get_json(client, f"/api/actors?q={top['name'].split()[-1]}")
    assert top["id"] in {a["id"] for a in by_name["items"]}


def test_quotes_filter_by_speaker(client):
    quotes = get_json(client, "/api/quotes?limit=500")
    speakers = [q["speaker"]["actor_id"] for q in quotes["items"]
                if q.get("speaker") and q["speaker"].get("actor_id")]
    if not speakers:
        pytest.skip("the quotes component found no attributed quote in the seeds")
    mine = get_json(client, f"/api/quotes?speaker={speakers[0]}&limit=500")
    assert mine["total"] == speakers.count(speakers[0])



def _stored_findings(web_db: Path) -> tuple[list[Event], list[Quote], Settings]:
    with heron.open(web_db, readonly=True) as h:
        analyses = [an for a in h.articles() if (an := h.analysis(a.id))]
        return ([e for an in analyses for e in an.events], [q for an in analyses for q in an.quotes],
                h.settings)


def test_quotes_api_leaves_out_quotes_below_the_threshold_but_keeps_negated_ones(client, web_db):
    _, quotes, settings = _stored_findings(web_db)
    def kept(threshold: float) -> int:
        return sum(q.confidence >= threshold or q.negated for q in quotes)
    assert get_json(client, "/api/quotes?limit=500")["total"] == kept(settings.quote_min_confidence)
    assert get_json(client, "/api/quotes?limit=500&min_confidence=0")["total"] == len(quotes)
    middle = sorted(q.confidence for q in quotes)[len(quotes) // 2]
    assert 0 < get_json(client, f"/api/quotes?limit=500&min_confidence={middle}")["total"] \
        == kept(middle) < len(quotes)
    get_json(client, "/api/quotes?min_confidence=2", status=422)

# -- pages -----------------------------------------------------------------------------------
def test_article_page_highlights_mentions_and_events(client, seed_ids):
    page = client.get(f"/articles/{seed_ids[1]}")
    assert page.status_code == 200
    assert 'class="hl-mention' in page.text and 'class="hl-trigger' in page.text
    assert 'id="ev-' in page.text  # every event trigger is an anchor the actor pages link to



def test_article_page_lists_findings_below_the_thresholds_only_when_asked(client, web_db,
                                                                          seed_ids):
    events, quotes, settings = _stored_findings(web_db)
    low_events = [e for e in events if e.confidence < settings.min_confidence]
    low_quotes = [q for q in quotes if q.confidence < settings.quote_min_confidence and not q.negated]
    assert low_events and low_quotes, "the seeds should hold findings below both thresholds"
    for low in (low_events[0], low_quotes[0]):
        article_id = low.article_id
        with heron.open(web_db, readonly=True) as h:
            analysis = h.analysis(article_id)
        assert analysis is not None
        n_low = (sum(e.confidence < settings.min_confidence for e in analysis.events)
                 + sum(q.confidence < settings.quote_min_confidence and not q.negated
                       for q in analysis.quotes))
        default = client.get(f"/articles/{article_id}").text
        every = client.get(f"/articles/{article_id}?all=1").text
        side_panel = default.split('id="h-events"', 1)[1]
        assert f"#ev-{low.id}" not in side_panel and f"#q-{low.id}" not in side_panel
        assert f"{n_low} event" in default and 'href="?all=1"' in default
        assert f"#ev-{low.id}" in every or f"#q-{low.id}" in every
        # the text keeps every finding's anchor, so links from actor and event pages land
        anchor = f'id="ev-{low.id}"' if low in low_events else f'id="q-{low.id}"'
        assert anchor in default and "below the export threshold" in default


def test_actor_quotes_honour_the_quote_threshold(client, web_db):
    _, quotes, settings = _stored_findings(web_db)
    speaker_ids = {q.speaker.actor_id for q in quotes if q.speaker and q.speaker.actor_id}
    assert speaker_ids
    for actor_id in speaker_ids:
        listed = {q["id"] for q in get_json(client, f"/api/actors/{actor_id}")["quotes"]}
        expected = {q.id for q in quotes if q.speaker and q.speaker.actor_id == actor_id
                    and (q.negated or q.confidence >= settings.quote_min_confidence)}
        assert listed == expected

def test_article_page_marks_the_cited_span(client, seed_ids):
    article = get_json(client, f"/api/articles/{seed_ids[0]}")
    sentence = article["analysis"]["sentences"][1]
    page = client.get(f"/articles/{seed_ids[0]}?start={sentence['start']}&end={sentence['end']}")
    assert 'id="target"' in page.text and "hl-target" in page.text


def test_actor_page_shows_forms_and_chart(client):
    top = get_json(client, "/api/actors?limit=1")["items"][0]
    page = client.get(f"/actors/{top['id']}")
    assert page.status_code == 200
    assert "Named as" in page.text and "<svg" in page.text
    assert top["name"] in page.text


def test_lists_and_api_reference_pages(client):
    for url in ("/actors", "/articles", "/api-reference", "/docs", "/openapi.json"):
        assert client.get(url).status_code == 200, url
    paths = get_json(client, "/openapi.json")["paths"]
    for path in ("/api/stories", "/api/story/{story_id}", "/api/story/{story_id}/timeline",
                 "/api/fused-events/{fused_id}", "/api/events", "/api/actors",
                 "/api/actors/{actor_id}", "/api/quotes", "/api/articles",
                 "/api/articles/{article_id}", "/api/search", "/api/contradictions"):
        assert path in paths
    assert "/api/events" in client.get("/api-reference").text


def response_schema(spec: dict, path: str) -> dict:
    """The schema of a route's JSON answer, with ``$ref``s and list items resolved."""
    schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    schema = schema["schema"]
    while True:
        if "$ref" in schema:
            schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        elif schema.get("type") == "array":
            schema = schema["items"]
        else:
            return schema


def test_every_json_route_documents_its_fields(client):
    """/openapi.json (and /docs) show a schema with the fields of every JSON answer, and the
    nested records are described too (a page's items, a fused event's sources)."""
    spec = get_json(client, "/openapi.json")
    routes = [p for p in spec["paths"] if p.startswith("/api/")]
    assert len(routes) == 12
    for path in routes:
        assert response_schema(spec, path).get("properties"), path
    page = response_schema(spec, "/api/events")["properties"]
    assert {"total", "limit", "offset", "items"} <= set(page)
    schemas = spec["components"]["schemas"]
    assert {"actor", "recipient", "quad_class", "sentence"} <= set(schemas["EventRow"]["properties"])
    assert "support" in schemas["SourceView"]["properties"]
    assert "sides" in schemas["Contradiction"]["properties"]


def test_openapi_docs_work_offline(client):
    docs = client.get("/docs").text
    assert "/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    for asset in ("/swagger/swagger-ui-bundle.js", "/swagger/swagger-ui.css"):
        assert client.get(asset).status_code == 200, asset


def test_static_assets_are_shipped():
    static = Path(heron.__file__).parent / "web" / "static"
    for name in ("heron.css", "heron.js", "heron.svg"):
        assert (static / name).is_file()
    external = re.compile(r"""(src|href)=["']?(https?:)?//""")
    for template in (Path(heron.__file__).parent / "web" / "templates").glob("*.html"):
        assert not external.search(template.read_text()), template  # no CDN: works offline


# -- stories (fusion) ------------------------------------------------------------------------
STORY_KEYS = {"id", "label", "first_date", "last_date", "outlets", "n_articles", "n_events",
              "n_contradictions"}


@pytest.fixture(scope="session")
def story(client) -> dict:
    stories = get_json(client, "/api/stories")
    assert stories, "the seeds make at least one story"
    # The story with the most contradictions shows the most (the seeds have some).
    return max(stories, key=lambda s: (s["n_contradictions"], s["n_events"]))


def test_stories_list_and_story(client, story):
    assert set(story) >= STORY_KEYS
    detail = get_json(client, f"/api/story/{story['id']}")
    assert set(detail) >= STORY_KEYS and detail["articles"] and detail["actors"]
    page = client.get("/")
    assert page.status_code == 200 and f'/stories/{story["id"]}' in page.text


def test_story_page_has_timeline_chart_contradictions_quotes_actors(client, story):
    page = client.get(f"/stories/{story['id']}")
    assert page.status_code == 200
    for part in ('id="timeline"', 'id="planned"', 'id="contradictions"', 'id="h-quotes"',
                 'id="h-actors"', '<svg'):
        assert part in page.text, part
    timeline = get_json(client, f"/api/story/{story['id']}/timeline")
    assert timeline and all(e["quad_class"] for e in timeline)
    shown = [e for e in timeline if not e["hidden"]]
    assert shown and f'/events/{shown[0]["id"]}' in page.text
    # single-source items that are not confident or not dated by their own sentence are
    # hidden by default; ?all=1 shows them
    hidden = [e for e in timeline if e["hidden"]]
    assert hidden and f'href="/events/{hidden[0]["id"]}"' not in page.text
    assert "Show all" in page.text
    assert f'/events/{hidden[0]["id"]}' in client.get(f"/stories/{story['id']}?all=1").text


def test_fused_event_page_highlights_each_source_sentence(client, story):
    timeline = get_json(client, f"/api/story/{story['id']}/timeline")
    fused = get_json(client, f"/api/fused-events/{timeline[0]['id']}")
    assert fused["sources"] and "consensus" in fused
    page = client.get(f"/events/{fused['id']}")
    assert page.status_code == 200
    assert page.text.count('class="hl-trigger') >= len(fused["sources"])
    source = fused["sources"][0]
    assert f'/articles/{source["article_id"]}?start={source["sentence"]["start"]}' in page.text


def test_contradictions_have_two_sides_with_evidence(client, story):
    contradictions = get_json(client, f"/api/contradictions?story={story['id']}")
    assert len(contradictions) == story["n_contradictions"]
    for c in contradictions:
        assert len(c["sides"]) >= 2 and all(side["sources"] for side in c["sides"])
    page = client.get(f"/stories/{story['id']}").text
    for c in contradictions:
        assert f'id="c-{c["id"]}"' in page


def test_events_filter_by_story(client, story):
    everything = get_json(client, "/api/events?limit=1")["total"]
    in_story = get_json(client, f"/api/events?story={story['id']}&limit=1")["total"]
    assert 0 < in_story <= everything
    get_json(client, "/api/events?story=nope", status=404)


# -- hostile input ---------------------------------------------------------------------------
def test_hostile_article_is_rendered_inert(client):
    for url in ("/articles/hostile-1", "/articles", "/search?q=Warsaw", "/articles/hostile-1"
                "?start=0&end=400"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert not DANGEROUS.search(page.text), (url, DANGEROUS.search(page.text))
    page = client.get("/articles/hostile-1").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;iframe" in page and "onerror=&#34;alert(2)&#34;" in page
    assert "javascript:alert(&#39;url&#39;)" in page  # shown as text, never as a link


def test_hostile_article_text_survives_intact_in_json(client):
    article = get_json(client, "/api/articles/hostile-1")
    assert article["text"] == HOSTILE["text"].strip()  # escaping is the page's job, not the data's


def test_hostile_actor_and_event_pages_are_inert(client):
    events = get_json(client, "/api/events?limit=500")["items"]
    hostile_actors = {p["actor_id"] for e in events if e["article_id"] == "hostile-1"
                      for p in (*e["actor"], *e["recipient"]) if p["actor_id"]}
    for actor_id in hostile_actors:
        assert not DANGEROUS.search(client.get(f"/actors/{actor_id}").text)


# -- the database is read-only and live ------------------------------------------------------
def test_app_refuses_a_missing_database(tmp_path):
    with pytest.raises(StoreError):
        create_app(tmp_path / "missing.db")


def test_app_sees_articles_ingested_by_another_process(web_db, tmp_path, seeds_dir):
    db = tmp_path / "live.db"
    with sqlite3.connect(web_db) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
    new_article = tmp_path / "new.txt"
    new_article.write_text("Finland's president visited Kyiv on Tuesday and pledged new air "
                           "defence systems to Ukraine, his office said.\n", encoding="utf-8")
    with TestClient(create_app(db), base_url="http://localhost") as live:
        before = get_json(live, "/api/articles")["total"]
        ingest = subprocess.Popen([sys.executable, "-m", "heron.cli", "ingest", "--db", str(db),
                                   "--published", "2025-08-22", str(new_article)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while ingest.poll() is None and time.monotonic() < deadline:
            assert live.get("/api/articles?limit=1").status_code == 200  # serving meanwhile
            time.sleep(0.2)
        _, stderr = ingest.communicate(timeout=5)
        assert ingest.returncode == 0, stderr.decode()
        after = get_json(live, "/api/articles?limit=500")
        assert after["total"] == before + 1
        new_id = next(a["id"] for a in after["items"] if a["published"] == "2025-08-22")
        assert get_json(live, f"/api/articles/{new_id}")["analysis"] is not None
        assert "Finland" in live.get(f"/articles/{new_id}").text


def test_app_refuses_an_outdated_database(tmp_path):
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:
        conn.executescript(f"{MIGRATIONS[0]}\nPRAGMA user_version = 1;")
    with pytest.raises(StoreError, match="heron stats"):
        create_app(db)


# Run in a fresh interpreter: the pages and JSON routes every reader uses, then the NLP
# modules that got imported (printed as a JSON list).
READ_WITHOUT_NLP = """
import json, sys
from fastapi.testclient import TestClient
from heron.web import create_app

with TestClient(create_app(sys.argv[1]), base_url="http://localhost") as client:
    def get(url):
        response = client.get(url)
        assert response.status_code == 200, url
        return response

    actor = get("/api/actors?limit=1").json()["items"][0]["id"]
    story = get("/api/stories").json()[0]["id"]
    fused = get(f"/api/story/{story}/timeline").json()[0]["id"]
    for url in (f"/api/actors/{actor}", f"/actors/{actor}", "/api/events?limit=5",
                "/api/quotes?speaker=Putin", f"/api/story/{story}", f"/stories/{story}",
                f"/api/fused-events/{fused}", f"/events/{fused}", "/api/contradictions"):
        get(url)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc"))))
"""


def test_reading_pages_never_imports_the_nlp_stack(web_db):
    """A fresh server's first actor, event or story request must not load spaCy (seconds of
    cold start): the read path needs the event types' quad classes and the name lookup only."""
    done = subprocess.run([sys.executable, "-c", READ_WITHOUT_NLP, str(web_db)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []


def test_server_start_freezes_what_lives_as_long_as_it(web_db):
    """Objects alive when the server starts are moved out of the collector's reach, so the full
    collections that big answers trigger do not rescan them on a request (50 ms each at
    50,000 articles)."""
    import gc

    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    with TestClient(create_app(web_db), base_url="http://localhost") as fresh:
        assert fresh.get("/api/articles?limit=1").status_code == 200
        assert gc.get_freeze_count() > 10_000
