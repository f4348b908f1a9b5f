"""Designed scenes (docs/draft.md, "Designed scenes"): drawn, moving, readable, cached, checked.

Pixels, not only JSON: each template is drawn at a small size and its frames are looked at: the
illustration shows where the layout puts it, the words stand out from what is behind them, Chinese
is drawn with real glyphs, and frames inside a scene differ.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
import pytest
from _render_tools import draft, frames_at, render, video_track
from PIL import Image

from nemo_tui.draft.scenes import TEMPLATES
from nemo_tui.engine.render import DraftError, validate_draft
from nemo_tui.engine.render.scenes import draw
from nemo_tui.engine.render.scenes.clips import TEMPLATES as DRAWN
from nemo_tui.engine.render.scenes.clips import build_scene
from nemo_tui.engine.render.scenes.style import STYLES, branded, contrast, mix

SIZE = (640, 360)
ROCKET = "fluent-emoji:rocket"
SCENES = {
    "hero": {"headline": "Urban Dreams", "sub": "The smart commuter backpack", "illustration": ROCKET},
    "headline": {
        "headline": "Launch campaigns in minutes, not weeks.",
        "highlight": ["minutes"],
        "illustration": ROCKET,
    },
    "features": {
        "headline": "Why teams switch",
        "items": [
            {"text": "Instant drafts", "art": "tabler:bolt"},
            {"text": "More reach", "art": "tabler:chart-bar"},
            {"text": "Built for teams", "art": "tabler:users"},
        ],
    },
    "steps": {
        "headline": "How it works",
        "items": [{"text": "Upload"}, {"text": "Chat"}, {"text": "Export"}],
    },
    "stat": {"value": "87%", "label": "of customers ship on day one", "highlight": ["day one"]},
    "quote": {"quote": "The best bag I have owned.", "author": "Maya, Berlin"},
    "cta": {
        "headline": "Carry the city in style",
        "button": "Order now",
        "sub": "urbandreams.com",
        "illustration": ROCKET,
    },
    "media": {"media": "media:photo", "headline": "Baked fresh every morning", "layout": "split"},
}


def scene(template: str, **extra: object) -> dict:
    return {"template": template, **SCENES[template], **extra}


def frame_at(
    fields: dict, t: float, size: tuple[int, int] = SIZE, pictures: dict | None = None
) -> np.ndarray:
    built = build_scene(fields, size, 4000, pictures or {})
    return np.asarray(built.frame(t), dtype=np.int16)


def test_every_template_of_the_draft_format_is_drawn() -> None:
    assert set(DRAWN) == set(TEMPLATES)


@pytest.mark.parametrize("template", sorted(SCENES))
def test_each_template_draws_its_words_and_art_and_moves(template: str, media: Path) -> None:
    pictures = {"media:photo": Image.open(media / "photo.png").convert("RGBA")}
    fields = scene(template)
    early, late, later = (frame_at(fields, t, pictures=pictures) for t in (80, 2800, 3700))
    # Drawn: by the end, much of the frame differs from the bare background at the start.
    changed = (np.abs(late - early).max(axis=2) > 40).mean()
    assert changed > 0.012, f"{template}: only {changed:.1%} of the frame was drawn on"
    # Never a still frame: the background drifts and the art floats after everything has entered.
    assert np.abs(later - late).mean() > 0.3


def _art_colour(ref: str) -> np.ndarray:
    """The colour that covers most of the illustration (its body)."""
    rgba = np.asarray(draw.art_image(ref, 64)).reshape(-1, 4)
    opaque = rgba[rgba[:, 3] > 250, :3] // 16 * 16
    colours, counts = np.unique(opaque, axis=0, return_counts=True)
    return colours[counts.argmax()].astype(np.int16) + 8


def _share_of(img: np.ndarray, colour: np.ndarray, box: tuple[float, ...]) -> float:
    h, w = img.shape[:2]
    part = img[int(box[1] * h) : int(box[3] * h), int(box[0] * w) : int(box[2] * w)]
    return float((np.abs(part - colour).max(axis=2) < 24).mean())


@pytest.mark.parametrize(
    ("size", "inside", "outside"),
    [
        ((640, 360), (0.6, 0.15, 0.95, 0.85), (0.0, 0.0, 0.5, 1.0)),
        ((360, 640), (0.15, 0.0, 0.85, 0.45), (0.0, 0.5, 1.0, 1.0)),
        ((480, 480), (0.25, 0.0, 0.75, 0.45), (0.0, 0.5, 1.0, 1.0)),
    ],
)
def test_the_illustration_is_where_the_layout_puts_it(
    size: tuple[int, int], inside: tuple[float, ...], outside: tuple[float, ...]
) -> None:
    img = frame_at(scene("headline", illustration="fluent-emoji:green-apple"), 3000, size)
    colour = _art_colour("fluent-emoji:green-apple")
    assert _share_of(img, colour, inside) > 0.03
    assert _share_of(img, colour, outside) < 0.002


@pytest.mark.parametrize("name", sorted(STYLES))
def test_words_stand_out_from_the_background_in_every_style(name: str) -> None:
    style = STYLES[name]
    for palette in ([], ["#0A3D62", "#F8C291"], ["#F8C291", "#0A3D62"], ["#FFFFFF"], ["#000000", "#111111"]):
        look = branded(style, palette)
        for bg in (look.bg_top, look.bg_bottom, mix(look.bg_top, look.bg_bottom, 0.5)):
            assert contrast(look.text, bg) >= 4.0, (name, palette)
        assert contrast(look.card_text, look.card) >= 4.5


def test_headline_pixels_have_the_text_colour_on_a_contrasting_ground() -> None:
    fields = {"template": "headline", "headline": "Readable words", "style": "minimal"}
    img = frame_at(fields, 3500)
    text = np.array(STYLES["minimal"].text)
    inked = np.abs(img - text).max(axis=2) < 30
    assert inked.mean() > 0.01  # the words are drawn in their colour
    ys, xs = np.nonzero(inked)
    around = img[max(0, ys.min() - 20) : ys.max() + 20, max(0, xs.min() - 20) : xs.max() + 20]
    ground = around[np.abs(around - text).max(axis=2) > 120].mean(axis=0)
    assert contrast(tuple(int(c) for c in text), tuple(int(c) for c in ground)) > 7  # type: ignore[arg-type]


def test_chinese_words_are_real_glyphs_not_tofu() -> None:
    face = draw.face("Bold", 64, True)
    glyphs = [np.asarray(draw.word_image(c, face, (255, 255, 255)))[..., 3] for c in "茶叶新鲜"]
    assert all(g.mean() > 5 for g in glyphs)
    for i in range(len(glyphs)):
        for j in range(i + 1, len(glyphs)):
            a, b = glyphs[i], glyphs[j]
            w = min(a.shape[1], b.shape[1])
            assert np.abs(a[:, :w].astype(int) - b[:, :w]).mean() > 5  # tofu boxes would all look alike


def test_chinese_lines_break_between_words() -> None:
    assert "茶叶" in draw.words_of("每天清晨采摘新鲜的茶叶")


def test_stat_counts_up() -> None:
    from nemo_tui.engine.render.scenes.list_scenes import count_text

    assert count_text("87%", 0.0) == "0%" and count_text("87%", 1.0) == "87%"
    assert count_text("$1,200+", 0.5) == "$600+"
    assert count_text("3.5x", 1.0) == "3.5x"


def _designed_draft(*scenes: dict, canvas: tuple[int, int] = (320, 180)) -> dict:
    segments = []
    for i, fields in enumerate(scenes):
        seg = {
            "id": f"s{i}",
            "st": i * 1500,
            "d": 2000 if i < len(scenes) - 1 else 1500,
            "src": f"scene:{fields['template']}",
            "scene": fields,
        }
        if i:
            seg["tr"] = {"type": "fade", "d": 500}
        segments.append(seg)
    return draft(video_track(*segments), w=canvas[0], h=canvas[1])


def test_designed_scenes_render_into_the_video_and_are_reused(tmp_path: Path, media: Path) -> None:
    doc = _designed_draft(scene("headline"), scene("stat"))
    cache = tmp_path / "cache"
    out = asyncio.run(render(doc, tmp_path / "a.mp4", media, scene_cache=cache))
    start, entered = frames_at(out, [0.05, 1.3])
    assert np.abs(entered - start).mean() > 2  # words entered, the scene moved
    first = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.mp4")}
    assert len(first) == 2
    # The same draft again draws nothing; editing one scene draws that one only.
    asyncio.run(render(doc, tmp_path / "b.mp4", media, scene_cache=cache))
    assert {p.name for p in cache.glob("*.mp4")} == set(first)
    doc["t"][0]["sg"][1]["scene"]["value"] = "42%"
    asyncio.run(render(doc, tmp_path / "c.mp4", media, scene_cache=cache))
    assert len({p.name for p in cache.glob("*.mp4")} - set(first)) == 1


def test_a_framed_photo_shows_the_upload(tmp_path: Path, media: Path) -> None:
    doc = _designed_draft(
        {"template": "media", "media": "media:square", "headline": "Fresh", "layout": "lower-third"}
    )
    (shown,) = frames_at(asyncio.run(render(doc, tmp_path / "m.mp4", media)), [1.0])
    top = shown[10:60, 100:220].reshape(-1, 3).mean(axis=0)
    assert top[1] > 150 and top[0] < 100 and top[2] < 100  # the green square fills the frame above the band


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        ({"src": "scene:spiral"}, "t[0].sg[0].src", "unknown template 'spiral'"),
        ({"scene": {"template": "stat"}}, "t[0].sg[0].scene.value", "is missing"),
        (
            {"scene": {"template": "features", "items": [{"text": "ok"}, {"art": "tabler:x"}]}},
            "t[0].sg[0].scene.items[1].text",
            "missing",
        ),
        (
            {
                "scene": {
                    "template": "headline",
                    "headline": "x",
                    "illustration": "fluent-emoji:no-such-thing",
                }
            },
            "t[0].sg[0].scene",
            "not in the art sets",
        ),
        (
            {"scene": {"template": "headline", "headline": "x", "palette": ["blue"]}},
            "t[0].sg[0].scene.palette",
            "#RRGGBB",
        ),
        ({"scene": {"template": "media", "media": "photo.png"}}, "t[0].sg[0].scene.media", "media:<id>"),
    ],
)
def test_bad_scenes_are_refused_with_their_path(change: dict, path: str, words: str) -> None:
    seg = {
        "id": "s1",
        "st": 0,
        "d": 1000,
        "src": f"scene:{change.get('scene', {}).get('template', 'headline')}",
        "scene": {"template": "headline", "headline": "Hello"},
        **change,
    }
    with pytest.raises(DraftError) as err:
        validate_draft(draft(video_track(seg)))
    assert any(p == path and words in m for p, m in err.value.problems), err.value.problems


def test_a_word_wider_than_its_space_is_set_smaller_not_cut() -> None:
    block = draw.layout_text("Headphones", weight="Bold", size=52, max_width=200, highlight=[], max_lines=2)
    assert block.width <= 200 and block.face.font.size < 52
    assert draw.layout_text("", weight="Bold", size=52, max_width=200, highlight=[]).words == ()


def test_the_scene_cache_keeps_the_most_recently_used_clips(tmp_path: Path) -> None:
    import os

    from nemo_tui.engine.render.scenes import prune_cache

    for age, name in enumerate(["e", "d", "c", "b", "a"]):  # "a" is the oldest
        clip = tmp_path / f"{name}.mp4"
        clip.write_bytes(b"x")
        os.utime(clip, (1_000_000 - age * 10, 1_000_000 - age * 10))
    prune_cache(tmp_path, keep=2)
    assert sorted(p.stem for p in tmp_path.glob("*.mp4")) == ["d", "e"]


def test_a_framed_clip_plays_in_its_frame_with_its_sound(tmp_path: Path, media: Path) -> None:
    from _render_tools import sound, tone, window

    doc = _designed_draft(
        {"template": "media", "media": "media:rgb", "headline": "Fresh", "layout": "lower-third"},
        canvas=(320, 180),
    )
    doc["t"][0]["sg"][0]["d"] = 2800
    out = asyncio.run(render(doc, tmp_path / "clip.mp4", media))
    early, late = frames_at(out, [0.5, 2.5])
    red, blue = (
        early[10:60, 100:220].reshape(-1, 3).mean(axis=0),
        late[10:60, 100:220].reshape(-1, 3).mean(axis=0),
    )
    assert red[0] > 150 and red[2] < 100 and blue[2] > 150 and blue[0] < 100  # red for 1 s, blue from 2 s
    samples, rate = sound(out)
    assert tone(window(samples, rate, 0.5, 2.0), rate, 300) > 0.1  # the clip's own 300 Hz tone
