"""A real, throw-away PostgreSQL server for tests: ``initdb`` + ``pg_ctl`` in a temp directory.

The binaries come from the Debian package ``postgresql`` (``.ci/run`` installs it): they live in
``$(pg_config --bindir)`` or ``/usr/lib/postgresql/*/bin``, sometimes also on PATH. PostgreSQL
refuses to run as root, so under root the server runs as the ``postgres`` (or ``nobody``) user.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def bindir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, or None when PostgreSQL is absent."""
    candidates = []
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        candidates.append(out.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    if shutil.which("initdb"):
        candidates.append(str(Path(shutil.which("initdb")).parent))
    for folder in candidates:
        if folder and all((Path(folder) / b).exists() for b in ("initdb", "pg_ctl", "postgres")):
            return Path(folder)
    return None


def _as_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    for user in ("postgres", "nobody"):
        if subprocess.run(["id", user], capture_output=True).returncode == 0:
            return ["runuser", "-u", user, "--"]
    raise RuntimeError("running as root and no unprivileged user to run PostgreSQL as")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a server on 127.0.0.1 (trust auth, user ``heron``); yields its base URL."""
    bins = bindir()
    if bins is None:
        raise FileNotFoundError("PostgreSQL binaries not found (install the `postgresql` package)")
    prefix = _as_user()
    root = Path(tempfile.mkdtemp(prefix="heron-pg-"))
    data = root / "data"
    if prefix:
        shutil.chown(root, user=prefix[2])
        root.chmod(0o755)
    port = _free_port()
    run = lambda *args: subprocess.run([*prefix, *map(str, args)], check=True,  # noqa: E731
                                       capture_output=True, text=True, timeout=120)
    try:
        run(bins / "initdb", "-D", data, "-U", "heron", "--auth=trust", "-E", "UTF8", "--no-locale",
            "--no-sync")
        run(bins / "pg_ctl", "-D", data, "-w", "-t", "60", "-l", root / "log", "start", "-o",
            f"-h 127.0.0.1 -p {port} -k {root} -F -c fsync=off -c synchronous_commit=off")
        yield f"postgresql://heron@127.0.0.1:{port}"
    finally:
        if (data / "postmaster.pid").exists():
            run(bins / "pg_ctl", "-D", data, "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


def create_database(base_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(f"{base_url}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base_url}/{name}"
