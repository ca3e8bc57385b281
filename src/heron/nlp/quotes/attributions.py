"""Attributions from cues: a cue word (:mod:`.cues`), its speaker (:mod:`.speaker_phrase`) and
its content (:mod:`.content`) made into one :class:`.found.Found`.

One builder per kind of cue: a verb (or "made clear"), a stance adjective, a noun introducing a
clause or owning a preposition's object, and the phrases "according to X", "in X's view" and
"in the latest poll", whose content is the longer side of the sentence around them.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from heron.nlp.quotes.content import (
    adjacent_quotations,
    after_colon,
    around_parenthetical,
    before_trailing_attribution,
    clause_after,
    clause_before,
    complement,
    first_person_start,
    is_that_complement,
    made_clear,
    object_of,
    passive_content,
    rest_after_say,
    stance_object,
    topic,
    without_aside,
    without_lead,
)
from heron.nlp.quotes.cues import (
    SUBJECT_DEPS,
    attribution_clause,
    cue_lemma,
    declared_adjective,
    is_evidence,
    is_participle_of_speaker,
    is_passive_cue,
    is_purpose,
)
from heron.nlp.quotes.found import Found
from heron.nlp.quotes.lexicon import (
    COGNITION_VERBS,
    EVIDENCE_VERBS,
    INTENTION_VERBS,
    NOUN_CUES,
    NOUN_PREPOSITION_CUES,
    OWNED_NOUN_CUES,
)
from heron.nlp.quotes.page import WORD, Page, Spans, end_of
from heron.nlp.quotes.speaker_phrase import noun_phrase, owner_of, speaker_of


def from_verb(page: Page, verb: Token, sent: Span) -> Found | None:
    """The attribution of a cue verb: a passive one says its content of its subject; "made
    clear" takes the clause after "clear"; verbs of belief, evidence and intention take their
    complement (or object); speech verbs take the first content :mod:`.content` finds, in its
    order of preference."""
    if is_purpose(verb):
        return None
    speaker = speaker_of(verb)
    clause = attribution_clause(page, verb, sent)
    cue = (verb.idx, verb.idx + len(verb))
    lemma = cue_lemma(verb)
    passive = passive_content(page, verb, sent)
    if passive:
        content = passive
    elif (adjective := declared_adjective(verb)) is not None:
        content = made_clear(page, adjective, sent)
    elif lemma in COGNITION_VERBS | EVIDENCE_VERBS:
        # Beliefs count when someone holds them; "do you know …?" addresses the reader.
        addressed = speaker is None or speaker.lower_ == "you"
        shown = lemma in EVIDENCE_VERBS and speaker is not None and is_evidence(speaker)
        content = [] if addressed else complement(page, verb, sent) or (
            object_of(page, verb, sent) if shown else [])
    elif lemma in INTENTION_VERBS:
        content = complement(page, verb, sent) or object_of(page, verb, sent)
    elif is_participle_of_speaker(verb):
        # "…, she said, referencing the bank's drive …": what the participle itself took
        content = complement(page, verb, sent) or object_of(page, verb, sent) or topic(page, verb, sent)
    else:
        content = (adjacent_quotations(page, clause, sent) or around_parenthetical(page, clause, sent)
                   or clause_before(page, clause, sent) or clause_after(page, verb, clause, sent)
                   or complement(page, verb, sent)
                   or after_colon(page, clause, sent) or object_of(page, verb, sent)
                   or rest_after_say(page, verb, sent) or topic(page, verb, sent))
    if not content:
        return None
    if content[-1][1] <= cue[0] and content[0][0] <= sent.start_char + 1:
        content[0] = (first_person_start(page, sent, content[0]), content[0][1])
    # A cue in a relative clause ("countries that want a ban") is set only by its own clause;
    # the rest of the sentence is about something else ("the season, which ended in November").
    setting = clause if verb.dep_ in ("relcl", "acl") else setting_tokens(page, clause, content, sent)
    return attribution(page, cue, speaker, content, setting)


def from_adjective(page: Page, adjective: Token, sent: Span) -> Found | None:
    """"The governor is confident that …", "voters were worried about costs": the subject
    holds the stance; the content is what the adjective takes."""
    holder = adjective.head if adjective.pos_ == "ADJ" else adjective
    subjects = [c for c in holder.children if c.dep_ in SUBJECT_DEPS]
    speaker = speaker_of(holder) if adjective.pos_ == "ADJ" else subjects[0] if subjects else None
    # "It is certain that …" states a fact, not somebody's stance; "you" is the reader.
    if speaker is None or speaker.lower_ in ("it", "there", "this", "that", "you"):
        return None
    content = (complement(page, adjective, sent, ("ccomp", "xcomp"))
               or stance_object(page, adjective, sent))
    if not content:
        return None
    clause = [t for t in attribution_clause(page, holder, sent)
              if not any(s <= t.idx < e for s, e in content)]
    return attribution(page, (adjective.idx, end_of(adjective)), speaker, content, clause)


def from_according_to(page: Page, according: Token, sent: Span) -> Found | None:
    phrase = list(according.subtree)
    # The phrase ends at its comma, however the parser hung the clause after it.
    comma = next((k for k, t in enumerate(phrase) if k > 2 and t.text == ","), None)
    phrase = phrase[:comma] if comma is not None and according.i == sent.start else phrase
    # The parser may read "according to show insiders" as a verb and its object.
    objects = [t for t in phrase if t.dep_ == "pobj"] or [
        t for t in phrase[2:] if t.pos_ in ("NOUN", "PROPN", "PRON")][-1:]
    return _around_phrase(page, phrase, objects, sent)


def from_viewpoint(page: Page, preposition: Token, sent: Span) -> Found | None:
    """"In Smith's view, …", "in her words, …": the owner of the viewpoint is the source."""
    phrase = list(preposition.subtree)
    owners = [c for t in phrase if t.dep_ == "pobj" for c in t.children if c.dep_ == "poss"]
    return _around_phrase(page, phrase, owners, sent)


def from_survey(page: Page, preposition: Token, sent: Span) -> Found | None:
    """"In the latest poll, Smith leads by five points": the survey is the source."""
    phrase = list(preposition.subtree)
    return _around_phrase(page, phrase, [t for t in phrase if t.dep_ == "pobj"][:1], sent)


def from_noun(page: Page, noun: Token, sent: Span) -> Found | None:
    """"his claim that the vote was rigged", "her promise to cut taxes", "renewed its call
    for a ban": the clause the noun introduces or, when it has an owner, the object of its
    preposition; the owner, when stated, is the source."""
    owner = owner_of(noun)
    lemma = noun.lemma_.lower()
    introduces = lemma in NOUN_CUES or (lemma in OWNED_NOUN_CUES and owner is not None)
    # A relative clause whose "that" is a mere marker is the noun's content misparsed
    # ("a report that Smith had a loss").
    clauses = [c for c in noun.children if c.i > noun.i and (is_that_complement(c) or (
        c.dep_ in ("acl", "ccomp") and any(g.dep_ in ("mark", "aux") and g.lower_ in ("that", "to")
                                          and g.i < c.i for g in c.children)))] if introduces else []
    objects = [g for c in noun.children if c.dep_ == "prep" and c.i > noun.i
               and c.lower_ in NOUN_PREPOSITION_CUES.get(noun.lemma_.lower(), ())
               for g in c.children if g.dep_ in ("pobj", "pcomp")] if owner is not None else []
    heads = clauses or objects
    if not heads:
        return None
    tokens = [t for t in heads[0].subtree if sent.start <= t.i < sent.end
              and not page.is_edge_punct(t) and not t.is_space]
    tokens = without_aside(page, before_trailing_attribution(page, tokens, sent))
    if len(tokens) < page.tuning.min_content_words + (1 if clauses else 0):
        return None
    content = [page.widen_to_quotes(tokens[0].idx, end_of(tokens[-1]))]
    return attribution(page, (noun.idx, end_of(noun)), owner, content, [noun], nominal=True)


def _around_phrase(page: Page, phrase: list[Token], objects: list[Token], sent: Span) -> Found | None:
    """The attribution of a prepositional phrase ("according to X", "in X's view"): the
    content is the longer side of the sentence around it."""
    preposition = phrase[0]
    rest = [t for t in page.words(sent) if t not in phrase and not t.is_punct]
    if not objects or not rest:
        return None
    lead = [t for t in page.words(sent) if t.i < preposition.i]
    before = [t for t in without_lead(lead, page.tuning.max_lead_in_tokens) if t in rest]
    after = [t for t in rest if t.i > phrase[-1].i]
    chosen = before if len(before) >= len(after) else after
    content = [page.widen_to_quotes(chosen[0].idx, end_of(chosen[-1]))]
    two_words = preposition.lower_ == "according" and len(phrase) > 1  # "according to"
    cue = (preposition.idx, end_of(phrase[1]) if two_words else end_of(preposition))
    return attribution(page, cue, objects[0], content, phrase)


def attribution(page: Page, cue: tuple[int, int], speaker: Token | None, content: Spans,
                setting: list[Token], nominal: bool = False) -> Found | None:
    """The attribution of a cue, unless its content is too short or overlaps the cue, or no
    one makes it (``nominal``: a noun cue, whose owner may go unstated)."""
    words = sum(len(WORD.findall(page.text[s:e])) for s, e in content)
    if words < page.tuning.min_content_words and not page.names_only(content) \
            or any(s < cue[1] and cue[0] < e for s, e in content):
        return None
    direct = all(page.fully_quoted(s, e) for s, e in content) or page.unmarked_verbatim(content)
    # "assuming that …", "without knowing …" have no source; "the claim that …" may not.
    if speaker is None and not nominal and not is_passive_cue(page, cue):
        return None
    phrase = noun_phrase(speaker) if speaker is not None else None
    return Found(cue, phrase, speaker, content, direct, setting)


def setting_tokens(page: Page, clause: list[Token], content: Spans, sent: Span) -> list[Token]:
    """Where channel, outlet and date may be stated: the clause, and the rest of the sentence
    on the cue's side of the content (robust to a misparse that detaches "on Telegram" from
    the cue; the far side may hold another speaker's frame)."""
    cue_first = clause and clause[0].idx < content[0][0]
    outside = [t for t in page.words(sent) if not t.is_space and not page.quoted(t.idx)
               and (t.idx < content[0][0] if cue_first else t.idx >= content[-1][1])]
    return sorted({*clause, *outside}, key=lambda t: t.i)

