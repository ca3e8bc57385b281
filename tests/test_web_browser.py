"""A real browser (Debian's headless Chromium via Playwright) walks the app on the seeds.

stories → story → event → source article → actor, asserting what an analyst must see, and takes
a screenshot of each page: into a temporary folder, or, with HERON_SCREENSHOTS=1 (`make
screenshots`), into docs/screenshots, the pictures the README shows (a test run leaves the
working tree alone). Skipped when /usr/bin/chromium is absent, unless
HERON_REQUIRE_BROWSER=1 (CI), where a missing browser fails.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from heron.web import create_app
from test_web_api import HOSTILE, build_web_db

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = (Path(__file__).resolve().parents[1] / "docs" / "screenshots"
               if os.environ.get("HERON_SCREENSHOTS") == "1"
               else Path(tempfile.gettempdir()) / "heron-screenshots")


def _require_browser() -> None:
    problem = None
    if not CHROMIUM.exists():
        problem = f"{CHROMIUM} is not installed (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "the playwright package is not installed (pip install -e '.[dev]')"
    if problem and os.environ.get("HERON_REQUIRE_BROWSER") == "1":
        pytest.fail(problem)
    if problem:
        pytest.skip(problem)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Iterator[str]:
    _require_browser()
    db = build_web_db(tmp_path_factory.mktemp("browser"), seeds_dir)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            pytest.fail("the web server did not start")
        threading.Event().wait(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def dialogs() -> list[str]:
    """Every alert/confirm/prompt a page opened: must stay empty."""
    return []


@pytest.fixture(scope="module")
def page(base_url: str, dialogs: list[str]):
    from playwright.sync_api import sync_playwright

    def refuse(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.on("dialog", refuse)
        yield tab
        browser.close()


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name))


def test_walk_stories_story_event_article_actor(page, base_url, dialogs):
    stories = httpx.get(f"{base_url}/api/stories").json()
    story = max(stories, key=lambda s: (s["n_contradictions"], s["n_events"]))

    page.goto(base_url + "/")
    _shot(page, "stories.png")
    page.click(f'a.story-link[href="/stories/{story["id"]}"]')

    page.wait_for_url(f"**/stories/{story['id']}")
    assert page.locator("#timeline").is_visible()
    assert page.locator("#timeline li.event").count() > 0
    assert page.locator("#contradictions").is_visible()
    assert page.locator("#contradictions .contradiction").count() == story["n_contradictions"]
    assert page.locator(".chart svg").is_visible()
    _shot(page, "story.png")

    timeline = httpx.get(f"{base_url}/api/story/{story['id']}/timeline").json()
    best = max(timeline, key=lambda e: (e["n_outlets"], e["n_sources"]))  # best corroborated
    page.click(f'a.event-link[href="/events/{best["id"]}"]')
    page.wait_for_url(f"**/events/{best['id']}")
    assert page.locator(".source").count() == best["n_sources"] + best.get("n_denials", 0)
    assert page.locator(".source .hl-trigger").first.is_visible()
    _shot(page, "event.png")

    page.locator(".source-meta a").first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator("mark.hl-target").first.is_visible()  # the cited sentence, scrolled to
    assert page.locator("#article-text mark.hl-mention").count() > 0
    page.evaluate("window.scrollTo(0, 0)")
    _shot(page, "article.png")

    page.locator('#h-actors + ul a[href^="/actors/"]').first.click()  # the most mentioned
    page.wait_for_url("**/actors/**")
    assert page.locator("h1").is_visible() and page.locator("#h-forms").is_visible()
    _shot(page, "actor.png")
    assert dialogs == []


def test_highlight_legend_switches_highlights(page, base_url):
    article_id = httpx.get(f"{base_url}/api/articles?limit=1").json()["items"][0]["id"]
    page.goto(f"{base_url}/articles/{article_id}")
    key = page.locator('.legend mark.hl-trigger[role="button"]')
    key.click()
    assert key.get_attribute("aria-pressed") == "false"
    assert "hide-trigger" in page.locator("#article-text").get_attribute("class")


def test_hostile_article_runs_no_script(page, base_url, dialogs):
    page.goto(f"{base_url}/articles/{HOSTILE['id']}")
    page.locator("#article-text").hover()
    page.get_by_text("bold").first.hover()
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.locator("iframe").count() == 0
    assert page.locator("#main img").count() == 0 and page.locator("#main script").count() == 0
    assert "<script>alert(1)</script>" in page.locator("#article-text").inner_text()
    assert page.locator('a[href^="javascript:"]').count() == 0
