"""The ADK agent `nemo_agent`: the offline planner (or a real model) with the draft tools."""

from __future__ import annotations

from google.adk.agents import LlmAgent

from .planner import OfflinePlanner
from .tools import DraftTools

APP_NAME = "nemo_agent"

INSTRUCTION = """You edit a video timeline (the draft in session state) for a person chatting with you.
Use the tools to make every change; never invent media ids. After the tools, answer in one or two plain
sentences followed by the timeline line the last tool returned. If you cannot act on a request, say
what you can do instead, with examples."""


def build_agent(tools: DraftTools, *, model: str = "offline", test_hooks: bool = False) -> LlmAgent:
    """`model="offline"` is the deterministic planner; anything else is an ADK model name (e.g. a
    Gemini model, which then needs its API key in the environment)."""
    if model == "offline":
        return LlmAgent(
            name=APP_NAME,
            model=OfflinePlanner(test_hooks=test_hooks),
            instruction=INSTRUCTION,
            tools=tools.all(),
            include_contents="none",
        )
    return LlmAgent(name=APP_NAME, model=model, instruction=INSTRUCTION, tools=tools.all())
