"""Highlighted HTML of article text: every text segment escaped, only Heron's own tags inserted.

Article text is hostile input. The functions here are the ONLY place the web app turns article
text into markup: each piece of text goes through :func:`markupsafe.escape` and the only tags
added are ``<mark>``, ``<a>`` and empty anchor ``<span>`` elements whose attributes are escaped
too. Templates never use ``|safe`` on article-derived strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of the text to highlight. Offsets are in the same coordinates as ``base``."""

    start: int
    end: int
    kind: str  # CSS class suffix: mention, trigger, quote, actor, target, ...
    title: str = ""
    href: str | None = None  # link target (one link per segment: the first mark with an href)
    anchor: str | None = None  # id placed where the mark starts


def path_id(value: object) -> str:
    """An id made safe to use as one URL path segment."""
    return quote(str(value), safe="")


def highlight(text: str, marks: Iterable[Mark], base: int = 0) -> Markup:
    """``text`` (which starts at offset ``base``) as HTML with the marks highlighted.

    Overlapping marks are fine: the text is cut at every mark boundary and each piece carries
    the classes of all marks covering it.
    """
    inside = [m for m in marks if m.end > base and m.start < base + len(text) and m.end > m.start]
    cuts = sorted({0, len(text), *(_clip(m.start - base, text) for m in inside),
                   *(_clip(m.end - base, text) for m in inside)})
    parts: list[str] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in inside if m.start - base <= left and m.end - base >= right]
        parts.extend(_anchor(m.anchor) for m in covering if m.anchor and m.start - base == left)
        parts.append(_segment(text[left:right], covering))
    return Markup("".join(parts))


def _clip(offset: int, text: str) -> int:
    return max(0, min(offset, len(text)))


def _anchor(anchor: str) -> str:
    return f'<span class="anchor" id="{escape(anchor)}"></span>'


def _segment(piece: str, covering: list[Mark]) -> str:
    if not covering:
        return str(escape(piece))
    classes = " ".join(f"hl-{m.kind}" for m in covering)
    titles = " · ".join(m.title for m in covering if m.title)
    html = f'<mark class="{escape(classes)}" title="{escape(titles)}">{escape(piece)}</mark>'
    href = next((m.href for m in covering if m.href), None)
    return f'<a href="{escape(href)}">{html}</a>' if href else html


_SNIPPET_HIT = re.compile(r"\[([^\[\]]*)\]")


def snippet(text: str) -> Markup:
    """An FTS snippet (hits between ``[`` and ``]``) with the hits marked, the rest escaped."""
    parts, last = [], 0
    for hit in _SNIPPET_HIT.finditer(text):
        parts.append(str(escape(text[last:hit.start()])))
        parts.append(f'<mark class="hl-hit">{escape(hit.group(1))}</mark>')
        last = hit.end()
    parts.append(str(escape(text[last:])))
    return Markup("".join(parts))
