"""Fusion through the real pipeline on small invented multi-outlet stories (not the seeds):
three wire-style reports of one drone strike that disagree on the death toll, three
reports of one protest that disagree on the crowd size, and an air strike that one side
denies, and a planned visit that two outlets date differently."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import every_mention_takes_a_side
from heron.api import Heron
from heron.web.app import create_app

REPORTS = Path(__file__).parent / "data" / "multi_outlet_strike.jsonl"
PROTEST = Path(__file__).parent / "data" / "multi_outlet_protest.jsonl"
DENIAL = Path(__file__).parent / "data" / "multi_outlet_denial.jsonl"
VISIT = Path(__file__).parent / "data" / "multi_outlet_visit.jsonl"


@pytest.fixture(scope="module")
def strike(tmp_path_factory: pytest.TempPathFactory, nlp) -> Heron:
    h = Heron(tmp_path_factory.mktemp("strike") / "strike.db", every_mention_takes_a_side())
    report = h.ingest([REPORTS])
    assert report.fused == 3
    yield h
    h.close()


def test_three_outlets_one_story(strike: Heron) -> None:
    [story] = strike.stories()
    assert story["n_articles"] == 3 and sorted(story["outlets"]) == ["AP", "BBC", "Reuters"]


def test_the_strike_is_one_event_dated_by_the_story_not_the_dateline(strike: Heron) -> None:
    items = strike.timeline(strike.stories()[0]["id"])
    [attack] = [i for i in items if i["event_type"] == "ASSAULT" and i["n_outlets"] == 3]
    # "KYIV, March 12 (Reuters) - ... on Tuesday": the dateline's date is the report's
    assert attack["date"] == "2025-03-11" and attack["mode"] == "drone"
    assert attack["location"]["name"] == "Kharkiv"


def test_death_tolls_that_differ_are_a_contradiction(strike: Heron) -> None:
    [toll] = [c for c in strike.contradictions() if c["attribute"] == "killed"]
    sides = {side["value"]: {s["outlet"] for s in side["sources"]} for side in toll["sides"]}
    assert sides == {12: {"Reuters", "BBC"}, 14: {"AP"}}


def test_the_same_condemnation_from_two_outlets_is_one_event(strike: Heron) -> None:
    items = strike.timeline(strike.stories()[0]["id"])
    [condemned] = [i for i in items if i["event_type"] == "ACCUSE"]
    assert condemned["n_outlets"] == 2
    assert [a["actor_id"] for a in condemned["actors"]] == ["volodymyr-zelenskyy"]


@pytest.fixture(scope="module")
def protest(tmp_path_factory: pytest.TempPathFactory, nlp) -> Heron:
    h = Heron(tmp_path_factory.mktemp("protest") / "protest.db", every_mention_takes_a_side())
    h.ingest([PROTEST])
    yield h
    h.close()


def test_one_rally_from_three_outlets_with_contested_crowd_size(protest: Heron) -> None:
    [story] = protest.stories()
    [rally] = [i for i in protest.timeline(story["id"]) if i["event_type"] == "PROTEST"]
    # AFP and RFE/RL place it in Tbilisi; Civil.ge only says "joined the rally"
    assert rally["n_outlets"] == 3 and rally["date"] == "2025-11-01"
    [size] = [c for c in protest.contradictions() if c["attribute"] == "size"]
    sides = {side["value"]: {s["outlet"] for s in side["sources"]} for side in size["sides"]}
    # "tens of thousands" = 20,000 (smallest implied), "around 5,000", "more than 50,000"
    assert sides == {20000: {"AFP"}, 5000: {"RFE/RL"}, 50000: {"Civil.ge"}}


def test_a_denial_is_set_against_the_reports_not_counted_with_them(tmp_path: Path, nlp) -> None:
    with Heron(tmp_path / "denial.db", every_mention_takes_a_side()) as h:
        h.ingest([DENIAL])
        [strike] = [i for i in h.timeline(h.stories()[0]["id"]) if i["event_type"] == "ASSAULT"]
        assert strike["n_denials"] == 1 and strike["date"] == "2025-05-04"
        [denied] = [c for c in h.contradictions() if c["id"].endswith("-denied")]
        sides = {side["value"]: {s["outlet"] for s in side["sources"]} for side in denied["sides"]}
        assert sides["denied"] == {"Times of Israel"} and {"SANA", "Al Jazeera"} <= sides["happened"]
        denial = next(s for s in h.fused_event(strike["id"])["sources"] if s["support"] == "denial")
        assert denial["status"] == "negated" and "denied" in denial["sentence"]["text"]
    app = create_app(tmp_path / "denial.db")
    page = TestClient(app, base_url="http://localhost").get(f"/events/{strike['id']}")
    assert page.status_code == 200 and "denied by 1 source" in page.text


def test_one_planned_visit_dated_differently_by_two_outlets(tmp_path: Path, nlp) -> None:
    with Heron(tmp_path / "visit.db", every_mention_takes_a_side()) as h:
        h.ingest([VISIT])
        items = h.timeline(h.stories()[0]["id"])
        [visit] = [i for i in items if i["planned"]]
        assert visit["n_outlets"] == 2 and visit["location"]["name"] == "Seoul"
        [when] = [c for c in h.contradictions() if c["attribute"] == "date"]
        sides = {side["value"]: {s["outlet"] for s in side["sources"]} for side in when["sides"]}
        assert sides == {"2025-09-10": {"Kyodo"}, "2025-09-12": {"Yonhap"}}
        # the meeting NHK reports as held is a dated past event, apart from the plan
        assert any(not i["planned"] and i["event_type"] == "CONSULT" and i["date"] == "2025-09-10"
                   for i in items)
