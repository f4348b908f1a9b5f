"""Which clip a person means by what it shows: "the croissant shot", "the team photo", "the scene about
delivery". The upload shown (by its file name, `uploads.best`) comes first; else the scene whose words,
captions or voice lines mention it (`topics.find`). Row indexes, the title card excluded."""

from __future__ import annotations

from typing import Any

from . import draft_ops as ops
from . import topics, uploads


def find(draft: ops.Draft, pictures: list[dict[str, Any]], words: str) -> list[int]:
    if (upload := uploads.best(words, pictures)) is not None:
        row = uploads.row_holding(draft, f"media:{upload['id']}")
        if row is not None:
            return [row]
    return topics.find(draft, words)
