"""A sentence's main event: the one its main clause predicates, for sentence-level coding.

A sentence can state several events ("Israel struck Gaza, one day after Hamas fired rockets";
"Iran said it will withdraw inspectors"). Event-level coding keeps all of them; sentence-level
coding (one event per sentence, as in PLOVER/CAMEO event data sets) wants the event the
sentence is *about*. That is a question of syntax, not of how sure the coder is of each event,
so the confidence only breaks ties. An event ranks by, in order:

1. **background**: an act its own clause dates long before the text ranks last;
2. **clause level** of its trigger, the most subordinate boundary on the dependency path from
   the trigger up to the sentence root: the main clause (including coordinated clauses and the
   subject/object of the main verb: "held talks", "clashes erupted") before a complement clause
   (the reported or controlled act: "said *that* X attacked", "agreed *to withdraw*",
   "denied *that* ... attacked") before an adjunct (an adverbial or relative clause or a
   prepositional phrase: "*after* X attacked", "*if* it is attacked", "*at* the talks");
3. **depth**: the number of clause boundaries on that path (fewer first);
4. **realis**: an act the sentence reports as done, claimed or denied before one it only
   announces or supposes (future, hypothetical). An announced act and what announcing it
   amounts to share one trigger; the announcement is the act done now, its content the
   reported act ("X will visit Y": X's commitment, AGREE, before the visit);
5. **confidence**, then position.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from heron.model import Event

MAIN, COMPLEMENT, ADJUNCT = 0, 1, 2
# Dependency relations that open a clause below their head, by kind (spaCy's English labels).
COMPLEMENT_RELATIONS = frozenset({"ccomp", "xcomp", "csubj", "csubjpass"})
ADJUNCT_RELATIONS = frozenset({"advcl", "relcl", "acl", "prep", "agent", "npadvmod", "appos"})
IRREALIS = frozenset({"future", "hypothetical"})


def clause_position(token: Token) -> tuple[int, int]:
    """(clause level, number of clause boundaries) from ``token`` up to its sentence root."""
    level = boundaries = 0
    while token.head.i != token.i:
        if token.dep_ in ADJUNCT_RELATIONS:
            level, boundaries = ADJUNCT, boundaries + 1
        elif token.dep_ in COMPLEMENT_RELATIONS:
            level, boundaries = max(level, COMPLEMENT), boundaries + 1
        token = token.head
    return level, boundaries


def prominence(event: Event, doc: Doc) -> tuple[bool, int, int, bool, float, int]:
    """Sort key of an event within its sentence: the main event sorts first."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    level, boundaries = clause_position(span.root) if span is not None else (ADJUNCT, 0)
    return (event.background, level, boundaries, event.status in IRREALIS, -event.confidence,
            event.trigger.start)


def mark_main(events: Iterable[Event], doc: Doc) -> None:
    """Flag the most prominent of one sentence's ``events`` as its main event."""
    ranked = sorted(events, key=lambda event: prominence(event, doc))
    for event in ranked:
        event.main = False
    if ranked:
        ranked[0].main = True
