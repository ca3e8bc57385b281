"""The KB loader: valid files load, malformed ones fail with file:line, the built-in KB validates."""

from __future__ import annotations

from pathlib import Path

import pytest

from heron.config import Settings
from heron.nlp.actors import build, find_actor
from heron.nlp.actors.kb import KBError, load_kb

COUNTRIES = """\
- iso3: UKR
  name: Ukraine
  demonyms: [Ukrainian]
  capital: Kyiv
- iso3: NLD
  name: Netherlands
  demonyms: [Dutch]
  capital: Amsterdam
"""
PEOPLE = """\
- id: volodymyr-zelenskyy
  name: Volodymyr Zelenskyy
  aliases: [Zelensky]
  gender: m
  roles:
    - {title: President, country: UKR, sector: GOV, start: 2019-05-20, end: null}
- id: mark-rutte
  name: Mark Rutte
  aliases: [Rutte]
  gender: m
  roles:
    - {title: Secretary General, country: NATO, sector: IGO, start: 2024-10-01, end: null}
    - {title: Prime Minister, country: NLD, sector: GOV, start: 2010-10-14, end: 2024-07-02}
"""
IGOS = """\
- id: nato
  code: NATO
  name: North Atlantic Treaty Organization
  aliases: [NATO]
  sector: IGO
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def kb_dir(tmp_path: Path) -> Path:
    write(tmp_path, "countries.yaml", COUNTRIES)
    write(tmp_path, "igos.yaml", IGOS)
    write(tmp_path, "people.yaml", PEOPLE)
    return tmp_path


def test_valid_folder_loads_every_kind(kb_dir: Path) -> None:
    kb = load_kb([kb_dir], builtin=False)
    assert set(kb.people) == {"volodymyr-zelenskyy", "mark-rutte"}
    assert kb.igos["nato"].code == "NATO"
    assert kb.countries["UKR"].capital == "Kyiv"
    role = kb.people["mark-rutte"].role_on(None)
    assert (role.country, role.sector) == ("NATO", "IGO")


def test_role_follows_publication_date(kb_dir: Path) -> None:
    import datetime as dt

    rutte = load_kb([kb_dir], builtin=False).people["mark-rutte"]
    assert rutte.role_on(dt.date(2020, 1, 1)).country == "NLD"
    assert rutte.role_on(dt.date(2025, 8, 20)).country == "NATO"


def assert_error(paths: list[Path], file: Path, line: int, words: str) -> None:
    with pytest.raises(KBError) as info:
        load_kb(paths, builtin=False)
    message = str(info.value)
    assert message.startswith(f"{file}:{line}:"), message
    assert words in message


def test_bad_yaml_names_file_and_line(kb_dir: Path) -> None:
    bad = write(kb_dir, "zz_bad.yaml", "- id: a\n  name: [unclosed\n  roles: []\n")
    assert_error([kb_dir], bad, 3, "invalid YAML")


def test_missing_field_names_entry_line(kb_dir: Path) -> None:
    bad = write(kb_dir, "zz_bad.yaml", PEOPLE.replace("mark-rutte", "other").replace(
        "volodymyr-zelenskyy", "another").replace("  name: Mark Rutte\n", ""))
    assert_error([kb_dir], bad, 7, "missing required field 'name'")


def test_bad_sector_names_the_line(kb_dir: Path) -> None:
    bad = write(kb_dir, "zz_bad.yaml", "- terms: [mayor]\n  sector: MAYORS\n")
    assert_error([kb_dir], bad, 2, "unknown sector 'MAYORS'")


def test_duplicate_id_names_both_places(kb_dir: Path) -> None:
    bad = write(kb_dir, "zz_dup.yaml", "\n" + PEOPLE)
    with pytest.raises(KBError) as info:
        load_kb([kb_dir], builtin=False)
    message = str(info.value)
    assert message.startswith(f"{bad}:2:") and "duplicate id 'volodymyr-zelenskyy'" in message
    assert f"{kb_dir / 'people.yaml'}:1" in message


def test_unknown_country_code_is_reported(kb_dir: Path) -> None:
    bad = write(kb_dir, "zz_bad.yaml", PEOPLE.replace("mark-rutte", "x").replace(
        "volodymyr-zelenskyy", "y").replace("country: UKR", "country: UKX"))
    assert_error([kb_dir], bad, 1, "unknown country/organisation code 'UKX'")


def test_an_organ_is_coded_with_its_organisation(kb_dir: Path) -> None:
    write(kb_dir, "zz_organ.yaml", "- id: nato-council\n  code: NAC\n  name: North Atlantic "
                                   "Council\n  sector: IGO\n  part_of: NATO\n")
    kb = load_kb([kb_dir], builtin=False)
    assert (kb.polity("NAC"), kb.polity("NATO"), kb.polity("UKR"), kb.polity(None)) == \
        ("NATO", "NATO", "UKR", None)
    assert find_actor(kb, "North Atlantic Council")[0]["country"] == "NATO"
    bad = write(kb_dir, "zz_organ.yaml", "- id: nato-council\n  code: NAC\n  name: North "
                                         "Atlantic Council\n  sector: IGO\n  part_of: XYZ\n")
    assert_error([kb_dir], bad, 1, "part of an unknown organisation 'XYZ'")


def test_an_ngo_is_coded_with_its_headquarters_country(kb_dir: Path) -> None:
    write(kb_dir, "zz_ngo.yaml", "- id: watchers\n  code: WATCH\n  name: Global Rights Watchers"
                                 "\n  sector: NGO\n  headquarters: NLD\n")
    kb = load_kb([kb_dir], builtin=False)
    assert kb.polity("WATCH") == "NLD"
    assert find_actor(kb, "Global Rights Watchers")[0]["country"] == "NLD"
    bad = write(kb_dir, "zz_ngo.yaml", "- id: watchers\n  code: WATCH\n  name: Global Rights "
                                       "Watchers\n  sector: IGO\n  headquarters: NLD\n")
    assert_error([kb_dir], bad, 1, "headquarters must be the ISO-3 code of a country")


def test_the_builtin_ngos_are_coded_with_their_headquarters() -> None:
    kb = load_kb()
    assert (kb.polity("AMNESTY"), kb.polity("HRW"), kb.polity("ICRC")) == ("GBR", "USA", "CHE")


def test_bad_date_and_slug(kb_dir: Path) -> None:
    bad = write(kb_dir, "zz_bad.yaml", "- id: Bad Id\n  name: X Y\n  roles: []\n")
    assert_error([kb_dir], bad, 1, "lower-case ascii slug")
    write(kb_dir, "zz_bad.yaml", "- id: x-y\n  name: X Y\n  roles:\n"
                                 "    - {title: P, country: UKR, sector: GOV, start: 2019-13-45}\n")
    assert_error([kb_dir], kb_dir / "zz_bad.yaml", 4, "bad value '2019-13-45'")
    write(kb_dir, "zz_bad.yaml", "- id: x-y\n  name: X Y\n  roles:\n"
                                 "    - {title: P, country: UKR, sector: GOV, start: 2019}\n")
    assert_error([kb_dir], kb_dir / "zz_bad.yaml", 3, "bad date 2019")


def test_missing_path_is_reported(tmp_path: Path) -> None:
    with pytest.raises(KBError, match="not found"):
        load_kb([tmp_path / "nope.yaml"], builtin=False)


def test_builtin_kb_validates() -> None:
    kb = load_kb()
    assert len(kb.people) >= 500
    for person in kb.people.values():
        assert person.roles, person.source
    if kb.countries and kb.igos:  # every role points at a known code
        codes = set(kb.countries) | {igo.code for igo in kb.igos.values()}
        assert all(r.country in codes for p in kb.people.values() for r in p.roles)


def test_user_kb_from_settings_and_argument(nlp, tmp_path: Path) -> None:
    from_settings = write(tmp_path, "settings.yaml", "- id: olha-mayor\n  name: Olha Hrytsenko\n"
                          "  roles:\n    - {title: Mayor, country: UKR, sector: GOV}\n")
    folder = tmp_path / "folder"
    folder.mkdir()
    write(folder, "mine.yaml", "- id: vitalii-maletskyi\n  name: Vitalii Maletskyi\n  gender: m\n"
                               "  roles:\n    - {title: Mayor, country: UKR, sector: GOV}\n")
    component = build(nlp, Settings(kb_paths=(from_settings,)), extra_kb=[folder])
    assert {"olha-mayor", "vitalii-maletskyi"} <= set(component.kb.people)
    hits = find_actor(component.kb, "Vitalii Maletskyj")
    assert hits[0]["id"] == "vitalii-maletskyi" and hits[0]["score"] < 1
    assert find_actor(component.kb, "Maletskyi")[0]["id"] == "vitalii-maletskyi"


def test_role_terms_of_no_sector_need_an_explicit_null(kb_dir: Path) -> None:
    write(kb_dir, "roles.yaml", "- terms: [analysts]\n  sector: null\n")
    assert load_kb([kb_dir], builtin=False).role_terms["analysts"] is None
    bad = write(kb_dir, "zz_bad.yaml", "- terms: [critics]\n")  # a forgotten sector is an error
    assert_error([kb_dir], bad, 1, "unknown sector None")


@pytest.mark.parametrize("first, second", [
    ("- terms: [passenger]\n  sector: null\n", "- terms: [passengers]\n  sector: CVL\n"),
    ("- terms: [observers]\n  sector: IGO\n", "- terms: [observer]\n  sector: null\n"),
    ("- terms: [gunmen]\n  sector: UAF\n", "- terms: [gunman]\n  sector: REB\n"),
    ("- terms: [militia]\n  sector: REB\n", "- terms: [militias]\n  sector: UAF\n"),
])
def test_a_role_noun_has_one_sector_in_both_numbers(kb_dir: Path, first: str,
                                                    second: str) -> None:
    write(kb_dir, "roles.yaml", first)
    bad = write(kb_dir, "zz_bad.yaml", second)
    assert_error([kb_dir], bad, 1, "one noun, one sector in both numbers")


def test_both_numbers_of_a_role_noun_with_one_sector_load(kb_dir: Path) -> None:
    write(kb_dir, "roles.yaml", "- terms: [passenger, passengers]\n  sector: CVL\n"
                                "- not_actors: [search party]\n"  # a blocker is no role noun
                                "- terms: [search parties]\n  sector: PTY\n")
    kb = load_kb([kb_dir], builtin=False)
    assert kb.role_terms["passenger"] == kb.role_terms["passengers"] == "CVL"
    assert {load_kb().role_terms[t] for t in ("passenger", "passengers")} == {"CVL"}
