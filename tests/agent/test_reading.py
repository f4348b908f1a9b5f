"""A clause read once into its parts (`language/reading.py`), and the scope guard of the rules table."""

from __future__ import annotations

import pytest

from nemo_tui.engine.agent.language.calls import Ask, Call
from nemo_tui.engine.agent.language.reading import Window, read
from nemo_tui.engine.agent.language.rules import RULES, parse_edit, within_scope
from nemo_tui.engine.agent.language.times import normalize


@pytest.mark.parametrize(
    ("clause", "scope", "about"),
    [
        ("mute the music during the last 3 seconds", "time", {"music"}),
        ("make the croissant shot stay on screen longer, like 5 seconds", "shot", {"clip"}),
        ("can you speed up the middle section a bit", "part", set()),
        ("speed up clip 2", "clips", {"clip"}),
        ("make the video 1 min", "video", set()),  # "video 1" is no clip number
        ("make the title red", "video", {"title"}),
        ("cut the part where it talks about the Vermont flour", "shot", set()),
        ("最后3秒音乐静音", "time", {"music"}),
        ("把中间那段加速", "part", {"clip"}),
    ],
)
def test_a_clause_is_read_into_its_scope_and_what_it_is_about(clause, scope, about) -> None:
    reading = read(normalize(clause))
    assert reading.scope == scope
    assert about <= reading.about


@pytest.mark.parametrize(
    ("clause", "window"),
    [
        ("mute the music during the last 3 seconds", Window(3.0, 0.0, from_end=True)),
        ("lower the music between 0:10 and 0:15", Window(10.0, 15.0)),
        ("fade the music out from 25 s", Window(25.0, None)),
        ("title for the first 3 seconds", Window(0.0, 3.0)),
        ("make it 15 seconds", None),
        ("use 1 second transitions", None),
    ],
)
def test_a_stretch_of_time_is_told_from_a_length(clause, window) -> None:
    assert read(normalize(clause)).window == window


def test_the_described_shot_and_topic_are_kept() -> None:
    assert read("remove the team photo").shot == "team"
    assert read("put the picture of the storefront first").shot == "storefront"
    assert read("remove the second photo").shot is None
    assert read("cut the part where it talks about the vermont flour").topic == "vermont flour"


def test_whole_video_calls_are_held_to_a_narrower_scope() -> None:
    whole = [Call("set_length", {"seconds": 5.0})]
    assert isinstance(within_scope(read("make the croissant shot 5 seconds"), whole), Ask)
    assert within_scope(read("make it 5 seconds"), whole) == whole
    ranged = [Call("set_volume", {"volume": 0.0, "from_s": -3.0})]
    assert within_scope(read("mute the music during the last 3 seconds"), ranged) == ranged
    one_clip = [Call("set_clip_speed", {"clip": 2, "change": "faster"})]
    assert within_scope(read("speed up clip 2"), one_clip) == one_clip
    assert isinstance(within_scope(read("speed up clip 2"), [Call("set_clip_speed", {})]), Ask)


def test_the_rules_have_distinct_explicit_priorities() -> None:
    priorities = [rule.priority for rule in RULES]
    assert priorities == sorted(priorities) and len(set(priorities)) == len(priorities)
    assert len({rule.name for rule in RULES}) == len(RULES)


def test_removing_two_clips_removes_from_the_back_so_the_numbers_stay_valid() -> None:
    assert parse_edit("remove clips 2 and 4") == [
        Call("remove_clip", {"clip": 4}),
        Call("remove_clip", {"clip": 2}),
    ]
