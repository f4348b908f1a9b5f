"""Compound messages and vague requests: one turn, one undo step, one edit's price; "and" inside a
value is never a second edit; what the draft format cannot do gets a specific, free answer."""

from __future__ import annotations

import asyncio

import pytest

from nemo_tui.engine.agent.edits import draft_history
from nemo_tui.engine.agent.language.reply import HELP
from nemo_tui.engine.agent.language.understanding import plan
from nemo_tui.engine.hosting.config import DEFAULT_PRICES

from .drafts import fresh, length, music, track, valid
from .harness import Agent

EDIT = DEFAULT_PRICES["edit_text"]
COMPOUND = [
    ("make the title yellow and move it to the top", ["edit_text", "edit_text"]),
    ("add lo-fi music at 30% and make it 9:16", ["add_music", "set_aspect_ratio"]),
    ("make the music louder and the title bigger", ["set_volume", "edit_text"]),
    (
        "make the title yellow, move it to the top, then add calm music",
        ["edit_text", "edit_text", "add_music"],
    ),
    ("标题改成黄色并且移到顶部", ["edit_text", "edit_text"]),
    ("加背景音乐然后改成竖屏", ["add_music", "set_aspect_ratio"]),
    ("标题改成黄色，移到顶部", ["edit_text"]),  # one clause, two styles: one call
]


def say(agent: Agent, text: str):
    return asyncio.run(agent.say(text))


@pytest.mark.parametrize(("message", "names"), COMPOUND, ids=[m for m, _ in COMPOUND])
def test_a_compound_request_is_one_turn_one_undo_step_and_one_edit(sessions, tools, message, names):
    agent = Agent(tools, fresh(sessions["gen"]))
    before, steps = fresh(sessions["gen"])["draft"], draft_history.can_undo(agent.state)
    said = say(agent, message)
    assert [n for n, _ in said.calls] == names and all(r["ok"] for r in said.responses), said.reply
    assert plan(message).cost(DEFAULT_PRICES) == EDIT and said.charged == EDIT
    assert draft_history.can_undo(agent.state) == steps + 1 and valid(agent.draft)
    undone = say(agent, "undo")
    assert undone.calls == [("undo", {})] and agent.draft == before


def test_a_compound_request_costs_its_dearest_part_and_a_failed_part_is_free(sessions, tools):
    message = "add a voice-over and make the title red"
    assert plan(message).cost(DEFAULT_PRICES) == DEFAULT_PRICES["add_voiceover"]
    agent = Agent(tools, fresh(sessions["gen"]))
    assert say(agent, message).charged == DEFAULT_PRICES["add_voiceover"]
    agent = Agent(tools, fresh(sessions["gen"]))
    say(agent, "remove the music")
    said = say(agent, "make the music quieter and the title red")  # no music: that part refuses
    assert [r["ok"] for r in said.responses] == [False, True] and said.charged == EDIT


@pytest.mark.parametrize(
    ("message", "calls"),
    [
        ("add title 'Salt and Pepper'", [("add_title", {"text": "Salt and Pepper"})]),
        ("add title Salt and Pepper", [("add_title", {"text": "Salt and Pepper"})]),
        (
            "change the title to Salt and Pepper",
            [("edit_text", {"which": "title", "text": "Salt and Pepper"})],
        ),
        ("add a caption 'Rock and roll' at 5s", [("add_caption", {"text": "Rock and roll", "start_s": 5.0})]),
        (
            "make the captions black and white",
            [("edit_text", {"which": "captions", "color": "white", "box": "#000000"})],
        ),
        ("make it black and white", [("show_timeline", {})]),  # one clause, answered (below)
    ],
)
def test_and_inside_a_value_is_not_split(message, calls):
    turn = plan(message)
    assert [(c.name, c.args) for c in turn.calls] == calls and not turn.ignored


FREE = [
    ("加个水印", "logo"),
    ("make it black and white", "black and white"),
    ("add a vintage filter", "filters"),
    ("黑白", "黑白"),
]


@pytest.mark.parametrize(("message", "words"), FREE, ids=[m for m, _ in FREE])
def test_what_the_format_cannot_do_gets_a_specific_free_answer(sessions, tools, message, words):
    agent = Agent(tools, fresh(sessions["gen"]))
    said = say(agent, message)
    assert words in said.reply and HELP not in said.reply and "我可以生成" not in said.reply
    assert said.charged == 0 and agent.state == sessions["gen"]
    assert plan(message).cost(DEFAULT_PRICES) == 0


@pytest.mark.parametrize("message", ["put a logo in the corner", "add my logo"])
def test_a_logo_on_a_video_without_designed_scenes_is_answered_and_free(sessions, tools, message):
    """Logos go on designed scenes (tests/agent/test_design.py); the plain "gen" video has none."""
    agent = Agent(tools, fresh(sessions["gen"]))
    said = say(agent, message)
    assert "logo" in said.reply and "designed scenes" in said.reply and HELP not in said.reply
    assert said.charged == 0 and agent.state == sessions["gen"]


def test_an_uploaded_logo_file_is_still_added_by_name(tools):
    upload = {"id": "logo1", "src": "media:logo1", "file_type": "image", "filename": "logo.png"}
    agent = Agent(tools, {"video_infos": [upload]})
    said = say(agent, "add logo.png")
    assert [n for n, _ in said.calls] == ["add_media"] and said.responses[0]["ok"]


def test_a_part_that_cannot_be_done_is_answered_and_the_rest_is_done(sessions, tools):
    agent = Agent(tools, fresh(sessions["gen"]))
    said = say(agent, "make it black and white and add calm music")
    assert music(agent.draft)["src"] == "gen:music:calm" and "colour effects" in said.reply
    assert said.charged == DEFAULT_PRICES["add_music"]


def test_the_fade_to_black_stays_at_the_end_through_later_edits(sessions, tools):
    agent = Agent(tools, fresh(sessions["gen"]))
    say(agent, "the ending is too abrupt")
    for message in (
        "cut the last 4 seconds",
        "make it 10 seconds",
        "remove the last clip",
        "make it vertical",
    ):
        assert all(r["ok"] for r in say(agent, message).responses), message
        black = track(agent.draft, "ending")["sg"][0]
        assert black["st"] + black["d"] == length(agent.draft) and valid(agent.draft), message
    assert say(agent, "what's in my timeline?").charged == 0


def test_vague_requests_without_what_they_need_are_free(sessions, tools):
    agent = Agent(tools, fresh(sessions["gen"]))
    say(agent, "remove the title")
    said = say(agent, "make the title pop")
    assert said.charged == 0 and "no title" in said.reply.lower()
