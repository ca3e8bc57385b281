"""Event status — PLOVER's auxiliary modes — read from the dependency parse.

Statuses, strongest first (the first that applies wins):

- ``negated``: a negation on the trigger or on a verb/noun that embeds it without a new clause
  ("did not want to meet", "no talks were held", "failed to reach");
- ``negated`` also: a content clause denied by its reporting verb ("denied that it attacked");
- ``claimed`` also (checked right after negation): what a negated reporting verb leaves
  unconfirmed ("did not confirm that it had agreed", "has not confirmed any agreement");
- ``hypothetical``: a question, the topic of a topic frame ("the main issue was what
  guarantees Ukraine could receive"), a conditional clause (if/unless/whether), a modal of
  possibility (could/might/may/should, or "would" outside reported speech; also on a relative
  clause: "guarantees Ukraine could receive"), an irrealis or effort governor ("wants to",
  "possible", "obligation to", "working to facilitate"), a goal ("toward a settlement") or a
  generic noun ("any peace agreement");
- ``future``: will/shall/"going to", reported-speech "would" ("said it would"), or a plan/
  schedule governor ("plans to", "is set to", "is expected to", "intends to", "upcoming");
- ``claimed``: the event sits in what someone claims or alleges ("claimed that", "alleged",
  "reportedly", "according to");
- ``asserted`` otherwise.

Each check returns the cue that fired, so an event's status is explainable.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from heron.model import EventStatus

NEGATORS = frozenset({"not", "n't", "n’t", "never", "no", "nor"})
NEGATIVE_SUBJECTS = frozenset({"nothing", "nobody", "none", "neither"})  # "nothing was agreed"
NEGATIVE_GOVERNORS = frozenset({"fail", "avoid", "yet", "stop", "cease", "halt", "abandon",
                                "deny", "refute", "decline", "refuse"})  # "denied shelling"
# Verbs of (not) speaking about something: "did not comment on reports of an airstrike"
# leaves the airstrike unconfirmed, it does not deny it.
COMMENT_VERBS = frozenset({"comment", "respond", "react", "reply", "elaborate", "speak"})
POSSIBILITY_MODALS = frozenset({"could", "might", "may", "should", "must", "can", "ought"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
IRREALIS_GOVERNORS = frozenset({
    "want", "wish", "hope", "try", "attempt", "seek", "work", "strive", "endeavor", "endeavour",
    "mull", "weigh", "explore",
    "obligation", "ability", "able", "possibility", "possible", "potential", "chance", "option",
    "effort", "bid", "likely", "unlikely", "prospect", "idea", "need", "whether", "question",
})
FUTURE_GOVERNORS = frozenset({
    "plan", "intend", "expect", "schedule", "set", "due", "aim", "arrange", "arrangement",
    "prepare", "preparation", "poised", "upcoming", "planned", "forthcoming", "future",
    "scheduled", "next",
    "intention", "going",
})
CLAIM_GOVERNORS = frozenset({"claim", "allege", "alleged", "purport", "purported", "reportedly",
                             "allegedly", "supposedly", "rumor", "rumour"})
REPORTING_VERBS = frozenset({"say", "tell", "announce", "state", "add", "write", "report",
                             "declare", "insist", "stress", "note", "confirm", "claim",
                             "reiterate", "repeat", "warn", "believe", "think"})
# Head nouns of a topic frame ("the goal is ...", "a main topic of the summit was ..."): event
# nouns in such a copular clause name what is discussed or wanted, not what happened.
TOPIC_NOUNS = frozenset({"topic", "goal", "aim", "objective", "purpose", "priority", "focus",
                         "issue", "question", "subject", "agenda", "point", "theme", "target"})
COPULAS = frozenset({"be", "remain", "become"})
TOPIC_COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "attr", "acomp"})
# Verbs that deny their content clause ("denied that it had attacked"): the content is negated.
DENIAL_VERBS = frozenset({"deny", "refute", "dispute", "reject"})
# A noun under these is a kind of event, not one that took place ("backstop any peace deal").
GENERIC_DETERMINERS = frozenset({"any"})
# Goal prepositions: "steer the sides toward a settlement" names an aim, not an outcome.
GOAL_PREPOSITIONS = frozenset({"toward", "towards"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
# Dependencies that embed a word in its governor without opening a new finite clause: negation,
# modality and plans on the governor carry down to it ("did not want to meet").
NONFINITE_DEPS = frozenset({"xcomp", "acl", "dobj", "pobj", "prep", "pcomp", "acomp", "oprd",
                            "attr", "amod", "compound"})
# A noun event that is the subject of one of these shares its negation/tense ("the meeting will
# not take place"); the subject of any other verb does not ("the talks did not deliver").
OCCURRENCE_VERBS = frozenset({"take", "happen", "occur", "hold", "be", "go", "begin", "start",
                              "resume", "proceed", "set", "expect", "schedule", "plan", "come"})


@dataclass(frozen=True, slots=True)
class Status:
    """An event's status and the cue that decided it (kind: negation, question, conditional,
    modal, irrealis, plan, claim; word: the cue word; host: the word it is attached to)."""

    status: EventStatus
    kind: str = ""
    word: str = ""
    host: str = ""

    def explain(self) -> str:
        return f"{self.kind} '{self.word}' on '{self.host}'" if self.kind else ""


ASSERTED = Status("asserted")


def event_status(trigger: Token, *, question: bool = False, recoded: bool = False) -> Status:
    """Status of the event triggered by ``trigger`` (``question``: its sentence asks).

    ``recoded`` events are negated or modal forms already turned into their own type
    ("would not accept" = REJECT): their negation and modal are the act, so only questions,
    conditions and claims still qualify them.
    """
    if question:
        return Status("hypothetical", "question", "?", trigger.text)
    chain = list(_governor_chain(trigger))
    checks = (_disowned, _conditional, _claimed) if recoded else (
        _negated, _disowned, _topic, _conditional, _hypothetical, _future, _claimed)
    for check in checks:
        found = check(trigger, chain)
        if found is not None:
            return found
    return ASSERTED


def _governor_chain(trigger: Token) -> Iterator[Token]:
    """The trigger, then the words that embed it without a clause boundary."""
    token = trigger
    yield token
    while _embedded(token):
        token = token.head
        yield token


def _embedded(token: Token) -> bool:
    """Whether ``token`` hangs off its head without opening a clause of its own."""
    if token.head == token:
        return False
    if token.dep_ in ("nsubj", "nsubjpass"):
        return token.head.lemma_.lower() in OCCURRENCE_VERBS
    if token.dep_ == "advcl":  # a bare participle ("ruled out sending"), not "after X attacked"
        return not any(child.dep_ == "mark" for child in token.children)
    return token.dep_ in NONFINITE_DEPS


def _negated(trigger: Token, chain: list[Token]) -> Status | None:
    for token in chain:
        for child in token.children:
            if child.dep_ in ("neg", "det", "preconj") and child.lower_ in NEGATORS:
                if token != trigger and token.lemma_.lower() in REPORTING_VERBS | COMMENT_VERBS:
                    # "has not confirmed any agreement": unconfirmed, not denied
                    return Status("claimed", "unconfirmed", child.lower_, token.text)
                return Status("negated", "negation", child.lower_, token.text)
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in NEGATIVE_SUBJECTS:
                return Status("negated", "negative subject", child.lower_, token.text)
        if token != trigger and token.lemma_.lower() in NEGATIVE_GOVERNORS:
            return Status("negated", "negative governor", token.lemma_, token.text)
        if token != trigger and token.lemma_.lower() in ("have", "be") and any(
                c.dep_ == "advmod" and c.lower_ == "yet" for c in token.children):
            return Status("negated", "negative governor", "yet", token.text)  # "has yet to"
        if token.dep_ == "pobj" and token.head.lower_ == "without":
            return Status("negated", "negation", "without", token.text)
    return None


def _disowned(trigger: Token, chain: list[Token]) -> Status | None:
    """A content clause that its reporting verb denies ("denied that it had attacked") is
    negated; one that a negated reporting verb leaves open ("did not confirm that it had
    agreed") is an unconfirmed claim. Neither is asserted by the source."""
    speech = content_governor(chain[-1])
    if speech is None:
        return None
    if speech.lemma_.lower() in DENIAL_VERBS:
        return Status("negated", "denial", speech.lemma_, speech.text)
    negator = next((c for c in speech.children if c.dep_ == "neg"), None)
    if negator is not None and speech.lemma_.lower() in REPORTING_VERBS:
        return Status("claimed", "unconfirmed", negator.lower_, speech.text)
    return None


def _topic(trigger: Token, chain: list[Token]) -> Status | None:
    """A clause that states the topic of a topic frame ("the main issue was what guarantees
    Ukraine could receive") is discussed, not reported."""
    for clause in _clause_path(trigger):
        copula = clause.head
        # the topic follows its frame; a clause before it is a fronted quote, not the topic
        if (clause.dep_ not in TOPIC_COMPLEMENT_DEPS or clause.i < copula.i
                or copula.lemma_.lower() not in COPULAS):
            continue
        for child in copula.children:
            if child.dep_ == "nsubj" and child.lemma_.lower() in TOPIC_NOUNS:
                return Status("hypothetical", "topic", child.text, copula.text)
    return None


def _conditional(trigger: Token, chain: list[Token]) -> Status | None:
    for token in _clause_path(trigger):
        for child in token.children:
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
                return Status("hypothetical", "conditional", child.lower_, token.text)
    return None


def _hypothetical(trigger: Token, chain: list[Token]) -> Status | None:
    for token in chain:
        modal = _modal(token)
        if modal in POSSIBILITY_MODALS or (modal == "would" and not _reported(token)):
            return Status("hypothetical", "modal", modal, token.text)
        if token != trigger and token.lemma_.lower() in IRREALIS_GOVERNORS and not _passive(token):
            return Status("hypothetical", "irrealis", token.lemma_, token.text)
        if token.dep_ == "pobj" and token.head.lower_ in GOAL_PREPOSITIONS:
            return Status("hypothetical", "goal", token.head.lower_, token.text)
        for child in token.children:
            if child.dep_ == "amod" and child.lemma_.lower() in IRREALIS_GOVERNORS:
                return Status("hypothetical", "irrealis", child.lemma_, token.text)
            if child.dep_ == "det" and child.lower_ in GENERIC_DETERMINERS:
                return Status("hypothetical", "generic", child.lower_, token.text)
            if child.dep_ == "relcl" and _modal(child) in POSSIBILITY_MODALS:
                # "guarantees Ukraine could receive": a possible event, not one that occurred
                return Status("hypothetical", "modal", _modal(child), child.text)
    return None


def _future(trigger: Token, chain: list[Token]) -> Status | None:
    for token in chain:
        modal = _modal(token)
        if modal in FUTURE_MODALS or modal == "would":
            return Status("future", "modal", modal, token.text)
        if token != trigger and token.lemma_.lower() in FUTURE_GOVERNORS:
            return Status("future", "plan", token.lemma_, token.text)
        for child in token.children:
            if child.dep_ == "amod" and child.lemma_.lower() in FUTURE_GOVERNORS:
                return Status("future", "plan", child.lemma_, token.text)
    return None


def _claimed(trigger: Token, chain: list[Token]) -> Status | None:
    for token in _clause_path(trigger):
        if token != trigger and token.lemma_.lower() in CLAIM_GOVERNORS:
            return Status("claimed", "claim", token.lemma_, token.text)
        for child in token.children:
            word = child.lemma_.lower()
            if child.dep_ in ("amod", "advmod") and word in CLAIM_GOVERNORS:
                return Status("claimed", "claim", child.lower_, token.text)
            if child.dep_ == "prep" and word == "accord":
                return Status("claimed", "claim", "according to", token.text)
    return None


def is_question(sentence: Span) -> bool:
    return sentence.text.rstrip().rstrip('"”’').endswith("?")


def _passive(token: Token) -> bool:
    """"is wanted by the ICC" states a fact, unlike "wants to"."""
    return any(child.dep_ == "auxpass" for child in token.children)


def _modal(token: Token) -> str:
    for child in token.children:
        if child.dep_ in ("aux", "auxpass") and child.tag_ == "MD":
            return child.lower_
    if token.dep_ in ("xcomp",) and token.head.lemma_ == "go" and token.head.tag_ == "VBG":
        return "will"  # "is going to meet"
    return ""


def _reported(token: Token) -> bool:
    return reporting_verb(token) is not None


def reporting_verb(token: Token) -> Token | None:
    """The reporting verb whose complement is ``token``'s clause ("said it would"), if any."""
    governor = content_governor(token)
    if governor is not None and governor.lemma_.lower() in REPORTING_VERBS:
        return governor
    return None


def content_governor(token: Token) -> Token | None:
    """The verb whose content clause (ccomp) is ``token``'s clause, if any."""
    head = token
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    return head.head if head.dep_ == "ccomp" else None


def _clause_path(trigger: Token) -> Iterator[Token]:
    """The trigger and all its ancestors (conditions and claims scope over whole clauses)."""
    yield trigger
    yield from trigger.ancestors
