"""The agent's pure parts: phrasing → tool calls, draft edits, the timeline line, file sniffing."""

from __future__ import annotations

import pytest

from nemo_tui.engine.agent.edits import draft_ops as ops
from nemo_tui.engine.agent.edits.storyboard import PLAIN, plan_story
from nemo_tui.engine.agent.edits.storyboard import build_draft as lay_out
from nemo_tui.engine.agent.edits.timeline_summary import summary_line, summary_line_zh
from nemo_tui.engine.agent.language.script import split_sentences
from nemo_tui.engine.agent.language.understanding import plan
from nemo_tui.engine.hosting.config import DEFAULT_PRICES
from nemo_tui.engine.services.sniff import sniff


@pytest.mark.parametrize(
    ("text", "calls"),
    [
        ("title 'Urban Dreams' for the first 3 seconds",
         [("add_title", {"text": "Urban Dreams", "start_s": 0.0, "duration_s": 3.0})]),
        ("add lo-fi music at 35%", [("add_music", {"mood": "lofi", "volume": 0.35})]),
        ("add background music", [("add_music", {"mood": "auto"})]),
        ("make it 15 seconds", [("set_length", {"seconds": 15.0})]),
        ("trim to 12s", [("trim", {"length_s": 12.0})]),
        ("trim the first 10 seconds", [("trim", {"cut_start_s": 10.0})]),
        ("cut the last 5 seconds", [("trim", {"cut_end_s": 5.0})]),
        ("set the music volume to 50%", [("set_volume", {"volume": 0.5})]),
        ("make the music quieter", [("set_volume", {"change": -0.15})]),
        ("mute the music", [("set_volume", {"volume": 0.0})]),
        ("remove the captions", [("remove_track", {"kind": "captions"})]),
        ("make it vertical", [("set_aspect_ratio", {"ratio": "9:16"})]),
        ("add my photos and add upbeat music",
         [("add_media", {"which": "images"}), ("add_music", {"mood": "upbeat"})]),
        ('add title "Rock and Roll" at the top, then make it 20 seconds',
         [("add_title", {"text": "Rock and Roll", "position": "top"}), ("set_length", {"seconds": 20.0})]),
        ("add a caption 'Hello' at 5s for 3 seconds",
         [("add_caption", {"text": "Hello", "start_s": 5.0, "duration_s": 3.0})]),
        ("add beach.png", [("add_media", {"which": "beach.png"})]),
        ("show tracks", [("show_timeline", {"detail": True})]),
    ],
)  # fmt: skip
def test_edit_phrasings(text, calls):
    assert [(c.name, c.args) for c in plan(text).calls] == calls


def test_generation_reads_options_before_the_script():
    p = plan("Generate a vertical 15-second promo with upbeat music at 20% titled 'Summer Sale': Big. Go!")
    first, second = p.calls  # the first cut, then the title and the music
    assert first.name == "generate_video" and second.name == "finish_video"
    assert first.args == {
        "script": "Big. Go!",
        "aspect_ratio": "9:16",
        "duration_s": 15.0,
        "title": "Summer Sale",
    }
    assert second.args == {"title": "Summer Sale", "music": "upbeat", "music_volume": 0.2}
    assert p.cost(DEFAULT_PRICES) == 20


def test_unknown_text_is_a_free_help_reply():
    p = plan("what's the weather like?")
    assert p.help and [c.name for c in p.calls] == ["show_timeline"] and p.cost(DEFAULT_PRICES) == 0


def test_test_hooks_only_when_enabled():
    assert plan("!silent !slow 2 add lo-fi music", test_hooks=True).silent
    hooked = plan("!slow 2 add lo-fi music", test_hooks=True)
    assert [c.name for c in hooked.calls] == ["test_wait", "add_music"] and hooked.cost(DEFAULT_PRICES) == 5
    assert not plan("!silent add lo-fi music").silent


def build_draft(script: str, *, aspect: str = "16:9", target_ms: int | None = None) -> dict:
    story = plan_story(script, target_ms=target_ms, visuals=[], chars_per_line=58)
    return lay_out(story, aspect=aspect, target_ms=target_ms, background=PLAIN)  # captions: plain scenes


def test_generated_draft_follows_the_draft_format():
    draft = build_draft(
        "Urban Dreams\nThe city wakes. Lights come on! People move.", aspect="9:16", target_ms=12000
    )
    assert draft["v"] == 1 and draft["canvas"] == {"w": 1080, "h": 1920, "fps": 30, "bg": "#000000"}
    ids = ops.all_ids(draft)
    assert len(ids) == sum(1 + len(t["sg"]) for t in draft["t"])  # unique across tracks and segments
    assert draft["d"] == 12000
    video, captions = draft["t"]
    assert video["sg"][0]["m"]["title"] == "Urban Dreams" and video["sg"][0]["st"] == 0  # the title card
    assert [c["text"] for c in captions["sg"]] == ["The city wakes.", "Lights come on!", "People move."]
    for a, b in zip(captions["sg"], captions["sg"][1:], strict=False):
        assert a["st"] + a["d"] <= b["st"]  # captions never overlap, even across crossfades
    for a, b in zip(video["sg"], video["sg"][1:], strict=False):
        assert a["st"] + a["d"] - b["st"] == b["tr"]["d"]  # scenes overlap by exactly the transition


def test_trim_and_cut_keep_the_timeline_consistent():
    draft = build_draft("One two three. Four five six. Seven eight nine.", target_ms=15000)
    ops.cut_start(draft, 4000)
    assert draft["d"] == 11000 and all(s["st"] >= 0 for t in draft["t"] for s in t["sg"])
    ops.trim_to(draft, 6000)
    assert draft["d"] == 6000 and all(s["st"] + s["d"] <= 6000 for t in draft["t"] for s in t["sg"])


# The protocol's example of the summary line, as a draft.
PROTOCOL_EXAMPLE = {"t": [
    {"tt": 0, "m": {"name": "city timelapse"}, "sg": [{"st": 0, "d": 10000}]},
    {"tt": 1, "m": {"role": "bgm"}, "sg": [{"st": 0, "d": 10000, "vol": 0.35, "m": {"name": "Lo-fi"}}]},
    {"tt": 7, "m": {"role": "title"}, "sg": [{"st": 0, "d": 3000, "text": "Urban Dreams"}]},
]}  # fmt: skip


def test_timeline_line_matches_the_protocol_example():
    expected = (
        "Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) "
        '3. Title: "Urban Dreams" (0-3s)'
    )
    assert summary_line(PROTOCOL_EXAMPLE) == expected
    assert summary_line({}) == "Timeline (empty)"


def test_the_timeline_line_in_chinese():
    """The same line for a person who writes Chinese (replies are in one language, issue 20)."""
    assert summary_line_zh(PROTOCOL_EXAMPLE) == (
        "时间线（3条轨道）：1. 画面：city timelapse（0-10秒） 2. 背景音乐：轻松Lo-fi（0-10秒，35%） "
        "3. 标题：“Urban Dreams”（0-3秒）"
    )
    assert summary_line_zh({}) == "时间线（空）"


def test_sentences_split_and_group():
    assert split_sentences("Hi there. How are you?\nFine!") == ["Hi there.", "How are you?", "Fine!"]
    assert len(split_sentences(" ".join(f"S{i}." for i in range(30)))) <= 12


@pytest.mark.parametrize(
    ("head", "ext"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(8), "png"),
        (b"\xff\xd8\xff\xe0" + bytes(8), "jpg"),
        (b"GIF89a" + bytes(8), "gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", "wav"),
        (b"RIFF\x00\x00\x00\x00AVI LIST", "avi"),
        (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00", "mp4"),
        (b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00", "mov"),
        (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00", "m4a"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm", "webm"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x88matroska", "mkv"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00", "mp3"),
        (b"\xff\xfb\x90\x64\x00\x00", "mp3"),
        (b"\xff\xf1\x50\x80\x02\x1f", "aac"),
    ],
)
def test_sniff_accepted_types(head, ext):
    kind = sniff(head)
    assert kind is not None and kind.ext == ext


@pytest.mark.parametrize("head", [b"MZ\x90\x00", b"%PDF-1.7", b"PK\x03\x04", b"#!/bin/sh", b""])
def test_sniff_refuses_everything_else(head):
    assert sniff(head) is None
