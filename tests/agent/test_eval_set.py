"""The evaluation set (issue 20, `tests/agent/eval/`): the agent scored by what requests made of the draft.

The whole set runs through ADK's Runner with the offline planner (about 25 s here). It must harm
nothing beyond the harms known today (listed below, each a bug to fix: when one is fixed, this test
says so and the entry must go), and its did-rate must not fall under the floor measured when the set
was written. Every check kind must be able to fail: a deliberately wrong draft fails each one, and a
model that removes clips in the wrong order is scored "misread".
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable
from typing import Any

import pytest
from google.adk.models.base_llm import BaseLlm
from google.adk.models.llm_response import LlmResponse
from google.genai import types

from nemo_tui.engine.agent.model_seam import AdkModel
from nemo_tui.engine.agent.tools import DraftTools

from .eval import checks as ck
from .eval import score

# The did-rate (did + allowed questions) measured when the set was written (69.4%), rounded down to 5%.
FLOOR = 0.95
# Harms the agent does today (2026-12-07); each is a bug. A new harm fails the test.
KNOWN_HARM: set[str] = set()  # requests the agent is known to harm: none now
CTA = "Order at harborlanebakery.com"
ISSUE_ROWS = [
    "make the croissant shot stay on screen longer, like 5 seconds",
    "can you speed up the middle section a bit",
    "mute the music during the last 3 seconds",
    "no, the photos should replace the coloured backgrounds behind the captions",
    "music 15%",
    "make a square version for Instagram",
    "做一个竖屏版本给抖音",
    "use crossfades between the pictures instead of hard cuts",
    "use my photos for the scenes, in this order: storefront, croissant, team, coffee counter",
    "replace the music with something more upbeat",
    'add a call to action at the end: "Order at harborlanebakery.com"',
    '在结尾加上"欢迎光临"四个字',
    "use our colours #0A3D62 and #F8C291",
    "add our logo text in the top right corner the whole time",
    "cut the part where it talks about the Vermont flour",
    "remove the team photo",
    "change the font to something more elegant",
    "add a voice-over with a female voice",
    "remove clips 2 and 4",
]


def test_the_set_is_big_balanced_and_holds_the_issue_rows() -> None:
    contexts, requests = score.load()
    assert len(requests) >= 110 and len({r.id for r in requests}) == len(requests)
    assert sum(r.language == "zh" for r in requests) >= len(requests) / 4
    assert {r.category for r in requests} >= {
        "text", "music", "voice", "length", "clips", "transitions", "shape", "uploads", "design", "vague",
        "questions", "history", "compound", "out_of_scope",
    }  # fmt: skip
    texts = [r.text for r in requests]
    assert all(any(row in t for t in texts) for row in ISSUE_ROWS)
    for r in requests:
        assert r.context in contexts, r.id
        assert r.expect, r.id
        assert all(kind in ck.CHECKS for entry in r.expect + r.keep for kind in entry), r.id


@pytest.mark.timeout(240)
def test_the_agent_on_the_evaluation_set(tools: DraftTools) -> None:
    scored = asyncio.run(score.score_all(tools))
    harmed = {s.request.id for s in scored if s.outcome == "harmed"}
    report = score.report(scored, "offline", 0)
    assert harmed <= KNOWN_HARM, report
    assert not KNOWN_HARM - harmed, f"fixed, take it off KNOWN_HARM: {KNOWN_HARM - harmed}"
    assert score.did_rate(scored) >= FLOOR, report
    assert not [s.line() for s in scored if any("negative clip" in f for f in s.reply_faults)]


# ---------------------------------------------------------------- every check can fail


@pytest.fixture(scope="module")
def drafts(tools: DraftTools) -> dict[str, dict[str, Any]]:
    specs, _ = score.load()

    async def build() -> dict[str, dict[str, Any]]:
        return {
            name: await score.build_context(tools, specs[name])
            for name in ("designed", "plain", "photos", "designed_voice")
        }

    return asyncio.run(build())


def _changed(draft: dict[str, Any], edit: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    copied = copy.deepcopy(draft)
    edit(copied)
    return copied


def _clip(draft: dict[str, Any], n: int) -> dict[str, Any]:
    return ck.clips(draft)[n - 1]


def _drop(draft: dict[str, Any], *numbers: int) -> None:
    gone = {_clip(draft, n)["id"] for n in numbers}
    for t in draft["t"]:
        t["sg"] = [s for s in t["sg"] if s["id"] not in gone]


def _track(draft: dict[str, Any], role: str) -> dict[str, Any]:
    return next(t for t in draft["t"] if t.get("m", {}).get("role") == role)


def _wrong_looks(d: dict[str, dict[str, Any]]) -> dict[str, tuple[ck.Look, Any]]:
    """For every check kind: a look at a draft that is wrong for it, and the argument it is checked with."""
    D, P, Ph, V = (d[k]["draft"] for k in ("designed", "plain", "photos", "designed_voice"))
    up = d["photos"]["video_infos"]

    def same(draft: dict[str, Any], reply: str = "") -> ck.Look:
        return ck.Look(draft, copy.deepcopy(draft), reply, up)

    def edited(draft: dict[str, Any], edit: Callable[[dict[str, Any]], Any]) -> ck.Look:
        return ck.Look(draft, _changed(draft, edit), "", up)

    def mute_all(x: dict[str, Any]) -> None:
        _track(x, "bgm")["sg"][0]["vol"] = 0.0

    def logo_is_a_photo(x: dict[str, Any]) -> None:
        for s in x["t"][0]["sg"]:
            s["scene"] |= {"logo": f"media:{up[3]['id']}", "logo_corner": "top-right"}

    return {
        "duration": (same(D), "20"),
        "duration_change": (same(D), -5),
        "shorter": (same(D), True),
        "longer": (same(D), True),
        "clip_count": (same(D), 5),
        "clip_count_change": (same(D), -1),
        "removed_clips": (edited(D, lambda x: _drop(x, 2, 5)), [2, 4]),  # removed one by one: 2, then "4"
        "removed_scene_containing": (edited(D, lambda x: _drop(x, 3)), "Vermont"),
        "clip_order": (same(D), [2, 1, 3, 4, 5, 6]),
        "clip_lasts": (same(Ph), {"which": "croissant", "seconds": [4.8, 6.5]}),
        "clip_longer": (same(Ph), "croissant"),
        "faster_clips": (edited(D, lambda x: _clip(x, 2).update(speed=1.5)), [3, 4]),
        "slower_all": (same(D), True),
        "clip_speed": (same(D), [2, 1.5]),
        "photos_in_order": (same(Ph), ["croissant", "storefront", "team", "coffee-counter"]),
        "no_colour_backgrounds": (same(P), True),
        "uses_all_photos": (same(P), True),
        "clip_shows": (same(Ph), [1, "croissant"]),
        "photo_on_scene": (same(D), {"says": "croissants take", "photo": "croissant"}),
        "music_volume": (same(D), 0.15),
        "music_volume_range": (edited(D, mute_all), [[-3, 0], 0.0]),  # the whole track muted
        "music_mood": (same(D), "upbeat"),
        "music_removed": (same(D), True),
        "music_fades_out": (same(D), True),
        "music_kept": (edited(D, lambda x: _track(x, "bgm")["sg"][0].update(vol=0.2)), True),
        "music_src": (same(D), "song.mp3"),
        "quieter": (same(D), "music"),
        "louder": (same(D), "music"),
        "voice": (same(D), True),
        "voice_female": (same(V), True),
        "voice_kept": (edited(V, lambda x: x["t"].remove(_track(x, "voice"))), True),
        "voice_volume": (same(V), 0.5),
        "text_at_end": (same(D), "Order at harborlanebakery.com"),
        "text_anywhere": (same(D), "Open Sundays"),
        "title_text": (same(P), "Fresh Daily"),
        "text_style": (same(P), {"which": "captions", "color": "yellow"}),
        "captions_removed": (same(P), True),
        "caption_text": (same(P), [3, "Organic flour"]),
        "captions_as_step": (
            ck.Look(P, _changed(P, lambda x: x["t"].remove(_track(x, "captions"))), "", up, [P]),
            0,
        ),
        "captions_kept": (edited(P, lambda x: _track(x, "captions")["sg"][0].update(text="Hi")), True),
        "scene_words_kept": (edited(D, lambda x: _clip(x, 1)["scene"].update(headline="Hi")), True),
        "clip_says": (same(D), [1, "Warm bread from 4 am"]),
        "scene_art": (same(D), [1, "croissant"]),
        "cut_seconds": (same(D), ["end", 5]),
        "aspect": (same(D), "1:1"),
        "transitions": (same(D), "none"),
        "style": (same(D), "playful"),
        "lighter_type": (same(D), True),
        "colours": (same(D), ["#0A3D62", "#F8C291"]),
        "style_kept": (edited(D, lambda x: _clip(x, 1)["scene"].update(style="playful")), True),
        "brand_top_right": (edited(Ph, logo_is_a_photo), "Harbor Lane"),
        "brand_corner": (edited(Ph, logo_is_a_photo), {"name": "Harbor Lane", "corner": "top-right"}),
        "new_version": (same(D), True),
        "unchanged": (edited(D, lambda x: x["canvas"].update(w=1080, h=1080)), True),
        "restores": (ck.Look(D, copy.deepcopy(D), "", up, [_changed(D, lambda x: _drop(x, 1))]), 0),
        "reply_mentions": (same(D, "Done."), "30"),
        "offers_alternative": (same(D, "I can't do that."), True),
        "exportable": (edited(D, lambda x: _clip(x, 1).update(d=-5)), True),
    }


def test_every_check_kind_fails_a_wrong_draft(drafts: dict[str, dict[str, Any]]) -> None:
    looks = _wrong_looks(drafts)
    assert set(looks) == set(ck.CHECKS), set(ck.CHECKS) ^ set(looks)
    passed = [kind for kind, (look, arg) in looks.items() if ck.CHECKS[kind](look, arg)]
    assert not passed


def test_losing_what_was_not_named_is_harm(drafts: dict[str, dict[str, Any]]) -> None:
    P = drafts["plain"]["draft"]
    no_captions = _changed(P, lambda x: x["t"].remove(_track(x, "captions")))
    assert ck.lost(P, no_captions, frozenset({"length"}))
    assert not ck.lost(P, no_captions, frozenset({"captions"}))
    assert ck.lost(P, _changed(P, lambda x: x.update(d=x["d"] // 3)), frozenset())


class RemovesOneByOne(BaseLlm):
    """A mutant model: asked to remove clips 2 and 4, it removes clip 2 and then the new clip 4."""

    model: str = "mutant"

    async def generate_content_async(self, llm_request: Any, stream: bool = False):  # noqa: ANN201
        done = sum(1 for c in llm_request.contents for p in c.parts or [] if p.function_response)
        if done < 2:
            call = types.FunctionCall(name="remove_clip", args={"clip": (2, 4)[done]})
            yield LlmResponse(content=types.Content(role="model", parts=[types.Part(function_call=call)]))
        else:
            words = types.Part(text="Removed clips 2 and 4.")
            yield LlmResponse(content=types.Content(role="model", parts=[words]), turn_complete=True)


def test_a_model_that_removes_in_the_wrong_order_is_scored_misread(tools: DraftTools) -> None:
    _, requests = score.load()
    row = [r for r in requests if r.id == "clips-01"]
    scored = asyncio.run(score.score_all(tools, AdkModel(RemovesOneByOne()), row))
    assert scored[0].outcome == "misread", scored[0].line()
    offline = asyncio.run(score.score_all(tools, None, row))
    assert offline[0].outcome == "did", offline[0].line()


def _right_looks(d: dict[str, dict[str, Any]]) -> dict[str, tuple[ck.Look, Any]]:
    """The check kinds the offline agent never satisfies today, each on a draft that does what was meant:
    they can pass, so a failure on them is the agent's, not the check's."""
    D, P, Ph, V = (d[k]["draft"] for k in ("designed", "plain", "photos", "designed_voice"))
    up = d["photos"]["video_infos"]
    media = [f"media:{u['id']}" for u in up[:4]]

    def edited(draft: dict[str, Any], edit: Callable[[dict[str, Any]], Any]) -> ck.Look:
        return ck.Look(draft, _changed(draft, edit), "", up)

    def silent_end(x: dict[str, Any]) -> None:
        _track(x, "bgm")["sg"][0].update(d=27000, fade_out=0)

    def photos_on(x: dict[str, Any]) -> None:
        for n, m in enumerate(media, 1):
            _clip(x, n)["scene"]["media"] = m

    def photos_behind(x: dict[str, Any]) -> None:
        for i, seg in enumerate(ck.clips(x)):
            seg["src"] = media[i % 4]

    def brand(x: dict[str, Any]) -> None:
        text = {
            "id": "logo1",
            "st": 0,
            "d": x["d"],
            "text": "Harbor Lane Bakery",
            "style": {"pos": [0.9, 0.05]},
        }
        x["t"].append({"id": "x9", "tt": 7, "m": {"role": "logo"}, "sg": [text]})

    def longer_croissant(x: dict[str, Any]) -> None:
        _clip(x, 2)["d"] = 5500

    def minimal(x: dict[str, Any]) -> None:
        for s in x["t"][0]["sg"]:
            s["scene"]["style"] = "minimal"

    def female(x: dict[str, Any]) -> None:
        for s in _track(x, "voice")["sg"]:
            s["m"]["voice"] = "female"

    return {
        "removed_scene_containing": (edited(D, lambda x: _drop(x, 2)), "Vermont"),
        "music_volume_range": (edited(D, silent_end), [[-3, 0], 0.0]),
        "clip_lasts": (edited(Ph, longer_croissant), {"which": "croissant", "seconds": [5, 6]}),
        "photos_in_order": (edited(D, photos_on), ["storefront", "croissant", "team", "coffee counter"]),
        "no_colour_backgrounds": (edited(P, photos_behind), True),
        "uses_all_photos": (edited(P, photos_behind), True),
        "photo_on_scene": (edited(D, photos_on), {"says": "mill our loaves", "photo": "croissant"}),
        "brand_top_right": (edited(D, brand), "Harbor Lane"),
        "brand_corner": (edited(D, brand), {"name": "Harbor Lane", "corner": "top-right"}),
        "new_version": (ck.Look(D, copy.deepcopy(D), "", up, [], (0, 1)), True),
        "voice_female": (edited(V, female), True),
        "lighter_type": (edited(D, minimal), True),
        "text_at_end": (edited(D, lambda x: _clip(x, 6)["scene"].update(headline=CTA)), CTA),
        "captions_as_step": (ck.Look(P, copy.deepcopy(P), "", up, [P]), 0),
        "clip_speed": (edited(D, lambda x: _clip(x, 2).update(speed=1.5)), [2, 1.5]),
    }  # fmt: skip


def test_the_checks_the_agent_misses_can_pass(drafts: dict[str, dict[str, Any]]) -> None:
    failed = [kind for kind, (look, arg) in _right_looks(drafts).items() if not ck.CHECKS[kind](look, arg)]
    assert not failed
