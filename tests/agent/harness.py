"""Drive the planner and the tools without ADK's runner (`Agent`) or through it (`RunnerAgent`).

`Agent.say(text)` does what a live turn does (plan → tool calls in order, skipping the second stage
of a failed generation → the reply), with a `ToolContext` stand-in that has `state` and
`invocation_id`, the only parts of it the tools use.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass, field
from typing import Any

from google.adk.runners import Runner
from google.adk.sessions import InMemorySessionService
from google.genai import types

from nemo_tui.engine.agent.agent import APP_NAME, build_agent
from nemo_tui.engine.agent.language.understanding import plan
from nemo_tui.engine.agent.model_seam import AgentModel
from nemo_tui.engine.agent.planner import PlannerModel, compose_reply, next_call
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


class RunnerAgent:
    """The same `say(text) -> Said` as `Agent`, through ADK's `Runner`: any `AgentModel` can drive it.

    A session in ADK's in-memory service starts from `state`; the agent is the engine's own
    (`build_agent(tools, model=model)`), so a turn is exactly what a live engine runs minus HTTP. The
    phrasing table scores a model this way (`python -m tests.agent.test_phrasings --model NAME`).
    """

    def __init__(
        self, tools: DraftTools, state: dict[str, Any] | None = None, *, model: AgentModel | None = None
    ):
        self.model = model or PlannerModel()
        self.agent = build_agent(tools, model=self.model)
        self.sessions = InMemorySessionService()
        self.runner = Runner(app_name=APP_NAME, agent=self.agent, session_service=self.sessions)
        self.state: dict[str, Any] = copy.deepcopy(state) if state is not None else {}
        self._session_id: str | None = None

    @property
    def draft(self) -> dict[str, Any] | None:
        return self.state.get("draft")

    async def say(self, text: str) -> Said:
        if self._session_id is None:
            session = await self.sessions.create_session(app_name=APP_NAME, user_id="table", state=self.state)
            self._session_id = session.id
        calls: list[tuple[str, dict[str, Any]]] = []
        responses: list[dict[str, Any]] = []
        drafts: list[Any] = []
        reply = ""
        message = types.Content(role="user", parts=[types.Part(text=text)])
        async for event in self.runner.run_async(
            user_id="table", session_id=self._session_id, new_message=message
        ):
            for part in (event.content.parts or []) if event.content else []:
                if part.function_call is not None:
                    calls.append((part.function_call.name or "", dict(part.function_call.args or {})))
                elif part.function_response is not None:
                    responses.append(dict(part.function_response.response or {}))
                    delta = event.actions.state_delta if event.actions else {}
                    drafts.append(copy.deepcopy(delta.get("draft", self.draft)))
                elif part.text and not event.partial:
                    reply = part.text
        session = await self.sessions.get_session(
            app_name=APP_NAME, user_id="table", session_id=self._session_id
        )
        assert session is not None
        self.state = copy.deepcopy(dict(session.state))
        hold = await self.model.estimate(text, DEFAULT_PRICES)
        done = sum(
            DEFAULT_PRICES.get(n, 0) for (n, _), r in zip(calls, responses, strict=False) if r.get("ok")
        )
        return Said(text, calls, responses, reply, min(hold, done), drafts)
