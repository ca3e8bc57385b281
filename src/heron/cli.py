"""The ``heron`` command line: a thin layer over :mod:`heron.api`.

Results go to stdout, messages and progress to stderr. Exit codes: 0 success, 1 nothing could be
done (e.g. nothing ingested), 2 usage error or unusable database.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import FrameType

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from heron.api import Heron, IngestReport
from heron.briefing import print_briefing, print_timeline
from heron.config import Settings, data_dir
from heron.export.writers import FORMATS, write_rows
from heron.read.actors import matching_actors
from heron.read.export import EXPORT_TABLES
from heron.records import ActorView
from heron.store.sqlite import StoreError

DEFAULT_DB = "heron.db"
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except StoreError as exc:
        err.print(f"[red]error:[/] {exc}")
        return 2
    except (KeyError, ValueError) as exc:
        err.print(f"[red]error:[/] {exc.args[0] if exc.args else exc}")
        return 2
    except BrokenPipeError:  # e.g. `heron export events | head`
        return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="heron", description="Turn news articles into verified PLOVER event data.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = _command(sub, "ingest", cmd_ingest, "ingest and analyse articles (files, folders, globs, -)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, glob, or - for stdin")
    p.add_argument("--published", help="publication date for articles that carry none (YYYY-MM-DD)")
    p.add_argument("--outlet", help="outlet name for articles that carry none")
    p.add_argument("--no-analyse", action="store_true", help="store only; analyse later")
    p.add_argument("--workers", type=_positive, metavar="N",
                   help="analysis processes on this machine (default: HERON_WORKERS or every core)")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="analyse on a Dask cluster, e.g. tcp://HOST:8786 (or HERON_DASK_SCHEDULER)")
    p.add_argument("--kb", action="append", default=[], metavar="FILE",
                   help="extra knowledge-base YAML file or folder (repeatable; see docs/KB.md)")

    p = sub.add_parser("code", help="code events in sentences/texts of a JSONL file (no database)",
                       description="Code PLOVER events in every line {id, text, published?} of a "
                                   "JSONL file; output records carry the input id.")
    p.add_argument("input", help="JSONL file, or - for stdin")
    p.add_argument("-o", "--output", help="output file (default: stdout)")
    p.add_argument("--format", choices=FORMATS, default="jsonl")
    _min_confidence_option(p)
    p.set_defaults(func=cmd_code)

    p = _command(sub, "export", cmd_export, "export a table as JSONL, CSV or Parquet")
    p.add_argument("table", choices=sorted(EXPORT_TABLES), metavar="TABLE",
                   help=f"one of: {', '.join(EXPORT_TABLES)}")
    p.add_argument("--format", choices=FORMATS, default="jsonl")
    p.add_argument("-o", "--output", help="output file (default: stdout)")
    _min_confidence_option(p)

    _command(sub, "stats", cmd_stats, "counts of what the database holds")

    p = _command(sub, "actor", cmd_actor,
                 "look an actor up in the database (names, surface forms) and in the KB")
    p.add_argument("name")

    p = sub.add_parser("kb", help="knowledge-base tools", description="knowledge-base tools")
    kb_sub = p.add_subparsers(dest="kb_command", required=True, metavar="KB_COMMAND")
    p = kb_sub.add_parser("import", help="index people of a Wikidata JSON(-lines) extract",
                          description="Convert a Wikidata JSON or JSON-lines extract (people with "
                                      "labels, aliases, P27 citizenship, P39 positions with dates; "
                                      "their countries and positions) into an indexed .heronkb "
                                      "file to pass with --kb or HERON_KB (see docs/KB.md).")
    p.add_argument("file", type=Path, help="Wikidata JSON or JSONL extract")
    p.add_argument("-o", "--output", type=Path, help="output file (default: FILE.heronkb)")
    p.set_defaults(func=cmd_kb_import)

    p = _command(sub, "quotes", cmd_quotes, "list attributed statements, optionally of one speaker")
    p.add_argument("--speaker", metavar="NAME", help="actor id or name (e.g. Putin, Zelensky)")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--format", choices=("text", *FORMATS), default="text")
    p.add_argument("-o", "--output", help="output file for jsonl/csv/parquet (default: stdout)")

    p = _command(sub, "search", cmd_search, "full-text search of the articles")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)

    p = _command(sub, "timeline", cmd_timeline,
                 "print a story's dated timeline of fused events and its contradictions")
    p.add_argument("story", nargs="?", help="story id (default: the largest story)")
    p.add_argument("--all", action="store_true",
                   help="also list single-source items that are not confident or not dated by "
                        "their own sentence (hidden by default)")

    p = _command(sub, "demo", cmd_demo, "ingest the bundled seed articles and print a briefing",
                 db_default="heron-demo.db")
    p.add_argument("--keep", action="store_true", help="add to an existing demo database")

    p = _command(sub, "serve", cmd_serve, "browse the database in a web browser (read-only)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this computer only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                   help="also answer requests for this host name (repeatable; localhost names "
                        "and the --host address are always allowed)")
    return parser


def _positive(value: str) -> int:
    if not value.isdecimal() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return int(value)


def _confidence(value: str) -> float:
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return number


def _min_confidence_option(p: argparse.ArgumentParser,
                           help_text: str = "output only events at or above this confidence") -> None:
    p.add_argument("--min-confidence", type=_confidence, metavar="P",
                   help=f"{help_text} (default: {Settings().min_confidence:g}, the threshold chosen "
                        "on the gold dev split for precision; see docs/EVENTS.md)")


def _command(sub: argparse._SubParsersAction, name: str, func: Callable, help_text: str,
             db_default: str = DEFAULT_DB) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text, description=help_text)
    p.add_argument("--db", default=db_default,
                   help=f"database file or postgresql:// URL (default: {db_default})")
    p.set_defaults(func=func)
    return p


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress callback drawing a bar on stderr (only when stderr is a terminal)."""
    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=err, transient=True, disable=not err.is_terminal)
    task = bar.add_task(label, total=None)
    with bar:
        yield lambda done, total: bar.update(task, completed=done, total=total)


def cmd_ingest(args: argparse.Namespace) -> int:
    settings = Settings()
    settings = replace(settings, kb_paths=(*settings.kb_paths, *map(Path, args.kb)))
    with Heron(args.db, settings) as h, progress_bar("analysing") as progress:
        report = h.ingest(args.paths, published=args.published, outlet=args.outlet,
                          analyse=not args.no_analyse, progress=progress, workers=args.workers,
                          dask=args.dask)
    print_report(report)
    return 0 if report.ok else 1


def print_report(report: IngestReport) -> None:
    for problem in report.skipped:
        err.print(f"[yellow]skipped[/] {escape(problem.location)}: {escape(problem.reason)}")
    for note in report.notes:
        err.print(f"[dim]note[/] {escape(note)}")
    for f in report.failed:
        then = "a later run tries again" if f.retry else "left marked as failed"
        err.print(f"[red]failed[/] {escape(f.article_id)} ({escape(f.source)}) while "
                  f"{'analysing' if f.stage == 'analyse' else 'fusing'}: {escape(f.reason)}; {then}")
    err.print(f"ingested {report.ingested}, duplicates {report.duplicates}, "
              f"already present {report.unchanged}, analysed {report.analysed}, "
              f"skipped {len(report.skipped)}, failed {len(report.failed)}, fused {report.fused}")


def cmd_code(args: argparse.Namespace) -> int:
    from heron.nlp.events import code_texts
    from heron.nlp.pipeline import get_pipeline

    records, problems = read_code_input(args.input)
    for location, reason in problems:
        err.print(f"[yellow]skipped[/] {location}: {reason}")
    if not records:
        err.print("[red]error:[/] no codable records in the input")
        return 1
    settings = Settings()
    threshold = settings.min_confidence if args.min_confidence is None else args.min_confidence
    rows = (r for r in code_texts(records, get_pipeline(settings)) if r["confidence"] >= threshold)
    count = write_rows(rows, args.format, args.output, table="coded_events")
    err.print(f"coded {len(records)} records: {count} events")
    return 0


def read_code_input(path: str) -> tuple[list[dict], list[tuple[str, str]]]:
    """Records with a non-empty ``text``; every other line is reported as ``file:line``."""
    lines = sys.stdin.read().splitlines() if path == "-" else Path(path).read_text(
        encoding="utf-8", errors="replace").splitlines()
    records, problems = [], []
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append((f"{path}:{lineno}", f"malformed JSON line: {exc.msg}"))
            continue
        if not isinstance(record, dict) or not str(record.get("text") or "").strip():
            problems.append((f"{path}:{lineno}", "record has no 'text'"))
            continue
        if not isinstance(record["text"], str) or not isinstance(record.get("published") or "", str):
            problems.append((f"{path}:{lineno}", "'text' and 'published' must be strings"))
            continue
        records.append(record)
    return records, problems


def cmd_export(args: argparse.Namespace) -> int:
    with Heron(args.db, readonly=Path(args.db).exists()) as h:
        count = write_rows(h.rows(args.table, args.min_confidence), args.format, args.output,
                           table=args.table)
    err.print(f"exported {count} {args.table} rows")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with Heron(args.db) as h:
        for key, value in h.stats().items():
            out.print(f"{key:<12} {value}")
        for f in h.failures():
            then = "will be retried" if f["retry"] else "left marked"
            out.print(f"failed       {f['id']} ({f['source']}) {f['stage']}, {f['attempts']} "
                      f"tries, {then}: {f['reason']}", markup=False)
    return 0


def cmd_actor(args: argparse.Namespace) -> int:
    from heron.nlp.actors import find_actor, load_kb  # loads spaCy: only for this command
    from heron.nlp.actors.resolve import ACCEPT

    found = 0
    with Heron(args.db, readonly=Path(args.db).exists()) as h:
        for actor_id, score in matching_actors(h.store, args.name):
            if (record := h.actor(actor_id)) is not None:
                found += 1
                _print_actor(record, score)
    for candidate in find_actor(load_kb(Settings().kb_paths), args.name, limit=5):
        if candidate["score"] >= ACCEPT:
            found += 1
            out.print(f"KB {candidate['kind']} [bold]{escape(candidate['id'])}[/]  "
                      f"{escape(candidate['name'])}  {candidate['country'] or '-'} "
                      f"{candidate['sector'] or '-'}  (score {candidate['score']})")
    if not found:
        err.print(f"no actor matches {args.name!r}")
    return 0 if found else 1


def _print_actor(record: ActorView, score: float) -> None:
    kb_id = record["kb_id"] or ("new" if record["id"].startswith("new:") else "-")
    out.print(f"[bold]{escape(record['id'])}[/]  {escape(record['name'])}  "
              f"country {record['country'] or '-'}  sector {record['sector'] or '-'}  "
              f"KB {kb_id}  (match {score:.0f})")
    counts: Counter[str] = Counter()  # surface forms come per (text, mention kind)
    for form in record["surface_forms"]:
        counts[form["text"]] += form["n"]
    forms = ", ".join(f"{text} ×{n}" for text, n in counts.most_common())
    out.print(f"    surface forms: {forms or '-'}", markup=False)
    out.print(f"    events as actor {len(record['events_as_actor'])}, as recipient "
              f"{len(record['events_as_recipient'])}; quotes {len(record['quotes'])}")


def cmd_kb_import(args: argparse.Namespace) -> int:
    from heron.nlp.actors import load_kb
    from heron.nlp.actors.wikidata import import_wikidata

    if not args.file.is_file():
        err.print(f"[red]error:[/] {args.file}: no such file")
        return 1
    report = import_wikidata(args.file, args.output, load_kb(Settings().kb_paths))
    for problem in report.skipped:
        err.print(f"skipped {problem}", markup=False)
    err.print(f"{report.people} people, {report.roles} dated roles -> {report.output}", markup=False)
    return 0 if report.people else 1


def cmd_quotes(args: argparse.Namespace) -> int:
    with Heron(args.db, readonly=Path(args.db).exists()) as h:
        found = h.quotes(args.speaker, limit=args.limit)
    if args.format != "text":
        write_rows(map(dict, found), args.format, args.output, table="quotes")
    for q in found if args.format == "text" else ():
        speaker = (q["speaker"]["name"] if q["speaker"] else None) or "unattributed"
        cue = q["cue"]["text"] if q["cue"] else ":"
        setting = ", ".join(x for x in (q["channel"], q["via"] and f"via {q['via']}", q["date"])
                            if x)
        out.print(f"[bold]{escape(speaker)}[/] {'NOT ' if q['negated'] else ''}"
                  f"{escape(cue)}{f' ({escape(setting)})' if setting else ''}: "
                  f"{escape(q['content']['text'])}  [dim]{q['id']}[/]")
    if not found:
        err.print(f"no quotes{f' of {args.speaker!r}' if args.speaker else ''}")
    return 0 if found else 1


def cmd_search(args: argparse.Namespace) -> int:
    with Heron(args.db) as h:
        hits = h.search(args.query, args.limit)
    for hit in hits:
        out.print(f"[bold]{hit['id']}[/]  {hit['published'] or '????-??-??'}  {hit['title'] or ''}")
        out.print(f"    {hit['snippet']}", markup=False)
    if not hits:
        err.print("no matches")
    return 0 if hits else 1


def cmd_timeline(args: argparse.Namespace) -> int:
    with Heron(args.db) as h:
        story_id = args.story or next((s["id"] for s in h.stories(limit=1)), None)
        if story_id is None or h.story(story_id) is None:
            err.print(f"no story {args.story!r}" if args.story else "no stories yet: ingest first")
            return 1
        print_timeline(h, story_id, out, brief=not args.all)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    db = Path(args.db)
    if db.exists() and not args.keep:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    with Heron(db) as h, progress_bar("analysing seeds") as progress:
        # The seed files carry no dates of their own (but 000's date line); the reports are of
        # 20 August 2025, so that is their default publication date.
        report = h.ingest([data_dir() / "seeds"], published="2025-08-20", progress=progress)
        print_report(report)
        print_briefing(h, out)
    out.print(f"\nExplore it: [bold]heron serve --db {db}[/] then open http://127.0.0.1:8000/")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from heron.web import create_app

    app = create_app(args.db, bound_host=args.host, extra_hosts=args.allowed_host)
    err.print(f"Serving {args.db} read-only at [bold]http://{args.host}:{args.port}/[/] "
              f"(API docs at /docs); Ctrl+C stops.")
    config = uvicorn.Config(app, host=args.host, port=args.port, log_level="warning",
                            timeout_graceful_shutdown=SHUTDOWN_SECONDS)
    _StoppingServer(config).run()
    return 0


SHUTDOWN_SECONDS = 3  # in-flight requests get this long after SIGTERM/SIGINT


def _StoppingServer(config):  # noqa: N802 - a class made on use: uvicorn is imported lazily
    import uvicorn

    from heron.store.budget import SHUTDOWN

    class Server(uvicorn.Server):
        """On SIGTERM/SIGINT, running queries stop at their next check, not when done."""

        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            SHUTDOWN.set()
            super().handle_exit(sig, frame)

    return Server(config)


if __name__ == "__main__":
    sys.exit(main())
