"""Event mentions as readers get them: PLOVER's JSON layout plus provenance, quad classes, and
how many events were cooperation or conflict per day."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, TypeVar

from heron.read.paging import Page, clamp
from heron.records import DayStance, EventRow, FusedSummary, PloverActor, PloverEvent
from heron.store.base import EventFilter, Store

Summary = TypeVar("Summary", bound=FusedSummary)

# Statuses of events that sources do not say happened: left out of the per-day stance counts.
NOT_HAPPENED = ("negated", "hypothetical", "future")


def events(store: Store, where: EventFilter, limit: int = 50,
           offset: int = 0) -> Page[EventRow]:
    """Event mentions in PLOVER layout (see :func:`plover_event`), by date."""
    limit, offset = clamp(limit, offset)
    records = store.event_records(where, limit, offset)
    return Page(store.count_events(where), limit, offset, [event_row(r) for r in records])


def event_row(record: dict[str, Any]) -> EventRow:
    """A stored event record (``heron.model.Event`` as JSON) in PLOVER layout with its quad
    class."""
    return {**plover_event(record), "quad_class": quad_class(record["event_type"])}


def plover_event(event: dict[str, Any]) -> PloverEvent:
    """A stored event record (``heron.model.Event`` as JSON) in PLOVER's JSON layout
    (actor/recipient lists with codes), plus provenance."""
    def actors(refs: list[dict[str, Any]]) -> list[PloverActor]:
        return [{"text": r["text"], "code": r["country"], "sector": r["sector"],
                 "actor_id": r["actor_id"], "name": r["name"], "start": r["start"], "end": r["end"]}
                for r in refs]

    return {
        "id": event["id"],
        "event_type": event["event_type"],
        "mode": event["mode"] or "",
        "context": event["context"],
        "status": event["status"],
        "actor": actors(event["actors"]),
        "recipient": actors(event["recipients"]),
        "facilitator": actors(event.get("facilitators", [])),  # arranged it; not a participant
        "date": event["date"],
        "date_end": event["date_end"],
        "date_text": event["date_text"],
        "date_precision": event["date_precision"],
        "background": event.get("background", False),
        "location": event["location"],
        "killed": event["killed"], "injured": event["injured"], "size": event["size"],
        "event_text": event["trigger"]["text"],
        "trigger": event["trigger"],
        "sentence": event["sentence_span"],
        "quote_id": event.get("quote_id"), "quote_role": event.get("quote_role"),
        "pattern": event["pattern"],
        "confidence": event["confidence"],
        "article_id": event["article_id"],
    }


# -- PLOVER quad classes ---------------------------------------------------------------------
@lru_cache(maxsize=1)
def _quads() -> dict[str, str]:
    # The events lexicon is the single source of each type's quad class. Imported here, not at
    # the top: importing heron.nlp.events loads spaCy, which read-only callers never need.
    from heron.nlp.events.lexicon import load_lexicon

    return {name: known.quad for name, known in load_lexicon().types.items()}


def quad_class(event_type: str | None) -> str | None:
    """``verbal cooperation`` … ``material conflict`` for a PLOVER event type (None if unknown)."""
    return _quads().get((event_type or "").upper())


def with_quad(item: Summary) -> Summary:
    """A timeline item or fused event with the quad class of its event type."""
    out = item.copy()
    out["quad_class"] = quad_class(item["event_type"])
    return out


def stance(event_type: str | None) -> str | None:
    """``cooperation`` or ``conflict`` (the two halves of the quad classes)."""
    quad = quad_class(event_type)
    return quad.split()[1] if quad else None


def stance_per_day(event_rows: Iterable[EventRow | FusedSummary]) -> list[DayStance]:
    """Per day-precise date: how many events were cooperation and how many conflict.

    Only what sources say happened counts: negated, hypothetical and future events do not.
    """
    return per_day(((e["date"] or "")[:10], e["event_type"], 1) for e in event_rows
                   if e["status"] not in NOT_HAPPENED)


def per_day(counts: Iterable[tuple[str, str | None, int]]) -> list[DayStance]:
    """(day, event type, events) counts → per day-precise date, cooperation and conflict."""
    days: dict[str, Counter[str]] = defaultdict(Counter)
    for day, event_type, n in counts:
        if len(day) == 10 and (side := stance(event_type)):
            days[day][side] += n
    return [{"date": day, "cooperation": c["cooperation"], "conflict": c["conflict"]}
            for day, c in sorted(days.items())]
