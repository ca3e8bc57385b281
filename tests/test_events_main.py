"""A sentence's main event (nlp/events/prominence): syntax decides, confidence only breaks ties.
Invented sentences only."""

from __future__ import annotations

import pytest

from heron.model import Article, Event
from heron.nlp.events import code_texts
from heron.nlp.events.prominence import ADJUNCT, COMPLEMENT, MAIN, clause_position, mark_main
from heron.nlp.pipeline import Pipeline


@pytest.fixture(scope="module")
def events_only(nlp) -> Pipeline:
    return Pipeline(components=("events",))


def code(pipeline: Pipeline, text: str) -> list[Event]:
    article = Article(id="t", text=text, raw_text=text, published="2025-08-20")
    return next(pipeline.analyse([article])).events


def main_of(events: list[Event], sentence: int = 0) -> Event:
    flagged = [e for e in events if e.sentence == sentence and e.main]
    assert len(flagged) == 1, [(e.event_type, e.trigger.text, e.main) for e in events]
    return flagged[0]


def by_trigger(events: list[Event], word: str) -> Event:
    return next(e for e in events if e.trigger.text == word)


def test_clause_levels_of_main_complement_and_adjunct_words(nlp):
    doc = nlp("Officials said the army shelled the town after rebels attacked a convoy.")
    words = {t.text: t for t in doc}
    assert clause_position(words["said"]) == (MAIN, 0)
    assert clause_position(words["shelled"]) == (COMPLEMENT, 1)
    assert clause_position(words["attacked"]) == (ADJUNCT, 2)


@pytest.mark.parametrize(("text", "main_trigger", "other_trigger"), [
    # an adverbial clause of time
    ("The army shelled the village, a day after rebels attacked a convoy.", "shelled",
     "attacked"),
    # a relative clause
    ("The ministers met in Geneva, where their deputies had negotiated a truce.", "met",
     "negotiated"),
    # the reporting act before the reported (denied) act
    ("Israel denied that its aircraft attacked the convoy.", "denied", "attacked"),
])
def test_the_main_clause_event_is_the_main_event(events_only, text, main_trigger,
                                                 other_trigger):
    events = code(events_only, text)
    assert main_of(events).trigger.text == main_trigger
    assert not by_trigger(events, other_trigger).main


def test_confidence_does_not_make_a_subordinate_event_main(events_only, nlp):
    text = "The army shelled the village, a day after rebels attacked a convoy."
    events = code(events_only, text)
    by_trigger(events, "shelled").confidence = 0.05
    by_trigger(events, "attacked").confidence = 0.95
    mark_main(events, nlp(text))
    assert main_of(events).trigger.text == "shelled"


def test_confidence_breaks_ties_within_one_clause_level(events_only, nlp):
    text = "The army shelled the village and attacked a convoy."
    events = code(events_only, text)
    assert {e.trigger.text for e in events} >= {"shelled", "attacked"}
    by_trigger(events, "shelled").confidence = 0.2
    by_trigger(events, "attacked").confidence = 0.9
    mark_main(events, nlp(text))
    assert main_of(events).trigger.text == "attacked"


def test_a_background_act_is_never_main(events_only, nlp):
    text = "The army shelled the village, a day after rebels attacked a convoy."
    events = code(events_only, text)
    by_trigger(events, "shelled").background = True
    mark_main(events, nlp(text))
    assert main_of(events).trigger.text == "attacked"


def test_an_announcement_is_main_over_the_act_it_announces(events_only):
    events = code(events_only, "The French president will visit Algeria next week.")
    main = main_of(events)
    assert main.event_type == "AGREE" and main.status == "asserted"
    assert [e.status for e in events if e.event_type == "CONSULT"] == ["future"]


def test_one_main_event_per_sentence_and_in_code_texts_output(events_only):
    text = ("Police arrested dozens of protesters who had blocked the highway. "
            "Egypt threatened to expel the ambassador.")
    events = code(events_only, text)
    assert main_of(events, 0).event_type == "COERCE"
    assert main_of(events, 1).event_type == "THREATEN"
    rows = list(code_texts([{"id": "r1", "text": text}], events_only))
    assert sorted((r["sentence"], r["event_type"]) for r in rows if r["main"]) == [
        (0, "COERCE"), (1, "THREATEN")]


def test_no_events_no_main(events_only):
    assert code(events_only, "The weather was mild in the capital on Tuesday.") == []
