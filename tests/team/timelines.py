"""Timelines for the team tests, from the renderer tests' helpers and media (640x360, 30 fps)."""

from __future__ import annotations

from _render_tools import audio_track, draft, text_track, video_track

KB = ({"from": [1.0, 0.5, 0.5], "to": [1.4, 0.35, 0.6]}, {"from": [1.3, 0.4, 0.4], "to": [1.0, 0.6, 0.5]})


def long_draft(seconds: int, w: int = 640, h: int = 360) -> dict:
    """The red/green/blue clip, then two Ken Burns moves over the test card, in turn, with 0.5 s
    crossfades, a caption on every still and music looped under it all. At 30, 60 and 90 s (the
    joins of 30 s chunks) the card is moving, so a frame shifted by one would show."""
    clips, captions, at, i = [], [], 0, 0
    end = seconds * 1000
    while at < end:
        if i % 3 == 0:
            d = min(2500, end - at)
            seg = {"id": f"s{i}", "st": at, "d": d, "in": 500, "src": "media:rgb"}
        else:
            d = min(6000, end - at)
            seg = {"id": f"s{i}", "st": at, "d": d, "src": "media:photo",
                   "fx": {"kenburns": KB[i % 2]}}  # fmt: skip
            captions.append({"id": f"c{i}", "st": at + 500, "d": max(100, d - 1500), "text": f"Picture {i}"})
        if i and d > 600:
            seg["tr"] = {"type": "fade", "d": 500}
        clips.append(seg)
        at += d - (500 if d > 600 and at + d < end else 0)
        i += 1
    music = {"id": "m", "st": 0, "d": end, "src": "media:music", "loop": True, "vol": 0.5}
    return draft(
        video_track(*clips),
        audio_track(music, role="bgm"),
        text_track(*captions),
        w=w,
        h=h,
    )
