import os
import sqlite3
import stat
from pathlib import Path

from nemo_tui.core.history import History


def test_transcript_survives_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    h = History(db, "local")
    h.remember_session("s1", "t1")
    h.add_message("s1", "user", "hello")
    h.add_message("s1", "assistant", "hi")
    # no close(): a killed process loses nothing already written
    other = History(db, "local")
    assert [(m.role, m.text) for m in other.transcript("s1")] == [("user", "hello"), ("assistant", "hi")]
    assert other.last_session().session_id == "s1"


def test_backends_are_kept_apart(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    History(db, "local").remember_session("s1", "t1")
    cloud = History(db, "https://api.example")
    assert cloud.sessions() == []


def test_last_session_is_the_most_recently_used(tmp_path: Path) -> None:
    h = History(tmp_path / "h.sqlite3", "local")
    h.remember_session("a", None)
    h.remember_session("b", None)
    h.touch("a")
    assert [s.session_id for s in h.sessions()][0] == "a"
    h.forget_session("a")
    assert h.last_session().session_id == "b"


def test_title_is_set_once_and_exports_recorded(tmp_path: Path) -> None:
    h = History(tmp_path / "h.sqlite3", "local")
    h.remember_session("a", "t")
    h.set_title("a", "first message")
    h.set_title("a", "second message")
    assert h.sessions()[0].title == "first message"
    h.add_export("a", "render_1", "/tmp/x.mp4", None)
    assert h.exports("a")[0].render_id == "render_1"
    rows = sqlite3.connect(tmp_path / "h.sqlite3").execute("PRAGMA journal_mode").fetchone()
    assert rows[0] == "wal"


def test_the_file_is_private(tmp_path: Path) -> None:
    # It holds session and task ids, like the token cache: owner only, whatever the umask.
    old = os.umask(0o022)
    try:
        h = History(tmp_path / "new" / "h.sqlite3", "local")
        h.remember_session("s1", "t1")
        loose = tmp_path / "loose.sqlite3"
        loose.touch(mode=0o644)
        History(loose, "local").close()
    finally:
        os.umask(old)
    for path in (tmp_path / "new" / "h.sqlite3", tmp_path / "new" / "h.sqlite3-wal", loose):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    h.close()
