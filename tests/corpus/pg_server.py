"""A throw-away PostgreSQL server for the corpus tests: initdb, pg_ctl start, one database.

Why a real server and not a mock: the PostgreSQL backend's behaviour lives in SQL (tsvector
weights, ts_rank_cd, pg_trgm, advisory locks, transactions), so only a server can test it.
The server listens on loopback and a socket in its own temp dir, trusts local connections,
and runs with fsync off: it is thrown away after the session. initdb refuses to run as
root, so as root the server commands run as the ``postgres`` user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

DB_NAME = "jixiao_test"
SUPERUSER = "postgres"


@dataclass
class PgServer:
    """A running server; ``url`` points at its test database."""

    bindir: Path
    root: Path
    port: int
    run_as: list[str]
    url: str = ""
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def data(self) -> Path:
        return self.root / "data"

    def stop(self) -> None:
        """Stop fast (tests are done with the data) and remove the directory."""
        t0 = time.perf_counter()
        _run(self.run_as + [str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"],
             check=False)
        self.timings["stop"] = time.perf_counter() - t0
        shutil.rmtree(self.root, ignore_errors=True)


def find_bindir() -> Path | None:
    """The directory holding initdb and pg_ctl: PATH first, then the newest /usr/lib/postgresql/*."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(os.path.realpath(on_path)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    for initdb in reversed(candidates):
        bindir = Path(initdb).parent
        if (bindir / "pg_ctl").exists():
            return bindir
    return None


def missing_reason() -> str | None:
    """Why no server can be started here, or None when one can."""
    bindir = find_bindir()
    if bindir is None:
        return "no PostgreSQL binaries (initdb/pg_ctl) on PATH or in /usr/lib/postgresql/*/bin; run .ci/install-postgres.sh"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SUPERUSER)
        except KeyError:
            return "running as root and there is no 'postgres' user to run initdb as"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(cmd: list[str], check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def _run_as() -> list[str]:
    if os.geteuid() != 0:
        return []
    if shutil.which("runuser"):
        return ["runuser", "-u", SUPERUSER, "--"]
    return ["setpriv", f"--reuid={SUPERUSER}", f"--regid={SUPERUSER}", "--init-groups", "--"]


def _locale_args() -> list[str]:
    """C.UTF-8 when the system has it: in the plain C locale pg_trgm sees no Chinese word characters."""
    try:
        names = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    except OSError:
        names = []
    for name in ("C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8"):
        if name in names:
            return ["--encoding=UTF8", f"--locale={name}"]
    return ["--encoding=UTF8", "--no-locale"]


def start() -> PgServer:
    """initdb in a fresh temp dir, start on a free loopback port, create the test database."""
    bindir = find_bindir()
    assert bindir is not None, missing_reason()
    root = Path(tempfile.mkdtemp(prefix="jixiao-pg-"))
    run_as = _run_as()
    if run_as:
        user = pwd.getpwnam(SUPERUSER)
        os.chown(root, user.pw_uid, user.pw_gid)
    server = PgServer(bindir=bindir, root=root, port=_free_port(), run_as=run_as)
    try:
        t0 = time.perf_counter()
        _run(run_as + [str(bindir / "initdb"), "-D", str(server.data), "-U", SUPERUSER, "-A", "trust",
                       "--no-sync", *_locale_args()])
        t1 = time.perf_counter()
        opts = f"-k {root} -h 127.0.0.1 -p {server.port} -F -c max_connections=40"
        _run(run_as + [str(bindir / "pg_ctl"), "-D", str(server.data), "-l", str(root / "server.log"),
                       "-o", opts, "-w", "-t", "60", "start"])
        t2 = time.perf_counter()
        import psycopg

        base = f"postgresql://{SUPERUSER}@127.0.0.1:{server.port}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {DB_NAME}")
        server.url = f"{base}/{DB_NAME}"
        server.timings = {"initdb": t1 - t0, "start": t2 - t1, "createdb": time.perf_counter() - t2}
    except BaseException:
        log = root / "server.log"
        if log.exists():
            print(log.read_text(errors="replace")[-2000:])
        server.stop()
        raise
    return server
