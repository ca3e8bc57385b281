"""Arrangement reports: "Trump has begun arrangements for a meeting between Putin and
Zelenskyy" names no contact, yet other outlets say how the arranging was done ("he called Putin
to set up the meeting"). Such a report corroborates that contact: it joins the contact's fused
event as a source whose ``support`` is ``"arrangement"``. It counts as an outlet reporting the
event, while the per-source values show that it states no mode and no counterpart — nothing
it does not say is attributed to it.

A report is linked only to a contact that another source, in one sentence, presents as the
same facilitator's way of arranging a meeting (``arranging``: the facilitators' actor ids),
with compatible dates. Reports that arrive before such a contact is known are parked on the
planned fused event they are about and moved when the contact arrives; a report whose planned
event was not fused (no participants, no place) has nowhere to wait and is not linked.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any

from heron.fuse.dates import day
from heron.fuse.events import CANDIDATE_WINDOW, date_score, family
from heron.fuse.sources import PLANNED_STATUSES, event_source
from heron.model import Analysis, Article, Event
from heron.store.base import Store

CONTACT_FAMILY = "CONSULT"
PARKED = "arrangements"  # key of the parked reports on a planned fused event


def link_arrangements(store: Store, story_id: str, article: Article, analysis: Analysis,
                      touched: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Link the article's arrangement reports and contacts; returns the fused events changed."""
    changed: dict[str, dict[str, Any]] = {}
    arranged = [event_source(article, analysis, e) for e in analysis.events
                if is_arranged_contact(e)]
    contacts = [(s, f) for f in touched.values() if is_contact(f)
                for s in f["sources"] if s["article_id"] == article.id]
    reports = _mark_contacts(arranged, [s for s, _ in contacts])
    for _, fused in contacts:
        if any(s.get("arranging") for s in fused["sources"]):
            _collect_parked(store, story_id, fused, touched, changed)
    for report in reports:
        _place_report(store, story_id, report, touched, changed)
    return changed


def is_arranged_contact(event: Event) -> bool:
    """A planned contact with a facilitator, as coded (not the statement derived from it)."""
    return bool(event.facilitators) and event.status in PLANNED_STATUSES and \
        family(event.event_type) == CONTACT_FAMILY and "announced[" not in event.pattern


def is_contact(fused: dict[str, Any]) -> bool:
    return fused["family"] == CONTACT_FAMILY and not fused["planned"]


def _facilitator_ids(source: dict[str, Any]) -> set[str]:
    return {r["actor_id"] for r in source["facilitators"] if r["actor_id"]}


def _mark_contacts(arranged: list[dict[str, Any]],
                   contacts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mark each contact that shares a sentence with an arrangement made by one of its actors
    (or by anyone, when the contact names no actor: "after speaking with Putin"); return the
    arrangement reports of sentences that name no such contact."""
    by_sentence: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for source in contacts:
        by_sentence[source["sentence_index"]].append(source)
    reports = []
    for source in arranged:
        facilitators = _facilitator_ids(source)
        linked = False
        for contact in by_sentence[source["sentence_index"]]:
            actors = {r["actor_id"] for r in contact["actors"]}
            hits = (facilitators & actors if actors else facilitators) - {
                r["actor_id"] for r in contact["recipients"]}
            if hits:
                contact["arranging"] = sorted(set(contact.get("arranging", ())) | hits)
                linked = True
        if not linked and facilitators:
            reports.append(_report(source, facilitators))
    return reports


def _report(source: dict[str, Any], facilitators: set[str]) -> dict[str, Any]:
    """The arranging act as a source of the contact it may be part of: the facilitators act,
    on the day of the report's own clause (not the planned meeting's day, if that is later)."""
    published = (source["published"] or "")[:10]
    dated = source["date"] and (not published or source["date"][:10] <= published)
    return {**source, "event_id": f"{source['event_id']}~arrangement", "support": "arrangement",
            "event_type": CONTACT_FAMILY, "planned": False, "status": "asserted", "mode": None,
            "actors": [r for r in source["facilitators"] if r["actor_id"] in facilitators],
            "recipients": [], "location": None, "venues": [], "arranging": sorted(facilitators),
            "date": source["date"] if dated else published or None,
            "date_precision": source["date_precision"] if dated else "published-fallback"}


def linked(report: dict[str, Any], fused: dict[str, Any]) -> bool:
    """Whether ``report`` is part of the contact ``fused``: the same facilitator arranged
    through it in another source, and no date contradicts."""
    if not is_contact(fused):
        return False
    mine = set(report["arranging"])
    direct = [s for s in fused["sources"] if s.get("support") != "arrangement"]
    return any(mine & set(s.get("arranging", ())) for s in direct) and all(
        date_score(report, s) is not None for s in direct)


def _place_report(store: Store, story_id: str, report: dict[str, Any],
                  touched: dict[str, dict[str, Any]], changed: dict[str, dict[str, Any]]) -> None:
    pool = {f["id"]: f for f in _window(store, story_id, report, planned=False)}
    pool.update((k, f) for k, f in touched.items() if is_contact(f))
    target = next((f for f in pool.values() if linked(report, f)), None)
    if target is not None:
        target["sources"].append(report)
        changed[target["id"]] = target
        return
    origin = report["event_id"].removesuffix("~arrangement")
    for fused in touched.values():
        if fused["planned"] and any(s["event_id"] == origin for s in fused["sources"]):
            fused.setdefault(PARKED, []).append(report)
            changed[fused["id"]] = fused
            return


def _collect_parked(store: Store, story_id: str, contact: dict[str, Any],
                    touched: dict[str, dict[str, Any]], changed: dict[str, dict[str, Any]]) -> None:
    """Move the parked reports that belong to ``contact`` from their planned events."""
    planned = {f["id"]: f for f in _window(store, story_id, contact, planned=True)}
    planned.update((k, f) for k, f in touched.items() if f["planned"])
    for fused in planned.values():
        parked = fused.get(PARKED, [])
        joining = [r for r in parked if linked(r, contact)]
        if joining:
            fused[PARKED] = [r for r in parked if r not in joining]
            contact["sources"].extend(joining)
            changed[fused["id"]] = fused
            changed[contact["id"]] = contact


def _window(store: Store, story_id: str, item: dict[str, Any], *,
            planned: bool) -> list[dict[str, Any]]:
    when = day(item.get("date"))
    lo = (when - timedelta(days=CANDIDATE_WINDOW)).isoformat() if when else "0000"
    hi = (when + timedelta(days=CANDIDATE_WINDOW)).isoformat() if when else "9999"
    if planned:
        return store.planned_fused_events(story_id, lo, hi)
    return store.fused_candidates(story_id, family(CONTACT_FAMILY), lo, hi)
