"""An engine.db made by the first schema (render ids unique engine-wide) is migrated, keeping its data."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import httpx

from nemo_tui.engine.hosting.local_engine import LocalEngine
from nemo_tui.engine.storage.schema import VERSION
from nemo_tui.engine.storage.store import DuplicateId, Store, hash_token

from .helpers import TEST_ENV, account, chat, client, export, new_session, small_canvas, state

# The tables this migration touches, exactly as the first schema made them (`renders` keyed by id alone).
SCHEMA_V0 = """
CREATE TABLE accounts (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, client_id TEXT UNIQUE, created_at REAL NOT NULL,
  available INTEGER NOT NULL, frozen INTEGER NOT NULL DEFAULT 0, spent INTEGER NOT NULL DEFAULT 0);
CREATE TABLE tokens (
  hash TEXT PRIMARY KEY, kind TEXT NOT NULL, account_id TEXT NOT NULL REFERENCES accounts(id),
  created_at REAL NOT NULL, expires_at REAL NOT NULL, revoked INTEGER NOT NULL DEFAULT 0,
  task_id TEXT, session_id TEXT);
CREATE INDEX tokens_account ON tokens(account_id, kind);
CREATE TABLE tasks (
  session_id TEXT PRIMARY KEY, task_id TEXT UNIQUE NOT NULL, account_id TEXT NOT NULL,
  name TEXT NOT NULL, language TEXT NOT NULL, created_at REAL NOT NULL);
CREATE TABLE renders (
  id TEXT PRIMARY KEY, account_id TEXT NOT NULL, session_id TEXT NOT NULL, status TEXT NOT NULL,
  progress REAL NOT NULL DEFAULT 0, error TEXT, draft TEXT NOT NULL, options TEXT NOT NULL,
  output_key TEXT, duration_ms INTEGER, size INTEGER, created_at REAL NOT NULL, started_at REAL,
  finished_at REAL);
CREATE INDEX renders_status ON renders(status);
"""
TOKEN = "nmv_usr_" + "m" * 43
VIDEO = b"\x00\x00\x00\x18ftypmp42 not really a video, but the bytes must come back unchanged"


def _old_database(data_dir: Path) -> None:
    """Alice's account, token, session and finished render, as the first schema stored them."""
    (data_dir / "files" / "renders" / "anon_alice").mkdir(parents=True)
    (data_dir / "files" / "renders" / "anon_alice" / "render_old.mp4").write_bytes(VIDEO)
    now = time.time()
    db = sqlite3.connect(data_dir / "engine.db")
    db.executescript(SCHEMA_V0)
    db.execute("INSERT INTO accounts VALUES ('anon_alice','anonymous','client-alice',?,70,0,30)", (now,))
    db.execute(
        "INSERT INTO tokens (hash, kind, account_id, created_at, expires_at) VALUES (?,?,?,?,?)",
        (hash_token(TOKEN), "user", "anon_alice", now, now + 3600),
    )
    db.execute("INSERT INTO tasks VALUES ('1000000000000000001','task_a','anon_alice','p','en',?)", (now,))
    db.execute(
        "INSERT INTO renders VALUES ('render_old','anon_alice','1000000000000000001','completed',100,NULL,"
        "'{}','{}','renders/anon_alice/render_old.mp4',2000,?,?,?,?)",
        (len(VIDEO), now, now, now),
    )
    db.commit()
    db.close()


def test_the_store_migrates_an_old_file_once_and_keeps_its_rows(tmp_path):
    _old_database(tmp_path)

    async def scenario():
        store = Store(tmp_path / "engine.db")
        await store.open()
        old = await store.render("render_old", "anon_alice")
        other = await store.create_render("render_old", "anon_bob", "s_bob", "{}", "{}")
        try:
            await store.create_render("render_old", "anon_alice", "s", "{}", "{}")
            duplicate_refused = False
        except DuplicateId:
            duplicate_refused = True
        await store.close()
        again = Store(tmp_path / "engine.db")  # a second open finds nothing left to do
        await again.open()
        mine, his = (
            await again.render("render_old", "anon_alice"),
            await again.render("render_old", "anon_bob"),
        )
        await again.close()
        return old, other, duplicate_refused, mine, his

    old, other, duplicate_refused, mine, his = asyncio.run(scenario())
    assert old is not None and old.status == "completed" and old.size == len(VIDEO)
    assert old.output_key == "renders/anon_alice/render_old.mp4" and old.duration_ms == 2000
    assert other.account_id == "anon_bob" and other.status == "pending"
    assert duplicate_refused
    assert mine == old and his is not None and his.session_id == "s_bob"
    db = sqlite3.connect(tmp_path / "engine.db")
    assert db.execute("SELECT version FROM schema_version").fetchall() == [(VERSION,)]
    for table in ("holds", "renders"):  # version 2: an owner and a heartbeat
        columns = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
        assert {"owner", "heartbeat_at"} <= columns
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table','index')")}
    assert "renders_v0" not in tables and "renders_status" in tables
    assert db.execute("SELECT available, spent FROM accounts").fetchall() == [(70, 30)]
    db.close()


def test_the_engine_starts_on_an_old_database_and_serves_the_old_render(tmp_path):
    data = tmp_path / "engine"
    data.mkdir()
    _old_database(data)
    with LocalEngine(data, env=TEST_ENV) as engine:
        alice = client(engine.url, TOKEN)
        job = alice.get("/api/render/proxy/lambda/render_old").json()
        assert job["status"] == "completed" and job["sessionId"] == "1000000000000000001", job
        assert alice.get("/api/render/proxy/render_old/download").content == VIDEO
        assert alice.get("/api/credits/balance/simple").json()["data"]["available"] == 70
        # Another account asking for the same id gets its own 404, not hers; then may use the id too.
        bob = account(engine.url)
        assert bob.get("/api/render/proxy/lambda/render_old").status_code == 404
        assert bob.get("/api/render/proxy/render_old/download").status_code == 404
        assert httpx.get(f"{engine.url}/api/render/proxy/render_old/download").status_code == 401
        sid = new_session(bob)
        assert chat(bob, sid, "generate a 2-second video from this script: Bob.").status == 200
        assert export(bob, sid, small_canvas(state(bob, sid)["draft"]), "render_old")["status"] == "pending"
        assert alice.get("/api/render/proxy/render_old/download").content == VIDEO
