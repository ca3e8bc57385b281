"""Publication dates: normalise given dates. A date written in the body is never taken for the
publication date ("led the FBI through the Sept. 11, 2001, attacks" is no dateline): without
metadata, dateline, HTML date or --published the date stays unknown."""

from __future__ import annotations

from datetime import date

import dateparser

from heron.config import year_in_range

PARSER_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}


def normalise_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) for a given date/datetime string, or None if it is not one."""
    if not value or not str(value).strip():
        return None
    text = str(value).strip()
    try:
        found: str | None = date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        try:
            parsed = dateparser.parse(text[:200], languages=["en"], settings=PARSER_SETTINGS)
        except (ValueError, OverflowError):  # dateparser raises on some odd strings
            parsed = None
        found = parsed.date().isoformat() if parsed else None
    return found if found and year_in_range(found) else None

