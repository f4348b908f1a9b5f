"""The ADK agent `nemo_agent`: the offline planner (or a real model) with the draft tools.

`NEMO_AGENT_MODEL` (EngineConfig.model; `NEMO_ENGINE_MODEL` is an alias) chooses the model:
- `offline` (default): the deterministic planner (`planner.py`), no network, no key;
- `litellm/<provider>/<model>` (e.g. `litellm/openai/gpt-4o-mini`, `litellm/ollama_chat/qwen2.5`):
  ADK's `LiteLlm`, if the `litellm` package is installed, with the provider's key in the environment;
- anything else: an ADK model name, e.g. `gemini-2.5-flash` (with `GOOGLE_API_KEY` set).
A real model drives exactly the same tools; it sees the conversation and the instruction below.
"""

from __future__ import annotations

from typing import Any

from google.adk.agents import LlmAgent

from .planner import OfflinePlanner
from .tools import DraftTools

APP_NAME = "nemo_agent"

INSTRUCTION = """You are the video editor of a chat workspace. The video is a timeline (the draft in
session state): a main video track of numbered clips (a title card, when there is one, is not
counted: clip 1 is the first clip after it), background music, an optional voice-over, captions and a
title. Make every change with the tools; never invent media ids; the person's uploads are used by
generate_video and add_media.

- To make a new video from a script or uploads, call generate_video (the first cut), then always
  finish_video (title and music) in the same turn. Default length 30 s; "with a voice-over" means
  voiceover=true; "for TikTok"/"vertical" is 9:16, "square" 1:1.
- Times like 0:30, 30s, 1m30s, 30秒 are seconds for the tools. Volumes are 0-1 (35% → 0.35).
- If a request is ambiguous (which clip? how long?), ask one short question instead of guessing.
- "undo"/"redo" call undo/redo; "what's in my timeline?" calls show_timeline(detail=true).
- "export" is done by the app: tell the person to type "export"; do not call a tool.
After the tools, answer in one or two plain sentences in the person's language, followed by the
timeline line the last tool returned. If you cannot act on a request, say what you can do instead,
with examples."""


def resolve_model(model: str) -> Any:
    """The model object or name ADK should use for `model` (see the module docstring)."""
    if model.startswith("litellm/"):
        try:
            from google.adk.models.lite_llm import LiteLlm
        except ImportError as exc:  # pragma: no cover - depends on an optional package
            raise RuntimeError(
                "NEMO_AGENT_MODEL=litellm/… needs the litellm package: pip install litellm"
            ) from exc
        return LiteLlm(model=model.removeprefix("litellm/"))
    return model


def build_agent(tools: DraftTools, *, model: str = "offline", test_hooks: bool = False) -> LlmAgent:
    if model == "offline":
        return LlmAgent(
            name=APP_NAME,
            model=OfflinePlanner(test_hooks=test_hooks),
            instruction=INSTRUCTION,
            tools=tools.all(),
            include_contents="none",
        )
    return LlmAgent(name=APP_NAME, model=resolve_model(model), instruction=INSTRUCTION, tools=tools.all())
