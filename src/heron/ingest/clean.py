"""Remove page furniture that survives copy-paste, keeping a record of what went and why.

Works on lines: each line of the raw text is kept or removed with a reason. Call-out boxes
("Did You Know?", "Pro Tip:") and FAQ blocks remove their following paragraph(s) too. The
cleaned text is what the NLP stages analyse; the raw text is stored beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from heron.model import Removal

DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
BREADCRUMB = re.compile(r"^\s*(home|news|start)\s*(»|›|>|/|\|)\s*\S", re.IGNORECASE)
BYLINE = re.compile(
    r"^\s*(?:by|written by|von|par)\s+"
    r"(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})"
    r"(?:\s*(?:[-–—|,]\s*.{0,60}))?\s*$"
)
URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
IMAGE_LINE = re.compile(r"^\s*\S+\.(?:jpe?g|png|gif|webp|svg)(?:\?\S*)?\s*$", re.IGNORECASE)
PROMPTS = re.compile(
    r"^\s*(?:leave a (?:comment|reply)|you may also like|related (?:articles|posts|stories)"
    r"|read (?:more|also|next)\b|source link|click here\b|follow us\b|sign up\b"
    r"|subscribe\b|share (?:this|on)\b|advertisement\s*$|this site uses akismet"
    r"|we encourage you to share|comments?\s*\(\d+\)|print\s*$|email\s*$|tags?:)",
    re.IGNORECASE,
)
CALLOUT = re.compile(
    r"^\s*(?:did you know\??|pro tip:?|quick facts?:?|fun fact:?|key takeaways?:?"
    r"|editor'?s (?:note|pick):?)\s*$",
    re.IGNORECASE,
)
FAQ_HEADER = re.compile(r"^\s*(?:frequently asked questions|faqs?)\s*:?\s*$", re.IGNORECASE)
BULLET = re.compile(r"^\s*(?:[•·▪●◦*-]|\d+[.)]|q:|a:)\s*", re.IGNORECASE)
# "Putin.These" / "Washington,President": a lost space after sentence punctuation.
MISSING_SPACE = re.compile(r"(?<=[a-z]{2})([.,;:!?])(?=[A-Z][a-z])")


@dataclass
class Cleaned:
    text: str
    removed: list[Removal] = field(default_factory=list)
    author: str | None = None
    dateline: str | None = None  # ISO date from a leading "date YYYY-MM-DD" prefix
    title: str | None = None  # from a breadcrumb trail, when present


def clean_text(raw: str) -> Cleaned:
    """Strip furniture from ``raw`` and return the cleaned text with what was removed."""
    result = Cleaned(text="")
    lines = _split_lines(raw)
    keep = [True] * len(lines)
    _strip_date_prefix(lines, result)
    _mark_lines(lines, keep, result)
    kept = [text for (_, text), k in zip(lines, keep, strict=True) if k]
    text = "".join(kept)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    result.text = MISSING_SPACE.sub(r"\1 ", text)
    return result


def _split_lines(raw: str) -> list[tuple[int, str]]:
    """Lines with their start offsets in ``raw`` (line endings kept)."""
    out, pos = [], 0
    for line in raw.splitlines(keepends=True):
        out.append((pos, line))
        pos += len(line)
    return out


def _strip_date_prefix(lines: list[tuple[int, str]], result: Cleaned) -> None:
    if not lines:
        return
    start, first = lines[0]
    match = DATE_PREFIX.match(first)
    if match:
        result.dateline = match.group(1)
        result.removed.append(Removal(start, start + match.end(), match.group(0), "date prefix"))
        lines[0] = (start + match.end(), first[match.end():])


def _mark_lines(lines: list[tuple[int, str]], keep: list[bool], result: Cleaned) -> None:
    seen: set[str] = set()
    i = 0
    while i < len(lines):
        start, line = lines[i]
        stripped = line.strip()
        reason = _line_reason(stripped, seen, result)
        if reason:
            _remove(lines, keep, i, reason, result)
        elif CALLOUT.match(stripped) or FAQ_HEADER.match(stripped):
            kind = "call-out box" if CALLOUT.match(stripped) else "FAQ block"
            _remove(lines, keep, i, kind, result)
            i = _remove_block(lines, keep, i + 1, kind, result, faq=kind == "FAQ block")
            continue
        if stripped and len(stripped) < 200:
            seen.add(stripped.lower())
        i += 1


def _line_reason(stripped: str, seen: set[str], result: Cleaned) -> str | None:
    if not stripped:
        return None
    if BREADCRUMB.match(stripped):
        parts = re.split(r"\s*[»›>|]\s*", stripped)
        result.title = result.title or (parts[-1] if len(parts) > 1 else None)
        return "breadcrumb"
    byline = BYLINE.match(stripped)
    if byline and len(stripped.split()) <= 10:
        result.author = result.author or byline.group("name")
        return "byline"
    if URL_LINE.match(stripped) or IMAGE_LINE.match(stripped):
        return "bare URL or image line"
    if PROMPTS.match(stripped):
        return "share/subscribe/comment prompt"
    is_short = len(stripped) < 200 and not stripped.endswith((".", "”", '"'))
    if is_short and stripped.lower() in seen:
        return "repeated headline"
    return None


def _remove(lines: list[tuple[int, str]], keep: list[bool], i: int, reason: str,
            result: Cleaned) -> None:
    start, line = lines[i]
    keep[i] = False
    if line.strip():
        result.removed.append(Removal(start, start + len(line), line, reason))


def _remove_block(lines: list[tuple[int, str]], keep: list[bool], i: int, reason: str,
                  result: Cleaned, faq: bool) -> int:
    """Remove the paragraph after a call-out header (or the list after an FAQ header)."""
    while i < len(lines) and not lines[i][1].strip():
        i += 1
    while i < len(lines):
        stripped = lines[i][1].strip()
        if not stripped:
            nxt = i + 1
            while nxt < len(lines) and not lines[nxt][1].strip():
                nxt += 1
            if not faq or nxt >= len(lines) or not _is_faq_item(lines[nxt][1]):
                return nxt
            i = nxt
            continue
        if faq and not _is_faq_item(lines[i][1]):
            return i
        _remove(lines, keep, i, reason, result)
        i += 1
    return i


def _is_faq_item(line: str) -> bool:
    stripped = line.strip()
    return bool(BULLET.match(stripped)) or "?" in stripped[:200]
