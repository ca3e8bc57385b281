"""Publication dates: normalise given dates, and infer one from the text only on firm evidence."""

from __future__ import annotations

import re
from datetime import date

import dateparser

from heron.config import year_in_range

MONTHS = ("january|february|march|april|may|june|july|august|september|october|november"
          "|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
# Explicit full dates only ("August 18, 2025", "18 August 2025", "2025-08-18"): a bare weekday or
# month is never enough to date an article.
FULL_DATE = re.compile(
    rf"\b(?:(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})\b",
    re.IGNORECASE,
)
PARSER_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}


def normalise_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) for a given date/datetime string, or None if it is not one."""
    if not value or not str(value).strip():
        return None
    text = str(value).strip()
    try:
        found = date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        try:
            parsed = dateparser.parse(text[:200], languages=["en"], settings=PARSER_SETTINGS)
        except (ValueError, OverflowError):  # dateparser raises on some odd strings
            parsed = None
        found = parsed.date().isoformat() if parsed else None
    return found if found and year_in_range(found) else None


def infer_from_text(text: str) -> str | None:
    """The latest explicit full date written in the text, if any (marked 'inferred' by callers).

    News text mentions past dates; the latest full date is the best lower bound of publication
    and only an explicit day-month-year date is trusted.
    """
    found = [normalise_date(m.group(0)) for m in FULL_DATE.finditer(text)]
    dates = [d for d in found if d]
    return max(dates) if dates else None
