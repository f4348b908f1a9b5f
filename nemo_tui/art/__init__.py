"""The art library: vendored icon and illustration sets, and finding art for a sentence's words.

A reference is ``"<set>:<name>"`` with the name as the set spells it: ``tabler:clock`` (Tabler Icons,
single colour, 24 px grid) or ``fluent-emoji:croissant`` (Microsoft Fluent Emoji Flat, colour, 32 px).
This package imports only the standard library and its own dependencies (snowballstemmer, jieba).
See docs/art.md.
"""

from __future__ import annotations

from .library import ArtInfo, Kind, UnknownArt, exists, info, load_set, refs, set_ids, svg
from .match import Language, Match, cut, detect_language, icon_for, load_all, lookup, match, segment

__all__ = [
    "ArtInfo",
    "Kind",
    "Language",
    "Match",
    "UnknownArt",
    "cut",
    "detect_language",
    "exists",
    "icon_for",
    "info",
    "load_all",
    "load_set",
    "lookup",
    "match",
    "refs",
    "segment",
    "set_ids",
    "svg",
]
