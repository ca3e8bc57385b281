"""Event status — PLOVER's auxiliary modes — read from the dependency parse.

Statuses, strongest first (the first that applies wins):

- ``negated``: a negation on the trigger or on a verb/noun that embeds it without a new clause
  ("did not want to meet", "no talks were held", "failed to reach");
- ``hypothetical``: a question, a conditional clause (if/unless/whether), a modal of possibility
  (could/might/may/should, or "would" outside reported speech), or an irrealis governor
  ("wants to", "possible", "obligation to");
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

NEGATORS = frozenset({"not", "n't", "never", "no", "nor"})
NEGATIVE_SUBJECTS = frozenset({"nothing", "nobody", "none", "neither"})  # "nothing was agreed"
NEGATIVE_GOVERNORS = frozenset({"fail", "avoid", "yet", "stop", "cease", "halt", "abandon"})
POSSIBILITY_MODALS = frozenset({"could", "might", "may", "should", "must", "can", "ought"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
IRREALIS_GOVERNORS = frozenset({
    "want", "wish", "hope", "try", "attempt", "seek",
    "mull", "weigh", "explore",
    "obligation", "ability", "able", "possibility", "possible", "potential", "chance", "option",
    "effort", "bid", "likely", "unlikely", "prospect", "idea", "need", "whether", "question",
})
FUTURE_GOVERNORS = frozenset({
    "plan", "intend", "expect", "schedule", "set", "due", "aim", "arrange", "arrangement",
    "prepare", "poised", "upcoming", "planned", "forthcoming", "future", "scheduled", "next",
    "intention", "going",
})
CLAIM_GOVERNORS = frozenset({"claim", "allege", "alleged", "purport", "purported", "reportedly",
                             "allegedly", "supposedly", "rumor", "rumour"})
REPORTING_VERBS = frozenset({"say", "tell", "announce", "state", "add", "write", "report",
                             "declare", "insist", "stress", "note", "confirm", "claim",
                             "reiterate", "repeat", "warn", "believe", "think"})
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

    status: str
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
    checks = (_conditional, _claimed) if recoded else (
        _negated, _conditional, _hypothetical, _future, _claimed)
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
                return Status("negated", "negation", child.lower_, token.text)
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in NEGATIVE_SUBJECTS:
                return Status("negated", "negative subject", child.lower_, token.text)
        if token != trigger and token.lemma_.lower() in NEGATIVE_GOVERNORS:
            return Status("negated", "negative governor", token.lemma_, token.text)
        if token.dep_ == "pobj" and token.head.lower_ == "without":
            return Status("negated", "negation", "without", token.text)
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
        for child in token.children:
            if child.dep_ == "amod" and child.lemma_.lower() in IRREALIS_GOVERNORS:
                return Status("hypothetical", "irrealis", child.lemma_, token.text)
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
    head = token
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    if head.dep_ == "ccomp" and head.head.lemma_.lower() in REPORTING_VERBS:
        return head.head
    return None


def _clause_path(trigger: Token) -> Iterator[Token]:
    """The trigger and all its ancestors (conditions and claims scope over whole clauses)."""
    yield trigger
    yield from trigger.ancestors
