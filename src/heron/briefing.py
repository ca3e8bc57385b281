"""A short terminal briefing of what a database holds: articles, actors, events, quotes."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from heron.api import Heron

TOP = 12


def print_briefing(h: Heron, console: Console) -> None:
    console.rule("[bold]Heron briefing")
    _articles(h, console)
    _actors(h, console)
    _events(h, console)
    _quotes(h, console)


def _articles(h: Heron, console: Console) -> None:
    table = Table(title="Articles", title_justify="left")
    for column in ("id", "published", "outlet", "title", "furniture removed"):
        table.add_column(column, overflow="fold")
    for article in h.articles(limit=50):
        removed = Counter(r.reason for r in article.removed)
        table.add_row(article.id, f"{article.published or '—'} ({article.published_source or '?'})",
                      article.outlet or "—", article.title or "—",
                      ", ".join(f"{k} ×{v}" for k, v in removed.items()) or "—")
    console.print(table)


def _actors(h: Heron, console: Console) -> None:
    actors = sorted(h.rows("actors"), key=lambda a: -a["mentions"])[:TOP]
    if not actors:
        return
    table = Table(title="Most mentioned actors", title_justify="left")
    for column in ("actor", "country", "sector", "mentions", "as written"):
        table.add_column(column, overflow="fold")
    for a in actors:
        forms = ", ".join(list(a["surface_forms"])[:6])
        table.add_row(a["name"], a["country"] or "—", a["sector"] or "—", str(a["mentions"]), forms)
    console.print(table)


def _events(h: Heron, console: Console) -> None:
    events = list(h.rows("events"))
    if not events:
        return
    events.sort(key=lambda e: (e["date"] or "", -e["confidence"]))
    table = Table(title=f"Events ({len(events)})", title_justify="left")
    for column in ("date", "type", "status", "actor", "recipient", "evidence"):
        table.add_column(column, overflow="fold")
    for e in sorted(events, key=lambda e: -e["confidence"])[:TOP * 2]:
        table.add_row(e["date"] or "—", f"{e['event_type']}{':' + e['mode'] if e['mode'] else ''}",
                      e["status"], _names(e["actor"]), _names(e["recipient"]),
                      e["sentence"]["text"][:110])
    console.print(table)


def _quotes(h: Heron, console: Console) -> None:
    quotes = list(h.rows("quotes"))
    if not quotes:
        return
    table = Table(title=f"Quotes ({len(quotes)})", title_justify="left")
    for column in ("speaker", "said", "channel / via"):
        table.add_column(column, overflow="fold")
    for q in quotes[:TOP]:
        speaker = (q["speaker"] or {}).get("name") or "?"
        channel = " / ".join(x for x in (q["channel"], q["via"]) if x) or "—"
        table.add_row(speaker, q["content"]["text"][:120], channel)
    console.print(table)


def _names(refs: list[dict]) -> str:
    return ", ".join(f"{r['name']} ({r['code'] or '?'})" for r in refs) or "—"
