"""Named fonts (`style.font`, `scene.font`): libass and the scene drawer really set the words in them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from _render_tools import card, draft, frames_at, render, text_track, video_track
from PIL import Image, ImageDraw, ImageFont

from nemo_tui.draft import DraftError
from nemo_tui.engine.render import validate_draft
from nemo_tui.engine.render.fonts import FONT_PATH
from nemo_tui.engine.render.typefaces import FOLDER, TYPEFACES, typeface_metrics

WORDS = "Elegant Bakery"


def _title(font: str | None) -> dict:
    style = {"size": 48, "pos": "center", **({"font": font} if font else {})}
    return {"id": "s2", "st": 0, "d": 1000, "text": WORDS, "style": style}


def _shape(mask: np.ndarray) -> np.ndarray:
    """The ink cropped to its box and scaled to one grid, so that only the letters' shapes count."""
    ys, xs = np.nonzero(mask)
    crop = mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    return np.asarray(Image.fromarray(crop.astype(np.uint8) * 255).resize((420, 60))) > 127


def _drawn_by_pillow(path: Path, index: int = 0) -> np.ndarray:
    font = ImageFont.truetype(str(path), 120, index=index)
    img = Image.new("L", (1400, 220))
    ImageDraw.Draw(img).text((20, 20), WORDS, font=font, fill=255)
    return _shape(np.asarray(img) > 127)


def _match(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum() / (a | b).sum())


async def test_text_is_drawn_in_the_named_font(media: Path, tmp_path: Path) -> None:
    """Each font's words match that font's letters better than Noto's: libass did not fall back (with
    woff2 files it silently did, and only the size changed)."""
    scene = video_track(card("s1", 0, 1000, "#000000"))
    noto = _drawn_by_pillow(FONT_PATH, 2)
    for name, face in TYPEFACES.items():
        doc = draft(scene, text_track(_title(name)), w=640, h=360)
        (frame,) = frames_at(await render(doc, tmp_path / f"{name}.mp4", media), [0.5])
        shape = _shape(frame.mean(axis=2) > 128)
        own = _match(shape, _drawn_by_pillow(FOLDER / face.caption))
        assert own > 0.6 and own > _match(shape, noto) + 0.1, (name, own, _match(shape, noto))


def test_metrics_fall_back_to_noto_for_what_the_files_lack() -> None:
    m = typeface_metrics("source-serif")
    assert 0.2 < m.advance("a") < 0.7 and m.advance("i") < m.advance("m")
    assert typeface_metrics("fredoka").advance("m") != m.advance("m")
    assert m.advance("面") == pytest.approx(1.0, abs=0.01)  # a CJK character: Noto's full em
    assert all(t.file("Bold").exists() for t in TYPEFACES.values())


def test_an_unknown_font_is_a_draft_error() -> None:
    doc = draft(video_track(card("s1", 0, 1000)), text_track({**_title(None), "style": {"font": "comic"}}))
    with pytest.raises(DraftError, match="font"):
        validate_draft(doc)
    scene = {"template": "headline", "headline": "Hi", "font": "comic"}
    bad = draft(video_track({"id": "s1", "st": 0, "d": 1000, "src": "scene:headline", "scene": scene}))
    with pytest.raises(DraftError, match="scene.font"):
        validate_draft(bad)
