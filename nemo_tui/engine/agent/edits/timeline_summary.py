"""The one-line timeline summary every turn ends with: the protocol's format, from
the draft package's one implementation.

`Timeline (3 tracks): 1. Video: 6 scenes (0-30s) 2. BGM: Lo-fi (0-30s, 35%) 3. Title: "Urban Dreams" (0-3s)`
"""

from __future__ import annotations

from typing import Any

from nemo_tui.draft import Draft
from nemo_tui.draft.views import build, summary, summary_zh
from nemo_tui.draft.views import seconds as fmt_seconds

__all__ = ["fmt_seconds", "summary_line", "summary_line_zh", "summary_lines"]


def summary_lines(draft: dict[str, Any] | None) -> tuple[str, str]:
    """The line in English and in Chinese (for replies to a person who writes Chinese), from one view
    of the draft: every tool answer carries both."""
    view = build(Draft.from_wire(draft).to_wire())  # what `Draft.summary()` reads
    return summary(view), summary_zh(view)


def summary_line(draft: dict[str, Any] | None) -> str:
    return summary_lines(draft)[0]


def summary_line_zh(draft: dict[str, Any] | None) -> str:
    return summary_lines(draft)[1]
