"""The web app: server-rendered pages and a JSON API over one Heron database, read-only.

``heron serve`` runs :func:`create_app` under uvicorn. The database is opened read-only (one
SQLite connection per worker thread); SQLite's WAL mode lets ``heron ingest`` keep writing to
the same file meanwhile, and every request sees what was committed before it started.
"""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.concurrency import run_in_threadpool
from swagger_ui_bundle import swagger_ui_path

from heron.api import Heron
from heron.read.events import with_quad
from heron.read.paging import MAX_LIMIT, MAX_OFFSET
from heron.records import (
    ActorSummary,
    ActorView,
    ArticleSummary,
    ArticleView,
    Contradiction,
    EventRow,
    FusedEventView,
    PageRecord,
    QuoteRecord,
    SearchHit,
    StorySummary,
    StoryView,
    TimelineItem,
)
from heron.store.base import EventFilter
from heron.store.budget import Budget, QueryError, QueryTimeout, current_budget
from heron.store.migrations import MIGRATIONS
from heron.store.postgres import is_postgres_url
from heron.store.sqlite import StoreError
from heron.web import pages
from heron.web.charts import land_svg
from heron.web.guard import Guard, allowed_hosts, neutralise_bidi
from heron.web.highlight import path_id, snippet

WEB_DIR = Path(__file__).parent
DISCONNECT_POLL_SECONDS = 0.2
OPENAPI_URL = "/openapi.json"
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


class Database:
    """Read-only Heron handles, one per thread: a SQLite connection is never shared."""

    def __init__(self, path: str | Path):
        # A PostgreSQL URL stays a string (Path would fold its "//").
        self.path: str | Path = path if is_postgres_url(str(path)) else Path(path)
        if isinstance(self.path, Path) and not self.path.is_file():
            raise StoreError(f"{self.path} does not exist; create it with `heron ingest` or "
                             f"`heron demo`")
        self._local = threading.local()
        self._opened: list[Heron] = []
        self._lock = threading.Lock()
        # Fail now, not on the first request, if the file is not an up-to-date Heron database:
        # read-only, the app cannot apply migrations itself.
        version = self.heron().store.schema_version
        if version < len(MIGRATIONS):
            raise StoreError(f"{self.path} has schema version {version}, older than this Heron "
                             f"({len(MIGRATIONS)}); upgrade it with `heron stats --db {self.path}`")

    def heron(self) -> Heron:
        h = getattr(self._local, "heron", None)
        if h is None:
            h = self._local.heron = Heron(self.path, readonly=True)
            with self._lock:
                self._opened.append(h)
        return h

    def close(self) -> None:
        with self._lock:
            for h in self._opened:
                h.close()
            self._opened.clear()


def create_app(db_path: str | Path, bound_host: str | None = None,
               extra_hosts: Iterable[str] = ()) -> FastAPI:
    """The app over the database at ``db_path``; it answers requests naming a local host, the
    address it is bound to (``bound_host``) or one of ``extra_hosts`` (see heron.web.guard)."""
    db = Database(db_path)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # What exists once the server starts (modules, the app, its templates: ~90,000
        # objects) lives as long as it: the garbage collector's full passes, which the large
        # answers of big actor pages trigger, skip it instead of rescanning it (50 ms a pass).
        gc.collect()  # what is garbage already is freed first, never frozen
        gc.freeze()
        try:
            yield
        finally:
            gc.unfreeze()
            db.close()

    # /docs is served below from the Swagger UI files shipped in a package: no CDN, works offline.
    app = FastAPI(title="Heron", lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url=OPENAPI_URL,
                  description="Events, actors, quotes and stories found in news articles; every "
                              "record points to the character spans of its sources.")
    app.state.db = db
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    app.mount("/swagger", StaticFiles(directory=swagger_ui_path), name="swagger")

    @app.get("/docs", include_in_schema=False)
    def swagger_docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=OPENAPI_URL, title="Heron API",
                                   swagger_js_url="/swagger/swagger-ui-bundle.js",
                                   swagger_css_url="/swagger/swagger-ui.css",
                                   swagger_favicon_url="/static/heron.svg")
    env = Environment(loader=FileSystemLoader(WEB_DIR / "templates"), autoescape=True,
                      finalize=neutralise_bidi)
    env.filters["path_id"] = path_id
    env.filters["snippet"] = snippet
    env.globals["evidence_href"] = pages.evidence_href
    templates = Jinja2Templates(env=env)
    app.include_router(_pages(templates))
    app.include_router(_api())
    _error_handlers(app, templates)
    app.add_middleware(Guard, hosts=allowed_hosts(bound_host, extra_hosts))
    return app


def _error_handlers(app: FastAPI, templates: Jinja2Templates) -> None:
    """Refused and stopped queries: 400 and 503 with the reason (JSON under /api/, pages
    elsewhere), never a 500."""

    def reply(request: Request, status: int, title: str, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message}, status_code=status)
        return templates.TemplateResponse(request, "error.html",
                                          {"title": title, "message": message},
                                          status_code=status)

    @app.exception_handler(QueryError)
    async def refused(request: Request, exc: QueryError) -> Response:
        return reply(request, 400, "Query not searched", str(exc))

    @app.exception_handler(QueryTimeout)
    async def stopped(request: Request, exc: QueryTimeout) -> Response:
        return reply(request, 503, "Query stopped", str(exc))


async def bounded(request: Request, work: Callable[[Heron], Any]) -> Any:
    """Run ``work`` on a worker thread within a query time budget that is also cancelled when
    the client disconnects (a search must not go on for a client that left)."""
    budget = Budget()

    def run() -> Any:
        token = current_budget.set(budget)
        try:
            return work(_heron(request))
        finally:
            current_budget.reset(token)

    task = asyncio.ensure_future(run_in_threadpool(run))
    while True:
        done, _ = await asyncio.wait({task}, timeout=DISCONNECT_POLL_SECONDS)
        if done:
            return task.result()
        if await request.is_disconnected():
            budget.cancelled.set()


def _heron(request: Request) -> Heron:
    return request.app.state.db.heron()


def _found(value: Any, what: str) -> Any:
    if value is None:
        raise HTTPException(status_code=404, detail=f"no such {what}")
    return value


# -- HTML pages ------------------------------------------------------------------------------
def _pages(templates: Jinja2Templates) -> APIRouter:
    router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    def render(request: Request, name: str, context: dict[str, Any] | None, what: str = "page"):
        if context is None:
            return templates.TemplateResponse(request, "not_found.html", {"what": what},
                                               status_code=404)
        return templates.TemplateResponse(request, name, context)

    @router.get("/")
    async def stories_page(request: Request, q: str | None = None, offset: Offset = 0):
        def work(h: Heron) -> dict[str, Any]:
            stories = h.find_stories(q) if q else h.stories(limit=50, offset=offset)
            return {"stories": stories, "q": q or "", "offset": offset, "stats": h.stats()}

        return render(request, "stories.html", await bounded(request, work))

    @router.get("/search")
    async def search_page(request: Request, q: str = ""):
        def work(h: Heron) -> dict[str, Any]:
            return {"q": q, "hits": h.search(q, limit=50) if q.strip() else [],
                    "stories": h.find_stories(q, limit=20) if q.strip() else []}

        return render(request, "search.html", await bounded(request, work))

    @router.get("/stories/{story_id}")
    def story_page(request: Request, story_id: str, all: bool = False):  # noqa: A002
        # ?all=1 also shows the single-source items the analyst's timeline hides by default
        return render(request, "story.html", pages.story_page(_heron(request), story_id, all),
                      "story")

    @router.get("/events/{fused_id}")
    def event_page(request: Request, fused_id: str):
        return render(request, "event.html", pages.event_page(_heron(request), fused_id), "event")

    @router.get("/actors")
    def actors_page(request: Request, q: str | None = None, offset: Offset = 0):
        page = _heron(request).actors(query=q, limit=100, offset=offset)
        return render(request, "actors.html", {"page": page, "q": q or ""})

    @router.get("/actors/{actor_id}")
    def actor_page(request: Request, actor_id: str, offset: Offset = 0):
        return render(request, "actor.html", pages.actor_page(_heron(request), actor_id, offset),
                      "actor")

    @router.get("/articles")
    def articles_page(request: Request, offset: Offset = 0):
        page = _heron(request).article_summaries(limit=100, offset=offset)
        return render(request, "articles.html", {"page": page})

    @router.get("/articles/{article_id}")
    def article_page(request: Request, article_id: str, start: int | None = None,
                     end: int | None = None, all: bool = False):  # noqa: A002
        # ?all=1 also shows the events and quotes below the export thresholds
        target = (start, end) if start is not None and end is not None else None
        return render(request, "article.html",
                      pages.article_page(_heron(request), article_id, target, all), "article")

    @router.get("/map/land.svg")
    def land() -> Response:
        return Response(land_svg(), media_type="image/svg+xml",
                        headers={"Cache-Control": "public, max-age=86400"})

    @router.get("/api-reference")
    def api_reference(request: Request):
        return render(request, "api_reference.html", {"schema": request.app.openapi()})

    return router


# -- JSON API --------------------------------------------------------------------------------
def _api() -> APIRouter:
    api = APIRouter(prefix="/api", tags=["api"])

    @api.get("/stories", summary="Stories, largest first; q: full-text search (label or articles)")
    async def stories(request: Request, q: str | None = None, limit: Limit = 50,
                      offset: Offset = 0) -> list[StorySummary]:
        return await bounded(request, lambda h: h.find_stories(q, limit) if q
                             else h.stories(limit=limit, offset=offset))

    @api.get("/story/{story_id}", summary="One story with its articles and actors")
    def story(request: Request, story_id: str) -> StoryView:
        return _found(_heron(request).story(story_id), "story")

    @api.get("/story/{story_id}/timeline", summary="The fused events of a story, in date order")
    def timeline(request: Request, story_id: str) -> list[TimelineItem]:
        h = _heron(request)
        _found(h.story(story_id), "story")
        return [with_quad(e) for e in h.timeline(story_id)]

    @api.get("/fused-events/{fused_id}", summary="A fused event with its sources and consensus")
    def fused_event(request: Request, fused_id: str) -> FusedEventView:
        return with_quad(_found(_heron(request).fused_event(fused_id), "fused event"))

    @api.get("/events", summary="Event mentions (PLOVER layout), filtered and paginated")
    def events(request: Request, date_from: str | None = None, date_to: str | None = None,
               actor: str | None = None, country: str | None = None,
               event_type: Annotated[str | None, Query(alias="type")] = None,
               story: str | None = None, status: str | None = None, limit: Limit = 50,
               offset: Offset = 0,
               min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
               ) -> PageRecord[EventRow]:
        """``min_confidence`` defaults to Heron's export threshold (docs/EVENTS.md)."""
        h = _heron(request)
        article_ids = None
        if story:
            article_ids = [a["id"] for a in _found(h.story(story), "story")["articles"]]
        where = EventFilter(date_from=date_from, date_to=date_to, actor=actor, country=country,
                            event_type=event_type, status=status, article_ids=article_ids,
                            min_confidence=min_confidence)
        return h.events(where, limit, offset).to_dict()

    @api.get("/actors", summary="Canonical actors, the most mentioned first")
    def actors(request: Request, q: str | None = None, country: str | None = None,
               limit: Limit = 50, offset: Offset = 0) -> PageRecord[ActorSummary]:
        return _heron(request).actors(q, country, limit, offset).to_dict()

    @api.get("/actors/{actor_id}",
             summary="One actor: surface forms, events by role, quotes, co-actors, trend")
    def actor(request: Request, actor_id: str, limit: Limit = 50,
              offset: Offset = 0) -> ActorView:
        return _found(_heron(request).actor(actor_id, limit, offset), "actor")

    @api.get("/quotes", summary="Quotes, optionally of one speaker (actor id)")
    def quotes(request: Request, speaker: str | None = None, limit: Limit = 50,
               offset: Offset = 0,
               min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
               ) -> PageRecord[QuoteRecord]:
        """``min_confidence`` defaults to Heron's quote export threshold (docs/QUOTES.md);
        negated statements are always listed."""
        return _heron(request).quote_page(speaker, limit, offset, min_confidence).to_dict()

    @api.get("/articles", summary="Article metadata, newest first")
    def articles(request: Request, limit: Limit = 50,
                 offset: Offset = 0) -> PageRecord[ArticleSummary]:
        return _heron(request).article_summaries(limit, offset).to_dict()

    @api.get("/articles/{article_id}", summary="One article: cleaned text, removals, analysis")
    def article(request: Request, article_id: str) -> ArticleView:
        h = _heron(request)
        found = _found(h.article(article_id), "article")
        return ArticleView.of(found, h.analysis(article_id))

    @api.get("/search", summary="Full-text search of the articles (SQLite FTS5 syntax)")
    async def search(request: Request, q: str, limit: Limit = 20) -> list[SearchHit]:
        return await bounded(request, lambda h: h.search(q, limit))

    @api.get("/contradictions", summary="Where sources disagree, with both sides' evidence")
    def contradictions(request: Request, story: str | None = None) -> list[Contradiction]:
        return _heron(request).contradictions(story_id=story)

    return api
