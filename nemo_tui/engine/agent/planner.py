"""The offline planner: an ADK model (`BaseLlm`) that reads the person's message with
`language.understanding.plan` and answers with tool calls, one per model step, then a plain-text
reply (`language.reply.compose`). `PlannerModel` is the planner as the engine's `model.AgentModel`.

It never touches the network and is deterministic: the same message and tool results give the same
answer. The agent runs with `include_contents="none"`, so each request holds only the current turn:
the user's message, then the calls made so far and their responses. When the first stage of a
generation fails (no script, no uploads) the second is not called.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncGenerator, Mapping
from typing import Any

from google.adk.models.base_llm import BaseLlm
from google.adk.models.llm_request import LlmRequest
from google.adk.models.llm_response import LlmResponse
from google.genai import types

from .language.reply import HELP, compose
from .language.understanding import Plan, plan
from .model_seam import Contents

__all__ = ["HELP", "OfflinePlanner", "PlannerModel", "compose_reply", "next_call"]


def _usage() -> types.GenerateContentResponseUsageMetadata:
    return types.GenerateContentResponseUsageMetadata(
        prompt_token_count=0, candidates_token_count=0, total_token_count=0
    )


def next_call(turn: Plan, responses: list[dict[str, Any]]) -> int | None:
    """The index of the next call to make, or None when it is time to answer."""
    done = len(responses)
    if done >= len(turn.calls):
        return None
    if done and turn.calls[done].name == "finish_video" and not responses[-1].get("ok"):
        return None
    return done


class OfflinePlanner(BaseLlm):
    model: str = "nemo-offline-planner"
    test_hooks: bool = False

    async def generate_content_async(
        self, llm_request: LlmRequest, stream: bool = False
    ) -> AsyncGenerator[LlmResponse, None]:
        text, responses = _read_turn(llm_request.contents)
        # Off the event loop: a long message takes a while to read, and /healthz must not wait.
        turn = await asyncio.to_thread(plan, text, test_hooks=self.test_hooks)
        index = next_call(turn, responses)
        if index is not None:
            call = turn.calls[index]
            part = types.Part(
                function_call=types.FunctionCall(
                    id=f"call_{secrets.token_hex(6)}", name=call.name, args=call.args
                )
            )
            yield LlmResponse(content=types.Content(role="model", parts=[part]), usage_metadata=_usage())
            return
        if turn.silent:
            yield LlmResponse(content=None, turn_complete=True, usage_metadata=_usage())
            return
        reply = types.Content(role="model", parts=[types.Part(text=compose(turn, responses, text))])
        yield LlmResponse(content=reply, turn_complete=True, usage_metadata=_usage())


def _read_turn(contents: list[types.Content]) -> tuple[str, list[dict[str, Any]]]:
    """The last user text, and the function responses that came after it, in order."""
    text = ""
    responses: list[dict[str, Any]] = []
    for content in contents:
        for part in content.parts or []:
            if part.text and content.role == "user" and not part.thought:
                text, responses = part.text, []
            elif part.function_response is not None:
                responses.append(dict(part.function_response.response or {}))
    return text, responses


def compose_reply(turn: Plan, responses: list[dict[str, Any]], text: str = "") -> str:
    return compose(turn, responses, text)


class PlannerModel:
    """The offline planner as the engine's `model.AgentModel`: a turn priced by reading it, a warm-up."""

    name = "offline"
    #: Each request holds only the current turn (the planner reads the last message, not the chat).
    include_contents: Contents = "none"
    #: Free and local: the first real turn should not be the slow one.
    warm_up_message: str | None = "show the timeline"

    def __init__(self, *, test_hooks: bool = False) -> None:
        self.test_hooks = test_hooks

    def llm(self) -> OfflinePlanner:
        return OfflinePlanner(test_hooks=self.test_hooks)

    async def estimate(self, text: str, prices: Mapping[str, int]) -> int:
        # Off the event loop: a long message takes a while to read.
        reading = await asyncio.to_thread(plan, text, test_hooks=self.test_hooks)
        return reading.cost(prices)
