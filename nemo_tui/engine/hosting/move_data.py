"""Move a laptop engine's data directory to a team server: `nemo-tui move-data --to URL [--media DIR]`.

Copies every row of the engine database (`engine.db`) and every ADK session with its events
(`sessions.db`) into a shared database (PostgreSQL), and the files (`files/`) into the shared media
folder. The target must be empty: a move never merges two engines' accounts. The source is only read,
so a failed move loses nothing; the engine must be stopped (its lock is taken for the move).
"""

from __future__ import annotations

import asyncio
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, insert, select

from ..storage.database import open_engine
from ..storage.schema import migrate
from ..storage.tables import accounts, metadata, schema_version
from .datalock import DataDirLock


class MoveRefused(Exception):
    """The move cannot start; nothing was changed."""


@dataclass
class Moved:
    rows: dict[str, int]
    sessions: int
    events: int
    files: int


async def move_data(data_dir: Path, to_url: str, media_dir: Path | None = None) -> Moved:
    engine_db, sessions_db = data_dir / "engine.db", data_dir / "sessions.db"
    if not engine_db.is_file():
        raise MoveRefused(f"No local engine data in {data_dir} (no engine.db).")
    # DataDirInUse while an engine runs on it: a move copies a folder nobody is writing.
    lock = await asyncio.to_thread(DataDirLock.acquire, data_dir, 1.0)
    try:
        rows = await _copy_rows(engine_db, to_url)
        sessions, events = await _copy_sessions(sessions_db, to_url) if sessions_db.is_file() else (0, 0)
        files = _copy_files(data_dir / "files", media_dir) if media_dir is not None else 0
    finally:
        lock.release()
    return Moved(rows, sessions, events, files)


async def _copy_rows(engine_db: Path, to_url: str) -> dict[str, int]:
    source, target = open_engine(engine_db), open_engine(to_url)
    try:
        await migrate(source)  # an older file is brought to the current shape first
        await migrate(target)
        counts: dict[str, int] = {}
        async with source.connect() as read, target.begin() as write:
            if (await write.execute(select(func.count()).select_from(accounts))).scalar():
                raise MoveRefused("The target database already has accounts; a move needs an empty one.")
            for table in metadata.sorted_tables:  # parents before the rows that refer to them
                if table is schema_version:
                    continue
                found = [dict(r) for r in (await read.execute(select(table))).mappings().all()]
                if found:
                    await write.execute(insert(table), found)
                counts[table.name] = len(found)
        return counts
    finally:
        await source.dispose()
        await target.dispose()


async def _copy_sessions(sessions_db: Path, to_url: str) -> tuple[int, int]:
    """Every session with its events, replayed into ADK's database store: created with its final
    state, then each event appended in order (their deltas set the same final values again)."""
    from google.adk.sessions.database_session_service import DatabaseSessionService

    from ..agent.agent import APP_NAME
    from ..storage.adk_sessions import EngineSessionService
    from ..storage.database import database_url

    source = EngineSessionService(sessions_db)
    target = DatabaseSessionService(db_url=database_url(to_url))
    sessions = events = 0
    try:
        listed = await source.list_sessions(app_name=APP_NAME)
        for brief in listed.sessions:
            full = await source.get_session(app_name=APP_NAME, user_id=brief.user_id, session_id=brief.id)
            if full is None:
                continue
            copy = await target.create_session(
                app_name=APP_NAME, user_id=full.user_id, session_id=full.id, state=dict(full.state)
            )
            for event in full.events:
                await target.append_event(copy, event)
                events += 1
            sessions += 1
    finally:
        await source.close()
        await target.close()
    return sessions, events


def _copy_files(files: Path, media_dir: Path) -> int:
    """The data directory's files into the shared folder (an existing file of the same name is kept)."""
    copied = 0
    for path in sorted(files.rglob("*")) if files.is_dir() else []:
        if not path.is_file() or path.relative_to(files).parts[0] in ("tmp", ".tmp"):
            continue
        dest = media_dir / path.relative_to(files)
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)
            copied += 1
    return copied
