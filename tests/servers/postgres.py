"""A throwaway PostgreSQL cluster: `initdb` into a temp dir, `pg_ctl` on a free loopback port.

Debian's `postgresql` package puts its programs in /usr/lib/postgresql/<version>/bin, off PATH, and
`initdb` refuses to run as root: as root the cluster runs as the package's `postgres` user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .ports import free_port


def postgres_bin() -> Path | None:
    """The folder with initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


def missing_reason() -> str | None:
    """Why the PostgreSQL tests cannot run here, or None."""
    if postgres_bin() is None:
        return "PostgreSQL is not installed (apt-get install postgresql; .ci/run does it in CI)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a 'postgres' user to run the cluster as"
    try:
        import asyncpg  # noqa: F401
    except ImportError:
        return "asyncpg is not installed (pip install -e '.[test]')"
    return None


@dataclass
class Postgres:
    port: int
    folder: Path
    pg_ctl: list[str]
    options: str

    def start(self) -> None:
        _run([*self.pg_ctl, "-o", self.options, "-w", "start"])

    def stop(self) -> None:
        """Stop the server at once (connections cut), as a crashed or unreachable database would be."""
        subprocess.run([*self.pg_ctl, "-m", "immediate", "-w", "stop"], capture_output=True, timeout=60)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+asyncpg://nemo@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh empty database's SQLAlchemy URL."""
        name = "t_" + uuid.uuid4().hex[:12]
        self.psql(f"CREATE DATABASE {name}")
        return self.url(name)

    def psql(self, sql: str) -> str:
        bin_dir = postgres_bin()
        assert bin_dir is not None
        command = [str(bin_dir / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "nemo"]
        done = subprocess.run(
            [*command, "-d", "postgres", "-Atc", sql], capture_output=True, text=True, timeout=60
        )
        if done.returncode != 0:
            raise RuntimeError(done.stderr)
        return done.stdout


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")


@contextmanager
def running_postgres(folder: Path) -> Iterator[Postgres]:
    bin_dir = postgres_bin()
    assert bin_dir is not None, missing_reason()
    data = folder / "pgdata"
    as_user: list[str] = []
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chown(folder, account.pw_uid, account.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    log = folder / "postgres.log"
    _run([*as_user, str(bin_dir / "initdb"), "-D", str(data), "-U", "nemo", "--auth=trust", "-E", "UTF8"])
    # No fsync (a test cluster), the socket in the temp dir, loopback TCP only.
    options = f"-p {port} -h 127.0.0.1 -k {folder} -F -c max_connections=200"
    server = Postgres(
        port, folder, [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log)], options
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def fresh_postgres() -> Iterator[Postgres]:
    """A cluster in a new temp dir, removed afterwards. Not under pytest's tmp_path: as root the
    cluster runs as `postgres`, who cannot enter it."""
    folder = Path(tempfile.mkdtemp(prefix="nemo-pg-"))
    try:
        with running_postgres(folder) as server:
            yield server
    finally:
        shutil.rmtree(folder, ignore_errors=True)
