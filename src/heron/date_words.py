"""The calendar vocabulary of English news text: month and weekday names, their abbreviations
and ordinal words, written out once for every module that reads dates (time expressions,
datelines, fusion's list of words too common to tell stories apart). All lower case."""

from __future__ import annotations

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
# "Aug. 5", "Sept 10": three-letter stems, plus "sept"; "may" is a full name, not an abbreviation.
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                       "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth")


def numeric_ordinal(number: int) -> str:
    """'1st', '2nd', '3rd', '4th', ... '11th', '12th', '13th', '21st'."""
    suffix = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


# Ordinal words and their numeric forms ("third" and "3rd") with their numbers.
ORDINALS = {word: number for number, word in enumerate(ORDINAL_WORDS, start=1)} | {
    numeric_ordinal(number): number for number in range(1, len(ORDINAL_WORDS) + 1)}
