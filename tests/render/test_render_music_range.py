"""The music over a range of time (agent/edits/music_range.py) as the renderer plays it: the range at
its new volume, the rest untouched, and the loop going on across the cuts instead of restarting."""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path

import pytest
from _render_tools import audio_track, card, draft, render, sound, tone, video_track, window

from nemo_tui.engine.agent.edits.music_range import change_range

STEP_HZ = (500, 800)  # steps.wav: 500 Hz for its first second, 800 Hz for its second, looped


def heard(samples, rate, t: float) -> tuple[int, float]:
    """The step playing around second `t` and its level."""
    part = window(samples, rate, t + 0.2, t + 0.8)
    hz = max(STEP_HZ, key=lambda f: tone(part, rate, f))
    return hz, tone(part, rate, hz)


@pytest.fixture(scope="module")
def before_after(media: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    steps = {"id": "m1", "st": 0, "d": 4000, "src": "media:steps", "loop": True, "vol": 0.5}
    doc = draft(video_track(card("s1", 0, 4000)), audio_track(steps, role="bgm"))
    edited = copy.deepcopy(doc)
    change_range(edited, 1000, 2000, "mute", -1)  # the second second silent
    change_range(edited, 3000, 4000, "lower", 0.1)  # the last second at 10 %
    folder = tmp_path_factory.mktemp("range")
    plain = asyncio.run(render(doc, folder / "plain.mp4", media))
    cut = asyncio.run(render(edited, folder / "cut.mp4", media))
    return sound(plain), sound(cut), edited


def test_the_range_is_muted_or_lowered_and_the_rest_is_not(before_after: tuple) -> None:
    (plain, rate), (cut, _), _ = before_after
    p = [heard(plain, rate, t)[1] for t in range(4)]
    c = [heard(cut, rate, t)[1] for t in range(4)]
    assert c[0] == pytest.approx(p[0], rel=0.05) and c[2] == pytest.approx(p[2], rel=0.05)
    assert c[1] < p[1] * 0.01  # muted (more than 40 dB down)
    assert c[3] == pytest.approx(p[3] * 0.2, rel=0.1)  # 0.1 of 0.5


def test_the_loop_goes_on_across_the_cuts(before_after: tuple) -> None:
    (plain, rate), (cut, _), edited = before_after
    assert [s.get("in", 0) for s in edited["t"][1]["sg"]] == [0, 1000, 2000, 3000]
    # the pieces after each cut play the step the uncut music plays there, not the file's start again
    assert [heard(cut, rate, t)[0] for t in (0, 2, 3)] == [heard(plain, rate, t)[0] for t in (0, 2, 3)]
    assert [heard(plain, rate, t)[0] for t in range(4)] == [500, 800, 500, 800]
