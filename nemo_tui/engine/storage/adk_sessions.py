"""ADK's SQLite session store, set up for many concurrent sessions.

Out of the box ADK's `SqliteSessionService` opens a rollback-journal database with SQLite's default
busy handling, and 50 concurrent sessions fail with "database is locked" (measured). The file is
switched to WAL once (the mode persists in the file) and every connection gets a long busy timeout.
The `db_url` seam stays: `DatabaseSessionService(db_url=...)` takes a PostgreSQL URL for a
deployment on several machines.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite
from google.adk.sessions import sqlite_session_service as _adk_sqlite
from google.adk.sessions.sqlite_session_service import SqliteSessionService


class EngineSessionService(SqliteSessionService):
    """`SqliteSessionService` on a WAL file with a busy timeout on every connection."""

    def __init__(self, path: Path, *, busy_timeout_s: float = 30.0) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
        super().__init__(str(path))
        self._busy_timeout_s = busy_timeout_s

    @asynccontextmanager
    async def _get_db_connection(self) -> AsyncIterator[aiosqlite.Connection]:
        async with aiosqlite.connect(self._db_connect_path, timeout=self._busy_timeout_s) as db:
            db.row_factory = aiosqlite.Row
            await db.execute(_adk_sqlite.PRAGMA_FOREIGN_KEYS)
            await db.execute("PRAGMA synchronous=NORMAL")
            if not self._schema_ready:
                async with self._schema_lock:
                    if not self._schema_ready:
                        await db.executescript(_adk_sqlite.CREATE_SCHEMA_SQL)
                        self._schema_ready = True
            yield db
