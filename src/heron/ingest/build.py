"""Turn a ``RawDoc`` into an ``Article``: extract HTML, clean furniture, date it, fingerprint it."""

from __future__ import annotations

import re
from pathlib import Path

import trafilatura
from trafilatura.settings import Document

from heron.config import MAX_YEAR, MIN_YEAR
from heron.ingest.clean import clean_text
from heron.ingest.dedup import content_hash, simhash
from heron.ingest.html_text import DEEP, plain_text
from heron.ingest.published import normalise_date
from heron.ingest.readers import Problem, RawDoc
from heron.model import Article, PublishedSource

HEADLINE_MAX_WORDS = 20


def build_article(raw: RawDoc, default_published: str | None = None,
                  default_outlet: str | None = None) -> Article | Problem:
    """Build the article record; a ``Problem`` when no analysable text remains."""
    html_meta: dict[str, str | None] = {}
    raw_text = raw.text or ""
    if raw.html is not None:
        extracted = _from_html(raw.html, raw.notes)
        if extracted is None:
            return Problem(raw.source, "HTML page has no extractable main text")
        raw_text, html_meta = extracted
    cleaned = clean_text(raw_text)
    if not cleaned.text.strip():
        return Problem(raw.source, "empty: nothing left after removing page furniture")
    published, published_source = _published(raw, html_meta, cleaned.dateline, default_published)
    return Article(
        id=_slug(raw.id) or content_hash(cleaned.text)[:16],
        text=cleaned.text,
        raw_text=raw_text,
        title=raw.title or html_meta.get("title") or cleaned.title or _headline(cleaned.text),
        published=published,
        published_source=published_source,
        outlet=raw.outlet or html_meta.get("sitename") or default_outlet or _outlet_from_url(raw.url),
        url=raw.url or html_meta.get("url"),
        author=raw.author or html_meta.get("author") or cleaned.author,
        source=raw.source,
        removed=cleaned.removed,
        content_hash=content_hash(cleaned.text),
        simhash=simhash(cleaned.text),
    )


def _from_html(html: str, notes: list[str]) -> tuple[str, dict[str, str | None]] | None:
    """Main text and metadata by trafilatura; the plain fallback (every text node) when
    trafilatura fails on the page or the page is nested too deep for lxml to hold."""
    failure: str | None = None
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # e.g. an AssertionError inside trafilatura on malformed markup
        doc, failure = None, f"the HTML extractor failed ({type(exc).__name__})"
    # A Document unless as_dict=True (not asked for here).
    if isinstance(doc, Document) and doc.text and doc.text.strip():
        meta = {k: getattr(doc, k, None) for k in ("title", "date", "sitename", "author", "url")}
        return doc.text, meta
    text, depth = plain_text(html)
    if depth > DEEP and failure is None:
        failure = f"the page is nested {depth} levels deep, too deep for the HTML extractor"
    if failure is None or not text.strip():
        return None
    notes.append(f"{failure}; text taken from every element")
    return text, {}


def _published(raw: RawDoc, html_meta: dict, dateline: str | None,
               default: str | None) -> tuple[str | None, PublishedSource]:
    """Date and where it came from; never today's date when nothing supports one."""
    if raw.published and normalise_date(raw.published) is None:
        raw.notes.append(f"published {raw.published[:40]!r} is no date within years "
                         f"{MIN_YEAR}-{MAX_YEAR}; ignored")
    candidates: tuple[tuple[str | None, PublishedSource], ...] = (
        (normalise_date(raw.published), "metadata"),
        (dateline, "dateline"),
        (normalise_date(html_meta.get("date")), "html"),
        (normalise_date(default), "cli"),
    )
    for value, source in candidates:
        if value:
            return value, source
    return None, ""


def _headline(text: str) -> str | None:
    first = text.split("\n", 1)[0].strip()
    looks_like_headline = first and len(first.split()) <= HEADLINE_MAX_WORDS and not first.endswith(
        (".", "”", '"', "?"))
    return first if looks_like_headline else None


def _outlet_from_url(url: str | None) -> str | None:
    match = re.match(r"https?://(?:www\.)?([^/:]+)", url or "")
    return match.group(1) if match else None


def _slug(value: str | None) -> str | None:
    if not value:
        return None
    slug = re.sub(r"[^\w.-]+", "-", Path(value).name if "/" in value else value).strip("-")
    return slug[:120] or None
