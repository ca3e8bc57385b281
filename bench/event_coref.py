"""Fused-event quality: cross-document event coreference of Heron's fused events on ECB+.

    .venv/bin/python bench/event_coref.py                   # full run (~2.5 min on 2 cores)
    .venv/bin/python bench/event_coref.py --db /tmp/ecb.db  # keep the analysed database; a
                                      # later run reuses its analysis and only fuses again
    .venv/bin/python bench/event_coref.py --errors 10 --no-record   # with error samples

The 982 ECB+ docs (../shared/datasets/ecbplus/docs.jsonl) are ingested, analysed and fused
exactly as bench/stories.py does (no publication dates are passed: ECB+ has none; Heron
infers some from the text).

Gold: the ECB+ event mentions (ACTION_* and NEG_ACTION_*) that lie in the document's
``coref_sentences`` and belong to a cross-document chain (an ECB+ instance id); mentions of
within-document-only chains (``INTRA_*``) and unchained singletons are left out, as are
mentions whose characters do not survive Heron's text cleaning.

Alignment: a gold mention is aligned to the Heron event whose trigger span overlaps it by
the most characters (one-to-one, greedily by overlap). Only aligned mentions are scored; the
figures are computed over them with the gold chains restricted to them.

Predicted clusters: the Heron fused event holding the event as a source (a direct or an
anaphoric source); events in no fused event (not fusable: negated, or without any
identified participant or place) are singletons.

Scores: B-cubed P/R/F1 over mentions; link P/R/F1 over all mention pairs and over
cross-document pairs only (the pairs fusion exists for). Baselines on the same mentions:
every mention alone; one cluster per (Heron story, type family); one cluster per (gold
topic+subtopic, type family) — i.e. perfect story clustering, then lumping by type.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _report import add_no_record_flag, record  # noqa: E402
from heron.api import Heron  # noqa: E402
from heron.fuse import stories as story_mod  # noqa: E402
from heron.fuse.events import (  # noqa: E402
    MATCH_THRESHOLD,
    date_score,
    family,
    match_score,
    mode_score,
    participant_score,
    places_conflict,
)
from heron.fuse.sources import event_source, is_fusable  # noqa: E402
from heron.ingest.readers import RawDoc  # noqa: E402
from heron.model import Article, Event  # noqa: E402
from stories import ECB, bcubed, refuse  # noqa: E402


@dataclass(frozen=True)
class Gold:
    doc_id: str
    m_id: str
    chain: str
    cluster: str  # topic/subtopic
    pieces: tuple[tuple[int, int], ...]  # character spans in Heron's article text
    text: str


@dataclass
class Mention:
    """One Heron event mention, with what it was fused into."""

    source: dict[str, Any]  # fusion's source-mention record (heron.fuse.sources)
    doc_id: str
    story: str | None
    fused: str | None  # fused event id; None when fusion skipped the event
    unfusable: str  # why fusion skipped it ("" when it did not)


# -- building ----------------------------------------------------------------------------------
def build(db: Path, docs: list[dict]) -> None:
    """Ingest and analyse the docs unless ``db`` already holds them; then fuse from scratch."""
    with Heron(db) as h:
        if not h.store.query("SELECT count(*) FROM articles")[0][0]:
            h.add(RawDoc(source=f"ecbplus:{d['doc_id']}", text=d["text"], id=d["doc_id"],
                         url=d["url"]) for d in docs)
        h.analyse_pending()
        refuse(h, story_mod.BLOCK_KEYS, story_mod.PER_KEY)


def heron_mentions(h: Heron) -> tuple[dict[str, list[Mention]], dict[str, Article], list[dict]]:
    """ECB+ doc id → its Heron event mentions; doc id → article; all fused event records."""
    fused_records = h.store.fused_event_records()
    # The stored source records carry what fusion added (an anaphor's link to its antecedent).
    fused_source = {s["event_id"]: (f["id"], s) for f in fused_records for s in f["sources"]}
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    articles = {}
    for article in h.articles(limit=100_000):
        doc_id = article.source.split(":", 1)[1]
        articles[doc_id] = article
        analysis = h.analysis(article.id)
        if analysis is None:  # a near-duplicate is not analysed
            continue
        story = h.store.story_of(article.id)
        for event in analysis.events:
            fused, source = fused_source.get(event.id, (None, None))
            by_doc[doc_id].append(Mention(source or event_source(article, analysis, event),
                                          doc_id, story, fused,
                                          "" if fused else unfused_reason(event)))
    return by_doc, articles, fused_records


def unfused_reason(event: Event) -> str:
    if is_fusable(event):
        return ""
    if event.status == "negated":
        return "negated"
    if "announced[" in event.pattern:
        return "derived statement"
    return "no identified participant or place"


# -- gold --------------------------------------------------------------------------------------
def is_cross_doc_chain(chain: str | None) -> bool:
    return bool(chain) and not chain.startswith("INTRA_")


def gold_mentions(docs: list[dict], articles: dict[str, Article]) -> tuple[list[Gold], int]:
    """Gold mentions in scope, in Heron's text offsets; and how many were lost to cleaning."""
    out, lost = [], 0
    for d in docs:
        to_clean = offset_map(d["text"], articles[d["doc_id"]].text)
        checked = set(d["coref_sentences"])
        for m in d["event_mentions"]:
            if m["sentence"] not in checked or not is_cross_doc_chain(m["chain"]):
                continue
            pieces = tuple(p for p in (to_clean(s, e) for s, e in m.get("spans", [(m["start"], m["end"])]))
                           if p)
            if not pieces:
                lost += 1
                continue
            out.append(Gold(d["doc_id"], m["m_id"], m["chain"], f"{d['topic']}/{d['subtopic']}",
                            pieces, m["text"]))
    return out, lost


def offset_map(raw: str, clean: str) -> Callable[[int, int], tuple[int, int] | None]:
    """Maps a span of the dataset text to Heron's cleaned text (identical for all but a few
    docs, where cleaning dropped or rewrote some characters); None when nothing survives."""
    if raw == clean:
        return lambda start, end: (start, end)
    position = [-1] * len(raw)
    for block in SequenceMatcher(None, raw, clean, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            position[block.a + k] = block.b + k

    def mapped(start: int, end: int) -> tuple[int, int] | None:
        kept = [position[i] for i in range(start, end) if position[i] >= 0]
        return (min(kept), max(kept) + 1) if kept else None

    return mapped


# -- alignment ---------------------------------------------------------------------------------
def overlap(gold: Gold, trigger: dict[str, Any]) -> int:
    return sum(max(0, min(e, trigger["end"]) - max(s, trigger["start"])) for s, e in gold.pieces)


def align(golds: list[Gold], by_doc: dict[str, list[Mention]]) -> dict[Gold, Mention]:
    """One-to-one, greedily by overlap; a fused event beats an unfused one on equal overlap."""
    candidates = []
    for g in golds:
        for m in by_doc.get(g.doc_id, []):
            chars = overlap(g, m.source["trigger"])
            if chars:
                candidates.append((chars, m.fused is not None, g, m))
    candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)
    out: dict[Gold, Mention] = {}
    taken: set[str] = set()
    for _, _, g, m in candidates:
        if g not in out and m.source["event_id"] not in taken:
            out[g] = m
            taken.add(m.source["event_id"])
    return out


def in_event_sentence(g: Gold, by_doc: dict[str, list[Mention]]) -> bool:
    start = g.pieces[0][0]
    return any(m.source["sentence"]["start"] <= start < m.source["sentence"]["end"]
               for m in by_doc.get(g.doc_id, []))


# -- scores ------------------------------------------------------------------------------------
def same_key_pairs(items: list[Gold], key: Callable[[Gold], Hashable]) -> int:
    return sum(n * (n - 1) // 2 for n in Counter(key(i) for i in items).values())


def link_scores(items: list[Gold], predicted: dict[Gold, str],
                cross_doc: bool) -> tuple[float | None, float | None, float | None]:
    """Pairwise precision/recall/F1 of coreference links (None when undefined)."""
    def pairs(key: Callable[[Gold], Hashable]) -> int:
        total = same_key_pairs(items, key)
        return total - same_key_pairs(items, lambda i: (key(i), i.doc_id)) if cross_doc else total

    both = pairs(lambda i: (predicted[i], i.chain))
    guessed, true = pairs(lambda i: predicted[i]), pairs(lambda i: i.chain)
    p = both / guessed if guessed else None
    r = both / true if true else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return p, r, f


def score_row(name: str, items: list[Gold], predicted: dict[Gold, str]) -> str:
    p, r, f = bcubed(predicted, {i: i.chain for i in items})
    cells = [f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"]
    for cross in (False, True):
        cells += ["–" if v is None else f"{v:.3f}" for v in link_scores(items, predicted, cross)]
    return f"| {name} | {' | '.join(cells)} |"


def clusterings(aligned: dict[Gold, Mention]) -> dict[str, dict[Gold, str]]:
    fam = {g: family(m.source["event_type"]) for g, m in aligned.items()}
    return {
        "Heron fused events": {g: m.fused or m.source["event_id"] for g, m in aligned.items()},
        "baseline: singletons": {g: f"{g.doc_id}/{g.m_id}" for g in aligned},
        "baseline: same family in Heron story": {g: f"{m.story}/{fam[g]}"
                                                 for g, m in aligned.items()},
        "baseline: same family in gold topic+subtopic": {g: f"{g.cluster}/{fam[g]}"
                                                         for g in aligned},
    }


# -- report ------------------------------------------------------------------------------------
def figures(docs: list[dict], articles: dict[str, Article], golds: list[Gold], lost: int,
            by_doc: dict[str, list[Mention]], aligned: dict[Gold, Mention],
            fused_records: list[dict]) -> list[str]:
    chains = defaultdict(set)
    for g in golds:
        chains[g.chain].add(g.doc_id)
    n_events = sum(len(v) for v in by_doc.values())
    multi_doc = {f["id"] for f in fused_records
                 if len({s["article_id"] for s in f["sources"]}) > 1}
    used = {m.fused for m in aligned.values() if m.fused}
    fused_aligned = sum(1 for m in aligned.values() if m.fused)
    in_sentence = sum(in_event_sentence(g, by_doc) for g in golds)
    items = list(aligned)
    cross_links = same_key_pairs(items, lambda i: i.chain) - same_key_pairs(
        items, lambda i: (i.chain, i.doc_id))
    n = len(golds)
    duplicates = sum(a.duplicate_of is not None for a in articles.values())
    dated = Counter(a.published_source or "none" for a in articles.values())
    lines = [
        f"Gold: {n:,} ECB+ event mentions in coref_sentences and in cross-document chains "
        f"({len(chains)} chains, {sum(len(v) > 1 for v in chains.values())} spanning >1 doc; "
        f"INTRA_* chains and singletons excluded; {lost} lost to text cleaning).",
        f"Heron: {len(docs)} docs ({duplicates} near-duplicates, not analysed; "
        f"{len(docs) - duplicates - len(by_doc)} without events), "
        f"{n_events:,} event mentions, {len(fused_records):,} fused events, "
        f"{len(multi_doc):,} with sources from >1 doc. Publication dates (ECB+ gives none): "
        + ", ".join(f"{k} {v}" for k, v in dated.most_common()) + ".",
        f"Coverage: {len(aligned):,}/{n:,} gold mentions ({len(aligned) / n:.1%}) overlap a "
        f"Heron event trigger; {fused_aligned:,} ({fused_aligned / n:.1%}) of them are in a "
        f"fused event ({len(used)} fused events, {len(used & multi_doc)} with sources from "
        f">1 doc); {in_sentence:,} ({in_sentence / n:.1%}) lie in a sentence with any Heron "
        "event.",
        f"Scores over the {len(aligned):,} aligned mentions ({cross_links:,} gold "
        "cross-document links among them; a mention of an unfused event is a singleton; "
        f"fusion match threshold {MATCH_THRESHOLD}):", "",
        "| clustering | B³ P | B³ R | B³ F1 | link P | link R | link F1 | cross-doc link P | "
        "cross-doc link R | cross-doc link F1 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [score_row(name, items, predicted)
              for name, predicted in clusterings(aligned).items()]
    return lines


# -- errors ------------------------------------------------------------------------------------
def missed_reason(a: Mention, b: Mention) -> str:
    """Why two coreferent mentions ended in different fused events, by the first of fusion's
    gates they fail when compared as a pair (heron.fuse.events.match_score)."""
    unfusable = sorted({m.unfusable for m in (a, b) if m.fused is None})
    if unfusable:
        return f"not fused: {' / '.join(unfusable)}"
    if a.story != b.story:
        return "different stories"
    if family(a.source["event_type"]) != family(b.source["event_type"]):
        return "different type families"
    other = {"sources": [b.source], "planned": b.source["planned"]}
    part, strong = participant_score(a.source, other)
    if part == 0:
        return "participants disjoint (by id and country)"
    if date_score(a.source, b.source) is None and not strong:
        return "date conflict"
    if mode_score(a.source, other) is None:
        return "mode conflict (remote vs in person)"
    if a.source["planned"] != b.source["planned"] and not strong:
        return "planned vs happened"
    if places_conflict(a.source, other) and not strong:
        return "place conflict"
    if match_score(a.source, other) < MATCH_THRESHOLD:
        return f"score below {MATCH_THRESHOLD} (participants partly shared)"
    return "pair would match; each joined another fused event"


def merge_reason(a: Gold, b: Gold) -> str:
    if a.cluster.split("/")[0] != b.cluster.split("/")[0]:
        return "different gold topics"
    if a.cluster != b.cluster:
        return "same topic, other subtopic (other seminal event)"
    return "same topic+subtopic, different gold event"


def describe(g: Gold, m: Mention) -> str:
    s = m.source
    parts = [f"{r['name']}[{r['actor_id'] or r['country'] or '-'}]"
             for r in s["actors"] + s["recipients"]]
    where = s["location"]["name"] if s["location"] else "-"
    anaphor = " (anaphor)" if s.get("anaphor") else ""
    sentence = " ".join(s["sentence"]["text"].split())
    return (f"    {g.doc_id} gold '{g.text}' {g.chain[-6:]} | {s['event_type']} "
            f"'{s['trigger']['text']}'{anaphor} date={s['date'] or '-'} place={where} "
            f"parts={','.join(parts) or '-'}\n      “{sentence[:220]}”")


def error_pairs(aligned: dict[Gold, Mention]) -> tuple[list, list]:
    """Cross-document false merges and missed links among aligned mentions."""
    items = list(aligned)
    predicted = clusterings(aligned)["Heron fused events"]
    merges, missed = [], []
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if a.doc_id == b.doc_id:
                continue
            same_pred, same_gold = predicted[a] == predicted[b], a.chain == b.chain
            if same_pred and not same_gold:
                merges.append((merge_reason(a, b), a, b))
            elif same_gold and not same_pred:
                missed.append((missed_reason(aligned[a], aligned[b]), a, b))
    return merges, missed


def error_lines(aligned: dict[Gold, Mention], sample: int) -> list[str]:
    merges, missed = error_pairs(aligned)
    rng = random.Random(11)
    lines = []
    for title, pairs, unit in (("False merges", merges, lambda a, b: aligned[a].fused),
                               ("Missed links", missed, lambda a, b: a.chain)):
        reasons = Counter(r for r, _, _ in pairs)
        units = {r: len({unit(a, b) for r_, a, b in pairs if r_ == r}) for r in reasons}
        lines += ["", f"{title}: {len(pairs):,} cross-document pairs (in how many "
                  f"{'fused events' if title.startswith('False') else 'gold chains'})"]
        lines += [f"  {n:6,} ({units[reason]:3})  {reason}" for reason, n in reasons.most_common()]
        rng.shuffle(pairs)
        for reason, _ in reasons.most_common():
            seen: set = set()  # one example per fused event / gold chain
            shown = [p for p in pairs if p[0] == reason and not (unit(p[1], p[2]) in seen
                                                                   or seen.add(unit(p[1], p[2])))]
            lines.append(f"  -- {reason}")
            for _, a, b in shown[:sample]:
                lines += [describe(a, aligned[a]), describe(b, aligned[b]), ""]
    types = Counter(m.source["event_type"] for m in aligned.values())
    lines += ["", "Aligned mentions by Heron event type: "
              + ", ".join(f"{t} {n}" for t, n in types.most_common())]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="keep/reuse the analysed database here")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="print N example pairs per kind of false merge and missed link")
    add_no_record_flag(parser)
    args = parser.parse_args()
    docs = [json.loads(line) for line in ECB.open()]
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "ecb.db"
        build(db, docs)
        with Heron(db) as h:
            by_doc, articles, fused_records = heron_mentions(h)
    golds, lost = gold_mentions(docs, articles)
    aligned = align(golds, by_doc)
    lines = figures(docs, articles, golds, lost, by_doc, aligned, fused_records)
    record("Fused events: cross-document event coreference on ECB+", lines,
           dry_run=args.no_record)
    if args.errors:
        print("\n".join(error_lines(aligned, args.errors)))


if __name__ == "__main__":
    main()
