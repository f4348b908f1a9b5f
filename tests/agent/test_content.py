"""What a video says and shows, by chat: a call to action, brand colours and a corner name, removing
the part about a topic, and uploads on the scenes (tools/content.py, read by content_clauses.py)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from nemo_tui.draft.reads import clip_rows, length_of, scenes, segments_of, tracks_of
from nemo_tui.engine.agent.edits.timeline_summary import fmt_seconds
from nemo_tui.engine.agent.language.content_clauses import read_content
from nemo_tui.engine.agent.language.phrases import split_clauses
from nemo_tui.engine.agent.language.rules import parse_edit
from nemo_tui.engine.agent.language.times import normalize
from nemo_tui.engine.agent.tools import DraftTools
from nemo_tui.engine.render import validate_draft
from nemo_tui.engine.render.text import build_ass
from nemo_tui.engine.render.validate import parse_draft

from .harness import Agent, Context

SCRIPT = (
    "Harbor Lane Bakery: fresh bread every morning. We bake our sourdough with Vermont flour at 4 am. "
    "Our croissants are folded by hand over three days. We deliver across the harbor before breakfast. "
    "Order at harborlanebakery.com"
)
PHOTOS = [
    {"id": f"p{k}", "src": f"media:p{k}", "file_type": "image", "filename": name, "duration": None}
    for k, name in enumerate(["team.jpg", "coffee_counter.jpg", "storefront.jpg", "croissant.png"], 1)
]


async def _do(agent: Agent, text: str) -> list[dict[str, Any]]:
    """Run a message with this module's readers first (the lead registers them in `parse_edit`)."""
    answers = []
    for k, clause in enumerate(split_clauses(normalize(text))):
        calls = read_content(clause, clause.lower()) or parse_edit(clause)
        assert isinstance(calls, list), f"{clause!r} was not read: {calls}"
        for call in calls:
            tool = getattr(agent.tools, call.name)
            answers.append(await tool(tool_context=Context(agent.state, f"t-{id(text)}-{k}"), **call.args))
    return answers


def do(agent: Agent, text: str) -> dict[str, Any]:
    return asyncio.run(_do(agent, text))[-1]


def _video(tools: DraftTools, plain: bool) -> Agent:
    agent = Agent(tools)
    where = " on plain backgrounds" if plain else ""
    asyncio.run(agent.say(f"generate a 30-second promo video{where} from this script: {SCRIPT}"))
    agent.state["video_infos"] = [dict(p) for p in PHOTOS]  # uploaded after the video was made
    return agent


@pytest.fixture
def designed(tools: DraftTools) -> Agent:
    return _video(tools, plain=False)


@pytest.fixture
def plain(tools: DraftTools) -> Agent:
    return _video(tools, plain=True)


def _row(agent: Agent) -> list[dict[str, Any]]:
    assert agent.draft is not None
    return scenes(agent.draft)


def _texts(agent: Agent, role: str) -> list[dict[str, Any]]:
    assert agent.draft is not None
    return [s for t in tracks_of(agent.draft, tt=7, role=role) for s in segments_of(t)]


# --- phrasings → calls


@pytest.mark.parametrize(
    ("text", "name", "args"),
    [
        ('add a call to action at the end: "Order at harborlanebakery.com"', "add_call_to_action",
         {"words": "Order at harborlanebakery.com"}),
        ("end with 'Visit us today'", "add_call_to_action", {"words": "Visit us today"}),
        ('在结尾加上"欢迎光临"四个字', "add_call_to_action", {"words": "欢迎光临"}),
        ("add our logo text in the top right corner the whole time", "add_brand_text",
         {"text": "", "corner": "top-right"}),
        ("put 'Harbor Lane' in the top right corner", "add_brand_text",
         {"text": "Harbor Lane", "corner": "top-right"}),
        ("右上角一直显示店名", "add_brand_text", {"text": "", "corner": "top-right"}),
        ("show our shop name in the bottom left corner", "add_brand_text",
         {"text": "", "corner": "bottom-left"}),
        ("remove the name in the top right corner", "add_brand_text", {"corner": "none"}),
        ("cut the part where it talks about the Vermont flour", "remove_topic", {"topic": "Vermont flour"}),
        ("remove the scene about delivery", "remove_topic", {"topic": "delivery"}),
        ("删掉讲配送的那段", "remove_topic", {"topic": "配送"}),
        ("use my photos for the scenes, in this order: storefront, croissant, team, coffee counter",
         "use_uploads", {"order": "storefront, croissant, team, coffee counter"}),
        ("use my photos for the scenes", "use_uploads", {}),
        ("用我的照片做场景", "use_uploads", {}),
        ("put the storefront photo first", "move_upload", {"name": "storefront", "to": 1}),
        ("move the croissant picture to the end", "move_upload", {"name": "croissant", "to": -1}),
        ("把店面的照片放到最前面", "move_upload", {"name": "店面", "to": 1}),
        ("remove the team photo", "remove_upload", {"name": "team"}),
        ("删掉团队的照片", "remove_upload", {"name": "团队"}),
        ("keep it 30 seconds", "set_length", {"seconds": 30.0}),
        ("remove the Vermont part", "remove_topic", {"topic": "Vermont"}),
        ("start the video with the storefront photo", "move_upload", {"name": "storefront", "to": 1}),
        ("put the croissant photo on the croissant scene", "put_upload",
         {"name": "croissant", "scene": "croissant"}),
        ("use the team photo for scene 4", "put_upload", {"name": "team", "scene": "4"}),
        ("put my photos behind the captions instead of the coloured backgrounds", "use_uploads", {}),
        ("用我上传的照片替换彩色背景", "use_uploads", {}),
        ("照片按这个顺序放：店面、可颂、团队、咖啡柜台", "use_uploads",
         {"order": "店面, 可颂, 团队, 咖啡柜台"}),
    ],
)  # fmt: skip
def test_phrasings_become_calls(text: str, name: str, args: dict[str, Any]) -> None:
    clauses = split_clauses(normalize(text))
    found = read_content(clauses[0], clauses[0].lower())
    assert isinstance(found, list) and [(c.name, c.args) for c in found] == [(name, args)]


@pytest.mark.parametrize(
    "text",
    ["remove the last clip", "remove the second scene", "logo in the top right corner", "end with a fade",
     "add some text at the end saying Visit us today", "remove the music", "keep it simple",
     "move clip 2 to the end", "put the title at the top", "remove the middle part", "remove the last part"],
)  # fmt: skip
def test_other_requests_are_left_to_their_readers(text: str) -> None:
    assert read_content(text, text.lower()) is None


def test_the_photos_replace_the_backgrounds_and_the_length_is_kept_when_asked() -> None:
    text = "no, the photos should replace the coloured backgrounds behind the captions… keep it 30 seconds"
    calls = [read_content(c, c.lower()) for c in split_clauses(normalize(text))]
    assert [[(c.name, c.args) for c in cs or []] for cs in calls] == [
        [("use_uploads", {})],
        [("set_length", {"seconds": 30.0})],
    ]


# --- 1. a call to action


def test_a_designed_end_card_takes_the_words_and_the_length_stays(designed: Agent) -> None:
    before = _row(designed)
    said = do(designed, "end with 'Visit us today'")
    assert said["ok"], said
    row = _row(designed)
    assert len(row) == len(before) and length_of(designed.draft or {}) == 30000
    end = row[-1]["scene"]
    assert end["template"] == "cta" and end["headline"] == "Visit us today" and "button" not in end
    assert end["sub"] == "Harbor Lane Bakery"
    do(designed, 'add a call to action at the end: "Order at harborlanebakery.com"')
    end = _row(designed)[-1]["scene"]  # the words as written, and a short action as the button
    assert (end["headline"], end["button"]) == ("Order at harborlanebakery.com", "Order now")
    said = do(designed, 'add a call to action at the end: "Order at harborlanebakery.com"')
    assert not said["ok"] and "end with" in said["message"], said  # already so: what to say instead
    validate_draft(designed.draft)


def test_a_designed_video_without_an_end_card_gets_one_within_its_length(designed: Agent) -> None:
    do(designed, "use my photos for the scenes")  # the end card stays...
    do(designed, "make the last scene a headline")  # ...until it is made a headline
    assert not any(s.get("scene", {}).get("template") == "cta" for s in _row(designed))
    count = len(_row(designed))
    said = do(designed, '在结尾加上"欢迎光临"四个字')
    assert said["ok"], said
    row = _row(designed)
    assert len(row) == count + 1 and row[-1]["scene"]["template"] == "cta"
    assert row[-1]["scene"]["headline"] == "欢迎光临"
    assert abs(length_of(designed.draft or {}) - 30000) <= 250
    validate_draft(designed.draft)


def test_a_plain_video_gets_a_closing_line_that_stays_at_the_end(plain: Agent) -> None:
    do(plain, 'end with "Order at harborlanebakery.com"')  # the script's closing line: shown once
    assert [s["text"] for s in _texts(plain, "captions")][
        -1
    ] == "We deliver across the harbor before breakfast."
    said = do(plain, "end with 'Visit us today'")
    assert said["ok"], said
    (line,) = [s for s in _texts(plain, "title") if s["m"].get("cta")]
    assert line["text"] == "Visit us today" and line["st"] + line["d"] == 30000
    said = do(plain, "make it 20 seconds")
    assert "Paced the video to 20 s" in said["message"] and "not possible" not in said["message"], said
    (line,) = [s for s in _texts(plain, "title") if s["m"].get("cta")]
    assert line["st"] + line["d"] == length_of(plain.draft or {}) == 20000
    do(plain, "end with 'Order today'")  # changes the words, adds no second line
    assert [s["text"] for s in _texts(plain, "title") if s["m"].get("cta")] == ["Order today"]
    validate_draft(plain.draft)


def test_a_closing_line_stays_long_enough_to_read_after_a_short_last_scene(tools: DraftTools) -> None:
    agent = Agent(tools)
    asyncio.run(
        agent.say(f"generate a 15-second promo video on plain backgrounds from this script: {SCRIPT}")
    )
    row = _row(agent)
    assert row[-1]["d"] < 2500  # the closing scene alone is too short to read an address
    do(agent, "end with 'Order at harborlanebakery.com'")
    (line,) = [s for s in _texts(agent, "title") if s["m"].get("cta")]
    assert line["d"] >= 2500 and line["st"] + line["d"] == 15000


# --- 2. brand colours


def test_brand_colours_reach_a_plain_videos_title_captions_and_card(plain: Agent) -> None:
    said = do(plain, "use our colours #0A3D62 and #F8C291")
    assert said["ok"], said
    assert {s["style"]["color"] for s in _texts(plain, "captions")} == {"#FFFFFF"}
    assert {s["style"]["box"] for s in _texts(plain, "captions")} == {"#0A3D62D9"}
    assert {s["style"]["color"] for s in _texts(plain, "title")} == {"#F8C291"}
    assert _row(plain)[0]["src"] == "color:#0A3D62"
    assert {s["src"] for s in _row(plain)[1:]} == {"gradient:#0A3D62,#516570"}
    do(plain, "put 'Harbor Lane' in the top right corner")  # added later, in the brand's colours
    assert _texts(plain, "brand")[0]["style"]["box"] == "#0A3D62D9"
    asyncio.run(plain.tools.set_colours(tool_context=Context(plain.state, "back"), colours=[]))
    assert _row(plain)[0]["src"] == "color:#1B1A2E" and _row(plain)[1]["src"].startswith("gradient:#2E2A4F")
    assert {s["style"]["box"] for s in _texts(plain, "captions")} == {"#00000080"}


def test_brand_colours_on_a_mixed_video_colour_scenes_and_captions(designed: Agent) -> None:
    asyncio.run(designed.tools.add_caption(text="Fresh today", tool_context=Context(designed.state, "c")))
    said = do(designed, "use our colours #F8C291 and #0A3D62")  # a light background: dark words
    assert said["ok"] and "captions" in said["message"], said
    assert all(s["scene"]["palette"] == ["#F8C291", "#0A3D62"] for s in _row(designed))
    (caption,) = _texts(designed, "captions")
    assert caption["style"]["color"] == "#111111" and caption["style"]["box"] == "#F8C291D9"


def test_brand_colours_on_a_video_of_bare_photos_are_refused_with_what_to_do(tools: DraftTools) -> None:
    agent = Agent(tools, {"video_infos": [dict(p) for p in PHOTOS]})
    asyncio.run(agent.say("generate a video from my uploads"))
    before = agent.draft
    said = do(agent, "use our colours #0A3D62 and #F8C291")
    assert not said["ok"] and "top right corner" in said["message"] and agent.draft == before, said


# --- 3. the brand in a corner


def test_a_corner_name_lasts_the_whole_video_and_renders_in_the_corner(plain: Agent) -> None:
    said = do(plain, "add our logo text in the top right corner the whole time")
    assert said["ok"], said
    (name,) = _texts(plain, "brand")
    assert name["text"] == "Harbor Lane Bakery" and (name["st"], name["d"]) == (0, 30000)
    assert name["style"]["pos"] == "top-right"
    do(plain, "make it 20 seconds")
    assert _texts(plain, "brand")[0]["d"] == 20000
    do(plain, "remove clip 1")
    assert _texts(plain, "brand")[0]["d"] == length_of(plain.draft or {})
    do(plain, "make the captions yellow")  # the corner name is not a caption
    assert _texts(plain, "brand")[0]["style"]["color"] == "#FFFFFF"
    timeline = parse_draft(plain.draft)
    brand = [t for t in timeline.tracks_of(7) if t.role == "brand"]
    assert ",9," in build_ass(timeline.canvas, [list(brand[0].segments)], [])  # ASS's top-right alignment
    do(plain, "remove the name in the top right corner")
    assert not _texts(plain, "brand")


def test_a_logo_without_a_picture_is_refused_with_the_name_as_the_way_instead(designed: Agent) -> None:
    designed.state["video_infos"] = []
    said = do(designed, "logo in the top left corner")
    assert not said["ok"] and 'put "Harbor Lane Bakery" in the top right corner' in said["message"], said
    said = do(designed, "add our logo text in the top left corner")
    assert said["ok"] and _texts(designed, "brand")[0]["style"]["pos"] == "top-left", said


def test_a_name_in_the_logos_corner_says_so(designed: Agent) -> None:
    designed.state["video_infos"] = [{"id": "logo1", "file_type": "image", "filename": "logo.png"}]
    do(designed, "logo in the top right corner")
    said = do(designed, "put 'Harbor Lane' in the top right corner")
    assert (
        said["ok"] and "Your logo is in that corner too" in said["message"] and "top left" in said["message"]
    ), said


# --- 4. the part about a topic


def test_the_scene_about_a_topic_goes_and_nothing_else(plain: Agent) -> None:
    before = _row(plain)
    captions = len(_texts(plain, "captions"))
    do(plain, "put 'Harbor Lane' in the top right corner")  # the corner name follows the new length
    said = do(plain, "cut the part where it talks about the Vermont flour")
    assert said["ok"] and "Vermont" in said["message"], said
    assert (
        f"now {fmt_seconds(length_of(plain.draft or {}))} s" in said["message"]
        and length_of(plain.draft or {}) < 30000
    )
    after = _row(plain)
    assert [s["id"] for s in after] == [s["id"] for s in before if "sourdough" not in s["m"]["name"]]
    assert len(_texts(plain, "captions")) == captions - 1
    assert not any("Vermont" in s["text"] for s in _texts(plain, "captions"))


def test_a_topic_in_several_scenes_asks_and_an_unknown_one_lists_them(plain: Agent) -> None:
    before = plain.draft
    said = do(plain, "remove the scene about harbor")  # the opener's line and the delivery line
    assert said.get("ask") and "clip 1" in said["message"] and "clip 4" in said["message"], said
    said = do(plain, "remove the scene about pizza")
    assert not said["ok"] and "croissants" in said["message"].lower(), said
    assert plain.draft == before


def test_a_chinese_topic_is_found_by_its_words(tools: DraftTools) -> None:
    agent = Agent(tools)
    asyncio.run(
        agent.say(
            "生成一个20秒的视频，纯色背景：港湾面包房。每天清晨新鲜出炉。我们提供全城配送服务。欢迎光临。"
        )
    )
    said = do(agent, "删掉讲配送的那段")
    assert said["ok"], said
    assert not any("配送" in s["text"] for s in _texts(agent, "captions"))
    assert any("新鲜" in s["text"] for s in _texts(agent, "captions"))


# --- 5. uploads on the scenes


def _shown(agent: Agent) -> list[str]:
    row = _row(agent)
    return [str(row[i].get("scene", {}).get("media") or row[i].get("src")) for i in clip_rows(row)]


def test_uploads_go_onto_plain_scenes_in_the_order_named(plain: Agent) -> None:
    captions = [(s["text"], s["st"], s["d"]) for s in _texts(plain, "captions")]
    said = do(
        plain, "use my photos for the scenes, in this order: storefront, croissant, team, coffee counter"
    )
    assert said["ok"], said
    assert _shown(plain)[:4] == ["media:p3", "media:p4", "media:p1", "media:p2"]
    assert length_of(plain.draft or {}) == 30000
    assert [(s["text"], s["st"], s["d"]) for s in _texts(plain, "captions")] == captions
    do(plain, "put the storefront photo first")
    assert _shown(plain)[0] == "media:p3"
    do(plain, "put the team photo first")
    assert _shown(plain)[:3] == ["media:p1", "media:p3", "media:p4"]
    count = len(_row(plain))
    said = do(plain, "remove the team photo")
    assert said["ok"] and len(_row(plain)) == count - 1 and "media:p1" not in _shown(plain)
    validate_draft(plain.draft)
    said = do(plain, "把牛角包的照片放到最前面")  # a Chinese name for an English file name
    assert said["ok"] and _shown(plain)[0] == "media:p4", said
    said = do(plain, "删掉咖啡台的照片")
    assert said["ok"] and "media:p2" not in _shown(plain), said


def test_without_an_order_every_scene_gets_a_photo_and_one_goes_on_the_scene_named(plain: Agent) -> None:
    said = do(plain, "put my photos behind the captions instead of the coloured backgrounds")
    assert said["ok"] and "repeated" in said["message"], said
    assert _shown(plain) == ["media:p1", "media:p2", "media:p3", "media:p4", "media:p1"]
    said = do(plain, "put the croissant photo on the croissant scene")
    row = _row(plain)
    (index,) = [i for i in clip_rows(row) if "croissants" in row[i]["m"]["name"]]
    assert said["ok"] and row[index]["src"] == "media:p4", said
    said = do(plain, "use the team photo for scene 4")
    assert said["ok"] and _shown(plain)[3] == "media:p1", said
    said = do(plain, "put the croissant photo on the pizza scene")  # no such scene: a question, no change
    assert said.get("ask") and "None mentions 'pizza'" in said["message"], said


def test_photos_appended_after_the_end_move_onto_the_scenes(plain: Agent) -> None:
    asyncio.run(plain.say("add my photos"))
    assert length_of(plain.draft or {}) > 40000  # what add_media does: after the end
    said = asyncio.run(
        _do(plain, "no, the photos should replace the coloured backgrounds… keep it 30 seconds")
    )
    assert said[0]["ok"], said
    assert length_of(plain.draft or {}) == 30000
    assert _shown(plain) == ["media:p1", "media:p2", "media:p3", "media:p4", "media:p1"]  # none coloured
    assert len(_row(plain)) == 6  # the card and the five scenes, none appended


def test_a_video_of_the_uploads_alone_is_reordered_not_emptied(tools: DraftTools) -> None:
    agent = Agent(tools, {"video_infos": [dict(p) for p in PHOTOS]})
    asyncio.run(agent.say("generate a video from my uploads"))
    count = len(_row(agent))
    said = do(agent, "use my photos for the scenes, in this order: croissant, storefront")
    assert said["ok"] and len(_row(agent)) == count, said
    assert _shown(agent)[:2] == ["media:p4", "media:p3"]


def test_designed_scenes_frame_the_photos_with_their_words_and_keep_the_end_card(designed: Agent) -> None:
    words = [s["scene"].get("headline") for s in _row(designed)[1:-1]]
    said = do(designed, "use my photos for the scenes")
    assert said["ok"], said
    row = _row(designed)
    assert [s["scene"]["template"] for s in row] == ["hero", "media", "media", "media", "cta"]
    assert [s["scene"]["headline"] for s in row[1:-1]] == words
    assert [s["scene"]["media"] for s in row[1:-1]] == ["media:p1", "media:p2", "media:p3"]
    assert "croissant.png" in said["message"]  # no scene left for it, and the reply says so
    said = do(designed, "remove the lighthouse photo")
    assert not said["ok"] and "storefront.jpg" in said["message"]


def test_starting_with_a_photo_not_yet_in_puts_it_on_the_first_scene(designed: Agent) -> None:
    words = [s["scene"].get("headline") for s in _row(designed)]
    said = do(designed, "start the video with the storefront photo")
    assert said["ok"] and _shown(designed)[0] == "media:p3", said
    assert [s["scene"].get("headline") for s in _row(designed)] == words
    said = do(designed, "remove the lighthouse photo")
    assert not said["ok"] and "storefront.jpg" in said["message"]
