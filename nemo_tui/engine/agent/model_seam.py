"""The agent's model, behind one small interface: what ADK runs, a turn's price, whether to warm up.

The rest of the engine never asks which model it has. The app builds the agent from `llm()` and
`include_contents`, warms up only when `warm_up_message` is set, and the routes freeze a turn's
credits with `estimate(text, prices)` before it runs (0: nothing up front, the turn pays tool by tool,
`services/turns.py`). Two implementations:

- `planner.PlannerModel`: the offline planner. It reads the message to price it exactly (the same
  reading that runs), and warming up costs nothing, so it warms up;
- `AdkModel`: any model ADK knows (`gemini-2.5-flash`, `litellm/<provider>/<model>`, or a `BaseLlm`
  object). Its calls cannot be known in advance, so nothing is held up front: each priced tool pays
  as it runs and is refused when the credits left do not cover it, so a turn costs what its tools
  did and free turns (undo) always run. It is never warmed up, because that would send a message to
  a paid API at every start.

`agent.model_for(config)` chooses one from `NEMO_AGENT_MODEL`.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping
from typing import Any, Literal, Protocol, runtime_checkable

from google.adk.models.base_llm import BaseLlm

Contents = Literal["default", "none"]


@runtime_checkable
class AgentModel(Protocol):
    """What the engine needs of the model behind the agent."""

    #: How logs and the phrasing table name it.
    name: str
    #: ADK's `LlmAgent.include_contents`: "none" gives the model only the current turn.
    include_contents: Contents
    #: A message to run once at start-up, off the request path; None: no warm-up.
    warm_up_message: str | None

    def llm(self) -> BaseLlm | str:
        """The model object (or model name) for ADK's `LlmAgent(model=...)`."""
        ...

    async def estimate(self, text: str, prices: Mapping[str, int]) -> int:
        """Credits to hold for a turn on `text` before it runs (0: free). Must not block the loop."""
        ...


def resolve_model(model: str) -> Any:
    """The model object or name ADK should use for `model` (see docs/agent.md "Using a real model")."""
    if model.startswith("litellm/"):
        # Else LiteLLM downloads its price list from GitHub at the first call (seconds of retries
        # offline); the copy it ships is enough: the engine charges credits, not tokens.
        os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
        # Refused at start, not at the first turn: without mcp every call that offers tools fails.
        missing = [name for name in ("litellm", "mcp") if importlib.util.find_spec(name) is None]
        if missing:
            raise RuntimeError(
                f"NEMO_AGENT_MODEL={model} needs {' and '.join(missing)} in the versions google-adk "
                "supports: pip install 'nemo-tui[llm]'"
            )
        from google.adk.models.lite_llm import LiteLlm

        return LiteLlm(model=model.removeprefix("litellm/"))
    return model


class AdkModel:
    """A real model through ADK: priced tool by tool, no warm-up, the whole conversation as context."""

    include_contents: Contents = "default"
    warm_up_message: str | None = None

    def __init__(self, model: str | BaseLlm) -> None:
        self._model = model
        self.name = model if isinstance(model, str) else model.model

    def llm(self) -> BaseLlm | str:
        return resolve_model(self._model) if isinstance(self._model, str) else self._model

    async def estimate(self, text: str, prices: Mapping[str, int]) -> int:
        return 0  # nothing up front: each priced tool pays as it runs
