"""Local top-up: `nemo-tui topup N` adds credits through the data directory, never over HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from nemo_tui import cli
from nemo_tui.engine.hosting.local_engine import LocalEngine
from nemo_tui.engine.routes import all_routers

from .helpers import TEST_ENV, account, chat, client, credits, new_session, new_token, run_body


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """An engine where the workspace would start it (NEMO_DATA_DIR/engine); 20 credits a new account."""
    data = tmp_path_factory.mktemp("topup") / "data"
    with LocalEngine(data / "engine", env={**TEST_ENV, "NEMO_ENGINE_INITIAL_CREDITS": "20"}) as running:
        yield running


@pytest.fixture
def local(engine, tmp_path, monkeypatch):
    """A fresh account on that engine, made by this machine's client id, which the CLI finds too."""
    env = {
        "NEMO_DATA_DIR": str(engine.data_dir.parent),
        "NEMO_CONFIG_DIR": str(tmp_path / "config"),
        "NEMO_CLIENT_ID": str(uuid.uuid4()),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("NEMO_API_URL", raising=False)
    token, _ = new_token(engine.url, env["NEMO_CLIENT_ID"])
    return engine, client(engine.url, token), token, env


def nemo(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nemo_tui.cli", *args],
        env={**os.environ, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_out_of_credits_names_the_command_and_topup_fixes_it(local, tmp_path):
    engine, api, token, env = local
    sid = new_session(api)
    assert chat(api, sid, "generate a video from this script: One. Two.").status == 200
    assert credits(api)["available"] == 0
    refused = chat(api, sid, "make it square")
    assert refused.status == 402 and refused.body["code"] == 2001
    message = refused.body["message"]
    assert "`nemo-tui topup 100`" in message and "register" not in message.lower(), message
    assert refused.body["top_up"] == "nemo-tui topup 100"  # for the client's advice
    assert (refused.body["needed"], refused.body["available"]) == (5, 0)  # the price, the balance

    done = nemo(["topup", "25"], env, tmp_path)  # the real entry point, default data directory
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Added 25 credits on the local engine: 25 available, 0 frozen, 25 total."
    for secret in (token, env["NEMO_CLIENT_ID"]):
        assert secret not in done.stdout + done.stderr
    assert credits(api) == {"available": 25, "frozen": 0, "total": 25}  # the running engine sees it
    assert chat(api, sid, "make it square").status == 200  # 5 credits
    assert credits(api)["available"] == 20


def test_topup_json_and_an_explicit_data_dir(local, capsys):
    engine, api, _, env = local
    code = cli.main(["topup", "7", "--json", "--data-dir", str(engine.data_dir)])
    out = capsys.readouterr()
    assert code == 0 and json.loads(out.out) == {"added": 7, "available": 27, "frozen": 0, "total": 27}
    assert env["NEMO_CLIENT_ID"] not in out.out + out.err


def test_every_topup_is_recorded(local):
    """An audit trail: each top-up is a row (amount, balance after, time), written with the credits."""
    import asyncio
    import time

    from nemo_tui.engine.hosting.config import EngineConfig
    from nemo_tui.engine.storage.store import Store

    engine, api, _, env = local
    before = time.time()
    for amount in ("3", "4"):
        assert cli.main(["topup", amount, "--data-dir", str(engine.data_dir)]) == 0

    async def read() -> list[tuple[int, int, float]]:
        store = Store(EngineConfig(data_dir=engine.data_dir).db_path)
        await store.open()
        try:
            account = await store.account_for_client(env["NEMO_CLIENT_ID"])
            assert account is not None
            return await store.top_ups(account.id)
        finally:
            await store.close()

    rows = asyncio.run(read())
    assert [(amount, after) for amount, after, _ in rows] == [(3, 23), (4, 27)]
    assert all(before - 1 <= at <= time.time() + 1 for _, _, at in rows)
    assert credits(api)["available"] == 27


BAD_AMOUNTS = [
    ("0", "at least 1"),
    ("-5", "not a positive whole number"),
    ("abc", "not a positive whole number"),
    ("2.5", "not a positive whole number"),
    ("1e3", "not a positive whole number"),
    ("1,5", "not a positive whole number"),
    ("", "not a positive whole number"),
    ("1000001", "too many"),
    ("99999999999999999999999", "too many"),
]


def test_bad_amounts_exit_2_and_add_nothing(local, capsys):
    _, api, _, _ = local
    for amount, says in BAD_AMOUNTS:
        with pytest.raises(SystemExit) as exited:
            cli.main(["topup", amount])
        err = capsys.readouterr().err
        assert exited.value.code == 2 and says in err and "usage: nemo-tui topup" in err, (amount, err)
    assert credits(api)["available"] == 20


def test_refusals_say_what_to_do(local, tmp_path, monkeypatch, capsys):
    _, api, _, _ = local
    assert cli.main(["topup", "5", "--data-dir", str(tmp_path / "nowhere")]) == 1
    assert "No local engine data" in capsys.readouterr().err
    assert not (tmp_path / "nowhere").exists()  # nothing made on the way
    monkeypatch.setenv("NEMO_CLIENT_ID", str(uuid.uuid4()))  # a machine that never used the engine
    assert cli.main(["topup", "5"]) == 1
    assert "no account on the local engine" in capsys.readouterr().err
    monkeypatch.delenv("NEMO_CLIENT_ID")  # and no saved client id either
    assert cli.main(["topup", "5"]) == 1
    assert "no client id yet" in capsys.readouterr().err
    assert credits(api)["available"] == 20


def test_no_http_route_adds_credits(local):
    engine, api, _, _ = local
    for path in ("/api/credits/balance/simple", "/api/credits/topup", "/api/credits/add", "/api/topup"):
        for method in ("POST", "PUT", "PATCH"):
            r = api.request(method, path, json={"amount": 1000, "credits": 1000})
            assert r.status_code in (404, 405), (method, path, r.status_code)
    assert credits(api)["available"] == 20
    # And none exists to find: the routes that change anything are these, none of them about credits.
    # A new one fails this on purpose: whoever adds it says here why it cannot mint credits.
    writes = {
        (method, route.path)
        for router in all_routers()
        for route in router.routes
        for method in getattr(route, "methods", ())
        if method not in ("GET", "HEAD")
    }
    assert writes == {
        ("POST", "/api/auth/anonymous-token"),  # a new account's initial credits, limited per address
        ("POST", "/api/auth/claim-token"),
        ("POST", "/api/tasks/{user}/with-session/{app}"),
        ("POST", "/run_sse"),  # spends credits
        ("POST", "/run"),  # spends credits
        ("POST", "/api/upload-video/{app}/{user}/{session_id}"),
        ("POST", "/api/render/proxy/lambda"),
        ("POST", "/api/render/proxy/lambda/{render_id}/cancel"),
        ("POST", "/api/preview/{session_id}"),  # a free look-ahead render into the engine's cache
        ("POST", "/apps/{app}/users/{user}/sessions"),
        ("POST", "/apps/{app}/users/{user}/sessions/{session_id}"),  # an empty session, as the above
    }


def price_of(api, sid: str, text: str) -> dict[str, str]:
    """The price headers of one turn's answer, the stream read to its end (the hold is then settled)."""
    with api.stream("POST", "/run_sse", json=run_body(sid, text)) as response:
        assert response.status_code == 200
        response.read()
        return {k: v for k, v in response.headers.items() if k.startswith("x-nemo-")}


def test_a_turn_names_its_price_and_the_balance_says_what_it_charged(engine):
    api, other = account(engine.url), account(engine.url)
    sid = new_session(api)
    assert price_of(api, sid, "help") == {"x-nemo-turn-price": "0"}  # free: nothing frozen, no hold
    price = price_of(api, sid, "add title 'Paid' for the first 2 seconds")
    hold = price["x-nemo-credit-hold"]
    frozen = int(price["x-nemo-turn-price"])
    answer = api.get("/api/credits/balance/simple", params={"hold": hold}).json()["data"]
    assert answer["hold"] == {
        "id": hold,
        "frozen": frozen,
        "charged": 20 - answer["available"],
        "settled": True,
    }
    assert 0 < answer["hold"]["charged"] <= frozen
    assert "hold" not in other.get("/api/credits/balance/simple", params={"hold": hold}).json()["data"]
