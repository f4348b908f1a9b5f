"""Pure parts without ffmpeg: escaping, frame timing, transition plans, caption timing, line breaking."""

from __future__ import annotations

from fractions import Fraction

import pytest

from nemo_tui.engine.render.filtergraph import escape_value, f
from nemo_tui.engine.render.fonts import metrics
from nemo_tui.engine.render.runs import plan_runs, windows
from nemo_tui.engine.render.text import Window, ass_escape, cue_for
from nemo_tui.engine.render.timeline import Canvas, TextSegment, TextStyle, Transition, VisualSegment
from nemo_tui.engine.render.validate import parse_draft
from nemo_tui.engine.render.wrap import wrap

CANVAS = Canvas(320, 180, Fraction(30), "#000000FF")


def test_escaping_for_both_filtergraph_levels() -> None:
    assert escape_value("/tmp/a:b") == "/tmp/a\\\\:b"
    assert escape_value("it's [x],y;z") == "it\\\\\\'s \\[x\\]\\,y\\;z"
    assert f("scale", 320, 180, flags="bicubic") == "scale=320:180:flags=bicubic"


def test_frames_do_not_drift() -> None:
    ntsc = Canvas(1920, 1080, Fraction(30000, 1001), "#000000FF")
    assert [CANVAS.frame(ms) for ms in (0, 33, 34, 1000, 30_000)] == [0, 1, 1, 30, 900]
    assert ntsc.frame(60_060) == 1800


@pytest.mark.parametrize(
    ("fps", "rate"),
    [(29.97, Fraction(30000, 1001)), (23.976, Fraction(24000, 1001)), (59.94, Fraction(60000, 1001)),
     (30, Fraction(30)), (12.5, Fraction(25, 2))],
)  # fmt: skip
def test_ntsc_rates_are_exact(fps: float, rate: Fraction) -> None:
    doc = {"v": 1, "canvas": {"w": 320, "h": 180, "fps": fps}, "t": [{"id": "v1", "tt": 0, "sg": [
        {"id": "s1", "st": 0, "d": 1000, "src": "color:#FF0000"}]}]}  # fmt: skip
    assert parse_draft(doc).canvas.fps == rate


def _seg(sid: str, st: int, d: int, tr: Transition | None = None) -> VisualSegment:
    return VisualSegment(f"t[0].sg[{sid}] (id {sid})", sid, st, d, "color:#FF0000", tr=tr)


def test_touching_crossfade_is_centred_on_the_cut() -> None:
    (run,) = plan_runs((_seg("a", 0, 1000), _seg("b", 1000, 1000, Transition("fade", 400))), CANVAS, True)
    a, b = run
    assert (a.start, a.end, b.start, b.end, b.xfade) == (0, 36, 24, 60, 12)
    assert windows([run], CANVAS) == [Window(800.0, 1000.0, 1200.0)]


def test_overlap_crossfade_uses_the_overlap_and_dip_splits_in_two() -> None:
    fade, dip = Transition("fade", 400), Transition("black", 400)
    (run,) = plan_runs(
        (_seg("a", 0, 1000), _seg("b", 600, 1000, fade), _seg("c", 1600, 500, dip)), CANVAS, True
    )
    a, b, c = run
    assert (a.end, b.start, b.xfade) == (30, 18, 12)
    assert (b.end, b.fade_out, c.start, c.fade_in, c.fade_from) == (48, 6, 48, 6, "black")


def test_gaps_make_runs_and_a_first_fade_comes_from_the_background() -> None:
    runs = plan_runs((_seg("a", 0, 500), _seg("b", 1000, 500, Transition("fade", 300))), CANVAS, True)
    assert len(runs) == 2 and runs[1][0].fade_from == "bg" and runs[1][0].fade_in == 9
    upper = plan_runs((_seg("b", 1000, 500, Transition("fade", 300)),), CANVAS, False)
    assert upper[0][0].fade_from == "alpha"


def _text(st: int, d: int, anim: str = "none") -> TextSegment:
    return TextSegment("x", "t", st, d, "words", TextStyle(40, "#FFFFFFFF", "bottom", None, anim))


@pytest.mark.parametrize(
    ("st", "d", "expected"),
    [
        (0, 1000, (0, 1000, 0, 200)),  # ends in the window: cut at its middle, fading over the first half
        (1000, 1000, (1000, 2000, 200, 0)),  # starts in it: from the middle, fading in over the second half
        (0, 1200, (0, 1000, 0, 200)),  # timed like an overlapping scene: the same
        (800, 1200, (1000, 2000, 200, 0)),
        (0, 2000, (0, 2000, 0, 0)),  # a title across the transition is left alone
    ],
)
def test_captions_fade_with_their_scene(st: int, d: int, expected: tuple) -> None:
    cue = cue_for(_text(st, d), [Window(800, 1000, 1200)], 1000 / 30)
    assert cue is not None
    assert (cue.start, cue.end, cue.fade_in, cue.fade_out) == pytest.approx(expected)


def test_anim_fade_and_short_texts() -> None:
    cue = cue_for(_text(0, 2000, "fade"), [], 33.3)
    assert cue is not None and (cue.fade_in, cue.fade_out) == (300, 300)
    short = cue_for(_text(0, 400, "fade"), [], 33.3)
    assert short is not None and short.fade_in + short.fade_out == pytest.approx(400)


def test_ass_text_is_literal() -> None:
    assert ass_escape("{\\b1}bold\\N") == "\\{\\\u2060b1\\}bold\\\u2060N"


def _width(s: str) -> float:
    return metrics().width(s) * 40


def test_chinese_wraps_by_character_within_the_limit() -> None:
    lines = wrap("城市的夜晚灯火通明，人们在街头漫步，享受着温柔的晚风。", 400, _width)
    assert len(lines) >= 3
    assert all(_width(line) <= 400 for line in lines)
    assert not any(line.startswith(("，", "。")) for line in lines)  # no closing punctuation first
    assert "".join(lines) == "城市的夜晚灯火通明，人们在街头漫步，享受着温柔的晚风。"


def test_latin_wraps_at_spaces_into_even_lines() -> None:
    lines = wrap("The quick brown fox jumps over the lazy dog", 600, _width)
    assert lines == ["The quick brown fox", "jumps over the lazy dog"]
    assert wrap("a\nb", 600, _width) == ["a", "b"]


def test_a_word_wider_than_the_line_is_cut() -> None:
    lines = wrap("Supercalifragilisticexpialidocious", 300, _width)
    assert len(lines) > 1 and all(_width(line) <= 300 for line in lines)
