"""The workspace's memory on disk: sessions, transcripts and exports, in SQLite.

Each message is committed as soon as it arrives, so a process killed mid-turn loses nothing already
received. Writes are a few rows at a time on a local file; they run inline rather than in a thread,
which keeps their order the order of events.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from .settings import tighten

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    session_id TEXT NOT NULL,
    backend TEXT NOT NULL,
    task_id TEXT,
    title TEXT,
    created_at REAL NOT NULL,
    last_used REAL NOT NULL,
    PRIMARY KEY (backend, session_id)
);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    backend TEXT NOT NULL,
    session_id TEXT NOT NULL,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_by_session ON messages (backend, session_id, id);
CREATE TABLE IF NOT EXISTS exports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    backend TEXT NOT NULL,
    session_id TEXT NOT NULL,
    render_id TEXT NOT NULL,
    path TEXT,
    url TEXT,
    at REAL NOT NULL
);
"""


@dataclass(frozen=True)
class SessionRecord:
    session_id: str
    task_id: str | None
    title: str | None
    created_at: float
    last_used: float


@dataclass(frozen=True)
class MessageRecord:
    role: str  # "user" / "assistant" / "system" / "credits" (what the reply before it cost)
    text: str
    at: float


@dataclass(frozen=True)
class ExportRecord:
    session_id: str
    render_id: str
    path: str | None
    url: str | None
    at: float


HISTORY_FILE = "history.sqlite3"  # in the data dir


class History:
    """One SQLite file; `backend` keeps local-engine and cloud sessions apart."""

    def __init__(self, path: Path, backend: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # It holds session and task ids: owner only, like the token cache and the client id. SQLite
        # gives its -wal and -shm files the mode of the database file.
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        tighten(path)
        self.backend = backend
        self._db = sqlite3.connect(path, isolation_level=None)  # autocommit: each write is durable
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def remember_session(self, session_id: str, task_id: str | None, title: str | None = None) -> None:
        now = time.time()
        self._db.execute(
            "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (backend, session_id) "
            "DO UPDATE SET last_used = excluded.last_used, task_id = coalesce(excluded.task_id, task_id)",
            (session_id, self.backend, task_id, title, now, now),
        )

    def set_title(self, session_id: str, title: str) -> None:
        self._db.execute(
            "UPDATE sessions SET title = ? WHERE backend = ? AND session_id = ? AND title IS NULL",
            (title[:80], self.backend, session_id),
        )

    def touch(self, session_id: str) -> None:
        self._db.execute(
            "UPDATE sessions SET last_used = ? WHERE backend = ? AND session_id = ?",
            (time.time(), self.backend, session_id),
        )

    def forget_session(self, session_id: str) -> None:
        self._db.execute(
            "DELETE FROM sessions WHERE backend = ? AND session_id = ?", (self.backend, session_id)
        )

    def sessions(self) -> list[SessionRecord]:
        rows = self._db.execute(
            "SELECT session_id, task_id, title, created_at, last_used FROM sessions "
            "WHERE backend = ? ORDER BY last_used DESC",
            (self.backend,),
        )
        return [SessionRecord(*row) for row in rows]

    def last_session(self) -> SessionRecord | None:
        found = self.sessions()
        return found[0] if found else None

    def add_message(self, session_id: str, role: str, text: str) -> None:
        self._db.execute(
            "INSERT INTO messages (backend, session_id, role, text, at) VALUES (?, ?, ?, ?, ?)",
            (self.backend, session_id, role, text, time.time()),
        )

    def transcript(self, session_id: str) -> list[MessageRecord]:
        rows = self._db.execute(
            "SELECT role, text, at FROM messages WHERE backend = ? AND session_id = ? ORDER BY id",
            (self.backend, session_id),
        )
        return [MessageRecord(*row) for row in rows]

    def add_export(self, session_id: str, render_id: str, path: str | None, url: str | None) -> None:
        self._db.execute(
            "INSERT INTO exports (backend, session_id, render_id, path, url, at) VALUES (?, ?, ?, ?, ?, ?)",
            (self.backend, session_id, render_id, path, url, time.time()),
        )

    def exports(self, session_id: str) -> list[ExportRecord]:
        rows = self._db.execute(
            "SELECT session_id, render_id, path, url, at FROM exports "
            "WHERE backend = ? AND session_id = ? ORDER BY id",
            (self.backend, session_id),
        )
        return [ExportRecord(*row) for row in rows]
