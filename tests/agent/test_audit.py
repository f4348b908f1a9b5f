"""Phrasings an audit found outside the table whose check is more than a draft change: the reply,
the price, the history, or a question (the table, test_phrasings.py, holds the plain edits)."""

from __future__ import annotations

import asyncio

from nemo_tui.engine.agent.language.understanding import plan

from .drafts import SHORT_SCRIPT, fresh, music, row, segs
from .harness import Agent, Said


def say(agent: Agent, text: str) -> Said:
    return asyncio.run(agent.say(text))


def test_how_long_is_the_video_describes_it_for_free(sessions, tools):
    agent = Agent(tools, fresh(sessions["gen"]))
    said = say(agent, "how long is the video")
    assert said.reply.startswith("20 s, 16:9") and said.charged == 0
    assert agent.draft == sessions["gen"]["draft"]


def test_an_edit_that_changes_nothing_is_free_and_takes_no_undo_step(sessions, tools):
    agent = Agent(tools, fresh(sessions["gen"]))
    history = list(agent.state.get("draft_history") or [])
    said = say(agent, "make the captions white")  # they are white already
    assert said.charged == 0 and "already" in said.reply
    assert agent.draft == sessions["gen"]["draft"] and agent.state.get("draft_history") == history
    assert "已经是这样" in say(agent, "字幕改成白色").reply


def test_switching_the_music_off_never_adds_it(sessions, tools):
    agent = Agent(tools, fresh(sessions["gen"]))
    say(agent, "lower the music to 20%")
    said = say(agent, "turn the music off")
    assert said.calls == [("remove_track", {"kind": "music"})] and music(agent.draft) is None
    said = say(agent, "stop the music")  # nothing left to stop: refused, free, still no music
    assert said.charged == 0 and music(agent.draft) is None


def test_a_caption_over_others_keeps_them_and_says_where_it_went(sessions, tools):
    agent = Agent(tools, fresh(sessions["gen"]))
    said = say(agent, "add text 'Buy now' at 10s")
    assert "kept" in said.reply
    added = next(s for t in agent.draft["t"] for s in t["sg"] if s.get("text") == "Buy now")
    assert added["style"]["pos"] == "top"  # away from the script captions at the bottom
    assert len(segs(agent.draft, "captions")) == len(segs(sessions["gen"]["draft"], "captions"))


def test_fade_transitions_come_back_in_chinese(sessions, tools):
    agent = Agent(tools, fresh(sessions["gen"]))
    say(agent, "no transitions")
    said = say(agent, "加淡入淡出")
    assert said.calls == [("set_transition", {"kind": "fade"})]
    assert {s["tr"]["type"] for s in row(agent.draft)[1:]} == {"fade"}


def test_undo_the_last_two_changes(sessions, tools):
    agent = Agent(tools, fresh(sessions["gen"]))
    say(agent, "make it square")
    say(agent, "make the captions yellow")
    said = say(agent, "undo the last two changes")
    assert [c for c, _ in said.calls] == ["undo", "undo"] and agent.draft == sessions["gen"]["draft"]


def test_trim_a_clip_asks_how(sessions, tools):
    agent = Agent(tools, fresh(sessions["gen"]))
    said = say(agent, "trim clip 2")
    assert "How should I trim clip 2?" in said.reply and said.charged == 0
    assert agent.draft == sessions["gen"]["draft"]


def test_show_the_title_again_asks_when_there_is_no_title(sessions, tools):
    agent = Agent(tools, fresh(sessions["gen"]))
    say(agent, "delete the title")
    said = say(agent, "show the title at the end too")
    assert "What should the title say?" in said.reply and said.charged == 0


def test_mood_words_in_a_generation_request_choose_the_music():
    for words, mood in (
        ("a cinematic video", "cinematic"),
        ("an upbeat promo", "upbeat"),
        ("a calm reel", "calm"),
    ):
        calls = plan(f"make {words} from this script: {SHORT_SCRIPT}").calls
        assert calls[-1].name == "finish_video" and calls[-1].args["music"] == mood, words
    assert "music" not in plan(f"make a promo video from this script: {SHORT_SCRIPT}").calls[-1].args


def test_an_edit_with_a_colon_is_not_a_generation():
    for message in ("add title: Summer Vibes", "change caption 2 to: Rain or shine today"):
        assert "generate_video" not in [c.name for c in plan(message).calls], message


def test_a_sentence_about_the_music_neither_adds_nor_resets_it(sessions, tools):
    agent = Agent(tools, fresh(sessions["gen"]))
    said = say(agent, "i don't like the music")
    assert said.charged == 0 and agent.draft == sessions["gen"]["draft"]
    say(agent, "i don't want the music so loud")
    assert music(agent.draft)["vol"] == 0.2


def test_undo_said_twice_undoes_twice(sessions, tools):
    for message in ("undo undo", "撤销两次"):
        agent = Agent(tools, fresh(sessions["gen"]))
        say(agent, "make it square")
        say(agent, "make the captions yellow")
        said = say(agent, message)
        assert [c for c, _ in said.calls] == ["undo", "undo"], message
        assert agent.draft == sessions["gen"]["draft"], message


def test_one_clip_shorter_or_longer_asks_instead_of_pacing_the_video(sessions, tools):
    for message, asked in (
        ("make clip 2 shorter", "How should I trim clip 2?"),
        ("can u make the last clip longer", "How much longer should the last clip be?"),
    ):
        agent = Agent(tools, fresh(sessions["gen"]))
        said = say(agent, message)
        assert asked in said.reply and said.charged == 0, message
        assert agent.draft == sessions["gen"]["draft"], message


def test_questions_about_the_timeline_describe_it_for_free(sessions, tools):
    for message in ("how many clips are there", "what music is playing", "有几个片段", "标题是什么"):
        agent = Agent(tools, fresh(sessions["gen"]))
        said = say(agent, message)
        assert said.calls == [("show_timeline", {"detail": True})] and said.charged == 0, message
        assert agent.draft == sessions["gen"]["draft"], message
    assert "show_timeline" not in [c.name for c in plan("what if the title was red").calls]


def test_music_back_on_after_muting_it(sessions, tools):
    agent = Agent(tools, fresh(sessions["gen"]))
    say(agent, "mute the music")
    said = say(agent, "music back on")
    assert said.calls == [("set_volume", {"volume": 0.35})] and music(agent.draft)["vol"] == 0.35


def test_a_vague_length_next_to_an_exact_one_is_not_asked():
    calls = plan("its too long, cut it down to 15").calls
    assert [(c.name, c.args) for c in calls] == [("set_length", {"seconds": 15.0})]
