"""Inter-annotator agreement on the doubly annotated documents of the gold corpus.

For every document annotated independently by two annotators (two files under
``bench/data/gold/ann/<annotator>/``, adjudicated files excluded):

* **event type, Cohen's kappa over sentences**: each sentence's label is the set of event types
  the annotator marked in it ("none" when empty) — chance agreement from the two annotators'
  label distributions;
* **trigger F1**: events of the same type whose triggers overlap, one-to-one (annotator A as
  "gold", B as "predicted"; F1 is symmetric);
* **actor mention F1**: exact mention spans; **quote content F1**: overlap of at least half of
  both spans' words (as in bench/gold.py);
* **actor link agreement**: over mentions both marked with the same span, B³ F1 of the two
  annotators' chains, and the share whose entities have the same country code.

    python3 bench/gold_agreement.py [--no-record]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import gold_tool  # noqa: E402
from gold import b3, overlap, prf, word_pairs, words_in  # noqa: E402


def pairs_of_files() -> list[tuple[Path, Path]]:
    by_doc: dict[str, list[Path]] = {}
    for path in sorted(gold_tool.ANN.glob("*/*.json")):
        if path.parent.name != "adjudicated":
            by_doc.setdefault(path.stem, []).append(path)
    return [(files[0], files[1]) for files in by_doc.values() if len(files) >= 2]


def sentence_labels(record: dict[str, Any], n: int) -> list[str]:
    types: list[set[str]] = [set() for _ in range(n)]
    for event in record["events"]:
        types[event["sentence"]].add(event["type"])
    return ["+".join(sorted(t)) or "none" for t in types]


def kappa(a: list[str], b: list[str]) -> float:
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / (len(a) ** 2)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def trigger_hits(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> int:
    used: set[int] = set()
    hits = 0
    for x in a:
        span = (x["trigger"]["start"], x["trigger"]["end"])
        for j, y in enumerate(b):
            other = (y["trigger"]["start"], y["trigger"]["end"])
            if j not in used and y["type"] == x["type"] and overlap(span, other):
                used.add(j)
                hits += 1
                break
    return hits


def quote_hits(text: str, a: list[dict[str, Any]], b: list[dict[str, Any]]) -> int:
    wa = [words_in(text, q["content"]["start"], q["content"]["end"]) for q in a if q.get("content")]
    wb = [words_in(text, q["content"]["start"], q["content"]["end"]) for q in b if q.get("content")]
    return len(word_pairs(wa, wb))


def main(argv: list[str] | None = None) -> int:
    from _report import add_no_record_flag

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_no_record_flag(ap)
    ap.add_argument("--source", action="append", help="only documents of this source (repeatable), "
                    "e.g. --source synthetic; default: all")
    ap.add_argument("--round", type=int, choices=(1, 2),
                    help="only documents of this annotation round (docs.jsonl `round`, 1 if absent)")
    args = ap.parse_args(argv)
    docs = gold_tool.load_docs()
    labels_a: list[str] = []
    labels_b: list[str] = []
    c = Counter()
    chains: list[tuple[str, str]] = []
    n_docs = Counter()
    for path_a, path_b in pairs_of_files():
        ra, ea = gold_tool.resolve(json.loads(path_a.read_text()), docs)
        rb, eb = gold_tool.resolve(json.loads(path_b.read_text()), docs)
        if ea or eb or ra is None or rb is None:
            continue
        doc = docs[ra["doc_id"]]
        if args.source and doc["source"] not in args.source:
            continue
        if args.round and doc.get("round", 1) != args.round:
            continue
        n_docs[doc["source"]] += 1
        n = len(doc["sentences"])
        labels_a += sentence_labels(ra, n)
        labels_b += sentence_labels(rb, n)
        c["trig_a"] += len(ra["events"])
        c["trig_b"] += len(rb["events"])
        c["trig_hit"] += trigger_hits(ra["events"], rb["events"])
        if doc["scope"] != "full":
            continue
        spans_a = {(m["start"], m["end"]): m["entity"] for m in ra["mentions"]}
        spans_b = {(m["start"], m["end"]): m["entity"] for m in rb["mentions"]}
        c["men_a"] += len(spans_a)
        c["men_b"] += len(spans_b)
        shared = spans_a.keys() & spans_b.keys()
        c["men_hit"] += len(shared)
        code_a = {e["id"]: e.get("code") for e in ra["entities"]}
        code_b = {e["id"]: e.get("code") for e in rb["entities"]}
        for key in shared:
            chains.append((f"{ra['doc_id']}/{spans_a[key]}", f"{ra['doc_id']}/{spans_b[key]}"))
            c["code_same"] += code_a.get(spans_a[key]) == code_b.get(spans_b[key])
        c["q_a"] += sum(bool(q.get("content")) for q in ra["quotes"])
        c["q_b"] += sum(bool(q.get("content")) for q in rb["quotes"])
        c["q_hit"] += quote_hits(doc["text"], ra["quotes"], rb["quotes"])
    if not labels_a:
        print("no doubly annotated documents yet")
        return 0
    _, _, trig_f = prf(c["trig_hit"], c["trig_a"], c["trig_b"])
    _, _, men_f = prf(c["men_hit"], c["men_a"], c["men_b"])
    _, _, q_f = prf(c["q_hit"], c["q_a"], c["q_b"])
    p_sum, r_sum = b3(chains)
    bp, br = (p_sum / len(chains), r_sum / len(chains)) if chains else (0.0, 0.0)
    chain_f = 2 * bp * br / (bp + br) if bp + br else 0.0
    lines = [
        f"Doubly annotated documents: {sum(n_docs.values())} ({dict(n_docs)}), "
        f"{len(labels_a)} sentences.",
        "",
        "| figure | value |",
        "|---|---|",
        f"| event type per sentence, Cohen's kappa | {kappa(labels_a, labels_b):.3f} |",
        f"| sentences with an event: A / B | {sum(x != 'none' for x in labels_a)} / "
        f"{sum(x != 'none' for x in labels_b)} |",
        f"| trigger F1 (same type, overlapping) | {trig_f:.3f} ({c['trig_a']} / {c['trig_b']} events) |",
    ]
    if c["men_a"] + c["men_b"]:  # mentions, quotes and chains are compared on full documents only
        lines += [
            f"| actor mention span F1 (exact) | {men_f:.3f} ({c['men_a']} / {c['men_b']}) |",
            f"| quote content F1 (overlap≥50%) | {q_f:.3f} ({c['q_a']} / {c['q_b']}) |",
            f"| actor link agreement: chain B³ F1 over shared mentions | {chain_f:.3f} |",
            f"| same entity code over shared mentions | "
            f"{c['code_same'] / len(chains) if chains else 0:.3f} |",
        ]
    else:
        lines.append("| mentions, quotes, chains | not compared: no full-scope document |")
    from _report import record

    title = "Gold corpus — inter-annotator agreement"
    if args.source:
        title += f" ({', '.join(args.source)} documents only)"
    if args.round:
        title += f" (round {args.round})"
    record(title, lines, dry_run=args.no_record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
