"""The engine database's connection: a SQLAlchemy async engine for a URL, SQLite or PostgreSQL.

SQLite (the laptop default, `sqlite+aiosqlite:///…/engine.db`): one connection per process, WAL
journal and a busy timeout so that a second process (`nemo-tui topup`) can share the file, and write
transactions opened with `BEGIN IMMEDIATE` (SQLite's default deferred BEGIN would fail a read that
turns into a write when another process writes first). PostgreSQL (`postgresql+asyncpg://…`, the
team server): a connection pool; writes that must not race take row locks (`FOR UPDATE`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

#: Execution option that makes a SQLite transaction take the write lock at BEGIN.
WRITE = "nemo_write"


class UnsupportedDatabase(ValueError):
    """A database URL the engine cannot use."""


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL: a path is a SQLite file; a URL must name a driver the engine supports."""
    if isinstance(target, Path) or "://" not in target:
        return f"sqlite+aiosqlite:///{Path(target).resolve()}"
    try:
        url = make_url(target)
    except ArgumentError:
        raise UnsupportedDatabase(f"not a database URL: {target.split('://', 1)[0]}://…") from None
    if url.drivername in ("sqlite", "sqlite+aiosqlite"):
        return url.set(drivername="sqlite+aiosqlite").render_as_string(hide_password=False)
    if url.drivername in ("postgresql", "postgres", "postgresql+asyncpg"):
        return url.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)
    raise UnsupportedDatabase(
        f"unsupported database {url.drivername!r}: use a SQLite path or postgresql+asyncpg://user@host/db"
    )


def is_sqlite(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "sqlite"


def open_engine(target: str | Path, *, busy_timeout_s: float = 30.0) -> AsyncEngine:
    url = database_url(target)
    if url.startswith("sqlite"):
        path = Path(make_url(url).database or "")
        path.parent.mkdir(parents=True, exist_ok=True)
        # No rollback when a connection goes back to the pool: a write's transaction has ended by then
        # (`begin()` commits or rolls back) and a read has none (see `_on_begin`).
        engine = create_async_engine(
            url,
            pool_size=1,
            max_overflow=0,
            pool_reset_on_return=None,
            connect_args={"timeout": busy_timeout_s},
        )
        _sqlite_transactions(engine, busy_timeout_s)
        return engine
    return create_async_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


def _sqlite_transactions(engine: AsyncEngine, busy_timeout_s: float) -> None:
    """SQLAlchemy's recipe: the driver in autocommit mode, and BEGIN emitted by us, so that writes can
    ask for `BEGIN IMMEDIATE`."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=NORMAL",
            f"busy_timeout={int(busy_timeout_s * 1000)}",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A read is one SELECT, atomic on its own: no BEGIN/ROLLBACK round trips around it.
        if conn.get_execution_options().get(WRITE):
            conn.exec_driver_sql("BEGIN IMMEDIATE")


async def unreachable_reason(target: str | Path) -> str | None:
    """None when the database answers, else why not in one line (never the URL's password): what
    `nemo-tui serve --db` says before it starts, instead of a failed start-up's traceback."""
    engine = open_engine(target)
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        return None
    except Exception as exc:  # any failure to connect: refused, unknown host, wrong password…
        return str(getattr(exc, "orig", None) or exc).splitlines()[0] or type(exc).__name__
    finally:
        await engine.dispose()


def shown(url: str) -> str:
    """A database URL as it may be printed: the password masked."""
    return make_url(url).render_as_string(hide_password=True)
