""" "What's in my timeline?": every track and its pieces, numbered as edits refer to them."""

from __future__ import annotations

from typing import Any

from nemo_tui.draft.reads import clip_rows, tracks_in
from nemo_tui.draft.views import build, seconds
from nemo_tui.draft.views import name_zh as _name_zh

from . import clips
from . import draft_ops as ops

MAX_ITEMS = 12


# The listing's words in Chinese, for a person who writes Chinese (`describe(draft, zh=True)`).
_KINDS_ZH = {
    "Captions": "字幕",
    "Title": "标题",
    "Text": "文字",
    "BGM": "背景音乐",
    "Voice": "配音",
    "Audio": "音频",
}


def describe(draft: dict[str, Any] | None, zh: bool = False) -> str:
    """A few lines: the length and canvas, then each track with its numbered clips or lines."""
    view = build(draft)
    if not view.tracks or not draft:
        if zh:
            return "时间线是空的：先生成一个视频，或加入你上传的素材。"
        return "The timeline is empty: generate a video or add your uploads first."
    canvas = draft.get("canvas") or {}
    size = f"{ops.aspect_of(canvas)} ({canvas.get('w')}x{canvas.get('h')})"
    lines = [f"{seconds(view.duration_ms)}秒，{size}。" if zh else f"{seconds(view.duration_ms)} s, {size}."]
    main = ops.main_track(draft)
    for track, raw in zip(view.tracks, tracks_in(draft), strict=False):
        segs = track.segments
        kind = _KINDS_ZH.get(track.kind, track.kind) if zh else track.kind
        sep = "；" if zh else "; "
        if raw is main:
            count = len(clip_rows(clips.scenes(draft)))  # what "how many clips?" asks, numbered as shown
            head = f"片段（{count}个）：" if zh else f"Clips ({count}): "
            lines.append(head + sep.join(_cap(_clip_items(segs, zh), zh)))
        elif track.kind in ("Captions", "Title", "Text"):
            items = [
                f"{i}. “{s.text}”（{_span(s, zh)}）" if zh else f'{i}. "{s.text}" ({s.span})'
                for i, s in enumerate(segs, 1)
            ]
            lines.append(f"{kind}{'：' if zh else ': '}" + sep.join(_cap(items, zh)))
        else:
            vol = f", {round(segs[0].volume * 100)}%" if segs and segs[0].volume is not None else ""
            span = f"{seconds(segs[0].start_ms)}-{seconds(segs[-1].end_ms)}" if segs else "0-0"
            if zh:
                what = _name_zh(segs[0].name) if len(segs) == 1 else f"{len(segs)}句"
                lines.append(f"{kind}：{what}（{span}秒{vol.replace(', ', '，')}）")
            else:
                what = segs[0].name if len(segs) == 1 else f"{len(segs)} lines"
                lines.append(f"{kind}: {what} ({span}s{vol})")
    if any(clips.is_card(s) for s in clips.scenes(draft)):
        lines.append(
            "修改时按这些编号称呼片段；片头不计数，始终在最前。"
            if zh
            else "Edits name clips by these numbers; the title card is not counted and stays first."
        )
    return "\n".join(lines)


def _span(seg: Any, zh: bool) -> str:
    return f"{seconds(seg.start_ms)}-{seconds(seg.end_ms)}秒" if zh else str(seg.span)


def _clip_items(segs: tuple[Any, ...], zh: bool = False) -> list[str]:
    """Numbered as the tools number them: the title card is shown by name, without a number."""
    items, number = [], 0
    for seg in sorted(segs, key=lambda s: s.start_ms):
        if clips.is_card(seg.details):
            items.append(f"片头（{_span(seg, zh)}）" if zh else f"title card ({seg.span})")
            continue
        number += 1
        name = f"“{_name_zh(seg.name)}”" if zh else seg.name
        speed = _speed(seg.details)
        items.append(
            f"{number}. {name}（{_span(seg, zh)}{speed.replace(', ', '，')}）"
            if zh
            else f"{number}. {name} ({seg.span}{speed})"
        )
    return items


def _speed(seg: dict[str, Any]) -> str:
    speed = seg.get("speed")
    return f", {speed:g}x" if isinstance(speed, int | float) and speed != 1 else ""


def _cap(items: list[str], zh: bool = False) -> list[str]:
    if len(items) <= MAX_ITEMS:
        return items
    more = len(items) - MAX_ITEMS + 1
    return items[: MAX_ITEMS - 1] + [f"……还有{more}项" if zh else f"… {more} more"]
