"""Where media files live, behind a small interface: a directory today, object storage later.

Keys are relative, slash-separated names such as `media/<account>/<id>.png`; a key never comes from
a request unchecked. Files appear atomically: they are written under `tmp/` (same filesystem) and
renamed into place, so nothing half-written is ever served.
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import shutil
from pathlib import Path
from typing import Protocol

_KEY = re.compile(r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$")


class MediaStorage(Protocol):
    def new_temp_path(self, suffix: str = "") -> Path: ...

    def local_path(self, key: str) -> Path: ...

    async def put_file(self, src: Path, key: str) -> None: ...

    async def delete(self, key: str) -> None: ...

    def exists(self, key: str) -> bool: ...


class DirectoryStorage:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"
        self.tmp.mkdir(parents=True, exist_ok=True)

    def clear_temp(self) -> None:
        """At start: whatever is left in tmp/ was being written when a process stopped."""
        for entry in self.tmp.iterdir():
            if entry.is_file():
                entry.unlink(missing_ok=True)

    def new_temp_path(self, suffix: str = "") -> Path:
        return self.tmp / f"{secrets.token_hex(8)}{suffix}"

    def local_path(self, key: str) -> Path:
        if not _KEY.match(key) or ".." in key.split("/"):
            raise ValueError(f"bad storage key {key!r}")
        return self.root / key

    async def put_file(self, src: Path, key: str) -> None:
        dest = self.local_path(key)
        await asyncio.to_thread(_move_atomic, src, dest)

    async def delete(self, key: str) -> None:
        self.local_path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self.local_path(key).is_file()


def _move_atomic(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(src, dest)
    except OSError:
        # Another filesystem: copy next to the destination, then rename there.
        part = dest.with_name(dest.name + ".part")
        shutil.copyfile(src, part)
        os.replace(part, dest)
        src.unlink(missing_ok=True)
