"""The real-model path (`NEMO_AGENT_MODEL`): thin, so only its seams are tested here (no network)."""

from __future__ import annotations

import asyncio
import importlib.util

import pytest
from google.adk.tools.function_tool import FunctionTool

from nemo_tui.engine.agent.agent import INSTRUCTION, build_agent
from nemo_tui.engine.agent.model_seam import resolve_model
from nemo_tui.engine.agent.planner import OfflinePlanner
from nemo_tui.engine.agent.tools import PRICES
from nemo_tui.engine.hosting.config import EngineConfig

from .drafts import fresh, music, valid
from .harness import Context


def test_a_model_name_drives_the_same_tools(tools):
    offline = build_agent(tools)
    real = build_agent(tools, model="gemini-2.5-flash")
    assert isinstance(offline.model, OfflinePlanner) and real.model == "gemini-2.5-flash"
    names = [t.__name__ for t in real.tools]
    assert names == [t.__name__ for t in offline.tools] and set(names) <= set(PRICES)
    assert "finish_video" in INSTRUCTION and "undo" in INSTRUCTION


def test_every_tool_declares_a_schema_a_model_can_call(tools):
    for tool in tools.all():
        declaration = FunctionTool(tool)._get_declaration()
        assert declaration.description and len(declaration.description) > 30, tool.__name__
        properties = (declaration.parameters.properties or {}) if declaration.parameters else {}
        assert "tool_context" not in properties, tool.__name__


def test_litellm_models_need_the_package():
    if importlib.util.find_spec("litellm") is None:
        with pytest.raises(RuntimeError, match="pip install litellm"):
            resolve_model("litellm/openai/gpt-4o-mini")
    else:  # pragma: no cover - depends on what is installed
        assert resolve_model("litellm/openai/gpt-4o-mini").model == "openai/gpt-4o-mini"
    assert resolve_model("gemini-2.5-flash") == "gemini-2.5-flash"


def test_tools_take_the_arguments_a_model_would_send(sessions, tools):
    """A model says 40 for 40% and calls tools one by one: the tool layer copes."""
    ctx = Context(fresh(sessions["gen"]), "e-model")
    out = asyncio.run(tools.set_volume(tool_context=ctx, volume=40))  # (35 would change nothing)
    assert out["ok"] and music(ctx.state["draft"])["vol"] == 0.4
    out = asyncio.run(tools.edit_text(tool_context=ctx, which="caption 2", color="#00FF00"))
    assert out["ok"] and valid(ctx.state["draft"])
    out = asyncio.run(tools.remove_clip(tool_context=ctx))
    assert out["ok"] is False and out["ask"] is True and "Which clip" in out["message"]
    out = asyncio.run(tools.set_aspect_ratio(ratio="3:2", tool_context=ctx))
    assert out["ok"] is False and "16:9" in out["message"]


@pytest.mark.parametrize(
    ("env", "model"),
    [
        ({"NEMO_AGENT_MODEL": "gemini-2.5-flash"}, "gemini-2.5-flash"),  # the documented name
        ({"NEMO_ENGINE_MODEL": "litellm/ollama_chat/qwen2.5"}, "litellm/ollama_chat/qwen2.5"),  # alias
        ({"NEMO_AGENT_MODEL": "gemini-2.5-pro", "NEMO_ENGINE_MODEL": "other"}, "gemini-2.5-pro"),
        ({}, "offline"),
    ],
)
def test_the_model_switch_is_read_from_the_environment(env, model):
    assert EngineConfig.from_env(env).model == model
