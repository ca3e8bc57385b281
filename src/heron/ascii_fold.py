"""The one place Heron turns text into ASCII for matching names.

Stripping accents after Unicode decomposition (NFKD) loses every letter that does not decompose:
"Jørgensen" became "jrgensen", "Radosław" "radosaw", "Đorđević" "orevic", so a user's KB entry
without hand-typed ASCII aliases was never found from an ASCII spelling. ``anyascii`` keeps a
maintained table of transliterations for every Unicode letter ("ø" → "o", "ł" → "l", "đ" → "d",
"ß" → "ss"; other scripts romanised too), so both spellings of a name meet.
"""

from __future__ import annotations

from anyascii import anyascii


def ascii_fold(text: str) -> str:
    """ASCII transliteration of ``text``, case and punctuation kept ("Đorđević" → "Dordevic")."""
    return text if text.isascii() else anyascii(text)
