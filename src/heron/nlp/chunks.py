"""Long texts are analysed in chunks: cut at paragraph, line or sentence ends, each chunk is
analysed like a short article, and the analyses are joined back with every offset, sentence
index and id made relative to the whole text.

spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters), its parser's memory grows
with the text, and several components compare every sentence with every mention, so their time
grows with the square of a document's length: chunks keep the total time linear. What is lost
is only what links across a chunk boundary (a pronoun whose antecedent is in the chunk before).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from heron.model import Actor, Analysis

# Well above a long news article (~5,000-10,000 characters), well under spaCy's max_length.
CHUNK_CHARS = 20_000
SEPARATORS = ("\n\n", "\n", ". ", "? ", "! ", " ")


def split_chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Consecutive pieces of ``text``, each at most ``size`` characters, cut after the last
    paragraph break, else line break, else sentence end, else space in the second half of a
    piece (a hard cut only when there is none); joined they give ``text`` back."""
    chunks, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = next((i + len(sep) for sep in SEPARATORS if (i := window.rfind(sep)) >= size // 2),
                   size)
        chunks.append(window[:cut])
        start += cut
    chunks.append(text[start:])
    return chunks


def chunk_id(article_id: str, index: int) -> str:
    """The id a chunk is analysed under: record ids built from it stay unique across chunks."""
    return article_id if index == 0 else f"{article_id}~{index}"


def merge(article_id: str, parts: list[tuple[int, Analysis]]) -> Analysis:
    """One analysis of the whole text from the analyses of its chunks (``(char offset,
    analysis)`` pairs, in text order)."""
    merged = Analysis(article_id=article_id)
    actors: dict[str, Actor] = {}
    for offset, part in parts:
        _shift(part, offset, len(merged.sentences), article_id, set())
        merged.sentences.extend(part.sentences)
        for name in ("mentions", "timexes", "places", "events", "quotes"):
            getattr(merged, name).extend(getattr(part, name))
        for actor in part.actors:
            known = actors.setdefault(actor.id, actor)
            if known is not actor:
                for form, n in actor.surface_forms.items():
                    known.surface_forms[form] = known.surface_forms.get(form, 0) + n
    merged.actors = list(actors.values())
    return merged


def _shift(record: Any, chars: int, sentences: int, article_id: str, seen: set[int]) -> None:
    """Move every character offset by ``chars`` and sentence index by ``sentences``, in place,
    through nested records and lists (each object once: records share sub-records)."""
    if id(record) in seen:
        return
    seen.add(id(record))
    if isinstance(record, list):
        for item in record:
            _shift(item, chars, sentences, article_id, seen)
        return
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        return
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if f.name in ("start", "end") and isinstance(value, int):
            setattr(record, f.name, value + chars)
        elif f.name == "sentence" and isinstance(value, int) and value >= 0:
            setattr(record, f.name, value + sentences)
        elif f.name == "article_id" and isinstance(value, str):
            setattr(record, f.name, article_id)
        else:
            _shift(value, chars, sentences, article_id, seen)
