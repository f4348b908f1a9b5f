"""The real-model path: the engine on loopback with NEMO_AGENT_MODEL=litellm/openai/standin, LiteLLM as
the real client, and an OpenAI-compatible stand-in server (`openai_standin.py`) playing the model.

Each test scripts what the model answers (tool calls, two of them in one response, final text) and
checks what a person would see: the saved draft, the credits, the CLI's output and exit code.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from httpx_sse import connect_sse

from nemo_tui.engine.agent.model_seam import resolve_model
from nemo_tui.engine.hosting.local_engine import LocalEngine
from tests.engine.helpers import TEST_ENV, Turn, _collect, account, credits, new_session, run_body, state

from .openai_standin import Reply, StandIn, calls, text

SECRET = "sk-standin-secret-0123456789"
SCRIPT = "Fresh bread every morning. We bake sourdough at dawn."


def _model_env(base: str) -> dict[str, str]:
    return {
        **TEST_ENV,
        "NEMO_AGENT_MODEL": "litellm/openai/standin",
        "OPENAI_API_BASE": base,
        "OPENAI_API_KEY": SECRET,
    }


@pytest.fixture(scope="module")
def model() -> Iterator[StandIn]:
    with StandIn() as running:
        yield running


@pytest.fixture(scope="module")
def engine(model: StandIn, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalEngine]:
    with LocalEngine(tmp_path_factory.mktemp("llm-engine"), env=_model_env(model.base)) as running:
        yield running


@pytest.fixture(scope="module")
def poor_engine(model: StandIn, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalEngine]:
    """New accounts get 30 credits: enough for a first cut (20) and little else."""
    env = {**_model_env(model.base), "NEMO_ENGINE_INITIAL_CREDITS": "30"}
    with LocalEngine(tmp_path_factory.mktemp("llm-poor"), env=env) as running:
        yield running


def turn(api: httpx.Client, session_id: str, words: str, *, streaming: bool = False) -> Turn:
    """One /run_sse turn; `streaming` makes the engine ask the model for SSE chunks too."""
    body = {**run_body(session_id, words), "streaming": streaming}
    with connect_sse(api, "POST", "/run_sse", json=body) as source:
        out = Turn(source.response.status_code)
        if source.response.status_code != 200:
            source.response.read()
            out.body = source.response.json()
            return out
        for sse in source.iter_sse():
            _collect(out, sse)
    return out


def generated(model: StandIn, api: httpx.Client, **args: Any) -> str:
    """A new session with a first cut (plain scenes with captions, 4 s): 20 credits."""
    session_id = new_session(api)
    model.play(
        calls(("generate_video", {"script": SCRIPT, "duration_s": 4, "background": "plain", **args})),
        calls(("finish_video", {})),
        text("Here is your video."),
    )
    done = turn(api, session_id, "make a video")
    assert called(done) == ["generate_video", "finish_video"] and not done.errors
    return session_id


def called(done: Turn) -> list[str]:
    """The tools called, once each (with streaming, partial events show the calls too)."""
    final = [e for e in done.events if not e.get("partial")]
    parts = [p for e in final for p in (e.get("content") or {}).get("parts", [])]
    return [p["functionCall"]["name"] for p in parts if "functionCall" in p]


def roles(draft: dict[str, Any]) -> list[str]:
    return [track.get("m", {}).get("role", "") for track in draft["t"]]


def results(model: StandIn) -> list[dict[str, Any]]:
    return [json.loads(r) for r in model.tool_results()]


@pytest.mark.parametrize("streaming", [False, True], ids=["json", "sse"])
def test_two_parallel_calls_both_land_and_both_are_charged(engine, model, streaming):
    api = account(engine.url)
    session_id = generated(model, api)
    model.play(calls(("add_music", {"mood": "calm"}), ("add_voiceover", {})), text("Added both."))
    done = turn(api, session_id, "add calm music and a voice-over", streaming=streaming)
    assert called(done) == ["add_music", "add_voiceover"] and not done.errors
    assert [r["ok"] for r in results(model)[-2:]] == [True, True]
    draft = state(api, session_id)["draft"]
    assert "voice" in roles(draft) and "bgm" in roles(draft)
    music = next(t for t in draft["t"] if t.get("m", {}).get("role") == "bgm")
    assert "calm" in json.dumps(music)  # the music of this turn, not the first cut's lo-fi
    assert credits(api)["available"] == 100 - 20 - 5 - 10
    assert "Added both." in done.texts


def test_a_turn_costs_what_its_tools_did(engine, model):
    api = account(engine.url)
    model.play(
        calls(("generate_video", {"script": SCRIPT, "duration_s": 4, "background": "plain"})),
        calls(("finish_video", {})),
        calls(("add_voiceover", {})),
        calls(("add_caption", {"text": "Open daily", "start_s": 1, "duration_s": 2})),
        text("Done: video, voice-over and a caption."),
    )
    done = turn(api, new_session(api), "make a narrated video with a caption 'Open daily'")
    assert called(done) == ["generate_video", "finish_video", "add_voiceover", "add_caption"]
    assert all(r["ok"] for r in results(model))
    assert credits(api) == {"available": 100 - 35, "frozen": 0, "total": 65}


def test_cheap_and_free_turns_run_on_few_credits_and_a_dear_tool_is_refused(poor_engine, model):
    api = account(poor_engine.url)
    session_id = generated(model, api)  # 30 - 20 = 10 left
    model.play(calls(("edit_text", {"which": "title", "color": "red"})), text("The title is red."))
    assert turn(api, session_id, "make the title red").status == 200
    assert credits(api)["available"] == 5
    model.play(calls(("undo", {})), text("Undone."))
    undone = turn(api, session_id, "undo")  # F8 in the TUI
    assert undone.status == 200 and results(model)[-1]["ok"] is True
    assert credits(api)["available"] == 5  # undo is free; the red title stays paid for

    model.play(calls(("add_voiceover", {})), text("I could not: not enough credits."))
    refused = turn(api, session_id, "add a voice-over")
    assert refused.status == 200 and not refused.errors
    answer = results(model)[-1]
    assert answer["ok"] is False and answer["code"] == "no_credits"
    assert "costs 10" in answer["message"] and "5 are left" in answer["message"]
    assert "voice" not in roles(state(api, session_id)["draft"])
    assert credits(api) == {"available": 5, "frozen": 0, "total": 5}


def test_an_argument_of_the_wrong_type_is_a_refusal_the_model_corrects(engine, model):
    api = account(engine.url)
    session_id = generated(model, api)
    model.play(
        calls(("set_length", {"seconds": "twenty seconds"})),
        calls(("set_length", {"seconds": "6"})),
        text("It is 6 seconds long now."),
    )
    done = turn(api, session_id, "make it six seconds")
    assert called(done) == ["set_length", "set_length"] and not done.errors
    wrong, right = results(model)[-2:]
    assert wrong["ok"] is False and wrong["code"] == "wrong_argument_type"
    assert "seconds" in wrong["message"] and "a number" in wrong["message"]
    assert right["ok"] is True
    assert credits(api)["available"] == 100 - 20 - 5  # the refused call is free


def test_the_engine_never_warms_up_a_real_model_nor_fetches_prices(model, tmp_path):
    model.play()
    with LocalEngine(tmp_path, env=_model_env(model.base)) as fresh:
        time.sleep(0.5)  # a warm-up would have reached the model by now (the planner's takes ms)
        assert model.requests == []
        generated(model, account(fresh.url))
        # LiteLLM reads its own copy of the price list instead of retrying GitHub for seconds.
        assert "cost map" not in fresh.stderr_tail(60)


def _cli(engine: LocalEngine, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NEMO_API_URL": engine.url,
        "NEMO_CONFIG_DIR": str(home / "config"),
        "NEMO_DATA_DIR": str(home / "data"),
    }
    command = [sys.executable, "-m", "nemo_tui.cli", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)


def test_the_cli_generates_exports_and_edits_through_the_model(engine, model, tmp_path):
    script = tmp_path / "bread.txt"
    script.write_text(SCRIPT)
    model.play(
        calls(("generate_video", {"script": SCRIPT, "duration_s": 3, "aspect_ratio": "1:1"})),
        calls(("finish_video", {"title": "Fresh bread"})),
        text("Here is your video."),
    )
    out = tmp_path / "bread.mp4"
    made = _cli(engine, tmp_path, "generate", str(script), "-o", str(out), "--aspect", "1:1", "--duration=3")
    assert made.returncode == 0, made.stderr
    offered = {tool["function"]["name"] for tool in model.requests[0]["tools"]}
    assert {"generate_video", "edit_text", "undo"} <= offered  # LiteLLM sent ADK's declarations
    assert out.stat().st_size > 1000

    model.play(calls(("edit_text", {"which": "title", "color": "red"})), text("The title is red now."))
    edited = _cli(engine, tmp_path, "run", "make the title red", "--json")
    assert edited.returncode == 0, edited.stderr
    result = json.loads(edited.stdout)
    assert result["replies"] == ["The title is red now."]
    assert results(model)[-1]["ok"] is True  # edit_text changed the title
    assert result["credits"]["available"] == 100 - 20 - 5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("how", ["500", "401", "down"])
def test_a_model_failure_is_reported_once_with_advice_and_exit_5(engine, model, tmp_path, how):
    if how == "down":  # nothing listens where OPENAI_API_BASE points
        env = _model_env(f"http://127.0.0.1:{_free_port()}/v1")
        failing = LocalEngine(tmp_path / "engine", env=env)
    else:
        model.play(*[Reply(status=int(how))] * 6)
        failing = engine
    with failing if how == "down" else contextlib.nullcontext():
        done = _cli(failing, tmp_path, "run", "make the title red")
    assert done.returncode == 5, done.stderr
    assert done.stderr.count("error:") == 1
    assert "model server" in done.stderr.lower()
    assert "NEMO_AGENT_MODEL" in done.stderr and "OPENAI_API_BASE" in done.stderr
    assert SECRET not in done.stdout + done.stderr + failing.stderr_tail(60)


def test_the_engine_sends_one_error_frame_for_a_model_failure(engine, model):
    api = account(engine.url)
    session_id = new_session(api)
    model.play(*[Reply(status=500)] * 6)
    failed = turn(api, session_id, "make a video")
    assert failed.status == 200 and len(failed.errors) == 1
    assert failed.errors[0]["errorCode"] == "MODEL_UNAVAILABLE"
    assert "OPENAI_API_BASE" in failed.errors[0]["errorMessage"]
    assert credits(api)["available"] == 100


def test_a_litellm_model_without_the_llm_extra_is_refused_at_start(monkeypatch):
    real = importlib.util.find_spec

    def absent(name: str, *args: Any) -> Any:  # as if mcp were not installed
        return None if name == "mcp" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", absent)
    with pytest.raises(RuntimeError, match=r"needs mcp .*nemo-tui\[llm\]"):
        resolve_model("litellm/openai/standin")
