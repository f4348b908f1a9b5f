"""The one-line timeline summary every turn ends with: the protocol's format, from
the draft package's one implementation.

`Timeline (3 tracks): 1. Video: 6 scenes (0-30s) 2. BGM: Lo-fi (0-30s, 35%) 3. Title: "Urban Dreams" (0-3s)`
"""

from __future__ import annotations

from typing import Any

from nemo_tui.draft import Draft
from nemo_tui.draft.views import build, summary_zh
from nemo_tui.draft.views import seconds as fmt_seconds

__all__ = ["fmt_seconds", "summary_line", "summary_line_zh"]


def summary_line(draft: dict[str, Any] | None) -> str:
    return Draft.from_wire(draft).summary()


def summary_line_zh(draft: dict[str, Any] | None) -> str:
    """The same line in Chinese, for replies to a person who writes Chinese."""
    return summary_zh(build(draft))
