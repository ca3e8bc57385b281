"""Heron's JSON records: what fusion stores (stories, fused events and their source mentions,
claims, contradictions) and what the read layer returns (story and timeline views, event
mentions in PLOVER layout, actors, articles, pages).

They are ``TypedDict``s: the stored JSON (``data`` columns), what the store loads, what the read
layer, the Python API and exports pass on, and what the web API's response models describe are
one and the same dict. The types add checks (mypy finds a misspelled or renamed key) and the
``/openapi.json`` schemas, without a conversion step that could change a byte of the output.
``typing_extensions.TypedDict``: pydantic (the response models) needs it before Python 3.12;
no ``from __future__ import annotations`` here, so that ``NotRequired`` keys are known at run
time (``__optional_keys__``) as well as to mypy.
Records that mirror a dataclass of :mod:`heron.model` (spans, actor refs, places, quotes) are
kept alike by ``tests/test_records.py``.
"""

from dataclasses import dataclass, fields
from typing import Generic, Literal, NotRequired, TypeVar

from typing_extensions import TypedDict

from heron.model import (
    Analysis,
    Article,
    DatePrecision,
    DuplicateKind,
    EventStatus,
    PlaceKind,
    QuoteRole,
)

Item = TypeVar("Item")

# -- what fusion stores ---------------------------------------------------------------------
# How a source bears on its fused event: it reports the event itself, only the arranging that
# other sources say the event served, or that the event did not happen.
Support = Literal["direct", "arrangement", "denial"]


class SpanRecord(TypedDict):
    start: int
    end: int
    text: str


class ActorRefRecord(TypedDict):
    """An actor or recipient of a source mention (``heron.model.ActorRef``)."""

    actor_id: str | None
    name: str
    country: str | None
    sector: str | None
    start: int
    end: int
    text: str


class PlaceRecord(TypedDict):
    """Where a source places its event (``heron.fuse.sources.place_dict``)."""

    name: str
    country: str | None
    kind: PlaceKind
    lat: float | None
    lon: float | None
    text: str
    start: int
    end: int


class Venue(TypedDict):
    """Where a source says a planned event will be: a place, or ``"undetermined"``."""

    value: PlaceRecord | str
    sentence: SpanRecord


class Source(TypedDict):
    """One article's mention of an event, as fused (``heron.fuse.sources.event_source``)."""

    event_id: str
    article_id: str
    outlet: str | None
    source: str  # the outlet, or the article when its outlet is unknown
    published: str | None
    sentence_index: int
    sentence: SpanRecord
    trigger: SpanRecord
    event_type: str
    mode: str | None
    status: EventStatus
    planned: bool
    pattern: str
    confidence: float
    background: bool
    actors: list[ActorRefRecord]
    recipients: list[ActorRefRecord]
    facilitators: list[ActorRefRecord]
    date: str | None
    date_precision: DatePrecision
    date_text: str | None
    location: PlaceRecord | None
    killed: int | None
    injured: int | None
    size: int | None
    words: list[str]
    venues: list[Venue]
    support: NotRequired[Support]  # "direct" when absent
    anaphor: NotRequired[bool]  # "the summit": fused with the event it refers back to
    unanchored: NotRequired[bool]  # no participant or place of its own
    isolated: NotRequired[bool]  # "that arrest" with no antecedent in its article: joins none
    origin_event_id: NotRequired[str]  # an arrangement source: the event it was derived from
    arranging: NotRequired[list[str]]
    arranged: NotRequired[list[str]]


Value = TypeVar("Value")  # an attribute's value: a day, a place, a status, a number, ...


class PerSource(TypedDict, Generic[Value]):
    article_id: str
    source: str
    outlet: str | None
    event_id: str
    value: Value  # the attribute's value in this source


class Consensus(TypedDict, Generic[Value]):
    """One attribute of a fused event: the value most sources give, how many distinct sources
    back it, and every source's own value."""

    value: Value | None
    agreeing_sources: int
    per_source: list[PerSource[Value]]
    note: NotRequired[str]


StanceValue = Literal["agreed", "not agreed", "not confirmed"]


class Consensuses(TypedDict):
    """A fused event's consensus on each attribute its sources give."""

    date: Consensus[str]
    location: Consensus[PlaceRecord]
    status: Consensus[EventStatus]
    event_type: Consensus[str]
    mode: Consensus[str]
    killed: Consensus[int]
    injured: Consensus[int]
    size: Consensus[int]


class Stance(TypedDict):
    """A party's stance on a planned event (agreed, not confirmed, ...)."""

    value: StanceValue
    country: str
    actor_id: str | None
    name: str
    article_id: str
    outlet: str | None
    source: str
    sentence_index: int
    sentence: SpanRecord
    confidence: float | None


class Participant(TypedDict):
    """An actor or recipient of a fused event (over all its sources)."""

    actor_id: str | None
    name: str
    country: str | None
    sector: str | None


# A fused event none of whose sources is dated has the precision "unknown".
FusedDatePrecision = DatePrecision | Literal["unknown"]


class FusedEvent(TypedDict):
    """One real-world event as several sources report it (``fused_events.data``)."""

    id: str
    story_id: str
    family: str
    sources: list[Source]
    planned: bool
    stances: list[Stance]
    consensus: Consensuses
    event_type: str
    mode: str | None
    status: EventStatus
    date: str | None
    date_precision: FusedDatePrecision
    location: PlaceRecord | None
    killed: int | None
    injured: int | None
    size: int | None
    actors: list[Participant]
    recipients: list[Participant]
    n_sources: int
    n_outlets: int
    n_direct_outlets: int
    n_denials: int
    background: bool
    confidence: float | None
    first_reported: str | None
    label: str
    contradiction_ids: list[str]
    plan_links: NotRequired[list[str]]
    # reports parked on a planned event until the contact they corroborate is known
    arrangements: NotRequired[list[Source]]


class StoryActor(TypedDict):
    name: str
    n: int


class StoryData(TypedDict):
    """What clustering keeps of a story: its content-word centroid, actors and event types."""

    centroid: dict[str, float]
    actors: dict[str, StoryActor]
    types: dict[str, int]
    embedding: NotRequired[str | None]  # packed vector sum (heron.fuse.semantic); None without


class StoryRecord(TypedDict):
    """A story as fusion saves it: the ``stories`` row with its clustering data."""

    id: str
    label: str
    first_date: str | None
    last_date: str | None
    n_articles: int
    n_events: int
    n_contradictions: int
    data: StoryData


class Story(StoryRecord):
    """A story as the store loads it, with its outlets in order of first appearance."""

    outlets: list[str]


class ClaimSpeaker(TypedDict):
    actor_id: str
    name: str
    country: str | None
    sector: str | None


class ClaimSource(TypedDict):
    """One article's relay of a statement (``heron.fuse.claims.quote_source``)."""

    quote_id: str
    article_id: str
    outlet: str | None
    source: str
    published: str | None
    content: SpanRecord
    sentence: SpanRecord
    cue: SpanRecord | None
    direct: bool
    confidence: float
    channel: str | None
    via: str | None
    date: str | None
    words: list[str]
    numbers: list[str]


class Claim(TypedDict):
    """A statement of one speaker relayed by one or more sources (``claims.data``)."""

    id: str
    story_id: str
    speaker_id: str
    speaker: ClaimSpeaker
    sources: list[ClaimSource]
    text: str
    n_sources: int
    n_outlets: int
    first_reported: str | None
    contradiction_ids: list[str]


class Evidence(TypedDict):
    """A sentence backing one side of a contradiction."""

    article_id: str
    outlet: str | None
    source: str
    sentence: SpanRecord
    confidence: float | None


class Side(TypedDict):
    value: str | int  # what these sources say: a date, places, a status, a figure, ...
    sources: list[Evidence]


class Contradiction(TypedDict):
    """Where sources disagree about a fused event or a claim (``contradictions.data``)."""

    id: str
    story_id: str
    fused_event_id: str | None
    claim_id: str | None
    attribute: str
    description: str
    sides: list[Side]
    evidence: list[Evidence]  # the two sentences of two outlets that show it best
    rule: NotRequired[str]  # the check that found it


# -- what the read layer returns --------------------------------------------------------------
class PageRecord(TypedDict, Generic[Item]):
    """One page of a longer result: ``items`` from ``offset``, out of ``total``."""

    total: int
    limit: int
    offset: int
    items: list[Item]


# -- stories ---------------------------------------------------------------------------------
class StorySummary(TypedDict):
    id: str
    label: str
    first_date: str | None
    last_date: str | None
    outlets: list[str]  # in order of first appearance
    n_articles: int
    n_events: int
    n_contradictions: int


class StoryArticle(TypedDict):
    id: str
    title: str | None
    outlet: str | None
    published: str | None


class ActorCount(TypedDict):
    """A resolved actor and how often the story's articles mention it."""

    actor_id: str
    name: str | None
    country: str | None
    sector: str | None
    mentions: int


class StoryView(StorySummary):
    articles: list[StoryArticle]
    actors: list[ActorCount]


class StoryRow(StorySummary):
    """A row of ``heron export stories``."""

    articles: list[str]


# -- timeline and fused events ---------------------------------------------------------------
class FusedSummary(TypedDict):
    """A fused event as a timeline lists it. Counts are None only in records fused before they
    were kept."""

    id: str
    event_type: str
    mode: str | None
    date: str | None
    date_precision: FusedDatePrecision
    status: EventStatus
    planned: bool
    n_outlets: int
    n_sources: int
    label: str
    actors: list[Participant]
    recipients: list[Participant]
    location: PlaceRecord | None
    contradiction_ids: list[str]
    first_reported: str | None
    killed: int | None
    injured: int | None
    size: int | None
    n_denials: int | None
    n_direct_outlets: int | None
    background: bool
    plan_links: list[str]
    confidence: float
    quad_class: NotRequired[str | None]  # added by the web views


TimelineSection = Literal["current", "planned", "background"]


class TimelineItem(FusedSummary):
    section: TimelineSection
    hidden: bool  # left out of the analyst's timeline unless all items are asked for
    corroborated: bool


class TimelineSections(TypedDict):
    current: list[TimelineItem]
    planned: list[TimelineItem]
    background: list[TimelineItem]
    n_hidden: int


class SourceView(TypedDict):
    """A source mention of a fused event as readers see it (no fusion working fields)."""

    article_id: str
    outlet: str | None
    source: str
    event_id: str
    sentence: SpanRecord
    trigger: SpanRecord
    actors: list[ActorRefRecord]
    recipients: list[ActorRefRecord]
    date: str | None
    date_precision: DatePrecision | None
    status: EventStatus
    location: PlaceRecord | None
    mode: str | None
    killed: int | None
    injured: int | None
    size: int | None
    published: str | None
    facilitators: list[ActorRefRecord] | None  # None: fused before facilitators were kept
    support: Support


class FusedEventView(FusedSummary):
    story_id: str
    sources: list[SourceView]
    consensus: Consensuses
    stances: list[Stance]


# -- event mentions (PLOVER layout) ----------------------------------------------------------
class PloverActor(TypedDict):
    text: str
    code: str | None  # ISO-3 country (or IGO) code
    sector: str | None
    actor_id: str | None
    name: str
    start: int
    end: int


class EventPlace(TypedDict):
    """An event's location as the analysis stored it (``heron.model.Place``)."""

    start: int
    end: int
    text: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    kind: PlaceKind
    geonames_id: int | None
    sentence: int


class PloverEvent(TypedDict):
    """An event mention in PLOVER's JSON layout plus provenance (``heron export events``)."""

    id: str
    event_type: str
    mode: str
    context: list[str]
    status: EventStatus
    actor: list[PloverActor]
    recipient: list[PloverActor]
    facilitator: list[PloverActor]
    date: str | None
    date_end: str | None
    date_text: str | None
    date_precision: DatePrecision
    background: bool
    location: EventPlace | None
    killed: int | None
    injured: int | None
    size: int | None
    event_text: str
    trigger: SpanRecord
    sentence: SpanRecord
    quote_id: str | None
    quote_role: QuoteRole | None
    pattern: str
    confidence: float
    article_id: str


class EventRow(PloverEvent):
    quad_class: str | None  # verbal cooperation … material conflict


class DayStance(TypedDict):
    date: str
    cooperation: int
    conflict: int


# -- quotes ----------------------------------------------------------------------------------
class QuoteRecord(TypedDict):
    """A stored quote: ``heron.model.Quote`` as JSON (tests keep the two alike)."""

    id: str
    article_id: str
    sentence: int
    speaker: ActorRefRecord | None
    cue: SpanRecord | None
    content: SpanRecord
    direct: bool
    channel: str | None
    via: str | None
    date: str | None
    date_text: str | None
    content_spans: list[SpanRecord]
    event_ids: list[str]
    negated: bool
    confidence: float


class SpeakerQuotes(TypedDict):
    """The quotes of one speaker (``name`` "unattributed" when none was found)."""

    actor_id: str | None
    name: str
    quotes: list[QuoteRecord]


# -- actors ----------------------------------------------------------------------------------
class ActorRow(TypedDict):
    id: str
    name: str
    country: str | None
    sector: str | None
    kind: str
    kb_id: str | None


class ActorSummary(ActorRow):
    mentions: int


class SurfaceForm(TypedDict):
    text: str
    kind: str  # the mention kind (NER label, ROLE, PRON)
    n: int
    unsure: int  # links that were not confident


class CoActor(TypedDict):
    actor_id: str
    name: str | None
    country: str | None
    sector: str | None
    events: int


class ActorView(ActorRow):
    surface_forms: list[SurfaceForm]
    events_as_actor: list[EventRow]
    events_as_recipient: list[EventRow]
    n_events_as_actor: int
    n_events_as_recipient: int
    limit: int
    offset: int
    quotes: list[QuoteRecord]
    co_actors: list[CoActor]
    trend: list[DayStance]


class ActorExportRow(TypedDict):
    """A row of ``heron export actors``."""

    id: str
    name: str
    country: str | None
    sector: str | None
    kind: str
    kb_id: str  # "new" for actors found in the texts
    mentions: int
    surface_forms: dict[str, int]


# -- articles --------------------------------------------------------------------------------
class ArticleSummary(TypedDict):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    duplicate_of: str | None
    duplicate_kind: DuplicateKind | None
    analysed: int  # 1 once analysed


class SearchHit(TypedDict):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    rank: float  # lower is better


@dataclass
class ArticleView(Article):
    """An article with its analysis (None while pending): the model's own dataclasses, so
    the web API's schema is the document model's."""

    analysis: Analysis | None = None

    @classmethod
    def of(cls, article: Article, analysis: Analysis | None) -> "ArticleView":
        return cls(**{f.name: getattr(article, f.name) for f in fields(Article)},
                   analysis=analysis)
