"""The gold corpus tooling: annotation files resolve to offsets with clear errors, and the scorer
(bench/gold.py) computes the documented figures — on a hand-made prediction whose every figure is
known, and end to end on the real pipeline. Needs no ../shared data (tiny fixture in tests/data)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import gold  # noqa: E402
import gold_tool  # noqa: E402
from heron.model import Actor, ActorRef, Analysis, Event, Mention, Quote, Span  # noqa: E402

FIXTURE = Path(__file__).parent / "data" / "gold"


@pytest.fixture()
def docs() -> dict:
    with (FIXTURE / "docs.jsonl").open() as fh:
        return {d["doc_id"]: d for d in map(json.loads, fh)}


@pytest.fixture()
def annotation() -> dict:
    return json.loads((FIXTURE / "annotation.json").read_text())


@pytest.fixture()
def record(docs, annotation) -> dict:
    rec, errors = gold_tool.resolve(annotation, docs)
    assert errors == []
    doc = docs["fixture/1"]
    rec.update(text=doc["text"], sentences=doc["sentences"])
    return rec


def test_annotation_resolves_to_offsets(record):
    text = record["text"]
    arrest = record["events"][0]
    assert text[arrest["trigger"]["start"]:arrest["trigger"]["end"]] == "arrested"
    assert arrest["date_text"]["text"] == "on Monday"
    # A [first, last] pair spans from the first part to the end of the last part.
    assert record["quotes"][1]["content"]["text"] == (
        "the government would meet opposition leaders next week")
    # A speaker pronoun is searched from its sentence onward, not from the document start.
    she = record["quotes"][1]["speaker"]
    assert text[she["start"]:she["end"]] == "She" and record["quotes"][1]["sentence"] == 2
    assert [m["sentence"] for m in record["mentions"]] == [0, 0, 1, 2, 2, 2, 3, 3]


def test_occurrence_picks_the_nth_match(docs):
    doc = docs["fixture/1"]
    first = gold_tool.find_span(doc["text"], doc["sentences"], 3, "police")
    # "police" occurs once from sentence 3 on; asking for the second one is an error.
    assert doc["text"][first[0]:first[1]] == "police"
    with pytest.raises(gold_tool.SpanError, match="occurrence 2"):
        gold_tool.find_span(doc["text"], doc["sentences"], 3, "police", occ=2)


@pytest.mark.parametrize(("change", "message"), [
    (lambda a: a["events"][0].update(type="ATTACK"), "not a PLOVER type"),
    (lambda a: a["events"][0].update(actor=["e9"]), "known entity ids"),
    (lambda a: a["mentions"].append([1, "Mr Nobody", "e1"]), "'Mr Nobody' (occurrence 1) not found"),
    (lambda a: a["events"][1].update(date="next week"), "must be YYYY"),
    (lambda a: a["entities"][0].update(sector="POLICE"), "sector 'POLICE' unknown"),
    (lambda a: a["quotes"][0].update(content=None), "needs content"),
    (lambda a: a["mentions"].append([0, "Kenyan police", "e2"]), "linked to two entities"),
])
def test_bad_annotations_get_clear_errors(docs, annotation, change, message):
    change(annotation)
    _, errors = gold_tool.resolve(annotation, docs)
    assert any(message in e for e in errors), errors


def ref(text: str, record: dict, actor: str | None, country: str | None, occ: int = 1) -> ActorRef:
    start = -1
    for _ in range(occ):
        start = record["text"].index(text, start + 1)
    return ActorRef(actor, text, country, "GOV", start, start + len(text), text)


def span(record: dict, text: str) -> Span:
    start = record["text"].index(text)
    return Span(start, start + len(text), text)


def event(record: dict, trigger: str, typ: str, status: str, actors: list[ActorRef],
          recipients: list[ActorRef], date: str | None = None) -> Event:
    return Event(id=trigger, article_id="fixture/1", sentence=0, sentence_span=Span(0, 0, ""),
                 event_type=typ, mode=None, context=[], actors=actors, recipients=recipients,
                 trigger=span(record, trigger), pattern="test", confidence=0.8, status=status,
                 date=date, date_precision="day" if date else "reported")


def mention(r: ActorRef) -> Mention:
    return Mention(id=r.text, article_id="fixture/1", start=r.start, end=r.end, text=r.text,
                   kind="X", sentence=0, actor_id=r.actor_id, name=r.text, country=r.country)


@pytest.fixture()
def analysis(record) -> Analysis:
    police = ref("Kenyan police", record, "a1", "KEN")
    protesters = ref("20 protesters", record, None, "KEN")
    doe = ref("Jane Doe", record, "a2", "KEN")
    she = ref("She", record, "a2", "KEN")
    wrong = ref("Protesters", record, "a3", "RUS")
    the_police = ref("the police", record, "a1", "KEN")
    events = [
        event(record, "arrested", "COERCE", "asserted", [police], [protesters], "2025-03-10"),
        event(record, "meet", "AGREE", "future", [], []),  # codes missing: type right, codes wrong
        event(record, "brutality", "ASSAULT", "asserted", [], []),  # a false event; ACCUSE missed
    ]
    quotes = [
        Quote(id="q1", article_id="fixture/1", sentence=1, speaker=doe, cue=span(record, "said"),
              content=span(record, "the arrests were lawful"), direct=False),
        Quote(id="q2", article_id="fixture/1", sentence=3, speaker=wrong, cue=None,
              content=span(record, "Protesters accused the police of brutality"), direct=False),
    ]
    actors = [Actor("a1", "Kenyan police", "KEN", "COP", "organization"),
              Actor("a2", "Jane Doe", "KEN", "GOV", "person"),
              Actor("a3", "Protesters", "RUS", "CVL", "group")]
    mentions = [mention(r) for r in (police, doe, she, wrong, the_police)]
    return Analysis(article_id="fixture/1", mentions=mentions, actors=actors, events=events, quotes=quotes)


def test_scorer_figures_on_a_known_prediction(record, analysis):
    t = gold.score_document(record, gold.prediction_from(analysis, record))
    assert sum(t.ev_gold.values()) == 3 and sum(t.ev_pred.values()) == 3
    assert dict(t.ev_hit) == {"COERCE": 1, "AGREE": 1}
    assert t.ev_hit_codes == 1  # only the arrest has the right actor and recipient codes
    assert t.status_right == 2
    assert (t.date_gold_day, t.date_right) == (1, 1)  # "next week" is a week, not a day
    assert (t.q_gold, t.q_pred, t.q_hit, t.cue_hit) == (2, 2, 1, 1)
    assert (t.spk_total, t.spk_right) == (1, 1)
    assert (t.m_gold, t.m_aligned, t.link_right) == (8, 5, 5)
    assert (t.with_country, t.wrong_country, t.unsupported_country) == (5, 1, 0)
    assert t.b3_p == pytest.approx(5) and t.b3_r == pytest.approx(5)  # perfect chains
    lines = "\n".join(gold.report(t, "fixture"))
    assert "| (a) event type P / R / F1 | 0.667 / 0.667 / 0.667 |" in lines
    assert "| (b) type + actor + recipient codes P / R / F1 | 0.333 / 0.333 / 0.333 |" in lines


def test_confidence_threshold_drops_events(record, analysis):
    analysis.events[2].confidence = 0.3
    t = gold.score_document(record, gold.prediction_from(analysis, record, min_confidence=0.5))
    assert sum(t.ev_pred.values()) == 2 and sum(t.ev_hit.values()) == 2


def test_b3_splits_and_merges():
    # Two gold entities merged into one predicted cluster: recall stays, precision drops.
    p, r = gold.b3([("e1", "a"), ("e1", "a"), ("e2", "a")])
    assert r == pytest.approx(3) and p == pytest.approx(2 / 3 * 2 + 1 / 3)


def test_scorer_runs_the_real_pipeline(record):
    tallies = gold.score([record], gold.run_heron([record]), min_confidence=0.0)
    t = tallies["full"]
    assert t.docs == 1 and sum(t.ev_pred.values()) >= 1
    # "Kenyan police arrested 20 protesters" is an unambiguous COERCE.
    assert t.ev_hit["COERCE"] == 1
    assert t.q_hit >= 1
