"""Quotation spans: where the text is verbatim speech.

News prose marks quotations with curly (“…”), straight ("…"), doubled-apostrophe (''…'', as in
some newspaper archives) or guillemet («…») quotes. A quotation may run over several sentences
and, by the journalistic convention, over several paragraphs: a paragraph that opens a quote
without closing it continues in the next paragraph, which reopens it. Single quotes are not
used: they are nested quotations or apostrophes, and telling those apart is unreliable.
"""

from __future__ import annotations

import re

# Straight marks both open and close, so they toggle.
_MARK = re.compile(r"''|``|[\"“”«»„]")
_OPENING = frozenset({"“", "«", "„", "``"})
_CLOSING = frozenset({"”", "»"})


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every quotation, marks included, in text order."""
    spans: list[tuple[int, int]] = []
    for para_start, para_end in _paragraphs(text):
        spans.extend(_in_paragraph(text, para_start, para_end))
    return spans


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _in_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    open_at: int | None = None
    for mark in _MARK.finditer(text, start, end):
        symbol = mark.group()
        if open_at is None:
            if symbol not in _CLOSING:
                open_at = mark.start()
        elif symbol in _OPENING:  # a second opening mark: the first was stray
            open_at = mark.start()
        else:
            spans.append((open_at, mark.end()))
            open_at = None
    if open_at is not None and _is_clause_start(text, open_at, end):
        # An unclosed quote at a paragraph's end continues into the next paragraph.
        spans.append((open_at, end))
    return spans


def _is_clause_start(text: str, at: int, end: int) -> bool:
    """A quote left open must at least contain a few words to count as speech."""
    return len(re.findall(r"\w+", text[at:end])) >= 4
