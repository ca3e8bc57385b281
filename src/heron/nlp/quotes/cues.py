"""Cues: which words introduce an attribution, and the attribution clause around them.

A cue is an attribution verb outside quotation marks (of speech, belief, intention or evidence:
see the word lists in ``heron/data/quote_words.yaml``; framed verbs only in their frame: "called
for …", "sees X as Y", "as she put it"), "made (it) clear", an adjective of stance after a
linking verb ("is confident that …"), a noun introducing a clause ("his claim that …"),
"according to", "in X's view" and "in the latest poll". The attribution clause is the cue with
its subject and modifiers, not its content; :mod:`.content` finds the content,
:mod:`.attributions` puts the two together.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from heron.nlp.quotes.lexicon import (
    AS_FRAMED_VERBS,
    COGNITION_VERBS,
    CUE_PARTICLES,
    DECLARING_ADJECTIVES,
    EVIDENCE_NOUNS,
    EVIDENCE_VERBS,
    FRAMED_VERBS,
    INTENTION_VERBS,
    LINKING_VERBS,
    MESSAGE_NOUNS,
    NOUN_CUES,
    NOUN_PREPOSITION_CUES,
    OWNED_NOUN_CUES,
    QUOTING_VERBS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    STANCE_ADJECTIVES,
    SURVEY_NOUNS,
    VIEWPOINT_NOUNS,
)
from heron.nlp.quotes.page import Page

# Dependencies of a cue verb that carry its content, not its attribution clause.
CONTENT_DEPS = frozenset({"ccomp", "parataxis", "conj", "cc", "csubj", "xcomp"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CUE_VERBS = SPEECH_VERBS | COGNITION_VERBS | INTENTION_VERBS | EVIDENCE_VERBS | AS_FRAMED_VERBS.keys()


def is_speech_cue(page: Page, cue: tuple[int, int]) -> bool:
    span = page.doc.char_span(*cue, alignment_mode="expand")
    if span is None:
        return False
    word = span.root
    return word.lower_ == "according" or (word.lemma_.lower() in SPEECH_NOUNS if word.pos_ == "NOUN"
                                          else cue_lemma(word) in SPEECH_VERBS)


def is_cue_verb(page: Page, token: Token) -> bool:
    known = page.cue_verb_memo.get(token.i)
    if known is None:
        known = page.cue_verb_memo[token.i] = _cue_verb(page, token)
    return known


def _cue_verb(page: Page, token: Token) -> bool:
    # "Said Ellis: …" — a capitalised, inverted "Said" is often tagged as a proper noun.
    verb_like = token.pos_ == "VERB" or (token.pos_ == "PROPN" and token.lower_ in ("said", "says"))
    if not verb_like or page.quoted(token.idx):
        return False
    if token.dep_ in ("amod", "compound"):
        return _inverted_after_quotation(page, token)
    # A participle after a noun is a cue only when the noun is a message ("a letter urging …").
    acl = token.dep_ == "acl" and not (token.tag_ == "VBG" and (
        token.head.lemma_.lower() in MESSAGE_NOUNS or is_evidence(token.head)))
    return not acl and (cue_lemma(token) in CUE_VERBS and in_frame(token)
                        or declared_adjective(token) is not None)


def _inverted_after_quotation(page: Page, verb: Token) -> bool:
    """"“…,” claims writer John Ostrower": a verb of saying right after a closing quotation,
    before its speaker, that the parser read as a modifier of the speaker's name."""
    before = page.tokens[verb.i - 2:verb.i] if verb.i >= 2 else []
    return (len(before) == 2 and before[0].text in (",", "?", "!") and before[1].is_quote
            and cue_lemma(verb) in SPEECH_VERBS and verb.head.i > verb.i
            and verb.head.pos_ in ("NOUN", "PROPN"))


def is_stance_adjective(page: Page, token: Token) -> bool:
    """"is confident", "seemed worried", and the passive-looking "was convinced"."""
    if token.lower_ not in STANCE_ADJECTIVES or page.quoted(token.idx):
        return False
    if token.pos_ == "ADJ":
        return token.dep_ in ("acomp", "oprd") and token.head.lemma_.lower() in LINKING_VERBS
    return token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in token.children)


def is_passive_cue(page: Page, cue: tuple[int, int]) -> bool:
    """"It was reported that …": an attribution with no source, unlike a bare participle."""
    verb = page.doc.char_span(*cue, alignment_mode="expand")
    return verb is not None and (verb[0].lower_ == "according" or any(
        c.dep_ in ("auxpass", "nsubjpass") for c in verb.root.children))


def attribution_clause(page: Page, verb: Token, sent: Span) -> list[Token]:
    """The attribution clause: the cue with its subject and modifiers, not its content."""
    key = (verb.i, sent.start, sent.end)
    if key not in page.clause_memo:
        page.clause_memo[key] = _clause_of(page, verb, sent)
    return list(page.clause_memo[key])


def _clause_of(page: Page, verb: Token, sent: Span) -> list[Token]:
    tokens = [verb]
    for child in verb.children:
        if child.dep_ not in CONTENT_DEPS and not page.quoted(child.idx) \
                and not (child.dep_ == "advcl" and _is_content_clause(page, child)):
            tokens.extend(child.subtree)
    if verb.dep_ == "conj":  # "Speaking to Fox News, Rutte called ..., but he said ..."
        tokens.extend(t for c in verb.head.children if c.dep_ == "advcl" and c.i < verb.head.i
                      for t in c.subtree)
    kept = {t for t in tokens if sent.start <= t.i < sent.end and not t.is_space
            and not page.quoted(t.idx)}
    return sorted(kept, key=lambda t: t.i)


def _is_content_clause(page: Page, clause: Token) -> bool:
    """An adverbial clause hanging from the cue that is not about the statement itself:
    another cue ("..., adding that ...") or a subordinate clause ("If ..., X argues, ...")."""
    return is_cue_verb(page, clause) or any(c.dep_ == "mark" for c in clause.children)


def is_participle_of_speaker(verb: Token) -> bool:
    """A participle clause with no subject hanging from a verb ("…, she said, referencing …",
    "…, adding that …"): its subject is the speaker's; it does not report the sentence around it."""
    return verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj") and not has_subject(verb) \
        and verb.doc[verb.i - 1].text == ","


def is_relayed_by(verb: Token) -> bool:
    """"cited by Interfax", "quoted by Xinhua": a passive participle naming who relayed it."""
    return verb.tag_ == "VBN" and verb.lemma_.lower() in QUOTING_VERBS | {"report", "carry"} and any(
        c.dep_ == "agent" for c in verb.children)


def has_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def declared_adjective(verb: Token) -> Token | None:
    """The "clear" of "made (it) clear …", which makes "make" a statement."""
    if verb.lemma_.lower() != "make":
        return None
    return next((c for c in verb.children if c.dep_ in ("ccomp", "oprd", "acomp", "xcomp")
                 and c.lower_ in DECLARING_ADJECTIVES), None)


def is_evidence(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in EVIDENCE_NOUNS


def is_noun_cue(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    return lemma in NOUN_CUES or lemma in OWNED_NOUN_CUES or lemma in NOUN_PREPOSITION_CUES


def cue_lemma(verb: Token) -> str:
    """The verb's lemma, with the silent "e" the small model's lemmatiser sometimes drops from
    inflected forms ("hoping" → "hop")."""
    lemma = verb.lemma_.lower()
    restored = lemma + "e"
    if lemma not in CUE_VERBS and restored in CUE_VERBS \
            and verb.lower_ in (restored + "s", restored + "d", lemma + "ing"):
        return restored  # "hoped", but not "hopped"
    return lemma


def is_purpose(verb: Token) -> bool:
    """An infinitive of purpose ("met on Friday to discuss the flooding") tells what someone
    meant to do, not what anyone said."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def in_frame(verb: Token) -> bool:
    """Verbs such as "call" attribute only with a predicate or their particle, verbs such as
    "see" only in their "X as Y" frame."""
    lemma = cue_lemma(verb)
    if lemma in AS_FRAMED_VERBS:
        return bool(frame_prepositions(verb))
    if lemma == "put":
        return _puts_it(verb)
    if lemma not in FRAMED_VERBS or has_predicate(verb):
        return True
    # "The meeting was called for Monday" schedules; only the active "called for" demands.
    return bool(particle_objects(verb)) and not any(c.dep_ == "nsubjpass" for c in verb.children)


def _puts_it(verb: Token) -> bool:
    """"As one official put it, …", "she put it bluntly": "put it" with nowhere to put it."""
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children) and not any(
        c.dep_ in ("prep", "prt", "advcl") for c in verb.children)


def frame_prepositions(verb: Token) -> list[Token]:
    """The "as" of "sees the deal as a trap" or "the deal was seen as a trap": a preposition of
    the verb's frame after its object, or with a passive subject."""
    objects = [c.i for c in verb.children if c.dep_ == "dobj"]
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    return [c for c in verb.children if c.dep_ == "prep" and (passive or objects and c.i > objects[0])
            and c.lower_ in AS_FRAMED_VERBS.get(cue_lemma(verb), ())]


def particle_objects(verb: Token) -> list[Token]:
    """What follows the preposition right after the verb that makes it a phrasal cue ("called
    for [a ban]", "called on [Congress to act]", "called for [the law to be repealed]"), unlike a
    later one ("called him on Friday")."""
    particles = CUE_PARTICLES.get(cue_lemma(verb), ())
    objects: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("prep", "prt") and child.i == verb.i + 1 and child.lower_ in particles:
            objects.extend(child.children)
        elif child.dep_ == "advcl" and any(  # "for" read as the mark of a "for … to" clause
                g.dep_ == "mark" and g.i == verb.i + 1 and g.lower_ in particles for g in child.children):
            objects.append(child)
    return objects


def has_predicate(verb: Token) -> bool:
    """Whether the verb says what its object is ("called the plan a disaster", "called the
    charges baseless", "called it “outrageous”"), which the parser may attach in several ways."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(c.dep_ in ("oprd", "ccomp") for c in verb.children) or any(
        t.i > o.i and (t.pos_ == "ADJ" or t.is_quote) for o in objects for t in o.subtree)


def is_according_to(token: Token) -> bool:
    return (token.lower_ == "according" and token.i + 1 < len(token.doc)
            and token.doc[token.i + 1].lower_ == "to")


def is_in_survey(token: Token) -> bool:
    """"in" + "the latest poll" / "a new study", said of a clause (not "gains in the polls")."""
    return token.lower_ == "in" and token.head.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "pobj" and c.lemma_.lower() in SURVEY_NOUNS for c in token.children)


def is_viewpoint(token: Token) -> bool:
    """"in" + "Smith's view" / "her words" / "his opinion"."""
    return token.lower_ == "in" and any(
        c.dep_ == "pobj" and c.lemma_.lower() in VIEWPOINT_NOUNS
        and any(g.dep_ == "poss" for g in c.children) for c in token.children)

