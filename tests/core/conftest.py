"""Fixtures of the core tests: settings in a temporary home, a fake backend, a client on it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from nemo_tui.core.client import NemoClient
from nemo_tui.core.settings import Settings
from nemo_tui.core.stream import StreamLimits

from .helpers import API, FakeBackend, SleepRecorder


@pytest.fixture
def settings() -> Settings:
    return Settings.from_env().with_api_url(API)


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend()


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
async def make_client(
    settings: Settings, backend: FakeBackend, sleeps: SleepRecorder
) -> AsyncIterator[Callable[..., NemoClient]]:
    clients: list[NemoClient] = []

    def make(limits: StreamLimits | None = None, **kw: Any) -> NemoClient:
        client = NemoClient(
            kw.pop("settings", settings),
            transport=kw.pop("transport", httpx.MockTransport(backend.handle)),
            limits=limits or StreamLimits(resume_delay=0.0),
            sleep=sleeps,
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()
