"""People who are not in the KB, as first-class actors: their name variants in one document
(or one story) are one person with a canonical full name.

A person name is read as given names + surname + generational suffix ("James B. Comey" →
given (james, b), surname comey; "Donald Trump Jr." → suffix jr). Two names can be the same
person when

* the surnames agree (equal, or a one-letter slip of a long surname: "Iturrald"/"Iturralde");
* the suffixes are equal ("Donald Trump Jr." is never "Donald Trump", nor "Trump Sr.");
* given names do not disagree: a missing given name agrees with any ("Comey"), and so does a
  multi-word family name alone ("Abdel Bari" of "Naser Eldin Abdel Bari"); an initial agrees
  with a name starting with it ("J. Comey"), otherwise first names must be spellings of one
  name ("Vitalii"/"Vitaliy"); a middle name or initial counts only when both names have one.

Names are clustered complete-link (every pair in a cluster must agree), fullest names first, so a
bare "Trump" or "J. Smith" never bridges two different first names. A surname alone that fits
several clusters goes to the one mentioned most before it (the person the story is about),
then the most recent; a first name alone ("Steve" after "Steve Jobs") joins the one person
named before it with that first name. The cluster's canonical name is its
fullest form; its country and sector are the first ones a member has from evidence about that
person (title, nationality, appositive), so a later bare "Veselnitskaya" keeps the country that
"Natalia Veselnitskaya, a Russian lawyer" established.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from rapidfuzz.fuzz import ratio

from heron.nlp.actors.names import MIN_TYPO_NAME, compatible_tokens, slug, tokens

GIVEN_NAME_SPELLING = 75
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
T = TypeVar("T")


@dataclass(frozen=True)
class PersonName:
    given: tuple[str, ...]  # first name, then middle names or initials
    surname: str
    suffix: str = ""

    @property
    def size(self) -> int:
        return len(self.given) + 1 + bool(self.suffix)


def parse_name(text: str) -> PersonName | None:
    parts = tokens(text)
    suffix = ""
    if len(parts) > 1 and parts[-1] in SUFFIXES:
        suffix, parts = parts[-1], parts[:-1]
    if not parts:
        return None
    return PersonName(tuple(parts[:-1]), parts[-1], suffix)


def same_surname(a: str, b: str) -> bool:
    # Short surnames differ by one letter too often to be the same family ("Kim"/"Kin").
    return a == b or (min(len(a), len(b)) >= MIN_TYPO_NAME and a[0] == b[0]
                      and compatible_tokens(a, b))


def _same_given(a: str, b: str) -> bool:
    """Spellings of one given name ("Vitalii"/"Vitaliy", "Mohammed"/"Muhammad") or an initial;
    sounding alike is not enough ("James"/"John" share phonetic codes)."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return a == b or (a[0] == b[0] and ratio(a, b) >= GIVEN_NAME_SPELLING)


def same_person(a: PersonName, b: PersonName) -> bool:
    """Can the two names be one person (see the module docstring)?"""
    if a.suffix != b.suffix or not same_surname(a.surname, b.surname):
        return False
    if not a.given or not b.given or _is_tail(a, b) or _is_tail(b, a):
        return True
    if not _same_given(a.given[0], b.given[0]):
        return False
    middle_a, middle_b = a.given[1:], b.given[1:]
    return not (middle_a and middle_b) or _same_given(middle_a[0], middle_b[0])


def _is_tail(short: PersonName, full: PersonName) -> bool:
    """A multi-word family name alone: "Abdel Bari" of "Naser Eldin Abdel Bari", "Fogh
    Rasmussen" of "Anders Fogh Rasmussen"."""
    words = (*short.given, short.surname)
    return 1 < len(words) < full.size and (*full.given, full.surname)[-len(words):] == words


def cluster_names(names: Sequence[PersonName | None]) -> list[int]:
    """Cluster index of every name (position order = text order); see the module docstring."""
    cluster: list[int] = list(range(len(names)))
    members: dict[int, list[int]] = {}
    with_given = [i for i, n in enumerate(names) if n is not None and n.given]
    for i in sorted(with_given, key=lambda k: (-names[k].size, k)):  # type: ignore[union-attr]
        home = next((c for c, ms in members.items()
                     if all(same_person(names[i], names[m]) for m in ms)), None)  # type: ignore[arg-type]
        members.setdefault(home if home is not None else i, []).append(i)
    for c, ms in members.items():
        for m in ms:
            cluster[m] = c
    for i, name in enumerate(names):
        if name is None or name.given:
            continue
        fits = [c for c, ms in members.items() if any(same_person(name, names[m]) for m in ms)]  # type: ignore[arg-type]
        if not fits:  # "Steve" after "Steve Jobs": a first name alone, of one person only
            fits = [c for c, ms in members.items() if c != i and _first_name_of(name, names, ms, i)]
            fits = fits if len(fits) == 1 else []
        if fits:
            cluster[i] = max(fits, key=lambda c: _salience_before(members[c], i))
        members.setdefault(cluster[i], []).append(i)  # repeats of a surname alone join it
    return cluster


def _first_name_of(name: PersonName, names: Sequence[PersonName | None], members: list[int],
                   i: int) -> bool:
    return any(m < i and (n := names[m]) is not None and n.given and n.given[0] == name.surname
               for m in members)


def _salience_before(positions: list[int], i: int) -> tuple[bool, int, int]:
    """Rank a cluster for a bare surname at ``i``: mentioned before it, then the person the
    story is about (most mentions so far), then the most recent."""
    before = [p for p in positions if p < i]
    return (bool(before), len(before), max(before) if before else -min(positions))


def canonical(names: list[tuple[int, str]]) -> str:
    """The fullest name of a cluster (most words, then the earliest)."""
    return max(names, key=lambda item: (len(tokens(item[1])), -item[0]))[1]


def group_by(values: Sequence[T], keys: list[int], order: Callable[[T], int]) -> dict[int, list[T]]:
    groups: dict[int, list[T]] = {}
    for value, key in zip(values, keys, strict=True):
        groups.setdefault(key, []).append(value)
    return {k: sorted(v, key=order) for k, v in groups.items()}


def person_id(name: str) -> str:
    return f"new:{slug(name)}"
