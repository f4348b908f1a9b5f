"""Generation: script → scenes paced to the length, title, captions, visuals, palette, aspect, two stages."""

from __future__ import annotations

import asyncio

import pytest

from nemo_tui.engine.agent.edits import draft_ops as ops
from nemo_tui.engine.agent.edits import storyboard, texts
from nemo_tui.engine.agent.language import script as scripts

from .drafts import UPLOADS, fresh, length, music, row, segs, title, valid
from .harness import Agent
from .scripts import URBAN_DREAMS


def say(agent: Agent, text: str):
    return asyncio.run(agent.say(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Urban Dreams: the smart commuter backpack. It keeps your laptop dry.", "Urban Dreams"),
        (
            "Urban Dreams is the smart commuter backpack. Every day, Urban Dreams carries your world.",
            "Urban Dreams",
        ),
        ("Meet Nimbus, the lightest umbrella ever made. Rain or shine.", "Nimbus"),
        ("Summer Sale\nEverything is half price. Come today!", "Summer Sale"),
        ("Big news - the store opens Monday. See you there.", "Big news"),
        ("The city never sleeps. Neither do you.", "The city never sleeps"),
        ("城市之梦：智能通勤背包。让你的电脑安全干燥。", "城市之梦"),
        ("《云端》是一款轻便的雨伞。下雨也不怕。", "云端"),
    ],
)
def test_title_from_the_first_line_or_the_product_name(text, expected):
    assert scripts.derive_title(text) == expected


def test_mood_and_language_from_the_script():
    assert scripts.detect_mood("Huge summer sale! Everything 50% off, today only!") == "upbeat"
    assert scripts.detect_mood("Breathe. Relax by the ocean, where the gentle waves meet the sand.") == "calm"
    assert scripts.detect_mood("A journey beyond the stars, where legends are born.") == "cinematic"
    assert scripts.detect_mood("Your daily coffee on the way to work.") == "lofi"
    assert scripts.language("城市之梦：智能通勤背包") == "zh" and scripts.language("Urban Dreams") == "en"


def test_a_long_script_is_paced_to_thirty_seconds_with_readable_captions(tools):
    agent = Agent(tools)
    said = say(
        agent, "generate a 30-second promo video on plain backgrounds from this text script: " + URBAN_DREAMS
    )
    draft = agent.draft
    assert length(draft) == 30000 and valid(draft)
    assert title(draft)["text"] == "Urban Dreams" and music(draft)["vol"] == 0.35
    scenes, captions = row(draft), segs(draft, "captions")
    assert scenes[0]["m"]["card"] and 6 <= len(scenes) - 1 <= 12
    cpl = texts.chars_per_line(draft)
    for caption in captions:  # one line of text per scene, at most two lines on screen, readable
        assert caption["m"]["scene"] in {s["id"] for s in scenes}
        assert len(caption["text"]) <= 2 * cpl
        assert caption["d"] >= 1000
        assert scripts.units(caption["text"]) / (caption["d"] / 1000) <= 6
    words = sum(scripts.units(c["text"]) for c in captions)
    assert 60 <= words <= 130  # the 216-word script is condensed to what can be read in 30 s
    assert "captions keep" in said.reply  # and the reply says so


@pytest.mark.parametrize(
    ("command", "seconds", "size"),
    [
        ("generate a promo video from this script", 30000, (1920, 1080)),
        ("generate a 15-second video for TikTok from this script", 15000, (1080, 1920)),
        ("make a 1 minute square video from this script", 60000, (1080, 1080)),
        ("generate a vertical 20s video from this script", 20000, (1080, 1920)),
        ("create a 9:16 video, 12 seconds, from this script", 12000, (1080, 1920)),
        ("生成一个20秒的竖屏视频", 20000, (1080, 1920)),
    ],
)
def test_length_and_shape_from_the_request(tools, command, seconds, size):
    agent = Agent(tools)
    say(
        agent, f"{command}: Urban Dreams: the smart commuter backpack. It keeps your laptop dry. Order today."
    )
    assert length(agent.draft) == seconds
    assert (agent.draft["canvas"]["w"], agent.draft["canvas"]["h"]) == size


def test_two_stages_each_visible(tools):
    agent = Agent(tools)
    said = say(
        agent,
        "generate a 10-second video on plain backgrounds with upbeat music at 20% from this script: "
        "Go. Run. Win.",
    )
    assert [c for c, _ in said.calls] == ["generate_video", "finish_video"]
    first_cut, finished = said.drafts
    assert not segs(first_cut, "bgm") and not segs(first_cut, "title") and segs(first_cut, "captions")
    assert music(finished)["src"] == "gen:music:upbeat" and music(finished)["vol"] == 0.2
    assert title(finished)["text"] == "Go" and title(finished)["d"] < row(finished)[0]["d"]
    assert said.charged == 20


@pytest.mark.parametrize("plain", [False, True])
def test_uploads_are_the_scenes_in_upload_order(tools, plain):
    """Photos and clips are framed with their words by the `media` template (or, on plain
    backgrounds, photos are shown full frame with Ken Burns and clips as they are, under captions)."""
    agent = Agent(tools, {"video_infos": [dict(u) for u in UPLOADS]})
    say(
        agent,
        f"generate a 20-second video{' on plain backgrounds' if plain else ''} from this script: "
        "One sunny day. The city hums. We walk. Home again.",
    )
    scenes = row(agent.draft)[1:]  # after the title card
    shown = [s["scene"]["media"] if "scene" in s else s["src"] for s in scenes]
    assert shown == ["media:img1", "media:vid1", "media:img2", "media:vid2"]
    images = [s for s in scenes if "media:img" in str(s.get("scene", {}).get("media", s["src"]))]
    if plain:
        assert all("kenburns" in s["fx"] for s in images)
    else:
        assert all(s["src"] == "scene:media" and s["scene"]["headline"] for s in scenes)
    footage = {"media:vid1": 6000, "media:vid2": 9000}
    for clip in scenes:
        if clip["src"] in footage:  # clips are trimmed to their scene, never longer than their footage
            assert clip["in"] == 0 and clip["d"] * clip["speed"] <= footage[clip["src"]]
        elif clip.get("scene", {}).get("media") in footage:  # a framed clip: no longer than it either
            assert clip["d"] <= footage[clip["scene"]["media"]]
    assert length(agent.draft) == 20000 and valid(agent.draft)


def test_uploaded_audio_is_the_music(tools):
    infos = [
        dict(UPLOADS[0]),
        {"id": "song1", "file_type": "audio", "filename": "song.mp3", "duration": 40.0},
    ]
    agent = Agent(tools, {"video_infos": infos})
    said = say(agent, "generate a video from my photos")
    assert music(agent.draft)["src"] == "media:song1" and 'your music "song"' in said.reply


def test_without_uploads_the_style_follows_the_mood(tools):
    agent = Agent(tools)
    say(agent, "generate a video from this script: Huge summer sale! Everything half price! Today only!")
    assert {s["scene"]["style"] for s in row(agent.draft)} == {"playful"}
    assert music(agent.draft)["src"] == "gen:music:upbeat"


def test_on_plain_backgrounds_the_palette_follows_the_mood(tools):
    agent = Agent(tools)
    say(
        agent,
        "generate a video on plain backgrounds from this script: "
        "Huge summer sale! Everything half price! Today only!",
    )
    upbeat = storyboard.PALETTES["upbeat"]
    assert row(agent.draft)[0]["src"] == f"color:{upbeat[0]}"
    assert {s["src"].removeprefix("gradient:") for s in row(agent.draft)[1:]} <= set(upbeat[1])
    assert music(agent.draft)["src"] == "gen:music:upbeat"


def test_options_in_the_request(tools):
    agent = Agent(tools)
    say(
        agent,
        "make a square video titled 'Night Owls' on a black background without music: Late. Quiet. Ours.",
    )
    assert title(agent.draft)["text"] == "Night Owls" and music(agent.draft) is None
    assert {s["src"] for s in row(agent.draft)} == {"color:#000000"}


def test_a_name_given_in_the_request_is_the_title(tools):
    agent = Agent(tools)
    say(agent, "generate a 20-second promo for a café called Bean There: Fresh beans daily. Come say hi.")
    assert row(agent.draft)[0]["scene"]["headline"] == "Bean There"  # the designed opener
    say(
        agent,
        "generate a 20-second promo on plain backgrounds for a café called Bean There: "
        "Fresh beans daily. Come say hi.",
    )
    assert title(agent.draft)["text"] == "Bean There"
    assert [c["text"] for c in segs(agent.draft, "captions")] == ["Fresh beans daily.", "Come say hi."]


def test_a_chinese_script(tools):
    agent = Agent(tools)
    said = say(agent, "生成一个15秒的宣传视频：城市之梦：智能通勤背包。让你的电脑安全干燥。今天就下单！")
    hero = row(agent.draft)[0]["scene"]
    assert (hero["headline"], hero["sub"]) == ("城市之梦", "智能通勤背包") and length(agent.draft) == 15000
    assert said.reply.startswith("已生成初版")
    said = say(
        agent, "生成一个15秒的宣传视频，纯色背景：城市之梦：智能通勤背包。让你的电脑安全干燥。今天就下单！"
    )
    assert title(agent.draft)["text"] == "城市之梦" and length(agent.draft) == 15000
    assert [c["text"] for c in segs(agent.draft, "captions")] == [
        "城市之梦：智能通勤背包。",
        "让你的电脑安全干燥。",
        "今天就下单！",
    ]
    assert said.reply.startswith("已生成初版")


def test_regenerate_reuses_the_last_script(tools):
    agent = Agent(tools)
    say(agent, "generate a 30-second video on plain backgrounds from this script: " + URBAN_DREAMS)
    kept = len(segs(agent.draft, "captions"))
    say(agent, "regenerate it as a 1-minute video")
    assert length(agent.draft) == 60000 and len(segs(agent.draft, "captions")) > kept


def test_nothing_to_generate_from_is_refused_for_free(tools):
    agent = Agent(tools)
    said = say(agent, "generate a video")
    assert [c for c, _ in said.calls] == ["generate_video"] and said.charged == 0 and agent.draft is None
    assert "I need a script" in said.reply


def test_layout_keeps_captions_inside_their_scene(sessions):
    draft = fresh(sessions["gen"])["draft"]
    windows = {s["id"]: (s["st"], s["st"] + s["d"]) for s in row(draft)}
    for caption in segs(draft, "captions"):
        start, end = windows[caption["m"]["scene"]]
        assert start <= caption["st"] and caption["st"] + caption["d"] <= end
    assert ops.aspect_of(draft["canvas"]) == "16:9"
