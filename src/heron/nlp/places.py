"""Places: GPE/LOC/FAC mentions resolved against the bundled GeoNames-derived gazetteer.

The gazetteer (src/heron/data/gazetteer.tsv.gz, built by scripts/build_gazetteer.py; GeoNames,
CC BY 4.0) lists cities of 15,000+ people, countries, US states and continents, each with an
ISO-3 country, coordinates and population, plus other countries' provinces/states by their
ISO 3166-2 names (country only, no coordinates). Candidates are looked up by lower-case name, ASCII
name or alternate name ("Kiev", "Odessa", "Geneva").

Mentions are spaCy GPE/LOC/FAC entities, capitalised words after a locative preposition
("in Kremenchuk") that NER missed, their conjuncts ("in Sumy and Odesa"), and single-word
PERSON/ORG entities that are the primary name of a well-known place. "<place> region/oblast/
province" names the region around (and named after) a city, as Ukrainian and Russian regions
are: it resolves to kind ``admin1`` at the city's coordinates. An ambiguous name goes to the
candidate scoring highest on population (log scale) with bonuses for a country the document
mentions and for the name being the primary one; countries outrank and regions yield to
same-named cities ("Washington").
Mentions that match nothing are kept as kind ``unresolved`` without coordinates, so a location
like "the White House" is still reported, never invented.
"""

from __future__ import annotations

import gzip
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import cast, get_args

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from heron.config import Settings, data_dir
from heron.model import Place, PlaceKind, is_local_actor
from heron.nlp.actors.component import COUNTRY_ACTOR
from heron.nlp.actors.setting import give_home_government, give_setting_country
from heron.nlp.context import DocContext
from heron.nlp.timexes import clause_tokens

GAZETTEER = data_dir() / "gazetteer.tsv.gz"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels the small model often gives towns ("Kremenchuk" PERSON, "Sumy" ORG): a single-word
# entity with such a label counts as a place when it is the primary name of a well-known
# place and the actors component did not resolve it to an actor.
MISLABELLED = frozenset({"PERSON", "ORG"})
WELL_KNOWN = 100_000
# Prepositions after which a capitalised name is a place even when NER missed it.
LOCATIVE = frozenset({"in", "near", "at", "outside", "inside", "around", "across", "throughout"})
# Prepositions attaching where a clause happens ("struck Sumy" is handled as an object).
CLAUSE_PREPOSITIONS = LOCATIVE | {"on", "into", "over", "within"}
SETTLEMENT_NOUNS = frozenset({"city", "town", "village", "port", "region", "province", "capital",
                              "settlement", "district", "oblast"})
REGION_WORDS = frozenset({"region", "oblast", "province", "governorate", "prefecture", "district"})
KIND_BONUS = {"country": 3.0, "city": 0.0, "region": 0.0, "admin1": -1.5}
DOCUMENT_COUNTRY_BONUS = 1.5
ALTERNATE_NAME_PENALTY = 0.5
POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int
    kind: PlaceKind
    geonames_id: int | None  # None for regions known from ISO 3166-2 only


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: Entry
    primary: bool  # matched by the entry's own (or ASCII) name rather than an alternate


@lru_cache(maxsize=1)
def load_gazetteer() -> dict[str, tuple[Candidate, ...]]:
    """Lower-case name → candidates, read once per process."""
    index: dict[str, list[Candidate]] = {}
    with gzip.open(GAZETTEER, "rt", encoding="utf-8") as fh:
        for line in fh:
            name, ascii_name, alternates, country, lat, lon, population, kind, gid = (
                line.rstrip("\n").split("\t"))
            entry = Entry(name, country or None, float(lat) if lat else None,
                          float(lon) if lon else None, int(population), place_kind(kind),
                          int(gid) or None)
            primary = {name.lower(), ascii_name.lower()}
            for key in primary:
                index.setdefault(key, []).append(Candidate(entry, True))
            for alternate in alternates.split("|") if alternates else ():
                if alternate.lower() not in primary:
                    index.setdefault(alternate.lower(), []).append(Candidate(entry, False))
    return {key: tuple(candidates) for key, candidates in index.items()}


PLACE_KINDS = frozenset(get_args(PlaceKind))  # once: the gazetteer checks each of its rows


def place_kind(value: str) -> PlaceKind:
    """A gazetteer row's kind, checked: a badly rebuilt file must fail loudly, not mislabel places."""
    if value not in PLACE_KINDS:
        raise ValueError(f"gazetteer kind {value!r} is none of {', '.join(get_args(PlaceKind))}")
    return cast(PlaceKind, value)


def build(nlp: Language, settings: Settings) -> PlaceFinder:
    return PlaceFinder(load_gazetteer())


@dataclass
class Mention:
    start: int
    end: int
    text: str
    key: str  # the name looked up
    region: bool  # "<name> region": the region named after the place
    candidates: tuple[Candidate, ...]


class PlaceFinder:
    name = "places"

    def __init__(self, gazetteer: dict[str, tuple[Candidate, ...]]):
        self.gazetteer = gazetteer

    def __call__(self, ctx: DocContext) -> None:
        mentions = list(self._mentions(ctx))
        countries = self._document_countries(ctx, mentions)
        for mention in mentions:
            ctx.analysis.places.append(self._place(ctx, mention, countries))
        # Where the story is set is known only now: unnamed domestic actors ("police") get
        # its country before quotes and events read their participants.
        if country_actor := ctx.extras.get(COUNTRY_ACTOR):  # the actors stage ran
            give_home_government(ctx.analysis.mentions, ctx.analysis.places, ctx.analysis.actors,
                                 country_actor)
        give_setting_country(ctx.analysis.mentions, ctx.analysis.places, ctx.analysis.actors)

    def _mentions(self, ctx: DocContext) -> Iterable[Mention]:
        doc = ctx.doc
        taken: list[tuple[int, int]] = [(t.start, t.end) for t in ctx.analysis.timexes]
        entities = [e for e in doc.ents if e.label_ in PLACE_LABELS]
        # a document-local actor is an unnamed role, whose words may hold a place ("police in Juba")
        actors = [(m.start, m.end) for m in ctx.analysis.mentions
                  if m.actor_id and not is_local_actor(m.actor_id)]
        cued = list(_cued_names(doc)) + [
            e for e in doc.ents if e.label_ in MISLABELLED and len(e) == 1
            and not _overlaps(actors, e.start_char, e.end_char) and self._well_known(e.text)]
        cued += [conjunct for span in entities + cued for conjunct in _conjunct_names(span)]
        # Entities first: their span (and label) is the better evidence.
        for span in sorted(entities, key=lambda s: s.start_char) + cued:
            if _overlaps(taken, span.start_char, span.end_char):
                continue
            mention = self._lookup(span, ctx.text, cued=span.label_ not in PLACE_LABELS)
            # An unknown name the actors component resolved is an actor, not a place.
            if mention is not None and (mention.candidates or not _overlaps(
                    actors, mention.start, mention.end)):
                taken.append((mention.start, mention.end))
                yield mention

    def _well_known(self, name: str) -> bool:
        """A name whose primary gazetteer entry is a country, region or city of 100,000+."""
        return any(c.primary and (c.entry.kind != "city" or c.entry.population >= WELL_KNOWN)
                   for c in self.gazetteer.get(name.lower(), ()))

    def _lookup(self, span: Span, text: str, cued: bool) -> Mention | None:
        """The mention a span makes. A capitalised name found by its preposition must match
        the gazetteer; an entity that matches nothing is kept (unresolved) only when it is a
        facility or geographic feature. Facilities match only by primary name (the
        White House is not Casablanca, "Dar al-Bayda")."""
        tokens = list(span)
        while len(tokens) > 1 and tokens[0].lower_ == "the":
            tokens = tokens[1:]
        after = tokens[-1].i + 1
        region = len(tokens) > 1 and tokens[-1].lower_ in REGION_WORDS
        if region:
            tokens = tokens[:-1]
        elif after < len(span.doc) and span.doc[after].lower_ in REGION_WORDS:
            region, span = True, span.doc[span.start:after + 1]
        key = POSSESSIVE.sub("", span.doc[tokens[0].i:tokens[-1].i + 1].text).lower()
        candidates = self.gazetteer.get(key) or self.gazetteer.get(key.replace(".", ""), ())
        if span.label_ == "FAC" or cued:
            candidates = tuple(c for c in candidates if c.primary or span.label_ == "GPE")
        if not candidates and not _unresolved_place(span, tokens, cued):
            return None
        start = tokens[0].idx if cued else span.start_char
        name = POSSESSIVE.sub("", text[start:span.end_char])
        return Mention(start, start + len(name), name, key, region, candidates)

    def _document_countries(self, ctx: DocContext, mentions: list[Mention]) -> set[str]:
        """Countries the document is about: named countries (unambiguous) and the countries of
        the actors found earlier (e.g. "Ukrainian" officials)."""
        countries = {m.country for m in ctx.analysis.mentions if m.country}
        for mention in mentions:
            kinds = {c.entry.kind for c in mention.candidates if c.primary}
            if kinds == {"country"}:
                countries.update(c.entry.country for c in mention.candidates if c.entry.country)
        return countries

    def _place(self, ctx: DocContext, mention: Mention, countries: set[str]) -> Place:
        sentence = ctx.sentence_index(mention.start)
        if not mention.candidates:
            return Place(start=mention.start, end=mention.end, text=mention.text,
                         name=mention.text, country=None, kind="unresolved", sentence=sentence)
        best = max(mention.candidates, key=lambda c: _score(c, countries, mention.region))
        entry = best.entry
        region = mention.region and entry.kind == "city"
        return Place(start=mention.start, end=mention.end, text=mention.text,
                     name=f"{entry.name} region" if region else entry.name, country=entry.country,
                     lat=entry.lat, lon=entry.lon, kind="admin1" if region else entry.kind,
                     geonames_id=entry.geonames_id, sentence=sentence)


def _score(candidate: Candidate, countries: set[str], region: bool) -> float:
    entry = candidate.entry
    score = math.log10(entry.population + 1) + KIND_BONUS.get(entry.kind, 0.0)
    if region and entry.kind == "admin1":
        score -= KIND_BONUS["admin1"]  # "Washington state": the region is what is meant
    if entry.country in countries:
        score += DOCUMENT_COUNTRY_BONUS
    if not candidate.primary:
        score -= ALTERNATE_NAME_PENALTY
    return score


def _unresolved_place(span: Span, tokens: list[Token], cued: bool) -> bool:
    """Unknown FAC/LOC names ("the White House", "the Crimean Peninsula") are places worth
    reporting; an unknown GPE is mostly a mislabelled person ("Zelenskyy") or adjective."""
    return (not cued and span.label_ in ("FAC", "LOC")
            and any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tokens))


def _cued_names(doc: Doc) -> Iterable[Span]:
    """Capitalised names right after a locative preposition ("in The Hague", "in Sumy") or
    "city/town/region of", or right before "region/oblast/province", whatever NER labelled
    them (the small model often calls towns ORG or PERSON)."""
    for token in doc:
        if token.lower_ in REGION_WORDS:  # "Kursk region", whatever NER made of "Kursk"
            start = token.i
            while start > 0 and _name_token(doc[start - 1]) and doc[start - 1].lower_ != "the":
                start -= 1
            if start < token.i:
                yield doc[start:token.i + 1]
        cue = token.lower_ in LOCATIVE or (
            token.lower_ == "of" and token.i > 0 and doc[token.i - 1].lower_ in SETTLEMENT_NOUNS)
        if not cue:
            continue
        end = token.i + 1
        while end < len(doc) and _name_token(doc[end]):
            end += 1
        if end > token.i + 1:
            yield doc[token.i + 1:end]


def _conjunct_names(span: Span) -> Iterable[Span]:
    """Names coordinated with a place ("in Sumy and Odesa")."""
    for conjunct in span.root.conjuncts:
        if _name_token(conjunct) and not (span.start <= conjunct.i < span.end):
            start = conjunct.i
            while start > 0 and doc_compound(conjunct.doc[start - 1], conjunct):
                start -= 1
            yield conjunct.doc[start:conjunct.i + 1]


def doc_compound(token: Token, head: Token) -> bool:
    return token.dep_ == "compound" and token.head.i == head.i and _name_token(token)


def _name_token(token: Token) -> bool:
    return token.text[:1].isupper() and (token.pos_ == "PROPN" or token.lower_ == "the")


def _overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in ranges)


def places_for_clause(ctx: DocContext, token: Token) -> list[Place]:
    """Places where the clause of ``token`` happens, best first.

    Objects of in/at/near/... anywhere in the clause ("met Putin in Alaska", "attacks on
    civilian areas in Sumy and Odesa": conjuncts included) rank first, then objects of on/into/
    over ("strikes on Odesa", but also the topical "talks on Ukraine"), then a direct object
    that is itself a place or a settlement ("attacked the city of Kremenchuk"). Within a rank,
    a place that is the object itself beats one nested in it ("details of a Ukraine force"),
    then shallower attachment, then text order; unresolved places come last.
    """
    clause = clause_tokens(token, ctx.text)
    phrases: list[tuple[int, Token]] = []  # (rank, head of the where-phrase)
    for tok in clause:
        if tok.dep_ == "prep" and tok.lower_ in CLAUSE_PREPOSITIONS:
            rank = 0 if tok.lower_ in LOCATIVE else 1
            phrases.extend((rank, obj) for obj in tok.children if obj.dep_ == "pobj")
        elif tok.dep_ == "dobj" and tok.head.i == token.i:
            phrases.append((2, tok))
    ranked: dict[int, tuple] = {}
    for rank, head in phrases:
        heads = [head, *head.conjuncts]
        start, end = (_extent(head) if rank < 2 or head.lower_ in SETTLEMENT_NOUNS
                      else (min(h.idx for h in heads), max(h.idx + len(h) for h in heads)))
        for number, place in enumerate(ctx.analysis.places):
            if start <= place.start < end:
                nested = not any(place.start <= h.idx < place.end for h in heads)
                key = (place.kind == "unresolved", rank, nested, _depth(head, token), place.start)
                ranked[number] = min(ranked.get(number, key), key)
    return [ctx.analysis.places[n] for n in sorted(ranked, key=ranked.__getitem__)]


def _extent(token: Token) -> tuple[int, int]:
    """Character range of a noun phrase (with its conjuncts and of-phrases)."""
    tokens = [t for t in token.subtree]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _depth(token: Token, root: Token) -> int:
    depth = 0
    while token.i != root.i and token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth
