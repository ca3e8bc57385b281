"""How much of 1990–today the built-in KB covers, per country and kind of office (issue #14,
item 4): heads of state or government, foreign ministers, defence ministers (share of the years
in which at least one holder is known, and how many people), and party leaders (people).

Run from the repo root: .venv/bin/python scripts/kb_coverage.py [ISO3 ...]
(default: the 60 countries most often in international news, by the project's own list below).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import defaultdict

from heron.nlp.actors.kb import KnowledgeBase, load_kb

NEWSWORTHY = """USA RUS CHN GBR FRA DEU UKR ISR PSE IRN IRQ SYR AFG PAK IND JPN KOR PRK TUR SAU EGY ITA
ESP POL CAN AUS BRA MEX VEN COL ARG NGA ZAF KEN ETH SDN SSD SOM LBY YEM LBN JOR QAT ARE TWN PHL IDN
MMR THA VNM BGD LKA BLR GEO ARM AZE SRB HUN CUB NLD""".split()
FROM, TO = dt.date(1990, 1, 1), dt.date.today()
HEAD_WORDS = ("president", "prime minister", "chancellor", "king", "queen", "emir", "sultan",
              "supreme leader", "premier", "head of state", "chairman of the state",
              "general secretary", "taoiseach", "head of government")
Interval = tuple[dt.date, dt.date]


def office(title: str, sector: str) -> str:
    """HEAD / FM / DM / PARTY / OTHER for a role title."""
    t = title.lower()
    if sector == "PTY" and "general secretary" not in t:
        return "PARTY"
    if "foreign" in t or "external affairs" in t or t == "secretary of state":
        return "FM"
    if "defen" in t or "armed forces" in t:
        return "DM"
    if any(w in t for w in HEAD_WORDS) and not any(w in t for w in ("vice", "deputy", "party")):
        return "HEAD"
    return "OTHER"


def covered_years(intervals: list[Interval]) -> float:
    """Years of [FROM, TO] inside the union of the intervals."""
    total, current = 0, None
    for start, end in sorted(intervals):
        if current and start <= current[1]:
            current = (current[0], max(current[1], end))
            continue
        total += (current[1] - current[0]).days if current else 0
        current = (start, end)
    total += (current[1] - current[0]).days if current else 0
    return total / 365.25


def coverage(kb: KnowledgeBase) -> tuple[dict, dict]:
    spans: dict[str, dict[str, list[Interval]]] = defaultdict(lambda: defaultdict(list))
    people: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for person in kb.people.values():
        for role in person.roles:
            start, end = role.start or FROM, role.end or TO
            if end < FROM:
                continue
            kind = office(role.title, role.sector)
            spans[role.country][kind].append((max(start, FROM), min(end, TO)))
            people[role.country][kind].add(person.id)
    return spans, people


def main(countries: list[str]) -> None:
    spans, people = coverage(load_kb())
    years = (TO - FROM).days / 365.25
    print(f"{'':4} {'head':>10} {'foreign':>10} {'defence':>10} {'party':>6}   (share of "
          f"{FROM.year}–{TO.year} covered, people)")
    for code in countries:
        cells = [f"{covered_years(spans[code][k]) / years:4.0%} ({len(people[code][k]):2})"
                 for k in ("HEAD", "FM", "DM")]
        print(f"{code:4} " + " ".join(f"{c:>10}" for c in cells) + f" {len(people[code]['PARTY']):6}")


if __name__ == "__main__":
    main(sys.argv[1:] or NEWSWORTHY)
