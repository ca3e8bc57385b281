"""Fingerprints for duplicate detection: a normalised content hash and a 64-bit SimHash.

Exact duplicates share the content hash. Near-duplicates (light edits, different furniture)
differ in at most a few SimHash bits; splitting the hash into bands lets the store find
candidates with an index lookup instead of comparing against every stored article.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

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
    digests = b"".join(hashlib.blake2b(s.encode(), digest_size=8).digest() for s in shingles)
    # One row of 64 bits per shingle, most significant first (the digest read big-endian); a
    # bit is set where more shingles have it than not. Counted by numpy: a Python loop over
    # the 64 bits of every shingle was most of the writing process's time per article.
    bits = np.unpackbits(np.frombuffer(digests, dtype=np.uint8).reshape(len(shingles), 8), axis=1)
    majority = bits.sum(axis=0, dtype=np.int64) * 2 > len(shingles)
    value = sum(1 << (63 - column) for column in np.flatnonzero(majority).tolist())
    return value - (1 << 64) if value >= 1 << 63 else value


def hamming(a: int, b: int) -> int:
    return ((a ^ b) & ((1 << 64) - 1)).bit_count()


def bands(value: int) -> list[int]:
    """The SimHash split into ``BANDS`` integer bands (indexed by the store)."""
    unsigned = value & ((1 << 64) - 1)
    return [(unsigned >> (i * BAND_BITS)) & ((1 << BAND_BITS) - 1) for i in range(BANDS)]
