"""Cross-document entity chains on ECB+ (people and organisations).

Data: ../shared/datasets/ecbplus/docs.jsonl (README there). Gold: the ``HUMAN_PART_PER`` and
``HUMAN_PART_ORG`` mentions in the sentences ECB+ recommends for evaluation (``coref_sentences``);
their ``chain`` ids are cross-document entities (``null`` = a singleton).

Heron: spaCy + the actors component on every document, with the document's own date unknown
(ECB+ has none); within each topic (the usual "gold topics" setting), the documents' actors
are merged as the store does for a story: KB actors by KB id, country institutions by id, and
actors not in the KB by :func:`heron.nlp.actors.cluster_new_actors`. Each gold mention is
aligned to the predicted mention overlapping it most; the predicted cluster is that mention's
merged actor (unaligned or actor-less mentions are singletons).

Figures: mention recall (aligned with an actor), and B³ P/R/F1 over all gold mentions and over
the names only (not pronouns or descriptions, which Heron links only to people it resolves), for
Heron and for the exact-string baseline (mentions with the same folded text are one entity).

Run from the repo root: .venv/bin/python bench/entity_coref.py [--dry-run] [--topics N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _report import DATASETS, add_no_record_flag, record  # noqa: E402
from heron.config import Settings  # noqa: E402
from heron.model import Actor, Analysis, Article, Span  # noqa: E402
from heron.nlp.actors import build, cluster_new_actors  # noqa: E402
from heron.nlp.actors.names import fold  # noqa: E402
from heron.nlp.context import DocContext  # noqa: E402
from heron.nlp.pipeline import load_spacy  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ECB = DATASETS / "ecbplus" / "docs.jsonl"
TYPES = frozenset({"HUMAN_PART_PER", "HUMAN_PART_ORG"})
PRONOUNS = frozenset("i he she it we they who whom his her its their our my me us them".split())


def gold_mentions(doc: dict) -> list[dict]:
    keep = set(doc["coref_sentences"])
    return [m for m in doc["entity_mentions"] if m["type"] in TYPES and m["sentence"] in keep]


def analyse(nlp, component, docs: list[dict]) -> list[Analysis]:
    out = []
    for doc, parsed in zip(docs, nlp.pipe([d["text"] for d in docs], batch_size=32), strict=True):
        article = Article(id=doc["doc_id"], text=doc["text"], raw_text=doc["text"])
        analysis = Analysis(article_id=article.id, sentences=[
            Span(s.start_char, s.end_char, s.text) for s in parsed.sents])
        component(DocContext(article, parsed, analysis, published=None))
        out.append(analysis)
    return out


def topic_clusters(analyses: list[Analysis]) -> dict[str, str]:
    """Story-level actor id of every actor id in the topic's documents."""
    actors: dict[str, Actor] = {}
    for analysis in analyses:
        for actor in analysis.actors:
            if actor.id in actors:
                merged = actors[actor.id].surface_forms
                for form, n in actor.surface_forms.items():
                    merged[form] = merged.get(form, 0) + n
            else:
                actors[actor.id] = actor
    mapping = {ident: ident for ident in actors}
    mapping.update(cluster_new_actors(list(actors.values())))
    return mapping


def b3(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    gold_size = Counter(g for g, _ in pairs)
    pred_size = Counter(p for _, p in pairs)
    both = Counter(pairs)
    p = sum(both[x] / pred_size[x[1]] for x in pairs) / len(pairs)
    r = sum(both[x] / gold_size[x[0]] for x in pairs) / len(pairs)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def is_named(mention: dict) -> bool:
    """A name ("Tara Reid", "the Lakers"), not a pronoun or a description ("he", "the actress")."""
    words = [w for w in mention["text"].split() if w.lower() != "the"]
    return bool(words) and all(w[:1].isupper() for w in words) and words[0].lower() not in PRONOUNS


def score_topic(docs: list[dict], analyses: list[Analysis], heron: list, baseline: list) -> int:
    """Append (gold, predicted, named) triples for the topic's mentions; return how many were
    aligned."""
    mapping = topic_clusters(analyses)
    aligned = 0
    for doc, analysis in zip(docs, analyses, strict=True):
        topic = doc["topic"]
        for k, g in enumerate(gold_mentions(doc)):
            gold = f"{topic}:{g['chain']}" if g["chain"] else f"{doc['doc_id']}:g{k}"
            best = max(analysis.mentions, default=None,
                       key=lambda m: min(m.end, g["end"]) - max(m.start, g["start"]))
            hit = best is not None and min(best.end, g["end"]) > max(best.start, g["start"])
            if hit and best.actor_id:
                aligned += 1
                heron.append((gold, f"{topic}:{mapping.get(best.actor_id, best.actor_id)}",
                              is_named(g)))
            else:
                heron.append((gold, f"{doc['doc_id']}:p{k}", is_named(g)))
            baseline.append((gold, f"{topic}:{fold(g['text'])}", is_named(g)))
    return aligned


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_no_record_flag(ap)
    ap.add_argument("--topics", type=int, default=0, help="only the first N topics (0: all)")
    args = ap.parse_args(argv)
    by_topic: dict[str, list[dict]] = defaultdict(list)
    with ECB.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            by_topic[doc["topic"]].append(doc)
    topics = sorted(by_topic, key=int)[:args.topics or None]
    settings = Settings()
    nlp = load_spacy(settings.spacy_model)
    component = build(nlp, settings)
    started = time.perf_counter()
    heron: list[tuple[str, str, bool]] = []
    baseline: list[tuple[str, str, bool]] = []
    aligned = 0
    for topic in topics:
        docs = by_topic[topic]
        aligned += score_topic(docs, analyse(nlp, component, docs), heron, baseline)
    ndocs = sum(len(by_topic[t]) for t in topics)
    named = sum(n for _, _, n in heron)
    lines = [
        f"- {ndocs} documents in {len(topics)} topics; {len(heron)} gold person/organisation "
        f"mentions in the evaluated sentences ({named} of them names), "
        f"{len({g for g, _, _ in heron})} gold entities",
        f"- mentions aligned to a Heron actor: {aligned / len(heron):.3f}",
    ]
    for label, keep in (("all mentions", lambda n: True), ("names only", bool)):
        hp, hr, hf = b3([(g, p) for g, p, n in heron if keep(n)])
        bp, br, bf = b3([(g, p) for g, p, n in baseline if keep(n)])
        lines += [f"- {label}: Heron B³ P / R / F1 {hp:.3f} / {hr:.3f} / {hf:.3f}; exact-string "
                  f"baseline {bp:.3f} / {br:.3f} / {bf:.3f}"]
    lines.append(f"- time {time.perf_counter() - started:.0f} s (spaCy + actors)")
    record("ECB+ cross-document entity chains (people, organisations)", lines, dry_run=args.no_record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
