"""Quote extraction on Heron's own annotated sample of VOA stories (public domain, shipped in
``bench/data/voa_quotes.jsonl``; guideline in ``bench/data/VOA_QUOTES.md``).

Unlike PolNeAR, the sample is international and conflict news, the annotation follows what Heron
calls a quote, and it records the fields PolNeAR lacks. Figures:

* content P/R/F1 (exact, overlap≥50%, any overlap) and cue P/R/F1, matched exactly as in
  ``bench/quotes.py``;
* over the contents matched at overlap≥50%: speaker span accuracy (as in ``bench/quotes.py``),
  speaker identity (see :func:`same_speaker`), ``direct`` accuracy, and P/R of the stated
  ``channel``, ``via`` and ``date`` (a value counts when both sides state the same one).

Eleven of the twenty stories are also in the gold corpus's train split, on which the learned quote
models are trained: the figures are also given for the stories outside it. Quotes are scored at
Heron's quote export threshold (``--min-confidence`` to change it).

The annotators did not look at Heron's output. The speaker errors on seven of the stories
(``INSPECTED``) were looked at while the actors' coreference was improved, so figures are also
given for the other stories alone, which no rule was written from: keep it that way (``--errors``
prints the inspected stories only).

Run from the repository root: ``.venv/bin/python bench/quotes_voa.py [--no-record] [--errors]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _report import add_no_record_flag, record  # noqa: E402
from heron.model import Article, Quote  # noqa: E402
from heron.nlp.actors.index import NameIndex  # noqa: E402
from heron.nlp.actors.kb import load_kb  # noqa: E402
from heron.nlp.pipeline import Pipeline  # noqa: E402
from quotes import (  # noqa: E402
    CRITERIA,
    Item,
    Tally,
    exported,
    exported_threshold,
    match,
    show_errors,
    words_in,
)

DATA = Path(__file__).resolve().parent / "data" / "voa_quotes.jsonl"
# Channel names that mean the same occasion.
CHANNEL_SYNONYMS = {"press conference": "news conference", "news briefing": "press briefing",
                    "briefing": "press briefing", "twitter": "x", "post": "social media"}
NAME_WORD = re.compile(r"[a-z0-9]+")


@dataclass
class Annotated(Item):
    """A gold or predicted attribution with the fields beyond its spans."""

    name: str | None = None
    actor_id: str | None = None  # predicted only
    country: str | None = None  # predicted only
    direct: bool = False
    channel: str | None = None
    via: str | None = None
    date: str | None = None


def gold_items(doc: dict) -> list[Annotated]:
    text = doc["text"]
    return [Annotated(words_in(text, [tuple(s) for s in a["content"]]), [tuple(a["cue"])],
                      [tuple(a["speaker"])] if a.get("speaker") else [], name=a.get("speaker_name"),
                      direct=a["direct"], channel=a.get("channel"), via=a.get("via"), date=a.get("date"))
            for a in doc["attributions"]]


def predicted_items(text: str, quotes: list[Quote]) -> list[Annotated]:
    items = []
    for quote in quotes:
        parts = quote.content_spans or [quote.content]
        speaker = quote.speaker
        items.append(Annotated(words_in(text, [(p.start, p.end) for p in parts]),
                               [(quote.cue.start, quote.cue.end)],
                               [(speaker.start, speaker.end)] if speaker else [],
                               name=speaker.name if speaker else None,
                               actor_id=speaker.actor_id if speaker else None,
                               country=speaker.country if speaker else None, direct=quote.direct,
                               channel=quote.channel, via=quote.via, date=quote.date))
    return items


ENTITY_KINDS = frozenset({"person", "igo", "group"})


class SpeakerJudge:
    """Whether the speaker Heron resolved is the one the annotator named (``speaker_name``)."""

    def __init__(self) -> None:
        self.index = NameIndex(load_kb())

    def same_speaker(self, gold: Annotated, predicted: Annotated) -> bool:
        """A name the KB knows ("Doctors Without Borders", "al-Shabab") must be that KB actor.
        Otherwise the names must agree in words (same last word, one name's words within the
        other's, or ours the initials of the annotated one: "NISA"), and a country the annotated
        name states ("Pakistani authorities", "Government of Pakistan") must be ours or unstated
        by us; a country-level actor of that country ("Pakistan (GOV)") agrees too."""
        if not gold.name or not predicted.name:
            return False
        targets = self.index.lookup(gold.name, cased=False)
        if ids := {t.ref for t in targets if t.kind in ENTITY_KINDS}:
            return predicted.actor_id in ids
        words = NAME_WORD.findall(gold.name.lower())
        countries = {t.ref for w in words for t in self.index.lookup(w, cased=False)
                     if t.kind not in ENTITY_KINDS}
        if countries and predicted.country in countries:
            return True
        ours = NAME_WORD.findall(predicted.name.lower())
        initials = "".join(w[0] for w in words if w not in ("and", "of", "the", "for"))
        agree = bool(words and ours) and (words[-1] == ours[-1] or set(words) <= set(ours)
                                          or set(ours) <= set(words) or initials.startswith(ours[0]))
        return agree and (not countries or predicted.country is None)


def gold_train_ids() -> set[str]:
    """Stories of this sample that are also in the gold corpus's train split, on which the learned
    quote models were trained: the figures are also given without them."""
    path = DATA.parent / "gold" / "train.jsonl"
    if not path.exists():
        return set()
    with path.open(encoding="utf-8") as fh:
        return {json.loads(line)["doc_id"].split("/")[-1] for line in fh if line.strip()}


def channel(value: str | None) -> str | None:
    return CHANNEL_SYNONYMS.get(value.lower(), value.lower()) if value else None


def outlet(value: str | None) -> str | None:
    return value.lower().removeprefix("the ") if value else None


FIELDS = {"channel": channel, "via": outlet, "date": lambda v: v}
# Stories whose speaker errors were inspected during development (see the module docstring).
INSPECTED = frozenset("6180206 6183254 7810159 8005797 8006651 8008152 8008697".split())


@dataclass
class FieldTally:
    """Agreement on the fields of matched attributions."""

    pairs: int = 0
    speaker_total: int = 0
    speaker_named: int = 0
    direct_right: int = 0
    stated: dict[str, list[int]] = field(  # name → [both state the same, gold states, we state]
        default_factory=lambda: {name: [0, 0, 0] for name in FIELDS})

    def add(self, pairs: list[tuple[Annotated, Annotated]], judge: SpeakerJudge) -> None:
        for gold, predicted in pairs:
            self.pairs += 1
            self.direct_right += gold.direct == predicted.direct
            if gold.name:
                self.speaker_total += 1
                self.speaker_named += judge.same_speaker(gold, predicted)
            for name, normal in FIELDS.items():
                g, p = normal(getattr(gold, name)), normal(getattr(predicted, name))
                counts = self.stated[name]
                counts[0] += g is not None and g == p
                counts[1] += g is not None
                counts[2] += p is not None

    def lines(self) -> list[str]:
        lines = [f"- speaker identity (the annotated speaker): "
                 f"{self.speaker_named / max(1, self.speaker_total):.3f} "
                 f"({self.speaker_named}/{self.speaker_total})",
                 f"- direct/indirect: {self.direct_right / max(1, self.pairs):.3f} "
                 f"({self.direct_right}/{self.pairs})"]
        for name, (same, gold, ours) in self.stated.items():
            p, r = same / ours if ours else 0.0, same / gold if gold else 0.0
            lines.append(f"- {name}: P {p:.3f}  R {r:.3f} (stated in {gold} gold, {ours} ours, "
                         f"{same} agree)")
        return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_no_record_flag(parser)
    parser.add_argument("--errors", action="store_true", help="print missed and false contents")
    parser.add_argument("--min-confidence", type=float, default=None,
                        help="score quotes at or above this confidence (default: Heron's quote "
                             "export threshold; 0 scores every quote found)")
    args = parser.parse_args()
    docs = [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]
    pipeline = Pipeline(components=("actors", "timexes", "quotes"))
    articles = [Article(id=d["id"], text=d["text"], raw_text=d["text"], published=d["published"][:10])
                for d in docs]
    judge = SpeakerJudge()
    threshold = exported_threshold(args.min_confidence)
    trained_on = gold_train_ids()
    parts = {"all": (Tally(), FieldTally()), "never inspected": (Tally(), FieldTally()),
             "inspected": (Tally(), FieldTally()), "not in the gold train split": (Tally(), FieldTally())}
    for doc, analysis in zip(docs, pipeline.analyse(articles), strict=True):
        said = exported(analysis.quotes, threshold)
        gold, predicted = gold_items(doc), predicted_items(doc["text"], said)
        pairs = match(gold, predicted, CRITERIA["overlap≥50%"])
        names = ["all", "inspected" if doc["id"] in INSPECTED else "never inspected"]
        if doc["id"] not in trained_on:
            names.append("not in the gold train split")
        for name in names:
            parts[name][0].add(gold, predicted)
            parts[name][1].add(pairs, judge)
        if args.errors and doc["id"] in INSPECTED:
            show_errors({**doc, "doc_id": doc["id"]}, gold, predicted)
    lines = [f"quotes at confidence ≥ {threshold:g}", ""]
    for name, (tally, fields) in parts.items():
        lines += [f"{name}: {tally.docs} stories, {tally.gold} annotated attributions, {tally.pred} "
                  f"predicted"] + tally.lines(scoped=False) + fields.lines() + [""]
    record("Quotes: annotated VOA sample", lines[:-1], dry_run=args.no_record)


if __name__ == "__main__":
    main()
