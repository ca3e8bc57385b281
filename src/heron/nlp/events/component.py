"""The events pipeline component: PLOVER events for every sentence of a document."""

from __future__ import annotations

import importlib
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any

from spacy.tokens import Doc, Span, Token

# The calendar arithmetic of ISO values is shared with fusion (one implementation).
from heron.fuse.dates import period_end
from heron.model import REPORTED, ActorRef, Event, Mention, Place, Timex, real_world_mention, real_world_ref
from heron.model import Span as TextSpan
from heron.nlp.context import DocContext
from heron.nlp.events.arguments import ArgumentFinder, Participants, place_ref
from heron.nlp.events.coder import (
    Match,
    anchor_of,
    commitment_type,
    event_type_of,
    find_matches,
    is_subordinate,
    participants_of,
    pick_mode,
)
from heron.nlp.events.learned import (
    Candidate,
    LearnedEvidence,
    TypeProbabilities,
    candidates,
)
from heron.nlp.events.lexicon import Lexicon
from heron.nlp.events.magnitude import casualties, crowd_size
from heron.nlp.events.prominence import mark_main
from heron.nlp.events.statements import link_statements
from heron.nlp.events.status import (
    DENIAL_VERBS,
    Status,
    StatusReader,
    event_status,
    is_question,
    reporting_verb,
)

log = logging.getLogger(__name__)

ENTITY_KINDS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
MAX_CONFIDENCE = 0.95
BACKGROUND_DAYS = 31
SENTENCE_ENDINGS = tuple('.!?:;"”’)')
STATUS_READER = "event_status_reader"  # DocContext.extras key


def optional_hook(module: str, name: str) -> Callable[..., Any] | None:
    """A function of a sibling component, or None (logged) while that component is missing."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        log.warning("%s.%s unavailable: events fall back to publication dates / no places",
                    module, name)
        return None


@dataclass
class EventCoder:
    lexicon: Lexicon
    governing_timex: Callable[[DocContext, Token, Token | None], Timex | None] | None
    places_for_clause: Callable[[DocContext, Token], list[Place]] | None
    narrative_timex: Callable[[DocContext, Token], Timex | None] | None = None
    learned: LearnedEvidence | None = None  # None: the rules' own confidence and status
    name: str = "events"

    def __call__(self, ctx: DocContext) -> None:
        # Events take part between real-world actors: a document-local actor (an unnamed
        # role, heron.nlp.actors.local) is a participant by its name, country and sector only.
        mentions = [real_world_mention(m) for m in ctx.analysis.mentions] or entity_mentions(ctx)
        quotes = [replace(q, speaker=real_world_ref(q.speaker)) if q.speaker else q
                  for q in ctx.analysis.quotes]
        finder = ArgumentFinder(mentions, ctx.analysis.places, quotes, self.lexicon)
        contexts_of = self._contexts(ctx.doc)
        paragraph_contexts = self._paragraph_contexts(ctx, contexts_of)
        attackers = AttackerMemory()
        matches = [find_matches(sentence, self.lexicon) for sentence in ctx.sents]
        found, probs = self._learned_evidence(ctx, matches)
        for index, sentence in enumerate(ctx.sents):
            events = self._sentence_events(ctx, finder, index, sentence, matches[index],
                                           found[index], probs)
            _attach_casualties(sentence, events)
            attackers.fill(index, events)
            mark_main(events, ctx.doc)
            contexts = contexts_of(sentence) | paragraph_contexts(sentence.start_char)
            for number, event in enumerate(events, start=len(ctx.analysis.events)):
                event.id = f"{ctx.article.id}-e{number}"
                event.context = sorted(contexts)
            ctx.analysis.events.extend(events)
        link_statements(ctx.analysis.events, ctx.analysis.quotes)

    def _learned_evidence(self, ctx: DocContext, matches: list[list[Match]]
                          ) -> tuple[list[list[Candidate]], TypeProbabilities | None]:
        """The candidate words of each sentence and the type model's reading of them, in one
        pass of the model over the whole Doc (none without learned models)."""
        sentences = ctx.sents
        if self.learned is None:
            return [[] for _ in sentences], None
        found = [candidates(sentence, sentence_matches, self.lexicon)
                 for sentence, sentence_matches in zip(sentences, matches, strict=True)]
        return found, self.learned.type_probabilities(list(zip(sentences, found, strict=True)),
                                                      _statuses(ctx))

    def _sentence_events(self, ctx: DocContext, finder: ArgumentFinder, index: int,
                         sentence: Span, matches: list[Match], found: list[Candidate],
                         probs: TypeProbabilities | None) -> list[Event]:
        """The rule coder's events of one sentence (its trigger ``matches``), weighed (and
        completed) by the learned model's ``probs`` of its candidate words when installed."""
        events = [e for match in matches for e in self._events(ctx, finder, index, sentence, match)]
        if self.learned is None or probs is None:
            return events
        for match in self.learned.new_triggers(found, probs):
            events.extend(self._events(ctx, finder, index, sentence, match))
        tokens = {c.token.idx: c.token for c in found}
        best: dict[tuple[int, str], Event] = {}
        for event in events:
            token = next((tokens[i] for i in range(event.trigger.start, event.trigger.end)
                          if i in tokens), None)
            if token is not None:
                self._weigh(event, probs.of(token))
            key = (event.trigger.start, event.event_type)
            if key not in best or event.confidence > best[key].confidence:
                best[key] = event
        return sorted(best.values(), key=lambda e: (e.trigger.start, -e.confidence))

    @staticmethod
    def _weigh(event: Event, probs: dict[str, float]) -> None:
        """Confidence = the type model's probability of the event's type at its trigger (the
        rule coder's own weight stays in the pattern, to explain the decision)."""
        rule = event.confidence
        event.confidence = round(min(probs.get(event.event_type, 0.0), MAX_CONFIDENCE), 3)
        event.pattern += f" learned[p={event.confidence:.3f} rule={rule:.3f}]"

    def _events(self, ctx: DocContext, finder: ArgumentFinder, index: int, sentence: Span,
                match: Match) -> list[Event]:
        """The event a trigger codes; for an announced or conditional act also what announcing
        it amounts to (AGREE/CONCEDE/THREATEN/REQUEST), ranked above the act itself."""
        token, trigger = match.token, match.trigger
        anchor = anchor_of(token)
        event_type = event_type_of(match)
        question = is_question(sentence)
        status = event_status(token, question=question, reader=_statuses(ctx))
        if status.kind == "negation" and trigger.negated:  # "would not accept", not "nothing"
            event_type = trigger.negated
            status = event_status(token, question=question, recoded=True, reader=_statuses(ctx))
        stated = participants_of(match, finder, event_type)
        # "arrangements for a meeting between A and B": who arranged it is no participant
        brokers = finder.facilitators(token, stated) if event_type == "CONSULT" else []
        found = stated.swap() if trigger.reversed else stated
        act = self._event(ctx, index, sentence, match, anchor, event_type, status, found)
        events = [act, *self._announced(ctx, finder, index, sentence, match, anchor, act,
                                        stated, status)]
        self._situate(ctx, sentence, anchor, events, token)
        for event in events:
            finder.place_unnamed(event)
        events += self._denied(ctx, finder, index, sentence, match)  # situated in their clause
        for event in events:
            event.facilitators = list(brokers)
        return sorted(events, key=lambda e: -e.confidence)

    def _announced(self, ctx: DocContext, finder: ArgumentFinder, index: int, sentence: Span,
                   match: Match, anchor: Token, act: Event, stated: Participants,
                   status: Status) -> list[Event]:
        """What announcing a future/conditional act amounts to, if anything (see coder)."""
        token = match.token
        reporter = reporting_verb(anchor)
        commitment = commitment_type(act.event_type, status, reported=reporter is not None)
        if commitment is None:
            return []
        # The one who commits is the grammatical subject ("Switzerland could host"), and in
        # "X said Y must ..." X asks Y.
        found = stated
        if commitment == "REQUEST" and reporter is not None:
            speakers = finder.for_verb(reporter, commitment).actors
            if _same_parties(speakers, stated.actors):  # "we must ...": a resolve, not a demand
                return []
            found = Participants(speakers, stated.actors,
                                 stated.roles + [f"reporter '{reporter.text}'"])
        said = self._event(ctx, index, sentence, match, anchor, commitment,
                           event_status(token, recoded=True, reader=_statuses(ctx)), found)
        said.pattern += f" announced[{act.event_type} {status.explain()}]"
        said.confidence = round(min(act.confidence + 0.05, MAX_CONFIDENCE), 3)
        act.confidence = round(act.confidence - 0.1, 3)
        return [said]

    def _denied(self, ctx: DocContext, finder: ArgumentFinder, index: int, sentence: Span,
                match: Match) -> list[Event]:
        """"Israel denied that its jets attacked ...": besides the REJECT, the denied act itself,
        negated, so that fusion can set the denial against the reports that it happened."""
        if match.token.lemma_.lower() not in DENIAL_VERBS:
            return []
        denied = []
        for inner in match.embedded:
            event_type = inner.trigger.event_type
            status = event_status(inner.token, question=is_question(sentence),
                                  reader=_statuses(ctx))
            found = participants_of(inner, finder, event_type)
            found = found.swap() if inner.trigger.reversed else found
            anchor = anchor_of(inner.token)
            event = self._event(ctx, index, sentence, inner, anchor, event_type, status, found)
            event.pattern += f" denied[by '{match.token.text}']"
            self._situate(ctx, sentence, anchor, [event], inner.token)
            denied.append(event)
        return denied

    def _event(self, ctx: DocContext, index: int, sentence: Span, match: Match, anchor: Token,
               event_type: str, status: Status, found: Participants) -> Event:
        token, trigger = match.token, match.trigger
        pattern = " ".join(filter(None, [
            trigger.label if event_type == trigger.event_type else f"{trigger.label}->{event_type}",
            f"embeds[{','.join(m.trigger.label for m in match.embedded)}]" if match.embedded else "",
            f"roles[{','.join(found.roles)}]" if found.roles else "",
            f"status[{status.explain()}]" if status.kind else "",
        ]))
        spec = self.lexicon.types[event_type]
        event = Event(
            id="",  # numbered once the sentence's events are known
            article_id=ctx.article.id,
            sentence=index,
            sentence_span=TextSpan(sentence.start_char, sentence.end_char, sentence.text),
            event_type=event_type,
            mode=pick_mode(match, event_type, spec.modes),
            context=[],  # set for the whole sentence by the caller
            actors=found.actors,
            recipients=found.recipients,
            trigger=TextSpan(match.start, match.end, ctx.article.text[match.start:match.end]),
            pattern=pattern,
            confidence=_confidence(match, found, subordinate=is_subordinate(anchor)),
            status=status.status,
        )
        if event_type == "PROTEST":
            event.size = crowd_size(token)
        return event

    def _situate(self, ctx: DocContext, sentence: Span, anchor: Token, events: list[Event],
                 trigger: Token) -> None:
        """Date and place of the clause, shared by the events of one trigger. A clause lies
        within its sentence, so sentences without any time expression (place) skip the
        lookup."""
        start, end = sentence.start_char, sentence.end_char
        timex = places = None
        if self.governing_timex and any(start <= t.start < end for t in ctx.analysis.timexes):
            timex = self.governing_timex(ctx, anchor, trigger)
        carried = timex is None and (timex := self._narrative_timex(ctx, anchor)) is not None
        if self.places_for_clause and any(start <= p.start < end for p in ctx.analysis.places):
            places = self.places_for_clause(ctx, anchor)
        for event in events:
            _set_date(event, timex, ctx.published)
            if carried and timex is not None:
                event.pattern += f" date:carried-from-sentence-{timex.sentence}"
            event.background = is_background(event, ctx.published, carried)
            event.location = places[0] if places else None
            quad = self.lexicon.types[event.event_type].quad
            if event.location is not None and not event.recipients and _acts_on_place(event, quad):
                event.recipients = [place_ref(event.location)]
                event.pattern += " recipient:location"

    def _narrative_timex(self, ctx: DocContext, anchor: Token) -> Timex | None:
        """The past-tense narrative frame carried to an undated clause (see timexes), unless a
        headline lies between: a headline starts a new story section, never continues one."""
        if self.narrative_timex is None:
            return None
        timex = self.narrative_timex(ctx, anchor)
        if timex is None or _headline_between(ctx.article.text, timex.end, anchor.idx):
            return None
        # The narrative must stay in the past: a present-tense sentence of its own ("Trump is
        # trying ... after Russia invaded it") or a perfect or future one since the frame ("has
        # said", "will meet") starts a new time frame; a present comment in between ("He
        # believes ...") does not.
        index = ctx.sentence_index(anchor.idx)
        if _present_or_future(ctx.sents[index].root) or any(
                _perfect_or_future(s.root) for s in ctx.sents[timex.sentence + 1:index]):
            return None
        return timex

    def _contexts(self, doc: Doc) -> Callable[[Span], set[str]]:
        """The contexts (lexicon context cues) of a span of ``doc``: each word's are looked up
        once per Doc."""
        cues = self._contexts_by_cue
        nothing: frozenset[str] = frozenset()
        words = [cues.get(t.lemma_.lower(), nothing) | cues.get(t.lower_, nothing) for t in doc]

        def contexts_of(span: Span) -> set[str]:
            return set().union(*words[span.start:span.end])

        return contexts_of

    @cached_property
    def _contexts_by_cue(self) -> dict[str, frozenset[str]]:
        by_cue: dict[str, set[str]] = defaultdict(set)
        for name, cues in self.lexicon.contexts.items():
            for cue in cues:
                by_cue[cue].add(name)
        return {cue: frozenset(names) for cue, names in by_cue.items()}

    def _paragraph_contexts(self, ctx: DocContext, contexts_of: Callable[[Span], set[str]]
                            ) -> Callable[[int], set[str]]:
        """Contexts of the paragraph (newline-delimited block) containing a character offset."""
        blocks: list[tuple[int, set[str]]] = []
        offset = 0
        for block in ctx.text.split("\n"):
            if block.strip():
                span = ctx.doc.char_span(offset, offset + len(block), alignment_mode="expand")
                if span is not None:
                    blocks.append((offset + len(block), contexts_of(span)))
            offset += len(block) + 1

        def lookup(char: int) -> set[str]:
            return next((found for end, found in blocks if char < end), set())

        return lookup


def _statuses(ctx: DocContext) -> StatusReader:
    """The Doc's status reader, shared by the learned features and the events."""
    reader = ctx.extras.get(STATUS_READER)
    if reader is None:
        reader = ctx.extras[STATUS_READER] = StatusReader()
    return reader


def _set_date(event: Event, timex: Timex | None, published: date | None) -> None:
    """The governing time expression's value (a range "A/B" fills date_end), else the
    publication date, flagged as a fallback."""
    if timex is None or not timex.value:
        event.date = published.isoformat() if published else None
        event.date_precision = REPORTED
        return
    start, _, end = timex.value.partition("/")
    event.date, event.date_end = start, end or None
    event.date_text, event.date_precision = timex.text, timex.precision


def is_background(event: Event, published: date | None, carried: bool) -> bool:
    """An act its own clause dates more than BACKGROUND_DAYS before publication ("the 1994
    genocide", "in 2015, Iran signed ..."): background to the story, not news of the day."""
    if published is None or carried or event.date_precision == REPORTED:
        return False
    end = period_end(event.date_end or event.date)
    return end is not None and (published - end).days > BACKGROUND_DAYS


def _present_or_future(verb: Token) -> bool:
    """Present tense, present perfect, or a modal ("is trying", "has said", "will meet")."""
    return any(t.tag_ in ("VBZ", "VBP", "MD") for t in (verb, *_auxiliaries(verb)))


def _perfect_or_future(verb: Token) -> bool:
    """Present perfect or a modal ("has said", "will meet"), not a simple present comment."""
    return any(a.tag_ == "MD" or (a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP"))
               for a in _auxiliaries(verb))


def _auxiliaries(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def _headline_between(text: str, start: int, end: int) -> bool:
    """Whether a line holding or between offsets ``start`` and ``end`` is a headline: a line
    of its own without closing punctuation."""
    line_end = text.find("\n", end)
    for line in text[text.rfind("\n", 0, start) + 1:line_end if line_end >= 0 else None].split(
            "\n"):
        if line.strip() and not line.rstrip().endswith(SENTENCE_ENDINGS):
            return True
    return False


def _acts_on_place(event: Event, quad: str) -> bool:
    """A material act in a foreign place with no named target acts on that place's country
    ("imposed a curfew in Cizre", "strengthened its forces in Lebanon"); a visit's host is
    the country visited ("arrived in Amman")."""
    if event.location is None or not event.location.country:
        return False
    if event.location.country in {a.country for a in event.actors}:
        return quad == "material conflict"  # a state acting on its own territory
    return quad.startswith("material") or event.mode == "visit"


def _same_parties(first: list[ActorRef], second: list[ActorRef]) -> bool:
    keys = {r.actor_id or r.name for r in first}
    return any((r.actor_id or r.name) in keys for r in second)


def _confidence(match: Match, found: Participants, *, subordinate: bool) -> float:
    """Trigger weight, raised by evidence that the event is well formed (a stated actor, a
    recipient, an embedded act confirming the frame) and lowered without any participant or in
    a background clause."""
    score = match.trigger.weight
    score += 0.1 if found.actors else 0.0
    score += 0.05 if found.recipients else 0.0
    score -= 0.15 if not found.actors and not found.recipients else 0.0
    score += 0.05 if match.embedded or match.merged else 0.0
    score -= 0.2 if subordinate else 0.0
    return round(min(max(score, 0.05), MAX_CONFIDENCE), 3)


@dataclass
class AttackerMemory:
    """Carries a document's attacker to later attacks that leave it implicit.

    News reports name the attacker once ("Russian missile strikes hit six regions") and then
    describe further attacks without it ("Attacks on Sumy and Odesa injured 15"). An ASSAULT
    with no actor takes the actors of the document's latest ASSAULT within ``window``
    sentences — only when every attack in that window has the same attacking countries, so
    no side is guessed — and says so in its pattern, at lower confidence."""

    window: int = 6
    seen: list[tuple[int, list[ActorRef]]] = field(default_factory=list)

    def fill(self, index: int, events: list[Event]) -> None:
        recent = [(i, actors) for i, actors in self.seen if index - i <= self.window]
        sides = {frozenset(a.country for a in actors) for _, actors in recent}
        for event in events:
            if event.event_type != "ASSAULT":
                continue
            if not event.actors and len(sides) == 1 and None not in next(iter(sides)):
                source, actors = recent[-1]
                event.actors = list(actors)
                event.pattern += f" actor:carried-from-sentence-{source}"
                event.confidence = round(max(event.confidence - 0.1, 0.05), 3)
            if event.actors:
                self.seen.append((index, event.actors))


def _attach_casualties(sentence: Span, events: list[Event]) -> None:
    """Killed/injured figures of the sentence go to its first violent event."""
    target = next((e for e in events if e.event_type == "ASSAULT"), None)
    if target is not None:
        target.killed, target.injured = casualties(sentence)


def entity_mentions(ctx: DocContext) -> list[Mention]:
    """Unresolved mentions from spaCy's entities, for documents the actors component has not
    annotated (events still get participants with their spans; actor_id stays None)."""
    return [
        Mention(id=f"{ctx.article.id}-ent{i}", article_id=ctx.article.id, start=ent.start_char,
                end=ent.end_char, text=ent.text, kind=ent.label_, sentence=-1)
        for i, ent in enumerate(ctx.doc.ents) if ent.label_ in ENTITY_KINDS
    ]
