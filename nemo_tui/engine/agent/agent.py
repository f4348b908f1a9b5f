"""The ADK agent `nemo_agent`: the offline planner (or a real model) with the draft tools.

`NEMO_AGENT_MODEL` (EngineConfig.model; `NEMO_ENGINE_MODEL` is an alias) chooses the model
(`model_for`; the interface the engine uses is `model.AgentModel`):
- `offline` (default): the deterministic planner (`planner.py`), no network, no key;
- `litellm/<provider>/<model>` (e.g. `litellm/openai/gpt-4o-mini`, `litellm/ollama_chat/qwen2.5`):
  ADK's `LiteLlm` (`pip install 'nemo-tui[llm]'`), with the provider's key or OPENAI_API_BASE set;
- anything else: an ADK model name, e.g. `gemini-2.5-flash` (with `GOOGLE_API_KEY` set).
A real model drives exactly the same tools; it sees the conversation and the instruction below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from google.adk.agents import LlmAgent

from .model_seam import AdkModel, AgentModel
from .planner import PlannerModel
from .tools import DraftTools

if TYPE_CHECKING:
    from ..hosting.config import EngineConfig

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


def model_for(config: EngineConfig) -> AgentModel:
    """The model `config.model` names: the offline planner, or a real model through ADK."""
    if config.model == "offline":
        return PlannerModel(test_hooks=config.test_hooks)
    return AdkModel(config.model)


def build_agent(
    tools: DraftTools, *, model: str | AgentModel = "offline", test_hooks: bool = False
) -> LlmAgent:
    """The agent on `model`: an `AgentModel`, or a `NEMO_AGENT_MODEL` value ("offline", a model name)."""
    if isinstance(model, str):
        model = PlannerModel(test_hooks=test_hooks) if model == "offline" else AdkModel(model)
    return LlmAgent(
        name=APP_NAME,
        model=model.llm(),
        instruction=INSTRUCTION,
        tools=list(tools.all()),  # a list of the wider type ADK's `tools` declares (list is invariant)
        include_contents=model.include_contents,
    )
