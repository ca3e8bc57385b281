"""The columns of every export table: name, Arrow type and meaning, declared once.

CSV and Parquet exports write exactly these columns, in this order; docs/DATA_DICTIONARY.md is
generated from them (``scripts/write_data_dictionary.py``). Parquet gets the declared types:
lists and structs for nested values, ``date32`` for days, and the declared type for a column that
happens to be empty in one export (never Arrow's ``null`` type). CSV writes nested values as
JSON text and adds nothing else. JSONL keeps each record as the store and the API give it, so it
lacks the *derived* columns (flat codes and day bounds, computed here for analysts).

A few provenance records (a mention's resolution evidence, a fused event's per-source records
and consensus, a claim's sources) are free-form and change as fusion evolves; they are declared
``json``: a JSON text in every format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pyarrow as pa

from heron.fuse.dates import period_end

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: pa.DataType
    meaning: str
    # Computed from the row (CSV and Parquet only); None: the row's own value under ``name``.
    derive: Callable[[Row], Any] | None = None
    json: bool = False  # a free-form record, written as JSON text in every format


def _struct(**fields: pa.DataType) -> pa.DataType:
    return pa.struct(list(fields.items()))


STR, INT, FLOAT, BOOL, DAY = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.date32()
SPAN = _struct(start=INT, end=INT, text=STR)
# An event participant as the PLOVER layout writes it (events table).
PLOVER_ACTOR = _struct(text=STR, code=STR, sector=STR, actor_id=STR, name=STR, start=INT, end=INT)
# An event or quote participant as the model holds it (quotes, coded events).
ACTOR_REF = _struct(actor_id=STR, name=STR, country=STR, sector=STR, start=INT, end=INT, text=STR)
# A canonical participant of a fused event or claim (no span: it merges several mentions).
CANONICAL_ACTOR = _struct(actor_id=STR, name=STR, country=STR, sector=STR)
PLACE = _struct(start=INT, end=INT, text=STR, name=STR, country=STR, lat=FLOAT, lon=FLOAT, kind=STR,
                geonames_id=INT, sentence=INT)
FUSED_PLACE = _struct(name=STR, country=STR, kind=STR, lat=FLOAT, lon=FLOAT, text=STR, start=INT,
                      end=INT)
REMOVAL = _struct(start=INT, end=INT, text=STR, reason=STR)
EVIDENCE = _struct(article_id=STR, outlet=STR, source=STR, sentence=SPAN, confidence=FLOAT)
SIDE = _struct(value=STR, sources=pa.list_(EVIDENCE))


# ----------------------------------------------------------------------------- derived values


def days_covered(value: str | None) -> tuple[date | None, date | None]:
    """First and last calendar day of an ISO value: a day, month, year, ISO week ("2025-W34"),
    quarter ("2025-Q3") or range ("A/B"); (None, None) for values naming no calendar period
    (seasons, decades, durations, "")."""
    if not value:
        return None, None
    if "/" in value:
        start, _, end = value.partition("/")
        return days_covered(start)[0], days_covered(end)[1]
    try:
        if len(value) == 8 and value[4:6] == "-W":
            year, week = int(value[:4]), int(value[6:])
            return date.fromisocalendar(year, week, 1), date.fromisocalendar(year, week, 7)
        if len(value) == 7 and value[4:6] == "-Q":
            year, quarter = int(value[:4]), int(value[6])
            first = date(year, 3 * quarter - 2, 1)
            return first, period_end(f"{year}-{3 * quarter:02d}")
        last = period_end(value)  # a day, month or year value; None for anything else
        if last is None:
            return None, None
        return date(int(value[:4]), int(value[5:7] or 1), int(value[8:10] or 1)), last
    except ValueError:
        return None, None


def _first_day(key: str) -> Callable[[Row], date | None]:
    return lambda row: days_covered(row.get(key))[0]


def _last_day(*keys: str) -> Callable[[Row], date | None]:
    """The last day of the first of ``keys`` the row has a value for (an end date, else the date)."""
    return lambda row: days_covered(next((row[k] for k in keys if row.get(k)), None))[1]


def _joined(key: str, field: str) -> Callable[[Row], str | None]:
    """One field of every participant in ``key``, in order, joined by ";" (positions line up
    across the columns of one list: the second code belongs to the second name)."""
    def join(row: Row) -> str | None:
        refs = row.get(key) or []
        return ";".join(r.get(field) or "" for r in refs) if refs else None
    return join


def _field(key: str, field: str) -> Callable[[Row], Any]:
    return lambda row: (row.get(key) or {}).get(field)


def _flat_participants(key: str, prefix: str, code_field: str, what: str) -> list[Column]:
    return [
        Column(f"{prefix}_name", STR, f"names of the {what}, ';'-separated, in list order",
               _joined(key, "name")),
        Column(f"{prefix}_code", STR, "their country or organisation codes (ISO-3 or an IGO code "
               "such as NATO), ';'-separated, empty where unknown", _joined(key, code_field)),
        Column(f"{prefix}_sector", STR, "their PLOVER sectors (GOV, MIL, ...), ';'-separated, "
               "empty where unknown", _joined(key, "sector")),
    ]


def _flat_location(key: str) -> list[Column]:
    return [
        Column("location_name", STR, "gazetteer name of the location", _field(key, "name")),
        Column("location_country", STR, "ISO-3 country of the location", _field(key, "country")),
        Column("location_lat", FLOAT, "latitude of the location", _field(key, "lat")),
        Column("location_lon", FLOAT, "longitude of the location", _field(key, "lon")),
    ]


def _day_bounds(date_key: str, *end_keys: str) -> list[Column]:
    return [
        Column("first_day", DAY, f"first calendar day `{date_key}` covers (a month's first day, "
               "a week's Monday); empty for seasons, decades and undated", _first_day(date_key)),
        Column("last_day", DAY, f"last calendar day `{date_key}` covers"
               + (f" (of `{end_keys[0]}` when set)" if end_keys else ""),
               _last_day(*end_keys, date_key)),
    ]


def _sides_as_text(row: Row) -> list[Row]:
    # A side's value is a name, a status or a number (casualty figures): text in one column.
    return [{**side, "value": str(side["value"])} for side in row.get("sides") or []]


# ----------------------------------------------------------------------------- the tables

_CONFIDENCE = "calibrated probability that the record is right (0-1)"
_DATE_VALUE = ("when it happened, an ISO value at its precision: 2025-08-19, 2025-08, 2025-W34, "
               "2025-Q3, 2025")
_PRECISION = ("precision of `date`: day, week, month, quarter, season, year, decade, range, or "
              "reported (dated by the article's publication date)")
_STATUS = "asserted | negated | hypothetical | future | claimed"
_MODE = "PLOVER mode of the event type (e.g. 'firearms' for ASSAULT); empty when none"

ARTICLES = [
    Column("id", STR, "article id"),
    Column("title", STR, "headline"),
    Column("published", DAY, "publication date"),
    Column("published_source", STR, "where the publication date came from: metadata | dateline | "
           "html | cli (empty: unknown)"),
    Column("outlet", STR, "publishing outlet"),
    Column("url", STR, "address of the article"),
    Column("author", STR, "byline author"),
    Column("source", STR, "file (and line) the article was read from"),
    Column("duplicate_of", STR, "id of the article this one duplicates"),
    Column("duplicate_kind", STR, "exact | near"),
    Column("text", STR, "cleaned text; every offset in other tables points into it"),
    Column("removed", pa.list_(REMOVAL), "page furniture removed from the raw text, with offsets "
           "into the raw text and the reason"),
]

ACTORS = [
    Column("id", STR, "canonical actor id (KB id, 'ISO3:SECTOR', 'new:...', or "
           "'role:<article id>:<n>' for a document-local actor)"),
    Column("name", STR, "canonical name"),
    Column("country", STR, "ISO-3 country or IGO code"),
    Column("sector", STR, "PLOVER sector"),
    Column("kind", STR, "person | organization | country | igo | group | role (document-local: "
           "an unnamed person or group of one article, 'a police spokesman', 'analysts'; "
           "docs/QUOTES.md)"),
    Column("kb_id", STR, "knowledge-base id, or 'new' for an actor found only in the texts"),
    Column("mentions", INT, "number of mentions resolved to the actor"),
    Column("surface_forms", pa.map_(STR, INT), "every text the actor was named by, with its count"),
]

MENTIONS = [
    Column("id", STR, "mention id"),
    Column("article_id", STR, "article the mention is in"),
    Column("start", INT, "start offset in the article text"),
    Column("end", INT, "end offset in the article text"),
    Column("text", STR, "the mention's text"),
    Column("kind", STR, "NER label (PERSON, ORG, GPE, NORP, ...) or ROLE / PRON"),
    Column("sentence", INT, "index of the sentence in the article"),
    Column("actor_id", STR, "canonical actor the mention resolves to (empty: unresolved)"),
    Column("name", STR, "canonical name of that actor"),
    Column("country", STR, "ISO-3 country or IGO code of the actor"),
    Column("sector", STR, "PLOVER sector of the actor"),
    Column("score", FLOAT, "resolution score"),
    Column("confident", BOOL, "false marks a low-confidence link"),
    Column("evidence", STR, "method, candidates and features behind the resolution",
           json=True),
]

EVENTS = [
    Column("id", STR, "event id"),
    Column("event_type", STR, "PLOVER event type (AGREE, CONSULT, ASSAULT, ...)"),
    Column("mode", STR, _MODE),
    Column("context", pa.list_(STR), "PLOVER contexts of the sentence"),
    Column("status", STR, _STATUS),
    Column("actor", pa.list_(PLOVER_ACTOR), "who acted: text span, code (country/IGO), sector, "
           "canonical actor id and name"),
    Column("recipient", pa.list_(PLOVER_ACTOR), "whom it was done to (same fields as actor)"),
    Column("facilitator", pa.list_(PLOVER_ACTOR), "who arranged or mediated it (not a participant)"),
    Column("date", STR, _DATE_VALUE),
    Column("date_end", STR, "end of a date range"),
    Column("date_text", STR, "the time expression the date comes from"),
    Column("date_precision", STR, _PRECISION),
    Column("background", BOOL, "an act long before the article, not one of the story's current events"),
    Column("location", PLACE, "where it happened: span, gazetteer name, country, coordinates, kind"),
    Column("killed", INT, "people killed"),
    Column("injured", INT, "people injured"),
    Column("size", INT, "crowd or force size"),
    Column("event_text", STR, "the trigger word(s)"),
    Column("trigger", SPAN, "the trigger's span"),
    Column("sentence", SPAN, "the sentence's span"),
    Column("quote_id", STR, "the quote this event shares spans with"),
    Column("quote_role", STR, "statement (the trigger is the quote's cue) | content (it lies in "
           "what was said)"),
    Column("pattern", STR, "the rule and features that fired: explains the decision"),
    Column("confidence", FLOAT, _CONFIDENCE),
    Column("article_id", STR, "article the event is in"),
    *_flat_participants("actor", "actor", "code", "actors"),
    *_flat_participants("recipient", "recipient", "code", "recipients"),
    *_flat_location("location"),
    *_day_bounds("date", "date_end"),
]

# `heron code`: one event per line as the model holds it, with the input record's id.
CODED_EVENTS = [
    Column("id", STR, "id of the input record"),
    Column("event_id", STR, "event id"),
    Column("article_id", STR, "id given to the input text"),
    Column("sentence", INT, "index of the sentence in the text"),
    Column("sentence_span", SPAN, "the sentence's span"),
    Column("event_type", STR, "PLOVER event type"),
    Column("mode", STR, _MODE),
    Column("context", pa.list_(STR), "PLOVER contexts of the sentence"),
    Column("actors", pa.list_(ACTOR_REF), "who acted: canonical id, name, country, sector, span"),
    Column("recipients", pa.list_(ACTOR_REF), "whom it was done to"),
    Column("trigger", SPAN, "the trigger's span"),
    Column("pattern", STR, "the rule and features that fired"),
    Column("confidence", FLOAT, _CONFIDENCE),
    Column("status", STR, _STATUS),
    Column("date", STR, _DATE_VALUE),
    Column("date_end", STR, "end of a date range"),
    Column("date_text", STR, "the time expression the date comes from"),
    Column("date_precision", STR, _PRECISION),
    Column("location", PLACE, "where it happened"),
    Column("killed", INT, "people killed"),
    Column("injured", INT, "people injured"),
    Column("size", INT, "crowd or force size"),
    Column("facilitators", pa.list_(ACTOR_REF), "who arranged or mediated it"),
    Column("quote_id", STR, "the quote this event shares spans with"),
    Column("quote_role", STR, "statement | content"),
    Column("background", BOOL, "an act long before the text"),
    Column("main", BOOL, "the sentence's main event (one per sentence; see docs/EVENTS.md)"),
    *_flat_participants("actors", "actor", "country", "actors"),
    *_flat_participants("recipients", "recipient", "country", "recipients"),
    *_flat_location("location"),
    *_day_bounds("date", "date_end"),
]

QUOTES = [
    Column("id", STR, "quote id"),
    Column("article_id", STR, "article the quote is in"),
    Column("sentence", INT, "index of the sentence in the article"),
    Column("speaker", ACTOR_REF, "who said it (empty: unattributed)"),
    Column("cue", SPAN, "the attribution verb or phrase ('said', 'according to')"),
    Column("content", SPAN, "what was said"),
    Column("direct", BOOL, "quoted verbatim (in quotation marks)"),
    Column("channel", STR, "platform or broadcaster (Telegram, X, CNN)"),
    Column("via", STR, "agency or publication relaying it"),
    Column("date", STR, "when it was said, an ISO value at its precision"),
    Column("date_text", STR, "the time expression the date comes from"),
    Column("content_spans", pa.list_(SPAN), "parts of a quote split by its cue"),
    Column("event_ids", pa.list_(STR), "events the statement is or reports"),
    Column("negated", BOOL, "the speaker did NOT say it ('declined to comment')"),
    Column("confidence", FLOAT, _CONFIDENCE),
    Column("speaker_name", STR, "the speaker's canonical name", _field("speaker", "name")),
    Column("speaker_code", STR, "the speaker's country or IGO code", _field("speaker", "country")),
    Column("speaker_sector", STR, "the speaker's PLOVER sector", _field("speaker", "sector")),
    *_day_bounds("date"),
]

TIMEXES = [
    Column("article_id", STR, "article the expression is in"),
    Column("start", INT, "start offset"),
    Column("end", INT, "end offset"),
    Column("text", STR, "the expression"),
    Column("value", STR, "ISO value: 2025-08-15, 2025-08, 2025-W34, 2025-Q3, 2025, P3Y, range "
           "'A/B'; empty when unresolved"),
    Column("precision", STR, "day | week | month | quarter | season | year | decade | range | "
           "time | duration | vague | unresolved"),
    Column("type", STR, "DATE | TIME | DURATION | SET"),
    Column("sentence", INT, "index of the sentence in the article"),
    *_day_bounds("value"),
]

PLACES = [
    Column("start", INT, "start offset"),
    Column("end", INT, "end offset"),
    Column("text", STR, "the place's text"),
    Column("name", STR, "gazetteer name"),
    Column("country", STR, "ISO-3 country"),
    Column("lat", FLOAT, "latitude"),
    Column("lon", FLOAT, "longitude"),
    Column("kind", STR, "city | admin1 | region | country | unresolved (no gazetteer match)"),
    Column("geonames_id", INT, "GeoNames id"),
    Column("sentence", INT, "index of the sentence in the article"),
    Column("article_id", STR, "article the place is in"),
]

STORIES = [
    Column("id", STR, "story id"),
    Column("label", STR, "short description: main actors, event type, key words"),
    Column("first_date", DAY, "earliest article date"),
    Column("last_date", DAY, "latest article date"),
    Column("outlets", pa.list_(STR), "outlets (or sources) reporting the story"),
    Column("n_articles", INT, "number of articles"),
    Column("n_events", INT, "number of fused events"),
    Column("n_contradictions", INT, "number of contradictions"),
    Column("articles", pa.list_(STR), "ids of its articles"),
]

FUSED_EVENTS = [
    Column("id", STR, "fused event id"),
    Column("story_id", STR, "story it belongs to"),
    Column("family", STR, "event family the merge rules use (contact, ...)"),
    Column("sources", STR, "every event mention fused here, with its article, sentence and "
           "attributes", json=True),
    Column("planned", BOOL, "still to come (announced, scheduled)"),
    Column("stances", STR, "statements for or against a planned event", json=True),
    Column("consensus", STR, "per attribute, the agreed value, how many sources agree, "
           "and each source's value", json=True),
    Column("event_type", STR, "agreed PLOVER event type"),
    Column("mode", STR, "agreed PLOVER mode"),
    Column("status", STR, "agreed status: " + _STATUS),
    Column("date", STR, "agreed date, an ISO value at its precision"),
    Column("date_precision", STR, _PRECISION),
    Column("location", FUSED_PLACE, "agreed location"),
    Column("killed", INT, "agreed number killed"),
    Column("injured", INT, "agreed number injured"),
    Column("size", INT, "agreed crowd or force size"),
    Column("actors", pa.list_(CANONICAL_ACTOR), "participants acting"),
    Column("recipients", pa.list_(CANONICAL_ACTOR), "participants acted upon"),
    Column("n_sources", INT, "sentences reporting it (denials aside)"),
    Column("n_outlets", INT, "outlets reporting it (denials aside)"),
    Column("n_direct_outlets", INT, "outlets stating its attributes themselves"),
    Column("n_denials", INT, "sentences denying it"),
    Column("background", BOOL, "every mention is background"),
    Column("confidence", FLOAT, "highest confidence of its reporting mentions"),
    Column("first_reported", DAY, "earliest publication date of its sources"),
    Column("label", STR, "one-line description"),
    Column("contradiction_ids", pa.list_(STR), "contradictions about it"),
    Column("plan_links", pa.list_(STR), "fused events that are the plan (or the outcome) of this one"),
    *_flat_participants("actors", "actor", "country", "actors"),
    *_flat_participants("recipients", "recipient", "country", "recipients"),
    *_flat_location("location"),
    *_day_bounds("date"),
]

CLAIMS = [
    Column("id", STR, "claim id"),
    Column("story_id", STR, "story it belongs to"),
    Column("speaker_id", STR, "canonical actor id of the speaker"),
    Column("speaker", CANONICAL_ACTOR, "the speaker"),
    Column("sources", STR, "every quote making the claim, with article, spans and setting",
           json=True),
    Column("text", STR, "the claim's content"),
    Column("n_sources", INT, "quotes making it"),
    Column("n_outlets", INT, "outlets reporting it"),
    Column("first_reported", DAY, "earliest publication date of its sources"),
    Column("contradiction_ids", pa.list_(STR), "contradictions about it"),
    Column("speaker_name", STR, "the speaker's canonical name", _field("speaker", "name")),
    Column("speaker_code", STR, "the speaker's country or IGO code", _field("speaker", "country")),
    Column("speaker_sector", STR, "the speaker's PLOVER sector", _field("speaker", "sector")),
]

CONTRADICTIONS = [
    Column("id", STR, "contradiction id"),
    Column("story_id", STR, "story it belongs to"),
    Column("fused_event_id", STR, "fused event it is about (or empty)"),
    Column("claim_id", STR, "claim it is about (or empty)"),
    Column("attribute", STR, "what the sources disagree on (date, place, venue, status, killed, "
           "numbers, ...)"),
    Column("description", STR, "one-line description"),
    Column("sides", pa.list_(SIDE), "each value given (as text) and the sources giving it",
           _sides_as_text),
    Column("evidence", pa.list_(EVIDENCE), "one source of each of the two strongest sides"),
    Column("rule", STR, "the check that found it"),
]

EXPORT_SCHEMAS: dict[str, list[Column]] = {
    "articles": ARTICLES, "actors": ACTORS, "mentions": MENTIONS, "events": EVENTS,
    "quotes": QUOTES, "timexes": TIMEXES, "places": PLACES, "stories": STORIES,
    "fused_events": FUSED_EVENTS, "claims": CLAIMS, "contradictions": CONTRADICTIONS,
    "coded_events": CODED_EVENTS,
}


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([pa.field(c.name, c.type) for c in EXPORT_SCHEMAS[table]])


def type_name(data_type: pa.DataType) -> str:
    """Arrow type as the data dictionary writes it: list<struct<start: int64, ...>>."""
    return str(data_type).replace("list<item: ", "list<").replace("<entries: ", "<")


TABLE_NOTES = {
    "coded_events": "`heron code` output: one event per line as the model holds it (not the "
                    "PLOVER layout of `events`), carrying the input record's `id`.",
    "quotes": "Also the layout of `heron quotes --format csv|parquet|jsonl`.",
}


def data_dictionary() -> str:
    """docs/DATA_DICTIONARY.md: every column of every export table."""
    lines = [
        "# Data dictionary",
        "",
        "Every column of every table `heron export TABLE` writes (and of `heron code` and "
        "`heron quotes` output). Generated from `src/heron/export/schema.py` by "
        "`scripts/write_data_dictionary.py`; a test keeps the two identical.",
        "",
        "- **Parquet** has exactly these columns with these Arrow types: lists and structs load as "
        "lists and structs in pandas, polars and DuckDB; `date32` columns are dates; a column "
        "empty in one export keeps its type.",
        "- **CSV** has the same columns; lists and structs are JSON text, dates ISO `YYYY-MM-DD`.",
        "- **JSONL** writes each record as stored; it lacks the columns marked *derived* "
        "(flat participant codes, location fields and day bounds, computed for CSV and Parquet).",
        "- Columns typed `string` and marked *JSON* hold a free-form provenance record as JSON "
        "text in every format.",
        "- Spans (`start`, `end`, `text`) are character offsets into the article's cleaned `text`.",
    ]
    for table, columns in EXPORT_SCHEMAS.items():
        lines += ["", f"## {table}", ""]
        if table in TABLE_NOTES:
            lines += [TABLE_NOTES[table], ""]
        lines += ["| column | type | meaning |", "|---|---|---|"]
        for c in columns:
            marks = [m for m, on in (("*derived*", c.derive is not None), ("*JSON*", c.json)) if on]
            meaning = " ".join([*marks, c.meaning]).replace("|", "\\|")
            lines.append(f"| `{c.name}` | `{type_name(c.type)}` | {meaning} |")
    return "\n".join(lines) + "\n"
