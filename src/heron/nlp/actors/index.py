"""Candidate-generation indexes over the KB, built once per process.

Four ways in, from strict to lenient: the exact folded form of a name or alias; the surname
token; the phonetic codes of the surname (metaphone, NYSIIS, match-rating codex); and fuzzy
spelling over the vocabulary of surname tokens (rapidfuzz, results cached per token). A
mention therefore costs a few dictionary lookups, never a scan of the whole KB.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from heron.nlp.actors.kb import KnowledgeBase
from heron.nlp.actors.names import acronym_letters, fold, phonetic_keys, tokens


@dataclass(frozen=True, slots=True)
class Target:
    """What an exact form names: a person/IGO (by KB id) or a country facet (by ISO-3)."""

    kind: str  # person | igo | group | country | demonym | capital | seat
    ref: str  # KB id for person/igo/group, ISO-3 for the country facets
    sector: str | None = None  # seats: the sector of the institution (GOV unless stated)


class NameIndex:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.exact: dict[str, list[Target]] = defaultdict(list)
        # All-caps forms match only the same capital letters: folded key → (letters, target).
        self.acronyms: dict[str, list[tuple[str, Target]]] = defaultdict(list)
        self.person_forms: dict[str, list[list[str]]] = defaultdict(list)
        self.by_surname: dict[str, set[str]] = defaultdict(set)
        self.by_sound: dict[str, set[str]] = defaultdict(set)
        for person in kb.people.values():
            for form in {person.name, *person.aliases}:
                self._add_person_form(person.id, form)
        for igo in kb.igos.values():
            for form in {igo.name, igo.code, *igo.aliases}:
                self._add_exact(form, Target("igo", igo.id))
        for group in kb.groups.values():
            for form in {group.name, *group.aliases}:
                self._add_exact(form, Target("group", group.id))
        for country in kb.countries.values():
            self._add_country(country)
        self.surname_vocab = sorted(self.by_surname)
        self._fuzzy_surnames = lru_cache(maxsize=32768)(self._fuzzy_uncached)

    def _add_exact(self, form: str, target: Target) -> None:
        key = fold(form)
        if not key:
            return
        letters = acronym_letters(form)
        if letters is not None:
            if (letters, target) not in self.acronyms[key]:
                self.acronyms[key].append((letters, target))
        elif target not in self.exact[key]:
            self.exact[key].append(target)

    def _add_person_form(self, person_id: str, form: str) -> None:
        parts = tokens(form)
        if not parts:
            return
        self._add_exact(form, Target("person", person_id))
        self.person_forms[person_id].append(parts)
        surname = parts[-1]
        self.by_surname[surname].add(person_id)
        for key in phonetic_keys(surname):
            self.by_sound[key].add(person_id)

    def _add_country(self, country) -> None:
        for form in {country.name, country.iso3, *country.aliases}:
            self._add_exact(form, Target("country", country.iso3))
        for form in country.demonyms:
            self._add_exact(form, Target("demonym", country.iso3))
        for form in filter(None, [country.capital, *country.capital_aliases]):
            self._add_exact(form, Target("capital", country.iso3))
        sectors = {fold(k): v for k, v in country.seat_sectors.items()}
        for form in country.seats:
            self._add_exact(form, Target("seat", country.iso3, sectors.get(fold(form), "GOV")))

    def lookup(self, text: str, cased: bool = True) -> list[Target]:
        """Targets named exactly by ``text``; acronyms only in capitals unless not ``cased``
        (a user's query)."""
        key = fold(text)
        found = list(self.exact.get(key, ()))
        letters = acronym_letters(text)
        found += [t for form, t in self.acronyms.get(key, ())
                  if (not cased or form == letters) and t not in found]
        return found

    def person_candidates(self, surname: str) -> set[str]:
        """People whose surname matches ``surname`` exactly, by sound or by spelling."""
        found = set(self.by_surname.get(surname, ()))
        for key in phonetic_keys(surname):
            found |= self.by_sound.get(key, set())
        for similar in self._fuzzy_surnames(surname):
            found |= self.by_surname[similar]
        return found

    def _fuzzy_uncached(self, surname: str) -> tuple[str, ...]:
        if len(surname) < 3:
            return ()
        hits = process.extract(surname, self.surname_vocab, scorer=fuzz.ratio, score_cutoff=70,
                               limit=8)
        return tuple(hit[0] for hit in hits)
