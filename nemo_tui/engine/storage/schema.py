"""The engine database's schema, and the migrations that bring an older database up to it.

`tables.metadata` is the current shape: a new database gets it whole. The `schema_version` table
records which migrations a database has had (a SQLite file from before it kept the number in `PRAGMA
user_version`); each migration checks the shape it changes, so it is also right for a database the
metadata made already. Everything runs in one write transaction, under an advisory lock on
PostgreSQL: two processes opening the same old database (two API nodes, an engine and `nemo-tui
topup`) migrate it once.

    version  change
    1        renders keyed by (account_id, id): a render id is unique per account, not engine-wide
    2        holds and renders carry an owner (the engine process) and a heartbeat
    3        session_turns: which node runs a turn in a session (a new table: the metadata makes it)
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Float, insert, inspect, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine

from .database import WRITE
from .tables import metadata, renders, schema_version

VERSION = 3
_LOCK_KEY = 0x6E656D6F  # "nemo": the advisory lock two PostgreSQL nodes take to migrate one at a time


async def migrate(engine: AsyncEngine) -> int:
    """Create what is missing and run the migrations this database has not had; the version it had."""
    async with engine.connect() as conn:
        await conn.execution_options(**{WRITE: True})
        async with conn.begin():
            if conn.dialect.name == "postgresql":
                await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
            return await conn.run_sync(_migrate)


def _migrate(conn: Connection) -> int:
    metadata.create_all(conn)
    had = _version(conn)
    steps: list[tuple[int, Callable[[Connection], None]]] = [
        (1, _renders_per_account),
        (2, _owners_and_heartbeats),
    ]
    for number, step in steps:
        if had < number:
            step(conn)
    if had < VERSION:
        if conn.execute(select(schema_version)).first() is None:
            conn.execute(insert(schema_version).values(version=VERSION))
        else:
            conn.execute(update(schema_version).values(version=VERSION))
    return had


def _version(conn: Connection) -> int:
    row = conn.execute(select(schema_version.c.version)).first()
    if row is not None:
        return int(row[0])
    if conn.dialect.name == "sqlite":  # files made before `schema_version` existed
        return int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)
    return 0


def _renders_per_account(conn: Connection) -> None:
    """Version 1: rebuild `renders` with the key (account_id, id), keeping every row.

    Only SQLite files made by the first schema need it; SQLite cannot change a primary key in place, so
    the table is copied into the new shape."""
    key = inspect(conn).get_pk_constraint("renders")["constrained_columns"]
    if sorted(key) == ["account_id", "id"]:
        return  # made by the current metadata
    old_columns = {c["name"] for c in inspect(conn).get_columns("renders")}
    conn.exec_driver_sql("ALTER TABLE renders RENAME TO renders_v0")
    conn.exec_driver_sql("DROP INDEX IF EXISTS renders_status")  # it moved with the old table
    renders.create(conn)
    columns = ", ".join(c.name for c in renders.columns if c.name in old_columns)
    conn.exec_driver_sql(f"INSERT INTO renders ({columns}) SELECT {columns} FROM renders_v0")
    conn.exec_driver_sql("DROP TABLE renders_v0")


def _owners_and_heartbeats(conn: Connection) -> None:
    """Version 2: `owner` and `heartbeat_at` on holds and renders (empty for rows from before)."""
    real = Float().compile(dialect=conn.dialect)
    for table in ("holds", "renders"):
        present = {c["name"] for c in inspect(conn).get_columns(table)}
        if "owner" not in present:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN owner TEXT")
        if "heartbeat_at" not in present:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN heartbeat_at {real}")
