"""Per-attribute consensus of a fused event: the value most sources give, how many distinct
sources agree, and every source's own value (nothing is averaged away)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any, Literal

from heron.fuse.dates import FALLBACK, any_day, date_kind, explicit_day, gap
from heron.model import EventStatus
from heron.records import (
    Consensus,
    Consensuses,
    FusedDatePrecision,
    FusedEvent,
    Participant,
    PerSource,
    PlaceRecord,
    Source,
    SourceView,
    Support,
    Value,
)

TOLERANCE_DAYS = 1
NEGATED = "negated"
ARRANGEMENT: Support = "arrangement"
Number = Literal["killed", "injured", "size"]
NUMBERS: tuple[Number, ...] = ("killed", "injured", "size")


def _per_source(fused: FusedEvent,
                value_of: Callable[[Source], Value | None]) -> list[PerSource[Value]]:
    out: list[PerSource[Value]] = []
    for s in fused["sources"]:
        value = value_of(s)
        if value is not None:
            out.append({"article_id": s["article_id"], "source": s["source"],
                        "outlet": s["outlet"], "event_id": s["event_id"], "value": value})
    return out


def _agreement(per_source: list[PerSource[Value]],
               same: Callable[[Value, Value], bool]) -> Consensus[Value]:
    """The value backed by most distinct sources, and those sources' count."""
    if not per_source:
        return {"value": None, "agreeing_sources": 0, "per_source": []}
    # Compare distinct values, not every pair of sources: an event reported thousands of
    # times in one long text must not cost the square of its sources at every merge.
    distinct: dict[Any, Any] = {}
    sources: dict[Any, set[str]] = defaultdict(set)
    exact: Counter[Any] = Counter()
    for item in per_source:
        key = _hashable(item["value"])
        distinct.setdefault(key, item["value"])
        sources[key].add(item["source"])
        exact[key] += 1
    backers: dict[Any, set[str]] = {
        key: set().union(*(sources[k] for k, other in distinct.items() if same(value, other)))
        for key, value in distinct.items()}
    # Most backing sources, then most identical values, then the smallest (earliest) value.
    best_key = min(backers, key=lambda k: (-len(backers[k]), -exact[k], str(k)))
    value = next(i["value"] for i in per_source if _hashable(i["value"]) == best_key)
    return {"value": value, "agreeing_sources": len(backers[best_key]), "per_source": per_source}


def _hashable(value: Any) -> Any:
    return value["name"] if isinstance(value, dict) else value


def _same_date(a: str, b: str) -> bool:
    return gap(a, b) <= TOLERANCE_DAYS


def _place_name(s: Source) -> PlaceRecord | None:
    return s["location"]


def _status(s: Source) -> EventStatus:
    return s["status"]


def _event_type(s: Source) -> str:
    return s["event_type"]


def _mode(s: Source) -> str | None:
    return s["mode"]


def _killed(s: Source) -> int | None:
    return s["killed"]


def _injured(s: Source) -> int | None:
    return s["injured"]


def _size(s: Source) -> int | None:
    return s["size"]


def equal(a: Any, b: Any) -> bool:
    return _hashable(a) == _hashable(b)


def no_consensus() -> Consensuses:
    """What no source says yet: the consensus of a fused event before its first source."""
    return {"date": _agreement([], _same_date), "location": _agreement([], equal),
            "status": _agreement([], equal), "event_type": _agreement([], equal),
            "mode": _agreement([], equal), "killed": _agreement([], equal),
            "injured": _agreement([], equal), "size": _agreement([], equal)}


def consensus(fused: FusedEvent) -> Consensuses:
    out: Consensuses = {
        "date": _agreement(_per_source(fused, explicit_day), _same_date),
        "location": _agreement(_per_source(fused, _place_name), equal),
        "status": _agreement(_per_source(fused, _status), equal),
        "event_type": _agreement(_per_source(fused, _event_type), equal),
        "mode": _agreement(_per_source(fused, _mode), equal),
        "killed": _agreement(_per_source(fused, _killed), equal),
        "injured": _agreement(_per_source(fused, _injured), equal),
        "size": _agreement(_per_source(fused, _size), equal),
    }
    dates = {p["value"] for p in out["date"]["per_source"]}
    if len(dates) > 1 and all(_same_date(a, b) for a in dates for b in dates):
        out["date"]["note"] = "sources differ by one day: possibly a time-zone shift"
    return out


def participants(fused: FusedEvent) -> tuple[list[Participant], list[Participant]]:
    """Distinct actors and recipients over all sources, most cited first; a participant is
    listed in the role most sources give it."""
    refs: dict[str, Participant] = {}
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    for s in fused["sources"]:
        for role, found in (("actors", s["actors"]), ("recipients", s["recipients"])):
            for r in found:
                key = r["actor_id"] or r["country"] or r["name"]
                refs.setdefault(key, {"actor_id": r["actor_id"], "name": r["name"],
                                      "country": r["country"], "sector": r["sector"]})
                roles[key][role] += 1
    ranked = sorted(refs, key=lambda k: -sum(roles[k].values()))
    actors = [refs[k] for k in ranked if roles[k]["actors"] >= roles[k]["recipients"]]
    recipients = [refs[k] for k in ranked if roles[k]["actors"] < roles[k]["recipients"]]
    return actors, recipients


def stating(fused: FusedEvent) -> FusedEvent:
    """The fused event as seen by its sources that state its attributes: an arrangement
    source ("Trump has begun arrangements ...") says nothing of the contact's day, place,
    mode or parties, so it counts as an outlet but has no vote and raises no contradiction."""
    return {**fused, "sources": [s for s in fused["sources"] if s.get("support") != ARRANGEMENT]}


def summarise(fused: FusedEvent) -> None:
    """(Re)compute a fused event's headline fields from its sources."""
    view = stating(fused)
    sources = view["sources"]
    agreed = consensus(view)
    fused["consensus"] = agreed
    event_type, status = agreed["event_type"]["value"], agreed["status"]["value"]
    if event_type is None or status is None:  # (its label could not be written either)
        raise ValueError(f"fused event {fused['id']} has no source that states it")
    fused["event_type"] = event_type
    fused["mode"] = agreed["mode"]["value"]
    fused["status"] = status
    planned = sum(s["planned"] for s in sources)
    if planned * 2 != len(sources):
        fused["planned"] = planned * 2 > len(sources)
    fused["date"], fused["date_precision"] = resolved_date(sources, agreed["date"]["value"])
    fused["location"] = agreed["location"]["value"]
    fused["killed"] = agreed["killed"]["value"]
    fused["injured"] = agreed["injured"]["value"]
    fused["size"] = agreed["size"]["value"]
    fused["actors"], fused["recipients"] = participants(view)
    # A denial is evidence against the event, not corroboration of it.
    reporting = [s for s in fused["sources"] if s["status"] != NEGATED]
    # One sentence counts once, however many of its words the events component read as
    # mentions of this event ("met ... for talks"): n_sources counts sentences.
    fused["n_sources"] = len({sentence_key(s) for s in reporting})
    fused["n_outlets"] = len({s["source"] for s in reporting})
    fused["n_direct_outlets"] = len({s["source"] for s in sources if s["status"] != NEGATED})
    fused["n_denials"] = len({sentence_key(s) for s in fused["sources"]
                              if s["status"] == NEGATED})
    fused["background"] = bool(fused["sources"]) and all(s.get("background")
                                                         for s in fused["sources"])
    fused["confidence"] = max((s["confidence"] for s in reporting), default=0.0)
    published = sorted(s["published"] for s in fused["sources"] if s["published"])
    fused["first_reported"] = published[0] if published else None
    fused["label"] = label(fused)
    fused.setdefault("contradiction_ids", [])


def sentence_key(source: Source | SourceView) -> tuple[str, int]:
    return source["article_id"], source["sentence"]["start"]


def resolved_date(sources: list[Source],
                  agreed_day: str | None) -> tuple[str | None, FusedDatePrecision]:
    """The agreed explicit day; else the commonest coarser explicit date (month, year...);
    else the commonest date carried from another sentence; else the earliest publication
    date (fallback)."""
    if agreed_day:
        return agreed_day, next(s["date_precision"] for s in sources
                                if explicit_day(s) == agreed_day)
    coarse = Counter((s["date"], s["date_precision"]) for s in sources
                     if s["date"] and date_kind(s) == "explicit")
    if coarse:
        return coarse.most_common(1)[0][0]
    carried = Counter((s["date"], s["date_precision"]) for s in sources if date_kind(s) == "carried")
    if carried:  # dated by a time expression of a neighbouring sentence
        return carried.most_common(1)[0][0]
    fallback = sorted(d for d in (any_day(s) for s in sources) if d)
    return (fallback[0], FALLBACK) if fallback else (None, "unknown")


def representative(fused: FusedEvent) -> Source:
    """The mention that best states the event: direct (not anaphoric, not an arrangement or
    denial), explicitly dated, naming the most parties, most confident."""
    return max(fused["sources"], key=lambda s: (not s.get("anaphor"), "support" not in s,
                                                bool(explicit_day(s)),
                                                len(s["actors"]) + len(s["recipients"]),
                                                s["confidence"]))


def label(fused: FusedEvent) -> str:
    """A short readable description: 'Donald Trump → Volodymyr Zelenskyy: CONSULT (met) in X'."""
    def names(refs: list[Participant]) -> str:
        return ", ".join(r["name"] for r in refs[:2])

    who = names(fused["actors"])
    whom = names(fused["recipients"])
    parties = f"{who} → {whom}" if who and whom else who or whom or "?"
    best = representative(fused)  # the trigger of the best evidence
    kind = fused["event_type"] + (f":{fused['mode']}" if fused["mode"] else "")
    text = f"{parties}: {kind} ({best['trigger']['text']})"
    if fused["location"]:
        text += f" in {fused['location']['name']}"
    if fused["planned"]:
        text += " [planned]"
    return text
