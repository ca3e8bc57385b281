"""Name normalisation and token-level similarity used by the index and the resolver."""

from __future__ import annotations

import re
from functools import lru_cache

import jellyfish
from rapidfuzz.distance import JaroWinkler
from rapidfuzz.fuzz import ratio

from heron.ascii_fold import ascii_fold

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$", re.IGNORECASE)
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_LEADING_THE = re.compile(r"^the ")
MAX_INEXACT = 0.95
# Names shorter than this differ by a letter too often for a variant to be taken as a typo of
# the same person's name in one story ("Kim"/"Kin"); longer ones do not ("Equiluz"/"Eguiluz").
MIN_TYPO_NAME = 5


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ascii form: transliterated ("Jørgensen" → "jorgensen"), punctuation to spaces,
    'the' dropped."""
    text = _POSSESSIVE.sub("", text.strip())
    text = ascii_fold(text).lower()
    text = _NON_WORD.sub(" ", text.replace(".", ""))
    return _LEADING_THE.sub("", " ".join(text.split()))


def tokens(text: str) -> list[str]:
    return fold(text).split()


def slug(text: str) -> str:
    return "-".join(tokens(text)) or "unnamed"


@lru_cache(maxsize=65536)
def phonetic_keys(token: str) -> frozenset[str]:
    """Phonetic codes of one folded token (metaphone, NYSIIS, match-rating codex)."""
    if not token.isalpha():
        return frozenset()
    metaphone = jellyfish.metaphone(token)
    return frozenset({"m:" + metaphone, "v:" + _vowel_initial(metaphone),
                      "n:" + jellyfish.nysiis(token), "r:" + jellyfish.match_rating_codex(token)})


def _vowel_initial(code: str) -> str:
    # Initial vowels are interchangeable in transliteration (Ushakov/Oshkov, Yuri/Iouri).
    return "V" + code[1:] if code[:1] in ("A", "E", "I", "O", "U") else code


@lru_cache(maxsize=65536)
def token_similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two folded name tokens, tolerant to transliteration noise.

    Spelling similarity is the larger of the edit ratio and Jaro-Winkler; agreeing phonetic
    codes lift it (0.05 per shared code), because MT and transliteration damage usually preserves sound. The
    *look-alike* guards live in :func:`compatible_tokens`. Only identical tokens score 1.0.
    """
    if a == b:
        return 1.0
    spelling = max(ratio(a, b) / 100, JaroWinkler.similarity(a, b) - 0.1)
    shared = len(phonetic_keys(a) & phonetic_keys(b))
    return min(MAX_INEXACT, spelling + 0.05 * shared)


def compatible_tokens(a: str, b: str) -> bool:
    """Can ``a`` be a damaged spelling of ``b``? Hard constraints that stop look-alike merges.

    The tokens must share their first sound (first letter, or metaphone initial, so that
    Zelensky/Selenskyj pass), have similar lengths, and either share a phonetic code or be
    very close in spelling.
    """
    if a == b:
        return True
    if len(a) < 2 or len(b) < 2:
        return a[0] == b[0]
    same_start = a[0] == b[0] or _first_sound(a) == _first_sound(b)
    if not same_start or not 0.6 <= len(a) / len(b) <= 1.67:
        return False
    sound_alike = bool(phonetic_keys(a) & phonetic_keys(b))
    return sound_alike or ratio(a, b) >= 80


def _first_sound(token: str) -> str:
    code = _vowel_initial(jellyfish.metaphone(token))
    return code[:1] or token[:1]


def acronym_letters(text: str) -> str | None:
    """The letters of an all-caps acronym or code ("NATO", "U.S.", "WHO's"), else None.

    Such names are matched case-sensitively: "who", "us", "Can" and "Las" are ordinary words.
    """
    letters = "".join(c for c in _POSSESSIVE.sub("", text.strip()) if c.isalpha())
    if " " in text.strip() or not 2 <= len(letters) <= 6 or not letters.isupper():
        return None
    return letters
