"""Quotes: who said what, on which channel, relayed by whom, and when.

Rules over the parsed ``Doc`` (:mod:`.finder` runs them and lists the module of each job),
checked and extended by the learned cue and content models when they are installed
(:mod:`.learned`); speakers come from
the actors component's mentions (:mod:`.speaker`), channel/outlet/date from the attribution
clause (:mod:`.setting`). A verbatim quote whose own clause names no channel, outlet or date takes
those of the same speaker's statement just before it ("Speaking to Fox News, Rubio said that …
“…,” said Rubio.") — consecutive statements of one speaker are one appearance.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Token

from heron.config import Settings, model_dir
from heron.model import ActorRef, Mention, Quote, Span, actor_ref, is_local_actor
from heron.nlp.actors import is_news_outlet
from heron.nlp.context import DocContext
from heron.nlp.events.status import NEGATIVE_GOVERNORS
from heron.nlp.quotes.finder import find_attributions
from heron.nlp.quotes.found import Found
from heron.nlp.quotes.learned import QuoteModels, load_quote_models
from heron.nlp.quotes.lexicon import SPEECH_VERBS, SUBJECT_PRONOUNS
from heron.nlp.quotes.page import Page, within
from heron.nlp.quotes.setting import SettingReader
from heron.nlp.quotes.speaker import (
    antecedent_phrase,
    described_referent,
    message_sender,
    speaker_ref,
)
from heron.nlp.quotes.tuning import QuoteTuning

__all__ = ["QuoteTuning", "QuotesComponent", "build"]


def build(nlp: Language, settings: Settings, tuning: QuoteTuning | None = None) -> QuotesComponent:
    """The quotes component, with the learned models of ``settings.model_dir`` when installed
    (loaded here: once per process) and the thresholds of ``tuning`` (the defaults if None)."""
    return QuotesComponent(load_quote_models(model_dir(settings.model_dir)), tuning)


class QuotesComponent:
    name = "quotes"

    def __init__(self, models: QuoteModels | None = None, tuning: QuoteTuning | None = None) -> None:
        self.settings = SettingReader()
        self.models = models
        self.tuning = tuning or QuoteTuning()

    def __call__(self, ctx: DocContext) -> None:
        page = Page(ctx.doc, ctx.sents, self.tuning)
        found = find_attributions(page)
        if self.models is not None:
            found = self.models.apply(page, found)
        found_relays = _without_relays(sorted(found, key=lambda f: f.cue[0]))
        quotes = [self._quote(ctx, page, f, n) for n, (f, _) in enumerate(found_relays)]
        for quote, (_, relay) in zip(quotes, found_relays, strict=True):
            quote.via = quote.via or relay
        _carry_settings(quotes, self.tuning.setting_carry_sentences)
        ctx.analysis.quotes.extend(quotes)

    def _quote(self, ctx: DocContext, page: Page, found: Found, number: int) -> Quote:
        text = ctx.article.text
        parts = [Span(s, e, text[s:e]) for s, e in found.content]
        start, end = parts[0].start, parts[-1].end
        setting = self.settings.read(found.setting, ctx.analysis.timexes)
        return Quote(
            id=f"{ctx.article.id}:q{number}",
            article_id=ctx.article.id,
            sentence=ctx.sentence_index(found.cue[0]),
            speaker=_speaker(ctx, found),
            cue=Span(found.cue[0], found.cue[1], text[found.cue[0]:found.cue[1]]),
            content=Span(start, end, text[start:end]),
            direct=found.direct,
            channel=setting.channel,
            via=setting.via,
            date=setting.date,
            date_text=setting.date_text,
            content_spans=parts if len(parts) > 1 else [],
            negated=negated_cue(page, found),
            confidence=round(found.confidence, 3),
        )


def _without_relays(found: list[Found]) -> list[tuple[Found, str | None]]:
    """"Putin said …, RIA Novosti reported", "Hamas said …, according to Al Jazeera": a news
    outlet reporting someone's statement is that statement's relay (its ``via``), not a
    statement of its own. Each attribution with the outlet that relayed it, if any."""
    relays = [f for f in found if f.speaker is not None and is_news_outlet(f.speaker.text)
              and any(o is not f and within(o.cue, f.content) for o in found)]
    kept = []
    for item in found:
        if item in relays:
            continue
        relay = next((r for r in relays if within(item.cue, r.content)), None)
        kept.append((item, relay.speaker.text if relay is not None and relay.speaker is not None else None))
    return kept


def negated_cue(page: Page, found: Found) -> bool:
    """"The Kremlin hasn't confirmed such a possibility", "has yet to respond", "Nothing else
    was agreed": the cue's own polarity (the events' status rules, applied to the cue word)."""
    span = page.doc.char_span(found.cue[0], found.cue[1], alignment_mode="expand")
    if span is None or not len(span):
        return False
    cue = span.root
    status = page.status(cue)
    if status.status == "negated" and not qualifies_its_negator(cue, status.host):
        return True
    return declines_to_speak(cue)


def qualifies_its_negator(cue: Token, host: str) -> bool:
    """"He rejected the idea …, arguing integration fails and warned …": a participle (or a
    verb conjoined to it) qualifying the verb that carries the negation is the speaker's own
    statement, not a denied one; the events' status rules pass the negation down to it."""
    node = cue
    while node.dep_ == "conj" and node.head is not node:
        node = node.head
    return node.dep_ == "advcl" and node.head is not cue and node.head.text == host


def declines_to_speak(cue: Token) -> bool:
    """"Declined to comment", "refused to say when …", "declined to predict": a cue that
    negates the speech verb it governs reports that nothing was said (the negative governors
    are the events' status rules'); "declined to participate" reports no speech at all and is
    left to the cue model."""
    return cue.lemma_.lower() in NEGATIVE_GOVERNORS and any(
        child.dep_ == "xcomp" and child.lemma_.lower() in SPEECH_VERBS for child in cue.children)


def _speaker(ctx: DocContext, found: Found) -> ActorRef | None:
    if found.speaker is None or found.speaker_head is None:
        return None
    phrase, head = found.speaker, found.speaker_head
    ref = speaker_ref(phrase, head, ctx.mentions_in(phrase.start_char, phrase.end_char))
    unnamed = ref.actor_id is None or is_local_actor(ref.actor_id)
    if unnamed and (antecedent := antecedent_phrase(head)) is not None:
        # who the pronoun is, at the pronoun's own span (as the actors component does for "he");
        # an unnamed role's pronoun keeps the role's own description ("anonymous diplomats")
        named, noun = antecedent
        who = speaker_ref(named, noun, ctx.mentions_in(named.start_char, named.end_char))
        if ref.actor_id in (None, who.actor_id):
            ref = replace(who, start=ref.start, end=ref.end, text=ref.text)
    if ref.actor_id is None and (sender := message_sender(head, ctx.analysis.mentions)) is not None:
        # "A statement from Apple said", "the group's report says": the message is its sender's
        ref = replace(actor_ref(sender), start=ref.start, end=ref.end, text=ref.text)
    elif ref.actor_id is None and (earlier := _earlier_referent(ctx, head)) is not None:
        ref = replace(actor_ref(earlier), start=ref.start, end=ref.end, text=ref.text)
    elif is_local_actor(ref.actor_id) and (earlier := _described_earlier(ctx, head)) is not None:
        # "the spokesperson" after "military spokesperson Ahmed Sharif Chaudhry": the person
        # named before, not an unnamed role of its own
        ref = replace(actor_ref(earlier), start=ref.start, end=ref.end, text=ref.text)
    return ref


def _earlier_referent(ctx: DocContext, head: Token) -> Mention | None:
    """Who an unresolved speaker is, from the mentions the actors component did resolve: a
    "he"/"she" it left open is whom the nearest resolved "he"/"she" before it refers to
    ("Henderson said … He stated that …"); a name it found no mention for ("Exantus told VOA",
    missed by NER) is the person of that surname named elsewhere in the text; a definite
    description ("the group", "the spokesperson") is the organisation or person it describes,
    named before (:func:`.speaker.described_referent`)."""
    if head.pos_ == "PRON" and head.lower_ in SUBJECT_PRONOUNS:
        # a subject pronoun, not "his"/"her": a possessive often names someone else
        return next((m for m in reversed(ctx.analysis.mentions) if m.end <= head.idx and m.actor_id
                     and m.kind == "PRON" and m.text.lower() == head.lower_), None)
    if head.pos_ == "PROPN" and head.ent_type_ in ("", "PERSON"):
        surname = head.lower_
        return next((m for m in ctx.analysis.mentions if m.actor_id and m.kind == "PERSON"
                     and (m.name or m.text).split()[-1].lower() == surname), None)
    return _described_earlier(ctx, head)


def _described_earlier(ctx: DocContext, head: Token) -> Mention | None:
    """The organisation or person a definite description names (:func:`.speaker.described_referent`)."""
    organisations = {a.id for a in ctx.analysis.actors if a.kind in ("organization", "igo")}
    return described_referent(head, [m for m in ctx.analysis.mentions if m.end <= head.idx], organisations)


def _carry_settings(quotes: list[Quote], carry_sentences: int) -> None:
    """A verbatim quote that states no setting of its own continues the same speaker's
    statement just before it (at most ``carry_sentences`` sentences before), and takes that
    statement's channel, outlet and date."""
    for previous, current in zip(quotes, quotes[1:], strict=False):
        close = 0 <= current.sentence - previous.sentence <= carry_sentences
        bare = current.direct and not (current.channel or current.via or current.date)
        if close and bare and _same_speaker(previous.speaker, current.speaker):
            current.channel, current.via = previous.channel, previous.via
            current.date, current.date_text = previous.date, previous.date_text


def _same_speaker(a: ActorRef | None, b: ActorRef | None) -> bool:
    if a is None or b is None:
        return False
    if a.actor_id and b.actor_id:
        return a.actor_id == b.actor_id
    return a.name.split()[-1].lower() == b.name.split()[-1].lower()
