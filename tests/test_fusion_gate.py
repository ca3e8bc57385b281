"""The fusion gate through the real pipeline, on an invented two-outlet story: two outlets
report one arrest; one of them also uses "arrest" in another sense ("a way to arrest the
opposition's momentum"), a mention the event model scores below the export threshold. With the
gate at the export threshold (``fusion_min_confidence=None``; the default floor is 0.5), only
mentions at or above it join or seed a fused event of several mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from heron.api import Heron
from heron.config import Settings
from heron.records import FusedEvent

STORY = Path(__file__).parent / "data" / "two_outlet_arrest.jsonl"


def fused_events(tmp_path: Path, settings: Settings) -> list[FusedEvent]:
    with Heron(tmp_path / "gate.db", settings) as h:
        h.ingest([STORY])
        return h.store.fused_event_records()


def arrest_triggers(fused: list[FusedEvent]) -> list[str]:
    [arrest] = [f for f in fused if f["event_type"] == "COERCE" and f["n_outlets"] == 2]
    return sorted(s["trigger"]["text"] for s in arrest["sources"])


@pytest.fixture(scope="module")
def gated(tmp_path_factory: pytest.TempPathFactory, nlp) -> tuple[float, list[FusedEvent]]:
    settings = Settings(fusion_min_confidence=None)
    return settings.fusion_floor, fused_events(tmp_path_factory.mktemp("gated"), settings)


def test_the_confident_reports_of_both_outlets_fuse(gated) -> None:
    _, fused = gated
    # "condemned the arrest / the detention" score just under the shipped model's export
    # threshold (0.723 and 0.715 against 0.74), so only the two verbs reach it.
    assert arrest_triggers(fused) == ["arrested", "arrested"]
    [condemned] = [f for f in fused if f["event_type"] == "ACCUSE"]
    assert condemned["n_outlets"] == 2


def test_no_mention_below_the_threshold_is_in_an_event_of_several(gated) -> None:
    floor, fused = gated
    assert floor == Settings().min_confidence  # None: the export threshold
    for f in fused:
        weak = [s for s in f["sources"] if s["confidence"] < floor]
        assert not weak or len(f["sources"]) == 1, f["id"]


def test_without_the_gate_the_other_sense_joins_the_arrest(tmp_path: Path, nlp) -> None:
    fused = fused_events(tmp_path, Settings(fusion_min_confidence=0.0))
    assert arrest_triggers(fused) == ["arrest", "arrest", "arrested", "arrested", "detention"]
