"""Bad drafts give a DraftError that names the key and the segment; good ones pass."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from _render_tools import card, draft, render, resolver, text_track, video_track

from nemo_tui.engine.render import DraftError, validate_draft


def _good() -> dict[str, Any]:
    return draft(
        video_track(
            card("s1", 0, 1000),
            {"id": "s2", "st": 800, "d": 1000, "src": "media:photo", "tr": {"type": "fade", "d": 200}},
            {"id": "s3", "st": 1800, "d": 500, "src": "gradient:#000000,#FFFFFF"},
        ),
        text_track(
            {"id": "s4", "st": 0, "d": 500, "text": "Hi", "style": {"pos": [0.5, 0.5], "box": "#00000080"}}
        ),
    )


def _broken(path: list[Any], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(_good())
    target = doc
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


def test_good_draft_passes(media: Path) -> None:
    validate_draft(_good(), resolver(media))
    validate_draft(_good())  # without a resolver, media is not looked up


@pytest.mark.parametrize(
    ("path", "value", "where", "words"),
    [
        (["t", 0, "sg", 2, "st"], -500, "t[0].sg[2].st", 't[0].sg[2] (id s3): "st" is negative (-500)'),
        (["t", 0, "sg", 0, "d"], 0, "t[0].sg[0].d", '(id s1): "d" must be positive (got 0)'),
        (
            ["t", 0, "sg", 1, "st"],
            500,
            "t[0].sg[1].st",
            "overlaps segment s1 by 500 ms, more than its transition",
        ),
        (
            ["t", 0, "sg", 2, "st"],
            1700,
            "t[0].sg[2].st",
            '(id s3): "st" (1700) overlaps segment s2 by 100 ms',
        ),
        (
            ["t", 0, "sg", 1, "tr", "d"],
            1500,
            "t[0].sg[1].tr.d",
            '"tr.d" (1500 ms) is longer than the segment',
        ),
        (["t", 0, "sg", 0, "src"], "http://x/y.png", "t[0].sg[0].src", "unknown scheme"),
        (["t", 0, "sg", 0, "src"], "color:#GG0000", "t[0].sg[0].src", "bad colour"),
        (["t", 0, "sg", 2, "src"], "gradient:#000000", "t[0].sg[2].src", "gradient:#RRGGBB,#RRGGBB"),
        (["canvas", "bg"], "black", "canvas.bg", 'canvas: "bg" is not a colour'),
        (["canvas", "w"], 1921, "canvas.w", "even number of pixels"),
        (["t", 1, "sg", 0, "style", "box"], "#000", "t[1].sg[0].style.box", '"style.box" is not a colour'),
        (["t", 1, "sg", 0, "style", "pos"], "middle", "t[1].sg[0].style.pos", "top, center, bottom"),
        (["t", 0, "sg", 1, "tr", "type"], "wipe", "t[0].sg[1].tr.type", "fade or black"),
        (["t", 0, "sg", 1, "fx"], {"kenburns": {"from": [0.5, 0, 0]}}, "t[0].sg[1].fx.kenburns.from", "zoom"),
        (["t", 0, "sg", 2, "id"], "s1", "t[0].sg[2].id", "'s1' is used twice"),
        (["t", 0, "tt"], 4, "t[0].tt", "track type"),
        (["t", 1, "sg", 0, "text"], "  ", "t[1].sg[0].text", "non-empty"),
        (["t"], KeyError, "t", '"t" is missing'),
        (["t"], [], "t", "no segments"),
        (["t", 0, "sg", 0, "vol"], "loud", "t[0].sg[0].vol", "must be a number"),
        (["t", 0, "sg", 0, "d"], 5, "t[0].sg[0].d", "at least 50 ms"),  # ffmpeg ran forever on this
        (["t", 0, "sg", 0, "d"], 10**12, "t[0].sg[0].d", "ends after 4 hours"),
    ],
)
def test_bad_draft_names_key_and_segment(path: list[Any], value: Any, where: str, words: str) -> None:
    with pytest.raises(DraftError) as caught:
        validate_draft(_broken(path, value))
    assert caught.value.path == where
    assert words in str(caught.value)


def test_missing_media_is_a_draft_error(media: Path) -> None:
    doc = _broken(["t", 0, "sg", 1, "src"], "media:nowhere")
    validate_draft(doc)  # fine as JSON
    with pytest.raises(DraftError) as caught:
        validate_draft(doc, resolver(media))
    assert caught.value.path == "t[0].sg[1].src"
    assert str(caught.value) == 't[0].sg[1] (id s2): "src" media:nowhere is not found (no such media)'


def test_every_problem_is_listed() -> None:
    doc = _broken(["t", 0, "sg", 0, "st"], -1)
    doc["t"][0]["sg"][2]["src"] = "ftp:x"
    with pytest.raises(DraftError) as caught:
        validate_draft(doc)
    assert [p for p, _ in caught.value.problems] == ["t[0].sg[0].st", "t[0].sg[2].src"]
    assert len(str(caught.value).splitlines()) == 2


def test_transitions_that_collide_are_refused() -> None:
    fade = {"type": "fade", "d": 400}
    # s2 fades in over 600-1000 ms (its overlap with s1); s3's fade is centred on 1100: 900-1300 ms.
    segments = card("s1", 0, 1000), card("s2", 600, 500, tr=fade), card("s3", 1100, 1000, tr=fade)
    doc = draft(video_track(*segments))
    with pytest.raises(DraftError, match="transitions into and out of segment s2 overlap"):
        validate_draft(doc)


async def test_render_refuses_a_bad_draft_before_starting(media: Path, tmp_path: Path) -> None:
    with pytest.raises(DraftError):
        await render(_broken(["t", 0, "sg", 0, "st"], -5), tmp_path / "o.mp4", media)
    assert list(tmp_path.iterdir()) == []


async def test_media_of_the_wrong_kind(media: Path, tmp_path: Path) -> None:
    doc = draft(video_track({"id": "s1", "st": 0, "d": 500, "src": "media:music"}))
    with pytest.raises(
        DraftError, match=r't\[0\].sg\[0\] \(id s1\): "src" media:music is audio, not a picture'
    ):
        await render(doc, tmp_path / "o.mp4", media)
