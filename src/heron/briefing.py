"""A short terminal briefing of what a database holds: articles, actors, events, quotes."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from heron.api import Heron
from heron.fuse.dates import is_reported
from heron.records import Contradiction, PloverActor, TimelineItem

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


def _names(refs: list[PloverActor]) -> str:
    return ", ".join(f"{r['name']} ({r['code'] or '?'})" for r in refs) or "—"


# -- fusion


def _fusion(h: Heron, console: Console) -> None:
    top = h.stories(limit=1)
    if top:
        print_timeline(h, top[0]["id"], console, brief=True)


def print_timeline(h: Heron, story_id: str, console: Console, brief: bool = False) -> None:
    """A story's timeline for analysts — current events, planned items, background — and its
    contradictions. ``brief`` leaves out single-outlet items that are not confident or not
    dated by their own sentence (see :func:`heron.read.timeline.hidden_by_default`)."""
    story = h.story(story_id)
    if story is None:
        return
    console.rule(f"[bold]Story[/] {story['label']}")
    console.print(f"{story['id']}: {story['n_articles']} articles from "
                  f"{len(story['outlets'])} sources, {story['first_date'] or '?'} – "
                  f"{story['last_date'] or '?'}", markup=False)
    sections = h.timeline_sections(story_id, show_all=not brief)
    for items, title in ((sections["current"], "Timeline"),
                         (sections["planned"], "Planned / announced"),
                         (sections["background"], "Background (acts long before the story)")):
        if items:
            console.print(_timeline_table(title, items))
    if sections["n_hidden"]:
        console.print(f"{sections['n_hidden']} single-source item(s) hidden (not confident or "
                      "not dated by their own sentence): --all shows them", markup=False)
    _contradictions(h.contradictions(story_id), console)


def _timeline_table(title: str, items: list[TimelineItem]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in ("date", "event", "outlets", "mentions", "contested"):
        table.add_column(column, overflow="fold")
    for item in items:
        when = item["date"] or "?"
        if is_reported(item["date_precision"]):
            when = f"≤ {when} (reported)"
        label = item["label"] + (" ↔ linked to its " + ("outcome" if item["planned"] else "plan")
                                 if item.get("plan_links") else "")
        table.add_row(when, label, str(item["n_outlets"]), str(item["n_sources"]),
                      f"⚠ {len(item['contradiction_ids'])}" if item["contradiction_ids"] else "")
    return table


def _contradictions(found: list[Contradiction], console: Console) -> None:
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

