"""Readers of a draft for test assertions, and the starting sessions of the phrasing table."""

from __future__ import annotations

import copy
from typing import Any

from nemo_tui.engine.agent.edits import clips
from nemo_tui.engine.render import validate_draft

SHORT_SCRIPT = (
    "Urban Dreams: the smart commuter backpack. It keeps your laptop dry when the sky opens. "
    "A hidden pocket holds your passport close. The straps spread the weight evenly. Order yours today."
)
UPLOADS = [
    {"id": "img1", "src": "media:img1", "file_type": "image", "filename": "beach.png", "duration": None},
    {"id": "vid1", "src": "media:vid1", "file_type": "video", "filename": "city.mp4", "duration": 6.0,
     "has_audio": True},
    {"id": "img2", "src": "media:img2", "file_type": "image", "filename": "park.jpg", "duration": None},
    {"id": "vid2", "src": "media:vid2", "file_type": "video", "filename": "train.mp4", "duration": 9.0,
     "has_audio": True},
]  # fmt: skip


def track(draft: dict[str, Any] | None, role: str) -> dict[str, Any] | None:
    for t in (draft or {}).get("t", []):
        if (t.get("m") or {}).get("role") == role:
            return t
    return None


def segs(draft: dict[str, Any] | None, role: str) -> list[dict[str, Any]]:
    t = track(draft, role)
    return list(t["sg"]) if t else []


def title(draft: dict[str, Any] | None) -> dict[str, Any] | None:
    found = segs(draft, "title")
    return found[0] if found else None


def music(draft: dict[str, Any] | None) -> dict[str, Any] | None:
    found = segs(draft, "bgm")
    return found[0] if found else None


def row(draft: dict[str, Any] | None) -> list[dict[str, Any]]:
    return clips.scenes(draft or {"t": []})


def ids(draft: dict[str, Any] | None) -> list[str]:
    return [s["id"] for s in row(draft)]


def length(draft: dict[str, Any] | None) -> int:
    return int((draft or {}).get("d", 0))


def valid(draft: dict[str, Any] | None) -> bool:
    """Renderable (the renderer's own check), and every track in time order."""
    if draft is None:
        return True
    validate_draft(draft)
    for t in draft["t"]:
        starts = [s["st"] for s in t["sg"]]
        assert starts == sorted(starts), (t["id"], starts)
    return True


def fresh(state: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(state)
