"""Cheap text features for fusion: content words, similarity, source identity.

Fusion runs over stored analyses, never re-parsing articles with spaCy, so words here come
from a regular expression and spaCy's stop-word list (a plain Python set).
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlparse

from heron.date_words import MONTHS, WEEKDAYS
from heron.model import Article

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
# Words every news story uses: they carry no information about which story it is.
NEWS_WORDS = frozenset("""
said says say told tell according reported report reports reporter reporters news statement
statements added percent year years week weeks month months day days time today yesterday
tomorrow including people official officials
also just like new earlier later last next told asked would could should might will
""".split()) | frozenset(WEEKDAYS) | frozenset(MONTHS)


def stem(word: str) -> str:
    """Lower-case and fold a plural -s so 'talks'/'talk' and 'meetings'/'meeting' meet."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


@cache
def _ignored() -> frozenset[str]:
    # Imported on first use: importing spaCy costs seconds that read-only views never need.
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | NEWS_WORDS


def content_words(text: str) -> list[str]:
    """Stemmed content words of ``text``, in order (stop words and news boilerplate removed)."""
    ignored = _ignored()
    out = []
    for match in WORD.finditer(text):
        word = stem(match.group())
        if word not in ignored and len(word) > 2:
            out.append(word)
    return out


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def source_key(article: Article) -> str:
    """Who published the article: its outlet, else its URL's host, else the article itself
    (an article without known outlet counts as a source of its own)."""
    if article.outlet:
        return article.outlet
    if article.url:
        try:
            host = urlparse(article.url).netloc.lower()
        except ValueError:  # e.g. "http://[::1": stored as given, but names no host
            host = ""
        if host:
            return host.removeprefix("www.")
    return f"article:{article.id}"
