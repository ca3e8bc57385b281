"""Contradictions: attributes on which the sources of one fused event disagree. Each records
every side's value with its sources and evidence sentences; nothing is resolved silently."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from heron.fuse.consensus import NEGATED, NUMBERS, TOLERANCE_DAYS, stating
from heron.fuse.dates import explicit_day, gap
from heron.fuse.sources import UNDETERMINED
from heron.fuse.stances import AGREED, NOT_CONFIRMED

# Roles are interchangeable in these types ("A met B" = "B hosted A"): no actor conflicts.
SYMMETRIC_FAMILIES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# Places of this granularity exclude each other when their names differ.
CITY_LEVEL = frozenset({"city"})


def evidence(item: dict[str, Any]) -> dict[str, Any]:
    return {"article_id": item["article_id"], "outlet": item["outlet"],
            "source": item["source"], "sentence": item["sentence"]}


def _side(value: Any, items: list[dict]) -> dict[str, Any]:
    seen, sources = set(), []
    for item in items:
        key = (item["article_id"], item["sentence"]["start"])
        if key not in seen:
            seen.add(key)
            sources.append(evidence(item))
    return {"value": value, "sources": sources}


def _record(fused: dict, attribute: str, description: str, sides: list[dict],
            key: str | None = None) -> dict[str, Any]:
    return {"id": f"cx-{fused['id']}-{key or attribute}", "story_id": fused["story_id"],
            "fused_event_id": fused["id"], "claim_id": None, "attribute": attribute,
            "description": description, "sides": sides}


def _outlets(sides: list[dict]) -> set[str]:
    return {s["source"] for side in sides for s in side["sources"]}


def date_conflict(fused: dict) -> list[dict]:
    dated = sorted(((explicit_day(s), s) for s in fused["sources"] if explicit_day(s)),
                   key=lambda pair: pair[0])
    groups: list[list[tuple[str, dict]]] = []
    for day, source in dated:
        if groups and gap(groups[-1][-1][0], day) <= TOLERANCE_DAYS:
            groups[-1].append((day, source))
        else:
            groups.append([(day, source)])
    if len(groups) < 2:
        return []
    sides = [_side(g[0][0] if g[0][0] == g[-1][0] else f"{g[0][0]}/{g[-1][0]}",
                   [s for _, s in g]) for g in groups]
    values = " vs ".join(side["value"] for side in sides)
    return [_record(fused, "date", f"sources date it differently beyond {TOLERANCE_DAYS} day "
                    f"(time-zone shifts allowed): {values}", sides)]


def number_conflicts(fused: dict) -> list[dict]:
    out = []
    for number in NUMBERS:
        by_value: dict[int, list[dict]] = defaultdict(list)
        for s in fused["sources"]:
            if s[number] is not None:
                by_value[s[number]].append(s)
        if len(by_value) > 1:
            sides = [_side(v, items) for v, items in sorted(by_value.items())]
            out.append(_record(fused, number, f"sources give different {number} figures: "
                               + " vs ".join(str(v) for v in sorted(by_value)), sides))
    return out


def compatible_places(a: dict, b: dict) -> bool:
    """Same place, or one lies in the other (a city inside a country or province is
    consistent); two different cities are not. Unresolved places cannot contradict."""
    if a["name"] == b["name"] or not a["country"] or not b["country"]:
        return True
    if CITY_LEVEL.issuperset((a["kind"], b["kind"])):
        return False
    return a["country"] == b["country"]


def place_groups(values: list[tuple[dict, dict]]) -> list[list[tuple[dict, dict]]]:
    """Group (place, evidence) pairs into clusters of mutually compatible places."""
    groups: list[list[tuple[dict, dict]]] = []
    for place, item in values:
        home = next((g for g in groups if all(compatible_places(place, p) for p, _ in g)), None)
        if home is None:
            groups.append([(place, item)])
        else:
            home.append((place, item))
    return groups


def _group_name(group: list[tuple[dict, dict]]) -> str:
    names = []
    for place, _ in group:
        if place["name"] not in names:
            names.append(place["name"])
    return " / ".join(names)


def place_conflict(fused: dict) -> list[dict]:
    """Where it happened (past events: their locations) or will happen (planned events: venue
    statements, including "undetermined")."""
    attribute = "venue" if fused["planned"] else "place"
    places, undetermined = [], []
    for s in fused["sources"]:
        statements = s["venues"] if fused["planned"] else (
            [{"value": s["location"], "sentence": s["sentence"]}] if s["location"] else [])
        for v in statements:
            item = {**s, "sentence": v["sentence"]}
            if v["value"] == UNDETERMINED:
                undetermined.append(item)
            elif v["value"]["kind"] != "region":
                places.append((v["value"], item))
    groups = place_groups(places)
    sides = [_side(_group_name(g), [item for _, item in g]) for g in groups]
    if undetermined and (sides or fused["planned"]):
        sides.append(_side(UNDETERMINED, undetermined))
    if len(sides) < 2:
        return []
    what = "venue of the planned event" if fused["planned"] else "place of the event"
    return [_record(fused, attribute, f"sources disagree on the {what}: "
                    + " vs ".join(str(side["value"]) for side in sides), sides)]


def planned_conflict(fused: dict) -> list[dict]:
    """Happened vs planned: an explicitly dated report that it took place against reports
    that it is still to come."""
    # A day before publication: a mention dated the day of its report may date the report.
    happened = [s for s in fused["sources"] if not s["planned"] and explicit_day(s)
                and s["published"] and explicit_day(s) < s["published"][:10]]
    planned = [s for s in fused["sources"] if s["planned"]]
    if not happened or not planned:
        return []
    sides = [_side("happened", happened), _side("planned", planned)]
    return [_record(fused, "status", "sources disagree on whether it happened or is planned",
                    sides, key="planned")]


def denial_conflict(fused: dict) -> list[dict]:
    """Reported by some sources, denied per others ("Israel denied that its jets struck")."""
    denied = [s for s in fused["sources"] if s["status"] == NEGATED]
    reported = [s for s in fused["sources"] if s["status"] != NEGATED]
    if not denied or not reported:
        return []
    sides = [_side("happened", reported), _side("denied", denied)]
    return [_record(fused, "status", f"sources disagree on whether it happened: "
                    f"{len(_outlets(sides[:1]))} source(s) report it, "
                    f"{len(_outlets(sides[1:]))} deny it", sides, key="denied")]


def actor_conflict(fused: dict) -> list[dict]:
    """Different initiators: sources naming actors of disjoint countries, not by role swap."""
    if fused["family"] in SYMMETRIC_FAMILIES:
        return []
    by_actors: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for s in fused["sources"]:
        countries = tuple(sorted({r["country"] for r in s["actors"] if r["country"]}))
        if countries:
            by_actors[countries].append(s)
    keys = list(by_actors)
    disjoint = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:] if not set(a) & set(b)
                and not _swapped(a, by_actors[b]) and not _swapped(b, by_actors[a])]
    if not disjoint:
        return []
    sides = [_side(", ".join(k), by_actors[k]) for k in keys]
    return [_record(fused, "actor", "sources name different actors: "
                    + " vs ".join(", ".join(k) for k in keys), sides)]


def _swapped(countries: tuple[str, ...], sources: list[dict]) -> bool:
    return any(set(countries) & {r["country"] for r in s["recipients"]} for s in sources)


def stance_conflicts(fused: dict) -> list[dict]:
    """Agreement asserted by some sources and not confirmed per others, for one party."""
    by_country: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for stance in fused.get("stances", []):
        by_country[stance["country"]][stance["value"]].append(stance)
    out = []
    for country, values in sorted(by_country.items()):
        if AGREED in values and NOT_CONFIRMED in values:
            names = sorted({s["name"] for s in values[AGREED] + values[NOT_CONFIRMED]})
            sides = [_side(f"{AGREED} ({country})", values[AGREED]),
                     _side(f"{NOT_CONFIRMED} ({country})", values[NOT_CONFIRMED])]
            record = _record(fused, "status",
                             f"disputed agreement of {country} ({', '.join(names)}): "
                             f"{len(_outlets(sides[:1]))} source(s) say it agreed, "
                             f"{len(_outlets(sides[1:]))} say it has not confirmed", sides,
                             key=f"agreement-{country}")
            out.append(record)
    return out


CHECKS = (date_conflict, number_conflicts, place_conflict, planned_conflict, denial_conflict,
          actor_conflict, stance_conflicts)


def fused_contradictions(fused: dict) -> list[dict]:
    view = stating(fused)
    found = [c for check in CHECKS for c in check(view)]
    fused["contradiction_ids"] = [c["id"] for c in found]
    return found
