"""Edits that refer to the last one (`repeat_edit`): "do the same to the title", "a bit more",
"太大了，再小一点点", "again". The planner sees only the current message; the session keeps the last
edit, so a conversation through ADK's Runner can refer back to it."""

from __future__ import annotations

import asyncio

from .drafts import fresh, music, segs, title
from .harness import RunnerAgent


def _conversation(tools, sessions, *messages: str):
    agent = RunnerAgent(tools, fresh(sessions["gen"]))
    said = [asyncio.run(agent.say(m)) for m in messages]
    return agent, said


def _caption_sizes(draft) -> set[int]:
    return {s["style"]["size"] for s in segs(draft, "captions")}


def test_do_the_same_to_the_title(tools, sessions):
    agent, said = _conversation(
        tools, sessions, "make the captions yellow", "nice, now do the same to the title"
    )
    assert said[-1].calls == [("repeat_edit", {"which": "title"})]
    assert title(agent.draft)["style"]["color"] == "#FFD600"
    assert {s["style"]["color"] for s in segs(agent.draft, "captions")} == {"#FFD600"}
    assert said[-1].charged == 5


def test_too_big_a_little_smaller_after_bigger(tools, sessions):
    start = fresh(sessions["gen"])["draft"]
    agent, said = _conversation(tools, sessions, "字幕大一点", "太大了，再小一点点")
    bigger = said[0].drafts[-1]
    assert max(_caption_sizes(bigger)) > max(_caption_sizes(start))
    assert max(_caption_sizes(agent.draft)) < max(_caption_sizes(bigger))
    assert title(agent.draft) == title(bigger)  # only the captions, as the last edit
    assert said[-1].reply.startswith("已修改字幕")


def test_a_bit_more_goes_on_in_the_same_direction(tools, sessions):
    agent, said = _conversation(tools, sessions, "lower the music", "a bit more")
    first = music(said[0].drafts[-1])["vol"]
    assert music(agent.draft)["vol"] < first < 0.35


def test_a_volume_word_never_resizes_text(tools, sessions):
    agent, said = _conversation(tools, sessions, "make the captions bigger", "too loud")
    assert agent.draft == said[0].drafts[-1]  # nothing changed, nothing charged
    assert said[-1].charged == 0 and "e.g." in said[-1].reply


def test_nothing_to_repeat_is_said_in_the_persons_language(tools, sessions):
    agent, said = _conversation(tools, sessions, "再来一次")
    assert agent.draft == fresh(sessions["gen"])["draft"]
    assert said[0].charged == 0
    assert said[0].reply.startswith("这次对话里还没有可以重复的修改")


def test_undo_takes_back_a_repeat(tools, sessions):
    agent, said = _conversation(tools, sessions, "make the captions yellow", "the title too", "undo")
    assert agent.draft == said[0].drafts[-1]
