"""Scope is never widened (issue 20): requests from the usability study that used to harm the video.

Each was said to a generated video and changed all of it: the whole video became 5 s or 3 s long,
the whole music track was muted, hard cuts were set when crossfades were asked for, a "square
version" regenerated the video and lost the edits. Now each either does what was meant or asks one
short question, for free, and changes nothing.
"""

from __future__ import annotations

import asyncio

import pytest

from .drafts import fresh, length, music, row, segs, title
from .harness import Agent


def say(agent: Agent, text: str):
    return asyncio.run(agent.say(text))


@pytest.mark.parametrize(
    ("request_", "asks"),
    [
        ("make the croissant shot stay on screen longer, like 5 seconds", "Which clip"),
        ("can you speed up the middle section a bit", "Which clips"),
        ("remove the music for the first 5 seconds", "the first 5 s"),
        ("slow down the last 4 seconds", "the last 4 s"),
        ("make the team photo shorter, 2 seconds", "Which clip"),
        ("把中间那段加速", "片段"),
    ],
)
def test_a_request_about_part_of_the_video_asks_and_changes_nothing(sessions, tools, request_, asks) -> None:
    agent = Agent(tools, fresh(sessions["gen"]))
    said = say(agent, request_)
    assert agent.state == sessions["gen"] and said.charged == 0, said.reply
    if asks:
        assert asks in said.reply


def test_the_alternative_a_person_rejects_is_not_what_they_get(sessions, tools) -> None:
    agent = Agent(tools, fresh(sessions["gen"]))
    say(agent, "no transitions")
    say(agent, "use crossfades between the pictures instead of hard cuts")
    assert all(s.get("tr", {}).get("type") == "fade" for s in row(agent.draft)[1:])


def test_a_square_version_keeps_the_edits(sessions, tools) -> None:
    agent = Agent(tools, fresh(sessions["gen"]))
    say(agent, "lower the music to 20%")
    said = say(agent, "make a square version for Instagram")
    assert [name for name, _ in said.calls] == ["make_version"]  # a new version, not generated again
    assert (agent.draft["canvas"]["w"], agent.draft["canvas"]["h"]) == (1080, 1080)
    assert music(agent.draft)["vol"] == 0.2 and length(agent.draft) == length(sessions["gen"]["draft"])
    said = say(agent, "做一个竖屏版本给抖音")
    assert (agent.draft["canvas"]["w"], agent.draft["canvas"]["h"]) == (1080, 1920)
    said = say(agent, "go back to the original")  # still there, its edit kept
    assert said.charged == 0 and agent.draft["canvas"]["w"] == 1920 and music(agent.draft)["vol"] == 0.2


@pytest.mark.parametrize(
    ("request_", "answer_"),
    [("make it 5 seconds", "yes"), ("trim to 4s", "go ahead"), ("剪掉前15秒", "确定")],
)
def test_leaving_less_than_half_of_the_video_asks_first_and_a_yes_does_it(
    sessions, tools, request_, answer_
) -> None:
    agent = Agent(tools, fresh(sessions["gen"]))
    was = length(agent.draft)
    said = say(agent, request_)
    assert length(agent.draft) == was and said.charged == 0
    assert "less than half" in said.reply or "不到一半" in said.reply
    said = say(agent, answer_)
    assert length(agent.draft) * 2 < was and said.charged == 5, said.reply


def test_no_leaves_the_video_and_an_edit_in_between_forgets_the_question(sessions, tools) -> None:
    agent = Agent(tools, fresh(sessions["gen"]))
    was = length(agent.draft)
    say(agent, "make it 5 seconds")
    said = say(agent, "no")
    assert length(agent.draft) == was and said.charged == 0 and "left the video" in said.reply
    say(agent, "make it 5 seconds")
    say(agent, "make the title red")
    said = say(agent, "yes")
    assert length(agent.draft) == was and said.charged == 0, said.reply


@pytest.mark.parametrize(
    ("start", "request_"),
    [
        ("designed", "use a coffee cup on the last scene"),
        ("designed", "make the last clip a quote"),
        ("gen", "use a 1 second fade into the last clip"),
    ],
)
def test_the_last_clip_is_named_by_its_number_never_minus_one(sessions, tools, start, request_) -> None:
    agent = Agent(tools, fresh(sessions[start]))
    said = say(agent, request_)
    last = len(row(agent.draft)) - 1  # the title card is not numbered
    assert "clip -1" not in said.reply.lower() and f"clip {last}" in said.reply.lower(), said.reply


def test_hard_cuts_keep_the_length_of_the_video(sessions, tools) -> None:
    """Taking the crossfades' overlaps away re-paces the clips: the video stays as long as it was."""
    agent = Agent(tools, fresh(sessions["gen"]))
    said = say(agent, "no transitions, just hard cuts")
    assert not any("tr" in s for s in row(agent.draft)[1:]) and length(agent.draft) == length(
        sessions["gen"]["draft"]
    )
    assert said.charged == 5


def test_a_clip_described_by_its_picture_is_the_one_changed(sessions, tools) -> None:
    """ "make the beach photo stay on screen for 6 seconds": the clip showing beach.png, no other."""
    agent = Agent(tools, fresh(sessions["clips"]))
    before = row(agent.draft)
    said = say(agent, "make the beach photo stay on screen for 6 seconds")
    beach = next(i for i, s in enumerate(row(agent.draft)) if s.get("src") == "media:img1")
    seg = row(agent.draft)[beach]
    assert seg["d"] - seg.get("tr", {}).get("d", 0) == 6000, said.reply
    others = [s["d"] for i, s in enumerate(row(agent.draft)) if i != beach]
    assert others == [s["d"] for i, s in enumerate(before) if s.get("src") != "media:img1"]
    said = say(agent, "make the beach photo longer, like 6 seconds")  # it already lasts 6 s: asks
    assert "already lasts 6 s" in said.reply and said.charged == 0


def test_bringing_the_captions_back_keeps_the_changes_made_since(sessions, tools) -> None:
    agent = Agent(tools, fresh(sessions["gen"]))
    captions = [(s["text"], s["st"]) for s in segs(agent.draft, "captions")]
    say(agent, "remove the captions")
    say(agent, "make the title red")
    said = say(agent, "oops, bring the captions back")
    assert [(s["text"], s["st"]) for s in segs(agent.draft, "captions")] == captions, said.reply
    assert title(agent.draft)["style"]["color"] == "#E53935" and said.charged == 5
    said = say(agent, "恢复字幕")  # they are there: nothing to do, free
    assert said.charged == 0
