"""Drive the planner and the tools without ADK's runner: a session state dict, one turn at a time.

`Agent.say(text)` does what a live turn does (plan → tool calls in order, skipping the second stage
of a failed generation → the reply), with a `ToolContext` stand-in that has `state` and
`invocation_id`, the only parts of it the tools use.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass, field
from typing import Any

from nemo_tui.engine.agent.language.understanding import plan
from nemo_tui.engine.agent.planner import compose_reply, next_call
from nemo_tui.engine.agent.tools import DraftTools
from nemo_tui.engine.hosting.config import DEFAULT_PRICES

_turns = itertools.count(1)


@dataclass
class Context:
    state: dict[str, Any]
    invocation_id: str


@dataclass
class Said:
    text: str
    calls: list[tuple[str, dict[str, Any]]]
    responses: list[dict[str, Any]]
    reply: str
    charged: int
    drafts: list[Any] = field(default_factory=list)  # the draft after each call


class Agent:
    def __init__(self, tools: DraftTools, state: dict[str, Any] | None = None) -> None:
        self.tools = tools
        self.state: dict[str, Any] = state if state is not None else {}

    @property
    def draft(self) -> dict[str, Any] | None:
        return self.state.get("draft")

    async def say(self, text: str) -> Said:
        turn = plan(text)
        ctx = Context(self.state, f"e-{next(_turns)}")
        responses: list[dict[str, Any]] = []
        calls, drafts = [], []
        while (index := next_call(turn, responses)) is not None:
            call = turn.calls[index]
            tool = getattr(self.tools, call.name)
            responses.append(await tool(tool_context=ctx, **copy.deepcopy(call.args)))
            calls.append((call.name, call.args))
            drafts.append(copy.deepcopy(self.state.get("draft")))
        # as the engine charges: each successful call, never more than the hold the plan froze
        charged = min(
            turn.cost(DEFAULT_PRICES),
            sum(DEFAULT_PRICES.get(n, 0) for (n, _), r in zip(calls, responses, strict=True) if r.get("ok")),
        )
        return Said(text, calls, responses, compose_reply(turn, responses, text), charged, drafts)
