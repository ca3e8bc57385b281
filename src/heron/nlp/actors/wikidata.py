"""`heron kb import FILE`: people from a Wikidata extract into an indexed KB file.

Input: a Wikidata JSON dump (one array) or JSON lines of entities in Wikidata's own layout
(``id``, ``labels``, ``aliases``, ``claims``). A person is an entity with P31 = Q5 (human);
used statements: P27 country of citizenship, P39 position held (qualifiers P580 start, P582
end), P21 sex or gender. Countries in the same extract give their ISO-3 code by P298; positions
give their country by P17 (country) or P1001 (applies to jurisdiction). A position whose country
is not in the extract falls back to the person's single citizenship.

Output: one SQLite file (``.heronkb``) holding the people already validated and reduced to
Heron's KB records (keyed by id). Loading it is a plain table read — no JSON dump to parse again
and no YAML to validate. (The in-memory name index is still built when the pipeline starts, as
for the YAML KB.) Pass it like any other KB file (``--kb people.heronkb`` or ``HERON_KB``).

Sectors are read from the position's English label with the KB's own role nouns (``roles.yaml``:
"minister" GOV, "member of parliament" LEG, "judge" JUD, "general" MIL ...): the last role noun
of the label decides, GOV when there is none. Labels are Wikidata's, never invented here.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heron.nlp.actors.kb import KBError, KnowledgeBase, Person, Role, load_kb
from heron.nlp.actors.names import fold, slug

SUFFIX = ".heronkb"
SCHEMA_VERSION = 1
HUMAN = "Q5"
GENDERS = {"Q6581097": "m", "Q6581072": "f"}
Entity = dict[str, Any]


@dataclass
class ImportReport:
    people: int
    roles: int
    skipped: list[str]  # "Q42: reason"
    output: Path


def read_entities(path: Path) -> Iterator[Entity]:
    """Entities of a Wikidata JSON array (the dump layout: one entity per line, with commas) or
    JSON lines."""
    with path.open(encoding="utf-8") as fh:
        for number, raw in enumerate(fh, 1):
            line = raw.strip().rstrip(",")
            if line in ("", "[", "]"):
                continue
            try:
                entity = json.loads(line)
            except json.JSONDecodeError as exc:
                raise KBError(f"{path}:{number}: not a JSON entity: {exc.msg}") from None
            if isinstance(entity, dict) and "id" in entity:
                yield entity


def _label(entity: Entity, lang: str = "en") -> str | None:
    value = entity.get("labels", {}).get(lang)
    return value.get("value") if isinstance(value, dict) else None


def _aliases(entity: Entity, lang: str = "en") -> list[str]:
    return [a["value"] for a in entity.get("aliases", {}).get(lang, []) if a.get("value")]


def _claims(entity: Entity, prop: str) -> list[dict]:
    return entity.get("claims", {}).get(prop, [])


def _item(snak: dict) -> str | None:
    value = (snak.get("datavalue") or {}).get("value")
    return value.get("id") if isinstance(value, dict) else None


def _string(snak: dict) -> str | None:
    value = (snak.get("datavalue") or {}).get("value")
    return value if isinstance(value, str) else None


def _time(claim: dict, prop: str, last: bool = False) -> dt.date | None:
    """A qualifier date. A year (precision 9) or month (10) becomes its first day for a start
    and its last day for an end (``last``), so the role covers no day outside what is known."""
    for snak in claim.get("qualifiers", {}).get(prop, []):
        value = (snak.get("datavalue") or {}).get("value")
        if not isinstance(value, dict) or not isinstance(value.get("time"), str):
            continue
        precision = value.get("precision", 11)
        try:
            year, month, day = (int(x) for x in value["time"].lstrip("+").split("T")[0].split("-"))
            if precision >= 11:
                return dt.date(year, month, day)
            if precision == 10:
                end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
                return end if last else dt.date(year, month, 1)
            if precision == 9:
                return dt.date(year, 12, 31) if last else dt.date(year, 1, 1)
        except ValueError:
            return None
    return None


class Importer:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.countries: dict[str, str] = {}  # Q-id → ISO-3
        self.positions: dict[str, Entity] = {}

    def read(self, entities: Iterable[Entity]) -> list[Entity]:
        """Keep people; learn countries and positions on the way (they may come in any order)."""
        people = []
        for entity in entities:
            iso3 = next((v for c in _claims(entity, "P298") if (v := _string(c["mainsnak"]))), None)
            if iso3 in self.kb.countries:
                self.countries[entity["id"]] = iso3
            if any(_item(c["mainsnak"]) == HUMAN for c in _claims(entity, "P31")):
                people.append(entity)
            else:
                self.positions[entity["id"]] = entity
        return people

    def person(self, entity: Entity) -> Person | str:
        """The KB person, or the reason it cannot be one."""
        name = _label(entity)
        if not name:
            return "no English label"
        citizenship = {self.countries[q] for c in _claims(entity, "P27")
                       if (q := _item(c["mainsnak"])) in self.countries}
        roles = [r for c in _claims(entity, "P39") if (r := self._role(c, citizenship))]
        gender = next((GENDERS.get(_item(c["mainsnak"]) or "") for c in _claims(entity, "P21")), None)
        only = next(iter(citizenship)) if len(citizenship) == 1 else None
        return Person(id=f"wd-{entity['id'].lower()}-{slug(name)}"[:80].rstrip("-"), name=name,
                      aliases=_aliases(entity), gender=gender, roles=roles, citizenship=only,
                      source=f"wikidata:{entity['id']}")

    def _role(self, claim: dict, citizenship: set[str]) -> Role | None:
        position = self.positions.get(_item(claim["mainsnak"]) or "")
        title = _label(position) if position else None
        if not position or not title:
            return None
        country = next((self.countries[q] for prop in ("P17", "P1001")
                        for c in _claims(position, prop)
                        if (q := _item(c["mainsnak"])) in self.countries), None)
        country = country or (next(iter(citizenship)) if len(citizenship) == 1 else None)
        if country is None:
            return None
        return Role(title=title, country=country, sector=self._sector(title),
                    start=_time(claim, "P580"), end=_time(claim, "P582", last=True))

    def _sector(self, title: str) -> str:
        words = fold(title).split()
        found = [(end, size, sector) for end in range(1, len(words) + 1) for size in (1, 2, 3)
                 if end - size >= 0
                 and (sector := self.kb.role_terms.get(" ".join(words[end - size:end])))]
        return max(found)[2] if found else "GOV"


def import_wikidata(source: Path, output: Path | None = None,
                    kb: KnowledgeBase | None = None) -> ImportReport:
    """Convert ``source`` into an indexed ``.heronkb`` file (default: next to the source)."""
    kb = kb or load_kb()
    importer = Importer(kb)
    people, skipped = [], []
    for entity in importer.read(read_entities(source)):
        made = importer.person(entity)
        if isinstance(made, str):
            skipped.append(f"{entity['id']}: {made}")
        else:
            people.append(made)
    output = output or source.with_suffix(SUFFIX)
    write_index(people, output)
    return ImportReport(len(people), sum(len(p.roles) for p in people), skipped, output)


def write_index(people: list[Person], output: Path) -> None:
    output.unlink(missing_ok=True)
    with sqlite3.connect(output) as db:
        db.executescript("""
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE people (id TEXT PRIMARY KEY, record TEXT NOT NULL);
        """)
        db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        db.executemany("INSERT INTO people VALUES (?, ?)",
                       [(p.id, json.dumps(_record(p))) for p in people])
    db.close()


def _record(p: Person) -> dict:
    return {"name": p.name, "aliases": p.aliases, "gender": p.gender, "citizenship": p.citizenship,
            "source": p.source,
            "roles": [[r.title, r.country, r.sector, r.start and r.start.isoformat(),
                       r.end and r.end.isoformat()] for r in p.roles]}


def read_index(path: Path) -> list[Person]:
    """People of a ``.heronkb`` file (one table read)."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            version = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if version is None or int(version[0]) != SCHEMA_VERSION:
                raise KBError(f"{path}: made by another Heron version; run `heron kb import` again")
            rows = db.execute("SELECT id, record FROM people").fetchall()
        db.close()
    except sqlite3.DatabaseError as exc:
        raise KBError(f"{path}: not a Heron KB index ({exc})") from None
    return [_person(ident, json.loads(record)) for ident, record in rows]


def _person(ident: str, r: dict) -> Person:
    roles = [Role(t, c, s, start and dt.date.fromisoformat(start), end and dt.date.fromisoformat(end))
             for t, c, s, start, end in r["roles"]]
    return Person(id=ident, name=r["name"], aliases=r["aliases"], gender=r["gender"], roles=roles,
                  citizenship=r.get("citizenship"), source=r.get("source", ""))
