"""An OpenAI-compatible stand-in model server for the real-model path (tests/agent/test_llm_path.py).

A `http.server` on a loopback port serving `POST /v1/chat/completions` from a script: each request
takes the next reply (tool calls, several in one response when given, or final text; or an HTTP
error), answered as one JSON body or, when the request asks `"stream": true`, as SSE chunks the way
OpenAI streams them. Every request body is kept, so tests can count requests and read what the model
was shown (tool results, refusals). With the script empty it answers "Done.".
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One model response: tool calls `(name, arguments)`, final text, or an HTTP error status."""

    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    text: str = ""
    status: int = 200


def calls(*pairs: tuple[str, dict[str, Any]]) -> Reply:
    return Reply(calls=list(pairs))


def text(words: str) -> Reply:
    return Reply(text=words)


class StandIn:
    """`with StandIn() as model:` a server on 127.0.0.1; `model.base` is the OPENAI_API_BASE."""

    def __init__(self) -> None:
        self.script: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def play(self, *replies: Reply) -> None:
        """Replace the script: the next requests get these replies, in order."""
        with self._lock:
            self.script = deque(replies)
            self.requests.clear()

    def next_reply(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            self.requests.append(body)
            return self.script.popleft() if self.script else text("Done.")

    def tool_results(self) -> list[str]:
        """What the tools answered, as the model was shown it (the `tool` messages of the last request)."""
        if not self.requests:
            return []
        return [m.get("content") or "" for m in self.requests[-1]["messages"] if m.get("role") == "tool"]

    def __enter__(self) -> StandIn:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def _message(reply: Reply) -> dict[str, Any]:
    tool_calls = [
        {"id": f"call_{i}", "type": "function", "function": {"name": name, "arguments": json.dumps(args)}}
        for i, (name, args) in enumerate(reply.calls)
    ]
    out: dict[str, Any] = {"role": "assistant", "content": reply.text or None}
    if tool_calls:
        out["tool_calls"] = tool_calls
    return out


def _finish(reply: Reply) -> str:
    return "tool_calls" if reply.calls else "stop"


def _completion(reply: Reply) -> dict[str, Any]:
    return {
        "id": "chatcmpl-standin",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "standin",
        "choices": [{"index": 0, "message": _message(reply), "finish_reason": _finish(reply)}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


def _chunks(reply: Reply) -> list[dict[str, Any]]:
    """OpenAI's streaming shape: the role, then text or each call's name and its arguments apart."""
    deltas: list[dict[str, Any]] = [{"role": "assistant", "content": ""}]
    if reply.text:
        half = len(reply.text) // 2
        deltas += [{"content": reply.text[:half]}, {"content": reply.text[half:]}]
    for i, (name, args) in enumerate(reply.calls):
        head = {"index": i, "id": f"call_{i}", "type": "function", "function": {"name": name}}
        head["function"]["arguments"] = ""
        rest = {"index": i, "function": {"arguments": json.dumps(args)}}
        deltas += [{"tool_calls": [head]}, {"tool_calls": [rest]}]
    chunks = [{"index": 0, "delta": d, "finish_reason": None} for d in deltas]
    chunks.append({"index": 0, "delta": {}, "finish_reason": _finish(reply)})
    base = {"id": "chatcmpl-standin", "object": "chat.completion.chunk", "created": int(time.time())}
    return [{**base, "model": "standin", "choices": [choice]} for choice in chunks]


def _handler(standin: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet: pytest shows failures
            pass

        def do_POST(self) -> None:
            size = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(size) or b"{}")
            if not self.path.endswith("/chat/completions"):
                return self._send(404, {"error": {"message": "not found"}})
            reply = standin.next_reply(body)
            if reply.status != 200:
                # A 401 echoes the key, as some servers do: the engine must not pass it on.
                key = self.headers.get("Authorization", "") if reply.status == 401 else ""
                return self._send(reply.status, {"error": {"message": f"failed on purpose {key}"}})
            if not body.get("stream"):
                return self._send(200, _completion(reply))
            frames = [f"data: {json.dumps(c)}\n\n" for c in _chunks(reply)] + ["data: [DONE]\n\n"]
            data = "".join(frames).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _send(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler
