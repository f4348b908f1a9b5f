"""The engine database's schema, and the migrations that bring an older file up to it.

`SCHEMA` is the current shape, made with `IF NOT EXISTS` so a new file gets it whole. `PRAGMA
user_version` records which migrations a file has had; each migration checks the shape it changes, so
it is also right for a file that `SCHEMA` made already. They run in one `BEGIN IMMEDIATE` transaction:
two processes opening the same old file (an engine and `nemo-tui topup`) migrate it once.

    version  change
    1        renders keyed by (account_id, id): a render id is unique per account, not engine-wide
"""

from __future__ import annotations

import aiosqlite

_BASE = """
CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, client_id TEXT UNIQUE, created_at REAL NOT NULL,
  available INTEGER NOT NULL, frozen INTEGER NOT NULL DEFAULT 0, spent INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS tokens (
  hash TEXT PRIMARY KEY, kind TEXT NOT NULL, account_id TEXT NOT NULL REFERENCES accounts(id),
  created_at REAL NOT NULL, expires_at REAL NOT NULL, revoked INTEGER NOT NULL DEFAULT 0,
  task_id TEXT, session_id TEXT);
CREATE INDEX IF NOT EXISTS tokens_account ON tokens(account_id, kind);
CREATE TABLE IF NOT EXISTS account_origins (ip TEXT NOT NULL, account_id TEXT NOT NULL,
  created_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS account_origins_ip ON account_origins(ip, created_at);
CREATE TABLE IF NOT EXISTS tasks (
  session_id TEXT PRIMARY KEY, task_id TEXT UNIQUE NOT NULL, account_id TEXT NOT NULL,
  name TEXT NOT NULL, language TEXT NOT NULL, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS holds (
  id TEXT PRIMARY KEY, account_id TEXT NOT NULL, session_id TEXT NOT NULL, amount INTEGER NOT NULL,
  charged INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL, created_at REAL NOT NULL,
  settled_at REAL);
CREATE INDEX IF NOT EXISTS holds_status ON holds(status);
CREATE TABLE IF NOT EXISTS uploads (
  id TEXT PRIMARY KEY, account_id TEXT NOT NULL, session_id TEXT NOT NULL, filename TEXT NOT NULL,
  file_type TEXT NOT NULL, ext TEXT NOT NULL, mime TEXT NOT NULL, size INTEGER NOT NULL,
  sha256 TEXT NOT NULL, duration_ms INTEGER, width INTEGER, height INTEGER, fps REAL,
  has_audio INTEGER NOT NULL, storage_key TEXT NOT NULL, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS top_ups (
  account_id TEXT NOT NULL REFERENCES accounts(id), amount INTEGER NOT NULL,
  available_after INTEGER NOT NULL, created_at REAL NOT NULL);
"""

_RENDERS_TABLE = """
CREATE TABLE IF NOT EXISTS renders (
  id TEXT NOT NULL, account_id TEXT NOT NULL, session_id TEXT NOT NULL, status TEXT NOT NULL,
  progress REAL NOT NULL DEFAULT 0, error TEXT, draft TEXT NOT NULL, options TEXT NOT NULL,
  output_key TEXT, duration_ms INTEGER, size INTEGER, created_at REAL NOT NULL, started_at REAL,
  finished_at REAL, PRIMARY KEY (account_id, id))"""
_RENDERS_INDEX = "CREATE INDEX IF NOT EXISTS renders_status ON renders(status)"
_RENDERS_COLUMNS = (
    "id, account_id, session_id, status, progress, error, draft, options, output_key, duration_ms, size,"
    " created_at, started_at, finished_at"
)

SCHEMA = _BASE + _RENDERS_TABLE + ";\n" + _RENDERS_INDEX + ";\n"

VERSION = 1


async def migrate(db: aiosqlite.Connection) -> None:
    """Create what is missing and run the migrations this file has not had (idempotent)."""
    await db.executescript(SCHEMA)
    if await _version(db) >= VERSION:
        return
    await db.execute("BEGIN IMMEDIATE")
    try:
        if await _version(db) < 1:  # another process may have migrated while we waited for the lock
            await _renders_per_account(db)
        await db.execute(f"PRAGMA user_version={VERSION}")
    except BaseException:
        await db.execute("ROLLBACK")
        raise
    await db.execute("COMMIT")


async def _version(db: aiosqlite.Connection) -> int:
    async with db.execute("PRAGMA user_version") as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def _renders_per_account(db: aiosqlite.Connection) -> None:
    """Version 1: rebuild `renders` with the key (account_id, id), keeping every row.

    SQLite cannot change a primary key in place, so the table is copied into the new shape.
    """
    async with db.execute("PRAGMA table_info(renders)") as cur:
        columns = await cur.fetchall()  # (cid, name, type, notnull, default, pk); pk > 0 in the key
    if sorted(c[1] for c in columns if c[5]) == ["account_id", "id"]:
        return  # made by the current SCHEMA
    await db.execute("ALTER TABLE renders RENAME TO renders_v0")
    await db.execute("DROP INDEX IF EXISTS renders_status")  # it moved with the old table
    await db.execute(_RENDERS_TABLE)
    await db.execute(_RENDERS_INDEX)
    await db.execute(f"INSERT INTO renders ({_RENDERS_COLUMNS}) SELECT {_RENDERS_COLUMNS} FROM renders_v0")
    await db.execute("DROP TABLE renders_v0")
