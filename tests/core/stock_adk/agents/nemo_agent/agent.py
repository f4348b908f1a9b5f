"""An offline agent for a stock `adk api_server`: a scripted model, one tool, no network, no key.

The model reads the person's message:
- `fail`: the model call raises (ADK's own error path, as a model outage would);
- `slow N ...`: the tool sleeps N seconds first (a long silent step: stock ADK sends no heartbeats);
- anything else: a title tool call, then a reply.
With `streaming: true` it answers like Gemini through ADK's aggregator: every chunk `partial: true`
(text fragments, the function call too), then one whole, non-partial event of the same content.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncGenerator

from google.adk.agents import LlmAgent
from google.adk.models.base_llm import BaseLlm
from google.adk.models.llm_request import LlmRequest
from google.adk.models.llm_response import LlmResponse
from google.adk.tools.tool_context import ToolContext
from google.genai import types

REPLY = ["Added the title ", "“", "{title}", "” for the first 2 seconds."]


async def add_title(text: str, wait_s: float, tool_context: ToolContext) -> dict:
    """Puts a title on the timeline.

    Args:
        text: the title's words.
        wait_s: seconds to work silently first.
    """
    await asyncio.sleep(wait_s)
    segment = {"id": "s1", "st": 0, "d": 2000, "text": text, "m": {"name": "Title"}}
    tool_context.state["draft"] = {"t": [{"id": "x1", "tt": 7, "m": {"name": "Titles"}, "sg": [segment]}]}
    return {"ok": True, "title": text}


def _usage() -> types.GenerateContentResponseUsageMetadata:
    return types.GenerateContentResponseUsageMetadata(
        prompt_token_count=0, candidates_token_count=0, total_token_count=0
    )


def _model(*parts: types.Part, partial: bool = False) -> LlmResponse:
    return LlmResponse(
        content=types.Content(role="model", parts=list(parts)), partial=partial, usage_metadata=_usage()
    )


class ScriptedLlm(BaseLlm):
    model: str = "scripted"

    async def generate_content_async(
        self, llm_request: LlmRequest, stream: bool = False
    ) -> AsyncGenerator[LlmResponse, None]:
        last = llm_request.contents[-1]
        result = next((p.function_response for p in last.parts or [] if p.function_response), None)
        asked = [p.text for c in llm_request.contents if c.role == "user" for p in c.parts or [] if p.text]
        asked = asked[-1] if asked else ""
        if asked.startswith("fail"):
            raise ConnectionError("the model backend is unreachable")
        if result is None:
            wait = re.match(r"slow ([\d.]+) ", asked)
            args = {"text": asked.split(":")[-1].strip(), "wait_s": float(wait.group(1)) if wait else 0.0}
            call = types.Part(function_call=types.FunctionCall(id="call-1", name="add_title", args=args))
            if stream:
                yield _model(call, partial=True)
            yield _model(call)
            return
        words = [w.format(title=(result.response or {}).get("title", "")) for w in REPLY]
        if stream:
            for word in words:
                yield _model(types.Part(text=word), partial=True)
        final = _model(types.Part(text="".join(words)))
        final.turn_complete = True
        yield final


root_agent = LlmAgent(
    name="nemo_agent",
    model=ScriptedLlm(),
    instruction="Edit the video.",
    tools=[add_title],
)
