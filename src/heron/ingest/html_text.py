"""A plain, non-recursive HTML-to-text fallback for pages the main-text extractor cannot take.

trafilatura (over lxml) is the extractor; but libxml2 stops building the tree at a nesting
depth of about 256 and drops the rest silently, and some malformed pages make trafilatura
raise. This stdlib, event-driven parser keeps no tree, so no depth or shape stops it; it keeps
every text node outside scripts and styles, with block elements on lines of their own.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SKIPPED = frozenset({"script", "style", "noscript", "template", "head", "svg", "math"})
BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                    "article", "section", "blockquote", "tr", "table", "header", "footer",
                    "pre", "hr", "dd", "dt", "figcaption", "title"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
# Deeper than this, lxml (and so trafilatura) may have lost part of the page.
DEEP = 200


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.depth = self.max_depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in VOID:
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)
        if tag in SKIPPED:
            self.skipping += 1
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.depth = max(0, self.depth - 1)
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def plain_text(html: str) -> tuple[str, int]:
    """The page's text (paragraphs on lines of their own) and its maximum nesting depth."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n\n".join(line for line in lines if line), parser.max_depth
