"""Read article sources (files, folders, globs, stdin) into plain ``RawDoc`` records.

Bad input never stops a batch: every problem becomes a ``Problem`` record with a location
(``file`` or ``file:line``) and a reason, and reading goes on with the next source.
"""

from __future__ import annotations

import codecs
import glob
import json
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".jsonl", ".json"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
RECORD_FIELDS = ("id", "text", "html", "title", "published", "outlet", "url", "author")
# Byte order marks, the longest first (UTF-32-LE's starts with UTF-16-LE's).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"))
REPLACEMENT = "\ufffd"
# Invalid bytes a UTF-8 file may have and still be read as UTF-8 (more, with no valid
# multi-byte character to outweigh them, mean another encoding).
FEW_BAD_BYTES = 3
SURROGATES = re.compile("[\ud800-\udfff]")


@dataclass
class RawDoc:
    """One article as read, before cleanup: either ``text`` or ``html`` is set."""

    source: str
    text: str | None = None
    html: str | None = None
    id: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    notes: list[str] = field(default_factory=list)  # non-fatal remarks, e.g. guessed encoding


@dataclass
class Problem:
    """A source that could not be (fully) read, and why."""

    location: str
    reason: str


def read_sources(paths: Iterable[str], max_bytes: int) -> Iterator[RawDoc | Problem]:
    """Expand ``paths`` (files, folders, globs, ``-``) and yield documents and problems."""
    for spec in paths:
        if spec == "-":
            yield from _read_stdin(max_bytes)
            continue
        files = _expand(spec)
        if files is None:
            yield Problem(spec, "no such file, folder or matching glob")
            continue
        for path in files:
            yield from _read_file(path, max_bytes)


def _expand(spec: str) -> list[Path] | None:
    path = Path(spec)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
    if path.exists() or path.is_symlink():
        return [path]
    matches = sorted(Path(m) for m in glob.glob(spec, recursive=True))
    files = [m for m in matches if m.is_file()]
    return files or None


def _read_stdin(max_bytes: int) -> Iterator[RawDoc | Problem]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    yield from _parse_bytes(data, "<stdin>", ".jsonl" if data.lstrip()[:1] == b"{" else ".txt",
                            max_bytes)


def _read_file(path: Path, max_bytes: int) -> Iterator[RawDoc | Problem]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield Problem(str(path), f"unsupported file type {suffix or '(none)'}")
        return
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # reading a FIFO or a device would block or never end
            yield Problem(str(path), "not a regular file (FIFO, device or socket): skipped")
            return
        size = info.st_size
        if size > max_bytes:
            yield Problem(str(path), f"too large: {size:,} bytes > limit {max_bytes:,}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(str(path), f"unreadable: {exc.strerror or exc}")
        return
    yield from _parse_bytes(data, str(path), suffix, max_bytes)


def _parse_bytes(data: bytes, source: str, suffix: str, max_bytes: int) -> Iterator[RawDoc | Problem]:
    if len(data) > max_bytes:
        yield Problem(source, f"too large: more than limit {max_bytes:,} bytes")
        return
    decoded = decode(data)
    if isinstance(decoded, str):  # an error message
        yield Problem(source, decoded)
        return
    text, notes = decoded
    if not text.strip():
        yield Problem(source, "empty: no text")
        return
    if suffix in JSON_SUFFIXES:
        yield from _parse_json(text, source, notes)
    elif suffix in HTML_SUFFIXES:
        yield RawDoc(source=source, html=text, notes=notes, id=Path(source).stem)
    else:
        yield RawDoc(source=source, text=text, notes=notes, id=Path(source).stem)


def decode(data: bytes) -> tuple[str, list[str]] | str:
    """Decode bytes: a BOM names UTF-8/16/32; else strict UTF-8, with the few bad bytes of an
    otherwise UTF-8 file replaced (and counted in a note); a guessed encoding only when UTF-8
    clearly fails. Returns an error message for binary data."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(codec, errors="replace")
            bad = text.count(REPLACEMENT)
            return text, [f"{codec} (byte order mark)"
                          + (f"; {bad} undecodable sequences replaced" if bad else "")]
    if b"\x00" in data[:8192]:
        return "binary: contains NUL bytes, not a text document"
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        utf8_error = f"invalid UTF-8 at byte {exc.start}"
    text = data.decode("utf-8", errors="replace")
    bad = text.count(REPLACEMENT) - data.count(REPLACEMENT.encode())
    valid_non_ascii = sum(1 for ch in text if ord(ch) > 127) - text.count(REPLACEMENT)
    if bad <= FEW_BAD_BYTES or valid_non_ascii >= bad:  # UTF-8 with a few stray bytes
        return text, [f"{utf8_error}: {bad} invalid UTF-8 byte sequence{'s' if bad > 1 else ''} "
                      f"replaced with U+FFFD"]
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return f"{utf8_error} and no other text encoding fits: not decoded"
    return str(best), [f"{utf8_error}; decoded as {best.encoding}"]


def _parse_json(text: str, source: str, notes: list[str]) -> Iterator[RawDoc | Problem]:
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")):  # one JSON value: a list of records or one record
        try:
            whole = json.loads(text)
        except json.JSONDecodeError as exc:
            if stripped.startswith("["):
                yield Problem(f"{source}:{exc.lineno}", f"malformed JSON: {exc.msg}")
                return
            whole = None  # JSON lines (or a broken record, reported line by line)
        except RecursionError:
            yield Problem(source, "malformed JSON: nested too deeply")
            return
        if isinstance(whole, list):
            for i, record in enumerate(whole, 1):
                yield _record(record, f"{source}#{i}", notes)
            return
        if whole is not None:
            yield _record(whole, source, notes)
            return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(f"{source}:{lineno}", f"malformed JSON line: {exc.msg}")
            continue
        except RecursionError:
            yield Problem(f"{source}:{lineno}", "malformed JSON line: nested too deeply")
            continue
        yield _record(record, f"{source}:{lineno}", notes)


def _text_value(key: str, value: object) -> bool:
    """Record fields are strings; only an ``id`` may be a number (never a boolean)."""
    if isinstance(value, str):
        return True
    return key == "id" and isinstance(value, int) and not isinstance(value, bool)


def _record(record: object, location: str, notes: list[str]) -> RawDoc | Problem:
    if not isinstance(record, dict):
        return Problem(location, "JSON record is not an object")
    values = {k: record.get(k) for k in RECORD_FIELDS}
    bad = [k for k, v in values.items() if v is not None and not _text_value(k, v)]
    if bad:
        return Problem(location, f"fields must be strings: {', '.join(bad)}")
    # Lone surrogates ("\\ud800" escapes) cannot be stored as UTF-8: shown as U+FFFD.
    values = {k: (SURROGATES.sub(REPLACEMENT, str(v)) if v is not None else None)
              for k, v in values.items()}
    if not (values["text"] or "").strip() and not (values["html"] or "").strip():
        return Problem(location, "record has no 'text' or 'html'")
    return RawDoc(source=location, notes=list(notes), **values)
