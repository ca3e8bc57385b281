"""Claims: the same statement by the same speaker relayed by several outlets (quotes fused by
speaker actor id and content similarity), with disagreements on the figures quoted."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from heron.fuse.contradictions import evidence_pair, independent
from heron.fuse.sources import span_dict
from heron.fuse.text import content_words, jaccard, source_key
from heron.model import Analysis, Article, Quote, is_local_actor
from heron.records import Claim, ClaimSource, Contradiction, Side
from heron.store.base import Store

SIMILAR_RATIO = 85  # rapidfuzz token-sort ratio for one statement worded alike
SIMILAR_WORDS = 0.6  # or this content-word Jaccard overlap (translations, light edits)
MIN_WORDS = 4  # ... between statements of at least this many content words
NUMBER = re.compile(r"\b\d[\d,.]*\b")
# A figure and the word it counts; a decimal split by tokenisation ("6. 1") is one figure.
FIGURE = re.compile(r"(?<![\w.,:])(?P<value>\d[\d,]*(?:[.:]\s?\d+)?)(?:\s*-?\s*(?P<unit>[A-Za-z]+))?")
UNIT_PREFIX = 5


def quote_source(article: Article, quote: Quote) -> ClaimSource:
    return {
        "quote_id": quote.id, "article_id": article.id, "outlet": article.outlet,
        "source": source_key(article), "published": article.published,
        "content": span_dict(quote.content), "sentence": span_dict(quote.content),
        "cue": span_dict(quote.cue) if quote.cue else None, "direct": quote.direct,
        "confidence": quote.confidence,
        "channel": quote.channel, "via": quote.via, "date": quote.date,
        "words": sorted(set(content_words(quote.content.text))),
        "numbers": sorted(set(NUMBER.findall(quote.content.text))),
    }


def same_statement(a: ClaimSource, b: ClaimSource) -> bool:
    """Worded alike (token-sort ratio: a quote and a mere fragment of it differ), or sharing
    most content words (translated or lightly edited relays)."""
    ratio = fuzz.token_sort_ratio(a["content"]["text"], b["content"]["text"])
    enough_words = min(len(a["words"]), len(b["words"])) >= MIN_WORDS
    return ratio >= SIMILAR_RATIO or (
        enough_words and jaccard(set(a["words"]), set(b["words"])) >= SIMILAR_WORDS)


def fuse_article_quotes(store: Store, story_id: str, article: Article,
                        analysis: Analysis) -> list[Claim]:
    """Merge the article's attributed quotes into the story's claims; returns those touched."""
    touched: dict[str, Claim] = {}
    for quote in analysis.quotes:
        speaker = quote.speaker
        # What a speaker did not say is no claim of theirs; an unnamed speaker of one article
        # (a document-local actor) is nobody another outlet's quote could be matched to.
        if speaker is None or not speaker.actor_id or is_local_actor(speaker.actor_id) \
                or len(quote.content.text) < 20 or quote.negated:
            continue
        speaker_id = speaker.actor_id
        source = quote_source(article, quote)
        pool = {c["id"]: c for c in store.claim_candidates(story_id, speaker_id)}
        pool.update((k, c) for k, c in touched.items() if c["speaker_id"] == speaker_id)
        claim = next((c for c in pool.values()
                      if any(same_statement(source, s) for s in c["sources"])), None)
        if claim is None:
            # summarise_claim fills in the text and counts
            claim = {"id": f"cl-{quote.id}", "story_id": story_id, "speaker_id": speaker_id,
                     "speaker": {"actor_id": speaker_id, "name": speaker.name,
                                 "country": speaker.country, "sector": speaker.sector},
                     "sources": [], "text": "", "n_sources": 0, "n_outlets": 0,
                     "first_reported": None, "contradiction_ids": []}
        claim["sources"].append(source)
        summarise_claim(claim)
        touched[claim["id"]] = claim
    return list(touched.values())


def summarise_claim(claim: Claim) -> None:
    sources = claim["sources"]
    claim["text"] = max((s["content"]["text"] for s in sources), key=len)
    claim["n_sources"] = len(sources)
    claim["n_outlets"] = len({s["source"] for s in sources})
    published = sorted(s["published"] for s in sources if s["published"])
    claim["first_reported"] = published[0] if published else None


def figures(text: str) -> dict[str, set[str]]:
    """The figures a statement quotes, by what they count: the word after the number ("30
    countries", "10 kilometres", "6.1-magnitude", "0737 GMT"). Two relays disagree only on
    figures of one unit — a depth in miles, a time or a magnitude is not a depth in km."""
    out: dict[str, set[str]] = {}
    for match in FIGURE.finditer(text):
        # "6 p.m." and "6:00 p.m.", "1200" and "1,200": one figure written two ways
        value = re.sub(r"\s|,|:00$", "", match["value"]).rstrip(".")
        out.setdefault(_unit(match["unit"]), set()).add(value)
    return out


def _unit(word: str | None) -> str:
    # "kilometres"/"kilometers", "country"/"countries": one unit, whatever the spelling
    return (word or "").lower()[:UNIT_PREFIX]


def claim_contradictions(claim: Claim, min_confidence: float = 0.0) -> list[Contradiction]:
    """Relays of one statement quoting different figures for the same unit, by different
    outlets (see :func:`heron.fuse.contradictions.independent`). A relay that quotes fewer
    of the figures ("30 miles" where another gives "48km" too) does not disagree."""
    claim["contradiction_ids"] = []
    by_unit: dict[str, dict[str, list[ClaimSource]]] = {}
    for s in claim["sources"]:
        for unit, values in figures(s["content"]["text"]).items():
            by_unit.setdefault(unit, {}).setdefault(", ".join(sorted(values)), []).append(s)
    for unit, variants in sorted(by_unit.items()):
        sets = {v: set(v.split(", ")) for v in variants}
        variants = {v: items for v, items in variants.items()
                    if any(not sets[v] & sets[w] for w in variants)}
        sides = independent([{"value": f"{v} {unit}".strip(), "sources": [
            {"article_id": s["article_id"], "outlet": s["outlet"], "source": s["source"],
             "sentence": s["sentence"], "confidence": s.get("confidence")} for s in items]}
            for v, items in variants.items()], min_confidence)
        if len(sides) >= 2:
            return [_numbers_record(claim, sides)]
    return []


def _numbers_record(claim: Claim, sides: list[Side]) -> Contradiction:
    record: Contradiction = {
        "id": f"cx-{claim['id']}-numbers", "story_id": claim["story_id"],
        "fused_event_id": None, "claim_id": claim["id"], "attribute": "numbers",
        "description": f"{claim['speaker']['name']} is quoted with different figures: "
                       + " vs ".join(str(side["value"]) for side in sides),
        "sides": sides, "rule": "claim_numbers", "evidence": evidence_pair(sides)}
    claim["contradiction_ids"] = [record["id"]]
    return record
