"""What a viewer sees when: the scenes of the main track with their spans, and the words on screen.

A preview is too small to read titles and captions in, so front ends show these words beside it, and
the engine's preview lists them per scene. Reads a plain draft, as `reads` does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .reads import end_of, scenes, segments_of, start_of, tracks_of
from .scenes import words_of
from .wire import TEXT


@dataclass(frozen=True)
class SceneSpan:
    id: str
    start_ms: int
    end_ms: int
    title: str  # the words shown during the scene ("" when none)


def words_at(draft: Mapping[str, Any], ms: float) -> list[str]:
    """The words on screen at `ms`: a designed scene's, then every text segment playing then."""
    return _words(draft, lambda st, end: st <= ms < end)


def scene_spans(draft: Mapping[str, Any]) -> list[SceneSpan]:
    """The main track's scenes in playing order, each with its words: its own (a designed scene's)
    and those of the text segments whose middle falls in it (a caption belongs to one scene)."""
    spans = []
    for index, seg in enumerate(scenes(draft)):
        st, end = start_of(seg), end_of(seg)
        words = [words_of(seg["scene"])] if isinstance(seg.get("scene"), dict) else []
        words += _words(draft, _middle_in(st, end), designed=False)
        title = " / ".join(w for w in words if w)
        spans.append(SceneSpan(str(seg.get("id") or f"scene{index}"), st, end, title))
    return spans


def _middle_in(st: int, end: int) -> Callable[[int, int], bool]:
    return lambda a, b: st <= (a + b) / 2 < end


def _words(
    draft: Mapping[str, Any], shown: Callable[[int, int], bool], *, designed: bool = True
) -> list[str]:
    found: list[str] = []
    if designed:
        for seg in scenes(draft):
            if isinstance(seg.get("scene"), dict) and shown(start_of(seg), end_of(seg)):
                found.append(words_of(seg["scene"]))
    for track in tracks_of(draft, tt=TEXT):
        for seg in segments_of(track):
            text = seg.get("text")
            if isinstance(text, str) and text.strip() and shown(start_of(seg), end_of(seg)):
                found.append(" ".join(text.split()))
    return [w for w in found if w]
