"""The per-document working state shared by the NLP components.

Like spaCy's ``Doc``, one ``DocContext`` flows through the named components in order
(actors → timexes → places → quotes → events); each component reads what earlier ones
found and appends its own records. Components never reload models: they are built once
per process by :mod:`heron.nlp.pipeline`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from heron.model import Analysis, Article, Mention


@dataclass
class DocContext:
    article: Article
    doc: Doc
    analysis: Analysis
    published: date | None = None
    # Free-form scratch space for components that share intermediate results
    # (e.g. coreference chains from actors used by quotes and events).
    extras: dict = field(default_factory=dict)

    # spaCy recomputes ``Doc.text`` (a join over every token) and ``Doc.sents`` on each access,
    # and components ask for them per mention or per event: each is computed once per document.
    @cached_property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def sents(self) -> list[Span]:
        return list(self.doc.sents)

    @cached_property
    def _sentence_of_token(self) -> list[int]:
        return [i for i, sent in enumerate(self.sents) for _ in range(len(sent))]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [sent.start for sent in self.analysis.sentences]

    def sentence_of(self, token: Token) -> Span:
        """The spaCy sentence of ``token`` (``Token.sent`` without the per-call scan)."""
        return self.sents[self._sentence_of_token[token.i]]

    def sentence_index(self, char_offset: int) -> int:
        """Index of the sentence containing ``char_offset`` (-1 if outside every sentence).

        Sentences are in text order and do not overlap (they come from ``Doc.sents``)."""
        i = bisect.bisect_right(self._sentence_starts, char_offset) - 1
        return i if i >= 0 and char_offset < self.analysis.sentences[i].end else -1

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Actor mentions (names, roles, resolved pronouns) overlapping ``[start, end)``."""
        return [m for m in self.analysis.mentions if m.start < end and start < m.end]


class Component(Protocol):
    """A pipeline stage over one document. ``name`` is used in logs and configuration."""

    name: str

    def __call__(self, ctx: DocContext) -> None: ...
