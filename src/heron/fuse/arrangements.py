"""Arrangement reports: "Trump has begun arrangements for a meeting between Putin and
Zelenskyy" names no contact, yet other outlets say how the arranging was done ("he called Putin
to set up the meeting"). Such a report corroborates that contact: it joins the contact's fused
event as a source whose ``support`` is ``"arrangement"``. It counts as an outlet reporting the
event, but it has no vote on the event's attributes (day, place, mode, parties) and raises no
contradiction: it states none of them (see :func:`heron.fuse.consensus.stating`).

A report is linked only to a contact no source dates after the report's day (arranging was
under way by then), and only when a source, in one sentence, presents as the same
facilitator's way of arranging the same meeting: the contact source carries ``arranging``
(the facilitators' actor ids) and ``arranged`` (the meeting's participants, when named). The
meeting must be the report's: the same participants when both name them, else the report's
meeting must include the contact's counterpart ("called Putin to set up a meeting" arranges
a meeting with Putin in it). Reports that arrive before such a contact is known are parked on
the planned fused event they are about and moved when the contact arrives; a report whose
planned event was not fused (no participants, no place) has nowhere to wait and is not linked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set as AbstractSet
from datetime import timedelta
from typing import Final

from heron.fuse.consensus import ARRANGEMENT
from heron.fuse.dates import day, explicit_day
from heron.fuse.events import CANDIDATE_WINDOW, date_window, family, is_named, is_open
from heron.fuse.sources import PLANNED_STATUSES, event_source
from heron.model import REPORTED, Analysis, Article, Event
from heron.records import ActorRefRecord, FusedEvent, Source
from heron.store.base import Store

CONTACT_FAMILY = "CONSULT"
PARKED: Final = "arrangements"  # key of the parked reports on a planned fused event
PARKED_WINDOW = 60  # days between a contact and the planned meeting it arranged
SUFFIX = "~arrangement"  # derived source ids: unique per fused-event source row

Fused = FusedEvent


def link_arrangements(store: Store, story_id: str, article: Article, analysis: Analysis,
                      touched: dict[str, Fused], floor: float = 0.0) -> dict[str, Fused]:
    """Link the article's arrangement reports and contacts; returns the fused events changed.
    A report below ``floor`` joins no contact, and a contact closed by the gate
    (:func:`heron.fuse.events.is_open`) takes no report."""
    changed: dict[str, Fused] = {}
    arranged = [event_source(article, analysis, e) for e in analysis.events
                if is_arranged_contact(e) and e.confidence >= floor]
    contacts = {f["id"]: f for f in touched.values() if is_contact(f) and is_open(f, floor)}
    own = [s for f in contacts.values() for s in f["sources"] if s["article_id"] == article.id]
    reports = _mark_contacts(arranged, own)
    for fused in contacts.values():
        if any(s.get("arranging") for s in fused["sources"]):
            _collect_parked(store, story_id, fused, touched, changed)
    for report in reports:
        _place_report(store, story_id, report, touched, changed, floor)
    return changed


def is_arranged_contact(event: Event) -> bool:
    """A planned contact with a facilitator, as coded (not the statement derived from it)."""
    return bool(event.facilitators) and event.status in PLANNED_STATUSES and \
        family(event.event_type) == CONTACT_FAMILY and "announced[" not in event.pattern


def is_contact(fused: Fused) -> bool:
    return fused["family"] == CONTACT_FAMILY and not fused["planned"]


def _facilitator_ids(source: Source) -> set[str]:
    return {actor_id for r in source["facilitators"] if (actor_id := r["actor_id"])}


def identity(ref: ActorRefRecord) -> str | None:
    """A participant's identity: a named actor by id, a country in any role by country."""
    key = ref["actor_id"]
    if key and is_named(key):
        return key
    return f"country:{ref['country']}" if ref["country"] else None


def _parties(refs: list[ActorRefRecord], without: AbstractSet[str] = frozenset()) -> set[str]:
    return {i for r in refs if (i := identity(r)) and i not in without}


def _mark_contacts(arranged: list[Source], contacts: list[Source]) -> list[Source]:
    """Mark each contact that shares a sentence with an arrangement made by one of its actors
    (or by anyone, when the contact names no actor: "after speaking with Putin"); return the
    arrangement reports of sentences that name no such contact."""
    by_sentence: dict[int, list[Source]] = defaultdict(list)
    for source in contacts:
        by_sentence[source["sentence_index"]].append(source)
    reports: list[Source] = []
    for source in arranged:
        facilitators = _facilitator_ids(source)
        meeting = _parties(source["actors"] + source["recipients"], facilitators)
        linked = False
        for contact in by_sentence[source["sentence_index"]]:
            actors = {r["actor_id"] for r in contact["actors"]}
            hits = (facilitators & actors if actors else facilitators) - {
                r["actor_id"] for r in contact["recipients"]}
            if hits:
                contact["arranging"] = sorted(set(contact.get("arranging", ())) | hits)
                contact["arranged"] = sorted(set(contact.get("arranged", ())) | meeting)
                linked = True
        if not linked and facilitators and meeting:
            reports.append(_report(source, facilitators, meeting))
    return reports


def _report(source: Source, facilitators: set[str], meeting: set[str]) -> Source:
    """The arranging act as a source of the contact it may be part of: the facilitators act;
    its day (that of the report's own clause, unless that is the later meeting's) only bounds
    the contact's."""
    published = (source["published"] or "")[:10]
    own_date = source["date"]
    dated = own_date and (not published or own_date[:10] <= published)
    return {**source, "event_id": f"{source['event_id']}{SUFFIX}",
            "origin_event_id": source["event_id"], "support": ARRANGEMENT,
            "event_type": CONTACT_FAMILY, "planned": False, "status": "asserted", "mode": None,
            "actors": [r for r in source["facilitators"] if r["actor_id"] in facilitators],
            "recipients": [], "location": None, "venues": [], "arranging": sorted(facilitators),
            "arranged": sorted(meeting),
            "date": source["date"] if dated else published or None,
            "date_precision": source["date_precision"] if dated else REPORTED}


def linked(report: Source, fused: Fused) -> bool:
    """Whether ``report`` is part of the contact ``fused``: a source of it says the same
    facilitator arranged the same meeting through it, and no date contradicts."""
    if not is_contact(fused) or any(s["event_id"] == report["event_id"] for s in fused["sources"]):
        return False
    direct = [s for s in fused["sources"] if s.get("support") != ARRANGEMENT]
    return any(_same_arrangement(report, s) for s in direct) and all(
        _not_before(report, s) for s in direct)


def _not_before(report: Source, contact: Source) -> bool:
    """The report's day only bounds the contact's: arranging was under way by then, so a
    contact dated (explicitly) after it, beyond the time-zone tolerance, is another one."""
    reported, happened = day(report["date"]), explicit_day(contact)
    happened_day = day(happened)
    return not reported or not happened_day or happened_day <= reported + timedelta(days=1)


def _same_arrangement(report: Source, contact: Source) -> bool:
    facilitators = set(report["arranging"])
    if not facilitators & set(contact.get("arranging", ())):
        return False
    meeting, theirs = set(report["arranged"]), set(contact.get("arranged", ()))
    if theirs:
        return bool(meeting & theirs)
    return bool(meeting & _parties(contact["actors"] + contact["recipients"], facilitators))


def _place_report(store: Store, story_id: str, report: Source, touched: dict[str, Fused],
                  changed: dict[str, Fused], floor: float) -> None:
    pool = _pool(_window(store, story_id, report, planned=False), touched, changed)
    target = next((f for f in pool.values() if is_open(f, floor) and linked(report, f)), None)
    if target is not None:
        target["sources"].append(report)
        changed[target["id"]] = target
        return
    for fused in {**touched, **changed}.values():
        if fused["planned"] and any(s["event_id"] == report["origin_event_id"]
                                    for s in fused["sources"]):
            parked = fused.setdefault(PARKED, [])
            if all(r["event_id"] != report["event_id"] for r in parked):
                parked.append(report)
            changed[fused["id"]] = fused
            return


def _collect_parked(store: Store, story_id: str, contact: Fused, touched: dict[str, Fused],
                    changed: dict[str, Fused]) -> None:
    """Move the parked reports that belong to ``contact`` from their planned events."""
    planned = _pool(_window(store, story_id, contact, planned=True), touched, changed)
    for fused in planned.values():
        parked = fused.get(PARKED, [])
        joining = [r for r in parked if fused["planned"] and linked(r, contact)]
        if joining:
            fused[PARKED] = [r for r in parked if r not in joining]
            contact["sources"].extend(joining)
            changed[fused["id"]] = fused
            changed[contact["id"]] = contact


def _pool(stored: list[Fused], touched: dict[str, Fused],
          changed: dict[str, Fused]) -> dict[str, Fused]:
    """Stored candidates, replaced by the versions already being updated (never two copies
    of one fused event: a report must be neither lost nor counted twice)."""
    pool = {f["id"]: f for f in stored}
    pool.update((k, f) for k, f in touched.items() if k in pool or f["family"] == CONTACT_FAMILY)
    pool.update(changed)
    return pool


def _window(store: Store, story_id: str, item: Source | Fused, *,
            planned: bool) -> list[Fused]:
    lo, hi = date_window(item, PARKED_WINDOW if planned else CANDIDATE_WINDOW)
    if planned:
        return store.planned_fused_events(story_id, lo, hi)
    return store.fused_candidates(story_id, family(CONTACT_FAMILY), lo, hi)
