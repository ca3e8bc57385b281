"""Invariants of fusion an analyst relies on, checked on invented multi-outlet stories run
through the real pipeline (spaCy model, SQLite file, ingest, analysis, fusion):

- no contradiction comes from a single outlet, and none puts one sentence on two sides;
- every contradiction names its rule and an evidence pair of two sentences from two outlets,
  and only evidence at or above the export threshold takes a side;
- no fused event counts a sentence twice (``n_sources`` counts sentences);
- background mentions ("signed in Vienna in July 2015") never fuse with current events;
- a plan and the event that fulfils it are two linked records, never one.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import every_mention_takes_a_side
from heron.api import Heron
from heron.config import Settings

DATA = Path(__file__).parent / "data"
STORIES = sorted(DATA.glob("multi_outlet_*.jsonl"))  # every invented multi-outlet story
IRAN = DATA / "multi_outlet_invariants.jsonl"


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    path = tmp_path_factory.mktemp("invariants") / "analysed.db"
    with Heron(path) as h:
        h.ingest(STORIES, analyse=False)
        h.analyse_pending()
    return path


def fused_copy(analysed: Path, name: str, settings: Settings) -> Path:
    path = analysed.with_name(name)
    shutil.copy(analysed, path)
    with Heron(path, settings) as h:
        h.fuse()
    return path


@pytest.fixture(scope="module")
def db(analysed: Path) -> Path:
    # Every mention takes a side, so that the rules' invariants are exercised: the learned
    # event model scores most of these invented conflict reports below the export threshold.
    return fused_copy(analysed, "invariants.db", every_mention_takes_a_side())


@pytest.fixture(scope="module")
def fused(db: Path) -> Heron:
    h = Heron(db)
    yield h
    h.close()


def sentence(item: dict) -> tuple[str, int]:
    return item["article_id"], item["sentence"]["start"]


def test_the_invented_stories_are_multi_outlet(fused: Heron) -> None:
    assert len(STORIES) >= 5
    assert sum(len(s["outlets"]) > 1 for s in fused.stories(limit=100)) >= 5


def test_no_contradiction_from_a_single_outlet_nor_a_sentence_on_both_sides(fused: Heron) -> None:
    found = fused.contradictions()
    assert found  # the stories do disagree (tolls, crowd sizes, dates, a denial)
    for cx in found:
        outlets = [{s["source"] for s in side["sources"]} for side in cx["sides"]]
        assert len(set().union(*outlets)) >= 2, cx["id"]
        sentences = [{sentence(s) for s in side["sources"]} for side in cx["sides"]]
        for i, mine in enumerate(sentences):
            for theirs in sentences[i + 1:]:
                assert not mine & theirs, cx["id"]


def test_both_sides_stand_at_or_above_the_export_threshold(analysed: Path, fused: Heron) -> None:
    with Heron(fused_copy(analysed, "gated.db", Settings())) as gated:
        floor = gated.settings.contradiction_floor
        assert floor == gated.settings.min_confidence > 0  # the shipped threshold gates
        found = gated.contradictions()
        for cx in found:
            for side in cx["sides"]:  # rule-read stances ("has not confirmed") carry no score
                assert all(s["confidence"] is None or s["confidence"] >= floor
                           for s in side["sources"]), cx["id"]
    everything = {cx["id"] for cx in fused.contradictions()}
    assert {cx["id"] for cx in found} <= everything
    weak = [cx for cx in fused.contradictions() if any(
        s["confidence"] is not None and s["confidence"] < floor
        for side in cx["sides"] for s in side["sources"])]
    assert weak  # the ungated run does rest on weak evidence somewhere: the gate was tested


def test_every_contradiction_names_its_rule_and_a_checkable_evidence_pair(fused: Heron) -> None:
    for cx in fused.contradictions():
        assert cx["rule"]
        first, second = cx["evidence"]
        assert first["source"] != second["source"] and sentence(first) != sentence(second)
        homes = [next(i for i, side in enumerate(cx["sides"]) if e in side["sources"])
                 for e in (first, second)]
        assert homes[0] != homes[1], cx["id"]  # one sentence for each of two sides
        for e in (first, second):  # the quoted sentence is the article's own text
            text = fused.article(e["article_id"]).text
            assert text[e["sentence"]["start"]:e["sentence"]["end"]] == e["sentence"]["text"]


def test_no_fused_event_counts_a_sentence_twice(fused: Heron) -> None:
    for story in fused.stories(limit=100):
        for item in fused.timeline(story["id"]):
            sources = fused.fused_event(item["id"])["sources"]
            reporting = {sentence(s) for s in sources if s["status"] != "negated"}
            assert item["n_sources"] == len(reporting), item["label"]
            assert item["n_outlets"] <= item["n_sources"]


def test_one_outlet_updating_its_own_toll_is_not_a_contradiction(fused: Heron) -> None:
    kabul = [c for c in fused.contradictions()
             if any(s["article_id"].startswith("kabul") for side in c["sides"]
                    for s in side["sources"])]
    assert kabul == []  # AP said 12, then 14: an update, not outlets disagreeing


def test_background_mentions_fuse_only_with_background(fused: Heron) -> None:
    [story] = [s for s in fused.stories(limit=100) if "iran-reuters" in
               {a["id"] for a in fused.story(s["id"])["articles"]}]
    items = fused.timeline(story["id"])
    for item in items:
        flags = {bool(s.get("background")) for s in fused.store.fused_event_record(
            item["id"])["sources"]}
        assert len(flags) == 1, item["label"]
    # "Iran signed the agreement ... in Vienna in July 2015", told by three outlets: one
    # background event of its own, never merged with the 2018 withdrawal
    signed = [i for i in items if i["background"] and i["date"] == "2015-07"]
    assert signed and max(i["n_outlets"] for i in signed) == 3
    assert all(i["section"] == "background" for i in signed)
    [withdrawal] = [i for i in items if i["event_type"] == "RETREAT"]
    assert withdrawal["section"] == "current" and withdrawal["date"] == "2018-05-08"
    sections = fused.timeline_sections(story["id"])
    assert withdrawal["id"] in {i["id"] for i in sections["current"]}
    assert not {i["id"] for i in sections["current"]} & {i["id"] for i in signed}


def test_a_negated_clause_around_a_meeting_is_not_a_denied_meeting(fused: Heron) -> None:
    # BBC: "Macron did not restrain himself from giving his opinion ... during a meeting"
    for cx in fused.contradictions():
        for side in cx["sides"]:
            assert not any("did not restrain" in s["sentence"]["text"] for s in side["sources"])


def test_a_plan_and_its_outcome_are_linked_not_merged(fused: Heron) -> None:
    [story] = [s for s in fused.stories(limit=100) if "v-1" in
               {a["id"] for a in fused.story(s["id"])["articles"]}]
    items = {i["id"]: i for i in fused.timeline(story["id"])}
    [plan] = [i for i in items.values() if i["planned"] and i["event_type"] == "CONSULT"]
    [held] = [items[k] for k in plan["plan_links"]]
    assert not held["planned"] and held["date"] == "2025-09-10"
    assert held["plan_links"] == [plan["id"]]
    for i in items.values():  # no record mixes announced and reported mentions
        statuses = {s["planned"] for s in fused.store.fused_event_record(i["id"])["sources"]}
        assert len(statuses) == 1, i["label"]


def test_the_timeline_hides_weak_single_source_items_unless_asked(fused: Heron) -> None:
    story = fused.stories(limit=1)[0]
    brief, full = (fused.timeline_sections(story["id"], show_all=flag) for flag in (False, True))
    every = [i for name in ("current", "planned", "background") for i in full[name]]
    shown = [i for name in ("current", "planned", "background") for i in brief[name]]
    assert len(shown) + brief["n_hidden"] == len(every)
    assert all(i["n_outlets"] > 1 or i["contradiction_ids"] or not i["hidden"] for i in shown)
    assert all(not i["hidden"] for i in shown)
    assert all(i in shown for i in every if i["n_outlets"] > 1)  # corroborated: always shown


def test_the_timeline_command_shows_sections_and_toggles_hidden_items(fused: Heron, db: Path) -> None:
    [story] = [s for s in fused.stories(limit=100) if "iran-reuters" in
               {a["id"] for a in fused.story(s["id"])["articles"]}]

    def timeline(*flags: str) -> str:
        done = subprocess.run([sys.executable, "-m", "heron.cli", "timeline", story["id"], *flags,
                               "--db", str(db)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    brief, full = timeline(), timeline("--all")
    assert "Background" in brief and "2015-07" in brief  # the 2015 signing, in its own section
    n_hidden = fused.timeline_sections(story["id"])["n_hidden"]
    assert n_hidden and f"{n_hidden} single-source item(s) hidden" in brief
    assert "hidden" not in full and len(full.splitlines()) > len(brief.splitlines())


@pytest.mark.parametrize(("a", "b", "same"), [
    ("2015", "2015-07-14", True), ("2015-07", "2015-07-14", True), ("2015-07-14", "2015-07-15", True),
    ("2015", "2018-05-08", False), ("2017-03", "2017-06-12", False), ("2015-07-14", "2015-07-17", False),
    ("2017-W12", "2017-06-12", True),  # weeks, seasons: cannot exclude anything
])
def test_dates_compatible_at_the_precision_both_know(a: str, b: str, same: bool) -> None:
    from heron.fuse.dates import periods_compatible
    assert periods_compatible(a, b) is same and periods_compatible(b, a) is same


def test_the_story_page_shows_background_apart_and_toggles_hidden_items(fused: Heron,
                                                                         db: Path) -> None:
    from fastapi.testclient import TestClient

    from heron.web.app import create_app

    [story] = [s for s in fused.stories(limit=100) if "iran-reuters" in
               {a["id"] for a in fused.story(s["id"])["articles"]}]
    signed = [i for i in fused.timeline(story["id"]) if i["section"] == "background"
              and not i["hidden"]]
    with TestClient(create_app(db), base_url="http://localhost") as client:
        page = client.get(f"/stories/{story['id']}").text
        background = page[page.index('id="background"'):]
        assert signed and all(f'/events/{i["id"]}' in background for i in signed)
        assert "Show all" in page and "Hide single-source" in client.get(
            f"/stories/{story['id']}?all=1").text
