"""A content-addressed store of render inputs and outputs in a folder every machine mounts.

A key is the file's SHA-256 and its extension (`<64 hex>.mp4`), so the same file is stored once and
a key names its content on every machine; files are written under a temporary name and renamed, so
a reader never sees half a file. Workers copy what they read into a local cache (`LocalCache`), so a
network folder is read once per machine.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import uuid
from pathlib import Path
from typing import Protocol

_KEY = re.compile(r"^[0-9a-f]{64}(\.[0-9a-z]{1,8})?$")  # keys come from messages: never a path
_BLOCK = 1 << 20


class MissingMedia(LookupError):
    """A key the store does not hold (a wrong key, or a folder that is not the one shared)."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def content_key(path: Path, known: dict[tuple[str, int, int], str]) -> str:
    """`path`'s key, remembered in `known` by path, size and modification time: a 500 MB upload is
    hashed once, not at every export of it."""
    stat = path.stat()
    seen = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if seen not in known:
        known[seen] = check_key(file_sha256(path) + path.suffix.lower()[:9])
    return known[seen]


def check_key(key: str) -> str:
    if not _KEY.match(key):
        raise MissingMedia(f"not a media key: {key!r}")
    return key


class Store(Protocol):
    """What the coordinator and the workers need of a store: a folder (`MediaStore`) or S3 (`S3Store`)."""

    def put(self, path: Path, *, owned: bool = False) -> str: ...

    def get(self, key: str) -> Path:
        """A local file with the content of `key`; `MissingMedia` when the store does not hold it."""
        ...

    def delete(self, key: str) -> None: ...


#: The render store's folder inside a team's shared media folder (`--media DIR` of the API nodes and
#: of the workers alike); an `s3://bucket/prefix` names the store itself.
STORE_FOLDER = "render-store"


def store_location(media: str | Path) -> str:
    """Where the render store of the media folder (or S3 prefix) `media` is."""
    where = str(media)
    return where if where.startswith("s3://") else str(Path(where) / STORE_FOLDER)


def open_store(where: str, local: Path) -> Store:
    """`s3://bucket/prefix` (files are downloaded under `local`) or a folder."""
    if where.startswith("s3://"):
        from .s3_store import S3Store  # boto3: only for a store on S3

        return S3Store(where, local)
    return MediaStore(where)


class MediaStore:
    """The shared folder (`--media DIR`): `put(path)` → key, `get(key)` → the stored file."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self._known: dict[tuple[str, int, int], str] = {}

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)[:2] / key

    def put(self, path: Path, *, owned: bool = False) -> str:
        """Store `path`; `owned`: the caller's own file that nobody changes (hard-linked when it can)."""
        key = content_key(path, self._known)
        dest = self._path(key)
        if not dest.is_file():
            dest.parent.mkdir(parents=True, exist_ok=True)
            _copy_into(path, dest, link=owned)
        return key

    def get(self, key: str) -> Path:
        path = self._path(key)
        if not path.is_file():
            raise MissingMedia(
                f"media {key} is not in the store at {self.root} (is --media the shared folder?)"
            )
        return path

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


class LocalCache:
    """A worker's own copies of stored files, by key (checked against their SHA-256 when copied)."""

    def __init__(self, store: Store, root: Path | str) -> None:
        self.store = store
        self.root = Path(root)

    def fetch(self, key: str) -> Path:
        dest = self.root / check_key(key)
        if dest.is_file():
            return dest
        source = self.store.get(key)
        self.root.mkdir(parents=True, exist_ok=True)
        _copy_into(source, dest, link=True)
        if file_sha256(dest) != key.split(".")[0]:
            dest.unlink(missing_ok=True)
            raise MissingMedia(f"media {key} in the store does not match its key")
        return dest


def _copy_into(source: Path, dest: Path, *, link: bool = False) -> None:
    """Copy `source` to `dest` through a temporary name. `link` hard-links it instead when both are on
    one disk: only for the store's own files, which never change (a caller's file might)."""
    part = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        try:
            if not link:
                raise OSError
            os.link(source, part)
        except OSError:
            shutil.copyfile(source, part)
        part.replace(dest)
    finally:
        part.unlink(missing_ok=True)
