"""Versions, not regeneration (issue 20): a square version or a 15-second cut is a new, named variant
of the project with every edit kept, the original still there to switch back to, exactly."""

from __future__ import annotations

import asyncio
import copy
import itertools
from typing import Any

import pytest

from nemo_tui.engine.agent.edits import versions
from nemo_tui.engine.agent.language.reply import compose
from nemo_tui.engine.agent.language.times import normalize
from nemo_tui.engine.agent.language.understanding import Plan
from nemo_tui.engine.agent.language.version_clauses import read_versions
from nemo_tui.engine.agent.tools import PRICES

from .drafts import SHORT_SCRIPT, fresh, length, music, segs, title, valid
from .harness import Agent, Context

_turns = itertools.count(1)


@pytest.fixture(scope="module")
def edited(tools) -> dict[str, Any]:
    """A generated video with a voice-over, then a styled title and the music at 15%."""
    agent = Agent(tools)
    for message in (
        "generate a 20-second promo video on plain backgrounds with a voice-over from this script: "
        + SHORT_SCRIPT,
        "make the title yellow",
        "lower the music to 15%",
    ):
        said = asyncio.run(agent.say(message))
        assert all(r.get("ok") for r in said.responses), said.reply
    return agent.state


def call(agent: Agent, tool: str, **args: Any) -> dict[str, Any]:
    """One tool call as its own turn (as a message would make it)."""
    ctx = Context(agent.state, f"v-{next(_turns)}")
    result: dict[str, Any] = asyncio.run(getattr(agent.tools, tool)(tool_context=ctx, **args))
    return result


def say(agent: Agent, message: str) -> list[dict[str, Any]]:
    """A message read by the version reader, its calls run as one turn."""
    low = normalize(message).lower()
    calls = read_versions(normalize(message), low)
    assert isinstance(calls, list), message
    ctx = Context(agent.state, f"v-{next(_turns)}")
    return [asyncio.run(getattr(agent.tools, c.name)(tool_context=ctx, **c.args)) for c in calls]


def canvas(draft: dict[str, Any] | None) -> tuple[int, int]:
    return draft["canvas"]["w"], draft["canvas"]["h"]  # type: ignore[index]


def listed(agent: Agent) -> str:
    return str(call(agent, "list_versions")["message"])


def test_a_square_version_keeps_every_edit_and_the_original_stays(tools, edited) -> None:
    agent = Agent(tools, fresh(edited))
    original = copy.deepcopy(agent.draft)
    out = say(agent, "make a square version for Instagram")[0]
    assert out["ok"] and out["code"] == "version_made", out
    assert canvas(agent.draft) == (1080, 1080) and versions.name_of(agent.draft) == "square"
    assert title(agent.draft)["style"]["color"] == title(original)["style"]["color"]
    assert music(agent.draft)["vol"] == 0.15 and length(agent.draft) == length(original)
    assert [s["m"]["text"] for s in segs(agent.draft, "voice")] == [
        s["m"]["text"] for s in segs(original, "voice")
    ]
    assert "Version: square (2 versions)" in out["message"]
    assert "original (16:9, 20 s)" in listed(agent) and "Current: square" in listed(agent)

    out = say(agent, "go back to the original")[0]
    assert out["ok"] and agent.draft == original  # exactly, not made again
    square_again = say(agent, "switch to the square one")[0]
    assert square_again["ok"] and canvas(agent.draft) == (1080, 1080) and valid(agent.draft)


def test_a_15_second_cut_keeps_the_voice_over_and_can_be_exported(tools, edited) -> None:
    agent = Agent(tools, fresh(edited))
    voice = segs(agent.draft, "voice")
    out = say(agent, "a 15-second cut for TikTok")[0]
    assert out["ok"] and out["params"]["name"] == "vertical 15 s", out
    assert canvas(agent.draft) == (1080, 1920) and abs(length(agent.draft) - 15000) <= 250
    assert [s["m"]["text"] for s in segs(agent.draft, "voice")] == [s["m"]["text"] for s in voice]
    assert valid(agent.draft)  # the renderer's own check, as export runs it
    assert music(agent.draft)["vol"] == 0.15


def test_undo_after_making_a_version_is_back_on_the_previous_one(tools, edited) -> None:
    agent = Agent(tools, fresh(edited))
    original = copy.deepcopy(agent.draft)
    assert call(agent, "make_version", aspect_ratio="1:1")["ok"]
    square = copy.deepcopy(agent.draft)
    asyncio.run(agent.say("undo"))
    assert agent.draft == original and versions.names(agent.state, agent.draft) == ["original"]
    assert listed(agent).startswith("1 version: original")
    asyncio.run(agent.say("redo"))
    assert agent.draft == square and versions.name_of(agent.draft) == "square"


def test_editing_a_version_leaves_the_others_alone(tools, edited) -> None:
    agent = Agent(tools, fresh(edited))
    original = copy.deepcopy(agent.draft)
    call(agent, "make_version", aspect_ratio="9:16")
    asyncio.run(agent.say("make the title red"))
    vertical = copy.deepcopy(agent.draft)
    assert call(agent, "switch_version", name="原版")["ok"] and agent.draft == original
    assert call(agent, "switch_version", name="vertical")["ok"] and agent.draft == vertical
    assert title(agent.draft)["style"]["color"] != title(original)["style"]["color"]


def test_names_say_how_a_version_differs_from_the_original_and_are_unique(tools, edited) -> None:
    agent = Agent(tools, fresh(edited))
    made = [
        call(agent, "make_version", **args)["params"]["name"]
        for args in ({"aspect_ratio": "1:1"}, {"aspect_ratio": "1:1"}, {"length_s": 15}, {})
    ]
    assert made == ["square", "square 2", "square 15 s", "square 15 s 2"]  # each from the one before
    call(agent, "switch_version", name="original")
    assert call(agent, "make_version", name="Promo B")["params"]["name"] == "Promo B"
    call(agent, "switch_version", name="original")
    assert call(agent, "make_version")["params"]["name"] == "copy"
    assert versions.names(agent.state, agent.draft) == ["original", *made, "Promo B", "copy"]


def test_switching_by_loose_words_asks_when_it_cannot_tell(tools, edited) -> None:
    agent = Agent(tools, fresh(edited))
    assert call(agent, "switch_version", name="square")["code"] == "only_version"
    call(agent, "make_version", aspect_ratio="9:16", length_s=15)
    call(agent, "make_version", aspect_ratio="9:16", length_s=18)
    before = copy.deepcopy(agent.state)
    out = call(agent, "switch_version", name="the vertical one")
    assert out["ask"] and "vertical 15 s" in out["message"] and agent.state == before
    out = call(agent, "switch_version", name="the beach one")
    assert out["ok"] is False and out["code"] == "no_such_version" and agent.state == before
    assert call(agent, "switch_version", name="vertical 18 s")["code"] == "already_version"
    assert call(agent, "switch_version", name="15秒的")["ok"]
    assert versions.name_of(agent.draft) == "vertical 15 s"


def test_versions_are_free_and_answered_in_chinese(tools, edited) -> None:
    assert PRICES["make_version"] == PRICES["switch_version"] == PRICES["list_versions"] == 0
    agent = Agent(tools, fresh(edited))
    made = say(agent, "做一个竖屏版本给抖音")
    reply = compose(Plan([], chinese=True), made)
    assert "竖屏版" in reply and "原版也还在" in reply and "共2个版本" in reply
    listing = compose(Plan([], chinese=True), say(agent, "有哪些版本"))
    assert "原版（16:9，20秒）" in listing and "当前：竖屏版" in listing


def test_without_a_video_there_is_nothing_to_make_a_version_of(tools) -> None:
    agent = Agent(tools)
    out = call(agent, "make_version", aspect_ratio="1:1")
    assert out["ok"] is False and out["code"] == "no_video" and agent.state == {}


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("the square one", ["square"]),  # not "square 15 s": fewest other words
        ("square 15 seconds", ["square 15 s"]),
        ("the first one", ["original"]),
        ("竖屏", ["vertical 15 s", "vertical 20 s"]),  # ambiguous: the tool asks
        ("20秒的", ["vertical 20 s"]),
        ("the beach one", []),
        ("promo b", ["Promo B"]),
        ("promo", ["Promo B"]),
    ],
)
def test_loose_words_find_a_version(query: str, found: list[str]) -> None:
    among = ["original", "square", "square 15 s", "vertical 15 s", "vertical 20 s", "Promo B"]
    assert versions.find(query, among) == found


def test_names_in_chinese() -> None:
    assert [versions.zh_name(n) for n in ("original", "vertical 15 s", "square 2", "Promo B")] == [
        "原版",
        "竖屏15秒版",
        "方形2版",
        "Promo B",
    ]


def test_regenerating_rebuilds_the_version_it_is_on_and_keeps_the_others(edited, tools) -> None:
    agent = Agent(tools, fresh(edited))
    asyncio.run(agent.say("make a square version"))
    asyncio.run(agent.say("regenerate it"))
    assert versions.name_of(agent.draft) == "square"  # still the square version, made again
    said = asyncio.run(agent.say("go back to the original"))
    assert said.responses[-1]["ok"] and agent.draft["canvas"]["w"] == 1920, said.reply
    assert music(agent.draft)["vol"] == 0.15  # the original's edits are still there
