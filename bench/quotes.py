"""Quote/attribution extraction on PolNeAR dev (political news annotated with source, cue, content).

Figures (all micro-averaged over the 84 dev documents):

* content P/R/F1 under three match criteria on the words (``\\w+`` runs) the content covers,
  each with one-to-one matching of predicted to gold contents (largest shared word count first):
  - exact: the same words (so punctuation and quotation marks at the edges do not count);
  - overlap≥50%: the shared words are at least half of the gold words and half of the predicted;
  - any overlap: at least one shared word;
* cue P/R/F1: one-to-one matching of cue spans sharing at least one character;
* the overlap≥50% figures again on the relations whose cue reports speech or belief
  (see :func:`in_scope`): PolNeAR also annotates cues such as "called for" or "a poll shows",
  which are not what Heron calls a quote;
* speaker accuracy: among contents matched at overlap≥50% whose gold relation has a source, the
  fraction whose predicted speaker span overlaps the gold source span. A gold pronoun source
  ("he said") is matched by our pronoun span, which the actors component resolves to its
  antecedent (the resolution itself is not scored: PolNeAR has no coreference gold).

Every figure is given for all documents, then separately for a publisher-balanced development
split (63 documents, the only ones whose errors ``--errors`` prints) and a held-out split (21
documents, every 4th of each publisher by name) that shows whether rule changes generalise.

Run from the repository root: ``.venv/bin/python bench/quotes.py [--components actors,timexes,quotes]
[--no-record] [--errors]``.
PolNeAR has no licence: its text stays in ../shared and is never copied into the repo.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _report import DATASETS, add_no_record_flag, record  # noqa: E402
from heron.model import Article, Quote  # noqa: E402
from heron.nlp.pipeline import Pipeline  # noqa: E402

DEV = DATASETS / "polnear" / "dev.jsonl"
WORD = re.compile(r"\w+")


@dataclass
class Item:
    words: frozenset[int]  # start offsets of the words covered
    cue: list[tuple[int, int]]
    speaker: list[tuple[int, int]]
    reporting: bool = True  # gold only: the cue is a reporting expression (see in_scope)


def words_in(text: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    return frozenset(m.start() for s, e in spans for m in WORD.finditer(text, s, e))


def gold_items(doc: dict, nlp) -> list[Item]:
    text = doc["text"]
    items = []
    for relation in doc["attributions"]:
        source = relation["source"]
        items.append(Item(words_in(text, [tuple(s) for s in relation["content"]["spans"]]),
                          [tuple(s) for s in relation["cue"]["spans"]],
                          [tuple(s) for s in source["spans"]] if source else [],
                          in_scope(nlp, relation["cue"]["text"])))
    return items


# A fixed definition of the scope (independent of the component's lexicon, which may grow).
REPORTING_VERBS = frozenset("""
say tell write add insist warn stress note claim state announce declare explain argue assert
maintain contend acknowledge admit concede confirm deny report reply respond answer ask urge
suggest predict promise pledge vow threaten complain comment remark recall reiterate repeat
emphasize emphasise underline underscore indicate observe estimate tweet post caution allege
testify mention assure hint reveal disclose conclude counter retort exclaim shout recount
continue inform boast joke quip lament charge accuse demand propose reason proclaim affirm brag
concur object protest speculate stipulate submit swear tout believe think fear hope expect feel
know worry doubt suspect reckon assume find agree
""".split())


def in_scope(nlp, cue: str) -> bool:
    """PolNeAR also annotates attributions that are not statements ("called for", "wants",
    "a poll shows", nominal cues). The scoped figures keep gold relations whose cue is a verb
    of saying or believing, "according to", or punctuation (a colon or dash)."""
    if not any(c.isalpha() for c in cue):
        return True
    lemmas = {t.lemma_.lower() for t in nlp(cue)}
    return bool(lemmas & REPORTING_VERBS) or "according" in lemmas


def predicted_items(text: str, quotes: list[Quote]) -> list[Item]:
    items = []
    for quote in quotes:
        parts = quote.content_spans or [quote.content]
        speaker = [(quote.speaker.start, quote.speaker.end)] if quote.speaker else []
        cue = [(quote.cue.start, quote.cue.end)] if quote.cue else []
        items.append(Item(words_in(text, [(p.start, p.end) for p in parts]), cue, speaker))
    return items


CRITERIA = {
    "exact": lambda shared, g, p: shared == len(g) == len(p),
    "overlap≥50%": lambda shared, g, p: shared * 2 >= len(g) and shared * 2 >= len(p) and shared > 0,
    "any overlap": lambda shared, g, p: shared > 0,
}


def match(gold: list[Item], predicted: list[Item], criterion) -> list[tuple[Item, Item]]:
    """One-to-one pairs satisfying ``criterion``, largest shared word count first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            shared = len(g.words & p.words)
            if criterion(shared, g.words, p.words):
                candidates.append((shared, gi, pi))
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in sorted(candidates, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], predicted[pi]))
    return pairs


def overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def cue_matches(gold: list[Item], predicted: list[Item]) -> int:
    used, hits = set(), 0
    for g in gold:
        for pi, p in enumerate(predicted):
            if pi not in used and overlaps(g.cue, p.cue):
                used.add(pi)
                hits += 1
                break
    return hits


def prf(hits: int, n_pred: int, n_gold: int) -> str:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def _time_component(pipeline: Pipeline, name: str) -> list[float]:
    """Wrap the named component so that its own run time is collected (seconds per call)."""
    spent: list[float] = []
    pipe = pipeline.nlp.get_pipe(f"heron_{name}")  # a HeronStage wrapping the component
    pipe.component = _Timed(pipe.component, spent)
    return spent


class _Timed:
    def __init__(self, component, spent: list[float]):
        self.component, self.spent, self.name = component, spent, component.name

    def __call__(self, ctx) -> None:
        started = time.perf_counter()
        self.component(ctx)
        self.spent.append(time.perf_counter() - started)


HELD_OUT_EVERY = 4  # every 4th document of each publisher (by name) is held out: 63 / 21


def split_of(docs: list[dict]) -> dict[str, str]:
    """Publisher-balanced development / held-out split: rules are developed looking only at the
    development documents; the held-out ones show whether changes generalise."""
    by_publisher: dict[str, list[str]] = {}
    for doc in docs:
        by_publisher.setdefault(doc["publisher"], []).append(doc["doc_id"])
    return {doc_id: "held-out" if k % HELD_OUT_EVERY == HELD_OUT_EVERY - 1 else "development"
            for ids in by_publisher.values() for k, doc_id in enumerate(sorted(ids))}


@dataclass
class Tally:
    """Counts of one set of documents, for every figure."""

    docs: int = 0
    gold: int = 0
    pred: int = 0
    cue_hits: int = 0
    pred_cues: int = 0
    speaker_right: int = 0
    speaker_total: int = 0
    scoped_hits: int = 0
    scoped_gold: int = 0
    scoped_pred: int = 0
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CRITERIA, 0))

    def add(self, gold: list[Item], predicted: list[Item]) -> None:
        self.docs += 1
        self.gold += len(gold)
        self.pred += len(predicted)
        for name, criterion in CRITERIA.items():
            pairs = match(gold, predicted, criterion)
            self.hits[name] += len(pairs)
            if name == "overlap≥50%":
                with_source = [(g, p) for g, p in pairs if g.speaker]
                self.speaker_total += len(with_source)
                self.speaker_right += sum(overlaps(g.speaker, p.speaker) for g, p in with_source)
                self.scoped_gold += sum(g.reporting for g in gold)
                self.scoped_hits += sum(g.reporting for g, _ in pairs)
                # Predictions that found an out-of-scope relation are neither right nor wrong here.
                self.scoped_pred += len(predicted) - sum(not g.reporting for g, _ in pairs)
        self.cue_hits += cue_matches(gold, predicted)
        self.pred_cues += sum(bool(p.cue) for p in predicted)

    def lines(self, scoped: bool = True) -> list[str]:
        lines = [f"- content, {name}: {prf(hit, self.pred, self.gold)}"
                 for name, hit in self.hits.items()]
        lines.append(f"- cue (character overlap): {prf(self.cue_hits, self.pred_cues, self.gold)}")
        if scoped:
            lines.append(f"- content, overlap≥50%, reporting cues only ({self.scoped_gold} gold "
                         f"relations whose cue is a verb of saying/believing, 'according to' or "
                         f"punctuation): {prf(self.scoped_hits, self.scoped_pred, self.scoped_gold)}")
        accuracy = self.speaker_right / self.speaker_total if self.speaker_total else 0.0
        lines.append(f"- speaker accuracy (overlap≥50% content matches with a gold source): "
                     f"{accuracy:.3f} ({self.speaker_right}/{self.speaker_total})")
        return lines


def show_errors(doc: dict, gold: list[Item], predicted: list[Item]) -> None:
    """Print the unmatched gold and predicted contents of one development document."""
    text = doc["text"]
    pairs = match(gold, predicted, CRITERIA["overlap≥50%"])
    matched_g = {id(g) for g, _ in pairs}
    matched_p = {id(p) for _, p in pairs}

    def show(item: Item) -> str:
        cue = " / ".join(text[s:e] for s, e in item.cue)
        words = sorted(item.words)
        body = text[words[0]:words[-1] + 20] if words else ""
        return f"[{cue}] {body[:160]!r}"

    for g in gold:
        if id(g) not in matched_g:
            print(f"MISS {doc['doc_id'][:30]} {show(g)}")
    for p in predicted:
        if id(p) not in matched_p:
            print(f"FALSE {doc['doc_id'][:30]} {show(p)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--components", default="actors,timexes,quotes",
                        help="pipeline components to run (quotes reads what earlier ones found)")
    add_no_record_flag(parser)
    parser.add_argument("--min-confidence", type=float, default=None,
                        help="score quotes at or above this confidence (default: Heron's quote "
                             "export threshold; 0 scores every quote found)")
    parser.add_argument("--data", type=Path, default=DEV,
                        help="PolNeAR dev JSONL (default: ../shared/datasets/polnear/dev.jsonl "
                             "beside the repository)")
    parser.add_argument("--errors", action="store_true",
                        help="print missed and false contents (overlap≥50%%) of the development "
                             "documents only, never of the held-out ones")
    args = parser.parse_args()
    docs = [json.loads(line) for line in args.data.read_text().splitlines() if line.strip()]
    split = split_of(docs)
    pipeline = Pipeline(components=tuple(args.components.split(",")))
    articles = [Article(id=d["doc_id"], text=d["text"], raw_text=d["text"], published=d["date"])
                for d in docs]
    quotes_seconds = _time_component(pipeline, "quotes")
    started = time.perf_counter()
    analyses = list(pipeline.analyse(articles))
    seconds = time.perf_counter() - started

    threshold = exported_threshold(args.min_confidence)
    tallies = {"all": Tally(), "development": Tally(), "held-out": Tally()}
    for doc, analysis in zip(docs, analyses, strict=True):
        gold = gold_items(doc, pipeline.nlp)
        predicted = predicted_items(doc["text"], exported(analysis.quotes, threshold))
        tallies["all"].add(gold, predicted)
        tallies[split[doc["doc_id"]]].add(gold, predicted)
        if args.errors and split[doc["doc_id"]] == "development":
            show_errors(doc, gold, predicted)

    total = tallies["all"]
    lines = [f"PolNeAR dev: {len(docs)} documents, {total.gold} gold attributions, {total.pred} "
             f"predicted (components: {args.components}; {seconds:.1f} s including parsing, of "
             f"which the quotes component {sum(quotes_seconds) * 1000 / len(docs):.1f} "
             f"ms/document; quotes at confidence ≥ {threshold:g})", ""]
    for name, tally in tallies.items():
        lines += ["", f"{name} ({tally.docs} documents, {tally.gold} gold):"] if name != "all" else []
        lines += tally.lines()
    record("Quotes: PolNeAR dev attribution extraction", lines, dry_run=args.no_record)


def exported(quotes: list[Quote], threshold: float) -> list[Quote]:
    """The quotes Heron exports: statements at or above the threshold, and negated ones."""
    return [q for q in quotes if q.negated or q.confidence >= threshold]


def exported_threshold(given: float | None) -> float:
    """The quote confidence scored: as given, else what Heron exports by default."""
    if given is not None:
        return given
    from heron.config import Settings

    return Settings().quote_min_confidence


if __name__ == "__main__":
    main()
