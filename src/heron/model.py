"""Heron's typed document model: the plain records that flow between pipeline stages.

Every stage (ingest → nlp → store → fuse → web/export) reads and writes these records.
They are plain dataclasses of JSON-friendly values so that batches can be pickled to
worker processes, written to any database, and exported without conversion code.
All character offsets are Python ``str`` indices into ``Article.text`` (the cleaned text),
so every extracted field points back to the characters it came from.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Literal, TypeGuard, get_args

# The closed vocabularies of the records' string fields. Values are plain strings (records stay
# JSON-friendly and old databases load unchanged); the types let a checker catch a misspelt value.
EventStatus = Literal["asserted", "negated", "hypothetical", "future", "claimed"]
TimexPrecision = Literal["day", "week", "month", "quarter", "season", "year", "decade", "range",
                         "time", "duration", "vague", "unresolved"]
# An event's date precision: its time expression's, or "reported" when the publication date dates
# it ("published-fallback" in databases written before 2026-12).
DatePrecision = Literal[TimexPrecision, "reported", "published-fallback"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
PlaceKind = Literal["city", "admin1", "region", "country", "unresolved"]  # unresolved: no gazetteer match
# "role": a document-local actor, an unnamed person or group one article describes ("a police
# spokesman", "analysts"); see ``LOCAL_ACTOR_PREFIX``.
ActorKind = Literal["person", "organization", "country", "igo", "group", "role"]
# Where the publication date came from; "" unknown ("inferred": databases before 2026-11).
PublishedSource = Literal["metadata", "dateline", "html", "cli", "", "inferred"]
DuplicateKind = Literal["exact", "near"]
QuoteRole = Literal["statement", "content"]  # the event's trigger is the quote's cue / in its content

TIMEX_PRECISIONS = frozenset(get_args(TimexPrecision))


def is_timex_precision(value: str) -> TypeGuard[TimexPrecision]:
    """Whether ``value`` is a time expression precision (narrows a plain string for a checker)."""
    return value in TIMEX_PRECISIONS


@dataclass(slots=True)
class Span:
    """A character range of the cleaned article text, with the text it covers."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Removal:
    """A piece of page furniture removed from the raw text, and why."""

    start: int  # offsets into Article.raw_text
    end: int
    text: str
    reason: str


@dataclass(slots=True)
class Article:
    """One ingested news article."""

    id: str
    text: str  # cleaned text: what the NLP stages analyse
    raw_text: str
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    published_source: PublishedSource = ""
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    source: str = ""  # path[:line] the article came from
    removed: list[Removal] = field(default_factory=list)
    content_hash: str = ""
    simhash: int = 0
    duplicate_of: str | None = None
    duplicate_kind: DuplicateKind | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Mention:
    """A reference to an actor in the text, resolved (or not) to a canonical actor."""

    id: str
    article_id: str
    start: int
    end: int
    text: str
    kind: str  # NER label (PERSON, ORG, GPE, NORP, ...) or ROLE / PRON
    sentence: int  # index of the sentence in the article
    actor_id: str | None = None  # canonical actor id; None when unresolved
    name: str | None = None  # canonical name of the actor
    country: str | None = None  # ISO-3 (or IGO code such as NATO)
    sector: str | None = None  # PLOVER sector code (GOV, MIL, ...)
    score: float = 0.0
    confident: bool = False  # False marks a low-confidence link, never silently forced
    evidence: dict[str, Any] = field(default_factory=dict)  # features behind the decision

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Actor:
    """A canonical actor: a KB entry or a new actor discovered in the corpus."""

    id: str
    name: str
    country: str | None
    sector: str | None
    kind: ActorKind
    kb_id: str | None = None  # None for actors not in the knowledge base ("new")
    surface_forms: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Timex:
    """A normalised time expression."""

    article_id: str
    start: int
    end: int
    text: str
    value: str  # ISO: 2025-08-15, 2025-08, 2025-W34, 2025-Q3, 2025, P3Y, range "A/B"; "" if unresolved
    precision: TimexPrecision
    type: TimexType = "DATE"
    sentence: int = -1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Place:
    """A place mention resolved against the bundled gazetteer."""

    start: int
    end: int
    text: str
    name: str
    country: str | None  # ISO-3
    lat: float | None = None
    lon: float | None = None
    kind: PlaceKind = "city"
    geonames_id: int | None = None
    sentence: int = -1


# Date precision of an event dated by its article's publication date: a current report whose
# clause has no time expression of its own. Databases written before 2026-12 say
# "published-fallback" (see OLD_REPORTED).
REPORTED: DatePrecision = "reported"
OLD_REPORTED: DatePrecision = "published-fallback"


@dataclass(slots=True)
class ActorRef:
    """An actor taking part in an event, with the span it was named by."""

    actor_id: str | None
    name: str
    country: str | None
    sector: str | None
    start: int
    end: int
    text: str


# Ids of document-local actors: ``role:<article id>:<n>``. Such an actor is one unnamed person or
# group within one article ("a police spokesman … the spokesman … he"); it links that article's
# mentions and quote speakers and means nothing in any other article, so events, fusion and the
# actor lists leave it out (docs/QUOTES.md, "Unnamed speakers").
LOCAL_ACTOR_PREFIX = "role:"
LOCAL_ACTOR_KIND: ActorKind = "role"


def is_local_actor(actor_id: str | None) -> bool:
    """Whether ``actor_id`` names a document-local actor (an unnamed role of one article)."""
    return actor_id is not None and actor_id.startswith(LOCAL_ACTOR_PREFIX)


def local_actor_id(article_id: str, number: int) -> str:
    """The id of the ``number``-th document-local actor of an article (stable per analysis)."""
    return f"{LOCAL_ACTOR_PREFIX}{article_id}:{number}"


def real_world_ref(ref: ActorRef) -> ActorRef:
    """``ref`` as participants of events see it: a document-local actor is no actor there (its
    name, country and sector stay), so event coding and cross-article fusion are unchanged."""
    return replace(ref, actor_id=None) if is_local_actor(ref.actor_id) else ref


def real_world_mention(mention: Mention) -> Mention:
    """``mention`` as events see it: without its document-local actor (see :func:`real_world_ref`)."""
    return replace(mention, actor_id=None) if is_local_actor(mention.actor_id) else mention


def actor_ref(mention: Mention) -> ActorRef:
    """The event/quote participant record for a resolved (or unresolved) mention."""
    return ActorRef(
        actor_id=mention.actor_id,
        name=mention.name or mention.text,
        country=mention.country,
        sector=mention.sector,
        start=mention.start,
        end=mention.end,
        text=mention.text,
    )


@dataclass(slots=True)
class Event:
    """One PLOVER event mention found in one sentence."""

    id: str
    article_id: str
    sentence: int
    sentence_span: Span
    event_type: str
    mode: str | None
    context: list[str]
    actors: list[ActorRef]
    recipients: list[ActorRef]
    trigger: Span
    pattern: str  # the rule/feature that fired: explains the decision
    confidence: float
    status: EventStatus
    date: str | None = None
    date_end: str | None = None
    date_text: str | None = None
    date_precision: DatePrecision = REPORTED
    location: Place | None = None
    killed: int | None = None
    injured: int | None = None
    size: int | None = None
    # Who arranged, brokered or mediated a contact between others (not a participant).
    facilitators: list[ActorRef] = field(default_factory=list)
    # The quote this event shares its spans with: its cue ("statement") or its content.
    quote_id: str | None = None
    quote_role: QuoteRole | None = None
    # A mention of an act long before the article (dated in its own clause, over a month before
    # publication): kept, but not one of the story's current events.
    background: bool = False
    # The sentence's main event (one per sentence): its main clause's, not a background,
    # subordinate or reported one; what sentence-level coding keeps (see nlp/events/prominence).
    main: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Quote:
    """An attribution: who said what, through which channel, relayed by whom."""

    id: str
    article_id: str
    sentence: int
    speaker: ActorRef | None
    cue: Span | None
    content: Span
    direct: bool
    channel: str | None = None
    via: str | None = None
    date: str | None = None
    date_text: str | None = None
    content_spans: list[Span] = field(default_factory=list)  # parts of a quote split by its cue
    event_ids: list[str] = field(default_factory=list)  # events the statement is or reports
    # The cue is negated ("has not confirmed such a possibility", "declined to comment"): the
    # speaker did NOT say the content; kept because a non-statement is news too.
    negated: bool = False
    # How likely this is an attribution (the learned cue model; 1.0 when rules alone found it).
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Analysis:
    """Everything the NLP stage found in one article; stored atomically."""

    article_id: str
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)  # canonical actors the mentions resolve to
    timexes: list[Timex] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_UNCOPIED = (str, int, float, bool, type(None))  # values ``asdict`` copies to themselves
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """What ``dataclasses.asdict`` gives for a record (dataclasses as dicts, lists and dicts
    rebuilt, other values deep-copied), without its per-value copy and field lookups: every
    analysis is converted once in the analysing process and again by the writer, where
    ``asdict`` was a hot spot."""
    kind = type(value)
    if kind in _UNCOPIED:
        return value
    names = _FIELD_NAMES.get(kind)
    if names is None and hasattr(kind, "__dataclass_fields__"):  # what is_dataclass checks
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if kind is list:
        return [plain(item) for item in value]
    if kind is dict:
        return {plain(key): plain(item) for key, item in value.items()}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple, as asdict does
        return kind(*map(plain, value))
    if isinstance(value, list | tuple):
        return kind(map(plain, value))
    if isinstance(value, dict):
        return kind((plain(key), plain(item)) for key, item in value.items())
    return copy.deepcopy(value)
