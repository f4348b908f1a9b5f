"""The engine tests' protocol helpers (`tests/engine/helpers.py`), in the forms the agent tests use."""

from __future__ import annotations

from typing import Any

import httpx

from tests.engine.helpers import account, chat, new_session, small_canvas, state, wait_render
from tests.engine.helpers import credits as balance
from tests.engine.helpers import export as submit

__all__ = ["TEST_ENV", "account", "chat", "credits", "export", "new_session", "small_canvas", "state"]

TEST_ENV = {"NEMO_ENGINE_TEST_HOOKS": "1", "NEMO_ENGINE_IP_TOKEN_LIMIT": "100000"}


def credits(api: httpx.Client) -> int:
    return balance(api)["available"]


def export(api: httpx.Client, session_id: str, draft: dict[str, Any], timeout: float = 300) -> dict[str, Any]:
    """Submit a render and wait for it to complete or fail."""
    return wait_render(api, submit(api, session_id, draft)["id"], timeout)
