"""One article's evidence for fusion: its events as *source mentions* (with the sentence, the
spans, the outlet and the venue statements around them)."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import cast

from heron.fuse.text import content_words, source_key
from heron.model import ActorRef, Analysis, Article, Event, Place, Span
from heron.records import ActorRefRecord, PlaceRecord, Source, SpanRecord, Venue

PLANNED_STATUSES = frozenset({"future", "hypothetical"})
# A sentence that talks about where something will happen.
VENUE_CUE = re.compile(r"\b(host\w*|venue\w*|location\w*|site|sites|take place|held in|"
                       r"hold it in|city|cities)\b", re.I)
# ... or says that it is not decided yet.
UNDETERMINED_CUE = re.compile(
    r"\bno (venue|location|site|place)\b|\b(venue|location|site|place)\b[^.]{0,30}"
    r"\b(yet to be|not yet|to be) (determined|decided|announced|agreed|set)\b|"
    r"\bn[o']t (specify|specified|name|named|announce|set)\b[^.]{0,30}\b(venue|location|site|place)",
    re.I)
UNDETERMINED = "undetermined"
HOST_AFTER = re.compile(r"\s+(?:(?:could|would|will|to|may|might|can)\s+)?(?:host|hosts|hosting)\b",
                        re.I)
# A locative word, then only a list of capitalised names ("include Budapest, Hungary, and ").
LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|of|include[sd]?|including|such as|like|proposed|suggested|offered)"
    r"\s+(?:the\s+)?(?:[A-Z][\w’'.-]*,?\s+(?:and\s+|or\s+)?)*$")
# A time expression that dates an act before the news of the day ("In 2007, the gang drove
# ...", "Last month, commandos rescued ..."), also when the text has no publication date to
# compare a year with. A week is not enough ("arrested last weekend" is the news), nor
# "since 2014" ("the worst attack since 2014" is today's).
PAST_MARKER = re.compile(
    r"\b(?:last|previous) (?:year|month)\b|"
    r"\b(?:a|one|two|three|four|five|six|several|many|\d+) (?:years?|months?) "
    r"(?:ago|earlier|before)\b|\b(?:in|during) (?P<year>(?:19|20)\d\d)\b", re.I)
# An event noun governed by "since" is the reference point of another act ("a week since
# the shooting"), an act before the one the sentence reports.
SINCE_BEFORE = re.compile(r"\bsince\s+(?:the|that|this|its|their)\s+(?:[\w'-]+\s+)?$", re.I)
# The events component's mark on a date it carried from an earlier sentence of the narrative.
CARRIED_DATE = "date:carried-from-sentence"
# The events component's list of the triggers an act's clause governs ("embeds[COERCE:verb:detain]").
EMBEDS = re.compile(r"\bembeds\[([^\]]*)\]")


def is_fusable(event: Event) -> bool:
    """Events that can be matched across articles: not negated (a non-event), not the PLOVER
    statement Heron derives from an announced act (the act itself is fused), and anchored by
    at least one identified participant or a place."""
    if event.status == "negated" or "announced[" in event.pattern:
        return False
    refs = event.actors + event.recipients
    return bool(event.location) or any(r.actor_id or r.country for r in refs)


def ref_dict(ref: ActorRef) -> ActorRefRecord:
    return cast(ActorRefRecord, asdict(ref))


def span_dict(span: Span) -> SpanRecord:
    return cast(SpanRecord, asdict(span))


def place_dict(place: Place | None) -> PlaceRecord | None:
    return None if place is None else _place(place)


def event_source(article: Article, analysis: Analysis, event: Event) -> Source:
    """The source-mention record of one event of one article."""
    planned = event.status in PLANNED_STATUSES
    return {
        "event_id": event.id, "article_id": article.id, "outlet": article.outlet,
        "source": source_key(article), "published": article.published,
        "sentence_index": event.sentence, "sentence": span_dict(event.sentence_span),
        "trigger": span_dict(event.trigger), "event_type": event.event_type, "mode": event.mode,
        "status": event.status, "planned": planned, "pattern": event.pattern,
        "confidence": event.confidence,
        "background": event.background or dated_before_the_news(event, article.published)
        or embedded_in_background(analysis, event, article.published),
        "actors": [ref_dict(r) for r in event.actors],
        "recipients": [ref_dict(r) for r in event.recipients],
        "facilitators": [ref_dict(r) for r in event.facilitators],
        "date": event.date, "date_precision": event.date_precision, "date_text": event.date_text,
        "location": place_dict(event.location),
        "killed": event.killed, "injured": event.injured, "size": event.size,
        "words": sorted(set(content_words(event.sentence_span.text))),
        "venues": venue_statements(article.text, analysis, event.sentence,
                                   event.sentence_span, event.location),
    }


def dated_before_the_news(event: Event, published: str | None) -> bool:
    """Whether the expression that dates the mention's own clause places it before the news
    it is reported beside: a past marker ("in 2007", "last month", "two years ago") — a year
    of the publication itself excepted — or an event noun after "since" ("a week since the
    shooting"). The events component flags background only from a resolved date more than a
    month old, which undated texts and "last month" lack. Another clause's expression ("a
    law passed two years ago") does not date the mention."""
    sentence = event.sentence_span
    before = sentence.text[:max(0, event.trigger.start - sentence.start)]
    if SINCE_BEFORE.search(before):
        return True
    own = governing_expression(event)
    return own is not None and any(
        m.start() < own[1] and own[0] < m.end()
        and not (m.group("year") and published and published.startswith(m.group("year")))
        for m in PAST_MARKER.finditer(sentence.text))


def embedded_in_background(analysis: Analysis, event: Event, published: str | None) -> bool:
    """Whether an act of the same sentence that embeds the mention's clause ("In 2021 police
    stormed the offices to detain him": the detention) is dated before the news: a clause
    without a time expression of its own takes its governor's."""
    if event.date_text:
        return False
    label = event.pattern.split(" ")[0]
    return any(other.sentence == event.sentence and other is not event
               and any(label in m.group(1).split(",") for m in EMBEDS.finditer(other.pattern))
               and (other.background or dated_before_the_news(other, published))
               for other in analysis.events)


def governing_expression(event: Event) -> tuple[int, int] | None:
    """Offsets in the mention's sentence of the time expression the events component dated
    its clause by (its occurrence nearest the trigger); None for a date carried from an
    earlier sentence or for none."""
    if not event.date_text or CARRIED_DATE in event.pattern:
        return None
    text, trigger = event.sentence_span.text, event.trigger.start - event.sentence_span.start
    starts = [m.start() for m in re.finditer(re.escape(event.date_text), text)]
    if not starts:
        return None
    start = min(starts, key=lambda at: abs(at - trigger))
    return start, start + len(event.date_text)


def paragraph_followers(text: str, analysis: Analysis, index: int, count: int = 2) -> list[int]:
    """The sentence itself and up to ``count`` following sentences of the same paragraph."""
    out = [index]
    for nxt in range(index + 1, min(index + 1 + count, len(analysis.sentences))):
        if "\n" in text[analysis.sentences[nxt - 1].end - 1:analysis.sentences[nxt].start + 1]:
            break
        out.append(nxt)
    return out


def venue_statements(text: str, analysis: Analysis, index: int, own: Span,
                     location: Place | None) -> list[Venue]:
    """Where the sources say a planned event will be: its own location, the places of venue
    statements in its sentence and the next sentences of its paragraph, or "undetermined"."""
    venues: list[Venue] = []
    if location is not None and _locative(text, location):
        venues.append({"value": _place(location), "sentence": span_dict(own)})
    for i in paragraph_followers(text, analysis, index):
        span = analysis.sentences[i]
        if UNDETERMINED_CUE.search(span.text):
            venues.append({"value": UNDETERMINED, "sentence": span_dict(span)})
        elif VENUE_CUE.search(span.text):
            venues.extend({"value": _place(p), "sentence": span_dict(span)}
                          for p in analysis.places
                          if span.start <= p.start < span.end and p.kind != "region"
                          and _locative(text, p))
    return _dedupe(venues)


def _locative(text: str, place: Place) -> bool:
    """Whether the place is named as a location ("in Hungary", "the city of Geneva", "cities
    include Budapest, Hungary, and Geneva", "Geneva could host") rather than as a modifier
    ("a US official")."""
    return bool(LOCATIVE_BEFORE.search(text[max(0, place.start - 80):place.start])
                or HOST_AFTER.match(text, place.end))


def _place(place: Place) -> PlaceRecord:
    return {"name": place.name, "country": place.country, "kind": place.kind,
            "lat": place.lat, "lon": place.lon, "text": place.text, "start": place.start,
            "end": place.end}


def _dedupe(venues: list[Venue]) -> list[Venue]:
    seen, out = set(), []
    for v in venues:
        key = v["value"] if isinstance(v["value"], str) else v["value"]["name"]
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out
