"""`check_draft`: the draft's structure with exact key paths, in the renderer's own words."""

from __future__ import annotations

import time

import pytest

from nemo_tui.draft.check import DraftError, check_draft
from nemo_tui.engine.render import DraftError as RenderDraftError
from nemo_tui.engine.render.validate import parse_draft


def seg(sid: str, st: object = 0, d: object = 1000, **more: object) -> dict[str, object]:
    return {"id": sid, "st": st, "d": d, "src": "color:#102030", **more}


def test_the_first_problem_s_path_names_the_key() -> None:
    draft = {
        "t": [
            {"id": "v", "tt": 0, "sg": [seg("a")]},
            {"id": "w", "tt": 0, "sg": [seg("b", st=2000)]},
            {"id": "x", "tt": 0, "sg": [seg("c", st=-500), seg("a", d=0)]},
        ]
    }
    with pytest.raises(DraftError) as info:
        check_draft(draft)
    assert info.value.path == "t[2].sg[0].st"
    assert info.value.problems == [
        ("t[2].sg[0].st", 't[2].sg[0] (id c): "st" is negative (-500)'),
        ("t[2].sg[1].id", "t[2].sg[1] (id a): \"id\" 'a' is used twice (also at t[0].sg[0])"),
        ("t[2].sg[1].d", 't[2].sg[1] (id a): "d" must be positive (got 0)'),
    ]


BAD = {
    "not a list": {"t": {"id": "v"}},
    "no tracks key": {"v": 1},
    "schema": {"v": 2, "t": [{"id": "v", "tt": 0, "sg": [seg("a")]}]},
    "track type": {"t": [{"id": "v", "tt": 3, "sg": [seg("a")]}, {"tt": 0, "sg": [seg("b")]}]},
    "shapes": {
        "t": [
            "x",
            {"id": "v", "tt": 1, "sg": {}},
            {"id": "w", "tt": 0, "sg": [3, {"st": 0, "src": "color:#000000"}]},
        ]
    },
    "timing": {
        "t": [
            {"id": "v", "tt": 0, "sg": [seg("a", d=20), seg("b", st="1s"), seg("c", st=14_399_000, d=2000)]}
        ]
    },
}


@pytest.mark.parametrize("name", list(BAD))
def test_structure_problems_read_as_the_renderer_reports_them(name: str) -> None:
    """Where the draft package and the renderer both look, they find the same problems, same words."""
    with pytest.raises(DraftError) as ours:
        check_draft(BAD[name])
    with pytest.raises(RenderDraftError) as renderer:
        parse_draft(BAD[name])
    assert ours.value.problems == renderer.value.problems
    assert isinstance(renderer.value, DraftError)  # one class: callers catch either name


def test_a_sound_draft_comes_back_typed_with_its_unknown_keys() -> None:
    raw = {"v": 1, "cloud": [1], "t": [{"id": "v", "tt": 0, "sg": [seg("a", lut="teal")]}]}
    draft = check_draft(raw)
    assert draft.tracks[0].segments[0].end == 1000 and draft.to_wire() == raw
    with pytest.raises(DraftError, match="must be a JSON object"):
        check_draft([raw])


def test_checking_is_linear_in_the_draft_s_size() -> None:
    segments = [seg(f"s{j}", st=j * 100, d=100) for j in range(20_000)]
    start = time.perf_counter()
    check_draft({"t": [{"id": "t", "tt": 0, "sg": segments}]})
    assert time.perf_counter() - start < 3
