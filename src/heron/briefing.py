"""A short terminal briefing of what a database holds: articles, actors, events, quotes."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from rich.console import Console
from rich.table import Table

from heron.api import Heron
from heron.fuse.dates import is_reported

TOP = 12


def print_briefing(h: Heron, console: Console) -> None:
    console.rule("[bold]Heron briefing")
    _articles(h, console)
    _actors(h, console)
    _events(h, console)
    _quotes(h, console)
    _fusion(h, console)


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
        said = q["content"]["text"][:120]
        if q.get("negated"):  # "has not confirmed ...": reported as not said
            said = f"[not {q['cue']['text'] if q['cue'] else 'said'}] {said}"
        table.add_row(speaker, said, channel)
    console.print(table)


def _names(refs: list[dict]) -> str:
    return ", ".join(f"{r['name']} ({r['code'] or '?'})" for r in refs) or "—"


# -- fusion
RECENT_WEEKS = 2  # the brief timeline keeps explicitly dated items this close to the story


def _fusion(h: Heron, console: Console) -> None:
    top = h.stories(limit=1)
    if top:
        print_timeline(h, top[0]["id"], console, brief=True)


def print_timeline(h: Heron, story_id: str, console: Console, brief: bool = False) -> None:
    """A story's dated timeline (past, then planned) and its contradictions. ``brief`` keeps
    items that are corroborated, explicitly dated or contested."""
    story = h.story(story_id)
    if story is None:
        return
    console.rule(f"[bold]Story[/] {story['label']}")
    console.print(f"{story['id']}: {story['n_articles']} articles from "
                  f"{len(story['outlets'])} sources, {story['first_date'] or '?'} – "
                  f"{story['last_date'] or '?'}", markup=False)
    items = [i for i in h.timeline(story_id) if not brief or _notable(i, story)]
    for planned, title in ((False, "Timeline"), (True, "Planned / announced")):
        rows = [i for i in items if i["planned"] == planned]
        if rows:
            console.print(_timeline_table(title, rows))
    _contradictions(h.contradictions(story_id), console)


def _notable(item: dict, story: dict) -> bool:
    """Corroborated or contested, or explicitly dated within the story's weeks (background
    such as a war's start years ago stays in the full timeline)."""
    if item["n_outlets"] > 1 or item["contradiction_ids"]:
        return True
    recent = story["first_date"] and item["date"] and item["date"][:10] >= _weeks_before(
        story["first_date"], RECENT_WEEKS)
    return not is_reported(item["date_precision"]) and bool(recent)


def _weeks_before(day: str, weeks: int) -> str:
    return (date.fromisoformat(day[:10]) - timedelta(weeks=weeks)).isoformat()


def _timeline_table(title: str, items: list[dict]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in ("date", "event", "outlets", "mentions", "contested"):
        table.add_column(column, overflow="fold")
    for item in items:
        when = item["date"] or "?"
        if is_reported(item["date_precision"]):
            when = f"≤ {when} (reported)"
        table.add_row(when, item["label"], str(item["n_outlets"]), str(item["n_sources"]),
                      f"⚠ {len(item['contradiction_ids'])}" if item["contradiction_ids"] else "")
    return table


def _contradictions(found: list[dict], console: Console) -> None:
    if not found:
        return
    console.print(f"[bold]Contradictions ({len(found)})[/]")
    for cx in found:
        console.print(f"⚠ [{cx['attribute']}] {cx['description']}", markup=False)
        for side in cx["sides"]:
            sources = ", ".join(sorted({s["outlet"] or s["article_id"] for s in side["sources"]}))
            console.print(f"    • {side['value']} — {sources}", markup=False)
            for s in side["sources"][:2]:
                console.print(f"        “{s['sentence']['text'][:140]}”", markup=False)

