"""The shared calendar vocabulary: abbreviations and ordinals agree with the names they stand for."""

from __future__ import annotations

import pytest

from heron.date_words import MONTH_ABBREVIATIONS, MONTHS, ORDINAL_WORDS, ORDINALS, numeric_ordinal


def test_every_abbreviation_starts_its_month_name() -> None:
    for abbreviation, number in MONTH_ABBREVIATIONS.items():
        assert MONTHS[number - 1].startswith(abbreviation), abbreviation
    # May has no abbreviation: the modal verb "may" must not read as a month by its short form.
    assert set(MONTH_ABBREVIATIONS.values()) == set(range(1, 13)) - {5}


@pytest.mark.parametrize(("number", "written"), [
    (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
    (21, "21st"), (22, "22nd"), (111, "111th")])
def test_numeric_ordinal(number: int, written: str) -> None:
    assert numeric_ordinal(number) == written


def test_ordinal_words_and_numeric_forms_name_the_same_numbers() -> None:
    for number, word in enumerate(ORDINAL_WORDS, start=1):
        assert ORDINALS[word] == ORDINALS[numeric_ordinal(number)] == number
