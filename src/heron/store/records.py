"""Mapping between ``Analysis`` records and table rows (indexed columns + the JSON record)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from heron.model import (
    ActorRef,
    Analysis,
    Event,
    Mention,
    Place,
    Quote,
    Span,
    Timex,
    plain,
)

# table → (record attribute of Analysis, indexed columns taken from the record dict)
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "mentions": ("mentions", ("id", "article_id", "actor_id", "text", "kind", "confident")),
    "timexes": ("timexes", ("article_id", "start", "value", "precision")),
    "places": ("places", ("article_id", "name", "country")),
    "events": ("events", ("id", "article_id", "event_type", "status", "date", "confidence")),
    "quotes": ("quotes", ("id", "article_id", "speaker_id", "confidence", "negated")),
}


def analysis_rows(analysis: Analysis) -> Iterator[tuple[str, tuple[str, ...], list[tuple]]]:
    """For each table: its columns and the rows to insert for this analysis."""
    for table, (attribute, columns) in TABLES.items():
        rows = []
        for record in getattr(analysis, attribute):
            data = plain(record)
            data.setdefault("article_id", analysis.article_id)
            data["speaker_id"] = (data.get("speaker") or {}).get("actor_id")
            rows.append((*(data.get(c) for c in columns), json.dumps(_public(data),
                                                                      ensure_ascii=False)))
        yield table, (*columns, "data"), rows


def participant_rows(analysis: Analysis) -> list[tuple]:
    """``event_participants`` rows: (event id, article id, role, actor id, country, and the
    event's date, type and status, which an actor's trend counts)."""
    return [(e.id, analysis.article_id, role, ref.actor_id, ref.country, e.date, e.event_type,
             e.status)
            for e in analysis.events
            for role, refs in (("actors", e.actors), ("recipients", e.recipients)) for ref in refs]


# Per-actor counts kept at store time (migration 7) instead of counted per page request: each
# table's key columns and the column counting the events (mentions) behind a key.
# actor_roles: an actor's events in each role (the totals of its event pages); actor_pairs:
# events two distinct actors both take part in (co-actors); actor_days: an actor's events per
# day, type and status (its trend); actor_forms: an actor's mentions per surface form, kind
# and confidence of the link (1 or 0). '' stands for a missing value in a key.
ACTOR_COUNTS: dict[str, tuple[tuple[str, ...], str]] = {
    "actor_roles": (("actor_id", "role"), "events"),
    "actor_pairs": (("actor_id", "other_id"), "events"),
    "actor_days": (("actor_id", "day", "event_type", "status"), "events"),
    "actor_forms": (("actor_id", "text", "kind", "confident"), "mentions"),
}
# The columns of a mention row the counts read.
FORM_COLUMNS = "actor_id, text, kind, confident"


def actor_counts(participants: Iterable[Sequence[Any]],
                 mentions: Iterable[Sequence[Any]]) -> dict[str, Counter[tuple]]:
    """For each table of ACTOR_COUNTS, the events or mentions behind each key, from
    participant rows (:func:`participant_rows`' columns) and mention rows (FORM_COLUMNS). An
    actor named twice in one event, or in both roles, counts the event once; rows without an
    actor id count for nobody."""
    actors_of: defaultdict[str, set[str]] = defaultdict(set)
    day_of: dict[str, tuple[str, str, str]] = {}
    roles: set[tuple[str, str, str]] = set()
    for event_id, _, role, actor_id, _, date, event_type, status in participants:
        if actor_id is not None:
            actors_of[event_id].add(actor_id)
            day_of[event_id] = ((date or "")[:10], event_type or "", status or "")
            roles.add((actor_id, role, event_id))
    return {
        "actor_roles": Counter((actor, role) for actor, role, _ in roles),
        "actor_pairs": Counter((actor, other) for actors in actors_of.values()
                               for actor in actors for other in actors if actor != other),
        "actor_days": Counter((actor, *day_of[event_id])
                              for event_id, actors in actors_of.items() for actor in actors),
        "actor_forms": Counter((actor_id, text, kind or "", 1 if confident else 0)
                               for actor_id, text, kind, confident in mentions
                               if actor_id is not None),
    }


def _public(data: dict[str, Any]) -> dict[str, Any]:
    data.pop("speaker_id", None)
    return data


def _span(d: dict | None) -> Span | None:
    return Span(**d) if d else None


def _ref(d: dict | None) -> ActorRef | None:
    return ActorRef(**d) if d else None


def _event(d: dict) -> Event:
    d = dict(d)
    d["sentence_span"] = _span(d["sentence_span"])
    d["trigger"] = _span(d["trigger"])
    d["actors"] = [ActorRef(**a) for a in d["actors"]]
    d["recipients"] = [ActorRef(**a) for a in d["recipients"]]
    d["facilitators"] = [ActorRef(**a) for a in d.get("facilitators", [])]
    d["location"] = Place(**d["location"]) if d.get("location") else None
    return Event(**d)


def _quote(d: dict) -> Quote:
    d = dict(d)
    d["speaker"] = _ref(d.get("speaker"))
    d["cue"] = _span(d.get("cue"))
    d["content"] = _span(d["content"])
    d["content_spans"] = [Span(**s) for s in d.get("content_spans", [])]
    return Quote(**d)


def _place(d: dict) -> Place:
    return Place(**{k: v for k, v in d.items() if k != "article_id"})


LOADERS: dict[str, Callable[[dict], Any]] = {
    "mentions": lambda d: Mention(**d),
    "timexes": lambda d: Timex(**d),
    "places": _place,
    "events": _event,
    "quotes": _quote,
}


def analysis_from_rows(article_id: str, sentences: list[dict],
                       tables: dict[str, list[dict]]) -> Analysis:
    analysis = Analysis(article_id=article_id, sentences=[Span(**s) for s in sentences])
    for table, records in tables.items():
        setattr(analysis, TABLES[table][0], [LOADERS[table](r) for r in records])
    return analysis
