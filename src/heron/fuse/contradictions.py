"""Contradictions: attributes on which the sources of one fused event disagree. Each records
every side's value with its sources and evidence sentences; nothing is resolved silently.

A contradiction is a disagreement *between outlets* that a reader can check from two quoted
sentences, so every check's sides pass :func:`independent` before a record is made: a
sentence found on two sides is taken off both, as is evidence below the confidence threshold,
and two sides must be backed by two different outlets, one of them on its own side only (one
outlet against itself — an update, two readings of one article — is no contradiction). Each
record names the ``rule`` that raised it and an ``evidence`` pair: one sentence of each of two
sides from two outlets (when possible two that each stand on their own side only)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from heron.fuse.consensus import NEGATED, NUMBERS, TOLERANCE_DAYS, stating
from heron.fuse.dates import explicit_day, gap
from heron.fuse.sources import UNDETERMINED
from heron.fuse.stances import AGREED, NOT_AGREED
from heron.records import (
    Contradiction,
    Evidence,
    FusedEvent,
    PlaceRecord,
    Side,
    Source,
    Stance,
    Venue,
)

# Roles are interchangeable in these types ("A met B" = "B hosted A"): no actor conflicts.
SYMMETRIC_FAMILIES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# Places of this granularity exclude each other when their names differ.
CITY_LEVEL = frozenset({"city"})
# A sentence relaying one party's accusation: who did it is a claim, not the outlet's report.
ACCUSATION = re.compile(r"\b(?:accus|blam)\w*", re.I)


def evidence(item: Source | Stance) -> Evidence:
    return {"article_id": item["article_id"], "outlet": item["outlet"],
            "source": item["source"], "sentence": item["sentence"],
            "confidence": item.get("confidence")}


def _sentence_key(item: Evidence) -> tuple[str, int, int]:
    return item["article_id"], item["sentence"]["start"], item["sentence"]["end"]


def independent(sides: list[Side], min_confidence: float = 0.0) -> list[Side]:
    """The sides as evidence of a disagreement between outlets. A sentence found on two sides
    leaves both (a sentence cannot disagree with itself), and so does evidence below
    ``min_confidence``. Then only sides that form a *pair between outlets* with another stay:
    one side backed by an outlet that is not on the other side, the other by a different
    outlet (see :func:`_pair`). One outlet alone against itself is never a contradiction."""
    counts: dict[tuple[str, int, int], int] = {}
    for side in sides:
        for key in {_sentence_key(s) for s in side["sources"]}:
            counts[key] = counts.get(key, 0) + 1
    kept: list[Side] = []
    for side in sides:
        sources = [s for s in side["sources"] if counts[_sentence_key(s)] == 1
                   and ((confidence := s["confidence"]) is None or confidence >= min_confidence)]
        if sources:
            kept.append({**side, "sources": sources})
    paired = {i for i, j in _pairs(kept) for i in (i, j)}
    return [side for i, side in enumerate(kept) if i in paired]


def _own(side: Side, other: Side) -> list[Evidence]:
    """The side's evidence from outlets that are not on the other side."""
    theirs = {s["source"] for s in other["sources"]}
    return [s for s in side["sources"] if s["source"] not in theirs]


def _pair(a: Side, b: Side) -> list[Evidence] | None:
    """Two sentences, one per side, from two outlets, at least one of which stands on its
    side only: best both ("AP: 12 dead" / "Reuters: 14"); else an outlet that gives only one
    value against another outlet's other value ("Moscow did not confirm", reported by three
    outlets, against one outlet's "Merz said Putin agreed")."""
    own_a, own_b = _own(a, b), _own(b, a)
    if own_a and own_b:
        return [own_a[0], own_b[0]]
    for mine, side, flip in ((own_b, a, True), (own_a, b, False)):
        for lone in mine:
            other = next((s for s in side["sources"] if s["source"] != lone["source"]), None)
            if other is not None:
                return [other, lone] if flip else [lone, other]
    return None


def _pairs(sides: list[Side]) -> list[tuple[int, int]]:
    return [(a, b) for a in range(len(sides)) for b in range(a + 1, len(sides))
            if _pair(sides[a], sides[b])]


def evidence_pair(sides: list[Side]) -> list[Evidence]:
    """One sentence for each of two sides from two different outlets, preferring outlets that
    each stand on their own side only: what a reader checks the contradiction against."""
    pairs = [p for a, b in _pairs(sides) if (p := _pair(sides[a], sides[b]))]
    mutual = [p for p in pairs if _own(*_sides_of(sides, p))]
    return (mutual or pairs)[0]


def _sides_of(sides: list[Side], pair: list[Evidence]) -> tuple[Side, Side]:
    def home(item: Evidence) -> Side:
        return next(side for side in sides if item in side["sources"])
    return home(pair[0]), home(pair[1])


def holds(record: Contradiction) -> bool:
    """The invariants every stored contradiction keeps (checked again before storing): no
    sentence on two sides, a pair of sides between outlets, an evidence pair of two outlets."""
    sides = record["sides"]
    sentences = [{_sentence_key(s) for s in side["sources"]} for side in sides]
    shared = any(sentences[a] & sentences[b]
                 for a in range(len(sides)) for b in range(a + 1, len(sides)))
    pair = record.get("evidence") or []
    return bool(_pairs(sides)) and not shared and len(pair) == 2 and \
        pair[0]["source"] != pair[1]["source"] and _sentence_key(pair[0]) != _sentence_key(pair[1])


def _side(value: Any, items: Sequence[Source | Stance]) -> Side:
    seen: set[tuple[str, int]] = set()
    sources: list[Evidence] = []
    for item in items:
        key = (item["article_id"], item["sentence"]["start"])
        if key not in seen:
            seen.add(key)
            sources.append(evidence(item))
    return {"value": value, "sources": sources}


def _record(fused: FusedEvent, attribute: str, description: str, sides: list[Side],
            key: str | None = None) -> Contradiction:
    return {"id": f"cx-{fused['id']}-{key or attribute}", "story_id": fused["story_id"],
            "fused_event_id": fused["id"], "claim_id": None, "attribute": attribute,
            "description": description, "sides": sides,
            "evidence": evidence_pair(sides)}


def _outlets(sides: list[Side]) -> set[str]:
    return {s["source"] for side in sides for s in side["sources"]}


def date_conflict(fused: FusedEvent, floor: float = 0.0) -> list[Contradiction]:
    dated = sorted(((day, s) for s in fused["sources"] if (day := explicit_day(s))),
                   key=lambda pair: pair[0])
    groups: list[list[tuple[str, Source]]] = []
    for day, source in dated:
        if groups and gap(groups[-1][-1][0], day) <= TOLERANCE_DAYS:
            groups[-1].append((day, source))
        else:
            groups.append([(day, source)])
    if len(groups) < 2:
        return []
    sides = independent([_side(g[0][0] if g[0][0] == g[-1][0] else f"{g[0][0]}/{g[-1][0]}",
                               [s for _, s in g]) for g in groups], floor)
    if len(sides) < 2:
        return []
    values = " vs ".join(str(side["value"]) for side in sides)
    return [_record(fused, "date", f"sources date it differently beyond {TOLERANCE_DAYS} day "
                    f"(time-zone shifts allowed): {values}", sides)]


def number_conflicts(fused: FusedEvent, floor: float = 0.0) -> list[Contradiction]:
    out = []
    for number in NUMBERS:
        by_value: dict[int, list[Source]] = defaultdict(list)
        for s in fused["sources"]:
            if (value := s[number]) is not None:
                by_value[value].append(s)
        sides = independent([_side(v, items) for v, items in sorted(by_value.items())], floor)
        if len(sides) > 1:
            out.append(_record(fused, number, f"sources give different {number} figures: "
                               + " vs ".join(str(side["value"]) for side in sides), sides))
    return out


def compatible_places(a: PlaceRecord, b: PlaceRecord) -> bool:
    """Same place, or one lies in the other (a city inside a country or province is
    consistent); two different cities are not. Unresolved places cannot contradict."""
    if a["name"] == b["name"] or not a["country"] or not b["country"]:
        return True
    if CITY_LEVEL.issuperset((a["kind"], b["kind"])):
        return False
    return a["country"] == b["country"]


def place_groups(values: list[tuple[PlaceRecord, Source]]) -> list[list[tuple[PlaceRecord, Source]]]:
    """Group (place, evidence) pairs into clusters of mutually compatible places."""
    groups: list[list[tuple[PlaceRecord, Source]]] = []
    for place, item in values:
        home = next((g for g in groups if all(compatible_places(place, p) for p, _ in g)), None)
        if home is None:
            groups.append([(place, item)])
        else:
            home.append((place, item))
    return groups


def _group_name(group: list[tuple[PlaceRecord, Source]]) -> str:
    names: list[str] = []
    for place, _ in group:
        if place["name"] not in names:
            names.append(place["name"])
    return " / ".join(names)


def place_conflict(fused: FusedEvent, floor: float = 0.0) -> list[Contradiction]:
    """Where it happened (past events: their locations) or will happen (planned events: venue
    statements, including "undetermined")."""
    attribute = "venue" if fused["planned"] else "place"
    places: list[tuple[PlaceRecord, Source]] = []
    undetermined: list[Source] = []
    for s in fused["sources"]:
        location = s["location"]
        statements: list[Venue] = s["venues"] if fused["planned"] else (
            [{"value": location, "sentence": s["sentence"]}] if location else [])
        for v in statements:
            item: Source = {**s, "sentence": v["sentence"]}
            value = v["value"]
            if isinstance(value, str):  # UNDETERMINED, the one word a venue can be
                undetermined.append(item)
            elif value["kind"] != "region":
                places.append((value, item))
    groups = place_groups(places)
    sides = [_side(_group_name(g), [item for _, item in g]) for g in groups]
    if undetermined and (sides or fused["planned"]):
        sides.append(_side(UNDETERMINED, undetermined))
    sides = independent(sides, floor)
    if len(sides) < 2:
        return []
    what = "venue of the planned event" if fused["planned"] else "place of the event"
    return [_record(fused, attribute, f"sources disagree on the {what}: "
                    + " vs ".join(str(side["value"]) for side in sides), sides)]


def planned_conflict(fused: FusedEvent, floor: float = 0.0) -> list[Contradiction]:
    """Happened vs planned: an explicitly dated report that it took place against reports
    that it is still to come."""
    # A day before publication: a mention dated the day of its report may date the report.
    happened = [s for s in fused["sources"] if not s["planned"] and (day := explicit_day(s))
                and (published := s["published"]) and day < published[:10]]
    planned = [s for s in fused["sources"] if s["planned"]]
    if not happened or not planned:
        return []
    sides = independent([_side("happened", happened), _side("planned", planned)], floor)
    if len(sides) < 2:
        return []
    return [_record(fused, "status", "sources disagree on whether it happened or is planned",
                    sides, key="planned")]


def denial_conflict(fused: FusedEvent, floor: float = 0.0) -> list[Contradiction]:
    """Reported by some sources, denied per others ("Israel denied that its jets struck").
    A denial by the act's agent ("Sudan said it had not bombed the camp") denies who did it,
    not that it happened: it stands only against reports that name that agent as the doer
    in their own words (an accusation relayed — "X accused Sudan" — is a claim, like it)."""
    denied = [s for s in fused["sources"] if s["status"] == NEGATED]
    # An outlet carrying the denial relays the dispute ("did not comment on reports of an
    # airstrike"): its own mention of the act is what is denied, not a report that it happened.
    denying = {s["source"] for s in denied}
    reported = [s for s in fused["sources"] if s["status"] != NEGATED
                and s["source"] not in denying]
    agents: set[str] = set().union(*(_agents(s) for s in denied)) if denied else set()
    if denied and all(_agents(s) for s in denied):
        reported = [s for s in reported if _agents(s) & agents
                    and not ACCUSATION.search(s["sentence"]["text"])]
    if not denied or not reported:
        return []
    sides = independent([_side("happened", reported), _side("denied", denied)], floor)
    if len(sides) < 2:
        return []
    return [_record(fused, "status", f"sources disagree on whether it happened: "
                    f"{len(_outlets(sides[:1]))} source(s) report it, "
                    f"{len(_outlets(sides[1:]))} deny it", sides, key="denied")]


def _agents(source: Source) -> set[str]:
    """Who the source says did it: its actors' countries (else their names)."""
    return {r["country"] or r["name"] for r in source["actors"] if r["country"] or r["name"]}


def actor_conflict(fused: FusedEvent, floor: float = 0.0) -> list[Contradiction]:
    """Different initiators: sources naming actors of disjoint countries, not by role swap."""
    if fused["family"] in SYMMETRIC_FAMILIES:
        return []
    by_actors: dict[tuple[str, ...], list[Source]] = defaultdict(list)
    for s in fused["sources"]:
        countries = tuple(sorted({c for r in s["actors"] if (c := r["country"])}))
        if countries:
            by_actors[countries].append(s)
    keys = list(by_actors)
    disjoint = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:] if not set(a) & set(b)
                and not _swapped(a, by_actors[b]) and not _swapped(b, by_actors[a])]
    if not disjoint:
        return []
    sides = independent([_side(", ".join(k), by_actors[k]) for k in keys], floor)
    if len(sides) < 2:
        return []
    return [_record(fused, "actor", "sources name different actors: "
                    + " vs ".join(str(side["value"]) for side in sides), sides)]


def _swapped(countries: tuple[str, ...], sources: list[Source]) -> bool:
    return any(set(countries) & {r["country"] for r in s["recipients"]} for s in sources)


def stance_conflicts(fused: FusedEvent, floor: float = 0.0) -> list[Contradiction]:
    """Agreement asserted by some sources and denied per others, for one party. That a party
    "has not confirmed" is uncertainty, not a denial: it disputes no report that it agreed."""
    by_country: dict[str, dict[str, list[Stance]]] = defaultdict(lambda: defaultdict(list))
    for stance in fused.get("stances", []):
        by_country[stance["country"]][stance["value"]].append(stance)
    out = []
    for country, values in sorted(by_country.items()):
        if AGREED in values and NOT_AGREED in values:
            names = sorted({s["name"] for s in values[AGREED] + values[NOT_AGREED]})
            sides = independent([_side(f"{AGREED} ({country})", values[AGREED]),
                                 _side(f"{NOT_AGREED} ({country})", values[NOT_AGREED])],
                                floor)
            if len(sides) < 2:
                continue
            record = _record(fused, "status",
                             f"disputed agreement of {country} ({', '.join(names)}): "
                             f"{len(_outlets(sides[:1]))} source(s) say it agreed, "
                             f"{len(_outlets(sides[1:]))} say it has not", sides,
                             key=f"agreement-{country}")
            out.append(record)
    return out


CHECKS = (date_conflict, number_conflicts, place_conflict, planned_conflict, denial_conflict,
          actor_conflict, stance_conflicts)


def fused_contradictions(fused: FusedEvent, min_confidence: float = 0.0) -> list[Contradiction]:
    """Every rule's contradictions on one fused event, each with the ``rule`` that raised it;
    only evidence at or above ``min_confidence`` (the export threshold) takes a side."""
    view = stating(fused)
    found: list[Contradiction] = [{**c, "rule": check.__name__} for check in CHECKS
                                  for c in check(view, min_confidence)]
    found = [c for c in found if holds(c)]  # belt and braces: never store a broken one
    fused["contradiction_ids"] = [c["id"] for c in found]
    return found
