"""The speaker phrase of an attribution: which token the cue attributes the content to, and the
noun phrase around it (:mod:`.speaker` then resolves it to an actor).

The speaker is the cue verb's subject (or passive agent), the owner of a noun cue ("her call",
"a statement from the ministry", whoever "expressed concern"), the person of "quoted X as
saying", or, for a participle or conjoined verb with no subject, the speaker of the verb it
hangs from.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from heron.nlp.quotes.cues import SUBJECT_DEPS, cue_lemma, is_evidence
from heron.nlp.quotes.lexicon import QUOTING_VERBS, RELATIVE_PRONOUNS, SPEECH_VERBS, VOICING_VERBS


def speaker_of(verb: Token) -> Token | None:
    """The head token of whoever the cue verb attributes the content to."""
    if verb.dep_ in ("amod", "compound") and verb.head.i > verb.i:
        # "“…,” claims writer John Ostrower", misread as a modifier: the name it modifies
        speaker = verb.head
        while speaker.dep_ in ("compound", "amod") and speaker.head.i > speaker.i:
            speaker = speaker.head
        return speaker
    if verb.dep_ == "acl":  # "a statement calling the vote a sham": whoever made the statement
        return owner_of(verb.head) or (verb.head if is_evidence(verb.head) else None)
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as":  # "quoted X as saying"
        return _quoted_person(verb.head)
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subjects and subjects[0].dep_ != "nsubjpass":
        subject = subjects[0]
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        return subject
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if agents:
        return agents[0]
    if not subjects and verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        reported = verb.head.dep_ == "ccomp" and cue_lemma(verb.head.head) in SPEECH_VERBS
        # "X said prices rose, adding that …": X adds, whatever the parser hung "adding" from.
        return speaker_of(verb.head.head if reported and verb.tag_ == "VBG" else verb.head)
    governor = verb.head.head
    if not subjects and verb.dep_ == "pcomp" and governor.pos_ in ("VERB", "AUX"):
        # "began by saying …": whoever began; "after saying …, she was taken away": she
        passive = [c for c in governor.children if c.dep_ == "nsubjpass"]
        return speaker_of(governor) or (passive[0] if passive else None)
    return None


def owner_of(noun: Token) -> Token | None:
    """Whose statement, plan or concern a noun is: its possessor ("her call"), its author ("a
    statement from the ministry") or the subject of the verb voicing it ("X expressed concern")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by") and child.i > noun.i:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    names = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if names:  # "a New York Times report", "a Kremlin statement"
        return names[-1]
    voicing = noun.head
    if noun.dep_ == "dobj" and voicing.pos_ == "VERB" and voicing.lemma_.lower() in VOICING_VERBS:
        return speaker_of(voicing)
    return None


def _quoted_person(as_token: Token) -> Token | None:
    governor = as_token.head
    if governor.pos_ in ("NOUN", "PROPN"):
        return governor
    objects = [c for c in governor.children if c.dep_ in ("dobj", "pobj")]
    if objects:
        return objects[0]
    if governor.lemma_.lower() in QUOTING_VERBS:
        return None
    return next((t for t in reversed(list(governor.doc[governor.i:as_token.i]))
                 if t.pos_ in ("PROPN", "NOUN")), None)


def noun_phrase(head: Token) -> Span:
    """The speaker's phrase: the head with its modifiers, without relative clauses."""
    dropped = {t.i for c in head.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    kept = [t for t in head.subtree if t.i not in dropped and not (t.is_punct and t.i > head.i)]
    kept = after_misread_cue(kept)
    kept = [t for t in kept if not t.is_punct or kept[0].i < t.i < kept[-1].i]
    return head.doc[kept[0].i:kept[-1].i + 1] if kept else head.doc[head.i:head.i + 1]


def after_misread_cue(tokens: list[Token]) -> list[Token]:
    """A name phrase without the cue verb the parser hung from it as a modifier, nor what
    hangs from that verb ("“…,” claims writer John Ostrower" → "writer John Ostrower")."""
    misread = [t.i for t in tokens if t.pos_ == "VERB" and t.dep_ in ("amod", "compound")]
    return [t for t in tokens if t.i > max(misread)] if misread else tokens

