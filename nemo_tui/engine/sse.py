"""Server-sent-event frames as the engine writes them.

An ADK event is one `id: <event id>` line and one `data: <event JSON>` line (the JSON made by the
event model itself, camelCase, nulls left out). A heartbeat is an empty `data:` line with no id, so
it never moves a client's Last-Event-ID. An error is an ADK-style `{"error": ...}` frame that also
carries `errorCode`/`errorMessage`.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass

HEARTBEAT = "data: \n\n"


@dataclass(frozen=True)
class Frame:
    id: str
    data: str

    def encode(self) -> str:
        return f"id: {self.id}\ndata: {self.data}\n\n"


def error_frame(message: str, *, code: str = "TURN_FAILED", invocation_id: str | None = None) -> Frame:
    frame_id = "err-" + secrets.token_hex(8)
    body: dict[str, object] = {
        "error": message,
        "errorCode": code,
        "errorMessage": message,
        "author": "nemo_agent",
        "id": frame_id,
        "timestamp": time.time(),
    }
    if invocation_id:
        body["invocationId"] = invocation_id
    return Frame(frame_id, json.dumps(body, separators=(",", ":")))
