"""Day-level dates of event mentions. Fusion compares days; a month, week or year value (or a
range's start when it is not a day) cannot confirm nor contradict a day, so it counts as
undated for matching while staying visible in the per-source values."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from heron.config import year_in_range
from heron.model import OLD_REPORTED, REPORTED
from heron.records import FusedEvent, Source

FALLBACK = REPORTED  # dated by publication, not by the text
# explicit: by its own sentence | carried: by another sentence's | fallback: by publication
DateKind = Literal["explicit", "carried", "fallback"]


def is_reported(precision: str) -> bool:
    """Dated by the publication date (also under the name older databases used)."""
    return precision in (REPORTED, OLD_REPORTED)


def shift_iso(value: str, days: int) -> str:
    """``value`` (an ISO day) moved by ``days``, saturating at the calendar's ends instead of
    raising OverflowError (a stored date may predate the year range check)."""
    try:
        return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat()
    except OverflowError:
        return (date.max if days > 0 else date.min).isoformat()


def day(value: str | None) -> date | None:
    if not value or len(value) < 10 or not year_in_range(value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def explicit_day(source: Source) -> str | None:
    """The mention's own day (from a time expression of its sentence), or None for fallback,
    carried-over and coarser dates."""
    if is_reported(source["date_precision"]) or carried_date(source):
        return None
    parsed = day(source["date"])
    if parsed is None:
        return None
    # A planned event dated before its report is dated by the announcement, not the event.
    if source["planned"] and source["published"] and parsed.isoformat() < source["published"]:
        return None
    return parsed.isoformat()


def carried_date(source: Source) -> bool:
    """The events component dated the mention by a time expression of another sentence."""
    return "date:carried" in source["pattern"]


def date_kind(source: Source) -> DateKind:
    """explicit (own sentence) | carried (another sentence's) | fallback (publication)."""
    if is_reported(source["date_precision"]):
        return "fallback"
    return "carried" if carried_date(source) else "explicit"


def any_day(source: Source | FusedEvent) -> str | None:
    """The mention's day, explicit or the publication-date fallback."""
    parsed = day(source["date"])
    return parsed.isoformat() if parsed else None


def period_end(value: str | None) -> date | None:
    """Last day of a day, month or year value ("2025-05" → 2025-05-31); None otherwise."""
    if not value:
        return None
    if len(value) >= 10:
        return day(value)
    try:
        if len(value) == 7:
            first_of_next = date(int(value[:4]) + int(value[5:7]) // 12, int(value[5:7]) % 12 + 1, 1)
            return date.fromordinal(first_of_next.toordinal() - 1)
        if len(value) == 4:
            return date(int(value), 12, 31)
    except ValueError:
        return None
    return None


ISO_PERIOD = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
DAY_TOLERANCE = 1  # days: a one-day difference may be a time-zone shift


def periods_compatible(a: str | None, b: str | None) -> bool:
    """Whether two dates can name the same time at the precision both know: a year, a month or
    a day inside the other ("2015" and "2015-07-14"), or days at most a day apart. Unknown or
    non-calendar values (weeks, seasons) cannot exclude anything."""
    if not a or not b or not ISO_PERIOD.fullmatch(a) or not ISO_PERIOD.fullmatch(b):
        return True
    if len(a) == len(b) == 10:
        return gap(a, b) <= DAY_TOLERANCE
    short = min(len(a), len(b))
    return a[:short] == b[:short]


def gap(a: str, b: str) -> int:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
