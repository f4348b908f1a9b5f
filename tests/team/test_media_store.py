"""The shared store and a worker's cache, on real files; the team package without Celery."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from nemo_tui.engine.team.media_store import LocalCache, MediaStore, MissingMedia, file_sha256


def test_a_file_is_stored_once_under_its_content(tmp_path: Path) -> None:
    store = MediaStore(tmp_path / "store")
    a, b = tmp_path / "a.MP4", tmp_path / "b.mp4"
    a.write_bytes(b"x" * 5000)
    b.write_bytes(b"x" * 5000)
    key = store.put(a)
    assert key == file_sha256(a) + ".mp4" and store.put(b) == key
    assert [p.name for p in (tmp_path / "store").rglob("*") if p.is_file()] == [key]
    assert store.get(key).read_bytes() == a.read_bytes()
    a.write_bytes(b"changed")  # a copy, not a link to the caller's file
    assert store.get(key).read_bytes() == b"x" * 5000
    store.delete(key)
    with pytest.raises(MissingMedia, match="is not in the store"):
        store.get(key)


@pytest.mark.parametrize("key", ["../../etc/passwd", "abc.mp4", "0" * 64 + "/x", "0" * 64 + ".toolongext"])
def test_a_key_is_never_a_path(tmp_path: Path, key: str) -> None:
    with pytest.raises(MissingMedia, match="not a media key"):
        MediaStore(tmp_path).get(key)


def test_the_cache_copies_once_and_refuses_a_file_that_does_not_match(tmp_path: Path) -> None:
    store = MediaStore(tmp_path / "store")
    src = tmp_path / "clip.wav"
    src.write_bytes(b"RIFF" + b"\0" * 100)
    key = store.put(src)
    cache = LocalCache(store, tmp_path / "cache")
    copy = cache.fetch(key)
    assert copy.parent == tmp_path / "cache" and copy.read_bytes() == src.read_bytes()
    store.delete(key)
    assert cache.fetch(key) == copy  # cached: the store is not read again
    bad = tmp_path / "other.wav"
    bad.write_bytes(b"other")
    other = store.put(bad)
    store.get(other).unlink()
    (tmp_path / "store" / other[:2] / other).write_bytes(b"tampered")
    with pytest.raises(MissingMedia, match="does not match"):
        cache.fetch(other)
    assert not (tmp_path / "cache" / other).exists()


def test_the_team_package_imports_without_celery() -> None:
    code = (
        "import sys; sys.modules['celery'] = None; sys.modules['redis'] = None\n"
        "import nemo_tui.engine.render, nemo_tui.engine.team.distributed, nemo_tui.engine.team.tasks\n"
        "from nemo_tui.engine.team.worker_cli import main\n"
        "sys.exit(main(['--queue', 'redis://127.0.0.1:1/0', '--media', sys.argv[1]]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, "/tmp/nemo-no-celery"], capture_output=True, text=True)
    assert done.returncode == 2 and "pip install 'nemo-tui[team]'" in done.stderr, done.stderr
