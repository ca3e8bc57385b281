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

from collections.abc import Callable, Iterable
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


def event_status(trigger: Token, *, question: bool = False, recoded: bool = False,
                 reader: StatusReader | None = None) -> Status:
    """Status of the event triggered by ``trigger`` (``question``: its sentence asks).

    ``recoded`` events are negated or modal forms already turned into their own type
    ("would not accept" = REJECT): their negation and modal are the act, so only questions,
    conditions and claims still qualify them. Pass one ``reader`` for many words of one Doc:
    it remembers what it found on their shared governors.
    """
    return (reader or StatusReader()).status(trigger, question=question, recoded=recoded)


class StatusReader:
    """Reads the status of many words of one Doc.

    Every check looks for its cue along a path upwards from the trigger — the governor chain
    (the words embedding the trigger without a clause boundary), the whole clause path (the
    trigger and all its ancestors) or the top of the governor chain — and the first word
    carrying the cue decides. Above the trigger the answer depends only on the governor
    reached, so the reader remembers, per governor, the first cue of every check at or above
    it: the words of a sentence share their governors, and each is read once.
    """

    def __init__(self) -> None:
        self._above: dict[int, tuple[Status | None, ...]] = {}

    def status(self, trigger: Token, *, question: bool = False, recoded: bool = False) -> Status:
        if question:
            return Status("hypothetical", "question", "?", trigger.text)
        children = tuple(trigger.children)
        head = trigger.head
        embedded = head.i != trigger.i and _embedded(trigger, head, children)
        above = None if head.i == trigger.i else self._cues_above(head)
        for index in RECODED_CHECKS if recoded else ALL_CHECKS:
            check = CHECKS[index]
            found = _cue(check, trigger, children, embedded, True)
            if found is None and above is not None and (check.scope == CLAUSE or embedded):
                found = above[index]
            if found is not None:
                return found
        return ASSERTED

    def _cues_above(self, governor: Token) -> tuple[Status | None, ...]:
        """The first cue of every check at or above ``governor`` (iterative: paths are long)."""
        unread: list[Token] = []
        token = governor
        while token.i not in self._above:
            unread.append(token)
            if token.head.i == token.i:
                break
            token = token.head
        for token in reversed(unread):  # root-most first: each word's head is known
            head = token.head
            children = tuple(token.children)
            root = head.i == token.i
            embedded = not root and _embedded(token, head, children)
            above = None if root else self._above[head.i]
            cues = []
            for index, check in enumerate(CHECKS):
                found = _cue(check, token, children, embedded, False)
                if found is None and above is not None and (check.scope == CLAUSE or embedded):
                    found = above[index]
                cues.append(found)
            self._above[token.i] = tuple(cues)
        return self._above[governor.i]


def _cue(check: _Check, token: Token, children: tuple[Token, ...], embedded: bool,
         is_trigger: bool) -> Status | None:
    """The check's cue on ``token`` itself; a chain-top check reads only the top word."""
    if check.scope == CHAIN_TOP and embedded:
        return None
    return check.cue(token, children, is_trigger)


# Where a check looks for its cue: along the governor chain, on the whole clause path, or on the
# top of the governor chain only (the clause the trigger sits in).
CHAIN, CLAUSE, CHAIN_TOP = "chain", "clause", "chain top"


def _embedded(token: Token, head: Token, children: tuple[Token, ...]) -> bool:
    """Whether ``token`` hangs off its ``head`` (not itself) without opening a clause of its
    own."""
    if token.dep_ in ("nsubj", "nsubjpass"):
        return head.lemma_.lower() in OCCURRENCE_VERBS
    if token.dep_ == "advcl":  # a bare participle ("ruled out sending"), not "after X attacked"
        return not any(child.dep_ == "mark" for child in children)
    return token.dep_ in NONFINITE_DEPS


def _negated(token: Token, children: tuple[Token, ...], is_trigger: bool) -> Status | None:
    for child in children:
        if child.dep_ in ("neg", "det", "preconj") and child.lower_ in NEGATORS:
            if not is_trigger and token.lemma_.lower() in REPORTING_VERBS | COMMENT_VERBS:
                # "has not confirmed any agreement": unconfirmed, not denied
                return Status("claimed", "unconfirmed", child.lower_, token.text)
            return Status("negated", "negation", child.lower_, token.text)
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in NEGATIVE_SUBJECTS:
            return Status("negated", "negative subject", child.lower_, token.text)
    if not is_trigger and token.lemma_.lower() in NEGATIVE_GOVERNORS:
        return Status("negated", "negative governor", token.lemma_, token.text)
    if not is_trigger and token.lemma_.lower() in ("have", "be") and any(
            c.dep_ == "advmod" and c.lower_ == "yet" for c in children):
        return Status("negated", "negative governor", "yet", token.text)  # "has yet to"
    if token.dep_ == "pobj" and token.head.lower_ == "without":
        return Status("negated", "negation", "without", token.text)
    return None


def _disowned(token: Token, children: tuple[Token, ...], is_trigger: bool) -> Status | None:
    """A content clause that its reporting verb denies ("denied that it had attacked") is
    negated; one that a negated reporting verb leaves open ("did not confirm that it had
    agreed") is an unconfirmed claim. Neither is asserted by the source."""
    speech = content_governor(token)
    if speech is None:
        return None
    lemma = speech.lemma_.lower()
    if lemma in DENIAL_VERBS:
        return Status("negated", "denial", speech.lemma_, speech.text)
    if lemma not in REPORTING_VERBS:  # first: cheaper than reading the children
        return None
    negator = next((c for c in speech.children if c.dep_ == "neg"), None)
    if negator is not None:
        return Status("claimed", "unconfirmed", negator.lower_, speech.text)
    return None


def _topic(clause: Token, children: tuple[Token, ...], is_trigger: bool) -> Status | None:
    """A clause that states the topic of a topic frame ("the main issue was what guarantees
    Ukraine could receive") is discussed, not reported."""
    copula = clause.head
    # the topic follows its frame; a clause before it is a fronted quote, not the topic
    if (clause.dep_ not in TOPIC_COMPLEMENT_DEPS or clause.i < copula.i
            or copula.lemma_.lower() not in COPULAS):
        return None
    for child in copula.children:
        if child.dep_ == "nsubj" and child.lemma_.lower() in TOPIC_NOUNS:
            return Status("hypothetical", "topic", child.text, copula.text)
    return None


def _conditional(token: Token, children: tuple[Token, ...], is_trigger: bool) -> Status | None:
    for child in children:
        if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
            return Status("hypothetical", "conditional", child.lower_, token.text)
    return None


def _hypothetical(token: Token, children: tuple[Token, ...], is_trigger: bool) -> Status | None:
    modal = _modal(token, children)
    if modal in POSSIBILITY_MODALS or (modal == "would" and not _reported(token)):
        return Status("hypothetical", "modal", modal, token.text)
    if not is_trigger and token.lemma_.lower() in IRREALIS_GOVERNORS and not _passive(children):
        return Status("hypothetical", "irrealis", token.lemma_, token.text)
    if token.dep_ == "pobj" and token.head.lower_ in GOAL_PREPOSITIONS:
        return Status("hypothetical", "goal", token.head.lower_, token.text)
    for child in children:
        if child.dep_ == "amod" and child.lemma_.lower() in IRREALIS_GOVERNORS:
            return Status("hypothetical", "irrealis", child.lemma_, token.text)
        if child.dep_ == "det" and child.lower_ in GENERIC_DETERMINERS:
            return Status("hypothetical", "generic", child.lower_, token.text)
        if child.dep_ == "relcl" and _modal(child) in POSSIBILITY_MODALS:
            # "guarantees Ukraine could receive": a possible event, not one that occurred
            return Status("hypothetical", "modal", _modal(child), child.text)
    return None


def _future(token: Token, children: tuple[Token, ...], is_trigger: bool) -> Status | None:
    modal = _modal(token, children)
    if modal in FUTURE_MODALS or modal == "would":
        return Status("future", "modal", modal, token.text)
    if not is_trigger and token.lemma_.lower() in FUTURE_GOVERNORS:
        return Status("future", "plan", token.lemma_, token.text)
    for child in children:
        if child.dep_ == "amod" and child.lemma_.lower() in FUTURE_GOVERNORS:
            return Status("future", "plan", child.lemma_, token.text)
    return None


def _claimed(token: Token, children: tuple[Token, ...], is_trigger: bool) -> Status | None:
    if not is_trigger and token.lemma_.lower() in CLAIM_GOVERNORS:
        return Status("claimed", "claim", token.lemma_, token.text)
    for child in children:
        word = child.lemma_.lower()
        if child.dep_ in ("amod", "advmod") and word in CLAIM_GOVERNORS:
            return Status("claimed", "claim", child.lower_, token.text)
        if child.dep_ == "prep" and word == "accord":
            return Status("claimed", "claim", "according to", token.text)
    return None


@dataclass(frozen=True, slots=True)
class _Check:
    """A status cue looked for on one word (``cue(word, is_trigger)``) and where to look next
    (``step``: along the governor chain or the whole clause path)."""

    name: str
    cue: Callable[[Token, tuple[Token, ...], bool], Status | None]
    scope: str  # CHAIN, CLAUSE or CHAIN_TOP


NEGATION = _Check("negated", _negated, CHAIN)
DISOWNED = _Check("disowned", _disowned, CHAIN_TOP)
TOPIC = _Check("topic", _topic, CLAUSE)
CONDITIONAL = _Check("conditional", _conditional, CLAUSE)
HYPOTHETICAL = _Check("hypothetical", _hypothetical, CHAIN)
FUTURE = _Check("future", _future, CHAIN)
CLAIMED = _Check("claimed", _claimed, CLAUSE)
CHECKS = (NEGATION, DISOWNED, TOPIC, CONDITIONAL, HYPOTHETICAL, FUTURE, CLAIMED)
ALL_CHECKS = tuple(range(len(CHECKS)))  # the strongest first
RECODED_CHECKS = tuple(CHECKS.index(c) for c in (DISOWNED, CONDITIONAL, CLAIMED))


def is_question(sentence: Span) -> bool:
    return sentence.text.rstrip().rstrip('"”’').endswith("?")


def _passive(children: tuple[Token, ...]) -> bool:
    """"is wanted by the ICC" states a fact, unlike "wants to"."""
    return any(child.dep_ == "auxpass" for child in children)


def _modal(token: Token, children: Iterable[Token] | None = None) -> str:
    for child in token.children if children is None else children:
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
