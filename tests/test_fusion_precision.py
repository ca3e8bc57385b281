"""What a blind audit of fusion found wrong, on invented stories through the real pipeline:
a figure counts what it is attached to (the injured are not the dead; a depth in miles or a
GMT time is no disagreement with a depth in km), a habit is not one act, and a mention with
no participant joins an event only in the same sense of its word."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import every_mention_takes_a_side
from heron.api import Heron
from heron.fuse.claims import figures

DATA = Path(__file__).parent / "data"


def ingest(folder: Path, name: str) -> Heron:
    h = Heron(folder / f"{name}.db", every_mention_takes_a_side())
    h.ingest([DATA / f"precision_{name}.jsonl"])
    return h


def sources(h: Heron) -> list[list[dict]]:
    return [h.fused_event(i["id"])["sources"]
            for story in h.stories() for i in h.timeline(story["id"])]


def test_the_injured_are_not_counted_as_dead(tmp_path: Path, nlp) -> None:
    with ingest(tmp_path, "casualties") as h:
        headline = [s for event in sources(h) for s in event
                    if s["sentence"]["text"].startswith("1 dead, 2 hurt")]
        assert headline and all((s["killed"], s["injured"]) == (1, 2) for s in headline)
        assert not [c for c in h.contradictions() if c["attribute"] == "killed"]


def test_a_relay_adding_a_time_and_a_conversion_does_not_disagree(tmp_path: Path, nlp) -> None:
    with ingest(tmp_path, "quotes") as h:
        [claim] = h.claims()
        assert claim["n_outlets"] == 2 and h.contradictions() == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The 6. 1-magnitude quake struck at a depth of 10 kilometers",
     {"magni": {"6.1"}, "kilom": {"10"}}),
    ("It struck at 0737 GMT at a depth of 10 kilometres (6. 2 miles)",
     {"gmt": {"0737"}, "kilom": {"10"}, "miles": {"6.2"}}),
    ("30 countries and 1,200 troops by 6:00 p.m.", {"count": {"30"}, "troop": {"1200"},
                                                    "p": {"6"}}),
    ("1200 troops by 6 p.m. and 6:30 p.m.", {"troop": {"1200"}, "p": {"6", "6:30"}}),
    ("No figure at all", {}),
])
def test_figures_are_read_with_what_they_count(text: str, expected: dict) -> None:
    assert figures(text) == expected


def test_a_habit_and_another_sense_of_the_word_stay_apart(tmp_path: Path, nlp) -> None:
    with ingest(tmp_path, "trial") as h:
        texts = [{s["sentence"]["text"] for s in event} for event in sources(h)]
        # "Holt repeatedly objected" is many objections, not Friday's
        [friday] = [t for t in texts if any("FBI" in x for x in t)]
        assert not any("repeatedly" in x for x in friday) and len(friday) == 2
        # "a refusal to testify can lead to contempt charges" is no report of Holt's refusal
        assert not any(any("refused" in x for x in t) and any("refusal" in x for x in t)
                       for t in texts)
