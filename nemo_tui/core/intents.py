"""Route what the person types to an action, per docs/protocol.md's routing table.

Export, credits, state and upload never go to the backend agent: they are handled by the client.
Everything else is a chat turn. Matching is deliberately conservative: a long message that merely
mentions "export" ("generate a video and export it later") is a chat turn, not an export.
"""

from __future__ import annotations

import enum
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path


class Action(enum.Enum):
    CHAT = "chat"
    EXPORT = "export"
    CREDITS = "credits"
    STATE = "state"
    UPLOAD = "upload"


@dataclass(frozen=True)
class Intent:
    action: Action
    text: str
    paths: list[Path] = field(default_factory=list)


_EXPORT = re.compile(
    r"^(please\s+)?(export|download)(\s+(it|the\s+video|my\s+video|video|now|mp4|1080p(\s+mp4)?))*[.!]?$"
    r"|^send\s+me\s+the\s+video[.!]?$"
    r"|^(请)?(导出|下载)(视频|吧|一下)?[。!！]?$",
    re.IGNORECASE,
)
_CREDITS = re.compile(
    r"^(my\s+|check\s+(my\s+)?)?(credits|balance)[?.!]?$|^how\s+many\s+credits.*$|^(积分|余额|查看积分|查询余额)[?？]?$",
    re.IGNORECASE,
)
_STATE = re.compile(r"^(status|state|show\s+(the\s+)?tracks|状态|查看状态)[?.!]?$", re.IGNORECASE)
_UPLOAD = re.compile(r"^(upload|上传)\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)


def route(text: str, files: list[Path] | None = None) -> Intent:
    """Decide what to do with a message (and any files given with it)."""
    stripped = text.strip()
    if files:
        return Intent(Action.UPLOAD, stripped, list(files))
    if _EXPORT.match(stripped):
        return Intent(Action.EXPORT, stripped)
    if _CREDITS.match(stripped):
        return Intent(Action.CREDITS, stripped)
    if _STATE.match(stripped):
        return Intent(Action.STATE, stripped)
    upload = _UPLOAD.match(stripped)
    if upload:
        return Intent(Action.UPLOAD, stripped, split_paths(upload.group("rest")))
    return Intent(Action.CHAT, stripped)


def split_paths(rest: str) -> list[Path]:
    """Paths after "upload": shell-quoted or plain, `~` expanded. An unquoted path with spaces that
    names an existing file (a path pasted from a file manager) is taken whole."""
    whole = Path(rest.strip()).expanduser()
    if " " in rest.strip() and whole.is_file():
        return [whole]
    try:
        parts = shlex.split(rest)
    except ValueError:
        parts = rest.split()
    return [Path(p).expanduser() for p in parts if p]
