"""Data-quality checks for the core KB files: countries.yaml, igos.yaml and roles.yaml.

They read the YAML directly (independently of the loader), so a bad edit is reported with the
entry it concerns. Names are compared in the form the matcher folds them to (transliterated to
ASCII; case, dots and a leading "the" ignored).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
import yaml

from heron.config import data_dir
from heron.nlp.actors.names import fold

KB_DIR: Path = data_dir() / "kb"
SCRIPTS_DIR = Path(__file__).resolve().parents[1] / "scripts"
PLOVER_SECTORS = frozenset(
    "GOV MIL COP JUD LEG PTY REB CVL MED BUS REF EDU HLH REL LAB NGO IGO SPY OPP ELI CRM UAF".split())
ISO3 = re.compile(r"^[A-Z]{3}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_KEYS = {"iso3", "name", "aliases", "demonyms", "capital", "capital_aliases", "seats",
                "seat_sectors"}
IGO_KEYS = {"id", "code", "name", "aliases", "sector", "members", "part_of", "headquarters",
            "seats"}
# Uninhabited territories (and the Vatican, whose citizens are its clergy and staff) have no
# demonym.
NO_DEMONYM = {"ATA", "ATF", "BVT", "HMD", "SGS", "SJM", "UMI", "VAT"}
# Forms that truly name two countries: both Congos' people are "Congolese", and "Dominican"
# is the demonym of both Dominica and the Dominican Republic.
SHARED_FORMS = {"congolese": {"COD", "COG"}, "dominican": {"DMA", "DOM"},
                "dominicans": {"DMA", "DOM"}}
# Codes that the people files use as a role's country for international officials.
IGO_CODES_USED_BY_PEOPLE = {
    "UN", "UNHCR", "UNICEF", "WFP", "UNRWA", "IOM", "FAO", "IAEA", "WHO", "ICC", "ICJ", "IMF", "WB",
    "WTO", "NDB", "AU", "ASEAN", "LAS", "GCC", "OIC", "OPEC", "ECOWAS", "NATO", "EU", "OSCE", "COE",
}




@cache
def load(name: str) -> list[dict]:
    return yaml.safe_load((KB_DIR / name).read_text(encoding="utf-8"))


def countries() -> list[dict]:
    return load("countries.yaml")


def igos() -> list[dict]:
    return load("igos.yaml")


def roles() -> list[dict]:
    """Role-term entries (the ``not_actors`` entry lists terms without a sector)."""
    return [e for e in load("roles.yaml") if "terms" in e]


def not_actor_terms() -> list[str]:
    return [t for e in load("roles.yaml") for t in e.get("not_actors", [])]


def country_forms(country: dict) -> list[str]:
    capital = [country["capital"]] if country["capital"] else []
    return [country["name"], *country["aliases"], *country["demonyms"], *capital,
            *country["capital_aliases"], *country["seats"]]


def is_text_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() == v and v
                                           for v in value)


# --- countries ----------------------------------------------------------------------------

def test_countries_cover_iso_3166_plus_kosovo_and_palestine():
    codes = [c["iso3"] for c in countries()]
    assert len(codes) == len(set(codes)), "duplicate iso3"
    assert len(codes) >= 250
    assert all(ISO3.match(code) for code in codes)
    assert {"XKX", "PSE", "UKR", "RUS", "USA", "GBR", "CHN", "TWN", "ESH"} <= set(codes)


@pytest.mark.parametrize("country", countries(), ids=lambda c: c["iso3"])
def test_country_entry_is_well_formed(country):
    assert set(country) <= COUNTRY_KEYS, set(country) - COUNTRY_KEYS
    assert isinstance(country["name"], str) and country["name"].strip()
    for key in ("aliases", "demonyms", "capital_aliases", "seats"):
        assert is_text_list(country[key]), key
    assert country["capital"] is None or country["capital"].strip()
    if country["iso3"] not in NO_DEMONYM:
        assert country["demonyms"], "every inhabited country needs a demonym"
    sectors = country.get("seat_sectors", {})
    assert set(sectors) <= set(country["seats"]), "seat_sectors names a seat not in seats"
    assert set(sectors.values()) <= PLOVER_SECTORS
    assert "GOV" not in sectors.values(), "GOV is the default; list only other sectors"


def test_no_form_names_two_countries_or_organisations():
    owners: dict[str, set[str]] = defaultdict(set)
    for country in countries():
        for form in [*country_forms(country), country["iso3"]]:
            owners[fold(form)].add(country["iso3"])
    for igo in igos():
        for form in [igo["name"], igo["code"], *igo["aliases"]]:
            owners[fold(form)].add(igo["id"])
    clashes = {form: refs for form, refs in owners.items()
               if len(refs) > 1 and SHARED_FORMS.get(form) != refs}
    assert not clashes


def test_well_known_names_and_seats_resolve():
    by_form = {fold(form): c["iso3"] for c in countries() for form in country_forms(c)}
    expected = {"US": "USA", "U.S.": "USA", "America": "USA", "UK": "GBR", "Britain": "GBR",
                "British": "GBR", "Russian Federation": "RUS", "Ukrainians": "UKR", "Kiev": "UKR",
                "the Kremlin": "RUS", "Downing Street": "GBR", "Elysee": "FRA", "Zhongnanhai": "CHN",
                "Bankova": "UKR", "Knesset": "ISR", "Ivory Coast": "CIV", "Burma": "MMR",
                "Türkiye": "TUR", "DRC": "COD", "Kosovar": "XKX", "Palestinians": "PSE"}
    assert {form: by_form.get(fold(form)) for form in expected} == expected


def test_institutions_carry_their_sector():
    sectors = {(c["iso3"], fold(seat)): sector for c in countries()
               for seat, sector in c.get("seat_sectors", {}).items()}
    assert sectors[("USA", "pentagon")] == "MIL"
    assert sectors[("RUS", "lubyanka")] == "SPY"
    assert sectors[("UKR", "verkhovna rada")] == "LEG"
    assert sectors[("USA", "capitol hill")] == "LEG"


def test_generated_file_is_in_step_with_its_sources():
    """countries.yaml must be exactly what scripts/build_countries.py makes of pycountry and
    scripts/country_facts.txt (pycountry is a build-time dependency: skip where it is absent)."""
    pytest.importorskip("pycountry")
    spec = importlib.util.spec_from_file_location("build_countries", SCRIPTS_DIR / "build_countries.py")
    builder = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = builder  # dataclasses look their module up while being created
    spec.loader.exec_module(builder)
    assert builder.build() == countries(), "rerun scripts/build_countries.py"


# --- international organisations ----------------------------------------------------------

@pytest.mark.parametrize("igo", igos(), ids=lambda i: i["id"])
def test_igo_entry_is_well_formed(igo):
    assert set(igo) <= IGO_KEYS, set(igo) - IGO_KEYS
    assert SLUG.match(igo["id"])
    assert igo["code"].strip() and igo["name"].strip()
    assert is_text_list(igo["aliases"])
    assert igo["sector"] in {"IGO", "NGO"}
    members = igo.get("members", [])
    assert len(members) == len(set(members)), "duplicate member"
    assert set(members) <= {c["iso3"] for c in countries()}
    # An organ belongs to another organisation of the file, never to itself.
    assert igo.get("part_of") in {None, *(i["code"] for i in igos() if i["code"] != igo["code"])}
    # Only a non-governmental organisation has a headquarters country that codes its actors.
    assert igo.get("headquarters") is None or (
        igo["sector"] == "NGO" and igo["headquarters"] in {c["iso3"] for c in countries()})


def test_igo_ids_and_codes_are_unique_and_cover_people_files():
    ids = [i["id"] for i in igos()]
    codes = [i["code"] for i in igos()]
    assert len(ids) == len(set(ids)) and len(codes) == len(set(codes))
    assert set(codes) >= IGO_CODES_USED_BY_PEOPLE
    assert {"ICRC", "MSF", "HRW", "AMNESTY"} <= {i["code"] for i in igos() if i["sector"] == "NGO"}


def test_igo_ids_do_not_clash_with_people():
    people_ids = {p["id"] for path in KB_DIR.glob("people*.yaml") for p in load(path.name)}
    assert not people_ids & {i["id"] for i in igos()}


def test_membership_counts():
    members = {i["code"]: i.get("members", []) for i in igos()}
    assert len(members["NATO"]) == 32
    assert len(members["EU"]) == 27
    assert len(members["AU"]) == 55
    assert len(members["COE"]) == 46
    assert len(members["OSCE"]) == 57
    assert set(members["G7"]) <= set(members["G20"])
    assert not {"RUS", "BLR"} & set(members["COE"])


# --- role nouns ---------------------------------------------------------------------------

def test_role_entries_use_plover_sectors_once_each():
    # One entry per sector, plus at most one of terms that need an owner ("Russian drones");
    # None: the one entry of people of no sector ("analysts").
    for owned in (False, True):
        sectors = [e["sector"] for e in roles() if e.get("owned", False) is owned]
        assert set(sectors) <= PLOVER_SECTORS | {None}
        assert len(sectors) == len(set(sectors)), "one entry per sector"
    assert all(set(entry) <= {"sector", "terms", "owned"} and is_text_list(entry["terms"])
               for entry in roles())


def test_not_actor_terms_are_not_role_terms():
    blocked = not_actor_terms()
    assert blocked and is_text_list(blocked)
    assert not {t.lower() for t in blocked} & {t.lower() for e in roles() for t in e["terms"]}


def test_role_terms_are_many_and_unambiguous():
    sector_of: dict[str, set[str]] = defaultdict(set)
    for entry in roles():
        for term in entry["terms"]:
            sector_of[term.lower()].add(entry["sector"])
    assert len(sector_of) >= 300
    assert not {term: s for term, s in sector_of.items() if len(s) > 1}


def test_role_terms_map_to_the_expected_sectors():
    sector_of = {term.lower(): e["sector"] for e in roles() for term in e["terms"]}
    expected = {"foreign minister": "GOV", "defense minister": "GOV", "troops": "MIL",
                "border guards": "COP", "prosecutors": "JUD", "lawmakers": "LEG",
                "rebels": "REB", "gunmen": "UAF", "protesters": "CVL", "state media": "MED",
                "companies": "BUS", "refugees": "REF", "students": "EDU", "doctors": "HLH",
                "clergy": "REL", "workers": "LAB", "aid groups": "NGO", "spies": "SPY",
                "opposition": "OPP", "former president": "ELI", "smugglers": "CRM",
                "supreme allied commander": "MIL", "joint chiefs": "MIL"}
    assert {term: sector_of.get(term) for term in expected} == expected


def test_role_terms_do_not_shadow_kb_names():
    names = {fold(form) for c in countries() for form in country_forms(c)}
    names |= {fold(form) for i in igos() for form in [i["name"], i["code"], *i["aliases"]]}
    assert not {fold(t) for e in roles() for t in e["terms"]} & names


# --- armed groups and parties -------------------------------------------------------------

def groups() -> list[dict]:
    return load("groups.yaml")


def test_group_entries_are_well_formed():
    isos = {c["iso3"] for c in countries()}
    entries = groups()
    assert len(entries) >= 80
    for group in entries:
        assert set(group) <= {"id", "name", "aliases", "country", "sector", "notes", "members"}
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", group["id"])
        assert group["sector"] in PLOVER_SECTORS and is_text_list(group["aliases"])
        assert group["country"] is None or group["country"] in isos


def test_group_names_are_unique_and_do_not_shadow_countries_or_organisations():
    forms = [f for g in groups() for f in {fold(f) for f in [g["name"], *g["aliases"]]}]
    assert len(forms) == len(set(forms)), "a name of two groups"
    other = {fold(form) for c in countries() for form in country_forms(c)}
    other |= {fold(form) for i in igos() for form in [i["name"], i["code"], *i["aliases"]]}
    assert not set(forms) & other


def test_well_known_groups_have_their_sector_and_country():
    by_id = {g["id"]: (g["country"], g["sector"]) for g in groups()}
    assert by_id["hamas"] == ("PSE", "REB")
    assert by_id["houthis"] == ("YEM", "REB")
    assert by_id["sinaloa-cartel"] == ("MEX", "CRM")
    assert by_id["afd"] == ("DEU", "PTY")
    assert by_id["taliban"] == ("AFG", "GOV")
