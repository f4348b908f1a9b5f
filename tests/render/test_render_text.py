"""Titles and captions: when and where they show, Chinese glyphs, wrapping, fading with their scene."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from _render_tools import H, W, card, draft, frames_at, render, text_track, video_track

from nemo_tui.engine.render.ffmpeg import ffmpeg_exe
from nemo_tui.engine.render.fonts import fontconfig_env


def _region(img: np.ndarray, y0: float, y1: float, x0: float = 0.0, x1: float = 1.0) -> np.ndarray:
    h, w, _ = img.shape
    return img[int(h * y0) : int(h * y1), int(w * x0) : int(w * x1)]


def _ink(img: np.ndarray, base: np.ndarray, *region: float) -> float:
    """Mean absolute difference from the render without text, over a region."""
    return float(np.abs(_region(img, *region) - _region(base, *region)).mean())


async def test_title_shows_when_and_where_it_should(media: Path, tmp_path: Path) -> None:
    scene = video_track(card("s1", 0, 2000, "#204060"))
    title = {
        "id": "s2",
        "st": 500,
        "d": 1000,
        "text": "Urban {Dreams} \\N",
        "style": {"size": 28, "pos": "top"},
    }
    times = [0.3, 1.0, 1.7]
    plain = frames_at(await render(draft(scene), tmp_path / "plain.mp4", media), times)
    titled = frames_at(await render(draft(scene, text_track(title)), tmp_path / "title.mp4", media), times)
    before, during, after = (_ink(t, p, 0.0, 0.35) for t, p in zip(titled, plain, strict=True))
    assert during > 8  # the words are there, at the top
    assert before < 0.5 and after < 0.5  # not before its start, gone after its end
    assert _ink(titled[1], plain[1], 0.5, 1.0) < 0.5  # and nowhere else


async def test_position_xy_and_box(media: Path, tmp_path: Path) -> None:
    scene = video_track(card("s1", 0, 1000, "#808080"))
    style = {"size": 20, "pos": [0.25, 0.75], "box": "#000000CC", "color": "#FFFF00"}
    (img,) = frames_at(
        await render(draft(scene, text_track({"id": "s2", "st": 0, "d": 1000, "text": "Hi", "style": style})),
                     tmp_path / "o.mp4", media), [0.5])  # fmt: skip
    box = _region(img, 0.65, 0.85, 0.2, 0.3).reshape(-1, 3)
    assert (box.mean(axis=1) < 60).mean() > 0.3  # a dark box around the text at (0.25, 0.75)
    assert ((box[:, 0] > 180) & (box[:, 1] > 180) & (box[:, 2] < 90)).any()  # yellow letters in it
    assert np.abs(_region(img, 0.1, 0.4, 0.6, 0.9) - 128).max() < 6  # the rest untouched


def _cells(img: np.ndarray, count: int, y0: float, y1: float, x0: float, x1: float) -> list[np.ndarray]:
    strip = _region(img, y0, y1, x0, x1).mean(axis=2)
    width = strip.shape[1] // count
    return [strip[:, i * width : (i + 1) * width] for i in range(count)]


async def test_chinese_renders_glyphs_not_boxes(media: Path, tmp_path: Path) -> None:
    scene = video_track(card("s1", 0, 500, "#000000"))
    style = {"size": 40, "pos": "center"}

    async def four(text: str, name: str) -> np.ndarray:
        doc = draft(scene, text_track({"id": "s2", "st": 0, "d": 500, "text": text, "style": style}))
        return frames_at(await render(doc, tmp_path / name, media), [0.2])[0]

    chinese = await four("你好世界", "zh.mp4")
    tofu = await four("\ue000\ue001\ue002\ue003", "tofu.mp4")  # private use: no font has them
    # Four 40 px characters centred on a 320 px canvas: x from 0.25 to 0.75.
    glyphs = _cells(chinese, 4, 0.35, 0.65, 0.25, 0.75)
    boxes = _cells(tofu, 4, 0.35, 0.65, 0.25, 0.75)
    assert all(g.mean() > 15 for g in glyphs)  # ink in every cell
    assert min(np.abs(a - b).mean() for i, a in enumerate(glyphs) for b in glyphs[i + 1 :]) > 10
    assert max(np.abs(a - b).mean() for i, a in enumerate(boxes) for b in boxes[i + 1 :]) < 5  # all alike
    assert np.abs(chinese - tofu).mean() > 5


def test_simplified_chinese_face_is_chosen(tmp_path: Path) -> None:
    """直 differs between the Japanese face (the .ttc's face 0) and the Simplified Chinese one."""
    from nemo_tui.engine.render.text import build_ass
    from nemo_tui.engine.render.timeline import Canvas, TextSegment, TextStyle

    canvas = Canvas(160, 160, __import__("fractions").Fraction(30), "#000000FF")
    seg = TextSegment("x", "s1", 0, 1000, "直", TextStyle(120.0, "#FFFFFFFF", "center", None, "none"))
    ours = build_ass(canvas, [[seg]], [])
    images = {}
    for name, script in (("sc", ours), ("jp", ours.replace("Noto Sans CJK SC", "Noto Sans CJK JP"))):
        (tmp_path / f"{name}.ass").write_text(script, encoding="utf-8")
        raw = subprocess.run(
            [ffmpeg_exe(), "-loglevel", "error", "-f", "lavfi", "-i", "color=c=black:s=160x160:d=0.1",
             "-vf", f"ass={name}.ass", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-"],
            capture_output=True, check=True, cwd=tmp_path, env={**fontconfig_env(tmp_path)},
        ).stdout  # fmt: skip
        images[name] = np.frombuffer(raw, np.uint8).reshape(160, 160).astype(np.int16)
    assert images["sc"].mean() > 10 and images["jp"].mean() > 10
    assert np.abs(images["sc"] - images["jp"]).mean() > 3  # a different glyph: the SC face


async def test_long_caption_wraps_inside_the_canvas(media: Path, tmp_path: Path) -> None:
    scene = video_track(card("s1", 0, 500, "#000000"))
    words = "城市的夜晚灯火通明，人们在街头漫步，享受着温柔的晚风。"
    doc = draft(scene, text_track({"id": "s2", "st": 0, "d": 500, "text": words, "style": {"size": 24}}))
    (img,) = frames_at(await render(doc, tmp_path / "o.mp4", media), [0.2])
    ink = img.mean(axis=2) > 100
    columns, rows = np.where(ink.any(axis=0))[0], np.where(ink.any(axis=1))[0]
    assert columns.min() > 0.03 * W and columns.max() < 0.97 * W  # within the canvas, with margins
    assert rows.max() - rows.min() > 2 * 24  # more than one line
    assert rows.max() > H * 0.6  # at the bottom, the default


@pytest.mark.parametrize("overlap", [0, 600], ids=["touching", "overlapping"])
async def test_captions_never_overlap_during_a_crossfade(media: Path, tmp_path: Path, overlap: int) -> None:
    """Each caption fades with its scene: out before the crossfade's midpoint (1.0 s), in after it.

    With overlapping scenes, captions timed like their scenes overlap too (on two tracks): drawn as
    written, both would show at half strength in the middle of the crossfade.
    """
    fade = {"type": "fade", "d": 600}
    end, start = 1000 + overlap // 2, 1000 - overlap // 2
    scenes = video_track(card("s1", 0, end, "#404040"), card("s2", start, 2000 - start, "#404040", tr=fade))
    style = {"size": 30, "pos": "center", "anim": "none"}
    first = {"id": "c1", "st": 0, "d": end, "text": "AAAA", "style": {**style, "color": "#FF0000"}}
    second = {
        "id": "c2",
        "st": start,
        "d": 2000 - start,
        "text": "BBBB",
        "style": {**style, "color": "#00FF00"},
    }
    times = [0.4 + i / 30 for i in range(0, 31)]
    doc = draft(scenes, text_track(first), text_track(second, tid="x2"))
    frames = frames_at(await render(doc, tmp_path / "o.mp4", media), times)
    reds, greens = [], []
    for img in frames:
        r, g, b = (img[..., i].astype(float) for i in range(3))
        reds.append(np.clip(r - (g + b) / 2 - 20, 0, None).sum() / 1000)  # how much red text shows
        greens.append(np.clip(g - (r + b) / 2 - 20, 0, None).sum() / 1000)
    assert reds[0] > 20 and greens[-1] > 20
    assert all(min(red, green) < 0.5 for red, green in zip(reds, greens, strict=True))
    assert reds[12] < reds[0] * 0.8 and greens[18] < greens[-1] * 0.8  # fading, not cut


async def test_text_stays_on_the_canvas(media: Path, tmp_path: Path) -> None:
    """A box placed at the very edge moves in; a caption too long for the frame gets smaller."""
    scene = video_track(card("s1", 0, 1000, "#000000"))
    edge = {
        "id": "e",
        "st": 0,
        "d": 1000,
        "text": "Left edge",
        "style": {"size": 24, "pos": [0.02, 0.2], "box": "#FFFFFFFF"},
    }
    long = {
        "id": "l",
        "st": 0,
        "d": 1000,
        "text": " ".join(["words"] * 120),
        "style": {"size": 20, "pos": "bottom"},
    }
    (at_edge,) = frames_at(await render(draft(scene, text_track(edge)), tmp_path / "e.mp4", media), [0.5])
    (too_long,) = frames_at(await render(draft(scene, text_track(long)), tmp_path / "l.mp4", media), [0.5])
    box_rows = at_edge[:, :, :].mean(axis=2).max(axis=1) > 200
    assert box_rows.any() and at_edge[box_rows, 0].mean() < 60  # the white box ends before the left edge
    assert at_edge[box_rows, 3:40].mean() > 200  # and starts just inside it
    ink = too_long.mean(axis=2) > 100
    assert ink.any() and not ink[:3].any()  # nothing cut off at the top
