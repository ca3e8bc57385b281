"""Knowledge-base loader and validator.

The KB is a set of YAML files (format: docs/KB.md): every ``*.yaml`` in the built-in folder
``heron/data/kb`` plus user files or folders. Each file is a list of mappings; the kind of an
entry follows from its keys (``iso3`` → country, ``code`` → international organisation,
``terms`` → role nouns, ``not_actors`` → nouns that are never actors, ``roles`` → person,
``id`` with ``sector`` → armed or non-state group / political party). Any problem is reported
as ``file:line: message`` so that a user can fix their own KB files without reading Python
tracebacks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from heron.config import data_dir
from heron.nlp.actors.names import fold

PLOVER_SECTORS = frozenset(
    "GOV MIL COP JUD LEG PTY REB CVL MED BUS REF EDU HLH REL LAB NGO IGO SPY OPP ELI CRM UAF".split()
)
NOT_ACTOR = ""  # the "sector" of not_actors terms ("social media"): they block shorter terms
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BUILTIN_KB_DIR = data_dir() / "kb"
# YAML files, and indexes made by `heron kb import` (heron.nlp.actors.wikidata).
KB_SUFFIXES = (".yaml", ".yml", ".heronkb")
# People are newsworthy a little before and after their offices (candidates, former leaders).
ACTIVE_SLACK_YEARS = 4
# libyaml when available: the KB is large and the pure-Python parser is ~10x slower.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class KBError(ValueError):
    """A malformed KB file; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    country: str
    sector: str
    start: dt.date | None
    end: dt.date | None

    def valid_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(slots=True)
class Person:
    id: str
    name: str
    aliases: list[str]
    gender: str | None
    roles: list[Role]
    source: str = ""
    citizenship: str | None = None  # ISO-3; the country when no role gives one

    def active_near(self, day: dt.date | None, years: int = ACTIVE_SLACK_YEARS) -> bool:
        """Did the person hold a role within ``years`` of ``day``? (True without a date or
        roles: nothing to contradict.)"""
        if day is None or not self.roles:
            return True
        slack = dt.timedelta(days=365 * years)
        return any((r.start is None or r.start - slack <= day) and (r.end is None or day <= r.end + slack)
                   for r in self.roles)

    def role_on(self, day: dt.date | None) -> Role | None:
        """The role held on ``day``; without a date (or none valid) the most recent role."""
        if not self.roles:
            return None
        if day is not None:
            current = [r for r in self.roles if r.valid_on(day)]
            if current:
                # Several concurrent roles: a state office before a party post (a head of
                # state who also leads the party is GOV), then the one started last, the most
                # specific news hook.
                return max(current, key=lambda r: (r.sector != "PTY", r.start or dt.date.min))
        return max(self.roles, key=recency)


def recency(role: Role) -> tuple[dt.date, dt.date]:
    return (role.end or dt.date.max, role.start or dt.date.min)


@dataclass(slots=True)
class Igo:
    id: str
    code: str
    name: str
    aliases: list[str]
    sector: str
    members: list[str]
    source: str = ""
    part_of: str | None = None  # code of the organisation this is an organ of (EC → EU)
    headquarters: str | None = None  # ISO-3 of an NGO's headquarters: its actors' country
    # Cities that stand for the organisation when they act ("Brussels said" is the EU).
    seats: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Group:
    """An armed or non-state group, or a political party (groups.yaml)."""

    id: str
    name: str
    aliases: list[str]
    country: str | None  # ISO-3 of where it operates; None for transnational groups
    sector: str
    notes: str = ""
    source: str = ""


@dataclass(slots=True)
class Country:
    iso3: str
    name: str
    aliases: list[str]
    demonyms: list[str]
    capital: str | None
    capital_aliases: list[str]
    seats: list[str]
    seat_sectors: dict[str, str]
    source: str = ""


@dataclass(slots=True, eq=False)  # identity hash: one KB per process, cached indexes
class KnowledgeBase:
    people: dict[str, Person] = field(default_factory=dict)
    igos: dict[str, Igo] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    # lower-case term → sector; NOT_ACTOR for nouns that look like roles but are never actors
    role_terms: dict[str, str | None] = field(default_factory=dict)  # None: no sector
    # terms that name an actor only with an owner word ("Russian drones", not "drones")
    owned_terms: set[str] = field(default_factory=set)
    # folded city → the organisation it stands for when it acts (from the IGO entries' seats)
    seats: dict[str, Igo] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    def igo_by_code(self, code: str) -> Igo | None:
        return next((i for i in self.igos.values() if i.code == code), None)

    def igo_seated_in(self, city: str) -> Igo | None:
        """The organisation a city stands for when it acts ("Brussels would retaliate")."""
        return self.seats.get(fold(city))

    def polity(self, code: str | None) -> str | None:
        """The code an actor of ``code`` is coded with: an organ's parent organisation ("EC",
        "ECB" → "EU"; "UNSC" → "UN"), like a ministry is coded with its country; a
        non-governmental organisation's headquarters country ("AMNESTY" → "GBR": annotators code
        an NGO with the country of its headquarters when public knowledge makes it plain)."""
        igo = self.igo_by_code(code) if code else None
        if igo is None:
            return code
        return igo.part_of or igo.headquarters or code


def kb_files(paths: Iterable[Path | str]) -> list[Path]:
    """The YAML files under ``paths`` (files as given, folders expanded, sorted)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in KB_SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            raise KBError(f"{path}: KB file or folder not found")
    return files


def load_kb(extra: Iterable[Path | str] = (), builtin: bool = True) -> KnowledgeBase:
    """Load the built-in KB (unless ``builtin`` is False) plus ``extra`` files/folders."""
    sources = ([BUILTIN_KB_DIR] if builtin and BUILTIN_KB_DIR.is_dir() else []) + list(extra)
    kb = KnowledgeBase()
    seen: dict[str, str] = {}
    for path in kb_files(sources):
        if path.suffix == ".heronkb":
            _load_index(path, kb, seen)
        else:
            _load_file(path, kb, seen)
        kb.files.append(path)
    _check_codes(kb)
    return kb


def _load_index(path: Path, kb: KnowledgeBase, seen: dict[str, str]) -> None:
    """People from an imported, already validated index (no parsing beyond one table read)."""
    from heron.nlp.actors.wikidata import read_index

    for person in read_index(path):
        if person.id in seen:
            raise KBError(f"{path}: duplicate id {person.id!r} (first defined at {seen[person.id]})")
        seen[person.id] = f"{path}:{person.source}"
        kb.people[person.id] = person


def _load_file(path: Path, kb: KnowledgeBase, seen: dict[str, str]) -> None:
    loader = _Loader(path.read_text(encoding="utf-8"))
    try:
        root = loader.get_single_node()
        if root is None:
            return
        if not isinstance(root, yaml.SequenceNode):
            raise KBError(f"{path}:{root.start_mark.line + 1}: a KB file must be a YAML list of entries")
        entries = [(node, _construct(loader, node, path)) for node in root.value]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise KBError(f"{path}{line}: invalid YAML: {getattr(exc, 'problem', exc)}") from exc
    finally:
        loader.dispose()
    for node, entry in entries:
        where = f"{path}:{node.start_mark.line + 1}"
        if not isinstance(entry, dict):
            raise KBError(f"{where}: each KB entry must be a mapping")
        _add_entry(_Entry(entry, node, where, path), kb, seen)


def _construct(loader: yaml.constructor.SafeConstructor, node: yaml.Node, path: Path) -> Any:
    """Build one entry; a value YAML cannot build (a 13th month) is reported at its own line."""
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as exc:
        loader.recursive_objects.clear()  # the failed build left its nodes marked in-progress
        bad = next((n for n in _scalars(node) if not _constructs(loader, n)), node)
        raise KBError(f"{path}:{bad.start_mark.line + 1}: bad value {bad.value!r}: {exc}") from exc


def _scalars(node: yaml.Node) -> list[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        return [node]
    children = node.value if isinstance(node, yaml.SequenceNode) else [
        n for pair in node.value for n in pair]
    return [s for child in children for s in _scalars(child)]


def _constructs(loader: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> bool:
    try:
        loader.construct_object(node)
        return True
    except ValueError:
        loader.recursive_objects.clear()
        return False


@dataclass
class _Entry:
    """One raw entry with what is needed to point at its lines."""

    data: dict[str, Any]
    node: yaml.Node
    where: str
    path: Path

    def line_of(self, key: str) -> str:
        for key_node, _value in self.node.value:
            if key_node.value == key:
                return f"{self.path}:{key_node.start_mark.line + 1}"
        return self.where

    def fail(self, key: str | None, message: str) -> KBError:
        return KBError(f"{self.line_of(key) if key else self.where}: {message}")

    def required(self, key: str) -> Any:
        value = self.data.get(key)
        if value is None or value == "":
            raise self.fail(None, f"missing required field {key!r}")
        return value

    def text(self, key: str) -> str:
        value = self.required(key)
        if not isinstance(value, str):
            raise self.fail(key, f"field {key!r} must be a string")
        return value.strip()

    def strings(self, key: str) -> list[str]:
        value = self.data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, f"field {key!r} must be a list of strings")
        return [v.strip() for v in value if v.strip()]

    def sector(self, value: Any, key: str = "sector") -> str:
        if value not in PLOVER_SECTORS:
            raise self.fail(key, f"unknown sector {value!r} (expected one of "
                                 f"{', '.join(sorted(PLOVER_SECTORS))})")
        return value

    def date(self, value: Any, key: str) -> dt.date | None:
        if value is None or isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(key, f"bad date {value!r} (expected YYYY-MM-DD or null)") from None


def _add_entry(entry: _Entry, kb: KnowledgeBase, seen: dict[str, str]) -> None:
    keys = entry.data.keys()
    if "terms" in keys:
        _add_role_terms(entry, kb)
    elif "not_actors" in keys:
        for term in entry.strings("not_actors"):
            kb.role_terms[term.lower()] = NOT_ACTOR
    elif "iso3" in keys:
        _register(entry.text("iso3"), entry, seen)
        _add_country(entry, kb)
    elif "code" in keys:
        _register(_slug_id(entry), entry, seen)
        _add_igo(entry, kb)
    elif "id" in keys and "sector" in keys and "roles" not in keys:
        _register(_slug_id(entry), entry, seen)
        _add_group(entry, kb)
    elif "id" in keys or "roles" in keys:
        _register(_slug_id(entry), entry, seen)
        _add_person(entry, kb)
    else:
        raise entry.fail(None, "cannot tell the entry kind: expected 'id' and 'roles' (person), "
                               "'id' and 'sector' (group), 'code' (organisation), 'iso3' "
                               "(country), 'terms' (role nouns) or 'not_actors'")


def _slug_id(entry: _Entry) -> str:
    ident = entry.text("id")
    if not SLUG.match(ident):
        raise entry.fail("id", f"id {ident!r} must be a lower-case ascii slug (a-z, 0-9, '-')")
    return ident


def _register(ident: str, entry: _Entry, seen: dict[str, str]) -> None:
    if ident in seen:
        raise entry.fail("id" if "id" in entry.data else "iso3",
                         f"duplicate id {ident!r} (first defined at {seen[ident]})")
    seen[ident] = entry.where


def _add_person(entry: _Entry, kb: KnowledgeBase) -> None:
    gender = entry.data.get("gender")
    if gender not in ("m", "f", None):
        raise entry.fail("gender", f"gender must be m, f or null, not {gender!r}")
    raw_roles = entry.data.get("roles")
    if not isinstance(raw_roles, list):
        raise entry.fail("roles" if "roles" in entry.data else None,
                         "field 'roles' must be a list of roles")
    citizenship = entry.data.get("citizenship")
    if citizenship is not None and not (isinstance(citizenship, str)
                                        and re.fullmatch(r"[A-Z]{3}", citizenship)):
        raise entry.fail("citizenship", f"citizenship {citizenship!r} must be an ISO-3 code or null")
    person = Person(id=entry.data["id"], name=entry.text("name"), aliases=entry.strings("aliases"),
                    gender=gender, roles=[_role(entry, r) for r in raw_roles], source=entry.where,
                    citizenship=citizenship)
    kb.people[person.id] = person


def _role(entry: _Entry, raw: Any) -> Role:
    if not isinstance(raw, dict):
        raise entry.fail("roles", "each role must be a mapping")
    for key in ("title", "country", "sector"):
        if not raw.get(key):
            raise entry.fail("roles", f"role is missing required field {key!r}")
    return Role(title=str(raw["title"]), country=str(raw["country"]),
                sector=entry.sector(raw["sector"], "roles"),
                start=entry.date(raw.get("start"), "roles"), end=entry.date(raw.get("end"), "roles"))


def _add_igo(entry: _Entry, kb: KnowledgeBase) -> None:
    igo = Igo(id=entry.data["id"], code=entry.text("code"), name=entry.text("name"),
              aliases=entry.strings("aliases"), sector=entry.sector(entry.data.get("sector", "IGO")),
              members=entry.strings("members"), source=entry.where,
              part_of=entry.data.get("part_of"), headquarters=entry.data.get("headquarters"),
              seats=entry.strings("seats"))
    kb.igos[igo.id] = igo
    kb.seats.update((fold(seat), igo) for seat in igo.seats)


def _add_group(entry: _Entry, kb: KnowledgeBase) -> None:
    country = entry.data.get("country")
    if country is not None and not (isinstance(country, str) and re.fullmatch(r"[A-Z]{3}", country)):
        raise entry.fail("country", f"country {country!r} must be an ISO-3 code or null")
    notes = entry.data.get("notes") or ""
    group = Group(id=entry.data["id"], name=entry.text("name"), aliases=entry.strings("aliases"),
                  country=country, sector=entry.sector(entry.data.get("sector")),
                  notes=str(notes), source=entry.where)
    kb.groups[group.id] = group


def _add_country(entry: _Entry, kb: KnowledgeBase) -> None:
    iso3 = entry.text("iso3")
    if not re.fullmatch(r"[A-Z]{3}", iso3):
        raise entry.fail("iso3", f"iso3 {iso3!r} must be three upper-case letters")
    seat_sectors = entry.data.get("seat_sectors") or {}
    if not isinstance(seat_sectors, dict):
        raise entry.fail("seat_sectors", "seat_sectors must be a mapping seat → sector")
    capital = entry.data.get("capital")
    kb.countries[iso3] = Country(
        iso3=iso3, name=entry.text("name"), aliases=entry.strings("aliases"),
        demonyms=entry.strings("demonyms"), capital=capital.strip() if capital else None,
        capital_aliases=entry.strings("capital_aliases"), seats=entry.strings("seats"),
        seat_sectors={str(k): entry.sector(v, "seat_sectors") for k, v in seat_sectors.items()},
        source=entry.where)


def _add_role_terms(entry: _Entry, kb: KnowledgeBase) -> None:
    # ``sector: null``: people named by what they do or know ("analysts", "witnesses"), who
    # are actors of their article but belong to no PLOVER sector; the key must be written.
    if "sector" in entry.data and entry.data["sector"] is None:
        sector = None
    else:
        sector = entry.sector(entry.data.get("sector"))
    terms = entry.strings("terms")
    if not terms:
        raise entry.fail("terms", "field 'terms' must list at least one role noun")
    owned = entry.data.get("owned", False)
    if not isinstance(owned, bool):
        raise entry.fail("owned", "owned must be true or false")
    for term in terms:
        _check_number(entry, kb, term.lower(), sector)
        kb.role_terms.setdefault(term.lower(), sector)
        if owned:
            kb.owned_terms.add(term.lower())


def _check_number(entry: _Entry, kb: KnowledgeBase, term: str, sector: str | None) -> None:
    """A noun names the same kind of people in both numbers: "passenger" and "passengers" must
    have one sector (a role term loaded earlier in the other number is checked against)."""
    for other in _number_forms(term):
        known = kb.role_terms.get(other, NOT_ACTOR)
        if known != NOT_ACTOR and known != sector:
            raise entry.fail("terms", f"role term {term!r} has sector {sector} but {other!r} "
                                      f"has {known}: one noun, one sector in both numbers")


def _number_forms(term: str) -> set[str]:
    """The other number of a role noun, as English usually forms it (candidates)."""
    forms = {term + "s", term + "es"}
    if term.endswith("y"):
        forms.add(term[:-1] + "ies")
    if term.endswith("man"):
        forms.add(term[:-3] + "men")
    if term.endswith("ies"):
        forms.add(term[:-3] + "y")
    if term.endswith("men"):
        forms.add(term[:-3] + "man")
    if term.endswith("es"):
        forms.add(term[:-2])
    if term.endswith("s"):
        forms.add(term[:-1])
    return forms - {term}


def _check_codes(kb: KnowledgeBase) -> None:
    """Every role must point at a known country or IGO code (checked once the KB has both
    countries and organisations: a people-only user KB is checked against the built-in ones)."""
    if not (kb.countries and kb.igos):
        return
    known = set(kb.countries) | {igo.code for igo in kb.igos.values()}
    for igo in kb.igos.values():
        if igo.part_of is not None and igo.part_of not in known:
            raise KBError(f"{igo.source}: organisation {igo.id!r} is part of an unknown "
                          f"organisation {igo.part_of!r}")
        if igo.headquarters is not None and (igo.headquarters not in kb.countries
                                             or igo.sector != "NGO"):
            raise KBError(f"{igo.source}: organisation {igo.id!r}: headquarters must be the "
                          f"ISO-3 code of a country, for an NGO only ({igo.headquarters!r})")
    for group in kb.groups.values():
        if group.country is not None and group.country not in kb.countries:
            raise KBError(f"{group.source}: group {group.id!r} has unknown country "
                          f"{group.country!r}")
    for person in kb.people.values():
        if person.citizenship is not None and person.citizenship not in kb.countries:
            raise KBError(f"{person.source}: person {person.id!r} has unknown citizenship "
                          f"{person.citizenship!r}")
        for role in person.roles:
            if role.country not in known:
                raise KBError(f"{person.source}: person {person.id!r} has a role with unknown "
                              f"country/organisation code {role.country!r}")
