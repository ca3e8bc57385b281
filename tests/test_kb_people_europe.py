"""Integrity checks for the European people KB (src/heron/data/kb/people_europe.yaml).

These check the data itself (shape, codes, dates, coverage), independently of the loader,
so a bad edit to the file is caught with a precise message.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from heron.config import data_dir

KB_DIR: Path = data_dir() / "kb"
PEOPLE_FILE = KB_DIR / "people_europe.yaml"

PLOVER_SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "CVL", "MED", "BUS", "REF", "EDU",
    "HLH", "REL", "LAB", "NGO", "IGO", "SPY", "OPP", "ELI", "CRM", "UAF",
}
# European states (ISO 3166-1 alpha-3, plus Kosovo XKX and Greenland GRL, which is part of
# the Danish realm) — everyone in this file must belong to one of them or to an IGO.
EUROPEAN_STATES = {
    "ALB", "AND", "ARM", "AUT", "AZE", "BEL", "BGR", "BIH", "BLR", "CHE", "CYP", "CZE",
    "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GBR", "GEO", "GRC", "HRV", "HUN", "IRL",
    "ISL", "ITA", "LIE", "LTU", "LUX", "LVA", "MCO", "MDA", "MKD", "MLT", "MNE", "NLD",
    "NOR", "POL", "PRT", "ROU", "SMR", "SRB", "SVK", "SVN", "SWE", "TUR", "UKR", "VAT",
    "XKX", "GRL",
}
IGO_CODES = {"EU", "NATO", "OSCE", "COE", "UN"}
# States whose current leadership the KB must know (San Marino's six-monthly Captains
# Regent are deliberately left out).
MUST_HAVE_CURRENT_LEADER = EUROPEAN_STATES - {"SMR", "GRL"}
END_OF_2025 = dt.date(2025, 12, 31)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED_KEYS = {"id", "name", "aliases", "gender", "roles"}
ROLE_KEYS = {"title", "country", "sector", "start", "end"}


@pytest.fixture(scope="module")
def people() -> list[dict[str, Any]]:
    entries = yaml.safe_load(PEOPLE_FILE.read_text(encoding="utf-8"))
    assert isinstance(entries, list)
    return entries


def _roles(people: list[dict[str, Any]]):
    for person in people:
        for role in person["roles"]:
            yield person["id"], role


def _as_date(value: Any) -> dt.date | None:
    # safe_load already turns unquoted ISO dates into date objects; accept ISO strings too.
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def test_entries_have_required_fields(people):
    for person in people:
        assert set(person) == REQUIRED_KEYS, person.get("id")
        assert SLUG.match(person["id"]), person["id"]
        assert isinstance(person["name"], str) and person["name"].strip(), person["id"]
        assert person["gender"] in {"m", "f", None}, person["id"]
        assert isinstance(person["aliases"], list), person["id"]
        assert all(isinstance(a, str) and a.strip() for a in person["aliases"]), person["id"]
        assert person["roles"], f"{person['id']} has no role"


def test_ids_unique_across_all_kb_files(people):
    own_ids = [p["id"] for p in people]
    assert len(own_ids) == len(set(own_ids))
    other_ids: set[str] = set()
    for path in KB_DIR.glob("*.yaml"):
        if path == PEOPLE_FILE:
            continue
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(entry, dict) and "id" in entry:
                other_ids.add(entry["id"])
    assert not set(own_ids) & other_ids


def test_no_alias_points_to_two_people(people):
    owner: dict[str, str] = {}
    for person in people:
        for surface in {person["name"].casefold(), *(a.casefold() for a in person["aliases"])}:
            assert owner.setdefault(surface, person["id"]) == person["id"], surface


def test_role_codes_and_dates_are_valid(people):
    for person_id, role in _roles(people):
        assert set(role) == ROLE_KEYS, person_id
        assert role["title"].strip(), person_id
        assert role["sector"] in PLOVER_SECTORS, (person_id, role["sector"])
        assert role["country"] in EUROPEAN_STATES | IGO_CODES, (person_id, role["country"])
        start, end = _as_date(role["start"]), _as_date(role["end"])
        if start and end:
            assert start <= end, person_id
        if role["country"] in IGO_CODES:
            assert role["sector"] == "IGO", person_id


def test_every_european_state_has_a_current_leader(people):
    current = {
        role["country"]
        for _, role in _roles(people)
        if role["sector"] == "GOV"
        and (_as_date(role["end"]) is None or _as_date(role["end"]) >= END_OF_2025)
    }
    assert current >= MUST_HAVE_CURRENT_LEADER, sorted(MUST_HAVE_CURRENT_LEADER - current)


def test_coverage_target(people):
    assert len(people) >= 260
