"""A script becomes designed scenes: the template follows from what each sentence says."""

from __future__ import annotations

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
        ("Urban Dreams keeps your laptop, your lunch and your headphones in their own padded places.",
         ["Laptop", "Lunch", "Headphones"]),
        ("We bake bread, cakes, and pastries every day.", ["Bread", "Cakes", "Pastries"]),
        ("Light, strong and beautiful, it is made from recycled bottles.", ["Light", "Strong", "Beautiful"]),
        ("我们的背包透气、防水、耐磨和轻便。", ["透气", "防水", "耐磨", "轻便"]),
        ("Every morning, millions of people cross the city.", []),
        ("Its shell shrugs off rain, and a hidden pocket keeps your passport safe.", []),
    ],
)  # fmt: skip
def test_things_named_in_a_row_become_feature_cards(sentence: str, items: list[str]) -> None:
    assert read.find_list(sentence) == items


@pytest.mark.parametrize(
    ("line", "brand", "expected"),
    [
        ("Order at harborlanebakery.com", "Harbor Lane", ("Harbor Lane", "Order now", "harborlanebakery.com")),
        ("Come visit us. Book your table at harborlane.com", "Harbor Lane",
         ("Come visit us", "Book your table", "harborlane.com")),
        ("Carry the city in style.", "Urban Dreams", ("Carry the city in style.", "", "Urban Dreams")),
        ("欢迎光临，立即预订！", "山间茶园", ("欢迎光临", "立即预订", "山间茶园")),
    ],
)  # fmt: skip
def test_the_closing_line_becomes_a_call_to_action(line: str, brand: str, expected: tuple[str, str, str]) -> None:
    cta = read.call_to_action(line, brand)
    assert (cta.headline, cta.button, cta.sub) == expected


def test_quotes_and_steps() -> None:
    assert read.find_quote("“The best bag I have owned.” — Maya, Berlin") == ("The best bag I have owned.", "Maya, Berlin")
    assert read.find_steps("First pack your bag, then plug in your phone, finally walk out the door.") == [
        "Pack your bag", "Plug in your phone", "Walk out the door"]  # fmt: skip


def _first_cut(text: str, aspect: str = "16:9") -> dict:
    cpl = texts.chars_per_line(ops.new_draft(aspect))
    story = storyboard.plan_story(text, target_ms=30000, visuals=[], chars_per_line=cpl)
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
    text = "山间茶园\n每天清晨采摘新鲜的茶叶。我们的茶清香、回甘、耐泡和健康。超过90%的客人会再次购买。欢迎光临，立即预订！"
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
