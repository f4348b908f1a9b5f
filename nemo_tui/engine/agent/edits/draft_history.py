"""Undo and redo: earlier drafts kept in session state, restored exactly.

`state["draft_history"]` lists the drafts before each turn that changed something (oldest first,
at most HISTORY_LIMIT); `state["draft_future"]` the drafts an undo stepped back from. A turn that
runs several tools records one entry (the draft before its first change), so "undo" takes back a
whole message, e.g. both stages of a generation. A new change clears the future. Entries are
compressed JSON (`z`), so the state delta each edit announces stays small.
"""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any, Protocol


class SessionState(Protocol):
    """What undo and redo use of a state: ADK's `State` (not a `MutableMapping`) or a plain dict."""

    def get(self, key: str, default: Any = None, /) -> Any: ...

    def __setitem__(self, key: str, value: Any, /) -> None: ...


HISTORY_LIMIT = 20
PAST, FUTURE = "draft_history", "draft_future"


def pack(draft: dict[str, Any] | None) -> str:
    raw = json.dumps(draft, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.b64encode(zlib.compress(raw, 6)).decode("ascii")


def unpack(packed: str) -> dict[str, Any] | None:
    draft: dict[str, Any] | None = json.loads(zlib.decompress(base64.b64decode(packed)))
    return draft


def record(state: SessionState, before: dict[str, Any] | None, turn: str) -> None:
    """Remember `before` as the draft to go back to, once per turn."""
    past = list(state.get(PAST) or [])
    if past and past[-1].get("turn") == turn:
        return
    past.append({"turn": turn, "z": pack(before)})
    state[PAST] = past[-HISTORY_LIMIT:]
    if state.get(FUTURE):
        state[FUTURE] = []


def can_undo(state: SessionState) -> int:
    return len(state.get(PAST) or [])


def can_redo(state: SessionState) -> int:
    return len(state.get(FUTURE) or [])


def undo(state: SessionState, current: dict[str, Any] | None, turn: str) -> dict[str, Any] | None:
    """The draft before the last change (the caller writes it); the current one goes to the future."""
    past = list(state.get(PAST) or [])
    entry = past.pop()
    future = list(state.get(FUTURE) or [])
    future.append({"turn": turn, "z": pack(current)})
    state[PAST], state[FUTURE] = past, future[-HISTORY_LIMIT:]
    return unpack(entry["z"])


def redo(state: SessionState, current: dict[str, Any] | None, turn: str) -> dict[str, Any] | None:
    future = list(state.get(FUTURE) or [])
    entry = future.pop()
    past = list(state.get(PAST) or [])
    past.append({"turn": f"redo:{turn}", "z": pack(current)})
    state[PAST], state[FUTURE] = past[-HISTORY_LIMIT:], future
    return unpack(entry["z"])
