"""Quotation spans: where the text is verbatim speech.

News prose marks quotations with curly (“…”), straight ("…"), doubled-apostrophe (''…'', as in
some newspaper archives) or guillemet («…») quotes. A quotation may run over several sentences
and, by the journalistic convention, over several paragraphs: a paragraph that opens a quote
without closing it continues in the next paragraph, which reopens it. Text that puts every
sentence on a line of its own has no such reopening mark: the quotation runs on over the lines
without marks up to the line whose first mark closes it. Single quotes are not used: they are
nested quotations or apostrophes, and telling those apart is unreliable.

A straight mark both opens and closes; where the text around it says which (a space before and
a word after open, a word before and a space or punctuation after close), that is what it does,
so one missing mark does not turn the rest of the paragraph inside out.
"""

from __future__ import annotations

import re

_MARK = re.compile(r"''|``|[\"“”«»„]")
_OPENING = frozenset({"“", "«", "„", "``"})
_CLOSING = frozenset({"”", "»"})
_BEFORE_OPENING = frozenset("([{—–-/")
_AFTER_CLOSING = frozenset(".,;:!?)]}—–-'’")
# A quotation left open with no continuation ends with its first sentence.
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z“\"])")
# Lines a quotation may run over without marks (text with one sentence per line), by default
# (``QuoteTuning.max_continued_paragraphs``).
MAX_UNMARKED_LINES = 6


def quotation_spans(text: str, max_lines: int = MAX_UNMARKED_LINES) -> list[tuple[int, int]]:
    """``(start, end)`` of every quotation, marks included, in text order; a quotation runs on
    over at most ``max_lines`` lines without marks."""
    spans: list[tuple[int, int]] = []
    paragraphs = _paragraphs(text)
    carried: int | None = None  # a quotation opened in an earlier paragraph, still running
    for k, (start, end) in enumerate(paragraphs):
        found, open_at = _in_paragraph(text, start, end, carried)
        spans.extend(found)
        carried = None
        if open_at is None:
            continue
        if _closed_after_unmarked_lines(text, paragraphs[k + 1:k + 1 + max_lines]):
            carried = open_at
        elif _reopened(text, paragraphs[k + 1:k + 2]):
            spans.append((open_at, end))  # the next paragraph reopens the quotation
        elif _is_clause_start(text, open_at, end):
            spans.append((open_at, _first_sentence_end(text, open_at, end)))
    return spans


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _in_paragraph(text: str, start: int, end: int,
                  carried: int | None) -> tuple[list[tuple[int, int]], int | None]:
    """The quotations closed in this paragraph, and where one left open starts (if any)."""
    spans = []
    open_at = carried
    for mark in _MARK.finditer(text, start, end):
        role = _role(text, mark.start(), mark.group())
        if open_at is None:
            if role != "close":
                open_at = mark.start()
        elif role == "open":  # a second opening mark: the first was stray
            open_at = mark.start()
        else:
            spans.append((open_at, mark.end()))
            open_at = None
    return spans, open_at


def _role(text: str, at: int, symbol: str) -> str:
    """"open", "close", or "either" (a straight mark with no telling neighbours)."""
    if symbol in _OPENING:
        return "open"
    if symbol in _CLOSING:
        return "close"
    before = text[at - 1] if at else " "
    after = text[at + len(symbol)] if at + len(symbol) < len(text) else " "
    if (before.isspace() or before in _BEFORE_OPENING) and not after.isspace() \
            and after not in _AFTER_CLOSING:
        return "open"
    if not before.isspace() and (after.isspace() or after in _AFTER_CLOSING):
        return "close"
    return "either"


def _first_mark_role(text: str, start: int, end: int) -> str | None:
    mark = _MARK.search(text, start, end)
    return None if mark is None else _role(text, mark.start(), mark.group())


def _reopened(text: str, following: list[tuple[int, int]]) -> bool:
    return bool(following) and _first_mark_role(text, *following[0]) in ("open", "either") \
        and text[following[0][0]] in "\"“«„`'"


def _closed_after_unmarked_lines(text: str, following: list[tuple[int, int]]) -> bool:
    """Whether the paragraphs after an open quotation carry it on without reopening it: lines
    without marks, then one whose first mark closes it."""
    for start, end in following:
        role = _first_mark_role(text, start, end)
        if role is not None:
            return role == "close"
    return False


def _first_sentence_end(text: str, at: int, end: int) -> int:
    sentence = _SENTENCE_END.search(text, at, end)
    return sentence.start() + 1 if sentence is not None else end


def _is_clause_start(text: str, at: int, end: int) -> bool:
    """A quote left open must at least contain a few words to count as speech."""
    return len(re.findall(r"\w+", text[at:end])) >= 4
