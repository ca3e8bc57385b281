"""Stances on planned events: who is said to have agreed to them, and who is said not to have
confirmed them. "Merz said Putin agreed to the meeting" against "the Kremlin has not
confirmed any agreement" is a disputed status that fusion must surface.

Positive stances are AGREE events with an identified actor. Negative ones are AGREE events
under negation, or sentences with a non-confirmation cue ("has not confirmed", "did not
immediately confirm", "has yet to respond", "it is not clear whether X agree") whose subject
is a resolved mention right next to the cue. A stance is attached to the story's planned
fused event that the sentence refers to (same sentence, the event's trigger words, or the
nearest earlier mention in the article) and whose participants include the stance's country.
"""

from __future__ import annotations

import re

from heron.fuse.dates import day, is_reported, period_end
from heron.fuse.sources import span_dict
from heron.fuse.text import source_key, stem
from heron.model import Analysis, Article, Event, Mention, real_world_mention
from heron.records import FusedEvent, SpanRecord, Stance, StanceValue

# "not agreed" is a denial ("Moscow has not agreed to the summit"); "not confirmed" is
# uncertainty ("the Kremlin has not confirmed"), which disputes nothing.
AGREED: StanceValue = "agreed"
NOT_AGREED: StanceValue = "not agreed"
NOT_CONFIRMED: StanceValue = "not confirmed"
UNCONFIRMED_CUE = "status[unconfirmed"
_CONFIRM_VERBS = r"(?:confirm|respond|comment|acknowledge|agree|accept)\w*"
# Cue right after its subject: "<the Kremlin> has not publicly confirmed".
SUBJECT_BEFORE = re.compile(
    r"^\s*(?:(?:has|have|had|did|does|do)(?:\s+not|n[’']t)|(?:has|have) yet to|"
    r"(?:has|have|had) not yet)\s+(?:\w+ly\s+)?" + _CONFIRM_VERBS, re.I)
# Cue right before its subject: "it is not clear whether <the Russians> agree".
SUBJECT_AFTER = re.compile(r"\b(?:not clear|unclear|not known|unknown) (?:whether|if)\s+$", re.I)
OLD_AGREEMENT_DAYS = 7
NEARBY_SENTENCES = 3  # an undirected stance refers to a planned event mentioned this close


def article_stances(article: Article, analysis: Analysis) -> list[Stance]:
    stances: list[Stance] = []
    for event in analysis.events:
        if event.event_type != "AGREE" or "announced[" in event.pattern or _past(article, event):
            continue
        value = _stance_value(event)
        if value is None:
            continue
        stances.extend(_stance(article, value, ref.country, ref.actor_id, ref.name,
                               event.sentence, span_dict(event.sentence_span), event.confidence)
                       for ref in event.actors if ref.country)
    # A stance is about a real-world actor: a document-local one ("police" of one article)
    # is kept by its country and name, as event participants are.
    mentions = [real_world_mention(m) for m in analysis.mentions]
    for index, span in enumerate(analysis.sentences):
        subject = _unconfirming_subject(mentions, index, span.start, span.text)
        if subject is not None and subject.country:  # (a subject always has a country)
            stances.append(_stance(article, NOT_CONFIRMED, subject.country, subject.actor_id,
                                   subject.name or subject.text, index, span_dict(span)))
    return stances


def _stance_value(event: Event) -> StanceValue | None:
    """Left unconfirmed ("has not confirmed any agreement": the events component marks it
    ``claimed`` with the cue ``status[unconfirmed …]``), denied, or said to have agreed."""
    if UNCONFIRMED_CUE in event.pattern:
        return NOT_CONFIRMED
    if event.status == "negated":
        return NOT_AGREED
    return AGREED if event.status in ("asserted", "claimed") else None


def _past(article: Article, event: Event) -> bool:
    """An agreement explicitly dated well before the report is about an earlier plan."""
    own_date = not is_reported(event.date_precision) and "date:carried" not in event.pattern
    when = period_end(event.date) if own_date else None
    published = day(article.published)
    return bool(when and published and (published - when).days > OLD_AGREEMENT_DAYS)


def _stance(article: Article, value: StanceValue, country: str, actor_id: str | None, name: str,
            sentence_index: int, sentence: SpanRecord, confidence: float | None = None) -> Stance:
    """``confidence``: the AGREE event's; a non-confirmation cue is a fixed phrase read by rule
    and has none (it takes a side in a contradiction whatever the threshold)."""
    return {"value": value, "country": country, "actor_id": actor_id, "name": name,
            "article_id": article.id, "outlet": article.outlet, "source": source_key(article),
            "sentence_index": sentence_index, "sentence": sentence, "confidence": confidence}


def _unconfirming_subject(mentions: list[Mention], index: int, offset: int,
                          text: str) -> Mention | None:
    for m in mentions:
        if m.sentence != index or not m.country:
            continue
        after, before = text[m.end - offset:], text[:m.start - offset]
        if SUBJECT_BEFORE.match(after) or (SUBJECT_AFTER.search(_strip_det(before))):
            return m
    return None


def _strip_det(text: str) -> str:
    return re.sub(r"\b(?:the|a|an)\s+$", "", text, flags=re.I)


def attach(stances: list[Stance], planned: list[FusedEvent]) -> list[FusedEvent]:
    """Add each stance to the planned fused event it refers to; returns the events changed."""
    changed: dict[str, FusedEvent] = {}
    for stance in stances:
        target = _target(stance, planned)
        if target is not None and stance not in target["stances"]:
            target["stances"].append(stance)
            changed[target["id"]] = target
    return list(changed.values())


def _target(stance: Stance, planned: list[FusedEvent]) -> FusedEvent | None:
    words = {stem(w) for w in re.findall(r"[A-Za-z]+", stance["sentence"]["text"])}
    best: FusedEvent | None = None
    best_rank = 0
    for fused in planned:
        if fused["family"] == "AGREE":
            continue  # stances are about agreeing to an act, not about another agreement
        countries = {r["country"] for r in fused["actors"] + fused["recipients"]}
        if stance["country"] not in countries:
            continue
        rank = _reference_rank(stance, fused, words)
        if stance["value"] == AGREED and rank < 2:
            continue  # an agreement must name the event (or share its sentence) to count
        if rank > best_rank or (rank == best_rank and best and rank
                                and fused["n_sources"] > best["n_sources"]):
            best, best_rank = fused, rank
    return best


def _reference_rank(stance: Stance, fused: FusedEvent, words: set[str]) -> int:
    same_article = [s for s in fused["sources"] if s["article_id"] == stance["article_id"]]
    if any(s["sentence_index"] == stance["sentence_index"] for s in same_article):
        return 3
    if words & {stem(s["trigger"]["text"].split()[-1]) for s in fused["sources"]}:
        return 2
    if any(0 < stance["sentence_index"] - s["sentence_index"] <= NEARBY_SENTENCES
           for s in same_article):
        return 1
    return 0
