"""The headless CLI run as a subprocess, as a person or a script would: exit codes and --json output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import av
import pytest

from nemo_tui.engine.hosting.local_engine import LocalEngine

from .conftest import write_script


def nemo(
    args: list[str], env_extra: dict[str, str], cwd: Path, timeout: float = 240
) -> subprocess.CompletedProcess:
    env = {**os.environ, **env_extra}
    return subprocess.run(
        [sys.executable, "-m", "nemo_tui.cli", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def remote(engine: LocalEngine) -> dict[str, str]:
    return {"NEMO_API_URL": engine.url}


def test_run_json_with_export(remote: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "clip.mp4"
    done = nemo(
        [
            "run",
            "generate a 4-second promo video from this text script: Fresh coffee. Every day.",
            "--export",
            str(out),
            "--json",
        ],
        remote,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["ok"] and result["export"]["path"] == str(out)
    assert result["timeline"].startswith("Timeline (") and result["tracks"]
    assert result["credits"]["available"] < 100
    with av.open(str(out)) as container:
        assert container.streams.video[0].codec_context.name == "h264"
    assert "nmv_usr_" not in done.stdout + done.stderr, "tokens never reach the output"


def test_status_and_sessions_resume_the_last_session(remote: dict[str, str], tmp_path: Path) -> None:
    first = nemo(["run", "add title 'Hello CLI' for the first 2 seconds", "--json"], remote, tmp_path)
    assert first.returncode == 0, first.stderr
    session = json.loads(first.stdout)["session_id"]
    status = nemo(["status", "--json"], remote, tmp_path)
    assert json.loads(status.stdout)["session_id"] == session
    assert "Hello CLI" in json.loads(status.stdout)["timeline"]
    sessions = nemo(["sessions", "--json"], remote, tmp_path)
    assert [s["session_id"] for s in json.loads(sessions.stdout)] == [session]
    credits = nemo(["credits"], remote, tmp_path)
    assert credits.returncode == 0 and credits.stdout.startswith("Credits: ")


def test_generate_is_the_main_job(remote: dict[str, str], tmp_path: Path) -> None:
    script = write_script(tmp_path / "script.txt")
    out = tmp_path / "promo.mp4"
    done = nemo(
        ["generate", str(script), "-o", str(out), "--duration", "6", "--aspect", "9:16"], remote, tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert f"Exported {out}" in done.stdout
    with av.open(str(out)) as container:
        ctx = container.streams.video[0].codec_context
        assert (ctx.width, ctx.height) == (1080, 1920)
        assert float(container.duration) / 1e6 == pytest.approx(6, abs=0.6)


def test_bad_input_exit_code(remote: dict[str, str], tmp_path: Path) -> None:
    missing = nemo(["run", "--upload", str(tmp_path / "nope.png")], remote, tmp_path)
    assert missing.returncode == 2 and "No such file" in missing.stderr
    script = tmp_path / "empty.txt"
    script.write_text("  \n")
    empty = nemo(["generate", str(script), "-o", str(tmp_path / "x.mp4")], remote, tmp_path)
    assert empty.returncode == 2 and "empty" in empty.stderr
    bad = tmp_path / "fake.png"
    bad.write_bytes(b"not an image at all" * 10)
    wrong = nemo(["run", "--upload", str(bad), "--json"], remote, tmp_path)
    assert wrong.returncode == 2
    assert json.loads(wrong.stdout)["errors"][0]["kind"] == "UnsupportedFileType"


def test_network_exit_code(tmp_path: Path) -> None:
    done = nemo(["credits"], {"NEMO_API_URL": "http://127.0.0.1:9"}, tmp_path, timeout=60)
    assert done.returncode == 5, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr and done.stderr.startswith("error: ")


def test_empty_export_exit_code(remote: dict[str, str], tmp_path: Path) -> None:
    done = nemo(["run", "--export", str(tmp_path / "x.mp4")], remote, tmp_path)
    # a fresh data dir per test: a new session with nothing in it
    assert done.returncode == 2 and "Nothing to export" in done.stderr


OFFLINE = {"NEMO_API_URL": "http://127.0.0.1:9"}


@pytest.mark.parametrize(
    "args", [["run", "hello", "--json"], ["credits", "--json"], ["status", "--json"]], ids=lambda a: a[0]
)
def test_json_when_the_backend_cannot_be_reached(args: list[str], tmp_path: Path) -> None:
    done = nemo(args, OFFLINE, tmp_path, timeout=60)
    result = json.loads(done.stdout)  # one JSON object, even with no session
    assert done.returncode == 5 and result["ok"] is False and result["exit_code"] == 5
    assert result["errors"][0]["kind"] == "ConnectionFailed"
    assert "http://127.0.0.1:9" in result["errors"][0]["message"], "the message names the URL"
    assert done.stderr.count("error:") == 1, done.stderr


def test_json_for_bad_input_found_before_connecting(tmp_path: Path) -> None:
    done = nemo(["generate", "nope.txt", "-o", "x.mp4", "--json"], OFFLINE, tmp_path, timeout=60)
    result = json.loads(done.stdout)
    assert done.returncode == 2 and result["exit_code"] == 2 and result["errors"][0]["kind"] == "BadInput"
    missing = nemo(["run", "hello", "--upload", "missing.mp4"], OFFLINE, tmp_path, timeout=60)
    assert missing.returncode == 2 and "No such file" in missing.stderr, "checked before connecting"


def test_options_after_the_command(engine: LocalEngine, tmp_path: Path) -> None:
    api = ["--api", engine.url]
    first = nemo(["run", "add title 'Flags' for the first 2 seconds", "--json", *api], {}, tmp_path)
    assert first.returncode == 0, first.stderr
    session = json.loads(first.stdout)["session_id"]
    status = nemo(["status", "--session", session, "--json", *api], {}, tmp_path)
    assert status.returncode == 0 and json.loads(status.stdout)["session_id"] == session
    unknown = nemo(["run", "status", "--session", "nope", *api], {}, tmp_path)
    assert unknown.returncode == 2 and "nope" in unknown.stderr and "Traceback" not in unknown.stderr
