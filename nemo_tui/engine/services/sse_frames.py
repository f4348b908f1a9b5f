"""Server-sent-event frames as the engine writes them, in its own framing or exactly as stock ADK.

An ADK event is one `data: <event JSON>` line (the JSON made by the event model itself, camelCase,
nulls left out). The engine's own framing (the default) puts an `id: <event id>` line before it, so a
client can re-attach with `Last-Event-ID`, and sends a heartbeat (an empty `data:` line, no id, so it
never moves a client's Last-Event-ID) while a tool runs. Stock ADK's (`NEMO_ENGINE_FRAMING=adk`) has
neither. A failed turn ends with ADK's `{"error": "<Type>: <message>", "error_details": {…}}` frame;
the engine's framing adds ADK's event fields to it (`errorCode`, `errorMessage`, `author`, `id`, …),
which carry its own code and a message for a person.
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

    def encode(self, *, with_id: bool = True) -> str:
        return f"id: {self.id}\ndata: {self.data}\n\n" if with_id else f"data: {self.data}\n\n"


def error_frame(
    error_type: str,
    detail: str,
    *,
    message: str | None = None,
    code: str = "TURN_FAILED",
    invocation_id: str | None = None,
    stock: bool = False,
) -> Frame:
    """The frame that ends a failed turn: `error_type` and `detail` as ADK's `error_details` hold them
    (an exception's class and text); `message` is the words for a person (default "<Type>: <detail>")."""
    frame_id = "err-" + secrets.token_hex(8)
    details = {"error_type": error_type, "error_message": detail, "timestamp": time.time()}
    if stock:  # what adk api_server writes, byte for byte (json.dumps' default separators)
        return Frame(frame_id, json.dumps({"error": f"{error_type}: {detail}", "error_details": details}))
    message = message or f"{error_type}: {detail}"
    body: dict[str, object] = {
        "error": message,
        "error_details": details,
        "errorCode": code,
        "errorMessage": message,
        "author": "nemo_agent",
        "id": frame_id,
        "timestamp": details["timestamp"],
    }
    if invocation_id:
        body["invocationId"] = invocation_id
    return Frame(frame_id, json.dumps(body, separators=(",", ":")))
