"""A live local engine for the session tests: started for real on a loopback port, once per module."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from nemo_tui.core.controller import SessionController, Timings
from nemo_tui.core.export_job import ExportTimings
from nemo_tui.core.settings import Settings
from nemo_tui.core.updates import Update
from nemo_tui.engine.hosting.local_engine import LocalEngine

ENGINE_ENV = {
    "NEMO_ENGINE_TEST_HOOKS": "1",
    "NEMO_ENGINE_HEARTBEAT_S": "0.2",
    "NEMO_ENGINE_IP_TOKEN_LIMIT": "0",
}
FAST = Timings(
    still_working_s=0.3,
    recovery_polls=(0.2, 0.2),
    stage_poll_s=0.2,
    stage_deadline_s=2.0,
    export=ExportTimings(poll_s=0.2, deadline_s=120),
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalEngine]:
    eng = LocalEngine(tmp_path_factory.mktemp("engine"), env=ENGINE_ENV)
    eng.start_sync()
    yield eng
    eng.stop_sync()


class Recorder:
    """Collects every update a controller emits."""

    def __init__(self) -> None:
        self.updates: list[Update] = []

    def __call__(self, update: Update) -> None:
        self.updates.append(update)

    def of(self, cls: type) -> list:
        return [u for u in self.updates if isinstance(u, cls)]


@pytest.fixture
async def ctl(engine: LocalEngine, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[SessionController]:
    monkeypatch.setenv("NEMO_API_URL", engine.url)
    controller = SessionController(Settings.from_env(), timings=FAST)
    controller.recorder = Recorder()  # type: ignore[attr-defined]
    controller.subscribe(controller.recorder)  # type: ignore[attr-defined]
    await controller.connect()
    yield controller
    await controller.close()


@pytest.fixture
async def make_ctl(
    engine: LocalEngine, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Callable[..., Awaitable[SessionController]]]:
    """Connected controllers on the live engine with chosen timings (or a fault-injecting client)."""
    monkeypatch.setenv("NEMO_API_URL", engine.url)
    made: list[SessionController] = []

    async def make(timings: Timings = FAST, **kw: Any) -> SessionController:
        controller = SessionController(Settings.from_env(), timings=timings, **kw)
        controller.recorder = Recorder()  # type: ignore[attr-defined]
        controller.subscribe(controller.recorder)  # type: ignore[attr-defined]
        made.append(controller)
        await controller.connect()
        return controller

    yield make
    for controller in made:
        await controller.close()


async def wait_until(predicate, timeout: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)


def write_script(path: Path) -> Path:
    path.write_text(
        "Urban Dreams: the smart backpack. It keeps your laptop safe. It charges your phone.",
        encoding="utf-8",
    )
    return path
