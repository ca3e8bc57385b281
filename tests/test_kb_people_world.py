"""Integrity checks for the non-European people KB (src/heron/data/kb/people_world.yaml).

The resolver trusts these entries (dates decide who held a role on an article's date,
country/sector feed the PLOVER actor codes), so malformed entries must fail loudly here.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from heron.ascii_fold import ascii_fold
from heron.config import data_dir

KB_DIR = data_dir() / "kb"
PEOPLE_WORLD = KB_DIR / "people_world.yaml"

PLOVER_SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "CVL", "MED", "BUS", "REF", "EDU",
    "HLH", "REL", "LAB", "NGO", "IGO", "SPY", "OPP", "ELI", "CRM", "UAF",
}
# Organisation codes used as `country` for IGO officials (must match igos.yaml codes).
IGO_CODES = {
    "UN", "UNHCR", "UNICEF", "WFP", "UNRWA", "IOM", "FAO", "IAEA", "WHO", "ICC", "ICJ",
    "IMF", "WB", "WTO", "NDB", "AU", "ASEAN", "LAS", "GCC", "OIC", "OPEC", "ECOWAS", "NATO", "EU",
}
ROLE_KEYS = {"title", "country", "sector", "start", "end"}
PERSON_KEYS = {"id", "name", "aliases", "gender", "roles"}


@cache
def _load(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _people() -> list[dict]:
    return _load(PEOPLE_WORLD)


def _slug(name: str) -> str:
    """Lowercase ASCII slug; apostrophes (and the okina, transliterated "`") vanish so "Sa'ar" ->
    "saar", "Mataʻafa" -> "mataafa"."""
    ascii_name = re.sub(r"['`]", "", ascii_fold(name))
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _known_iso3() -> set[str] | None:
    """ISO-3 codes from countries.yaml, when that file exists yet (written by another module)."""
    countries = KB_DIR / "countries.yaml"
    if not countries.exists():
        return None
    return {entry["iso3"] for entry in _load(countries)}


def _roles():
    for person in _people():
        for role in person["roles"]:
            yield person["id"], role


def test_file_is_a_list_of_people_covering_the_scope():
    people = _people()
    assert isinstance(people, list)
    assert len(people) >= 280


def test_person_entries_have_required_fields():
    for person in _people():
        assert set(person) == PERSON_KEYS, person.get("id")
        assert isinstance(person["name"], str) and person["name"].strip(), person["id"]
        assert person["gender"] in {"m", "f", None}, person["id"]
        assert isinstance(person["roles"], list) and person["roles"], person["id"]


def test_ids_are_unique_slugs_of_the_canonical_name():
    ids = [person["id"] for person in _people()]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    for person in _people():
        assert person["id"] == _slug(person["name"]), person["id"]


def test_ids_are_unique_across_all_people_files():
    seen: dict[str, str] = {}
    for path in sorted(KB_DIR.glob("people*.yaml")):
        for person in _load(path) or []:
            assert person["id"] not in seen, f"{person['id']} in {path.name} and {seen.get(person['id'])}"
            seen[person["id"]] = path.name


def test_aliases_are_distinct_strings_other_than_the_name():
    for person in _people():
        aliases = person["aliases"]
        assert isinstance(aliases, list), person["id"]
        assert all(isinstance(a, str) and a.strip() for a in aliases), person["id"]
        assert len(aliases) == len(set(aliases)), person["id"]
        assert person["name"] not in aliases, person["id"]


def test_roles_have_valid_sector_and_country_codes():
    iso3 = _known_iso3()
    for person_id, role in _roles():
        assert set(role) == ROLE_KEYS, person_id
        assert isinstance(role["title"], str) and role["title"].strip(), person_id
        assert role["sector"] in PLOVER_SECTORS, (person_id, role["sector"])
        country = role["country"]
        if country in IGO_CODES:
            assert role["sector"] == "IGO", (person_id, country)
            continue
        assert re.fullmatch(r"[A-Z]{3}", country), (person_id, country)
        if iso3 is not None:
            assert country in iso3, (person_id, country)


def test_role_dates_parse_and_are_ordered():
    for person_id, role in _roles():
        start, end = role["start"], role["end"]
        for value in (start, end):
            assert value is None or isinstance(value, dt.date), (person_id, value)
        if start and end:
            assert start <= end, (person_id, role["title"])


@pytest.mark.parametrize(
    ("person_id", "country", "sector", "current"),
    [
        ("donald-trump", "USA", "GOV", True),
        ("joe-biden", "USA", "GOV", False),
        ("dan-caine", "USA", "MIL", True),
        ("sergey-lavrov", "RUS", "GOV", True),
        ("valery-gerasimov", "RUS", "MIL", True),
        ("antonio-guterres", "UN", "IGO", True),
        ("naim-qassem", "LBN", "REB", True),
    ],
)
def test_anchor_people_have_expected_roles(person_id, country, sector, current):
    by_id = {person["id"]: person for person in _people()}
    roles = by_id[person_id]["roles"]
    matching = [r for r in roles if r["country"] == country and r["sector"] == sector]
    assert matching
    assert any(r["end"] is None for r in matching) is current
