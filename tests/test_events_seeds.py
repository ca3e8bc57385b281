"""Acceptance: the events found in the seed articles by the full pipeline.

Runs every NLP component (actors resolve names to countries, timexes date events, places locate
them). Until all components are in the tree the module is skipped, naming the missing ones.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import pytest

from heron.config import ALL_COMPONENTS
from heron.model import Article, Event

PUBLISHED = "2025-08-20"
DATE_PREFIX = " date 2025-08-20 "


def _missing_components() -> list[str]:
    missing = []
    for name in ALL_COMPONENTS:
        try:
            if not hasattr(importlib.import_module(f"heron.nlp.{name}"), "build"):
                missing.append(name)
        except ImportError:
            missing.append(name)
    return missing


pytestmark = pytest.mark.skipif(bool(_missing_components()),
                                reason=f"components not ready: {_missing_components()}")


@pytest.fixture(scope="module")
def seed_events(nlp, seeds_dir) -> dict[str, list[Event]]:
    from heron.nlp.pipeline import Pipeline

    pipeline = Pipeline()
    articles = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8").removeprefix(DATE_PREFIX)
        articles.append(Article(id=path.name[:3], text=text, raw_text=text, published=PUBLISHED))
    return {a.article_id: a.events for a in pipeline.analyse(articles)}


def countries(refs) -> set[str]:
    return {r.country for r in refs if r.country}


def find(events: list[Event], predicate: Callable[[Event], bool]) -> Event:
    found = [e for e in events if predicate(e)]
    assert found, "\n".join(
        f"{e.event_type} {e.status} {e.trigger.text!r} A={countries(e.actors)} "
        f"R={countries(e.recipients)} {e.date} {e.mode} {e.sentence_span.text[:70]!r}"
        for e in events)
    return found[0]


def all_events(seed_events) -> list[Event]:
    return [e for events in seed_events.values() for e in events]


def test_trump_putin_meeting_in_alaska(seed_events):
    event = find(seed_events["000"], lambda e: e.event_type == "CONSULT"
                 and "USA" in countries(e.actors) and "RUS" in countries(e.recipients))
    assert event.status == "asserted"
    assert event.date == "2025-08-15" and event.date_precision == "day"
    assert event.location is not None and event.location.name == "Alaska"


def test_white_house_meeting_with_zelenskyy(seed_events):
    event = find(seed_events["000"], lambda e: e.event_type == "CONSULT" and e.mode == "visit"
                 and {"USA", "UKR"} <= countries(e.actors + e.recipients))
    assert event.status == "asserted"
    assert event.date == "2025-08-18" and event.date_precision == "day"


def test_trump_rules_out_troops(seed_events):
    event = find(seed_events["000"], lambda e: e.event_type == "REJECT"
                 and e.trigger.text == "ruled out")
    assert countries(event.actors) == {"USA"} and event.status == "asserted"
    assert event.date == "2025-08-19"
    same_sentence = [e for e in seed_events["000"] if e.sentence == event.sentence]
    assert not [e for e in same_sentence
                if e.event_type == "MOBILIZE" and e.status == "asserted"]


def test_russian_strikes_on_ukraine(seed_events):
    find(seed_events["000"], lambda e: e.event_type == "ASSAULT"
         and "RUS" in countries(e.actors) and "UKR" in countries(e.recipients))
    injured = find(seed_events["000"], lambda e: e.event_type == "ASSAULT" and e.injured == 15)
    assert injured.location is not None and injured.location.country == "UKR"


def test_drone_attack_on_kremenchuk(seed_events):
    event = find(seed_events["001"], lambda e: e.event_type == "ASSAULT" and e.mode == "drone"
                 and "RUS" in countries(e.actors))
    assert event.date == "2025-08-19"


def test_lavrov_chides_talks_without_moscow(seed_events):
    find(seed_events["000"], lambda e: e.event_type == "ACCUSE" and countries(e.actors) == {"RUS"})


def test_russia_refuses_foreign_troops(seed_events):
    event = find(all_events(seed_events), lambda e: e.event_type == "REJECT"
                 and countries(e.actors) == {"RUS"})
    assert event.status == "asserted"


def test_zelenskyy_demands_guarantees(seed_events):
    find(seed_events["000"], lambda e: e.event_type == "REQUEST" and "UKR" in countries(e.actors))
    # "We need strong security guarantees...," Zelenskyy said in a Telegram post: the demand is
    # what the quote says, so the event shares the quote's spans
    need = find(seed_events["000"], lambda e: e.event_type == "REQUEST"
                and "We need strong security" in e.sentence_span.text)
    assert need.quote_id is not None and need.quote_role == "content"


def test_switzerland_offers_to_host_and_no_meeting_is_asserted(seed_events):
    find(seed_events["000"], lambda e: e.event_type == "AGREE" and countries(e.actors) == {"CHE"})
    assert not [e for e in seed_events["000"] if e.event_type == "CONSULT"
                and e.status == "asserted" and "CHE" in countries(e.actors + e.recipients)]


def test_planned_putin_zelenskyy_meeting_is_future(seed_events):
    find(all_events(seed_events), lambda e: e.event_type == "CONSULT" and e.status == "future"
         and {"RUS", "UKR"} <= countries(e.actors + e.recipients))


def test_may_prisoner_exchange_agreement(seed_events):
    event = find(seed_events["001"], lambda e: e.event_type == "AGREE"
                 and {"RUS", "UKR"} <= countries(e.actors + e.recipients)
                 and "exchange" in e.pattern)
    assert event.date == "2025-05" and event.date_precision == "month"
