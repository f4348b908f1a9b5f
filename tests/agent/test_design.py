"""A script becomes designed scenes: the template follows from what each sentence says."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from nemo_tui import art
from nemo_tui.draft.scenes import art_refs
from nemo_tui.engine.agent.edits import draft_ops as ops
from nemo_tui.engine.agent.edits import storyboard, texts
from nemo_tui.engine.agent.language import scene_reading as read
from nemo_tui.engine.render import validate_draft

EXAMPLE = Path(__file__).parents[2] / "examples" / "promo_script.txt"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("87% of customers ship their first video on day one.", "87%"),
        ("It charges 3x faster than last year's model.", "3x"),
        ("Over 10,000+ riders trust us.", "10,000+"),
        ("超过80%的用户在第一天就完成了视频。", "80%"),
        ("Baked at 4 am every morning.", None),  # a time of day is not a statistic
        ("Founded in 2019 in Vermont.", None),  # nor is a year
        ("Pick 1 colour.", None),
    ],
)
def test_a_number_worth_counting(sentence: str, value: str | None) -> None:
    stat = read.find_stat(sentence)
    assert (stat.value if stat else None) == value


@pytest.mark.parametrize(
    ("sentence", "items"),
    [
        (
            "Urban Dreams keeps your laptop, your lunch and your headphones in their own padded places.",
            ["Laptop", "Lunch", "Headphones"],
        ),
        ("We bake bread, cakes, and pastries every day.", ["Bread", "Cakes", "Pastries"]),
        ("Light, strong and beautiful, it is made from recycled bottles.", ["Light", "Strong", "Beautiful"]),
        ("我们的背包透气、防水、耐磨和轻便。", ["透气", "防水", "耐磨", "轻便"]),
        ("Every morning, millions of people cross the city.", []),
        ("Its shell shrugs off rain, and a hidden pocket keeps your passport safe.", []),
    ],
)
def test_things_named_in_a_row_become_feature_cards(sentence: str, items: list[str]) -> None:
    assert read.find_list(sentence) == items


@pytest.mark.parametrize(
    ("line", "brand", "expected"),
    [
        (
            "Order at harborlanebakery.com",
            "Harbor Lane",
            ("Harbor Lane", "Order now", "harborlanebakery.com"),
        ),
        (
            "Come visit us. Book your table at harborlane.com",
            "Harbor Lane",
            ("Come visit us", "Book your table", "harborlane.com"),
        ),
        ("Carry the city in style.", "Urban Dreams", ("Carry the city in style.", "", "Urban Dreams")),
        ("欢迎光临，立即预订！", "山间茶园", ("欢迎光临", "立即预订", "山间茶园")),
    ],
)
def test_the_closing_line_becomes_a_call_to_action(
    line: str, brand: str, expected: tuple[str, str, str]
) -> None:
    cta = read.call_to_action(line, brand)
    assert (cta.headline, cta.button, cta.sub) == expected


def test_quotes_and_steps() -> None:
    assert read.find_quote("“The best bag I have owned.” — Maya, Berlin") == (
        "The best bag I have owned.",
        "Maya, Berlin",
    )
    assert read.find_steps("First pack your bag, then plug in your phone, finally walk out the door.") == [
        "Pack your bag",
        "Plug in your phone",
        "Walk out the door",
    ]


def _first_cut(text: str, aspect: str = "16:9") -> dict:
    cpl = storyboard.line_width(aspect, designed=True)
    story = storyboard.plan_story(text, target_ms=30000, visuals=[], chars_per_line=cpl, designed=True)
    return storyboard.build_draft(story, aspect=aspect, target_ms=30000)


@pytest.mark.parametrize("aspect", ["16:9", "9:16", "1:1"])
def test_the_example_script_becomes_designed_scenes_that_vary(aspect: str) -> None:
    draft = _first_cut(EXAMPLE.read_text(), aspect)
    row = draft["t"][0]["sg"]
    templates = [s["scene"]["template"] for s in row]
    assert templates[0] == "hero" and templates[-1] == "cta"
    assert "features" in templates  # "your laptop, your lunch and your headphones"
    assert all(s["src"] == f"scene:{s['scene']['template']}" for s in row)
    shapes = [(s["scene"]["template"], s["scene"].get("layout")) for s in row]
    assert all(a != b for a, b in zip(shapes, shapes[1:], strict=False))  # consecutive scenes differ
    for seg in row:  # every piece of art drawn is listed, and exists
        assert seg["scene"]["art"] == art_refs(seg["scene"])
        assert all(art.exists(ref) for ref in seg["scene"]["art"])
    hero = row[0]["scene"]
    assert (hero["headline"], hero["sub"]) == ("Urban Dreams", "The smart commuter backpack")
    assert row[-1]["scene"]["sub"] == "Urban Dreams"  # the brand signs the end card
    assert not [t for t in draft["t"] if t["tt"] == ops.TEXT and t["sg"]]  # the words are the scenes'
    validate_draft(draft)


def test_a_chinese_script_gets_designed_scenes() -> None:
    text = (
        "山间茶园\n每天清晨采摘新鲜的茶叶。我们的茶清香、回甘、耐泡和健康。"
        "超过90%的客人会再次购买。欢迎光临，立即预订！"
    )
    draft = _first_cut(text)
    templates = [s["scene"]["template"] for s in draft["t"][0]["sg"]]
    assert templates[0] == "hero" and templates[-1] == "cta"
    assert {"features", "stat"} <= set(templates)
    validate_draft(draft)


def test_a_background_asked_for_keeps_the_plain_scenes() -> None:
    cpl = texts.chars_per_line(ops.new_draft("16:9"))
    story = storyboard.plan_story(EXAMPLE.read_text(), target_ms=30000, visuals=[], chars_per_line=cpl)
    draft = storyboard.build_draft(story, target_ms=30000, background="color:#112233")
    assert all(s["src"] == "color:#112233" for s in draft["t"][0]["sg"])
    assert any(t["tt"] == ops.TEXT and t["sg"] for t in draft["t"])


@pytest.fixture
def designed(tools):
    """A session with a video generated from the example script (designed scenes) and a logo upload."""
    from .harness import Agent

    agent = Agent(tools)
    asyncio.run(agent.say("generate a 30-second promo video from this script: " + EXAMPLE.read_text()))
    agent.state["video_infos"] = [  # uploaded after the video was made
        {
            "id": "logo1",
            "src": "media:logo1",
            "file_type": "image",
            "filename": "acme-logo.png",
            "duration": None,
        }
    ]
    return agent


def _scenes(draft: dict) -> list[dict]:
    return [s["scene"] for s in draft["t"][0]["sg"] if "scene" in s]


def test_the_look_changes_by_chat_and_undo_brings_it_back(designed) -> None:
    before = _scenes(designed.draft)
    asyncio.run(designed.say("make it playful"))
    assert {s["style"] for s in _scenes(designed.draft)} == {"playful"}
    asyncio.run(designed.say("use our colours #0A3D62 and #F8C291"))
    assert all(s["palette"] == ["#0A3D62", "#F8C291"] for s in _scenes(designed.draft))
    validate_draft(designed.draft)
    asyncio.run(designed.say("undo"))
    asyncio.run(designed.say("undo"))
    assert _scenes(designed.draft) == before


def test_one_scenes_art_is_swapped_and_nothing_else_changes(designed) -> None:
    before = _scenes(designed.draft)
    said = asyncio.run(designed.say("use a coffee cup on the second scene"))
    after = _scenes(designed.draft)
    assert said.responses[-1]["ok"], said.reply
    assert "beverage" in after[2]["illustration"] or "coffee" in after[2]["illustration"]
    assert after[2]["art"] == art_refs(after[2])
    assert [s for k, s in enumerate(after) if k != 2] == [s for k, s in enumerate(before) if k != 2]
    said = asyncio.run(designed.say("a different picture for scene 2"))
    assert _scenes(designed.draft)[2]["illustration"] not in (after[2]["illustration"], None)
    said = asyncio.run(designed.say("换一个图标"))  # which scene? it asks rather than guess
    assert not said.responses[-1]["ok"] and "要换图哪一个片段" in said.reply


def test_the_logo_goes_on_the_end_card_or_in_a_corner(designed) -> None:
    asyncio.run(designed.say("put our logo on the end card"))
    assert _scenes(designed.draft)[-1]["logo"] == "media:logo1"
    asyncio.run(designed.say("and our logo in the top right corner the whole time"))
    assert all(s.get("logo_corner") == "top-right" for s in _scenes(designed.draft))
    asyncio.run(designed.say("remove the logo"))
    assert not any("logo" in s for s in _scenes(designed.draft))


def test_uploaded_photos_are_framed_with_their_words() -> None:
    cpl = texts.chars_per_line(ops.new_draft("16:9"))
    photos = [
        storyboard.Visual("media:img1", "image", "storefront.jpg"),
        storyboard.Visual("media:img2", "image", "croissant.jpg"),
    ]
    story = storyboard.plan_story(EXAMPLE.read_text(), target_ms=30000, visuals=photos, chars_per_line=cpl)
    draft = storyboard.build_draft(story, target_ms=30000)
    framed = [s["scene"] for s in draft["t"][0]["sg"] if s.get("scene", {}).get("template") == "media"]
    assert [f["media"] for f in framed[:2]] == ["media:img1", "media:img2"]  # in upload order
    assert {f["layout"] for f in framed} == {"split", "lower-third"}  # neighbours vary
    assert all(f["headline"] for f in framed)
    validate_draft(draft)


def test_the_title_and_words_of_a_designed_video_are_edited_in_its_scenes(designed) -> None:
    said = asyncio.run(designed.say("change the title to 'Night Owls'"))
    assert said.responses[-1]["ok"] and _scenes(designed.draft)[0]["headline"] == "Night Owls"
    asyncio.run(designed.say("make the title yellow and bigger"))
    opener = _scenes(designed.draft)[0]
    assert opener["text_color"] == "#FFD600" and opener["text_scale"] == 1.2
    assert "text_color" not in _scenes(designed.draft)[1]  # only the opener
    said = asyncio.run(designed.say("move the title to the top"))
    assert not said.responses[-1]["ok"] and "part of the design" in said.reply
    asyncio.run(designed.say("make the captions smaller"))
    assert all(s.get("text_scale", 1) < 1.2 for s in _scenes(designed.draft)[1:])
    said = asyncio.run(designed.say("title 'Urban Dreams' for the first 3 seconds"))
    assert _scenes(designed.draft)[0]["headline"] == "Urban Dreams"
    assert not [t for t in designed.draft["t"] if t["tt"] == ops.TEXT]  # no second title on top
    validate_draft(designed.draft)


def test_one_scene_gets_new_words_or_another_template_by_chat(designed) -> None:
    before = _scenes(designed.draft)
    said = asyncio.run(
        designed.say("change the words of scene 1 to 'Millions cross the city every morning.'")
    )
    after = _scenes(designed.draft)
    assert said.responses[-1]["ok"], said.reply
    assert after[1]["headline"] == "Millions cross the city every morning." and after[2:] == before[2:]
    said = asyncio.run(designed.say("make scene 1 a quote"))
    row1 = designed.draft["t"][0]["sg"][1]
    assert row1["src"] == "scene:quote" and row1["scene"]["quote"] == "Millions cross the city every morning."
    said = asyncio.run(designed.say("show scene 1 as a statistic"))  # no number in those words
    assert not said.responses[-1]["ok"] and "no number" in said.reply
    assert designed.draft["t"][0]["sg"][1]["src"] == "scene:quote"  # refused: nothing changed
    validate_draft(designed.draft)
    asyncio.run(designed.say("undo"))
    asyncio.run(designed.say("undo"))
    assert _scenes(designed.draft) == before


def test_a_first_sentence_that_is_the_title_is_the_opener_not_a_scene_of_its_own() -> None:
    draft = _first_cut(
        "Fresh bread every morning. We bake sourdough, croissants and buns. Order at harborlane.com"
    )
    row = [s["scene"] for s in draft["t"][0]["sg"]]
    assert [s["template"] for s in row] == ["hero", "features", "cta"]
    assert row[0]["headline"] == "Fresh bread every morning"
    assert [i["text"] for i in row[1]["items"]] == ["Sourdough", "Croissants", "Buns"]
