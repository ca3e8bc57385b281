"""Quote errors by category on a gold corpus split (train or dev; the test split is refused).

Runs Heron over the split (or reuses the analyses pickled by an earlier run with ``--cache``),
scores the exported quotes exactly as ``bench/gold.py`` does, and sorts every gold quote with
content and every exported statement into one category:

Content
  ``found``            paired with an exported statement (overlap≥50% of both, as gold.py)
  ``missed``           no exported statement takes it; ``missed, below threshold`` when a quote
                       below the export threshold would have been paired
  ``spurious``         an exported statement paired with no gold quote
Cue (over the content pairs; only ``cue hit`` counts in gold.py's cue figures)
  ``cue hit exact`` / ``cue hit, predicted longer`` / ``… shorter`` / ``… shifted``
  ``gold quote without a cue`` (a colon statement: gold.py can never count it as a cue hit)
  ``cue elsewhere``    the predicted cue does not overlap the gold cue
Speaker identity (over the content pairs whose gold quote has a speaker entity)
  ``speaker right``, or the wrong ones by the gold speaker phrase: ``pronoun``, ``name`` (a
  proper name), ``unnamed role/group`` (anything else), each split by whether the predicted
  speaker span overlaps the gold speaker phrase.

Run from the repository root::

    .venv/bin/python bench/quote_errors.py --split train [--cache /tmp/x.pkl] [--examples 5]
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from gold import (  # noqa: E402 (after the path set-up)
    GOLD_DIR,
    SPEAKER_PRONOUNS,
    Prediction,
    PredQuote,
    actor_map,
    align_mentions,
    export_threshold,
    load_split,
    overlap,
    prediction_from,
    quote_export_threshold,
    report,
    run_heron,
    score,
    word_pairs,
    words_in,
)

Examples = dict[str, list[str]]


def analyses_for(records: list[dict[str, Any]], cache: Path | None) -> list[Any]:
    """Heron's analyses of ``records``, from ``cache`` when it was written for the same
    documents by the same code (commit and uncommitted changes), else computed and saved."""
    key = cache_key(records)
    if cache is not None and cache.exists():
        with cache.open("rb") as fh:
            saved = pickle.load(fh)
        if isinstance(saved, dict) and saved.get("key") == key:
            return saved["analyses"]
        print(f"{cache} was written for other documents or code: recomputing", file=sys.stderr)
    analyses = list(run_heron(records))
    if cache is not None:
        with cache.open("wb") as fh:
            pickle.dump({"key": key, "analyses": analyses}, fh)
    return analyses


def cache_key(records: list[dict[str, Any]]) -> str:
    """The documents and the code state (HEAD plus the diff of src/) the analyses depend on."""
    root = Path(__file__).resolve().parents[1]
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                              text=True).stdout
    digest = hashlib.sha256(git("rev-parse", "HEAD").encode() + git("diff", "HEAD", "--", "src").encode())
    for r in records:
        digest.update(r["doc_id"].encode())
    return digest.hexdigest()


def cue_category(gold: dict[str, Any], pred: PredQuote) -> str:
    if not gold.get("cue"):
        return "gold quote without a cue"
    if pred.cue is None:
        return "no predicted cue"
    g = (gold["cue"]["start"], gold["cue"]["end"])
    if overlap(g, pred.cue) == 0:
        return "cue elsewhere"
    if g == pred.cue:
        return "cue hit exact"
    if pred.cue[0] <= g[0] and pred.cue[1] >= g[1]:
        return "cue hit, predicted longer"
    if pred.cue[0] >= g[0] and pred.cue[1] <= g[1]:
        return "cue hit, predicted shorter"
    return "cue hit, shifted"


def speaker_category(gold: dict[str, Any], pred: PredQuote, right: bool, known: bool) -> str:
    """``known``: Heron has an actor for the gold speaker entity elsewhere in the document (some
    predicted actor maps to it), so linking the speaker phrase to it would be possible."""
    if right:
        return "speaker right"
    phrase = gold.get("speaker") or {}
    said = phrase.get("text", "")
    if not said:
        kind = "no gold phrase"
    elif said.lower() in SPEAKER_PRONOUNS:
        kind = "pronoun"
    elif any(w[:1].isupper() for w in said.split()[-1:]):
        kind = "name"
    else:
        kind = "unnamed role/group"
    spans_meet = bool(phrase) and pred.speaker_span is not None and overlap(
        (phrase["start"], phrase["end"]), pred.speaker_span) > 0
    where = "same phrase" if spans_meet else ("no predicted speaker" if pred.speaker_span is None
                                              else "other phrase")
    return f"speaker wrong, {kind}, {where}" + (", entity known" if known else "")


def _words_text(text: str, words: frozenset[int]) -> str:
    """The text from the first to the last word of a predicted content."""
    if not words:
        return ""
    last = max(words)
    return text[min(words):last + len(text[last:].split(None, 1)[0])]


def sentence_text(record: dict[str, Any], offset: int) -> str:
    for start, end in record["sentences"]:
        if start <= offset < end:
            return record["text"][start:end].replace("\n", " ")
    return ""


def show(text: str, span: tuple[int, int] | None) -> str:
    return repr(text[span[0]:span[1]]) if span else "None"


class Breakdown:
    """Counts and a few examples per category over the documents of one split."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.counts: Counter[str] = Counter()
        self.examples: Examples = defaultdict(list)

    def note(self, category: str, example: str) -> None:
        self.counts[category] += 1
        self.examples[category].append(example)

    def add(self, record: dict[str, Any], pred: Prediction) -> None:
        text = record["text"]
        gold = [q for q in record["quotes"] if q.get("content")]
        gold_words = [words_in(text, q["content"]["start"], q["content"]["end"]) for q in gold]
        said = [p for p in pred.quotes if not p.negated and p.confidence >= self.threshold]
        below = [p for p in pred.quotes if not p.negated and p.confidence < self.threshold]
        pairs = word_pairs(gold_words, [p.words for p in said])
        amap = actor_map(align_mentions(record, pred))
        entities = {e["id"]: e for e in record["entities"]}
        self._pairs(record, gold, said, pairs, amap, entities)
        unpaired = [p for pi, p in enumerate(said) if pi not in {q for _, q in pairs}]
        self._misses(record, gold, gold_words, below, unpaired, {g for g, _ in pairs})
        for pi, p in enumerate(said):
            if pi not in {q for _, q in pairs}:
                start = min(p.words) if p.words else (p.cue or (0, 0))[0]
                self.note("spurious", f"cue {show(text, p.cue)} conf {p.confidence:.2f} | "
                          f"{sentence_text(record, start)[:200]}")

    def _pairs(self, record: dict[str, Any], gold: list[dict[str, Any]], said: list[PredQuote],
               pairs: list[tuple[int, int]], amap: dict[str, str],
               entities: dict[str, dict[str, Any]]) -> None:
        text = record["text"]
        for gi, pi in pairs:
            g, p = gold[gi], said[pi]
            self.counts["found"] += 1
            gold_cue = (g["cue"]["start"], g["cue"]["end"]) if g.get("cue") else None
            context = sentence_text(record, g["content"]["start"])[:200]
            self.note(cue_category(g, p), f"gold {show(text, gold_cue)} pred {show(text, p.cue)} | {context}")
            if g.get("speaker_entity"):
                kb = entities.get(g["speaker_entity"], {}).get("kb")
                right = amap.get(p.actor_id or "") == g["speaker_entity"] or (bool(kb) and p.kb_id == kb)
                name = entities.get(g["speaker_entity"], {}).get("name")
                known = g["speaker_entity"] in amap.values()
                self.note(speaker_category(g, p, right, known),
                          f"gold {(g.get('speaker') or {}).get('text')!r} ({name}) pred "
                          f"{show(text, p.speaker_span)} actor {p.actor_id} | {context}")

    def _misses(self, record: dict[str, Any], gold: list[dict[str, Any]], gold_words: list[frozenset[int]],
                below: list[PredQuote], unpaired: list[PredQuote], paired: set[int]) -> None:
        text = record["text"]
        for gi, g in enumerate(gold):
            if gi in paired:
                continue
            near = [p for p in below if word_pairs([gold_words[gi]], [p.words])]
            gold_cue = (g["cue"]["start"], g["cue"]["end"]) if g.get("cue") else None
            same_cue = [p for p in unpaired if gold_cue and p.cue and overlap(gold_cue, p.cue)]
            category = ("missed, below threshold" if near else
                        "missed, content boundary (same cue)" if same_cue else "missed")
            conf = f" conf {near[0].confidence:.2f}" if near else ""
            if same_cue:
                conf += f" pred content {_words_text(record['text'], same_cue[0].words)[:150]!r}"
            self.note(category, f"gold cue {show(text, gold_cue)}{conf} content "
                      f"{text[g['content']['start']:g['content']['end']][:120]!r} | "
                      f"{sentence_text(record, g['content']['start'])[:200]}")

    def lines(self, examples: int) -> list[str]:
        out = [f"{name:45} {n:5}" for name, n in sorted(self.counts.items())]
        if examples:
            for name in sorted(self.examples):
                out += ["", f"== {name}"] + [f"  {e}" for e in self.examples[name][:examples]]
        return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="train", choices=["train", "dev"], help="never test (frozen)")
    ap.add_argument("--cache", type=Path, help="pickle of the analyses: reused when present")
    ap.add_argument("--examples", type=int, default=0, help="examples printed per category")
    ap.add_argument("--quote-min-confidence", type=float, default=None)
    args = ap.parse_args(argv)
    records = load_split(GOLD_DIR / f"{args.split}.jsonl")
    analyses = analyses_for(records, args.cache)
    threshold = (args.quote_min_confidence if args.quote_min_confidence is not None
                 else quote_export_threshold())
    breakdown = Breakdown(threshold)
    for record, analysis in zip(records, analyses, strict=True):
        if record["scope"] == "full":
            breakdown.add(record, prediction_from(analysis, record))
    full = score(records, analyses, export_threshold(), quote_confidence=threshold)["full"]
    print("\n".join(report(full, f"{args.split} split, full documents") + [""]))
    print("\n".join(breakdown.lines(args.examples)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
