"""What the planner makes of a clause: a tool call, or a question instead of a guess."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Call:
    name: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Ask:
    """A question instead of a guess; answered for free."""

    en: str
    zh: str


Parsed = list[Call] | Ask | None
