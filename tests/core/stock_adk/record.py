"""Record what a stock `adk api_server` sends, as fixtures for replay tests.

    python -m tests.core.stock_adk.record        # rewrites tests/core/fixtures/stock_adk_*

`test_stock_adk.py` checks on every run that the live server still sends what is recorded (ids and
times aside), so a fixture can never drift from the server it claims to come from.
"""

from __future__ import annotations

import json
import re
import tempfile
import uuid
from pathlib import Path
from typing import Any

import httpx

from .server import APP, USER, StockAdkServer

FIXTURES = Path(__file__).parent.parent / "fixtures"

#: fixture name → (`streaming`, the message)
STREAMS: dict[str, tuple[bool, str]] = {
    "stock_adk_turn.sse": (False, "add title: Hello"),
    "stock_adk_streaming.sse": (True, "add title: Hello"),
    "stock_adk_model_error.sse": (True, "fail: the model is down"),
}
#: `/run_sse` without a session id: FastAPI's validation answer
INVALID_BODY = {"app_name": APP, "user_id": USER, "new_message": {"parts": [{"text": "x"}]}}
_VOLATILE = {"id", "timestamp", "invocationId", "lastUpdateTime"}


def run_sse(url: str, session_id: str, streaming: bool, text: str) -> str:
    body = {
        "app_name": APP,
        "user_id": USER,
        "session_id": session_id,
        "streaming": streaming,
        "new_message": {"role": "user", "parts": [{"text": text}]},
    }
    with httpx.stream("POST", f"{url}/run_sse", json=body, timeout=30) as response:
        response.raise_for_status()
        return response.read().decode("utf-8")


def invalid_body(url: str) -> dict[str, Any]:
    response = httpx.post(f"{url}/run_sse", json=INVALID_BODY, timeout=10)
    assert response.status_code == 422, response.text
    return response.json()


def session_with_id(url: str) -> dict[str, Any]:
    """ADK's older create route: the id in the path, the body (optional) the initial state."""
    response = httpx.post(f"{url}/apps/{APP}/users/{USER}/sessions/{uuid.uuid4().hex}", timeout=10)
    response.raise_for_status()
    return _drop_volatile(response.json())


def stable(stream: str) -> list[Any]:
    """The frames of a stream without what changes per run (ids, times); the line framing kept."""
    frames = []
    for block in stream.split("\n\n"):
        if not block:
            continue
        field, _, data = block.partition(": ")
        frames.append((field, _drop_volatile(json.loads(data))))
    return frames


def _drop_volatile(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_volatile(v) for k, v in value.items() if k not in _VOLATILE}
    if isinstance(value, list):
        return [_drop_volatile(v) for v in value]
    if isinstance(value, str):
        return re.sub(r"e-[0-9a-f-]{36}", "e-…", value)
    return value


def record(server: StockAdkServer) -> None:
    for name, (streaming, text) in STREAMS.items():
        stream = run_sse(server.url, server.new_session(), streaming, text)
        (FIXTURES / name).write_text(stream, encoding="utf-8")
    for name, body in (("stock_adk_422.json", invalid_body(server.url)),
                       ("stock_adk_session.json", session_with_id(server.url))):  # fmt: skip
        (FIXTURES / name).write_text(json.dumps(body, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        server = StockAdkServer(Path(folder))
        server.start()
        try:
            record(server)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
