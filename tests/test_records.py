"""The typed JSON records (heron.records) describe what is really stored and served: records
that mirror a dataclass of the document model have its fields, and the seeds' stored fusion
records and read views have exactly the keys their types declare."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from typing_extensions import is_typeddict

from heron import model, records
from heron.api import Heron


@pytest.mark.parametrize(("record", "dataclass"), [
    (records.SpanRecord, model.Span), (records.ActorRefRecord, model.ActorRef),
    (records.QuoteRecord, model.Quote),
    (records.EventPlace, model.Place)])
def test_mirrors_have_the_fields_of_their_dataclass(record: Any, dataclass: Any) -> None:
    assert list(record.__annotations__) == [f.name for f in fields(dataclass)] or \
        set(record.__annotations__) == {f.name for f in fields(dataclass)}


def keys_ok(value: dict[str, Any], record: Any) -> None:
    """``value`` has every required key of ``record`` and no key it does not declare."""
    assert is_typeddict(record)
    declared = set(record.__required_keys__) | set(record.__optional_keys__)
    assert set(record.__required_keys__) <= set(value), (record.__name__, value.keys())
    assert set(value) <= declared, (record.__name__, set(value) - declared)


def test_stored_fusion_records_have_the_declared_keys(seeded: Path) -> None:
    with Heron(seeded, readonly=True) as h:
        stories = h.store.story_records(limit=-1)
        fused = h.store.fused_event_records()
        claims = h.store.claim_records()
    assert stories and fused and claims
    for story in stories:
        keys_ok(story, records.Story)
        keys_ok(story["data"], records.StoryData)
    for event in fused:
        keys_ok(event, records.FusedEvent)
        for source in event["sources"]:
            keys_ok(source, records.Source)
        for attribute in event["consensus"].values():
            keys_ok(attribute, records.Consensus)
            for said in attribute["per_source"]:
                keys_ok(said, records.PerSource)
        for stance in event["stances"]:
            keys_ok(stance, records.Stance)
        for party in event["actors"] + event["recipients"]:
            keys_ok(party, records.Participant)
    for claim in claims:
        keys_ok(claim, records.Claim)
        for relay in claim["sources"]:
            keys_ok(relay, records.ClaimSource)


def test_read_views_have_the_declared_keys(seeded: Path) -> None:
    with Heron(seeded, readonly=True) as h:
        story_id = h.stories()[0]["id"]
        keys_ok(h.story(story_id), records.StoryView)
        items = h.timeline(story_id)
        for item in items:
            keys_ok(item, records.TimelineItem)
        fused = h.fused_event(items[0]["id"])
        keys_ok(fused, records.FusedEventView)
        for source in fused["sources"]:
            keys_ok(source, records.SourceView)
        actor = h.actor("volodymyr-zelenskyy")
        keys_ok(actor, records.ActorView)
        for row in actor["events_as_actor"]:
            keys_ok(row, records.EventRow)
        for quote in actor["quotes"]:
            keys_ok(quote, records.QuoteRecord)
        for hit in h.search("Zelensky"):
            keys_ok(hit, records.SearchHit)
        for summary in h.article_summaries().items:
            keys_ok(summary, records.ArticleSummary)


def test_a_stray_key_is_found() -> None:
    with pytest.raises(AssertionError):
        keys_ok({"start": 0, "end": 1, "text": "a", "stray": 1}, records.SpanRecord)
    with pytest.raises(AssertionError):
        keys_ok({"start": 0, "end": 1}, records.SpanRecord)
