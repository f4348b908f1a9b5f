"""How the agent behaves: undo restores exactly, unknown requests are free, ambiguity gets a question."""

from __future__ import annotations

import asyncio
import re

import pytest

from nemo_tui.engine.agent.edits import draft_history
from nemo_tui.engine.agent.language.reply import HELP, HELP_ZH
from nemo_tui.engine.agent.language.understanding import plan
from nemo_tui.engine.hosting.config import DEFAULT_PRICES

from .drafts import fresh, row
from .harness import Agent
from .test_phrasings import TABLE

EDITS = [(start, message) for start, message, _ in TABLE if message not in ("undo", "撤销", "undo pls")]


def say(agent: Agent, text: str):
    return asyncio.run(agent.say(text))


def test_undo_after_every_edit_restores_the_draft_exactly(sessions, tools):
    for start, message in EDITS:
        agent = Agent(tools, fresh(sessions[start]))
        before = fresh(sessions[start]).get("draft")
        edited = say(agent, message)
        assert edited.charged >= 0 and agent.draft != before, message
        after = fresh({"d": agent.draft})["d"]
        undone = say(agent, "undo")
        assert undone.calls == [("undo", {})] and agent.draft == before, message
        assert agent.state["canvas_config"]["width"] == (before or {}).get("canvas", {}).get("w", 1920)
        say(agent, "redo")
        assert agent.draft == after, message


def test_undo_takes_back_a_whole_message_and_steps_further_back(sessions, tools):
    agent = Agent(tools, fresh(sessions["gen"]))
    generated = fresh({"d": agent.draft})["d"]
    say(agent, "make it square and add upbeat music at 20% and remove clip 2")
    say(agent, "make the captions yellow")
    say(agent, "undo")
    say(agent, "undo")
    assert agent.draft == generated
    say(agent, "undo")
    assert agent.draft is None  # before the generation
    assert say(agent, "undo").responses[0]["ok"] is False  # nothing left, and it says so
    say(agent, "redo")
    assert agent.draft == generated


def test_a_new_edit_clears_redo_and_history_is_bounded(sessions, tools):
    agent = Agent(tools, fresh(sessions["gen"]))
    say(agent, "make it square")
    say(agent, "undo")
    say(agent, "make it vertical")
    assert say(agent, "redo").responses[0]["ok"] is False
    for n in range(draft_history.HISTORY_LIMIT + 5):
        say(agent, f"add title 'T{n}' at {n}s for 1 second")
    assert len(agent.state[draft_history.PAST]) == draft_history.HISTORY_LIMIT
    packed = sum(len(e["z"]) for e in agent.state[draft_history.PAST])
    assert packed < 60_000  # compressed: the state delta of an edit stays small


UNKNOWN = [
    "what's the weather like?",
    "tell me a joke",
    "asdfghjkl",
    "今天天气怎么样",
    "can you order me a pizza",
]


@pytest.mark.parametrize("message", UNKNOWN)
def test_unknown_requests_change_nothing_and_cost_nothing(sessions, tools, message):
    agent = Agent(tools, fresh(sessions["gen"]))
    before = fresh(sessions["gen"])
    said = say(agent, message)
    assert plan(message).cost(DEFAULT_PRICES) == 0 and said.charged == 0
    assert agent.state == before
    assert ("Try, for example" in said.reply) or ("例如" in said.reply)
    assert HELP not in said.reply and HELP_ZH not in said.reply  # a few examples, not the whole help
    assert len(re.findall(r'"[^"]+"|“[^”]+”', said.reply.splitlines()[0])) >= 3
    assert said.reply.splitlines()[-1].startswith(("Timeline (", "时间线（"))


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("remove the clip", "Which clip should I remove? Say a number from 1 to 5"),
        ("delete a scene", "Which clip should I remove?"),
        ("make it shorter", "How long should it be? It is 20 s now"),
        ("make it longer", "How long should it be?"),
        ("remove", "What should I remove"),
        ("删除", "要删除什么"),
        ("change the title to 'A' and change caption 9 to 'B'", "There is no caption 9"),
    ],
)
def test_ambiguity_gets_one_question_not_a_guess(sessions, tools, message, question):
    agent = Agent(tools, fresh(sessions["gen"]))
    before = fresh(sessions["gen"])["draft"]
    said = say(agent, message)
    assert question in said.reply
    if " and " not in message:
        assert agent.draft == before and said.charged == 0


def test_one_clip_is_removed_without_asking(tools):
    agent = Agent(
        tools,
        {
            "video_infos": [
                {"id": "i1", "file_type": "image", "filename": "a.png"},
                {"id": "i2", "file_type": "image", "filename": "b.png"},
            ]
        },
    )
    say(agent, "add my photos")
    said = say(agent, "remove the last clip")
    assert said.responses[0]["ok"] and [s["src"] for s in row(agent.draft)] == ["media:i1"]
    said = say(agent, "remove the clip")
    assert not said.responses[0]["ok"] and "only clip" in said.reply


def test_export_gets_directions_for_free(sessions, tools):
    for message, words in (
        ("export", 'type "export"'),
        ("导出", "导出由应用完成"),
        ("render it please", "Export"),
    ):
        agent = Agent(tools, fresh(sessions["gen"]))
        said = say(agent, message)
        assert words in said.reply and said.charged == 0 and agent.state == sessions["gen"]


def test_what_is_in_the_timeline_lists_numbered_clips_and_lines(sessions, tools):
    said = say(Agent(tools, fresh(sessions["gen"])), "what's in my timeline?")
    assert "Clips (5): title card (0-3s); 1. Urban Dreams" in said.reply  # the card is not numbered
    assert 'Captions: 1. "Urban Dreams: the smart commuter backpack."' in said.reply
    assert "BGM: Lo-fi (0-20s, 35%)" in said.reply and said.charged == 0


def test_chinese_messages_get_chinese_replies(sessions, tools):
    said = say(Agent(tools, fresh(sessions["gen"])), "把音乐调到20%，然后删除第2个片段")
    assert [c for c, _ in said.calls] == ["set_volume", "remove_clip"]
    assert said.reply.startswith("已把音乐音量调到20%。 已删除第2个片段。")


@pytest.mark.parametrize(
    "message",
    [
        "add title '{}' for the first 3 seconds",
        "add a caption '{}'",
        "change the title to '{}'",
    ],
)
def test_words_too_long_to_show_are_refused_and_the_draft_stays_exportable(sessions, tools, message):
    """A title of 19,900 characters was accepted, and then every export of the draft was refused."""
    from nemo_tui.engine.render import validate_draft

    agent = Agent(tools, fresh(sessions["gen"]))
    before = fresh({"d": agent.draft})["d"]
    said = say(agent, message.format("A" * 2_500))
    assert said.responses and said.responses[0]["ok"] is False, said.responses
    assert "2,000" in said.responses[0]["message"] and said.charged == 0
    assert agent.draft == before
    validate_draft(agent.draft)


def test_a_script_with_a_word_too_long_for_a_caption_still_makes_an_exportable_video(tools):
    from nemo_tui.engine.render import validate_draft

    agent = Agent(tools)
    said = say(agent, "generate a 30-second promo video from this script: " + "A" * 2_600 + ". Next one.")
    assert said.responses and all(r["ok"] for r in said.responses), said.responses
    validate_draft(agent.draft)
    kinds = [t["m"]["name"] for t in agent.draft["t"]]
    assert "BGM" in kinds, kinds  # the second stage was not refused
    opener = agent.draft["t"][0]["sg"][0]
    assert "Title" in kinds or opener["scene"]["headline"], kinds  # and the title is shown
