"""The ``heron`` command line: a thin layer over :mod:`heron.api`.

Results go to stdout, messages and progress to stderr. Exit codes: 0 success, 1 nothing could be
done (e.g. nothing ingested), 2 usage error or unusable database.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from heron.api import Heron, IngestReport
from heron.config import data_dir
from heron.export.tables import EXPORT_TABLES
from heron.export.writers import FORMATS, write_rows
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

    p = _command(sub, "export", cmd_export, "export a table as JSONL, CSV or Parquet")
    p.add_argument("table", choices=sorted(EXPORT_TABLES), metavar="TABLE",
                   help=f"one of: {', '.join(EXPORT_TABLES)}")
    p.add_argument("--format", choices=FORMATS, default="jsonl")
    p.add_argument("-o", "--output", help="output file (default: stdout)")

    _command(sub, "stats", cmd_stats, "counts of what the database holds")

    p = _command(sub, "search", cmd_search, "full-text search of the articles")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)

    p = _command(sub, "demo", cmd_demo, "ingest the bundled seed articles and print a briefing",
                 db_default="heron-demo.db")
    p.add_argument("--keep", action="store_true", help="add to an existing demo database")
    return parser


def _command(sub: argparse._SubParsersAction, name: str, func: Callable, help_text: str,
             db_default: str = DEFAULT_DB) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text, description=help_text)
    p.add_argument("--db", default=db_default, help=f"database file (default: {db_default})")
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
    with Heron(args.db) as h, progress_bar("analysing") as progress:
        report = h.ingest(args.paths, published=args.published, outlet=args.outlet,
                          analyse=not args.no_analyse, progress=progress)
    print_report(report)
    return 0 if report.ok else 1


def print_report(report: IngestReport) -> None:
    for problem in report.skipped:
        err.print(f"[yellow]skipped[/] {problem.location}: {problem.reason}")
    for note in report.notes:
        err.print(f"[dim]note[/] {note}")
    err.print(f"ingested {report.ingested}, duplicates {report.duplicates}, "
              f"already present {report.unchanged}, analysed {report.analysed}, "
              f"skipped {len(report.skipped)}")


def cmd_export(args: argparse.Namespace) -> int:
    with Heron(args.db, readonly=Path(args.db).exists()) as h:
        count = write_rows(h.rows(args.table), args.format, args.output)
    err.print(f"exported {count} {args.table} rows")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with Heron(args.db) as h:
        for key, value in h.stats().items():
            out.print(f"{key:<12} {value}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with Heron(args.db) as h:
        hits = h.search(args.query, args.limit)
    for hit in hits:
        out.print(f"[bold]{hit['id']}[/]  {hit['published'] or '????-??-??'}  {hit['title'] or ''}")
        out.print(f"    {hit['snippet']}", markup=False)
    if not hits:
        err.print("no matches")
    return 0 if hits else 1


def cmd_demo(args: argparse.Namespace) -> int:
    db = Path(args.db)
    if db.exists() and not args.keep:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    from heron.briefing import print_briefing

    with Heron(db) as h, progress_bar("analysing seeds") as progress:
        # The seed files carry no dates of their own (but 000's date line); the reports are of
        # 20 August 2025, so that is their default publication date.
        report = h.ingest([data_dir() / "seeds"], published="2025-08-20", progress=progress)
        print_report(report)
        print_briefing(h, out)
    out.print(f"\nExplore it: [bold]heron serve --db {db}[/] then open http://127.0.0.1:8000/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
