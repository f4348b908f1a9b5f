"""The file itself: codec, profile, pixel format, size, rate, length, sound, preview size."""

from __future__ import annotations

from pathlib import Path

import av
import pytest
from _render_tools import card, draft, render, rms, sound, text_track, video_track


def _streams(path: Path) -> tuple[dict, dict]:
    with av.open(str(path)) as c:
        v, a = c.streams.video[0], c.streams.audio[0]
        video = {
            "codec": v.codec_context.name,
            "profile": v.codec_context.profile,
            "pix_fmt": v.codec_context.pix_fmt,
            "size": (v.width, v.height),
            "fps": float(v.average_rate),
            "frames": sum(1 for _ in c.demux(v) if _.size),
            "colours": (v.codec_context.colorspace, v.codec_context.color_range),
        }
        audio = {"codec": a.codec_context.name, "rate": a.rate, "channels": a.channels}
    return video, audio


@pytest.mark.parametrize("fps", [30, 25])
async def test_mp4_is_h264_high_yuv420p_with_48k_stereo_sound(media: Path, tmp_path: Path, fps: int) -> None:
    doc = draft(video_track(card("s1", 0, 1000, "#FF0000"), card("s2", 1000, 1000, "#0000FF")), fps=fps)
    out = await render(doc, tmp_path / "out.mp4", media)
    video, audio = _streams(out)
    assert video == {
        "codec": "h264",
        "profile": "High",
        "pix_fmt": "yuv420p",
        "size": (320, 180),
        "fps": fps,
        "frames": 2 * fps,
        "colours": (6, 1),  # tagged BT.601 (SMPTE 170M), limited range
    }
    assert audio == {"codec": "aac", "rate": 48000, "channels": 2}
    samples, rate = sound(out)
    assert abs(samples.shape[1] / rate - 2.0) < 1 / fps  # as long as the picture, within a frame
    assert rms(samples) < 1e-4  # nothing plays: silence, but a sound track all the same


async def test_moov_atom_first_for_streaming(media: Path, tmp_path: Path) -> None:
    out = await render(draft(video_track(card("s1", 0, 500))), tmp_path / "out.mp4", media)
    data = out.read_bytes()
    assert 0 < data.find(b"moov") < data.find(b"mdat")  # +faststart: the index before the media


async def test_real_1080p_clip(media: Path, tmp_path: Path) -> None:
    kb = {"kenburns": {"from": [1.0, 0.5, 0.5], "to": [1.1, 0.45, 0.5]}}
    doc = draft(
        video_track({"id": "s1", "st": 0, "d": 1000, "src": "media:photo", "fx": kb}),
        text_track({"id": "s2", "st": 0, "d": 1000, "text": "Urban Dreams", "style": {"size": 96}}),
        w=1920,
        h=1080,
    )
    out = await render(doc, tmp_path / "hd.mp4", media)
    video, audio = _streams(out)
    assert (video["size"], video["profile"], video["frames"], video["fps"]) == ((1920, 1080), "High", 30, 30)
    assert audio["rate"] == 48000


async def test_preview_is_small_and_still_high_profile(media: Path, tmp_path: Path) -> None:
    doc = draft(video_track(card("s1", 0, 500)), w=1280, h=720)
    video, _ = _streams(await render(doc, tmp_path / "p.mp4", media, preview=True))
    assert video["size"] == (640, 360)
    assert video["profile"] == "High"


async def test_progress_climbs_to_100(media: Path, tmp_path: Path) -> None:
    seen: list[float] = []
    await render(draft(video_track(card("s1", 0, 2000))), tmp_path / "o.mp4", media, progress=seen.append)
    assert seen and seen[-1] == 100.0
    assert seen == sorted(seen) and all(0 <= p <= 100 for p in seen)
