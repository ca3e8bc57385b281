"""One document as the quote rules read it: its tokens, text, quotations and sentence units,
with the character-span arithmetic every rule shares.

A :class:`Page` is built once per document and handed to every rule (:mod:`.cues`,
:mod:`.content`, :mod:`.attributions`, :mod:`.labels`, :mod:`.finder`) and to the learned
models (:mod:`.learned`). It holds only what the text and the parse say, plus memos of answers
that depend on nothing else (a token's status, whether it is a cue verb, its attribution
clause), so the rules may ask in any order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from heron.nlp.events.status import Status, StatusReader, event_status
from heron.nlp.quotes.lexicon import FIRST_PERSON
from heron.nlp.quotes.marks import quotation_spans
from heron.nlp.quotes.tuning import QuoteTuning

# Only punctuation (and no paragraph break) may separate a quotation from its attribution.
JOINER = re.compile(r"[ \t,;:.\u2014\u2013-]*")
WORD = re.compile(r"\w+")
Spans = list[tuple[int, int]]


class Page:
    """The tokens, text and quotation spans of one document (a fresh instance per document)."""

    def __init__(self, doc: Doc, sents: Iterable[Span] | None = None,
                 tuning: QuoteTuning | None = None):
        """``sents``: the document's sentences when the caller has them (``DocContext.sents``;
        spaCy rebuilds ``Doc.sents`` on every access)."""
        self.doc = doc
        self.tuning = tuning or QuoteTuning()
        # spaCy builds a new Token object on every index or span iteration; the rules and the
        # learned models look at each token many times, so they read them from one list.
        self.tokens: list[Token] = list(doc)
        self.text = "".join(t.text_with_ws for t in self.tokens)  # Doc.text, without a 2nd pass
        self.quotes = quotation_spans(self.text, self.tuning.max_continued_paragraphs)
        self.inside = bytearray(len(self.text) + 1)
        for start, end in self.quotes:
            self.inside[start + 1:end - 1] = b"\x01" * max(0, end - start - 2)
        self.units = _units(doc, doc.sents if sents is None else sents, self.tokens)
        self.unit_at = {i: k for k, unit in enumerate(self.units) for i in range(unit.start, unit.end)}
        # memos of :func:`.cues.is_cue_verb` and :func:`.cues.attribution_clause`
        self.cue_verb_memo: dict[int, bool] = {}
        self.clause_memo: dict[tuple[int, int, int], list[Token]] = {}
        self._statuses: dict[int, Status] = {}
        self._status_reader = StatusReader()  # what it read on governors serves their words

    def status(self, token: Token) -> Status:
        """The events' status of ``token`` (negated, hypothetical, …), computed once per token."""
        known = self._statuses.get(token.i)
        if known is None:
            known = self._statuses[token.i] = event_status(token, reader=self._status_reader)
        return known

    def words(self, span: Span) -> list[Token]:
        """The tokens of ``span`` (a sentence, a unit or a char span of this document)."""
        return self.tokens[span.start:span.end]

    def names_only(self, content: Spans) -> bool:
        span = self.doc.char_span(content[0][0], content[-1][1], alignment_mode="expand")
        return span is not None and is_name(list(span))

    def quoted(self, offset: int) -> bool:
        """Inside a quotation, its marks excluded."""
        return bool(self.inside[offset])

    def fully_quoted(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.quotes)

    def unmarked_verbatim(self, content: Spans) -> bool:
        """First-person content without quotation marks is the speaker's own words."""
        start, end = content[0][0], content[-1][1]
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and is_first_person(span) and not self.overlaps_quote(start, end)

    def overlaps_quote(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.quotes)

    def widen_to_quotes(self, start: int, end: int) -> tuple[int, int]:
        for s, e in self.quotes:
            if s < start < e:
                start = s
            if s < end < e:
                end = e
        return start, end

    def joined(self, start: int, end: int) -> bool:
        return start <= end and bool(JOINER.fullmatch(self.text[start:end]))

    def clausal(self, quote: tuple[int, int]) -> bool:
        """A quotation that is a statement, not a quoted word or title ("a “very good” talk")."""
        span = self.doc.char_span(quote[0], quote[1], alignment_mode="expand")
        return (span is not None and len(WORD.findall(span.text)) >= self.tuning.min_statement_quote_words
                and any(t.pos_ in ("VERB", "AUX") for t in self.words(span)))

    def quotes_starting_in(self, sent: Span) -> Spans:
        return [q for q in self.quotes if sent.start_char <= q[0] < sent.end_char]

    def rest_of_sentence(self, last: Token) -> list[Token]:
        """The tokens after ``last`` up to the end of its sentence, read from the punctuation:
        the parser may end a sentence at a closing quotation mark that the text carries on
        ("“You squeezed them” to drive up the price, she said")."""
        rest = []
        for token in self.tokens[last.i + 1:]:
            if token.text in (".", "!", "?") or "\n" in token.text:
                break
            rest.append(token)
        return rest

    def unit_before(self, unit: Span) -> Span | None:
        k = self.unit_at.get(unit.start, 0)
        return self.units[k - 1] if k > 0 else None

    def unit_after(self, unit: Span) -> Span | None:
        k = self.unit_at.get(unit.start, len(self.units))
        return self.units[k + 1] if k + 1 < len(self.units) else None

    def is_edge_punct(self, token: Token) -> bool:
        return token.is_punct and not token.is_quote


def within(span: tuple[int, int], spans: Spans) -> bool:
    """Whether the character span lies inside one of the spans."""
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def is_name(tokens: list[Token]) -> bool:
    """A lone proper name can be all that was said about ("endorsed Smith", "critical of Acme")."""
    return bool(tokens) and all(t.pos_ == "PROPN" for t in tokens)


def merged(spans: Spans) -> Spans:
    """Sorted character spans with overlapping ones joined."""
    merged: Spans = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def is_first_person(tokens: Iterable[Token]) -> bool:
    return any(t.lower_ in FIRST_PERSON and t.pos_ == "PRON" for t in tokens)


def _units(doc: Doc, sents: Iterable[Span], tokens: list[Token]) -> list[Span]:
    """Sentences, also cut at line breaks: the parser may run a sentence across paragraphs."""
    units = []
    for sent in sents:
        start = sent.start
        for token in tokens[sent.start:sent.end]:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    units.append(doc[start:token.i])
                start = token.i + 1
        if start < sent.end:
            units.append(doc[start:sent.end])
    return units


def word_bounds(clause: list[Token]) -> tuple[int, int]:
    """First and last token index of the clause's words (its edge punctuation aside)."""
    words = [t.i for t in clause if not t.is_punct] or [t.i for t in clause]
    return min(words), max(words)


def extent(tokens: list[Token]) -> tuple[int, int]:
    words = [t for t in tokens if not t.is_punct and not t.is_space] or tokens
    return min(t.idx for t in words), max(end_of(t) for t in words)


def end_of(token: Token) -> int:
    return token.idx + len(token)
