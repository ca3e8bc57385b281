"""The per-document working state shared by the NLP components.

Like spaCy's ``Doc``, one ``DocContext`` flows through the named components in order
(actors → timexes → places → quotes → events); each component reads what earlier ones
found and appends its own records. Components never reload models: they are built once
per process by :mod:`heron.nlp.pipeline`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from spacy.tokens import Doc

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

    def sentence_index(self, char_offset: int) -> int:
        """Index of the sentence containing ``char_offset`` (-1 if outside every sentence)."""
        for i, sent in enumerate(self.analysis.sentences):
            if sent.start <= char_offset < sent.end:
                return i
        return -1

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Actor mentions (names, roles, resolved pronouns) overlapping ``[start, end)``."""
        return [m for m in self.analysis.mentions if m.start < end and start < m.end]


class Component(Protocol):
    """A pipeline stage over one document. ``name`` is used in logs and configuration."""

    name: str

    def __call__(self, ctx: DocContext) -> None: ...
