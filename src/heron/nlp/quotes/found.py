"""One attribution in token and character terms, before it becomes a :class:`heron.model.Quote`."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token


@dataclass
class Found:
    """One attribution in token/character terms, before it becomes a :class:`Quote`."""

    cue: tuple[int, int]  # character span
    speaker: Span | None  # the speaker's noun phrase
    speaker_head: Token | None
    content: list[tuple[int, int]]
    direct: bool
    setting: list[Token] = field(default_factory=list)  # where channel, outlet and date are stated
    confidence: float = 1.0  # the cue model's probability that this is an attribution (learned.py)
