"""The offline planner: an ADK model (`BaseLlm`) that reads the person's message with `intents.plan`
and answers with tool calls, one per model step, then a plain-text reply.

It never touches the network and is deterministic: the same message and tool results give the same
answer. The agent runs with `include_contents="none"`, so each request holds only the current turn:
the user's message, then the calls made so far and their responses.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import AsyncGenerator
from typing import Any

from google.adk.models.base_llm import BaseLlm
from google.adk.models.llm_request import LlmRequest
from google.adk.models.llm_response import LlmResponse
from google.genai import types

from .intents import Plan, plan

HELP = (
    "I can build and edit the timeline. Try, for example:\n"
    '- "generate a 30-second promo video from this script: <your sentences>"\n'
    '- "generate a vertical video from my photos with upbeat music"\n'
    "- \"title 'Urban Dreams' for the first 3 seconds\"\n"
    '- "add lo-fi music at 35%" or "set the music volume to 20%"\n'
    '- "make it 15 seconds" or "trim the first 10 seconds"\n'
    '- "add my photos", "make it square", "remove the captions"\n'
    "That request cost no credits."
)


def _usage() -> types.GenerateContentResponseUsageMetadata:
    return types.GenerateContentResponseUsageMetadata(
        prompt_token_count=0, candidates_token_count=0, total_token_count=0
    )


class OfflinePlanner(BaseLlm):
    model: str = "nemo-offline-planner"
    test_hooks: bool = False

    async def generate_content_async(
        self, llm_request: LlmRequest, stream: bool = False
    ) -> AsyncGenerator[LlmResponse, None]:
        text, responses = _read_turn(llm_request.contents)
        turn = plan(text, test_hooks=self.test_hooks)
        if len(responses) < len(turn.calls):
            call = turn.calls[len(responses)]
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
        reply = types.Content(role="model", parts=[types.Part(text=compose_reply(turn, responses, text))])
        yield LlmResponse(content=reply, turn_complete=True, usage_metadata=_usage())


def _read_turn(contents: list[types.Content]) -> tuple[str, list[dict[str, Any]]]:
    """The last user text, and the function responses that came after it, in order."""
    text, responses = "", []
    for content in contents:
        for part in content.parts or []:
            if part.text and content.role == "user" and not part.thought:
                text, responses = part.text, []
            elif part.function_response is not None:
                responses.append(dict(part.function_response.response or {}))
    return text, responses


def compose_reply(turn: Plan, responses: list[dict[str, Any]], text: str = "") -> str:
    messages = [str(r.get("message", "")).strip() for r in responses if r.get("message")]
    timeline = next((r["timeline"] for r in reversed(responses) if r.get("timeline")), "")
    if turn.help:
        asked = re.match(r"\s*(help|\?|what can you do|how does this work)", text, re.I)
        body = ("" if asked else "I didn't catch an edit I can make there. ") + HELP
    else:
        body = " ".join(messages) or "Done."
        if turn.ignored:
            body += " (I skipped: " + "; ".join(f'"{c}"' for c in turn.ignored) + ".)"
    return f"{body}\n{timeline}" if timeline else body
