"""What a chunk travels as: plain JSON, so a worker needs nothing but the message and the store.

The coordinator has parsed, resolved and drawn the draft; a worker rebuilds the same timeline from
the draft itself (`parse_draft` is deterministic) and the clip each designed scene plays from, and
reads every source from the store by key. Frames are the full timeline's: [first, end).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, TypedDict

from ..render.quality import Quality
from ..render.scenes import play_from_clips
from ..render.timeline import Timeline
from ..render.validate import parse_draft


class Job(TypedDict):
    draft: dict[str, Any]
    media: dict[str, str]  # source (`media:…`, `gen:…`, `clip:…`) → store key
    scenes: dict[str, str]  # a designed scene's `where` → the `clip:` source it plays from
    quality: dict[str, Any]
    first: int  # the chunk's frames; both 0 for the sound
    end: int


def make_job(
    draft: dict[str, Any],
    media: dict[str, str],
    scenes: dict[str, str],
    quality: Quality,
    first: int = 0,
    end: int = 0,
) -> Job:
    return Job(
        draft=draft, media=media, scenes=scenes, quality=dataclasses.asdict(quality), first=first, end=end
    )


def job_quality(job: Job) -> Quality:
    fields = dict(job["quality"])
    fields["keyframes_s"] = tuple(fields.get("keyframes_s", ()))  # JSON has lists, the dataclass tuples
    return Quality(**fields)


def job_timeline(job: Job) -> Timeline:
    return play_from_clips(parse_draft(job["draft"]), job["scenes"])


def job_sources(timeline: Timeline, media: dict[str, Path]) -> dict[str, Path]:
    """The sources the drawn timeline plays (not the pictures inside designed scenes, already drawn)."""
    used = {getattr(s, "src", "") for t in timeline.tracks for s in t.segments}
    return {src: path for src, path in media.items() if src in used}
