"""Phrasings → calls for the music over a range, another mood, voices and fonts
(`language/sound_clauses.py`), English and Chinese; and what each reader must leave to the others."""

from __future__ import annotations

import pytest

from nemo_tui.engine.agent.language.calls import Ask, Call, Parsed
from nemo_tui.engine.agent.language.sound_clauses import (
    read_font,
    read_music_range,
    read_replace_music,
    read_voice,
)
from nemo_tui.engine.agent.language.times import normalize


def read(reader, text: str) -> Parsed:
    clause = normalize(text)
    return reader(clause, clause.lower())


RANGE = [
    ("mute the music during the last 3 seconds", {"action": "mute", "last_s": 3.0}),
    ("lower the music between 0:10 and 0:15", {"action": "lower", "start_s": 10.0, "end_s": 15.0}),
    ("fade the music out from 25 s", {"action": "fade_out", "start_s": 25.0}),
    ("最后3秒静音音乐", {"action": "mute", "last_s": 3.0}),
    ("最后三秒把音乐关掉", {"action": "mute", "last_s": 3.0}),
    ("silence the music for the final 2 seconds", {"action": "mute", "last_s": 2.0}),
    ("turn the music down from 0:20 to 0:25", {"action": "lower", "start_s": 20.0, "end_s": 25.0}),
    ("music at 10% between 5 and 8 seconds", {"action": "set", "start_s": 5.0, "end_s": 8.0, "volume": 0.1}),
    ("make the music louder in the first 4 seconds", {"action": "raise", "start_s": 0.0, "end_s": 4.0}),
    ("10到15秒音乐小一点", {"action": "lower", "start_s": 10.0, "end_s": 15.0}),
    ("从20秒开始音乐淡出", {"action": "fade_out", "start_s": 20.0}),
    ("fade the music in from 0:05 to 0:08", {"action": "fade_in", "start_s": 5.0, "end_s": 8.0}),
    ("mute the music until 0:04", {"action": "mute", "start_s": 0.0, "end_s": 4.0}),
]


@pytest.mark.parametrize(("text", "args"), RANGE)
def test_music_over_a_range(text: str, args: dict) -> None:
    assert read(read_music_range, text) == [Call("set_music_range", args)]


@pytest.mark.parametrize(
    "text",
    [
        "mute the music",  # the whole track: `_volume`
        "fade the music out at the end",  # its own fade: `_music_fade`
        "fade the music out over 3 seconds",
        "fade the music in over the first 3 seconds",
        "lower the music to 20%",
        "trim the last 3 seconds",  # a cut, no music
        "音乐淡出",
    ],
)
def test_whole_track_music_is_left_to_the_others(text: str) -> None:
    assert read(read_music_range, text) is None


@pytest.mark.parametrize("text", ["mute the music for 3 seconds", "音乐静音5秒", "lower the music for 2 s"])
def test_a_time_without_a_place_is_asked_never_the_whole_track(text: str) -> None:
    asked = read(read_music_range, text)
    assert isinstance(asked, Ask) and "last 3 seconds" in asked.en


MOODS = [
    ("replace the music with something more upbeat", {"direction": "up"}),
    ("换一首更欢快的音乐", {"direction": "up"}),
    ("different music, calmer", {"direction": "down"}),
    ("make the music more relaxing", {"direction": "down"}),
    ("音乐换成更舒缓的", {"direction": "down"}),
    ("change the music to something cinematic", {"mood": "cinematic"}),
    ("switch to lo-fi music", {"mood": "lofi"}),
    ("use different music", {}),
    ("换个背景音乐", {}),
    ("I don't like this song, something else", {}),
]


@pytest.mark.parametrize(("text", "args"), MOODS)
def test_replace_the_music(text: str, args: dict) -> None:
    assert read(read_replace_music, text) == [Call("replace_music", args)]


@pytest.mark.parametrize(
    "text",
    [
        "add upbeat music",
        "change the music volume to 20%",
        "replace the music with my song",
        "remove the music",
        "make it more upbeat",
    ],  # fmt: skip
)
def test_not_a_new_mood(text: str) -> None:
    assert read(read_replace_music, text) is None


VOICES = [
    ("add a voice-over with a female voice", Call("add_voiceover", {"voice": "female"})),
    (
        "add a Chinese voice-over with a male voice",
        Call("add_voiceover", {"voice": "male", "language": "zh"}),
    ),
    ("用女声配音", Call("add_voiceover", {"voice": "female"})),
    ("加一个男声配音", Call("add_voiceover", {"voice": "male"})),
    ("use a male voice", Call("set_voice", {"voice": "male"})),
    ("make the voice female", Call("set_voice", {"voice": "female"})),
    ("change the narrator to a woman", Call("set_voice", {"voice": "female"})),
    ("配音换成男声", Call("set_voice", {"voice": "male"})),
    ("go back to the default voice", Call("set_voice", {"voice": "default"})),
]


@pytest.mark.parametrize(("text", "call"), VOICES)
def test_voices(text: str, call: Call) -> None:
    assert read(read_voice, text) == [call]


@pytest.mark.parametrize(
    "text", ["add a voice-over", "lower the voice to 80%", "remove the voice-over", "make the title female"]
)
def test_no_voice_named(text: str) -> None:
    assert read(read_voice, text) is None


FONTS = [
    ("change the font to something more elegant", {"font": "source-serif", "which": "all"}),
    ("use a serif font", {"font": "source-serif", "which": "all"}),
    ("use a simple serif font", {"font": "source-serif", "which": "all"}),
    ("字体换成优雅一点的", {"font": "source-serif", "which": "all"}),
    ("make the title font playful", {"font": "fredoka", "which": "title"}),
    ("captions in a modern font", {"font": "inter", "which": "captions"}),
    ("use a sans-serif font for the subtitles", {"font": "inter", "which": "captions"}),
    ("标题字体换成圆体", {"font": "fredoka", "which": "title"}),
    ("use the fredoka font", {"font": "fredoka", "which": "all"}),
    ("back to the default font", {"font": "default", "which": "all"}),
]


@pytest.mark.parametrize(("text", "args"), FONTS)
def test_fonts(text: str, args: dict) -> None:
    assert read(read_font, text) == [Call("set_font", args)]


def test_font_sizes_stay_with_the_text_readers_and_an_unnamed_font_is_asked() -> None:
    assert read(read_font, "make the font bigger") is None
    assert read(read_font, "字体大一点") is None
    assert read(read_font, "make the title red") is None
    asked = read(read_font, "change the font")
    assert isinstance(asked, Ask) and "source-serif" in asked.en and "字体" in asked.zh
