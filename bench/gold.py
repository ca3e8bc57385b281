"""Score Heron on a split of its own gold corpus (``bench/data/gold/{train,dev,test}.jsonl``, made
with ``bench/gold_tool.py compile``; guideline ``docs/ANNOTATION.md``).

Heron analyses each whole document (the real pipeline, the document's publication date when the
corpus has one) and every exported record is compared with the annotation.

Matching rules
--------------
Sentences are the corpus's own (stored in each record); a predicted item belongs to the gold
sentence that contains its first character (trigger, cue or content start).

Events
  (a) **type**: within one sentence, gold and predicted events of the same PLOVER type are paired
      one-to-one (a pair whose triggers overlap first, then the pair whose actors/recipients agree
      best); precision = pairs / predicted, recall = pairs / gold, per type and overall.
  (b) **type + codes**: a type pair also counts here when its actor codes agree and its recipient
      codes agree. Codes of a side are the set of country/IGO codes of its participants (null codes
      dropped); two sides agree when the sets share a code or both are empty.
  (c) **status**: accuracy of ``status`` over the type pairs.
  (d) **date**: over type pairs whose gold date is a day (``YYYY-MM-DD`` from a time expression
      in the text) in documents with a publication date (without one, Heron leaves relative
      dates unresolved on purpose), the share whose predicted ``date`` is that day. Also: over
      pairs whose gold event has no date in the text, the share where Heron invents none
      (predicted date empty, or the publication date with a ``reported`` precision).
  Events are scored in two scopes: all documents (``events`` scope, ECB+, counts), and only the
  ``full`` documents (VOA, MEANTIME).
Quotes (full documents; gold quotes with content)
  Content spans are compared as sets of word starts; a pair needs a shared-word count of at least
  half of both spans ("overlap≥50%", as in ``bench/quotes.py``), pairs chosen largest overlap
  first. Content P/R/F1 from those pairs; cue F1 (a predicted cue overlapping the gold cue of the
  paired quote); speaker identity accuracy over pairs whose gold quote has a speaker entity — the
  predicted speaker's actor must be the one Heron gave the gold entity's mentions (majority over
  aligned mentions, see *Actors*) or carry the same KB id. A second figure also counts unnamed
  speakers that Heron shows by their own phrase and leaves without an actor by design
  ("analysts", "a government official"): right when the predicted speaker phrase overlaps the
  gold one, is no pronoun, and its head word is a word of the gold entity's name. Negated
  statements ("did not respond to a request for comment", "declined to comment") are annotated
  without content, so they are left out on both sides: gold quotes without content, predicted
  quotes marked ``negated``. Only quotes at or above Heron's quote export threshold
  (``--quote-min-confidence``) are scored.
Actors (full documents)
  Each gold mention is aligned to the predicted mention that overlaps it most. Mention recall =
  aligned / gold. **Link accuracy** over aligned mentions: a gold entity with a KB id needs a
  predicted actor with that KB id; a gold entity without one needs a predicted actor that is not a
  KB entry, or whose name folds to the gold entity's name. **Country**: over aligned mentions whose
  predicted actor has a country, the share that differs from a non-null gold code ("wrong
  country"), and the share where gold has no code ("unsupported country"). **Chain B³ F1**: over
  aligned mentions, gold clusters = entity ids, predicted clusters = actor ids (unresolved mentions
  are singletons).

Run from the repository root::

    .venv/bin/python bench/gold.py --split dev [--min-confidence 0.0] [--per-doc] [--no-record]

The test split is frozen: score it once per stop (``--split test``) and record the figure; never
read its documents or errors (``--per-doc`` is refused on test).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from heron.ascii_fold import ascii_fold  # noqa: E402 (after the path set-up)

GOLD_DIR = Path(__file__).resolve().parent / "data" / "gold"
WORD = re.compile(r"\w+")
UNDATED_PRECISIONS = {"published-fallback", "published", "reported", ""}


# ----------------------------------------------------------------------------- helpers


def sentence_of(sentences: list[list[int]], offset: int) -> int:
    """Index of the sentence containing ``offset`` (the previous one when it falls in a gap)."""
    for i, (start, end) in enumerate(sentences):
        if offset < end:
            return i if offset >= start else max(i - 1, 0)
    return len(sentences) - 1


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def words_in(text: str, start: int, end: int) -> frozenset[int]:
    return frozenset(m.start() for m in WORD.finditer(text, start, end))


def fold(name: str | None) -> str:
    name = ascii_fold(name or "").lower()
    return " ".join(re.findall(r"[a-z0-9]+", name))


def prf(hits: int, gold: int, pred: int) -> tuple[float, float, float]:
    p = hits / pred if pred else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


# ----------------------------------------------------------------------------- predictions


@dataclass
class PredEvent:
    sentence: int
    type: str
    trigger: tuple[int, int]
    actor_codes: frozenset[str]
    recipient_codes: frozenset[str]
    status: str
    date: str | None
    date_precision: str
    confidence: float


@dataclass
class PredMention:
    span: tuple[int, int]
    actor_id: str | None
    kb_id: str | None
    name: str | None
    country: str | None


@dataclass
class PredQuote:
    words: frozenset[int]
    cue: tuple[int, int] | None
    actor_id: str | None
    kb_id: str | None
    negated: bool = False
    confidence: float = 1.0
    speaker_span: tuple[int, int] | None = None


@dataclass
class Prediction:
    """What Heron exported for one document, reduced to what the scorer compares."""

    events: list[PredEvent]
    mentions: list[PredMention]
    quotes: list[PredQuote]


def codes(refs: Iterable[Any]) -> frozenset[str]:
    return frozenset(r.country for r in refs if r.country)


def prediction_from(analysis: Any, record: dict[str, Any], min_confidence: float = 0.0) -> Prediction:
    """Reduce a :class:`heron.model.Analysis` to the scorer's view (events at or above
    ``min_confidence`` only)."""
    sentences = record["sentences"]
    text = record["text"]
    kb_of = {a.id: a.kb_id for a in analysis.actors}
    events = [
        PredEvent(sentence_of(sentences, e.trigger.start), e.event_type,
                  (e.trigger.start, e.trigger.end), codes(e.actors), codes(e.recipients), e.status,
                  e.date, e.date_precision or "", e.confidence)
        for e in analysis.events if e.confidence >= min_confidence
    ]
    mentions = [PredMention((m.start, m.end), m.actor_id, kb_of.get(m.actor_id or ""), m.name,
                            m.country) for m in analysis.mentions]
    quotes = []
    for q in analysis.quotes:
        parts = q.content_spans or [q.content]
        words = frozenset().union(*(words_in(text, s.start, s.end) for s in parts))
        speaker = q.speaker
        quotes.append(PredQuote(words, (q.cue.start, q.cue.end) if q.cue else None,
                                speaker.actor_id if speaker else None,
                                kb_of.get(speaker.actor_id or "") if speaker else None,
                                bool(getattr(q, "negated", False)),
                                float(getattr(q, "confidence", 1.0)),
                                (speaker.start, speaker.end) if speaker else None))
    return Prediction(events, mentions, quotes)


# ----------------------------------------------------------------------------- tallies


@dataclass
class Tally:
    """Counts over a set of documents; every figure of the report derives from them."""

    docs: int = 0
    ev_gold: Counter = field(default_factory=Counter)  # by type
    ev_pred: Counter = field(default_factory=Counter)
    ev_hit: Counter = field(default_factory=Counter)
    ev_hit_codes: int = 0
    status_right: int = 0
    date_gold_day: int = 0
    date_right: int = 0
    undated_pairs: int = 0
    undated_clean: int = 0
    q_gold: int = 0
    q_pred: int = 0
    q_hit: int = 0
    cue_hit: int = 0
    spk_total: int = 0
    spk_right: int = 0
    spk_unnamed_by_phrase: int = 0  # wrong by actor, but an unnamed speaker's own phrase
    m_gold: int = 0
    m_aligned: int = 0
    link_right: int = 0
    with_country: int = 0
    wrong_country: int = 0
    unsupported_country: int = 0
    b3_p: float = 0.0
    b3_r: float = 0.0
    b3_n: int = 0

    def merge(self, other: Tally) -> None:
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(value, Counter):
                mine.update(value)
            else:
                setattr(self, name, mine + value)


# ----------------------------------------------------------------------------- events


def _side_agrees(gold: frozenset[str], pred: frozenset[str]) -> bool:
    return bool(gold & pred) or (not gold and not pred)


def _gold_codes(event: dict[str, Any], role: str, entities: dict[str, dict[str, Any]]) -> frozenset[str]:
    return frozenset(c for c in (entities.get(e, {}).get("code") for e in event[role]) if c)


def pair_events(gold: list[dict[str, Any]], pred: list[PredEvent],
                entities: dict[str, dict[str, Any]]) -> list[tuple[dict[str, Any], PredEvent, bool]]:
    """One-to-one pairs of same-sentence, same-type events, with whether the codes agree."""
    candidates = []
    agreeing: dict[tuple[int, int], bool] = {}
    for gi, g in enumerate(gold):
        ga, gr = _gold_codes(g, "actor", entities), _gold_codes(g, "recipient", entities)
        trig = (g["trigger"]["start"], g["trigger"]["end"])
        for pi, p in enumerate(pred):
            if p.sentence != g["sentence"] or p.type != g["type"]:
                continue
            agree = _side_agrees(ga, p.actor_codes) and _side_agrees(gr, p.recipient_codes)
            rank = (overlap(trig, p.trigger) > 0, agree, -abs(trig[0] - p.trigger[0]))
            candidates.append((rank, gi, pi))
            agreeing[gi, pi] = agree
    return [(gold[gi], pred[pi], agreeing[gi, pi]) for gi, pi in one_to_one(candidates)]


def one_to_one(candidates: list[tuple[Any, int, int]]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs from (rank, gold index, predicted index), best rank first."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates, key=lambda c: c[0], reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def word_pairs(gold: list[frozenset[int]], pred: list[frozenset[int]]) -> list[tuple[int, int]]:
    """Spans paired when they share at least half of both's words, largest overlap first."""
    candidates = []
    for gi, gw in enumerate(gold):
        for pi, pw in enumerate(pred):
            shared = len(gw & pw)
            if shared and shared * 2 >= len(gw) and shared * 2 >= len(pw):
                candidates.append((shared, gi, pi))
    # ties: later spans first, as the scores recorded so far were computed
    return one_to_one(sorted(candidates, reverse=True))


def _date_is_invented(p: PredEvent, published: str | None) -> bool:
    if not p.date:
        return False
    return not (p.date_precision in UNDATED_PRECISIONS and published and p.date[:10] == published)


def score_events(record: dict[str, Any], pred: Prediction, tally: Tally) -> None:
    entities = {e["id"]: e for e in record["entities"]}
    gold = record["events"]
    tally.ev_gold.update(g["type"] for g in gold)
    tally.ev_pred.update(p.type for p in pred.events)
    for g, p, agree in pair_events(gold, pred.events, entities):
        tally.ev_hit[g["type"]] += 1
        tally.ev_hit_codes += agree
        tally.status_right += g["status"] == p.status
        if g.get("date") and len(g["date"]) == 10 and g.get("date_text") and record.get("published"):
            tally.date_gold_day += 1
            tally.date_right += bool(p.date) and p.date[:10] == g["date"]
        elif not g.get("date_text"):
            tally.undated_pairs += 1
            tally.undated_clean += not _date_is_invented(p, record.get("published"))


# ----------------------------------------------------------------------------- actors


def align_mentions(record: dict[str, Any], pred: Prediction) -> list[tuple[dict[str, Any], PredMention]]:
    """Each gold mention with the predicted mention overlapping it most (if any)."""
    out = []
    for g in record["mentions"]:
        span = (g["start"], g["end"])
        best = max(pred.mentions, key=lambda m: overlap(span, m.span), default=None)
        if best is not None and overlap(span, best.span) > 0:
            out.append((g, best))
    return out


def _link_right(entity: dict[str, Any], m: PredMention) -> bool:
    if entity.get("kb"):
        return m.kb_id == entity["kb"]
    return m.kb_id is None or fold(m.name) == fold(entity.get("name"))


def b3(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """Summed B³ precision and recall over items given as (gold cluster, predicted cluster)."""
    gold_size = Counter(g for g, _ in pairs)
    pred_size = Counter(p for _, p in pairs)
    both = Counter(pairs)
    p_sum = sum(both[(g, p)] / pred_size[p] for g, p in pairs)
    r_sum = sum(both[(g, p)] / gold_size[g] for g, p in pairs)
    return p_sum, r_sum


def actor_map(aligned: list[tuple[dict[str, Any], PredMention]]) -> dict[str, str]:
    """Heron actor id -> the gold entity most of its aligned mentions belong to."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for g, m in aligned:
        if m.actor_id:
            votes[m.actor_id][g["entity"]] += 1
    return {actor: v.most_common(1)[0][0] for actor, v in votes.items()}


def score_actors(record: dict[str, Any], pred: Prediction, tally: Tally) -> dict[str, str]:
    entities = {e["id"]: e for e in record["entities"]}
    aligned = align_mentions(record, pred)
    tally.m_gold += len(record["mentions"])
    tally.m_aligned += len(aligned)
    clusters = []
    for i, (g, m) in enumerate(aligned):
        entity = entities.get(g["entity"], {})
        tally.link_right += _link_right(entity, m)
        if m.country:
            tally.with_country += 1
            gold_code = entity.get("code")
            tally.wrong_country += bool(gold_code) and gold_code != m.country
            tally.unsupported_country += not gold_code
        clusters.append((g["entity"], m.actor_id or f"_single{i}"))
    p_sum, r_sum = b3(clusters)
    tally.b3_p += p_sum
    tally.b3_r += r_sum
    tally.b3_n += len(clusters)
    return actor_map(aligned)


# ----------------------------------------------------------------------------- quotes


def score_quotes(record: dict[str, Any], pred: Prediction, tally: Tally, amap: dict[str, str],
                 min_confidence: float = 0.0) -> None:
    text = record["text"]
    entities = {e["id"]: e for e in record["entities"]}
    gold = [q for q in record["quotes"] if q.get("content")]
    gold_words = [words_in(text, q["content"]["start"], q["content"]["end"]) for q in gold]
    said = [p for p in pred.quotes if not p.negated and p.confidence >= min_confidence]
    tally.q_gold += len(gold)
    tally.q_pred += len(said)
    for gi, pi in word_pairs(gold_words, [p.words for p in said]):
        g, p = gold[gi], said[pi]
        tally.q_hit += 1
        if g.get("cue") and p.cue:
            tally.cue_hit += overlap((g["cue"]["start"], g["cue"]["end"]), p.cue) > 0
        if g.get("speaker_entity"):
            tally.spk_total += 1
            kb = entities.get(g["speaker_entity"], {}).get("kb")
            right = (amap.get(p.actor_id or "") == g["speaker_entity"]
                     or (bool(kb) and p.kb_id == kb))
            tally.spk_right += right
            tally.spk_unnamed_by_phrase += not right and unnamed_speaker_phrase(
                g, entities.get(g["speaker_entity"], {}), p, text)


def unnamed_speaker_phrase(gold: dict[str, Any], entity: dict[str, Any], pred: PredQuote,
                           text: str) -> bool:
    """An unnamed speaker ("analysts", "the business owner") that Heron leaves without an
    actor on purpose but shows by its own phrase: right when the predicted speaker span overlaps
    the gold speaker span, that span is no pronoun (a bare "they" tells a reader nothing) and
    the predicted phrase's head word is a word of the gold entity's name ("the bank chief" for
    Ben Bernanke, "the group" for a named association stay wrong: the reader is not told who)."""
    span = gold.get("speaker")
    if entity.get("kb") or pred.actor_id or not span or not pred.speaker_span:
        return False
    if span["text"].lower() in SPEAKER_PRONOUNS:
        return False
    if overlap((span["start"], span["end"]), pred.speaker_span) == 0:
        return False
    phrase = text[pred.speaker_span[0]:pred.speaker_span[1]].lower().split()
    head = _singular(phrase[-1].removesuffix("'s").removesuffix("’s")) if phrase else ""
    return head in {_singular(w) for w in entity.get("name", "").lower().split()}


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them",
                              "his", "its", "their", "who", "which", "that"})


# ----------------------------------------------------------------------------- documents


def score_document(record: dict[str, Any], pred: Prediction, quote_confidence: float = 0.0) -> Tally:
    tally = Tally(docs=1)
    score_events(record, pred, tally)
    if record["scope"] == "full":
        amap = score_actors(record, pred, tally)
        score_quotes(record, pred, tally, amap, quote_confidence)
    return tally


def report(t: Tally, label: str) -> list[str]:
    hits = sum(t.ev_hit.values())
    gold, pred = sum(t.ev_gold.values()), sum(t.ev_pred.values())
    p, r, f = prf(hits, gold, pred)
    pc, rc, fc = prf(t.ev_hit_codes, gold, pred)
    qp, qr, qf = prf(t.q_hit, t.q_gold, t.q_pred)
    cue_p, cue_r, cue_f = prf(t.cue_hit, t.q_gold, t.q_pred)
    b3p, b3r = (t.b3_p / t.b3_n, t.b3_r / t.b3_n) if t.b3_n else (0.0, 0.0)
    b3f = 2 * b3p * b3r / (b3p + b3r) if b3p + b3r else 0.0
    lines = [
        f"**{label}** — {t.docs} documents",
        "",
        "| figure | value |",
        "|---|---|",
        f"| events gold / predicted | {gold} / {pred} |",
        f"| (a) event type P / R / F1 | {p:.3f} / {r:.3f} / {f:.3f} |",
        f"| (b) type + actor + recipient codes P / R / F1 | {pc:.3f} / {rc:.3f} / {fc:.3f} |",
        f"| (c) status accuracy (of {hits} type pairs) | {ratio(t.status_right, hits):.3f} |",
        f"| (d) day-level date accuracy (of {t.date_gold_day} pairs dated in text) "
        f"| {ratio(t.date_right, t.date_gold_day):.3f} |",
        f"| no invented date (of {t.undated_pairs} pairs undated in text) "
        f"| {ratio(t.undated_clean, t.undated_pairs):.3f} |",
    ]
    if t.q_gold or t.m_gold:
        lines += [
            f"| quotes gold / predicted | {t.q_gold} / {t.q_pred} |",
            f"| quote content overlap≥50% P / R / F1 | {qp:.3f} / {qr:.3f} / {qf:.3f} |",
            f"| quote cue P / R / F1 | {cue_p:.3f} / {cue_r:.3f} / {cue_f:.3f} |",
            f"| speaker identity accuracy (of {t.spk_total}) | {ratio(t.spk_right, t.spk_total):.3f} |",
            f"| … counting unnamed speakers shown by their own phrase | "
            f"{ratio(t.spk_right + t.spk_unnamed_by_phrase, t.spk_total):.3f} |",
            f"| actor mentions gold / aligned (recall) | {t.m_gold} / {t.m_aligned} "
            f"({ratio(t.m_aligned, t.m_gold):.3f}) |",
            f"| actor link accuracy (aligned) | {ratio(t.link_right, t.m_aligned):.3f} |",
            f"| wrong country / unsupported country (of {t.with_country} with a country) "
            f"| {ratio(t.wrong_country, t.with_country):.3f} / "
            f"{ratio(t.unsupported_country, t.with_country):.3f} |",
            f"| within-document chain B³ P / R / F1 | {b3p:.3f} / {b3r:.3f} / {b3f:.3f} |",
        ]
    return lines


def type_table(t: Tally) -> list[str]:
    lines = ["", "| type | gold | pred | P | R | F1 |", "|---|---|---|---|---|---|"]
    for typ in sorted(set(t.ev_gold) | set(t.ev_pred)):
        p, r, f = prf(t.ev_hit[typ], t.ev_gold[typ], t.ev_pred[typ])
        lines.append(f"| {typ} | {t.ev_gold[typ]} | {t.ev_pred[typ]} | {p:.2f} | {r:.2f} | {f:.2f} |")
    return lines


def load_split(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run_heron(records: list[dict[str, Any]]) -> Iterable[Any]:
    from heron.model import Article
    from heron.nlp.pipeline import get_pipeline

    pipeline = get_pipeline()
    articles = [Article(id=r["doc_id"], text=r["text"], raw_text=r["text"],
                        published=r.get("published")) for r in records]
    return pipeline.analyse(articles)


def score(records: list[dict[str, Any]], analyses: Iterable[Any], min_confidence: float = 0.0,
          per_doc: bool = False, quote_confidence: float = 0.0) -> dict[str, Tally]:
    tallies = {"all": Tally(), "full": Tally()}
    for record, analysis in zip(records, analyses, strict=True):
        doc_tally = score_document(record, prediction_from(analysis, record, min_confidence),
                                   quote_confidence)
        tallies["all"].merge(doc_tally)
        if record["scope"] == "full":
            tallies["full"].merge(doc_tally)
        if per_doc:
            hits = sum(doc_tally.ev_hit.values())
            print(f"{record['doc_id'][:60]:60} events gold {sum(doc_tally.ev_gold.values()):3} "
                  f"pred {sum(doc_tally.ev_pred.values()):3} hit {hits:3}; quotes "
                  f"{doc_tally.q_gold}/{doc_tally.q_pred}/{doc_tally.q_hit}")
    return tallies


def main(argv: list[str] | None = None) -> int:
    from _report import add_no_record_flag

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", help="train | dev | test (test: once per stop)")
    ap.add_argument("--gold", type=Path, help="score this gold JSONL file instead of a split")
    ap.add_argument("--min-confidence", type=float, default=None,
                    help="score only events at or above this confidence (default: Heron's export threshold)")
    ap.add_argument("--quote-min-confidence", type=float, default=None,
                    help="score only quotes at or above this confidence (default: Heron's export threshold)")
    ap.add_argument("--per-doc", action="store_true", help="print one line per document (not on test)")
    ap.add_argument("--label", default="", help="what is being measured (goes into the record)")
    add_no_record_flag(ap)
    args = ap.parse_args(argv)
    path = args.gold or GOLD_DIR / f"{args.split}.jsonl"
    if args.per_doc and args.split == "test" and not args.gold:
        ap.error("the test split is frozen: no per-document output")
    records = load_split(path)
    min_conf = args.min_confidence if args.min_confidence is not None else export_threshold()
    quote_conf = (args.quote_min_confidence if args.quote_min_confidence is not None
                  else quote_export_threshold())
    tallies = score(records, run_heron(records), min_conf, args.per_doc, quote_conf)
    from _report import record

    name = args.gold.name if args.gold else f"{args.split} split"
    lines = [f"Gold corpus ({name}), events at confidence ≥ {min_conf:g}, quotes at confidence ≥ "
             f"{quote_conf:g}. {args.label}".strip(), ""]
    lines += report(tallies["all"], "all documents (VOA, MEANTIME, ECB+)")
    lines += ["", *report(tallies["full"], "full documents (VOA, MEANTIME)")]
    lines += type_table(tallies["all"])
    record(f"Gold corpus — {name}", lines, dry_run=args.no_record)
    return 0


def export_threshold() -> float:
    """Heron's default export threshold for events, when it has one (0 before it existed)."""
    try:
        from heron.config import Settings

        return float(getattr(Settings(), "min_confidence", 0.0))
    except ImportError:
        return 0.0


def quote_export_threshold() -> float:
    """Heron's default export threshold for quotes, when it has one (0 before it existed)."""
    try:
        from heron.config import Settings

        return float(getattr(Settings(), "quote_min_confidence", 0.0))
    except ImportError:
        return 0.0


if __name__ == "__main__":
    sys.exit(main())
