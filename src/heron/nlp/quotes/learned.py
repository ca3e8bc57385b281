"""Learned evidence for the quote page: which words introduce an attribution, and where its
content runs.

Two linear models (``heron.nlp.linear``) trained on the train split of Heron's gold corpus
(``bench/data/gold``, ``scripts/train_quotes.py``, ``make train``):

* the **cue model** reads every candidate cue of a sentence — each attribution the rules found,
  and every other verb with a subject — with features of the word (lemma, tag, dependency, its
  auxiliaries and negation, what it governs, who its subject is) and of the rule's decision
  (which word list, whether the rules made it a quote, what content they gave it). Its
  probability is the quote's confidence: a rule quote below ``keep_threshold`` ("made no mention
  of", "decided to travel", "is expected to") stays in the analysis, flagged by its confidence,
  but is not exported or listed by default (``Settings.quote_min_confidence``), and a verb the
  word lists do not know becomes a quote when it reaches ``add_threshold`` ("enthused",
  "confided"), as does a quotation opening a sentence with no cue of its own that carries the
  statement before it on;
* the **span model** chooses the content among candidate spans built by the page's own content
  rules (the rule's choice, the complement clause, the object, the adjacent quotations, the
  clause before or after the attribution, the rule's span widened over whole quotations), each
  described by which rules proposed it, its length, side and punctuation.

The same candidate and feature code runs at training and at analysis time, so the two cannot
drift apart. Without model files the rules work alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from heron.config import QUOTE_CUE_MODEL, QUOTE_SPAN_MODEL, model_dir, quote_keep_threshold
from heron.nlp.linear import SoftmaxModel
from heron.nlp.quotes.attributions import attribution, setting_tokens
from heron.nlp.quotes.content import (
    adjacent_quotations,
    after_colon,
    around_parenthetical,
    clause_before,
    complement,
    object_of,
    with_continuations,
    without_lead,
)
from heron.nlp.quotes.cues import attribution_clause, cue_lemma, is_cue_verb
from heron.nlp.quotes.found import Found
from heron.nlp.quotes.lexicon import (
    COGNITION_VERBS,
    EVIDENCE_VERBS,
    INTENTION_VERBS,
    SPEECH_VERBS,
)
from heron.nlp.quotes.page import Page, end_of, is_first_person, merged, within, word_bounds
from heron.nlp.quotes.speaker_phrase import speaker_of

CUE_MODEL, SPAN_MODEL = QUOTE_CUE_MODEL, QUOTE_SPAN_MODEL
YES, NO = "QUOTE", "NONE"
GOOD, BAD = "GOOD", "BAD"
_WORD = re.compile(r"\w+")
CHILD_DEPS = frozenset({"neg", "aux", "auxpass", "dobj", "ccomp", "xcomp", "prt", "prep", "dative",
                        "advmod", "mark", "agent", "nsubj", "nsubjpass", "attr", "oprd", "acomp"})

Spans = list[tuple[int, int]]
OPENING_MARKS = frozenset('"“«„')
CLOSING_MARKS = frozenset('"”»')
# Rounding room for the confidence bound of QuoteModels._may_reach (float sums in another order).
BOUND_SLACK = 1e-6
_NEXT_PARAGRAPH = re.compile(r"[ \t]*\n+[ \t]*([^\n]+)")


@dataclass
class Candidate:
    """A word that may introduce an attribution, with what the rules made of it."""

    token: Token
    sent: Span
    found: Found | None = None
    options: dict[tuple[tuple[int, int], ...], list[str]] = field(default_factory=dict)
    # A paragraph that is a quotation with no cue of its own (``bare``), and the attribution
    # before it whose speaker it may continue.
    bare: tuple[int, int] | None = None
    previous: Found | None = None

    @property
    def cue(self) -> tuple[int, int]:
        if self.found is not None:
            return self.found.cue
        if self.bare is not None:
            return self.bare[0], self.bare[0]  # no cue word
        return self.token.idx, self.token.idx + len(self.token)


# ---------------------------------------------------------------------------- candidates


def candidates(page: Page, found: list[Found]) -> list[Candidate]:
    """Every rule attribution, then every verb with a subject that the rules did not make a cue,
    then the bare quotations; each with its candidate contents."""
    out = candidate_cues(page, found)
    for candidate in out:
        candidate.options = content_options(page, candidate)
    return out


def candidate_cues(page: Page, found: list[Found]) -> list[Candidate]:
    """The candidates of :func:`candidates`, their contents not yet proposed."""
    doc = page.doc
    out: list[Candidate] = []
    taken: set[int] = set()
    for item in found:
        span = doc.char_span(*item.cue, alignment_mode="expand")
        if span is None or not len(span):
            continue
        token = span.root
        unit = page.units[page.unit_at.get(token.i, 0)] if page.units else doc[:]
        out.append(Candidate(token, unit, item))
        taken.update(range(span.start, span.end))
    for unit in page.units:
        for token in page.words(unit):
            if token.i in taken or token.pos_ != "VERB" or page.quoted(token.idx):
                continue
            if speaker_of(token) is None or token.dep_ in ("amod", "compound"):
                continue
            out.append(Candidate(token, unit))
    return out + _bare_quotations(page, found)


def _bare_quotations(page: Page, found: list[Found]) -> list[Candidate]:
    """Quotations opening a sentence that has no attribution of its own (``“…,” he said. “…”``):
    the continuation of the statement before, whose speaker they keep."""
    doc = page.doc
    cues = [item.cue[0] for item in found]
    out = []
    for quote in page.quotes:
        span = doc.char_span(quote[0], quote[1], alignment_mode="expand")
        words = [t for t in page.words(span) if not t.is_punct and not t.is_space] if span else []
        if not words or words[0].i not in page.unit_at:
            continue
        unit = page.units[page.unit_at[words[0].i]]
        opening = [t for t in page.words(unit) if not t.is_space][:1]
        own_cue = any(unit.start_char <= c < unit.end_char for c in cues)
        if not opening or opening[0].idx < quote[0] or own_cue:
            continue
        before = [f for f in found if f.cue[1] <= quote[0] and f.speaker is not None]
        if before and page.clausal(quote):
            out.append(Candidate(words[0], unit, bare=quote, previous=before[-1]))
    return out


Options = dict[tuple[tuple[int, int], ...], list[str]]
# A candidate's options open to the span model, their span features and GOOD probabilities.
RankedOptions = tuple[list[tuple[tuple[tuple[int, int], ...], list[str]]], list[list[str]],
                      np.ndarray]


def content_options(page: Page, cand: Candidate) -> Options:
    """Candidate contents (as tuples of character spans), each with the rules that proposed it."""
    verb, sent = cand.token, cand.sent
    if cand.bare is not None:
        bare = [cand.bare]
        return {tuple(spans): [name] for name, spans in (
            ("bare_paragraphs", _safe(lambda: _over_paragraphs(page, bare))), ("bare", bare))
            if spans}
    clause = attribution_clause(page, verb, sent)
    proposals: list[tuple[str, Callable[[], Spans]]] = []
    if cand.found is not None:
        content = list(cand.found.content)
        proposals.append(("rule", lambda: content))
        proposals.append(("rule_quoted", lambda: _over_quotations(page, content, clause)))
        proposals.append(("paragraphs", lambda: _over_paragraphs(page, content)))
    if verb.pos_ in ("VERB", "AUX", "PROPN"):
        proposals += [
            ("adjacent", lambda: adjacent_quotations(page, clause, sent)),
            ("around", lambda: around_parenthetical(page, clause, sent)),
            ("before", lambda: clause_before(page, clause, sent)),
            ("complement", lambda: complement(page, verb, sent)),
            ("object", lambda: object_of(page, verb, sent)),
            ("colon", lambda: after_colon(page, clause, sent)),
        ]
    if cand.found is None:
        # the bare sides of the sentence, for cues the rules have no content rules for
        proposals += [("rest", lambda: _rest(page, clause, sent)),
                      ("lead", lambda: _lead(page, clause, sent))]
    options: Options = {}
    for name, propose in proposals:
        spans = _without_lead_in(page, _safe(propose), sent)
        if spans and not any(s < cand.cue[1] and cand.cue[0] < e for s, e in spans):
            options.setdefault(tuple(spans), []).append(name)
    return options


def _open_options(cand: Candidate) -> list[tuple[tuple[tuple[int, int], ...], list[str]]]:
    """The contents the span model may choose for ``cand``: a quote keeps every part the rules
    gave it (a quote split around its cue, the quotations that carry it on), so the model may
    move or widen a content, not cut it."""
    options = list(cand.options.items())
    if cand.found is None:
        return options
    rule = cand.found.content
    return [(s, n) for s, n in options if "rule" in n or not all(within(part, rule) for part in s)]


def _without_lead_in(page: Page, spans: Spans, sent: Span) -> Spans:
    """A content opening its sentence never starts with the words linking it to the text before
    ("For instance, …", "But …"), whichever rule proposed it."""
    opening = next((t.idx for t in page.words(sent) if not t.is_space), None)
    # A content that starts before the sentence (a quotation the parser split into sentences)
    # is not opened by this sentence's lead-in.
    if not spans or spans[0][0] != opening or page.quoted(spans[0][0]):
        return spans
    words = [t for t in page.words(sent) if spans[0][0] <= t.idx < spans[0][1]]
    kept = without_lead(words, page.tuning.max_lead_in_tokens)
    if not kept or kept[0] is words[0]:
        return spans
    return [(kept[0].idx, spans[0][1]), *spans[1:]]


def _safe(propose: Callable[[], Spans]) -> Spans:
    """A content rule run on a word it was not written for may find nothing, or fail on an odd
    parse; either way it proposes nothing."""
    try:
        return [(start, end) for start, end in propose() or []]
    except (IndexError, ValueError, AttributeError, StopIteration):
        return []


def _over_quotations(page: Page, content: Spans, clause: list[Token]) -> Spans:
    """The rule's content widened to the whole quotations it touches, with those that carry it on
    (a quotation running over several sentences)."""
    widened = merged(sorted(page.widen_to_quotes(s, e) for s, e in content))
    if not any(page.overlaps_quote(s, e) for s, e in widened):
        return []
    end = max((end_of(t) for t in clause), default=0)
    return with_continuations(page, widened, end)


def _over_paragraphs(page: Page, content: Spans) -> Spans:
    """A content ending in a quotation left open at its paragraph's end, carried on over the
    paragraphs that continue it: those that reopen the quotation, up to the one that closes it."""
    text, end = page.text, content[-1][1]
    if not any(s < end == e and text[e - 1] not in CLOSING_MARKS for s, e in page.quotes):
        return []
    new_end, pos = end, end
    for _ in range(page.tuning.max_continued_paragraphs):
        paragraph = _NEXT_PARAGRAPH.match(text, pos)
        if paragraph is None:
            break
        body = paragraph.group(1)
        reopens = body[0] in OPENING_MARKS
        closing = next((k for k, c in enumerate(body) if c in CLOSING_MARKS and (k or not reopens)), None)
        if closing is not None:
            return [*content[:-1], (content[-1][0], paragraph.start(1) + closing + 1)]
        if not reopens:
            break
        new_end = pos = paragraph.end(1)
    return [*content[:-1], (content[-1][0], new_end)] if new_end > end else []


def _rest(page: Page, clause: list[Token], sent: Span) -> Spans:
    """The sentence after the attribution clause."""
    last = word_bounds(clause)[1] if clause else sent.start
    words = [t for t in page.tokens[last + 1:sent.end] if not page.is_edge_punct(t) and not t.is_space]
    return [page.widen_to_quotes(words[0].idx, end_of(words[-1]))] if words else []


def _lead(page: Page, clause: list[Token], sent: Span) -> Spans:
    """The sentence before the attribution clause."""
    first = word_bounds(clause)[0] if clause else sent.end
    words = [t for t in without_lead(page.tokens[sent.start:first], page.tuning.max_lead_in_tokens)
             if not page.is_edge_punct(t) and not t.is_space]
    return [page.widen_to_quotes(words[0].idx, end_of(words[-1]))] if words else []


# ---------------------------------------------------------------------------- features


def _word_class(lemma: str) -> str:
    for name, words in (("speech", SPEECH_VERBS), ("belief", COGNITION_VERBS),
                        ("intention", INTENTION_VERBS), ("evidence", EVIDENCE_VERBS)):
        if lemma in words:
            return name
    return "other"


def _kind(token: Token | None) -> str:
    if token is None:
        return "none"
    if token.ent_type_:
        return token.ent_type_
    if token.pos_ == "PRON":
        return f"PRON:{token.lower_}"
    return token.pos_


def _bucket(n: int) -> str:
    for limit in (1, 2, 3, 5, 8, 12, 20, 35, 60):
        if n <= limit:
            return str(limit)
    return "many"


def cue_features(page: Page, cand: Candidate, with_status: bool = True) -> list[str]:
    """The cue model's features (``with_status=False``: without the cue's polarity and modality,
    ``st=…``/``stk=…``, the costliest to compute)."""
    if cand.bare is not None:
        return bare_features(page, cand)
    token = cand.token
    lemma = cue_lemma(token) if token.pos_ != "NOUN" else token.lemma_.lower()
    cls = _word_class(lemma)
    speaker = cand.found.speaker_head if cand.found else speaker_of(token)
    features = [f"lem={lemma}", f"low={token.lower_}", f"pos={token.pos_}", f"tag={token.tag_}",
                f"dep={token.dep_}", f"cls={cls}", f"cls_dep={cls}|{token.dep_}",
                f"hdep={token.dep_}>{token.head.lemma_.lower()}"]
    if with_status:
        status = page.status(token)
        features += [f"st={status.status}", f"stk={status.kind}"]
    features += [f"spk={_kind(speaker)}", f"lem_spk={lemma}|{_kind(speaker)}",
                 f"cue_text={page.text[cand.cue[0]:cand.cue[1]].lower()}"]
    features += [f"ch:{c.dep_}={c.lower_}" for c in token.children if c.dep_ in CHILD_DEPS]
    features += [f"chd={c.dep_}" for c in token.children]
    features += [f"lem_chd={lemma}|{c.dep_}" for c in token.children if c.dep_ in CHILD_DEPS]
    features += _context(page, cand)
    features += _rule_features(page, cand, lemma)
    return features


def bare_features(page: Page, cand: Candidate) -> list[str]:
    """A paragraph-opening quotation: how far back and of what kind the attribution before it is."""
    text, bare, previous = page.text, cand.bare, cand.previous
    assert bare is not None and previous is not None
    between = text[previous.content[-1][1]:bare[0]]
    gap = between.count("\n")
    words = len(_WORD.findall(text[bare[0]:bare[1]]))
    span = page.doc.char_span(bare[0], bare[1], alignment_mode="expand")
    opens = bare[0] == 0 or text[text.rfind("\n", 0, bare[0]) + 1:bare[0]].strip() == ""
    features = ["kind=bare", f"gap={min(gap, 4)}", f"prev_direct={previous.direct}",
                f"opens_paragraph={opens}", f"gap_opens={min(gap, 4)}|{opens}",
                f"len={_bucket(words)}", f"closed={text[bare[1] - 1] in CLOSING_MARKS}",
                f"prev_spk={_kind(previous.speaker_head)}",
                f"prev_cue={text[previous.cue[0]:previous.cue[1]].lower()}"]
    if span is not None and is_first_person(span):
        features.append("first_person")
    if span is not None and any(is_cue_verb(page, t) for t in page.tokens[span.end:cand.sent.end]):
        features.append("cue_after")  # "“…,” she said" is not bare after all
    return features


def _context(page: Page, cand: Candidate) -> Iterator[str]:
    token, sent = cand.token, cand.sent
    if any(sent.start_char <= s < sent.end_char or s < sent.start_char < e for s, e in page.quotes):
        yield "sent_has_quote"
    before = page.tokens[token.i - 1] if token.i > 0 else None
    after = page.tokens[token.i + 1] if token.i + 1 < len(page.tokens) else None
    yield f"prev={before.lower_ if before is not None else '<s>'}"
    yield f"next={after.lower_ if after is not None else '</s>'}"
    yield f"lem_next={token.lemma_.lower()}|{after.lower_ if after is not None else '</s>'}"
    if token.i == sent.start or (before is not None and before.is_punct):
        yield "after_punct"
    if sent.end - 1 <= token.i + 1 or (after is not None and after.is_punct):
        yield "before_punct"


def _rule_features(page: Page, cand: Candidate, lemma: str) -> Iterator[str]:
    if cand.found is None:
        yield "rule=none"
        for names in cand.options.values():
            yield from (f"could={n}" for n in names)
        return
    found = cand.found
    yield "rule=quote"
    yield f"rule_lem={lemma}"
    yield f"rule_direct={found.direct}"
    words = sum(len(_WORD.findall(page.text[s:e])) for s, e in found.content)
    yield f"rule_len={_bucket(words)}"
    yield f"rule_parts={min(len(found.content), 3)}"
    yield f"rule_side={'before' if found.content[0][0] < found.cue[0] else 'after'}"
    yield from _content_shape(page, found.content, lemma)
    for name in cand.options.get(tuple(found.content), []):
        if name != "rule":
            yield f"rule_is={name}"
            yield f"rule_is_lem={name}|{lemma}"
    if found.speaker_head is None:
        yield "rule_no_speaker"


def _content_shape(page: Page, content: Spans, lemma: str) -> Iterator[str]:
    """What the rule's content is grammatically: a statement is mostly a clause or a
    quotation ("claimed that it was …"), a cue with a bare noun phrase mostly no statement at
    all ("claimed responsibility for", "dismissed concerns about", "confirmed the identity")."""
    span = page.doc.char_span(content[0][0], content[-1][1], alignment_mode="expand")
    if span is None or not len(span):
        return
    root = span.root
    clausal = any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in span)
    kind = "quoted" if page.fully_quoted(*content[0]) else "clause" if clausal else root.pos_
    yield f"rule_shape={kind}"
    yield f"rule_shape_lem={kind}|{lemma}"
    yield f"rule_root_dep={root.dep_}"


def span_features(page: Page, cand: Candidate, spans: tuple[tuple[int, int], ...],
                  names: list[str]) -> list[str]:
    text = page.text
    start, end = spans[0][0], spans[-1][1]
    words = sum(len(_WORD.findall(text[s:e])) for s, e in spans)
    side = "before" if end <= cand.cue[0] else "after" if start >= cand.cue[1] else "around"
    lemma = cand.token.lemma_.lower()
    quoted = all(page.fully_quoted(s, e) for s, e in spans)
    features = [f"len={_bucket(words)}", f"side={side}", f"quoted={quoted}", f"parts={min(len(spans), 3)}",
                f"n_rules={min(len(names), 4)}", f"lem_side={lemma}|{side}",
                f"units={min(_units_spanned(page, start, end), 4)}"]
    # "“…,” she said, “…”" (two quoted parts around the cue) is one statement; two bare parts
    # around a cue are mostly a passive's subject and predicate: the shape says which.
    shape = f"{side}|{min(len(spans), 3)}|{quoted}|{_joint(text, spans)}"
    features.append(f"shape={shape}")
    for name in names:
        features += [f"by={name}", f"by_side={name}|{side}", f"by_lem={name}|{lemma}",
                     f"by_len={name}|{_bucket(words)}", f"by_quoted={name}|{quoted}",
                     f"by_shape={name}|{shape}"]
    features += [f"pair={a}+{b}" for a in names for b in names if a < b]
    if cand.found is not None:
        rule = cand.found.content
        yield_rule = tuple(rule) == spans
        features.append(f"is_rule={yield_rule}")
        if not yield_rule and all(within(part, rule) for part in spans):
            # one part of the rule's content: right when the rule ran on into the next sentence
            # ("“…,” he said. “…”"), wrong when it split one sentence ("“…,” he said, “…”")
            rule_units = _joint(text, rule)
            features += [f"part_of_rule|{len(rule)}|{rule_units}",
                         f"part_of_rule_side|{side}|{len(rule)}|{rule_units}"]
        rule_words = sum(len(_WORD.findall(text[s:e])) for s, e in rule)
        features.append(f"vs_rule={_ratio_bucket(words, rule_words)}")
    else:
        features.append("no_rule")
    span = page.doc.char_span(start, end, alignment_mode="expand")
    first = page.words(span) if span is not None else []
    if first:
        features += [f"first={first[0].lower_}", f"first_pos={first[0].pos_}",
                     f"last_pos={first[-1].pos_}", f"last={first[-1].lower_}"]
        if any(is_cue_verb(page, t) and t.i != cand.token.i for t in first):
            features.append("has_other_cue")
    return features


def _joint(text: str, spans: Spans | tuple[tuple[int, int], ...]) -> str:
    """How the attribution between two parts ends: "," (one sentence split around its cue) or
    "." (the next sentence carries the quotation on)."""
    if len(spans) < 2:
        return "-"
    between = text[spans[0][1]:spans[1][0]].rstrip(" \t\n\"“”«»'‘’")
    return between[-1:] if between and between[-1] in ",.;:?!—" else "other"


def _ratio_bucket(a: int, b: int) -> str:
    if not b:
        return "none"
    r = a / b
    return "lt0.5" if r < 0.5 else "lt0.9" if r < 0.9 else "eq" if r <= 1.1 else "lt2" if r < 2 else "gt2"


def _units_spanned(page: Page, start: int, end: int) -> int:
    span = page.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return 1
    return len({page.unit_at.get(i, -1) for i in range(span.start, span.end)})


# ---------------------------------------------------------------------------- applying


@dataclass
class QuoteModels:
    """The trained cue and span models, and how the quote page applies them."""

    cues: SoftmaxModel
    spans: SoftmaxModel

    @property
    def keep_threshold(self) -> float:
        return quote_keep_threshold(self.cues.meta)

    @property
    def add_threshold(self) -> float:
        return float(self.cues.meta.get("add_threshold", 0.8))

    def cue_probabilities(self, page: Page, found: list[Candidate]) -> list[float]:
        if not found:
            return []
        rows = self.cues.predict([cue_features(page, c) for c in found])
        return [float(p) for p in rows[:, self.cues.labels.index(YES)]]

    @property
    def switch_margin(self) -> float:
        return float(self.spans.meta.get("switch_margin", 0.0))

    def best_content(self, page: Page, cand: Candidate, margin: float | None = None,
                     ranked: RankedOptions | None = None) -> tuple[Spans, float] | None:
        """The most probable content; a rule quote keeps its own unless another is more probable
        by ``margin`` (tuned on dev: the rule's content is usually right, and a content moved
        onto a neighbour's words costs two quotes). ``ranked``: the candidate's options already
        scored by :meth:`rank_options`."""
        if not cand.options:
            return None
        options, features, scores = ranked or self.rank_options(page, [cand])[0]
        best = int(scores.argmax())
        ruled = next((k for k, (_, names) in enumerate(options) if "rule" in names), None)
        margin = self.switch_margin if margin is None else margin
        # The model overrides the rule only on content shapes its training data had.
        unseen = ruled is not None and any(f.startswith("shape=") and f not in self.spans.vocab
                                           for f in features[ruled])
        if ruled is not None and (unseen or scores[best] < scores[ruled] + margin):
            best = ruled
        return list(options[best][0]), float(scores[best])

    def rank_options(self, page: Page, cands: list[Candidate]) -> list[RankedOptions]:
        """Each candidate's content options with their span features and the span model's
        probability that each is the content, in one pass of the model over all candidates."""
        options = [_open_options(c) for c in cands]
        features = [[span_features(page, c, s, n) for s, n in opts]
                    for c, opts in zip(cands, options, strict=True)]
        every = [f for of_one in features for f in of_one]
        good = self.spans.predict(every)[:, self.spans.labels.index(GOOD)]
        ranked, start = [], 0
        for opts, of_one in zip(options, features, strict=True):
            ranked.append((opts, of_one, good[start:start + len(opts)]))
            start += len(opts)
        return ranked

    def apply(self, page: Page, found: list[Found]) -> list[Found]:
        """The rule attributions the cue model keeps, with the content the span model prefers,
        and the confident attributions of cues the rules do not know; each with its confidence."""
        scored = self.scored(page, found, floor=self.add_threshold)
        return select(scored, 0.0, self.add_threshold)

    def scored(self, page: Page, found: list[Found], margin: float | None = None,
               floor: float = 0.0) -> list[tuple[Candidate, Found]]:
        """Every rule candidate, and every other candidate at ``floor`` confidence or more,
        with the attribution it would make (its confidence set). Most candidates are verbs the
        rules rejected and the cue model agrees; choosing their content would be wasted work,
        as :func:`select` only adds those at its ``add`` threshold (``floor`` at most that)."""
        every = candidate_cues(page, found)
        rejected = [c for c in every if c.found is None and c.bare is None] if floor > 0.0 else []
        unreachable = {id(c) for c, ok in zip(rejected, self._may_reach(page, rejected, floor),
                                              strict=True) if not ok}
        found_candidates = [c for c in every if id(c) not in unreachable]
        for cand in found_candidates:
            cand.options = content_options(page, cand)
        probabilities = self.cue_probabilities(page, found_candidates)
        kept = [(cand, p) for cand, p in zip(found_candidates, probabilities, strict=True)
                if cand.found is not None or p >= floor]
        ranked = self.rank_options(page, [cand for cand, _ in kept])
        out = []
        for (cand, p), options in zip(kept, ranked, strict=True):
            item = self._attribution(page, cand, margin, options)
            if item is not None:
                out.append((cand, replace(item, confidence=p)))
        return out

    def _may_reach(self, page: Page, cands: list[Candidate], floor: float) -> list[bool]:
        """Whether each verb the rules rejected may reach confidence ``floor`` whatever contents
        it is proposed: its features other than the proposals (``could=…``) give a bound when
        every proposal with a positive weight is assumed. Proposing contents costs more than
        the rest of the model, and most verbs are far below the bound (the result is exact)."""
        assert not any(cand.options for cand in cands)
        margins = self._cue_margins([cue_features(page, c, with_status=False) for c in cands])
        return [1.0 / (1.0 + math.exp(-(margin + self._unknown_gain) / self.cues.temperature))
                >= floor - BOUND_SLACK for margin in margins]

    def _cue_margins(self, samples: list[list[str]]) -> list[float]:
        """Logit of QUOTE minus logit of NONE of each sample (before the temperature), the
        samples' weight rows gathered at once."""
        yes, no = self.cues.labels.index(YES), self.cues.labels.index(NO)
        indices = [self.cues.indices(features) for features in samples]
        rows = self.cues.weights[np.concatenate([np.zeros(0, np.int64), *indices])]
        margins, start = [], 0
        for idx in indices:
            logits = self.cues.bias + rows[start:start + len(idx)].sum(axis=0)
            margins.append(float(logits[yes] - logits[no]))
            start += len(idx)
        return margins

    @cached_property
    def _unknown_gain(self) -> float:
        """The most the features left out of the bound can add to the QUOTE-minus-NONE logit:
        every ``could=…`` feature with a positive weight, the best ``st=…`` and ``stk=…`` one
        (a candidate has exactly one of each)."""
        yes, no = self.cues.labels.index(YES), self.cues.labels.index(NO)
        gain = {f: float(self.cues.weights[i, yes] - self.cues.weights[i, no])
                for f, i in self.cues.vocab.items()}
        proposals = sum(max(0.0, g) for f, g in gain.items() if f.startswith("could="))
        return proposals + sum(max([0.0, *(g for f, g in gain.items() if f.startswith(prefix))])
                               for prefix in ("st=", "stk="))

    def _attribution(self, page: Page, cand: Candidate, margin: float | None = None,
                     ranked: RankedOptions | None = None) -> Found | None:
        best = self.best_content(page, cand, margin, ranked)
        if cand.found is not None:
            if best is None:
                return cand.found
            content = best[0]
            direct = all(page.fully_quoted(s, e) for s, e in content) or page.unmarked_verbatim(content)
            return replace(cand.found, content=content, direct=direct)
        if best is None:
            return None
        if cand.bare is not None and cand.previous is not None:
            # the same attribution ("he said") governs the quotation that carries it on
            previous = cand.previous
            return Found(previous.cue, previous.speaker, previous.speaker_head, best[0], True,
                         previous.setting)
        speaker = speaker_of(cand.token)
        clause = attribution_clause(page, cand.token, cand.sent)
        return attribution(page, cand.cue, speaker, best[0], setting_tokens(page, clause, best[0], cand.sent))


def select(scored: list[tuple[Candidate, Found]], keep: float, add: float) -> list[Found]:
    """Rule attributions at ``keep`` confidence or more, learned ones at ``add`` or more."""
    chosen = [item for cand, item in scored if cand.bare is None
              and item.confidence >= (keep if cand.found is not None else add)]
    claimed = [part for item in chosen for part in item.content]
    # A quotation that carries a statement on is a quote of its own only where no content
    # already takes it in (the rules join continuations in the same paragraph to their quote).
    chosen += [item for cand, item in scored if cand.bare is not None and item.confidence >= add
               and not any(s < e2 and s2 < e for s, e in item.content for s2, e2 in claimed)]
    return _without_overlaps(chosen)


def _without_overlaps(found: list[Found]) -> list[Found]:
    """Where two attributions claim the same words as content (a learned cue beside a rule cue,
    or two widened contents), the more confident one keeps them."""
    kept: list[Found] = []
    for item in sorted(found, key=lambda f: -f.confidence):
        if not any(_same_content(item, other) for other in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.cue[0])


def _same_content(a: Found, b: Found) -> bool:
    shared = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a.content for s2, e2 in b.content)
    size_a = sum(e - s for s, e in a.content)
    size_b = sum(e - s for s, e in b.content)
    return shared * 2 > min(size_a, size_b) and not within(a.cue, b.content) \
        and not within(b.cue, a.content)


def load_quote_models(folder: Path | None = None) -> QuoteModels | None:
    """The trained quote models of ``folder`` (default: the shipped ones, see
    :func:`heron.config.model_dir`), or None when there are none (rules alone then)."""
    return _load(folder or model_dir())


@lru_cache(maxsize=4)
def _load(folder: Path) -> QuoteModels | None:
    cue_path, span_path = folder / CUE_MODEL, folder / SPAN_MODEL
    if not cue_path.exists() or not span_path.exists():
        return None
    return QuoteModels(SoftmaxModel.load(cue_path), SoftmaxModel.load(span_path))
