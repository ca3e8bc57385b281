"""Time expressions: detection, normalisation relative to publication date and tense, and the
clause attachment the events component dates events by. Real spaCy model throughout."""

from __future__ import annotations

from datetime import date

import pytest

from heron.config import Settings
from heron.model import Analysis, Article, Span, Timex, is_timex_precision
from heron.nlp import places, timexes
from heron.nlp.context import DocContext

PUBLISHED = date(2025, 8, 20)  # a Wednesday
DATE_PREFIX = " date 2025-08-20 "


def analysed(nlp, text: str, published: date | None = PUBLISHED) -> DocContext:
    """A document context after the timexes and places components ran on ``text``."""
    doc = nlp(text)
    article = Article(id="t", text=text, raw_text=text,
                      published=published.isoformat() if published else None)
    analysis = Analysis("t", sentences=[Span(s.start_char, s.end_char, s.text) for s in doc.sents])
    ctx = DocContext(article=article, doc=doc, analysis=analysis, published=published)
    for module in (timexes, places):
        module.build(nlp, Settings())(ctx)
    return ctx


def timex(nlp, text: str, expression: str, published: date | None = PUBLISHED) -> Timex:
    found = [t for t in analysed(nlp, text, published).analysis.timexes if t.text == expression]
    assert found, f"{expression!r} not found in {text!r}"
    return found[0]


def verb(ctx: DocContext, word: str):
    return next(t for t in ctx.doc if t.text == word)


@pytest.mark.parametrize(("text", "expression", "value", "precision"), [
    ("Trump met Putin last Friday in Alaska.", "last Friday", "2025-08-15", "day"),
    ("Trump hosted Zelenskyy on Monday.", "Monday", "2025-08-18", "day"),
    ("The leaders will meet on Monday.", "Monday", "2025-08-25", "day"),
    ("Drones struck the city on Tuesday night.", "Tuesday night", "2025-08-19", "day"),
    ("Lavrov said Wednesday that it would not work.", "Wednesday", "2025-08-20", "day"),
    ("In May, he first initiated such a meeting.", "May", "2025-05", "month"),
    ("They will sign the deal in May.", "May", "2026-05", "month"),
    ("Strikes hit six regions overnight.", "overnight", "2025-08-20", "day"),
    ("He spoke to reporters today.", "today", "2025-08-20", "day"),
    ("He spoke to reporters yesterday.", "yesterday", "2025-08-19", "day"),
    ("He will speak tonight.", "tonight", "2025-08-20", "day"),
    ("Talks resumed this week.", "this week", "2025-W34", "week"),
    ("Talks resumed last week.", "last week", "2025-W33", "week"),
    ("Talks resume next month.", "next month", "2025-09", "month"),
    ("Sales fell last year.", "last year", "2024", "year"),
    ("Sales rose earlier this year.", "earlier this year", "2025", "year"),
    ("The war escalated in February 2022.", "February 2022", "2022-02", "month"),
    ("Talks failed in March 2023.", "March 2023", "2023-03", "month"),
    ("They met on August 18, 2025.", "August 18, 2025", "2025-08-18", "day"),
    ("They met on 18 August 2025.", "18 August 2025", "2025-08-18", "day"),
    ("The plant opened in 2004.", "2004", "2004", "year"),
    ("The region was calm in the 1990s.", "the 1990s", "199", "decade"),
    ("They will meet within two weeks.", "within two weeks", "2025-08-20/2025-09-03", "range"),
    ("A summit will take place in the next two weeks.", "in the next two weeks",
     "2025-08-20/2025-09-03", "range"),
    ("Stocks rallied two weeks ago.", "two weeks ago", "2025-08-06", "day"),
    ("Stocks rallied twenty-one days ago.", "twenty-one days ago", "2025-07-30", "day"),
])
def test_normalises_relative_to_publication_and_tense(nlp, text, expression, value, precision):
    found = timex(nlp, text, expression)
    assert (found.value, found.precision) == (value, precision)


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("The war has lasted three years.", "three years", "P3Y"),
    ("It was a war that lasted for nearly four years.", "nearly four years", "P4Y"),
    ("Talks broke down more than three years after the invasion.", "more than three years",
     "P3Y"),
])
def test_durations_are_typed_and_never_date_a_clause(nlp, text, expression, value):
    ctx = analysed(nlp, text)
    duration = next(t for t in ctx.analysis.timexes if t.text == expression)
    assert (duration.type, duration.value, duration.precision) == ("DURATION", value, "duration")
    assert all(timexes.governing_timex(ctx, token) is None for token in ctx.doc)


def test_an_anaphor_marker_is_no_timex_precision():
    assert is_timex_precision("day") and is_timex_precision("unresolved")
    assert not is_timex_precision(timexes.ANAPHOR + "day") and not is_timex_precision("Day")


def test_weekday_direction_follows_the_governing_verb_not_the_sentence(nlp):
    ctx = analysed(nlp, "Trump said on Monday that the leaders will meet on Friday.")
    values = {t.text: t.value for t in ctx.analysis.timexes}
    assert values == {"Monday": "2025-08-18", "Friday": "2025-08-22"}


def test_without_publication_date_relative_expressions_stay_unresolved(nlp):
    ctx = analysed(nlp, "Trump met Putin last Friday and will meet him again in May. The war "
                        "began in February 2022.", published=None)
    found = {t.text: (t.value, t.precision) for t in ctx.analysis.timexes}
    assert found["last Friday"] == ("", "unresolved")
    assert found["May"] == ("", "unresolved")
    assert found["February 2022"] == ("2022-02", "month")  # absolute dates need no anchor
    assert timexes.governing_timex(ctx, verb(ctx, "met")) is None


def test_modal_may_is_not_a_month(nlp):
    ctx = analysed(nlp, "Putin may meet Zelenskyy soon.")
    assert not [t for t in ctx.analysis.timexes if t.text == "May" or t.value.endswith("-05")]


def test_offsets_and_sentences_point_into_the_text(nlp):
    text = "Officials spoke. Trump met Putin last Friday."
    ctx = analysed(nlp, text)
    found = ctx.analysis.timexes[0]
    assert text[found.start:found.end] == found.text == "last Friday"
    assert found.sentence == 1 and found.article_id == "t"


def test_governing_timex_dates_each_conjoined_clause_by_its_own_expression(nlp):
    ctx = analysed(nlp, "U.S. President Donald Trump met last Friday with Russian President "
                        "Vladimir Putin in Alaska and on Monday hosted Ukrainian President "
                        "Volodymyr Zelenskyy at the White House.")
    assert timexes.governing_timex(ctx, verb(ctx, "met")).value == "2025-08-15"
    assert timexes.governing_timex(ctx, verb(ctx, "hosted")).value == "2025-08-18"


def test_governing_timex_excludes_embedded_clauses(nlp):
    ctx = analysed(nlp, "Zelenskyy said in a post Wednesday that strikes hit six regions last "
                        "week.")
    assert timexes.governing_timex(ctx, verb(ctx, "said")).text == "Wednesday"
    assert timexes.governing_timex(ctx, verb(ctx, "hit")).text == "last week"


def test_seed_000_dates(nlp, seeds_dir):
    text = next(seeds_dir.glob("000_*.txt")).read_text().removeprefix(DATE_PREFIX)
    ctx = analysed(nlp, text)
    values = {(t.text, t.value) for t in ctx.analysis.timexes}
    assert {("last Friday", "2025-08-15"), ("Monday", "2025-08-18"), ("Wednesday", "2025-08-20"),
            ("overnight", "2025-08-20"), ("Tuesday", "2025-08-19")} <= values
    ruled = next(t for t in ctx.doc if t.text == "ruled")
    assert timexes.governing_timex(ctx, ruled).value == "2025-08-19"


def test_seed_001_dates(nlp, seeds_dir):
    ctx = analysed(nlp, next(seeds_dir.glob("001_*.txt")).read_text())
    values = {(t.text, t.value, t.precision) for t in ctx.analysis.timexes}
    assert {("May", "2025-05", "month"), ("Tuesday night", "2025-08-19", "day"),
            ("within the next two weeks", "2025-08-20/2025-09-03", "range"),
            ("within two weeks", "2025-08-20/2025-09-03", "range")} <= values
    attacked = next(t for t in ctx.doc if t.text == "attacked")
    assert timexes.governing_timex(ctx, attacked).text == "Tuesday night"


def test_seed_002_absolute_month_and_duration(nlp, seeds_dir):
    ctx = analysed(nlp, next(seeds_dir.glob("002_*.txt")).read_text())
    found = {t.text: (t.value, t.type) for t in ctx.analysis.timexes}
    assert found["February 2022"] == ("2022-02", "DATE")
    assert found["nearly four years"] == ("P4Y", "DURATION")


def test_narrative_timex_carries_a_past_frame_to_later_past_sentences(nlp):
    ctx = analysed(nlp, "In May, Putin proposed a meeting in Istanbul. But Putin reversed course. "
                        "The two countries agreed on the exchange of prisoners.")
    agreed = verb(ctx, "agreed")
    assert timexes.governing_timex(ctx, agreed) is None
    assert timexes.narrative_timex(ctx, agreed).value == "2025-05"


@pytest.mark.parametrize(("text", "word"), [
    # the present perfect states something general, not part of Tuesday's story
    ("Trump on Tuesday ruled out sending troops. Russia has repeatedly said that it would not "
     "accept NATO troops.", "said"),
    # the latest frame is a plan, so the past clause has no narrative date
    ("Talks will resume on Monday. The delegations met in Geneva.", "met"),
])
def test_narrative_timex_needs_a_simple_past_frame_and_clause(nlp, text, word):
    ctx = analysed(nlp, text)
    assert timexes.narrative_timex(ctx, verb(ctx, word)) is None


@pytest.mark.parametrize("text", [
    "On MONDAY officials said the talks end on tHuRsDaY, December 5, at 10:30 GMT or 3 P.M. EST.",
    "The İstanbul round began Tuesday and ended in Sept. 2024.",  # "İ" lower-cases to 2 characters
    "Troops withdrew yeſterday, a week after the ceaſefire.",  # long s: IGNORECASE reads an "s"
    "Talks resumed on Friday, officials ın Ankara said.",  # dotless i
])
def test_lower_case_scan_finds_what_the_case_insensitive_scan_finds(nlp, text, monkeypatch):
    doc = nlp(text)
    found = timexes.find_timexes(doc, PUBLISHED)
    monkeypatch.setattr(timexes, "_lowered", lambda text: None)  # case-insensitive scan only
    assert found == timexes.find_timexes(doc, PUBLISHED)
    assert found


def test_a_long_s_is_read_as_s_as_the_case_insensitive_scan_reads_it(nlp):
    assert timexes._lowered("withdrew yeſterday") is None
    assert timex(nlp, "Troops withdrew yeſterday.", "yeſterday").precision == "day"


def test_lower_case_patterns_keep_escapes_and_group_names():
    assert timexes.lower_case_pattern(r"\bA\D(?P<Hour>B)(?P=Hour)[A-Z]") == \
        r"\ba\D(?P<Hour>b)(?P=Hour)[a-z]"
    with pytest.raises(ValueError, match="non-ASCII letter"):
        timexes.lower_case_pattern("Ž")
