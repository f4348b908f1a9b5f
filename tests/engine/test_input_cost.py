"""Work per request grows linearly with its input (issue 17): the planner reading a message, and the
renderer validating a draft. A message used to freeze the engine, a draft of 10,000 segments 12.8 s.

Each shape below repeats words that a pattern of the planner looked for once per occurrence over the
rest of the message (`X.*Y` with X everywhere and no Y, every time compared with every other, every
"and the title" read as a split): 40,000 characters took 3-20 s each, "and the title" 11 s at
8,000. Linear, each takes a fraction of a second, and four times the message four times as long.
"""

from __future__ import annotations

import time

import pytest

from nemo_tui.engine.agent.language.times import time_range, times
from nemo_tui.engine.agent.language.understanding import plan

SHAPES = {
    "and the title": ("add title ", "and the title ", 8_000),
    "times": ("add title ", "1s ", 40_000),
    "make a": ("", "make a ", 40_000),
    "text saying": ("", "text ", 40_000),
    "show": ("", "show ", 40_000),
    "turn off": ("", "turn ", 40_000),
    "speed up": ("", "speed ", 40_000),
    "move up": ("add title ", "move ", 40_000),
}


def _planning_time(text: str) -> float:
    """The faster of two readings (each a new message: the planner keeps what it read)."""
    times_taken = []
    for i in range(2):
        start = time.perf_counter()
        plan(f"{text} {i}")
        times_taken.append(time.perf_counter() - start)
    return min(times_taken)


@pytest.mark.parametrize("name", list(SHAPES))
def test_planning_time_is_linear_in_the_message(name):
    # Four times the message takes about four times as long (3-6× measured on two busy cores); the
    # quadratic patterns this guards against took 16× and more. A ratio, not a wall-clock limit, so a
    # loaded machine does not fail it.
    head, unit, size = SHAPES[name]
    quarter = _planning_time(head + unit * (size // 4 // len(unit)))
    whole = _planning_time(head + unit * (size // len(unit)))
    assert whole < 10 * max(quarter, 0.01), (
        f"planning {size} characters of {unit!r}: {whole:.2f} s, a quarter {quarter:.2f} s"
    )


def test_times_are_still_read_the_same_way():
    text = "cut from 0:05 to 0:08 " + "and 2s " * 10_000
    start = time.perf_counter()
    assert time_range(text) == (5.0, 8.0)
    found = times(text)
    assert len(found) == 10_002 and found[0].seconds == 5 and found[-1].seconds == 2
    assert time_range("trim 0-3s") == (0.0, 3.0) and time_range("10到20秒") == (10.0, 20.0)
    assert time.perf_counter() - start < 1.5


def test_draft_validation_is_linear_in_its_segments():
    """10,000 segments took 12.8 s to validate (each compared with all before it); now milliseconds."""
    from nemo_tui.engine.render.validate import parse_draft

    segments = [{"id": f"s{j}", "st": j * 100, "d": 100, "src": "color:#102030"} for j in range(20_000)]
    draft = {"v": 1, "canvas": {"w": 320, "h": 180}, "t": [{"id": "t", "tt": 0, "sg": segments}]}
    start = time.perf_counter()
    timeline = parse_draft(draft)
    assert len(timeline.tracks[0].segments) == 20_000
    assert time.perf_counter() - start < 3


def test_a_long_text_segment_wraps_quickly():
    """A word of 5,000 characters took minutes to break into lines (the cut was searched down from
    the whole word, once per character); a render of it held the export queue and the shutdown.
    Now the longest text allowed (2,000 characters) takes a fraction of a second."""
    from nemo_tui.engine.render import DraftError, text
    from nemo_tui.engine.render.validate import MAX_TEXT_CHARS, parse_draft

    def draft(words: str) -> dict:
        segment = {"id": "s", "st": 0, "d": 3000, "text": words}
        return {"canvas": {"w": 1280, "h": 720}, "t": [{"id": "t", "tt": 7, "sg": [segment]}]}

    for words in ("x" * MAX_TEXT_CHARS, "城" * MAX_TEXT_CHARS, "word " * (MAX_TEXT_CHARS // 5)):
        timeline = parse_draft(draft(words))
        start = time.perf_counter()
        lines = text._lines(timeline.tracks[0].segments[0], timeline.canvas)
        assert time.perf_counter() - start < 2 and lines.count("\\N") > 5
    with pytest.raises(DraftError, match="at most 2,000"):
        parse_draft(draft("x" * (MAX_TEXT_CHARS + 1)))
