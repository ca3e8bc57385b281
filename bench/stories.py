"""Story clustering quality on ECB+ and the growth of ingest+fuse cost with corpus size.

    .venv/bin/python bench/stories.py            # ECB+ quality + scaling at 1k, 5k, 20k docs
    .venv/bin/python bench/stories.py --sizes 1000 5000   # a quicker scaling run
    .venv/bin/python bench/stories.py --skip-scaling      # ECB+ only (or --skip-ecb)
    .venv/bin/python bench/stories.py --skip-ecb --sizes 1000 10000 50000 --keep-db big.db
        # the scaled database stays at big.db (e.g. for bench/scale.py --latency-only --db)

1. ECB+ (../shared/datasets/ecbplus/docs.jsonl, 982 docs, 43 topics, each split into two
   subtopics = two seminal events): all docs are ingested, analysed by the full NLP pipeline
   and fused; the stories are scored with B-cubed precision/recall/F1 and the adjusted Rand
   index against topics and against topic+subtopic. ECB+ docs carry no dates, so blocking is
   by content only.
2. Scaling: the 89 VOA stories are analysed once by the full pipeline; then perturbed copies
   (copy k: publication dates shifted by k × 45 days, a marker appended to the text, ~10% of
   its event/mention records dropped at random) are stored with their precomputed analysis
   and fused. The time (wall clock, and CPU seconds of this process, which do not depend on
   the load of a shared machine) to store+fuse 1,000 more docs is measured when the corpus
   reaches each size (default 1k, 5k and 20k docs). NLP time is reported separately (docs/s
   on the 89 originals) because re-analysing 20k docs does not fit a session; copies bypass
   duplicate detection.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _report import DATASETS, add_no_record_flag, record  # noqa: E402
from heron.api import Heron  # noqa: E402
from heron.config import Settings  # noqa: E402
from heron.fuse import fuse_pending  # noqa: E402
from heron.fuse import stories as story_mod  # noqa: E402
from heron.ingest.readers import RawDoc  # noqa: E402
from heron.model import Actor, Analysis, Article  # noqa: E402

ECB = DATASETS / "ecbplus" / "docs.jsonl"
VOA = DATASETS / "voa" / "stories.jsonl"
COPY_SHIFT_DAYS = 45
BATCH = 1000
GROWTH_STEP = 5000


# -- clustering scores -------------------------------------------------------------------------
def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for item in gold:
        by_pred[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        both = len(by_pred[predicted[item]] & by_gold[gold[item]])
        precision += both / len(by_pred[predicted[item]])
        recall += both / len(by_gold[gold[item]])
    p, r = precision / len(gold), recall / len(gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def adjusted_rand(predicted: dict[str, str], gold: dict[str, str]) -> float:
    def pairs(n: int) -> float:
        return n * (n - 1) / 2

    items = list(gold)
    cells = Counter((predicted[i], gold[i]) for i in items)
    rows, cols = Counter(predicted[i] for i in items), Counter(gold[i] for i in items)
    index = sum(pairs(n) for n in cells.values())
    row_sum, col_sum = sum(pairs(n) for n in rows.values()), sum(pairs(n) for n in cols.values())
    expected = row_sum * col_sum / pairs(len(items))
    top = (row_sum + col_sum) / 2
    return (index - expected) / (top - expected) if top != expected else 1.0


def ecb_quality(workdir: Path, db: Path | None = None) -> list[str]:
    """``db``: an ECB+ database analysed before (e.g. by bench/event_coref.py --db); its
    fusion is dropped and rebuilt, its analysis reused (NLP seconds then count only what was
    left to analyse)."""
    docs = [json.loads(line) for line in ECB.open()]
    with Heron(db or workdir / "ecb.db") as h:
        if not h.store.query("SELECT count(*) FROM articles")[0][0]:
            h.add(RawDoc(source=f"ecbplus:{d['doc_id']}", text=d["text"], id=d["doc_id"],
                         url=d["url"]) for d in docs)
        start = time.perf_counter()
        h.analyse_pending()
        nlp_seconds = time.perf_counter() - start
        start = time.perf_counter()
        refuse(h, story_mod.BLOCK_KEYS, story_mod.PER_KEY)
        fuse_seconds = time.perf_counter() - start
        story = stories_of(h)
        # Same run with 2.5× the blocking keys and 5× the stories per key: if blocking lost
        # candidates, this would cluster differently.
        refuse(h, block_keys=30, per_key=100)
        wide = stories_of(h)
    topic = {d["doc_id"]: d["topic"] for d in docs}
    subtopic = {d["doc_id"]: f"{d['topic']}/{d['subtopic']}" for d in docs}
    lines = [f"ECB+: {len(docs)} docs, {len(set(topic.values()))} topics, "
             f"{len(set(subtopic.values()))} subtopics → {len(set(story.values()))} stories "
             f"(NLP {nlp_seconds:.0f} s, fuse {fuse_seconds:.1f} s; join threshold "
             f"{story_mod.JOIN_THRESHOLD})", "",
             "| gold | blocking | B³ P | B³ R | B³ F1 | ARI |", "|---|---|---|---|---|---|"]
    for name, gold in (("topic", topic), ("topic+subtopic", subtopic)):
        for blocking, predicted in (("12 keys × 20", story), ("30 keys × 100", wide)):
            p, r, f = bcubed(predicted, gold)
            lines.append(f"| {name} | {blocking} | {p:.3f} | {r:.3f} | {f:.3f} | "
                         f"{adjusted_rand(predicted, gold):.3f} |")
    return lines


def stories_of(h: Heron) -> dict[str, str]:
    """ECB+ doc id → story id (a near-duplicate takes its original's story)."""
    return {row["source"].split(":", 1)[1]: h.store.story_of(row["duplicate_of"] or row["id"])
            for row in h.store.query("SELECT id, source, duplicate_of FROM articles")}


def refuse(h: Heron, block_keys: int, per_key: int) -> None:
    """Forget all fusion results and fuse again with other blocking limits."""
    with h.store.conn:
        for table in ("contradictions", "claims", "fused_event_sources", "fused_events",
                      "story_articles", "story_keys", "fusion_df", "stories"):
            h.store.conn.execute(f"DELETE FROM {table}")
        h.store.conn.execute("UPDATE articles SET fused = 0")
    saved = story_mod.BLOCK_KEYS, story_mod.PER_KEY
    story_mod.BLOCK_KEYS, story_mod.PER_KEY = block_keys, per_key
    try:
        h.fuse()
    finally:
        story_mod.BLOCK_KEYS, story_mod.PER_KEY = saved


# -- scaling -----------------------------------------------------------------------------------
def analysed_originals(workdir: Path) -> tuple[list[tuple[Article, Analysis]], float]:
    stories = [json.loads(line) for line in VOA.open()]
    with Heron(workdir / "voa-src.db") as h:
        h.add(RawDoc(source=f"voa:{s['id']}", text=s["text"], id=f"voa{s['id']}",
                     title=s["title"], published=s["published"][:10], outlet="VOA",
                     url=s["url"], author=s["author"]) for s in stories)
        start = time.perf_counter()
        count = h.analyse_pending()
        rate = count / (time.perf_counter() - start)
        originals = [(a, with_actors(h, h.analysis(a.id))) for a in h.articles(limit=1000)
                     if not a.duplicate_of]
    return originals, rate


def with_actors(h: Heron, analysis: Analysis) -> Analysis:
    """``analysis`` with the canonical actors its mentions resolve to: the store keeps them in
    one shared table, not per article, so a copy must carry them to fill that table (actor
    pages of the scaled database need it)."""
    named = {m.actor_id for m in analysis.mentions if m.actor_id}
    analysis.actors = [Actor(**dict(row)) for row in h.store.query(
        "SELECT id, name, country, sector, kind, kb_id FROM actors") if row["id"] in named]
    return analysis


def perturbed(original: tuple[Article, Analysis], copy: int,
              rng: random.Random) -> tuple[Article, Analysis]:
    article, analysis = original
    new_id = f"{article.id}-c{copy}"
    shifted = (date.fromisoformat(article.published)
               + timedelta(days=COPY_SHIFT_DAYS * copy)).isoformat()
    marker = f"\n[copy {copy}]"
    new_article = replace(article, id=new_id, published=shifted, text=article.text + marker,
                          raw_text=article.raw_text + marker, source=f"{article.source}#{copy}",
                          content_hash=f"{article.content_hash}-{copy}", removed=[])
    new_analysis = Analysis(article_id=new_id, sentences=analysis.sentences)
    for attribute in ("mentions", "timexes", "places", "events", "quotes", "actors"):
        kept = [r for r in getattr(analysis, attribute)
                if attribute == "actors" or rng.random() > 0.1]
        setattr(new_analysis, attribute, [_moved(r, article.id, new_id, shifted) for r in kept])
    return new_article, new_analysis


def _moved(record, old_id: str, new_id: str, published: str):
    changes = {}
    if hasattr(record, "article_id"):
        changes["article_id"] = new_id
    if hasattr(record, "id") and isinstance(record.id, str) and record.id.startswith(old_id):
        changes["id"] = new_id + record.id[len(old_id):]
    if getattr(record, "date_precision", None) == "published-fallback":
        changes["date"] = published
    return replace(record, **changes) if changes else record


def scaling(workdir: Path, sizes: list[int], db: Path | None = None) -> list[str]:
    """``db``: where to build the scaled database (kept afterwards); a temp file otherwise."""
    originals, nlp_rate = analysed_originals(workdir)
    rng = random.Random(7)
    lines = [f"Full NLP analysis: {nlp_rate:.2f} docs/s on the {len(originals)} VOA originals "
             f"(mean {sum(len(a.text) for a, _ in originals) / len(originals):.0f} chars); "
             "the copies below reuse it (precomputed analysis). Wall-clock seconds depend on "
             "the share of the 2 cores this run got (the machine is shared with other jobs: "
             "1-minute load average at each checkpoint); CPU seconds of this process do not.",
             "", "| corpus size | store s / 1k docs | fuse s / 1k docs | store+fuse CPU s / 1k "
             "docs | stories | load (1 min) |", "|---|---|---|---|---|---|"]
    with Heron(db or workdir / "scale.db") as h:
        stored = 0
        for target in sizes:
            while stored < target - BATCH:  # grow (untimed) to just below the checkpoint,
                # in bounded steps so one fuse never holds tens of thousands of pending docs
                step = min(GROWTH_STEP, target - BATCH - stored)
                stored += _add_batch(h, originals, rng, stored, step)[0]
                fuse_pending(h.store)
            cpu_start = time.process_time()
            added, store_s = _add_batch(h, originals, rng, stored, BATCH)
            stored += added
            start = time.perf_counter()
            fuse_pending(h.store)
            fuse_s = time.perf_counter() - start
            cpu_s = time.process_time() - cpu_start
            n_stories = h.store.query("SELECT count(*) FROM stories")[0][0]
            lines.append(f"| {stored:,} | {store_s * 1000 / added:.1f} | "
                         f"{fuse_s * 1000 / added:.1f} | {cpu_s * 1000 / added:.1f} | "
                         f"{n_stories:,} | {os.getloadavg()[0]:.1f} |")
            print(lines[-1], flush=True)
    return lines


def _add_batch(h: Heron, originals: list, rng: random.Random, stored: int,
               count: int) -> tuple[int, float]:
    start = time.perf_counter()
    for n in range(stored, stored + count):
        article, analysis = perturbed(originals[n % len(originals)], n // len(originals), rng)
        h.store.add_article(article)
        h.store.save_analysis(analysis)
    return count, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--skip-ecb", action="store_true")
    parser.add_argument("--skip-scaling", action="store_true")
    parser.add_argument("--ecb-db", type=Path,
                        help="reuse the analysis of this ECB+ database (fusion is rebuilt)")
    parser.add_argument("--keep-db", type=Path, metavar="PATH",
                        help="build the scaled database at PATH (must not exist) and keep it")
    add_no_record_flag(parser)
    args = parser.parse_args()
    if args.keep_db and args.keep_db.exists():
        parser.error(f"--keep-db {args.keep_db} exists; the scaling run needs a new database")
    lines = [f"NLP components: {', '.join(Settings().components)}", ""]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        if not args.skip_ecb:
            lines += ecb_quality(workdir, args.ecb_db)
            print("\n".join(lines), flush=True)
        if not args.skip_scaling:
            lines += ["", *scaling(workdir, args.sizes, args.keep_db)]
    record("Stories: clustering quality (ECB+) and ingest+fuse growth", lines,
           dry_run=args.no_record)


if __name__ == "__main__":
    main()
