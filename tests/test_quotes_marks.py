"""Quotation spans (``heron.nlp.quotes.marks``) on invented text: straight marks read by their
neighbours, quotations over lines without marks, and a quotation left open."""

from __future__ import annotations

from heron.nlp.quotes.marks import quotation_spans


def _quoted(text: str) -> list[str]:
    return [text[s:e] for s, e in quotation_spans(text)]


def test_closed_quotations_of_every_mark() -> None:
    text = 'He said "we stay" and “we go” and «nous restons» today.'
    assert _quoted(text) == ['"we stay"', "“we go”", "«nous restons»"]


def test_a_closing_straight_mark_with_nothing_open_opens_nothing() -> None:
    # the opening mark is missing: what follows the closing one is not a quotation
    text = 'The plan is unfair," the union said on Monday in Lanberg.'
    assert _quoted(text) == []


def test_an_opening_straight_mark_inside_an_open_quotation_starts_it_anew() -> None:
    text = 'The mayor wrote "the bridge is closed and later added "the ferry runs," she said.'
    assert _quoted(text) == ['"the ferry runs,"']


def test_a_quotation_runs_over_lines_without_marks_to_the_line_that_closes_it() -> None:
    text = ('The board met.\n"They said no.\nThat is it.\nThey will have to close the plant," '
            'said a union official.\nThe vote is on Friday.')
    assert _quoted(text) == ['"They said no.\nThat is it.\nThey will have to close the plant,"']


def test_a_paragraph_that_reopens_the_quotation_carries_it_on() -> None:
    text = '"We will rebuild the bridge this year.\n"It will cost more than planned," he said.'
    assert _quoted(text) == ['"We will rebuild the bridge this year.', '"It will cost more than planned,"']


def test_a_quotation_never_closed_ends_with_its_first_sentence() -> None:
    text = ('Levin tweeted. "The rule of law is collapsing in the country. What is next? '
            'Exantus said three commissions were created to investigate.')
    assert _quoted(text) == ['"The rule of law is collapsing in the country.']


def test_a_short_unclosed_mark_is_no_quotation() -> None:
    assert _quoted('He said "no.') == []
