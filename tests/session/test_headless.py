"""The headless commands in-process against the live engine: what they print and their exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nemo_tui import headless
from nemo_tui.core.backend import backend_key
from nemo_tui.core.history import HISTORY_FILE, History
from nemo_tui.core.settings import Settings
from nemo_tui.engine.hosting.local_engine import LocalEngine

from .faults import Faults, answer, sse_frames

GENERATE = "generate a 4-second promo video from this text script: Fresh coffee. Every day."
SUBMIT = "/api/render/proxy/lambda"


@pytest.fixture
def settings(engine: LocalEngine, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("NEMO_API_URL", engine.url)
    return Settings.from_env()


def _json(out: str) -> dict:
    return json.loads(out)  # exactly one object, nothing else on stdout


async def test_unwritable_export_is_refused_before_anything_runs(settings: Settings, capsys) -> None:
    code = await headless.run(settings, "export", [], Path("/proc/x.mp4"), None, True)
    out, err = capsys.readouterr()
    result = _json(out)
    assert code == 2 and result["exit_code"] == 2 and result["ok"] is False
    assert result["errors"][0]["kind"] == "BadInput" and "/proc" in result["errors"][0]["message"]
    assert err.count("error:") == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    "fault",
    [
        ("POST", SUBMIT, {"success": False, "error": "boom"}),
        ("GET", SUBMIT + "/.+", {"status": "failed", "error": "boom"}),
    ],
    ids=["success-false", "status-failed"],
)
async def test_a_failed_render_is_retried_then_exits_6(
    settings: Settings, tmp_path: Path, capsys, fault: tuple[str, str, dict]
) -> None:
    method, path, body = fault
    faults = Faults()
    faults.overrides[(method, path)] = answer(body)
    code = await headless.run(
        settings, GENERATE, [], tmp_path / "x.mp4", None, True, client_factory=faults.client_factory
    )
    result = _json(capsys.readouterr().out)
    assert code == 6 and not result["ok"] and result["errors"][-1]["kind"] == "RenderFailed", result
    ids = [json.loads(r.content)["id"] for r in faults.calls("POST", SUBMIT)]
    assert len(ids) == 2 and ids[0] != ids[1], ids
    assert not (tmp_path / "x.mp4").exists()


async def test_run_prints_only_what_it_produced(settings: Settings, capsys) -> None:
    title = "add title '{}' for the first 2 seconds"
    assert await headless.run(settings, title.format("First"), [], None, None, True) == 0
    first = _json(capsys.readouterr().out)
    assert first["replies"]
    assert await headless.run(settings, title.format("Second"), [], None, None, False) == 0
    out = capsys.readouterr().out
    assert await headless.run(settings, "status", [], None, None, True) == 0
    third = _json(capsys.readouterr().out)
    assert third["session_id"] == first["session_id"], "the same session each time"
    assert "Second" in out and not any(reply in out for reply in first["replies"])
    assert len(third["replies"]) == 1 and third["replies"][0].startswith("Timeline (")


async def test_a_reply_is_printed_with_what_it_cost(settings: Settings, capsys) -> None:
    assert (
        await headless.run(settings, "add title 'Paid' for the first 2 seconds", [], None, None, False) == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert "Title" in lines[-2] and re.fullmatch(r"· \d+ credits · \d+ left", lines[-1]), lines
    assert await headless.run(settings, "help", [], None, None, True) == 0
    result = _json(capsys.readouterr().out)
    assert result["costs"] == [f"Free · {result['credits']['available']} left"], result


async def test_a_2001_frame_exits_4_with_the_registration_link(settings: Settings, capsys) -> None:
    faults = Faults()
    faults.overrides[("POST", "/run_sse")] = sse_frames({"errorCode": "2001", "errorMessage": "No credits."})
    code = await headless.run(
        settings, "add title 'Paid' for 2 seconds", [], None, None, True, client_factory=faults.client_factory
    )
    result = _json(capsys.readouterr().out)
    assert code == 4 and result["errors"][-1]["kind"] == "InsufficientCredits"
    assert "register?bind=" in result["errors"][-1]["action"]


async def test_an_unknown_session_is_bad_input(settings: Settings, capsys) -> None:
    code = await headless.run(settings, "status", [], None, "nope", True)
    out, err = capsys.readouterr()
    result = _json(out)
    assert code == 2 and result["errors"][0]["kind"] == "BadInput" and "nope" in err
    assert err.count("error:") == 1


async def test_upload_without_a_file_says_so(settings: Settings, capsys) -> None:
    assert await headless.run(settings, "上传", [], None, None, False) == 2
    assert "Which file?" in capsys.readouterr().err


async def test_empty_credits_answer_is_unknown(settings: Settings, capsys) -> None:
    faults = Faults()
    faults.overrides[("GET", "/api/credits/balance/simple")] = answer({"code": 0, "data": {}})
    code = await headless.info(settings, "credits", None, False, client_factory=faults.client_factory)
    out, err = capsys.readouterr()
    assert code == 0 and "unknown" in out and "Traceback" not in err


async def test_sessions_are_listed_without_the_backend(capsys, data_dir: Path) -> None:
    offline = Settings.from_env().with_api_url("http://127.0.0.1:9")
    history = History(data_dir / HISTORY_FILE, backend_key(offline.api_url))
    history.remember_session("s1", "t1", "a title")
    history.close()
    assert await headless.info(offline, "sessions", None, True) == 0
    assert [s["session_id"] for s in json.loads(capsys.readouterr().out)] == ["s1"]
