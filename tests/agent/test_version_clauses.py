"""Phrasings of versions → tool calls (`language/version_clauses.py`), English and Chinese."""

from __future__ import annotations

from typing import Any

import pytest

from nemo_tui.engine.agent.language.calls import Call
from nemo_tui.engine.agent.language.times import normalize
from nemo_tui.engine.agent.language.version_clauses import read_versions, version_request


def read(text: str) -> Any:
    clause = normalize(text)
    return read_versions(clause, clause.lower())


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("make a square version", {"aspect_ratio": "1:1"}),
        ("make a square version (for Instagram)", {"aspect_ratio": "1:1"}),
        ("a 15-second cut for TikTok", {"aspect_ratio": "9:16", "length_s": 15.0}),
        ("make a vertical 15 s version", {"aspect_ratio": "9:16", "length_s": 15.0}),
        ("i want a vertical version", {"aspect_ratio": "9:16"}),
        ("can you do a 9:16 version too", {"aspect_ratio": "9:16"}),
        ("make a 1-minute version", {"length_s": 60.0}),
        ("make another version", {}),
        ('make a version called "Promo B"', {"name": "Promo B"}),
        ("做一个竖屏版本给抖音", {"aspect_ratio": "9:16"}),
        ("做一个15秒的版本", {"length_s": 15.0}),
        ("再做一个方形版", {"aspect_ratio": "1:1"}),
    ],
)
def test_making_a_version(text: str, args: dict[str, Any]) -> None:
    assert read(text) == [Call("make_version", args)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("switch to the square version", "square"),
        ("switch to the square one", "square"),
        ("go back to the original", "original"),
        ("back to the vertical 15 s one", "vertical 15 s"),
        ("use the vertical version", "vertical"),
        ("切换到原版", "原版"),
        ("换回原来的版本", "原来"),
        ("切到竖屏版本", "竖屏"),
    ],
)
def test_switching_versions(text: str, name: str) -> None:
    assert read(text) == [Call("switch_version", {"name": name})]


def test_switching_without_a_name_lets_the_tool_ask() -> None:
    assert read("switch version") == [Call("switch_version")]


@pytest.mark.parametrize(
    "text",
    ["show my versions", "what versions do I have?", "which version am I on", "有哪些版本", "版本列表"],
)
def test_listing_versions(text: str) -> None:
    assert read(text) == [Call("list_versions")]


@pytest.mark.parametrize(
    "text",
    [
        "make it square",  # this version's shape
        "switch to 9:16",
        "go back",  # undo
        "go back to the original audio",  # its sound
        "use hard cuts",
        "cut the last 5 seconds",
        "make a cut",
        "regenerate it as a square video",  # only an explicit regeneration rebuilds
        "start over with a vertical version",
        "add a caption: new version out now",  # words being set
        "add title 'A new version'",
        "用淡入淡出转场",
    ],
)
def test_what_is_not_about_versions(text: str) -> None:
    assert read(text) is None


def test_a_message_asks_for_versions_only_before_its_script() -> None:
    assert version_request("make a square version and lower the music to 20%")
    assert version_request("做一个15秒的版本")
    assert not version_request("generate a vertical video: Our new version is out. Make a new version today.")
    assert not version_request("generate a 30-second square video from this script: Fresh bread daily.")
