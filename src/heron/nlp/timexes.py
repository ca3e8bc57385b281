"""Time expressions: find every date/time/duration in a document and normalise it.

Values follow TimeML/ISO conventions: ``2025-08-15`` (day), ``2025-W34`` (ISO week),
``2025-08`` (month), ``2025-Q3`` (quarter), ``2025-SU`` (season), ``2025`` (year), ``199``
(decade), ``2025-08-20/2025-09-03`` (a range: precision ``range``), ``P3Y`` (a DURATION),
``PAST_REF``/``PRESENT_REF``/``FUTURE_REF`` (precision ``vague``), ``T16:15`` (a clock time,
precision ``time``). Parts of a day ("Tuesday night", "this morning", "overnight") are typed
TIME but keep a plain date value so that they can date events.

Relative expressions are resolved against the publication date *and* the tense of the
governing verb: "on Monday" in a past-tense clause is the most recent Monday on or before
publication, in a future clause ("will meet on Monday") the next one; without a tense signal
(present tense, headlines, noun phrases) the nearest occurrence wins. Without a publication
date a relative expression keeps its text with value ``""`` and precision ``unresolved`` —
never today's date.

Detection is our own regular grammar (it gives exact spans and the parts we need for
normalisation) plus spaCy DATE/TIME entities for what the grammar does not cover; those are
kept as ``unresolved`` when they name a time unit. dateparser is not used: the grammar covers
the absolute formats found in news, and dateparser's relative handling ignores tense.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from heron.config import Settings, year_in_range
from heron.date_words import MONTH_ABBREVIATIONS, MONTHS, ORDINAL_WORDS, ORDINALS, WEEKDAYS
from heron.model import Timex, TimexType, is_timex_precision
from heron.nlp.context import DocContext

PAST, FUTURE, NEAREST = "past", "future", "nearest"
UNRESOLVED = "unresolved"
ANAPHOR = "anaphor-"  # precision marker of "the day"/"the year" until the document pass
# Sentences a past-tense narrative keeps its time frame over (see narrative_timex).
NARRATIVE_WINDOW = 3
# Precisions of values that are no calendar date or period: such timexes never date events.
UNDATED_PRECISIONS = frozenset({UNRESOLVED, "vague", "time"})

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "a single": 1, "two": 2, "a couple of": 2,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a hundred": 100, "a few": None, "several": None, "many": None, "some": None,
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# "the third quarter", "3rd quarter", "the final quarter".
QUARTER_ORDINALS = {word: number for word, number in ORDINALS.items() if number <= 4} | {"final": 4}
# Words that make a bare month name or year a date ("in May", "since 2004"), unlike the
# modal verb "may" or a count ("2000 troops").
DATE_PREPOSITIONS = frozenset(
    "in since until till by from to through before after during of between and or early mid "
    "late last next this around throughout into for on as".split())
# Governors of an infinitive that make it a plan, i.e. future ("is set to meet on Monday").
PLAN_VERBS = frozenset(
    "set expect schedule plan due intend aim hope want agree prepare promise pledge vow "
    "threaten propose decide go likely ready poised slate will".split())
FUTURE_AUX = frozenset({"will", "'ll", "ll", "shall", "wo", "would", "could", "might", "may",
                        "should", "must", "can", "ca"})
NAME_LABELS = frozenset({"EVENT", "WORK_OF_ART", "ORG", "FAC", "LAW", "PRODUCT"})
# Units whose presence makes an unparsed spaCy DATE/TIME entity a time expression.
TIME_WORDS = re.compile(
    r"\b(?:day|week|weekend|fortnight|month|year|decade|centur|quarter|season|morning|"
    r"afternoon|evening|night|hour|minute|era|period|time|spring|summer|autumn|winter)",
    re.IGNORECASE)

_MONTH_NAME = "|".join(MONTHS)
_MONTH_ANY = _MONTH_NAME + "|" + "|".join(MONTH_ABBREVIATIONS)
_WEEKDAY = "|".join(WEEKDAYS)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUM = (r"(?:\d+(?:\.\d+)?|(?:" + "|".join(_TENS) + r")(?:-(?:one|two|three|four|five|six|seven|"
        r"eight|nine))?|" + "|".join(sorted((k for k in NUMBER_WORDS if k not in _TENS),
                                           key=len, reverse=True)).replace(" ", r"\s+") + ")")
_UNIT = r"(?:minute|hour|day|night|week|fortnight|month|year|decade|century|centuries)s?"
_APPROX = (r"(?:nearly|almost|about|around|roughly|approximately|some|over|more\s+than|"
           r"less\s+than|at\s+least|up\s+to|just\s+over|just\s+under|under|barely|only)")
_EDGE = (r"(?:(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)\s+of\s+|"
         r"(?:earlier|later|early|late)\s+)")


@dataclass(frozen=True)
class Resolution:
    value: str
    precision: str  # a TimexPrecision, or an ANAPHOR marker until the document pass
    type: TimexType = "DATE"


@dataclass
class Situation:
    """What a rule needs to normalise one match: publication date, tense, local context."""

    published: date | None
    direction: str  # past | future | nearest
    previous_word: str
    in_entity: bool
    in_name: bool  # inside a named event/organisation ("Black Monday", "Super Tuesday")
    preceded_by_in: bool


def build(nlp: Language, settings: Settings) -> TimexFinder:
    return TimexFinder()


class TimexFinder:
    name = "timexes"

    def __call__(self, ctx: DocContext) -> None:
        for start, end, res in find_timexes(ctx.doc, ctx.published):
            # find_timexes has replaced every ANAPHOR marker by then.
            assert is_timex_precision(res.precision), res.precision
            ctx.analysis.timexes.append(Timex(
                article_id=ctx.article.id, start=start, end=end, text=ctx.text[start:end],
                value=res.value, precision=res.precision, type=res.type,
                sentence=ctx.sentence_index(start)))


def find_timexes(doc: Doc, published: date | None) -> list[tuple[int, int, Resolution]]:
    """Non-overlapping normalised time expressions of ``doc``, in text order."""
    text = doc.text
    entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents
                if e.label_ in ("DATE", "TIME")]
    names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in NAME_LABELS]
    found: list[tuple[int, int, Resolution]] = []
    lowered = _lowered(text)
    for rule in RULES:
        for match in _matches(rule, text, lowered):
            start, end = match.span()
            previous_word = _previous_word(text, start)
            situation = Situation(
                published=published,
                direction=_direction(doc, start, end),
                previous_word=previous_word,
                in_entity=any(s < end and start < e for s, e, _ in entities),
                in_name=any(s < end and start < e for s, e in names),
                preceded_by_in=previous_word == "in")
            resolution = _resolve(rule, match, situation)
            if resolution is not None:
                found.append((start, end, resolution))
    chosen = _longest_first(found)
    for start, end, label in entities:
        if not _overlaps(chosen, start, end) and TIME_WORDS.search(text, start, end):
            chosen.append((start, end, Resolution("", UNRESOLVED, "TIME" if label == "TIME" else "DATE")))
    resolved = _resolve_anaphora(sorted(chosen, key=lambda item: item[0]), published)
    return [(s, e, r if _in_range(r) else Resolution("", UNRESOLVED, r.type))
            for s, e, r in resolved]


def _matches(rule: Rule, text: str, lowered: str | None) -> list[re.Match]:
    """What ``rule.pattern.finditer(text)`` finds. Scanning case-insensitively costs about twice
    a case-sensitive scan (most of this stage's time), so the lower-case pattern scans the
    lower-cased text when that finds the same spans, and only its matches are matched again on
    the text itself (the rules read the original case)."""
    if lowered is None:
        return list(rule.pattern.finditer(text))
    matches = []
    for found in rule.lowered.finditer(lowered):
        match = rule.pattern.match(text, found.start())
        if match is None or match.end() != found.end():  # not expected (see _lowered): be safe
            return list(rule.pattern.finditer(text))
        matches.append(match)
    return matches


# Characters that re.IGNORECASE takes for an ASCII letter although lower-casing keeps them apart
# (dotless i, long s): a text holding one is scanned case-insensitively.
_IGNORECASE_ONLY_LETTERS = ("\u0131", "\u017f")


def _lowered(text: str) -> str | None:
    """``text`` lower-cased when the lower-case patterns find in it exactly the spans the
    case-insensitive patterns find in ``text`` (their letters are ASCII): when every character
    lower-cases to one character (not so "İ") and none is one of _IGNORECASE_ONLY_LETTERS."""
    lowered = text.lower()
    if len(lowered) != len(text) or any(c in lowered for c in _IGNORECASE_ONLY_LETTERS):
        return None
    return lowered


def _resolve(rule: Rule, match: re.Match, situation: Situation) -> Resolution | None:
    """The rule's resolution; a date the calendar cannot hold ("December 31, 9999" plus a
    week) is kept as text without a value."""
    try:
        return rule.resolve(match, situation)
    except (OverflowError, ValueError):
        return Resolution("", UNRESOLVED)


def _in_range(res: Resolution) -> bool:
    """Values of years outside MIN_YEAR..MAX_YEAR are kept as text only (see config)."""
    return all(year_in_range(part) for part in res.value.split("/"))


def _resolve_anaphora(timexes: list[tuple[int, int, Resolution]],
                      published: date | None) -> list[tuple[int, int, Resolution]]:
    """Give "the day" / "the year" the day / year last mentioned (else publication's): news
    uses them for the day of the story ("ending the day down 31 points"); "the same period
    last year" is the period last mentioned, a year earlier."""
    if published is None:
        return [(s, e, Resolution("", UNRESOLVED) if r.precision.startswith(ANAPHOR) else r)
                for s, e, r in timexes]
    last_day, last_year = published.isoformat(), _year_value(published.year)
    last_period, last_precision = last_year, "year"
    resolved = []
    for start, end, res in timexes:
        if res.precision == ANAPHOR + "day":
            res = Resolution(last_day, "day")
        elif res.precision == ANAPHOR + "year":
            res = Resolution(last_year, "year")
        elif res.precision == ANAPHOR + "year-before":
            # "sales rose in February compared with the same period last year" → 2009-02
            res = Resolution(_year_value(int(last_period[:4]) - 1) + last_period[4:],
                             last_precision)
        elif res.type != "DURATION" and re.match(r"\d{4}", res.value):
            last_year, last_period, last_precision = res.value[:4], res.value, res.precision
            if res.precision == "day":
                last_day = res.value
        resolved.append((start, end, res))
    return resolved


def _longest_first(found: list[tuple[int, int, Resolution]]) -> list[tuple[int, int, Resolution]]:
    chosen: list[tuple[int, int, Resolution]] = []
    for item in sorted(found, key=lambda i: (i[0] - i[1], i[0])):
        if not _overlaps(chosen, item[0], item[1]):
            chosen.append(item)
    return chosen


def _overlaps(chosen: list[tuple[int, int, Resolution]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e, _ in chosen)


def _previous_word(text: str, start: int) -> str:
    found = re.search(r"([\w']+)\W*$", text[max(0, start - 30):start])
    return found.group(1).lower() if found else ""


# --- tense ------------------------------------------------------------------------------------

def _direction(doc: Doc, start: int, end: int) -> str:
    """Past, future or nearest, from the verb governing the expression at [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return NEAREST
    verb = _governing_verb(span)
    if verb is None:
        return NEAREST
    tense = verb_tense(verb)
    # "has kept markets closed until Friday": a state lasting *until* a day reaches at least
    # to the reference time, so only a simple past ("stayed closed until Friday") means past.
    if tense == PAST and span[0].i > 0 and span[0].nbor(-1).lower_ in ("until", "till"):
        return PAST if verb.tag_ == "VBD" else NEAREST
    return tense


def _governing_verb(span: Span) -> Token | None:
    """The verb whose clause the expression modifies, if it modifies one directly."""
    token = span.root
    while token.pos_ not in ("VERB", "AUX"):
        if token.head.i == token.i:
            return None
        token = token.head
        # "A June 3 hearing has been scheduled": the tense belongs to the noun's clause,
        # not to the date, so it is no evidence either way.
        if token.pos_ in ("NOUN", "PROPN") and token not in span:
            return None
    return token


def verb_tense(verb: Token) -> str:
    """Past, future or nearest (no signal) for a verb token, looking at its auxiliaries and,
    for non-finite verbs, at the verb they depend on."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxiliaries}
    if words & FUTURE_AUX or (verb.lower_ in FUTURE_AUX and verb.tag_ == "MD"):
        return FUTURE
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return PAST
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxiliaries):
        return PAST
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
        return NEAREST
    governed = verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX", "ADJ")
    if "to" in words:
        if not governed:
            return NEAREST
        return FUTURE if verb.head.lemma_ in PLAN_VERBS else verb_tense(verb.head)
    # A bare participle reports something done: "plans announced in January".
    if verb.tag_ == "VBN":
        return PAST
    if governed and verb.dep_ in ("conj", "xcomp", "advcl", "acl", "ccomp"):
        return verb_tense(verb.head)
    return NEAREST


# --- calendar arithmetic ------------------------------------------------------------------------

def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def _shift(day: date, amount: int, unit: str) -> date:
    if unit in ("day", "night"):
        return day + timedelta(days=amount)
    if unit in ("week", "fortnight"):
        return day + timedelta(weeks=amount * (2 if unit == "fortnight" else 1))
    months = {"month": 1, "year": 12, "decade": 120, "century": 1200}[unit]
    return _add_months(day, amount * months)


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _cyclic_offset(current: int, target: int, period: int, direction: str,
                   strict: bool = False) -> int:
    """Signed steps from ``current`` to the occurrence of ``target`` in a cycle of ``period``
    (weekdays, months, quarters) chosen by tense: past → on/before, future → on/after,
    nearest → the closer one (ties go to the past, as news mostly reports what happened)."""
    back = (current - target) % period or (period if strict else 0)
    forward = (target - current) % period or (period if strict else 0)
    if direction == PAST:
        return -back
    if direction == FUTURE:
        return forward
    return forward if forward < back else -back


def _weekday(published: date, weekday: int, direction: str, strict: bool = False) -> date:
    return published + timedelta(days=_cyclic_offset(published.weekday(), weekday, 7, direction,
                                                      strict))


def _month(published: date, month: int, direction: str, strict: bool = False) -> str:
    shifted = _add_months(published.replace(day=1),
                          _cyclic_offset(published.month - 1, month - 1, 12, direction, strict))
    return f"{shifted.year}-{shifted.month:02d}"


def _month_day(published: date, month: int, day: int, direction: str) -> date | None:
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    if direction == PAST:
        earlier = [c for c in candidates if c <= published]
        return earlier[-1] if earlier else candidates[0]
    if direction == FUTURE:
        later = [c for c in candidates if c >= published]
        return later[0] if later else candidates[-1]
    return min(candidates, key=lambda c: (abs((c - published).days), c > published))


# --- parsing helpers ---------------------------------------------------------------------------

def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return MONTHS.index(name) + 1 if name in MONTHS else MONTH_ABBREVIATIONS[name]


def _number(word: str | None) -> float | None:
    if word is None:
        return 1
    word = re.sub(r"\s+", " ", word.lower())
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    if "-" in word:
        tens, ones = word.split("-", 1)
        tens_value, ones_value = NUMBER_WORDS[tens], NUMBER_WORDS[ones]
        # _NUM admits a hyphen only in "twenty-one" and the like: two words with a count.
        assert tens_value is not None and ones_value is not None, word
        return tens_value + ones_value
    return NUMBER_WORDS.get(word)


def _unit(word: str) -> str:
    word = word.lower()
    return "century" if word.startswith("centur") else word.rstrip("s")


def _capitalised(match: re.Match, group: str) -> bool:
    return match.group(group)[0].isupper()


def _day_value(day: date) -> str:
    return day.isoformat()


def _year_value(year: int) -> str:
    return f"{year:04d}"


def _needs_date_context(match: re.Match, situation: Situation, *groups: str) -> bool:
    """A bare month/year/decade counts only after a date preposition, with a modifier, or
    inside a spaCy DATE entity."""
    return (any(match.groupdict().get(g) for g in groups) or situation.in_entity
            or situation.previous_word in DATE_PREPOSITIONS)


# --- rules ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern  # case-insensitive
    resolve: Callable[[re.Match, Situation], Resolution | None]
    lowered: re.Pattern  # the same pattern in lower case, case-sensitive (see _matches)


def _rule(name: str, pattern: str) -> Callable:
    def register(resolve: Callable[[re.Match, Situation], Resolution | None]):
        RULES.append(Rule(name, re.compile(pattern, re.IGNORECASE), resolve,
                          re.compile(lower_case_pattern(pattern))))
        return resolve
    return register


_PATTERN_PIECE = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)|[A-Z]")


def lower_case_pattern(pattern: str) -> str:
    """``pattern`` with its letters in lower case, escapes (``\\D``, ``\\S``) and group names
    kept. Its letters must be ASCII, whose lower case is one letter re.IGNORECASE equates."""
    if not all(c.isascii() for c in pattern if c.isalpha()):
        raise ValueError(f"time expression pattern with a non-ASCII letter: {pattern!r}")
    return _PATTERN_PIECE.sub(lambda piece: piece[0].lower() if len(piece[0]) == 1 else piece[0],
                              pattern)


RULES: list[Rule] = []


@_rule("iso-date", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
def _iso_date(match: re.Match, situation: Situation) -> Resolution | None:
    try:
        day = date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    return Resolution(_day_value(day), "day")


@_rule("numeric-date", r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})\b")
def _numeric_date(match: re.Match, situation: Situation) -> Resolution | None:
    first, second, year = int(match["a"]), int(match["b"]), int(match["y"])
    if year < 100:
        year = int(_two_digit_year(year, situation.published))
    # US order (month/day) unless the first number cannot be a month.
    month, day = (second, first) if first > 12 else (first, second)
    try:
        return Resolution(_day_value(date(year, month, day)), "day")
    except ValueError:
        return None


@_rule("month-day", r"\b(?:" + _EDGE + r")?(?P<month>" + _MONTH_ANY + r")\.?\s+(?P<d>\d{1,2})"
       r"(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{4})\b)?")
def _month_day_rule(match: re.Match, situation: Situation) -> Resolution | None:
    return _calendar_day(match, situation)


@_rule("day-month", r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>" + _MONTH_ANY +
       r")\b\.?(?:,?\s+(?P<y>\d{4})\b)?")
def _day_month_rule(match: re.Match, situation: Situation) -> Resolution | None:
    return _calendar_day(match, situation)


def _calendar_day(match: re.Match, situation: Situation) -> Resolution | None:
    if not _capitalised(match, "month"):
        return None
    month, day = _month_number(match["month"]), int(match["d"])
    if match["y"]:
        try:
            return Resolution(_day_value(date(int(match["y"]), month, day)), "day")
        except ValueError:
            return None
    if situation.published is None:
        return Resolution("", UNRESOLVED)
    resolved = _month_day(situation.published, month, day, situation.direction)
    return Resolution(_day_value(resolved), "day") if resolved else None


@_rule("month-year", r"\b(?:" + _EDGE + r"|mid-)?(?P<month>" + _MONTH_NAME +
       r")\b,?\s+(?:of\s+)?(?:(?P<y>\d{4})\b|(?P<rel>last|this|next)\s+year\b)")
def _month_year(match: re.Match, situation: Situation) -> Resolution | None:
    if not _capitalised(match, "month"):
        return None
    month = _month_number(match["month"])
    if match["y"]:
        return Resolution(f"{match['y']}-{month:02d}", "month")
    if situation.published is None:
        return Resolution("", UNRESOLVED)
    year = situation.published.year + {"last": -1, "this": 0, "next": 1}[match["rel"].lower()]
    return Resolution(f"{year}-{month:02d}", "month")


@_rule("month", r"\b(?:(?P<rel>last|next|this)\s+|(?P<edge>" + _EDGE + r"|mid-))?(?P<month>" +
       _MONTH_NAME + r")\b")
def _bare_month(match: re.Match, situation: Situation) -> Resolution | None:
    if not _capitalised(match, "month") or not _needs_date_context(match, situation, "rel", "edge"):
        return None
    if situation.published is None:
        return Resolution("", UNRESOLVED)
    relation = (match["rel"] or "").lower()
    direction = {"last": PAST, "next": FUTURE}.get(relation, situation.direction)
    return Resolution(_month(situation.published, _month_number(match["month"]), direction,
                             strict=relation in ("last", "next")), "month")


@_rule("weekday", r"\b(?:(?P<rel>last|next|this|early|late|earlier|later)\s+)?(?P<wd>" + _WEEKDAY +
       r")\b(?:\s+(?P<part>morning|afternoon|evening|night))?")
def _weekday_rule(match: re.Match, situation: Situation) -> Resolution | None:
    if not _capitalised(match, "wd") or situation.in_name:
        return None
    kind: TimexType = "TIME" if match["part"] else "DATE"
    if situation.published is None:
        return Resolution("", UNRESOLVED, kind)
    relation = (match["rel"] or "").lower()
    direction = {"last": PAST, "next": FUTURE}.get(relation, situation.direction)
    day = _weekday(situation.published, WEEKDAYS.index(match["wd"].lower()), direction,
                   strict=relation in ("last", "next"))
    return Resolution(_day_value(day), "day", kind)


@_rule("day-word", r"\b(?:(?:earlier|later|early|late)\s+)?(?P<word>today|tonight|yesterday|"
       r"tomorrow|overnight|last\s+night|this\s+(?:morning|afternoon|evening))\b"
       r"(?:\s+(?P<part>morning|afternoon|evening|night))?")
def _day_word(match: re.Match, situation: Situation) -> Resolution | None:
    word = re.sub(r"\s+", " ", match["word"].lower())
    kind: TimexType = "TIME" if match["part"] or word not in ("today", "yesterday", "tomorrow") else "DATE"
    if situation.published is None:
        return Resolution("", UNRESOLVED, kind)
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    return Resolution(_day_value(situation.published + timedelta(days=offset)), "day", kind)


@_rule("relative-unit", r"\b" + _EDGE + r"?(?:the\s+)?(?P<rel>last|this|next|past|previous|coming|"
       r"current)\s+(?P<unit>week|weekend|month|year|quarter|decade)\b")
def _relative_unit(match: re.Match, situation: Situation) -> Resolution | None:
    if situation.published is None:
        return Resolution("", UNRESOLVED)
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(
        match["rel"].lower(), 0)
    return _period(situation.published, match["unit"].lower(), step)


def _period(published: date, unit: str, step: int) -> Resolution:
    """The calendar week/weekend/month/quarter/year/decade ``step`` units from publication."""
    if unit in ("week", "weekend"):
        week = _iso_week(published + timedelta(weeks=step))
        return Resolution(week + ("-WE" if unit == "weekend" else ""), "week")
    if unit == "month":
        shifted = _add_months(published.replace(day=1), step)
        return Resolution(f"{shifted.year}-{shifted.month:02d}", "month")
    if unit == "quarter":
        index = published.year * 4 + (published.month - 1) // 3 + step
        return Resolution(f"{index // 4}-Q{index % 4 + 1}", "quarter")
    if unit == "decade":
        return Resolution(str(published.year // 10 + step), "decade")
    return Resolution(_year_value(published.year + step), "year")


def _offset_date(published: date, amount: int, unit: str) -> Resolution:
    """A point ``amount`` units away from publication, at the precision the unit supports."""
    if unit in ("minute", "hour"):
        return Resolution(_day_value(published), "day")
    day = _shift(published, amount, unit)
    if unit in ("day", "night", "week", "fortnight"):
        return Resolution(_day_value(day), "day")
    if unit == "month":
        return Resolution(f"{day.year}-{day.month:02d}", "month")
    return Resolution(_year_value(day.year), "year")


@_rule("range", r"\b(?P<lead>within|(?:in|over|during|within)\s+the\s+(?:next|coming))\s+"
       r"(?:(?P<num>" + _NUM + r")\s+)?(?P<unit>" + _UNIT + r")\b")
def _range(match: re.Match, situation: Situation) -> Resolution | None:
    amount = _number(match["num"])
    if amount is None or match["num"] is None and match["unit"].lower().endswith("s"):
        return Resolution("FUTURE_REF", "vague")
    if situation.published is None:
        return Resolution("", UNRESOLVED)
    unit = _unit(match["unit"])
    # "within 48 hours" ends within a day or two: day resolution is all a range carries.
    days = amount / 24 if unit == "hour" else 0 if unit == "minute" else None
    end = (situation.published + timedelta(days=round(days)) if days is not None
           else _shift(situation.published, int(amount), unit))
    return Resolution(f"{situation.published.isoformat()}/{end.isoformat()}", "range")


# One rule for "three years", "nearly four years" and "two weeks ago": they share the costly
# number-and-unit core, which Python's regex engine would otherwise try twice at every word.
@_rule("duration", r"\b(?:(?:the\s+)?(?:past|last|next|previous|first|coming|following)\s+)?"
       r"(?:" + _APPROX + r"\s+)?(?:(?P<num>" + _NUM + r")[\s-]+(?P<unit>" + _UNIT +
       r")(?![\w-]*\s*old\b)(?!-\w)\b(?:\s+(?P<dir>ago|earlier|before)\b)?|"
       r"(?P<some>days|weeks|months|years|decades)\s+ago\b)")
def _duration(match: re.Match, situation: Situation) -> Resolution | None:
    if match["some"]:
        return Resolution("PAST_REF", "vague")
    amount = _number(match["num"])
    unit = _unit(match["unit"])
    if match["dir"] and match["dir"].lower() == "ago":
        if amount is None:
            return Resolution("PAST_REF", "vague")
        if situation.published is None:
            return Resolution("", UNRESOLVED)
        return _offset_date(situation.published, -int(amount), unit)
    # "will decide in two weeks": a point in the future, not a length of time. ("Three days
    # earlier/before" are relative to another event, so they stay durations.)
    if situation.preceded_by_in and situation.direction == FUTURE and amount is not None:
        if situation.published is None:
            return Resolution("", UNRESOLVED)
        return _offset_date(situation.published, int(amount), unit)
    return Resolution(_iso_duration(amount, unit), "duration", "DURATION")


def _iso_duration(amount: float | None, unit: str) -> str:
    count = "X" if amount is None else f"{amount:g}"
    if unit in ("minute", "hour"):
        return f"PT{count}{unit[0].upper()}"
    if amount is not None and unit in ("decade", "century", "fortnight"):
        scale = {"decade": 10, "century": 100, "fortnight": 2}[unit]
        return f"P{amount * scale:g}{'W' if unit == 'fortnight' else 'Y'}"
    letter = {"day": "D", "night": "D", "week": "W", "fortnight": "W", "month": "M"}.get(unit, "Y")
    return f"P{count}{'DE' if unit == 'decade' and amount is None else letter}"


@_rule("quarter", r"\b(?:the\s+)?(?P<ord>" + "|".join(QUARTER_ORDINALS) + r")[\s-]+"
       r"quarter\b(?:\s+of\s+(?:(?P<y>\d{4})\b|(?P<rel>this|last|next)\s+year\b))?")
def _quarter(match: re.Match, situation: Situation) -> Resolution | None:
    quarter = QUARTER_ORDINALS[match["ord"].lower()]
    if match["y"]:
        return Resolution(f"{match['y']}-Q{quarter}", "quarter")
    if situation.published is None:
        return Resolution("", UNRESOLVED)
    if match["rel"]:
        year = situation.published.year + {"last": -1, "this": 0, "next": 1}[match["rel"].lower()]
        return Resolution(f"{year}-Q{quarter}", "quarter")
    current = (situation.published.month - 1) // 3
    index = situation.published.year * 4 + current + _cyclic_offset(
        current, quarter - 1, 4, situation.direction)
    return Resolution(f"{index // 4}-Q{index % 4 + 1}", "quarter")


@_rule("season", r"\b(?:(?P<rel>last|this|next)\s+|(?P<edge>(?:early|late|mid)[\s-]+))?"
       r"(?P<season>spring|summer|autumn|fall|winter)\b(?:\s+(?:of\s+)?(?P<y>\d{4})\b)?")
def _season(match: re.Match, situation: Situation) -> Resolution | None:
    code = SEASONS[match["season"].lower()]
    if match["y"]:
        return Resolution(f"{match['y']}-{code}", "season")
    # "fall" is mostly a verb; other seasons need a date context too ("in summer").
    if code == "FA" and match["season"].lower() == "fall" and not match["rel"]:
        return None
    if not _needs_date_context(match, situation, "rel", "edge"):
        return None
    if situation.published is None:
        return Resolution("", UNRESOLVED)
    relation = (match["rel"] or "").lower()
    direction = {"last": PAST, "next": FUTURE}.get(relation, situation.direction)
    month = _month(situation.published, SEASON_START_MONTH[code], direction,
                   strict=relation in ("last", "next"))
    return Resolution(f"{month[:4]}-{code}", "season")


@_rule("year", r"(?<![$£€#\d.,])(?:\b(?P<edge>(?:early|mid|late)[\s-]+|(?:the\s+)?(?:end|"
       r"beginning|start|middle)\s+of\s+))?(?:\b(?P<y>1[6-9]\d\d|20\d\d)|'(?P<yy>\d\d))\b"
       r"(?![.,]?\d|\s*%|-\d)")
def _year(match: re.Match, situation: Situation) -> Resolution | None:
    if not _needs_date_context(match, situation, "edge"):
        return None
    if match["y"]:
        return Resolution(match["y"], "year")
    return Resolution(_two_digit_year(int(match["yy"]), situation.published), "year")


def _two_digit_year(year: int, published: date | None) -> str:
    """'82 → 1982, '07 → 2007: the most recent such year not after publication (+1)."""
    current = (published or date.today()).year
    return _year_value(2000 + year if 2000 + year <= current + 1 else 1900 + year)


@_rule("decade", r"\b(?:the\s+)?(?:(?P<edge>early|mid|late)[\s-]+)?(?P<dec>1[6-9]\d0|20\d0)s\b|"
       r"(?:\bthe\s+)(?:(?:early|mid|late)[\s-]+)?'?(?P<short>\d0)s\b")
def _decade(match: re.Match, situation: Situation) -> Resolution | None:
    if match["dec"]:
        return Resolution(match["dec"][:3], "decade")
    year = (situation.published or date.today()).year
    century = 20 if int(match["short"]) <= year % 100 else 19
    return Resolution(f"{century}{match['short'][0]}", "decade")


@_rule("anaphoric", r"\b(?:(?:late|early)\s+in\s+|(?:the\s+)?(?:start|end|beginning|rest|middle)\s+"
       r"of\s+)?(?:(?:the|that)\s+(?:(?:same|entire|whole|full)\s+)?(?P<unit>day|year)\b"
       r"(?P<before>\s+(?:previous|before|earlier)\b)?|(?:a|the)\s+(?:" + "|".join(ORDINAL_WORDS[1:]) +
       r"|\d+(?:st|nd|rd|th))\s+(?:straight|consecutive|successive)\s+day\b)")
def _anaphoric(match: re.Match, situation: Situation) -> Resolution | None:
    if match["before"]:
        return Resolution("", ANAPHOR + "year-before")
    return Resolution("", ANAPHOR + (match["unit"] or "day").lower())


@_rule("same-period", r"\bthe\s+same\s+(?:period|month|quarter|week|day|time)\s+(?:of\s+)?(?:last\s+"
       r"year|a\s+year\s+(?:ago|earlier|before)|the\s+(?:previous|prior)\s+year)\b")
def _same_period(match: re.Match, situation: Situation) -> Resolution | None:
    return Resolution("", ANAPHOR + "year-before")


@_rule("vague", r"\b(?P<word>now|currently|nowadays|recently|soon|(?:the\s+)?(?:near\s+|distant\s+)?"
       r"future|the\s+past|(?:in\s+)?recent\s+(?:days|weeks|months|years|decades)|"
       r"(?:in\s+)?the\s+coming\s+(?:days|weeks|months|years|decades))\b")
def _vague(match: re.Match, situation: Situation) -> Resolution | None:
    word = match["word"].lower()
    if "recent" in word or "past" in word:
        return Resolution("PAST_REF", "vague")
    if "future" in word or "coming" in word or word == "soon":
        return Resolution("FUTURE_REF", "vague")
    return Resolution("PRESENT_REF", "vague")


@_rule("clock", r"\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)|"
       r"\b(?P<h24>[01]?\d|2[0-3]):?(?P<m24>\d{2})(?=\s*(?:UTC|GMT|local\s+time|[ECMP][SD]?T\b))")
def _clock(match: re.Match, situation: Situation) -> Resolution | None:
    if match["h24"] is not None:
        hour, minute = int(match["h24"]), int(match["m24"])
    else:
        hour, minute = int(match["h"]) % 12, int(match["m"] or 0)
        hour += 12 if match["ampm"].lower().startswith("p") else 0
    if hour > 23 or minute > 59:
        return None
    return Resolution(f"T{hour:02d}:{minute:02d}", "time", "TIME")


# --- clause attachment ---------------------------------------------------------------------------

# Dependents that start a clause of their own: their time expressions date *that* clause.
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "parataxis", "conj"})


def clause_tokens(verb: Token, text: str) -> list[Token]:
    """Tokens of ``verb``'s clause: its subtree minus embedded clauses with their own verb, and
    minus anything across a line break (a headline the parser glued to the next paragraph).
    ``text`` is the document's text (``DocContext.text``)."""
    line_start, line_end = _line_bounds(text, verb.idx)
    return [t for t in _subtree_without_clauses(verb) if line_start <= t.idx <= line_end]


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    """First offset of the line holding ``offset`` and the offset of its line break (or of the
    text's end)."""
    newline = text.find("\n", offset)
    return text.rfind("\n", 0, offset) + 1, newline if newline >= 0 else len(text)


def _subtree_without_clauses(verb: Token) -> list[Token]:
    tokens = [verb]
    for child in verb.children:
        if child.dep_ in CLAUSE_DEPS and child.pos_ in ("VERB", "AUX"):
            continue
        tokens.extend(_subtree_without_clauses(child))
    return tokens


def governing_timex(ctx: DocContext, token: Token, trigger: Token | None = None) -> Timex | None:
    """The time expression that dates the clause of ``token`` (usually an event's verb).

    Only the token's own clause counts (dependency subtree without embedded clauses that have
    their own verb): another clause's date never dates this one ("the 2016 election" does not
    date a 2018 lawsuit). Within the clause, an expression that modifies a noun other than the
    event's ``trigger`` dates that noun, not the event ("the 1953 armistice", "the armistice of
    1953"). Durations, vague references ("recently"), clock times and unresolved expressions
    never date a clause.
    """
    start, end = _line_of_sentence(ctx, token)
    usable = [t for t in ctx.analysis.timexes if dates_events(t) and start <= t.start < end]
    if not usable:
        return None
    clause = clause_tokens(token, ctx.text)
    in_clause = [t for t in usable if any(t.start <= tok.idx < t.end for tok in clause)
                 and not _modifies_other_noun(ctx, t, trigger or token)]
    return min(in_clause, key=lambda t: _distance(t, token)) if in_clause else None


NOUN_MODIFIER_DEPS = frozenset({"compound", "nmod", "poss", "amod", "nummod"})


def _modifies_other_noun(ctx: DocContext, timex: Timex, trigger: Token) -> bool:
    span = ctx.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    head = root.head
    # "the armistice of 1953" (not "talks in March": the parser often hangs a verb's "in/on"
    # phrase on its object)
    if root.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "of":
        root, head = head, head.head
    return (root.dep_ in NOUN_MODIFIER_DEPS or root.dep_ == "prep") and (
        head.pos_ in ("NOUN", "PROPN") and head != trigger)


def dates_events(timex: Timex) -> bool:
    """Whether a time expression can date an event: a resolved calendar date or period."""
    return timex.type in ("DATE", "TIME") and timex.precision not in UNDATED_PRECISIONS


def narrative_timex(ctx: DocContext, token: Token, window: int = NARRATIVE_WINDOW) -> Timex | None:
    """The time frame a past-tense narrative carries over from earlier sentences.

    "In May, Putin proposed a meeting. [...] The two countries agreed on an exchange of
    prisoners.": a clause in the simple past with no time expression of its own (see
    :func:`governing_timex`) is dated by the latest dated expression of the ``window`` previous
    sentences, provided that expression itself dates a simple-past clause. Any other latest
    frame (a plan, a present-tense statement) breaks the narrative: None, and callers fall back
    to the publication date.
    """
    if not _simple_past(token) or governing_timex(ctx, token) is not None:
        return None
    index = ctx.sentence_index(token.idx)
    for timex in reversed(ctx.analysis.timexes):
        if index - window <= timex.sentence < index and dates_events(timex):
            span = ctx.doc.char_span(timex.start, timex.end, alignment_mode="expand")
            verb = _governing_verb(span) if span is not None and len(span) else None
            return timex if verb is not None and _simple_past(verb) else None
    return None


def _simple_past(verb: Token) -> bool:
    """Simple past ("agreed", "was agreed"), not the present perfect ("has said")."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries)


def _line_of_sentence(ctx: DocContext, token: Token) -> tuple[int, int]:
    """The part of the token's sentence on the token's line."""
    sentence = ctx.sentence_of(token)
    line_start, line_end = _line_bounds(ctx.text, token.idx)
    return max(sentence.start_char, line_start), min(sentence.end_char, line_end)


def _distance(timex: Timex, token: Token) -> int:
    if timex.start <= token.idx < timex.end:
        return 0
    return min(abs(timex.start - token.idx), abs(timex.end - token.idx))
