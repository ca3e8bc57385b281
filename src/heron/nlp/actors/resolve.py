"""Resolution of a name to a KB entry: candidates from the indexes, then a scored decision.

Score of a person candidate = name similarity (surname 0.6, given name 0.4, each token
compared by spelling and sound) + context: title words shared with one of the person's role
titles (+0.15), a nationality/country in the title that the person has served (+0.15; a
*different* one: −0.3), a country named elsewhere in the sentence (+0.05), and the person
already being linked in this document (+0.2). Context beats a surname: for a bare surname (or
any inexact name) an office in the title that the person never held counts −0.3, and so does an
article date at which the person held no role within a few years (dates pick roles).

Look-alike safety comes from hard token constraints (:func:`names.compatible_tokens`: same
first sound, similar length, shared phonetic code or very close spelling), from requiring a
different first name to block a match ("Jan Zielinski" is not "Volodymyr Zelenskyy"), and from
never accepting a *misspelt* bare surname, or a full name with both parts damaged, without
support from the context (title, nationality or the same person earlier in the document).
Accepted links below 0.9, or with a rival within 0.1, are kept but marked ``confident=False``.

A single word that is not a KB alias but starts the full name of exactly one person already
linked in the document is that person (surname-first names: "Wang Yi" ... "Wang said").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.fuzz import ratio

from heron.nlp.actors.index import NameIndex, Target
from heron.nlp.actors.kb import Person
from heron.nlp.actors.names import compatible_tokens, fold, token_similarity, tokens

ACCEPT = 0.75
CONFIDENT = 0.9
MARGIN = 0.1
STRONG_FULL_NAME = 0.85
_STOP = frozenset("of the for and to on in at a".split())
# Words that fit any senior office ("leader Zelensky", "Kremlin chief Putin"): never a conflict.
GENERIC_OFFICE_STEMS = frozenset({"leade", "head", "chief", "offic", "forme"})
NON_PERSON_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC", "ORG"})


@dataclass
class Cues:
    """What the text around a name says about who it is."""

    title_words: set[str] = field(default_factory=set)  # folded words of titles/appositions
    title_terms: set[str] = field(default_factory=set)  # title words that name an office (KB titles)
    title_countries: set[str] = field(default_factory=set)  # "German" → DEU, "NATO's" → NATO
    sentence_countries: set[str] = field(default_factory=set)
    doc_people: set[str] = field(default_factory=set)  # people already linked in the document
    published: dt.date | None = None


@dataclass
class Link:
    kind: str  # person | igo | country | demonym | capital | seat | none
    ref: str | None
    score: float
    confident: bool
    evidence: dict[str, Any]
    sector: str | None = None  # for seats

    @property
    def target(self) -> str:
        """The KB id of a link of any kind but "none"."""
        if self.ref is None:
            raise ValueError(f"a {self.kind!r} link has no KB id")
        return self.ref


NO_LINK = Link("none", None, 0.0, False, {"method": "none"})


class Resolver:
    def __init__(self, index: NameIndex):
        self.index = index
        self.people = index.kb.people
        self._title_stems = {pid: _stems(w for r in p.roles for w in fold(r.title).split())
                             for pid, p in self.people.items()}

    def resolve(self, text: str, label: str, cues: Cues) -> Link:
        targets = self.index.lookup(text)
        people = [t.ref for t in targets if t.kind == "person"]
        others = [t for t in targets if t.kind != "person"]
        if others and (not people or label in NON_PERSON_LABELS):
            return _exact_other(others[0])
        if people:
            return self._decide(tokens(text), people, cues, exact=True)
        parts = tokens(text)
        if len(parts) == 1 and (known := self._named_in_document(parts[0], cues)):
            return Link("person", known, 1.0, True, {"method": "document-first-name"})
        if not parts or not parts[-1].isalpha() or len(parts[-1]) < 3 or _is_acronym(text):
            return NO_LINK  # "U.N." is not a misspelt "Un"
        return self._decide(parts, sorted(self.index.person_candidates(parts[-1])), cues,
                            exact=False)

    def _named_in_document(self, word: str, cues: Cues) -> str | None:
        """The one person already linked in the document whose full name starts with ``word``:
        surname-first names ("Wang Yi" ... "Wang said", "Kim Jong Un" ... "Kim") and a bare
        first name after the full one. Two such people make it ambiguous: no link."""
        found = {pid for pid in cues.doc_people
                 if any(len(form) > 1 and form[0] == word for form in self.index.person_forms[pid])}
        return found.pop() if len(found) == 1 else None

    def candidates(self, text: str, cues: Cues | None = None) -> list[tuple[str, float, dict]]:
        """Scored person candidates for ``text`` (best first), for look-ups and diagnostics."""
        parts = tokens(text)
        if not parts:
            return []
        pool = {t.ref for t in self.index.lookup(text) if t.kind == "person"}
        pool |= self.index.person_candidates(parts[-1])
        scored = [self._score(parts, self.people[p], cues or Cues()) for p in sorted(pool)]
        return sorted((s for s in scored if s[1] > 0), key=lambda s: -s[1])

    def _decide(self, parts: list[str], pool: list[str], cues: Cues, exact: bool) -> Link:
        scored = sorted((self._score(parts, self.people[p], cues, exact) for p in pool),
                        key=lambda s: -s[1])
        scored = [s for s in scored if s[1] > 0]
        evidence: dict[str, Any] = {
            "method": "exact" if exact else "fuzzy",
            "candidates": [[pid, round(score, 3)] for pid, score, _ in scored[:5]],
        }
        if not scored:
            return Link("none", None, 0.0, False, evidence)
        best_id, best, features = scored[0]
        runner_up = scored[1][1] if len(scored) > 1 else 0.0
        evidence.update(features=features, score=round(best, 3))
        if best < ACCEPT or not (exact or _supported(parts, features)):
            evidence["rejected"] = best_id
            return Link("none", None, best, False, evidence)
        confident = best >= CONFIDENT and best - runner_up >= MARGIN
        return Link("person", best_id, best, confident, evidence)

    def _score(self, parts: list[str], person: Person, cues: Cues,
               exact: bool = False) -> tuple[str, float, dict]:
        name = 1.0 if exact else _best_form_similarity(parts, self.index.person_forms[person.id])
        if name <= 0:
            return person.id, 0.0, {}
        countries = {r.country for r in person.roles}
        offices = _stems(cues.title_terms) - GENERIC_OFFICE_STEMS
        # A surname alone is weak evidence: an office in the text that the person never held, or
        # an article from years when the person held no role, makes it someone else
        # ("Homeland Security Secretary ... Nielsen" is not Greenland's prime minister).
        weak = not exact or len(parts) == 1
        features = {
            "name": round(name, 3),
            "single_token": len(parts) == 1,
            "title": bool(_stems(cues.title_words) & self._title_stems[person.id]),
            # "King Hassan" is not Prime Minister Hassan: an office in the title that the person
            # never held counts against an inexact match (exact names are trusted).
            "title_conflict": weak and bool(offices) and not offices & self._title_stems[person.id],
            "date_conflict": len(parts) == 1 and not person.active_near(cues.published),
            "title_country": bool(cues.title_countries & countries),
            "country_conflict": bool(cues.title_countries) and not cues.title_countries & countries,
            "sentence_country": bool(cues.sentence_countries & countries),
            "in_document": person.id in cues.doc_people,
        }
        score = (name + 0.15 * features["title"] + 0.15 * features["title_country"]
                 - 0.3 * features["country_conflict"] - 0.3 * features["title_conflict"]
                 - 0.3 * features["date_conflict"]
                 + 0.05 * features["sentence_country"]
                 + 0.2 * features["in_document"])
        return person.id, score, features


def _supported(parts: list[str], features: dict) -> bool:
    """A fuzzy match on a bare misspelt surname, or on a full name with both parts damaged
    (name similarity < 0.85: "Michael Caine" vs "Miguel Díaz-Canel"), needs support from the
    context: a matching title, a matching nationality, or the person earlier in the document."""
    if features["name"] >= (1.0 if len(parts) == 1 else STRONG_FULL_NAME):
        return True
    return features["title"] or features["title_country"] or features["in_document"]


def _best_form_similarity(parts: list[str], forms: list[list[str]]) -> float:
    # A mention with a first name is compared with full forms only when the person has any:
    # otherwise "Jan Zielinski" would match the bare alias "Zelenski".
    full = [f for f in forms if len(f) > 1]
    usable = full if len(parts) > 1 and full else forms
    return max((_form_similarity(parts, form) for form in usable), default=0.0)


def _form_similarity(parts: list[str], form: list[str]) -> float:
    surname, form_surname = parts[-1], form[-1]
    if not compatible_tokens(surname, form_surname):
        return 0.0
    surname_sim = token_similarity(surname, form_surname)
    if len(parts) == 1:
        return surname_sim
    if len(form) == 1:
        return 0.85 * surname_sim
    given, form_given = parts[0], form[0]
    if len(given) == 1:
        return 0.6 * surname_sim + 0.4 if given == form_given[0] else 0.0
    if not _given_compatible(given, form_given):
        return 0.0  # same surname, different first name: a different person
    return 0.6 * surname_sim + 0.4 * token_similarity(given, form_given)


def _given_compatible(a: str, b: str) -> bool:
    # First names suffer more from MT than surnames (Fredchic/Friedrich), so spelling may drift
    # further as long as the initial holds.
    return compatible_tokens(a, b) or (a[0] == b[0] and ratio(a, b) >= 60)


def _stems(words) -> set[str]:
    # A five-letter prefix lets "presidential" meet "president" and "ministry" meet "minister".
    return {w[:5] for w in words if w not in _STOP and len(w) > 2}


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace(" ", "")
    return letters.isupper() and len(letters) <= 6


def _exact_other(target: Target) -> Link:
    return Link(target.kind, target.ref, 1.0, True, {"method": "exact", "target": target.kind},
                sector=target.sector)
