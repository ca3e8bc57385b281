"""The speaker of an attribution as an :class:`ActorRef`.

The actors component (run earlier) has already resolved names, role phrases and pronouns to
mentions; the speaker is the mention at the head of the speaker phrase ("Putin's adviser Yuri
Ushakov" is Ushakov, not Putin). Speakers described but not named ("a senior US official",
"a source in the delegation") are anonymous: their name says so and keeps the role words, and
their country and sector come from the role mention. A phrase without any mention keeps its
own text, with no actor id.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from heron.model import ActorRef, Mention, actor_ref, is_local_actor
from heron.nlp.quotes.lexicon import (
    ANONYMOUS_HEADS,
    GENERIC_ORGANISATION_HEADS,
    INDEFINITE_DETERMINERS,
    MESSAGE_NOUNS,
    ORGANISATION_HEADS,
    ROLE_HEADS,
    VAGUE_ADJECTIVES,
)
from heron.nlp.quotes.speaker_phrase import after_misread_cue

NAME_MODIFIERS = frozenset({"compound", "flat", "amod", "nmod", "poss", "det", "nummod", "case"})


# Pronouns the actors component leaves to the quote (it resolves people's he/she itself).
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
NON_PERSON_PRONOUNS = frozenset({"it", "its", "they", "their", "them"})


def speaker_ref(phrase: Span, head: Token, mentions: list[Mention]) -> ActorRef:
    named = _appositive_person(head, mentions)
    mention = named or _head_mention(head, mentions)
    ref = actor_ref(mention) if mention else _unresolved(phrase, head)
    if named is None and _is_anonymous(head):
        # An anonymous official is no state, but is the one unnamed person of its article.
        ref.name = "anonymous " + _role_words(head)
        ref.actor_id = ref.actor_id if is_local_actor(ref.actor_id) else None
    unnamed = ref.actor_id is None or is_local_actor(ref.actor_id)
    if unnamed and ref.country is None and (owner := _affiliation(head, mentions)):
        ref.country, ref.sector = owner.country, ref.sector or owner.sector
    return ref


def _appositive_person(head: Token, mentions: list[Mention]) -> Mention | None:
    """The person a role is followed by in apposition ("Ukraine's foreign minister Andrii
    Sybiha", "the ministry spokesman, Lin Jian"): the person is the speaker, not the role."""
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            start, end = child.idx, child.idx + len(child)
            person = next((m for m in mentions if m.kind == "PERSON" and m.actor_id
                           and m.start < end and start < m.end), None)
            if person:
                return person
    return None


def message_sender(message: Token, mentions: list[Mention]) -> Mention | None:
    """The actor a message noun speaking for someone belongs to: its possessor or the actor
    after "from"/"by" ("Apple Corps' statement", "a statement from Apple Computer", "a report
    by the group"), a mention there or, when the actors component left that occurrence without
    one, a resolved mention of the same name elsewhere in ``mentions`` (the document's)."""
    if message.lemma_.lower() not in MESSAGE_NOUNS:
        return None
    owners = [c if c.dep_ == "poss" else next((t for t in c.children if t.dep_ == "pobj"), None)
              for c in message.children
              if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("from", "by"))]
    for owner in (o for o in owners if o is not None and o.pos_ == "PROPN"):
        words = owner.doc[owner.left_edge.i:owner.i + 1]
        start, end = words.start_char, words.end_char
        found = [m for m in mentions if m.actor_id and m.kind != "PRON"]
        here = next((m for m in found if m.start < end and start < m.end), None)
        name = words.text.removeprefix("the ").removesuffix("'s").removesuffix("’s")
        named = next((m for m in found if m.text == name), None)
        if here or named:
            return here or named
    return None


def _affiliation(head: Token, mentions: list[Mention]) -> Mention | None:
    """Whose an unnamed speaker is, from the head's possessor or prepositional phrase
    ("Macron's office", "an aide to Macron", "a source in the Iranian delegation")."""
    owners = [t for c in head.children if c.dep_ in ("poss", "prep", "amod") and c.i != head.i
              for t in c.subtree]
    spans = [(t.idx, t.idx + len(t)) for t in owners]
    return next((m for m in mentions if m.country and m.kind != "PRON"
                 and any(m.start < e and s < m.end for s, e in spans)), None)


def described_referent(head: Token, earlier: list[Mention], organisations: set[str]) -> Mention | None:
    """Whom a definite description of one speaker refers to, from the resolved mentions before
    it: "the bank" is the nearest organisation named earlier with "bank" in its name ("Bank of
    America"), "the group" the nearest organisation named earlier; "the spokesperson" is the
    nearest person named earlier with that role word beside the name ("military spokesperson
    Ahmed Sharif Chaudhry", "Frank Kowalczyk, the mayor"). Plurals ("the officials") and
    possessed descriptions ("his office") are left unresolved: they are several people or
    someone else's. ``organisations``: the ids of the actors that are organisations or IGOs (a
    country's government, "Cameroon (GOV)", is no "group")."""
    if head.pos_ != "NOUN" or head.tag_ == "NNS" or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    word = head.lemma_.lower()
    if word in ORGANISATION_HEADS:
        # "the group" is a body named before, not an intergovernmental one ("the European Commission")
        generic = word in GENERIC_ORGANISATION_HEADS
        return next((m for m in reversed(earlier) if m.actor_id in organisations and (
            generic and m.sector != "IGO" or word in (m.name or m.text).lower().split())), None)
    if word in ROLE_HEADS:
        return next((m for m in reversed(earlier) if m.kind == "PERSON" and m.actor_id
                     and _has_role_word(head.doc, m, word)), None)
    return None


def _has_role_word(doc: Doc, mention: Mention, word: str) -> bool:
    """Whether ``word`` stands within a few words before the mention, or after it following a
    comma ("Simon Fon Ngwa, the regional governor"), in the mention's sentence."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    sent = span.sent
    before = doc[max(sent.start, span.start - ROLE_WINDOW):span.start]
    after = doc[span.end:min(sent.end, span.end + ROLE_WINDOW)] if span.end < sent.end \
        and doc[span.end].text == "," else doc[span.end:span.end]
    return any(t.lemma_.lower() == word for t in (*before, *after))


# How many words from a name its role may stand ("Somali military spokesperson Col. Ahmed …").
ROLE_WINDOW = 6


def antecedent_phrase(head: Token) -> tuple[Span, Token] | None:
    """The phrase a pronoun speaker stands for ("it was Putin who suggested", "Russia
    insisted that it ..."), if it is a pronoun with one."""
    antecedent = _antecedent(head)
    if antecedent is None:
        return None
    return head.doc[antecedent.left_edge.i:antecedent.i + 1], antecedent


def _antecedent(head: Token) -> Token | None:
    """A relative pronoun's noun; for "it"/"its"/"they", the nearest subject above it that is
    not a pronoun ("Switzerland has expressed its willingness ...")."""
    word = head.lower_
    if word in RELATIVE_PRONOUNS:
        verb = head.head
        if verb.dep_ == "relcl":
            return verb.head
        # a cleft, "it was Putin who suggested": the focus of the copula
        return next((c for c in verb.head.children if c.dep_ == "attr")
                    if verb.head.lemma_ == "be" else iter(()), None)
    if word not in NON_PERSON_PRONOUNS:
        return None
    for ancestor in head.ancestors:
        subject = next((c for c in ancestor.children if c.dep_ in ("nsubj", "nsubjpass")
                        and c != head and c.pos_ != "PRON" and not c.is_ancestor(head)), None)
        if subject is not None:
            return subject
    return _previous_subject(head)


def _previous_subject(pronoun: Token) -> Token | None:
    """A sentence-opening "It said …" continues the sentence before, whose subject it stands
    for ("The foreign ministry criticised the sanctions. It said …")."""
    sent = pronoun.sent
    if pronoun.dep_ != "nsubj" or pronoun.head != sent.root or sent.start == 0:
        return None
    before = pronoun.doc[sent.start - 1].sent.root
    plural = pronoun.lower_ == "they"
    return next((c for c in before.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")
                 and (c.tag_ in ("NNS", "NNPS")) == plural), None)


def _head_mention(head: Token, mentions: list[Mention]) -> Mention | None:
    """The mention covering the head word, else the last one before it (the closest modifier
    of a name in apposition: "assistant Yuri Ushakov")."""
    start, end = head.idx, head.idx + len(head)
    covering = [m for m in mentions if m.start < end and start < m.end]
    if covering:
        return max(covering, key=lambda m: (m.actor_id is not None, m.end - m.start))
    after = [m for m in mentions if m.start >= end and m.kind != "PRON"]
    return after[0] if after else None


def _unresolved(phrase: Span, head: Token) -> ActorRef:
    name = _name_tokens(head)
    text = phrase.doc[name[0].i:name[-1].i + 1] if name else phrase
    return ActorRef(actor_id=None, name=text.text, country=None, sector=None,
                    start=text.start_char, end=text.end_char, text=text.text)


def _name_tokens(head: Token) -> list[Token]:
    """The head with the words before it that belong to the name or title, and a name's
    prepositional part ("Council on Foreign Relations", "Bank of England")."""
    before = [t for c in head.lefts if c.dep_ in NAME_MODIFIERS for t in c.subtree
              if not t.is_punct and t.dep_ != "det"]
    after = [t for c in head.rights if c.dep_ == "prep" and _is_name_part(c) for t in c.subtree]
    return after_misread_cue(sorted([*before, head, *after], key=lambda t: t.i))


def _is_name_part(preposition: Token) -> bool:
    words = list(preposition.subtree)[1:]
    return preposition.head.pos_ == "PROPN" and bool(words) and all(
        t.pos_ == "PROPN" or t.dep_ in ("det", "cc") for t in words)


def _is_anonymous(head: Token) -> bool:
    if head.pos_ != "NOUN" or head.lemma_.lower() not in ANONYMOUS_HEADS:
        return False
    determiners = [c.lower_ for c in head.lefts if c.dep_ in ("det", "nummod")]
    return any(d in INDEFINITE_DETERMINERS for d in determiners) or (
        not determiners and head.tag_ == "NNS")


def _role_words(head: Token) -> str:
    # a common noun capitalised only because it opens the sentence ("Diplomats said") is lower case
    words = [t.lower_ if t.is_sent_start and t.pos_ == "NOUN" else t.text for t in _name_tokens(head)
             if t.lower_ not in VAGUE_ADJECTIVES and t.lower_ not in INDEFINITE_DETERMINERS]
    return " ".join(words)
