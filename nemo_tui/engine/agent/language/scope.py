"""A reading that comes before the others: an alternative the person rejects ("crossfades instead of
hard cuts") is dropped before reading. (How much of the video a request is about is `reading.py`'s;
"a square version" is a new version, `version_clauses.py`.)
"""

from __future__ import annotations

import re

_REJECTED = re.compile(
    r"\s*,?\s*\b(?:instead of|rather than)\b\s+(?:the\s+)?[\w\s-]{1,40}?(?=[,.;!?]|$)", re.I
)


def without_rejected(clause: str) -> str:
    """The clause without the alternative it rejects: "use crossfades instead of hard cuts" → "use
    crossfades"."""
    return _REJECTED.sub("", clause).strip() or clause
