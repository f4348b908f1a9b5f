"""Checking a draft with exact key paths: `DraftError`, the key-by-key `Reader`, and `check_draft`.

A problem is `(key path, message)`; the message names the segment and the key, e.g.
`t[0].sg[2] (id s3): "st" is negative (-500)`. A bad value records a problem and yields the default,
so that one pass finds every problem (and the pass is linear in the draft's size). The renderer
(`nemo_tui.engine.render.validate`) walks the draft with the same functions (`track_list`,
`open_track`, `segment_readers`, `check_timing`) and reads the keys it renders with the same `Reader`,
so a problem has one path and one message wherever it is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .model import Draft
from .wire import TRACK_TYPES

#: The shortest segment: shorter is a frame or two, nothing to see, and ffmpeg reads a zero length as
#: "no limit".
MIN_SEGMENT_MS = 50
#: The latest end of a segment: the longest timeline rendered.
MAX_END_MS = 4 * 3_600_000

MISSING: Any = object()
_HEX = re.compile(r"#([0-9A-Fa-f]{6})([0-9A-Fa-f]{2})?")


def parse_color(value: object, *, alpha: bool = False) -> str:
    """Normalise `#RRGGBB` (or `#RRGGBBAA` with `alpha`) to `#RRGGBBAA`, upper case; else ValueError."""
    m = _HEX.fullmatch(value) if isinstance(value, str) else None
    if not m or (m.group(2) and not alpha):
        raise ValueError("#RRGGBBAA" if alpha else "#RRGGBB")
    return f"#{m.group(1).upper()}{(m.group(2) or 'FF').upper()}"


class DraftError(ValueError):
    """A draft that cannot be used as written.

    `path` is the key path of the first problem (e.g. `t[1].sg[0].st`); `problems` lists every
    problem found as `(path, message)` pairs, and the message has one line per problem.
    """

    def __init__(self, message: str, path: str = "", problems: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.path = path
        self.problems = problems if problems is not None else [(path, message)]

    @classmethod
    def collect(cls, problems: list[tuple[str, str]]) -> DraftError:
        return cls("\n".join(msg for _, msg in problems), problems[0][0], problems)


class Problems:
    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, path: str, message: str) -> None:
        self.items.append((path, message))


class Reader:
    """Reads keys of one JSON object, recording a problem (and returning the default) on bad values."""

    def __init__(self, obj: dict[str, Any], path: str, label: str, problems: Problems, prefix: str = ""):
        self.obj, self.path, self.label, self.problems, self.prefix = obj, path, label, problems, prefix
        self._count = len(problems.items)

    @property
    def ok(self) -> bool:
        """No problem recorded since this reader was made (by it or by readers nested in it)."""
        return len(self.problems.items) == self._count

    def nested(self, obj: dict[str, Any], prefix: str) -> Reader:
        return Reader(obj, self.path, self.label, self.problems, self.prefix + prefix)

    def fail(self, key: str, message: str) -> None:
        key = self.prefix + key
        path = f"{self.path}.{key}" if self.path else key
        self.problems.add(path, f'{self.label}: "{key}" {message}' if self.label else f'"{key}" {message}')

    def number(
        self,
        key: str,
        default: Any = MISSING,
        *,
        lo: float | None = None,
        hi: float | None = None,
        positive: bool = False,
    ) -> Any:
        value = self.obj.get(key, MISSING)
        if value is MISSING or value is None:
            if default is MISSING:
                self.fail(key, "is missing")
                return None
            return default
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            self.fail(key, f"must be a number (got {value!r})")
        elif positive and value <= 0:
            self.fail(key, f"must be positive (got {value})")
        elif lo == 0 and hi is None and value < 0:
            self.fail(key, f"is negative ({value})")
        elif (lo is not None and value < lo) or (hi is not None and value > hi):
            self.fail(key, f"must be between {lo} and {hi} (got {value})")
        else:
            return value
        return default if default is not MISSING else None

    def choice(self, key: str, options: tuple[str, ...], default: str) -> str:
        value = self.obj.get(key, default)
        if value is None:
            return default
        if value not in options:
            self.fail(key, f"must be one of {', '.join(options)} (got {value!r})")
            return default
        return str(value)

    def boolean(self, key: str, default: bool) -> bool:
        value = self.obj.get(key, default)
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false (got {value!r})")
            return default
        return value

    def color(self, key: str, default: str | None, *, alpha: bool = False) -> str | None:
        value = self.obj.get(key, default)
        if value is None or value == "":
            return None
        try:
            return parse_color(value, alpha=alpha)
        except ValueError as exc:
            self.fail(key, f"is not a colour (got {value!r}; expected {exc})")
            return default

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.obj.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(key, f"must be an object (got {value!r})")
            return {}
        return value


def check_id(r: Reader, ident: Any, seen: dict[str, str]) -> None:
    """Ids are non-empty strings, unique in the draft (tracks and segments share one namespace)."""
    if not isinstance(ident, str) or not ident:
        r.fail("id", "is missing" if ident is None else f"must be a non-empty string (got {ident!r})")
    elif ident in seen:
        r.fail("id", f"{ident!r} is used twice (also at {seen[ident]})")
    else:
        seen[ident] = r.path


def check_timing(r: Reader) -> tuple[Any, Any]:
    """A segment's `st` (ms, ≥ 0) and `d` (ms, at least `MIN_SEGMENT_MS`, ending by `MAX_END_MS`);
    None for a bad one."""
    st, d = r.number("st", lo=0), r.number("d", positive=True)
    if isinstance(d, int | float) and 0 < d < MIN_SEGMENT_MS:
        r.fail("d", f"must be at least {MIN_SEGMENT_MS} ms (got {d})")
        d = None
    if isinstance(st, int | float) and isinstance(d, int | float) and st + d > MAX_END_MS:
        r.fail(
            "d",
            f"ends after {MAX_END_MS // 3_600_000} hours, the longest timeline rendered (st + d = {st + d})",
        )
        d = None
    return st, d


#: A track's reader, its type (`tt`) and its raw segment list.
OpenTrack = tuple[Reader, int, list[Any]]


def check_version(top: Reader) -> None:
    if top.obj.get("v", 1) != 1:
        top.fail("v", f"is an unknown schema version ({top.obj.get('v')!r}; expected 1)")


def track_list(top: Reader) -> list[Any]:
    """The draft's `t`, or [] (with a problem) when it is missing or not a list."""
    tracks = top.obj.get("t", MISSING)
    if not isinstance(tracks, list):
        top.fail("t", "is missing" if tracks is MISSING else "must be a list of tracks")
        return []
    return tracks


def open_track(
    raw: Any, i: int, problems: Problems, seen: dict[str, str]
) -> tuple[Reader, int, list[Any]] | None:
    """Track `i`'s reader, type and segment list, its id checked; None (with a problem) when the
    track is not an object, its `tt` is unknown or its `sg` is not a list."""
    path = f"t[{i}]"
    if not isinstance(raw, dict):
        problems.add(path, f"{path}: a track must be an object")
        return None
    tid = raw.get("id")
    r = Reader(raw, path, f"{path} (id {tid})" if tid else path, problems)
    check_id(r, tid, seen)
    tt = raw.get("tt")
    if tt not in TRACK_TYPES:
        r.fail("tt", f"is not a track type the renderer knows (got {tt!r}; expected 0, 1 or 7)")
        return None
    segments = raw.get("sg", [])
    if not isinstance(segments, list):
        r.fail("sg", "must be a list of segments")
        return None
    return r, int(tt), segments


def segment_readers(track: Reader, segments: list[Any], seen: dict[str, str]) -> Iterator[Reader]:
    """A reader for each segment object of a track, its id checked as it comes (so problems stay
    in draft order); a segment that is not an object is a problem and is skipped."""
    for j, seg in enumerate(segments):
        spath = f"{track.path}.sg[{j}]"
        if not isinstance(seg, dict):
            track.problems.add(spath, f"{spath}: a segment must be an object")
            continue
        sid = seg.get("id")
        sr = Reader(seg, spath, f"{spath} (id {sid})" if sid else spath, track.problems)
        check_id(sr, sid, seen)
        yield sr


def check_draft(data: Any) -> Draft:
    """The draft, typed, if its structure is sound: `t` a list of track objects with a known `tt`,
    `sg` lists of segment objects, unique ids, `st` and `d` in range. Raise `DraftError` naming every
    problem otherwise. Per-type keys (`src`, `text`, …) and overlaps are the renderer's to check."""
    if not isinstance(data, dict):
        raise DraftError(f"the draft must be a JSON object (got {type(data).__name__})")
    problems = Problems()
    top = Reader(data, "", "", problems)
    check_version(top)
    seen: dict[str, str] = {}
    for i, raw in enumerate(track_list(top)):
        opened = open_track(raw, i, problems, seen)
        if opened is not None:
            for sr in segment_readers(opened[0], opened[2], seen):
                check_timing(sr)
    if problems.items:
        raise DraftError.collect(problems.items)
    return Draft.from_wire(data)
