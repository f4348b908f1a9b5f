"""What the pictures show: cards, transitions, fit, Ken Burns, gaps, stacking, video sources."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from _render_tools import card, draft, frames_at, raw_planes, render, video_track

from nemo_tui.engine.render.probe import probe


def _mean(img: np.ndarray, y0: float = 0.4, y1: float = 0.6, x0: float = 0.4, x1: float = 0.6) -> np.ndarray:
    h, w, _ = img.shape
    return img[int(h * y0) : int(h * y1), int(w * x0) : int(w * x1)].reshape(-1, 3).mean(axis=0)


def _close(rgb: np.ndarray, expected: tuple[int, int, int], tol: float = 12) -> bool:
    return bool(np.all(np.abs(rgb - np.array(expected)) <= tol))


async def test_color_and_gradient_cards(media: Path, tmp_path: Path) -> None:
    doc = draft(video_track(card("s1", 0, 500, "#3366CC"), {"id": "s2", "st": 500, "d": 500,
                                                            "src": "gradient:#FF0000,#0000FF"}))  # fmt: skip
    solid, grad = frames_at(await render(doc, tmp_path / "o.mp4", media), [0.2, 0.7])
    assert _close(_mean(solid), (0x33, 0x66, 0xCC))
    assert _close(_mean(grad, 0.0, 0.1, 0.0, 0.1), (240, 0, 15), 30)  # top-left: the first colour
    assert _close(_mean(grad, 0.9, 1.0, 0.9, 1.0), (15, 0, 240), 30)  # bottom-right: the second
    middle = _mean(grad)
    assert 105 < middle[0] < 150 and 105 < middle[2] < 150


async def test_crossfade_mid_frame_is_half_of_each(media: Path, tmp_path: Path) -> None:
    # Touching segments: the 600 ms crossfade is centred on the cut at 1.0 s.
    fade = {"type": "fade", "d": 600}
    doc = draft(video_track(card("s1", 0, 1000, "#FF0000"), card("s2", 1000, 1000, "#0000FF", tr=fade)))
    before, mid, after = frames_at(await render(doc, tmp_path / "o.mp4", media), [0.6, 1.0, 1.4])
    assert _close(_mean(before), (255, 0, 0), 15)
    assert _close(_mean(after), (0, 0, 255), 15)
    r, _, b = _mean(mid)
    assert 100 < r < 155 and 100 < b < 155


async def test_crossfade_of_overlapping_segments(media: Path, tmp_path: Path) -> None:
    # The engine's drafts overlap scenes by the transition's length: window 0.8-1.2 s, mid at 1.0 s.
    fade = {"type": "fade", "d": 400}
    doc = draft(video_track(card("s1", 0, 1200, "#FF0000"), card("s2", 800, 1200, "#0000FF", tr=fade)))
    out = await render(doc, tmp_path / "o.mp4", media)
    before, mid, after = frames_at(out, [0.75, 1.0, 1.25])
    assert _close(_mean(before), (255, 0, 0), 15) and _close(_mean(after), (0, 0, 255), 15)
    r, _, b = _mean(mid)
    assert 100 < r < 155 and 100 < b < 155
    assert len(frames_at(out, [0.0])) == 1 and abs(_frame_count(out) - 60) == 0  # 2.0 s at 30 fps


def _frame_count(path: Path) -> int:
    import av

    with av.open(str(path)) as c:
        return sum(1 for _ in c.decode(video=0))


async def test_dip_to_black(media: Path, tmp_path: Path) -> None:
    dip = {"type": "black", "d": 600}
    doc = draft(video_track(card("s1", 0, 1000, "#FFFFFF"), card("s2", 1000, 1000, "#FFFF00", tr=dip)))
    before, mid, after = frames_at(await render(doc, tmp_path / "o.mp4", media), [0.6, 1.0, 1.4])
    assert _mean(before).min() > 230
    assert _mean(mid).max() < 25
    assert _close(_mean(after), (255, 255, 0), 15)


async def test_contain_letterboxes_on_the_background(media: Path, tmp_path: Path) -> None:
    seg = {"id": "s1", "st": 0, "d": 500, "src": "media:square", "fit": "contain"}
    (img,) = frames_at(await render(draft(video_track(seg), bg="#FF00FF"), tmp_path / "o.mp4", media), [0.2])
    assert _close(_mean(img, 0.3, 0.7, 0.0, 0.15), (255, 0, 255))  # bars: the canvas background
    assert _close(_mean(img, 0.3, 0.7, 0.85, 1.0), (255, 0, 255))
    assert _close(_mean(img), (0, 255, 0))  # the square, whole, in the middle
    assert _close(_mean(img, 0.0, 0.05, 0.4, 0.6), (0, 255, 0))  # touching top and bottom


async def test_cover_fills_the_canvas(media: Path, tmp_path: Path) -> None:
    seg = {"id": "s1", "st": 0, "d": 500, "src": "media:square", "fit": "cover"}
    (img,) = frames_at(await render(draft(video_track(seg), bg="#FF00FF"), tmp_path / "o.mp4", media), [0.2])
    assert _close(_mean(img, 0, 1, 0, 1), (0, 255, 0))


async def test_ken_burns_changes_the_picture(media: Path, tmp_path: Path) -> None:
    kb = {"kenburns": {"from": [1.0, 0.5, 0.5], "to": [1.3, 0.3, 0.5]}}
    doc = draft(video_track({"id": "s1", "st": 0, "d": 2000, "src": "media:photo", "fx": kb}))
    still = draft(video_track({"id": "s1", "st": 0, "d": 2000, "src": "media:photo"}))
    start, end = frames_at(await render(doc, tmp_path / "kb.mp4", media), [0.0, 1.95])
    plain, _ = frames_at(await render(still, tmp_path / "still.mp4", media), [0.0, 1.95])
    assert np.abs(start - plain).mean() < 4  # starts at zoom 1, centred: the same as no Ken Burns
    assert np.abs(end - start).mean() > 20  # ends zoomed in and moved left


def _centroids(frames: list[np.ndarray], near: list[tuple[float, float]]) -> np.ndarray:
    out = []
    for img, (x, y) in zip(frames, near, strict=True):
        gray = img.mean(axis=2)
        x0, y0 = int(x) - 12, int(y) - 12
        win = gray[y0 : y0 + 25, x0 : x0 + 25]
        win = np.clip(win - 16, 0, None)
        yy, xx = np.mgrid[y0 : y0 + 25, x0 : x0 + 25]
        out.append(((win * xx).sum() / win.sum(), (win * yy).sum() / win.sum()))
    return np.array(out)


async def test_phone_photo_is_turned_upright(media: Path, tmp_path: Path) -> None:
    """EXIF orientation 6: the picture is shown turned, Ken Burns geometry included."""
    kb = {"kenburns": {"from": [1.0, 0.5, 0.5], "to": [1.1, 0.5, 0.5]}}
    seg = {"id": "s1", "st": 0, "d": 500, "src": "media:phone", "fit": "contain", "fx": kb}
    (img,) = frames_at(await render(draft(video_track(seg), bg="#FFFFFF"), tmp_path / "o.mp4", media), [0.0])
    assert _close(_mean(img, 0.1, 0.4, 0.45, 0.55), (255, 0, 0), 20)  # red on top
    assert _close(_mean(img, 0.6, 0.9, 0.45, 0.55), (0, 0, 255), 20)  # blue below
    assert _close(_mean(img, 0.3, 0.7, 0.0, 0.2), (255, 255, 255), 20)  # tall: white bars at the sides


def test_stills_tell_ffmpeg_what_they_decode_to(media: Path) -> None:
    """So that ffmpeg does not decode each picture once more just to open it; the size is the stored
    one (a turned phone photo is 400x200 in the file, 200x400 on screen)."""
    assert probe(media / "blobs.png").input_options() == ["-pixel_format", "rgb24", "-video_size", "640x360"]
    phone = probe(media / "phone.jpg")
    assert (phone.width, phone.height) == (200, 400)
    assert phone.input_options()[2:] == ["-video_size", "400x200"]
    assert probe(media / "rgb.mp4").input_options() == []


async def test_transparent_picture_lies_on_the_background(media: Path, tmp_path: Path) -> None:
    seg = {"id": "s1", "st": 0, "d": 500, "src": "media:logo", "fit": "contain"}
    (img,) = frames_at(await render(draft(video_track(seg), bg="#3366CC"), tmp_path / "o.mp4", media), [0.2])
    assert _close(_mean(img, 0.05, 0.15, 0.3, 0.7), (0x33, 0x66, 0xCC))  # transparent: the background
    assert _close(_mean(img), (0, 255, 0))  # the opaque middle


def test_ken_burns_moves_smoothly(media: Path, tmp_path: Path) -> None:
    """A dot follows the ideal path within a fraction of a pixel: no whole-pixel stepping.

    Measured on the frames the render's graph hands to the encoder, so every format it goes through
    counts (zoompan in yuv420p stepped its crop by two pixels of its picture: 1 px here). The finer
    measure is test_render_kenburns_wobble.py.
    """
    w, h, n = 640, 360, 60
    kb = {"kenburns": {"from": [1.0, 0.5, 0.5], "to": [1.15, 0.55, 0.45]}}
    seg = {"id": "s1", "st": 0, "d": n * 1000 // 30, "src": "media:blobs", "fit": "cover", "fx": kb}
    luma, _, _ = raw_planes(draft(video_track(seg), w=w, h=h), media, tmp_path)
    frames = [np.repeat(f[:, :, None].astype(np.int16), 3, axis=2) for f in luma]
    assert len(frames) == n
    for bx, by in ((0.7, 0.65), (0.3, 0.3), (0.55, 0.4)):
        ideal = _ideal_path(bx, by, w, h, n)
        error = _centroids(frames, ideal) - np.array(ideal)
        # perspective: a few hundredths of a pixel. zoompan on a 1.5x picture was up to half a pixel
        # off in steps of 2/3 px, on the whole yuv420p picture 0.94 px off, on a canvas-sized one 2.2 px.
        assert np.abs(error).max() < 0.6  # on the path
        assert np.abs(np.diff(error, axis=0)).max() < 0.8


def _ideal_path(bx: float, by: float, w: int, h: int, n: int) -> list[tuple[float, float]]:
    """Where the point (bx, by) of the picture is in each frame of the move 1.0 -> 1.15 used here."""
    ideal = []
    for i in range(n):
        p = i / (n - 1)
        z = 1.15**p
        vx = min(max((0.5 + 0.05 * p) * w - w / z / 2, 0), w - w / z)
        vy = min(max((0.5 - 0.05 * p) * h - h / z / 2, 0), h - h / z)
        ideal.append(((bx * w - vx) * z, (by * h - vy) * z))
    return ideal


def test_ken_burns_moves_colour_with_brightness(media: Path, tmp_path: Path) -> None:
    """The colour planes (moved on their own, at half size) follow the same path as the luma plane."""
    w, h, n = 640, 360, 60
    kb = {"kenburns": {"from": [1.0, 0.5, 0.5], "to": [1.15, 0.55, 0.45]}}
    seg = {"id": "s1", "st": 0, "d": n * 1000 // 30, "src": "media:redblobs", "fit": "cover", "fx": kb}
    _, _, v = raw_planes(draft(video_track(seg), w=w, h=h), media, tmp_path)
    red = [np.repeat((f.astype(np.int16) - 128 + 16)[:, :, None], 3, axis=2) for f in v]  # Cr > 0: red
    for bx, by in ((0.7, 0.65), (0.3, 0.3), (0.55, 0.4)):
        # In chroma pixels: chroma pixel j is centred on frame pixels 2j and 2j+1.
        ideal = [(x / 2 - 0.25, y / 2 - 0.25) for x, y in _ideal_path(bx, by, w, h, n)]
        error = _centroids(red, ideal) - np.array(ideal)
        assert np.abs(error).max() < 0.5  # a chroma pixel is two of the frame's
        assert np.abs(np.diff(error, axis=0)).max() < 0.8


async def test_gap_shows_background_and_upper_track_draws_on_top(media: Path, tmp_path: Path) -> None:
    lower = video_track(card("s1", 0, 500, "#FF0000"), card("s2", 1000, 1000, "#0000FF"))
    upper = video_track(card("s3", 1200, 400, "#00FF00", tr={"type": "fade", "d": 200}), tid="v2")
    out = await render(draft(lower, upper, bg="#FFFF00"), tmp_path / "o.mp4", media)
    red, gap, blue, green, fading_in, back = frames_at(out, [0.2, 0.7, 1.1, 1.45, 1.3, 1.8])
    assert _close(_mean(red), (255, 0, 0), 15)
    assert _close(_mean(gap), (255, 255, 0), 15)
    assert _close(_mean(blue), (0, 0, 255), 15)
    assert _close(_mean(green), (0, 255, 0), 15)
    assert 40 < _mean(fading_in)[1] < 215 and _mean(fading_in)[2] > 40  # green crossfading in over blue
    assert _close(_mean(back), (0, 0, 255), 15)


async def test_video_in_point_and_speed(media: Path, tmp_path: Path) -> None:
    # rgb.mp4: red 0-1 s, green 1-2 s, blue 2-3 s.
    doc = draft(
        video_track(
            {"id": "s1", "st": 0, "d": 500, "src": "media:rgb", "in": 1200},
            {"id": "s2", "st": 500, "d": 1000, "src": "media:rgb", "speed": 2.0},
            {"id": "s3", "st": 1500, "d": 1000, "src": "media:rgb", "in": 2500},  # runs out: holds
        )
    )
    frames = frames_at(await render(doc, tmp_path / "o.mp4", media), [0.25, 0.6, 1.3, 2.4])
    expected = [(0, 255, 0), (255, 0, 0), (0, 255, 0), (0, 0, 255)]
    for img, rgb in zip(frames, expected, strict=True):
        assert _close(_mean(img), rgb, 10)  # a BT.709 source: converted, not just relabelled
