"""Two engines on one data directory: the second does not start (its recovery would settle the first's
credit holds and fail its exports); it says where the first is, and the launcher uses that one."""

from __future__ import annotations

import subprocess
import sys

import httpx

from nemo_tui.engine.hosting.local_engine import LocalEngine

from .helpers import TEST_ENV, account, chat, credits, new_session


def test_a_second_engine_on_the_same_data_uses_the_first(tmp_path):
    data = tmp_path / "engine"
    with LocalEngine(data, env=TEST_ENV) as first:
        api = account(first.url)
        sid = new_session(api)
        slow = chat(api, sid, "!slow 20 title 'Twin' for 2 seconds", stop_after=1)  # a hold is frozen
        assert slow.calls == ["test_wait"] and credits(api)["frozen"] == 5

        cmd = [sys.executable, "-m", "nemo_tui.engine", "--port", "0", "--data-dir", str(data)]
        second = subprocess.run(cmd, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
        assert second.returncode == 3
        assert f"NEMO_ENGINE_IN_USE {first.url}" in second.stdout
        assert "another engine is running on" in second.stderr and "Traceback" not in second.stderr

        with LocalEngine(data, env=TEST_ENV) as launched:  # what a second TUI or kernel does
            assert launched.shared and launched.url == first.url and launched.pid is None
        assert first.running and httpx.get(f"{first.url}/healthz").status_code == 200  # not stopped
        assert credits(api)["frozen"] == 5  # the first engine's hold was left alone

    with LocalEngine(data, env=TEST_ENV) as after:  # the lock went with the first engine
        assert not after.shared and after.running
