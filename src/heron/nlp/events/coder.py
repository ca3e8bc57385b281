"""Trigger matching and event assembly for one parsed sentence.

1. **Match**: every token whose lemma (and part of speech) is a lexicon trigger, with the extra
   words the entry needs among its dependents ("rule" + "out").
2. **Embed**: a trigger that is the complement of another trigger ("ruled out *sending*
   troops", "agreed to *meet*", "warned that Russia would *attack*") is not an event of its own:
   PLOVER codes the governing act (REJECT, AGREE, THREATEN). The embedded trigger only informs
   the governing event's mode (REJECT:meet) and may flip a commitment to a threat ("vowed to
   retaliate" = THREATEN). This is how "Trump ruled out sending U.S. troops" yields one REJECT
   and no MOBILIZE. A noun trigger that is the subject of a verb trigger of the same type
   ("strikes hit") merges into it.
3. **Assemble**: status, actors/recipients, mode, context, magnitude, date and place.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from heron.nlp.events.arguments import CONFLICT_TYPES, ArgumentFinder, Participants
from heron.nlp.events.lexicon import Lexicon, Trigger
from heron.nlp.events.status import COPULAS, TOPIC_NOUNS, Status

# Dependencies through which a trigger is the content of the trigger above it.
EMBEDDING_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "attr",
                            "oprd", "acomp", "agent"})
PREDICATIVE_DEPS = frozenset({"acomp", "oprd", "ccomp", "xcomp", "ROOT", "conj", "advcl"})
MAX_EXTRA_DISTANCE = 4  # "ruled it out", not "On Monday, X insisted"
# PLOVER codes announced acts by what announcing them is (manual: AGREE, CONCEDE ambiguities).
COMMITMENTS = {
    "CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE",
    "RETREAT": "CONCEDE",
    "ASSAULT": "THREATEN", "COERCE": "THREATEN", "MOBILIZE": "THREATEN", "SANCTION": "THREATEN",
    "PROTEST": "THREATEN",
}
# Speech acts aimed at whoever their content clause is about.
SPEECH_ACTS = frozenset({"REQUEST", "THREATEN", "ACCUSE"})
OBLIGATION_MODALS = frozenset({"must", "should", "ought"})
# "X could/would host": an offer. "may/might/can" describe possibility or ability, not a promise.
OFFER_MODALS = frozenset({"could", "would"})
# Clause-level dependents that do not belong to the trigger's own phrase (used for mode cues).
OTHER_CLAUSE_DEPS = frozenset({"ccomp", "relcl", "parataxis", "conj", "advcl", "nsubj",
                               "csubj", "punct", "cc"})


@dataclass
class Match:
    token: Token  # the trigger's head word
    trigger: Trigger
    extras: list[Token]
    embedded: list[Match] = field(default_factory=list)
    merged: list[Match] = field(default_factory=list)

    @property
    def start(self) -> int:
        return min(t.idx for t in (self.token, *self.extras))

    @property
    def end(self) -> int:
        return max(t.idx + len(t) for t in (self.token, *self.extras))


def find_matches(sentence: Span, lexicon: Lexicon) -> list[Match]:
    """Triggers of the sentence that govern no other trigger's content (see module docstring)."""
    matches: dict[int, Match] = {}
    for token in sentence:
        match = _match_token(token, lexicon)
        if match is not None:
            matches[token.i] = match
    top: list[Match] = []
    for match in matches.values():
        subject_of = matches.get(match.token.head.i)
        governor = _governing_match(match.token, matches)
        if subject_of is not None and _is_subject_of_same_type(match, subject_of):
            subject_of.merged.append(match)
        elif governor is not None:
            governor.embedded.append(match)
        else:
            top.append(match)
    return top


def _match_token(token: Token, lexicon: Lexicon) -> Match | None:
    for key in dict.fromkeys((token.lemma_.lower(), token.lower_)):  # lemma first, then form
        for trigger in lexicon.candidates(key, token.pos_):
            if not _can_head_event(token, trigger):
                continue
            extras = _find_extras(token, trigger.extras)
            if extras is not None:
                return Match(token, trigger, extras)
    return None


def _can_head_event(token: Token, trigger: Trigger) -> bool:
    """Adjectives only as predicates ("is ready to"); verbs not as noun modifiers
    ("Western-backed"); nouns not as names ("March 2023")."""
    if trigger.section == "adjectives":  # "is prepared to talk", not "must be prepared"
        return token.dep_ in PREDICATIVE_DEPS and not any(
            c.dep_ == "auxpass" for c in token.children)
    if trigger.section == "verbs":
        return token.dep_ not in ("amod", "compound")
    return token.pos_ == "NOUN" and not _describes_rather_than_reports(token)


def _describes_rather_than_reports(noun: Token) -> bool:
    """A noun that a copular clause uses as a description, not as an occurrence: the subject
    complement of a full-noun subject ("the goal is a peace agreement"; "it was the first
    meeting" still reports one), or any noun in the subject or complement of a topic frame
    ("a main topic of the summit was ...")."""
    phrase = noun
    while phrase.dep_ in ("pobj", "prep") and phrase.head != phrase:
        phrase = phrase.head
    copula = phrase.head
    if phrase.dep_ not in ("nsubj", "attr") or copula.lemma_.lower() not in COPULAS:
        return False
    parts = [c for c in copula.children if c.dep_ in ("nsubj", "attr")]
    if any(p.lemma_.lower() in TOPIC_NOUNS for p in parts):
        return True
    subject = next((p for p in parts if p.dep_ == "nsubj"), None)
    return phrase is noun and noun.dep_ == "attr" and subject is not None and (
        subject.pos_ in ("NOUN", "PROPN"))


def _find_extras(token: Token, words: tuple[str, ...]) -> list[Token] | None:
    """The dependents spelling the rest of a multi-word trigger, or None if one is missing."""
    nearby = [*token.children, *(g for c in token.children if c.dep_ in ("prep", "dobj")
                                 for g in c.children)]
    found = []
    for word in words:
        hit = next((t for t in nearby if word in (t.lemma_.lower(), t.lower_)
                    and abs(t.i - token.i) <= MAX_EXTRA_DISTANCE), None)
        if hit is None:
            return None
        found.append(hit)
    return found


def _governing_match(token: Token, matches: dict[int, Match]) -> Match | None:
    """The nearest trigger whose complement contains ``token``, if any. A light verb counts as
    its object's trigger: in "staged protests to demand reforms" the protests govern the
    demand (PLOVER does not code a protest's topic separately)."""
    current = token
    while current.head != current and _embeds(current):
        previous, current = current, current.head
        if current.i in matches:
            return matches[current.i]
        light_object = next((c for c in current.children if c.dep_ == "dobj" and c.i in matches
                             and c != previous), None)
        if light_object is not None and current.pos_ == "VERB":
            return matches[light_object.i]
    return None


def _embeds(token: Token) -> bool:
    if token.dep_ == "advcl":  # bare participle or purpose: "ruled out sending", "to help"
        return not _has_mark(token) and (
            token.tag_ == "VBG" or any(c.lower_ == "to" for c in token.children))
    return token.dep_ in EMBEDDING_DEPS


def _is_subject_of_same_type(match: Match, governor: Match) -> bool:
    return (match.token.dep_ in ("nsubj", "nsubjpass") and match.token.head == governor.token
            and match.trigger.event_type == governor.trigger.event_type)


def commitment_type(event_type: str, status: Status, reported: bool) -> str | None:
    """What stating a future or conditional act amounts to in PLOVER: a promise of cooperation
    (AGREE), a future concession (CONCEDE), a threat (THREATEN); an obligation ("must",
    "should") put on someone in reported speech is a demand (REQUEST)."""
    if status.kind == "modal" and status.word in OBLIGATION_MODALS:
        return "REQUEST" if reported else None
    if status.status == "future" or status.kind == "conditional" or (
            status.kind == "modal" and status.word in OFFER_MODALS):
        return COMMITMENTS.get(event_type)
    return None


def is_subordinate(anchor: Token) -> bool:
    """Whether the event's clause is a relative or adverbial clause ("after X attacked"):
    such background events rank below the sentence's main event."""
    return any(t.dep_ in ("relcl", "acl") or (t.dep_ == "advcl" and _has_mark(t))
               for t in (anchor, *anchor.ancestors))


def _has_mark(token: Token) -> bool:
    return any(c.dep_ == "mark" for c in token.children)


def event_type_of(match: Match) -> str:
    """The match's type, after a commitment embedding a conflictual act becomes a threat."""
    trigger = match.trigger
    if trigger.conflict and any(m.trigger.event_type in CONFLICT_TYPES for m in match.embedded):
        return trigger.conflict
    return trigger.event_type


def anchor_of(token: Token) -> Token:
    """The clause word that carries an event's tense, date and place: the verb itself, the
    clause of a predicate adjective, or the verb a noun trigger is an argument of."""
    if token.pos_ == "VERB" or token.head == token:
        return token
    head = token.head
    if token.pos_ == "ADJ" and head.pos_ in ("VERB", "AUX"):
        return head
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
        return head
    if token.dep_ == "pobj" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return token


def participants_of(match: Match, finder: ArgumentFinder, event_type: str, *,
                    borrow: bool = True) -> Participants:
    """Participants as the grammar states them (before any host/visitor reversal). A verb that
    absorbed its noun subject ("Russian strikes hit") falls back on the noun's participants; a
    frame without a recipient borrows that of the act it embeds (one level deep)."""
    token, section = match.token, match.trigger.section
    if section == "nouns":
        found = finder.for_noun(token, event_type)
    elif section == "adjectives":
        found = finder.for_adjective(token, event_type)
    else:
        found = finder.for_verb(token, event_type)
    for merged in match.merged:
        if not found.actors:
            found.actors = finder.for_noun(merged.token, event_type).actors
            found.roles.append(f"actor:from '{merged.token.text}'")
    if event_type in SPEECH_ACTS:
        finder.add_complement_subject(found, token)
    for embedded in match.embedded if borrow else ():  # "promised to continue aid to Mozambique"
        if found.recipients:
            break
        inner = participants_of(embedded, finder, embedded.trigger.event_type, borrow=False)
        found.recipients = [r for r in inner.recipients if r not in found.actors]
        if found.recipients:
            found.roles.append(f"recipient:from '{embedded.token.text}'")
    return found


def phrase_lemmas(token: Token) -> set[str]:
    """Lemmas of the trigger's own phrase: itself and its non-clausal dependents."""
    return {t.lemma_.lower() for t in _own_phrase(token)} | {t.lower_ for t in _own_phrase(token)}


def _own_phrase(token: Token) -> Iterator[Token]:
    yield token
    for child in token.children:
        if child.dep_ not in OTHER_CLAUSE_DEPS:
            yield from child.subtree


def pick_mode(match: Match, event_type: str, modes: dict[str, frozenset[str]]) -> str | None:
    """The trigger's own mode, else the first mode whose cues occur in the trigger's phrase
    (or in the phrase of a noun it absorbed: "drone strikes hit")."""
    if match.trigger.mode and event_type == match.trigger.event_type:
        return match.trigger.mode
    lemmas = set().union(*(phrase_lemmas(m.token) for m in (match, *match.merged)))
    return next((mode for mode, cues in modes.items() if cues & lemmas), None)
