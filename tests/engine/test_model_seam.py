"""The model seam (agent/model_seam.py): the engine asks its model for the agent, a turn's price and
whether to warm up, and never which model it is. A paid model is never sent a message at start-up."""

from __future__ import annotations

import asyncio

import httpx
from google.adk.models.base_llm import BaseLlm
from google.adk.models.llm_response import LlmResponse
from google.genai import types

from nemo_tui.engine.agent.agent import build_agent, model_for
from nemo_tui.engine.agent.language.understanding import plan
from nemo_tui.engine.agent.media.music import MusicLibrary
from nemo_tui.engine.agent.model_seam import AdkModel, AgentModel
from nemo_tui.engine.agent.planner import OfflinePlanner, PlannerModel
from nemo_tui.engine.agent.tools import DraftTools
from nemo_tui.engine.hosting.asgi_app import create_app
from nemo_tui.engine.hosting.config import DEFAULT_PRICES, EngineConfig
from nemo_tui.engine.storage.file_storage import DirectoryStorage


class CountingLlm(BaseLlm):
    """Stands in for a paid API: counts every request it is sent and answers with a line of text."""

    model: str = "counting-paid-model"
    requests: int = 0

    async def generate_content_async(self, llm_request, stream: bool = False):
        self.requests += 1
        reply = types.Content(role="model", parts=[types.Part(text="done")])
        yield LlmResponse(content=reply, turn_complete=True)


class WarmingModel(AdkModel):
    """A real model that (wrongly) asks to be warmed up: the control that the count sees a warm-up."""

    warm_up_message = "show the timeline"


def _start_and_wait(model: AgentModel, tmp_path) -> None:
    """The app's whole lifespan (start-up, a request, shutdown), in this process."""
    app = create_app(EngineConfig(data_dir=tmp_path / "engine"), model=model)

    async def run() -> None:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://engine") as client:
                assert (await client.get("/healthz")).status_code == 200
            assert app.state.engine.runner.agent.model is model.llm()
            await asyncio.sleep(0.5)  # the warm-up task, if any, has long run by now

    asyncio.run(run())


def test_starting_the_engine_sends_nothing_to_a_real_model(tmp_path):
    llm = CountingLlm()
    _start_and_wait(AdkModel(llm), tmp_path)
    assert llm.requests == 0


def test_the_count_does_see_a_warm_up(tmp_path):
    llm = CountingLlm()
    _start_and_wait(WarmingModel(llm), tmp_path)
    assert llm.requests == 1


def test_both_models_implement_the_interface():
    offline = model_for(EngineConfig(model="offline"))
    real = model_for(EngineConfig(model="gemini-2.5-flash"))
    assert isinstance(offline, PlannerModel) and isinstance(real, AdkModel)
    assert isinstance(offline, AgentModel) and isinstance(real, AgentModel)
    assert isinstance(offline.llm(), OfflinePlanner) and real.llm() == "gemini-2.5-flash"
    assert offline.warm_up_message and real.warm_up_message is None
    assert (offline.include_contents, real.include_contents) == ("none", "default")


def test_a_turn_is_priced_by_its_model():
    text = "add title 'Hello' for 3 seconds"
    offline = asyncio.run(PlannerModel().estimate(text, DEFAULT_PRICES))
    assert offline == plan(text).cost(DEFAULT_PRICES) > 0
    assert asyncio.run(PlannerModel().estimate("help", DEFAULT_PRICES)) == 0
    # A real model holds nothing up front: its tools pay as they run (tests/agent/test_llm_path.py).
    assert asyncio.run(AdkModel("gemini-2.5-flash").estimate(text, DEFAULT_PRICES)) == 0


def test_an_agent_is_built_on_any_model(tmp_path):
    tools = DraftTools(MusicLibrary(DirectoryStorage(tmp_path)), lambda: "http://127.0.0.1:1")
    llm = CountingLlm()
    agent = build_agent(tools, model=AdkModel(llm))
    assert agent.model is llm and agent.include_contents == "default"
