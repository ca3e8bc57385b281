"""Fingerprints for duplicate detection: a normalised content hash and a 64-bit SimHash.

Exact duplicates share the content hash. Near-duplicates (light edits, different furniture)
differ in at most a few SimHash bits; splitting the hash into bands lets the store find
candidates with an index lookup instead of comparing against every stored article.
"""

from __future__ import annotations

import hashlib
import re

WORD = re.compile(r"\w+", re.UNICODE)
SHINGLE = 3
BANDS = 8  # with ≤7 differing bits of 64, at least one 8-bit band is identical (pigeonhole)
BAND_BITS = 64 // BANDS


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def content_hash(text: str) -> str:
    """Hash of the text with case, punctuation and spacing normalised away."""
    return hashlib.sha256(" ".join(words(text)).encode()).hexdigest()


def simhash(text: str) -> int:
    """64-bit SimHash over word 3-shingles (as a signed int, to fit SQLite INTEGER)."""
    tokens = words(text)
    shingles = [" ".join(tokens[i:i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))]
    weights = [0] * 64
    for shingle in shingles:
        h = int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if h >> bit & 1 else -1
    value = sum(1 << bit for bit in range(64) if weights[bit] > 0)
    return value - (1 << 64) if value >= 1 << 63 else value


def hamming(a: int, b: int) -> int:
    return ((a ^ b) & ((1 << 64) - 1)).bit_count()


def bands(value: int) -> list[int]:
    """The SimHash split into ``BANDS`` integer bands (indexed by the store)."""
    unsigned = value & ((1 << 64) - 1)
    return [(unsigned >> (i * BAND_BITS)) & ((1 << BAND_BITS) - 1) for i in range(BANDS)]
