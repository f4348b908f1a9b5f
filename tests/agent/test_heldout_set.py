"""The held-out evaluation set (`tests/agent/eval/heldout.yaml`): it loads and names only checks that exist.

It is for measuring (`python -m tests.agent.eval.score --set heldout`), so no test here asserts how
well the agent does on it: a floor would invite tuning on its words, and then it is no longer held out.
The two check kinds it added can fail a wrong draft.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from nemo_tui.draft import TEXT

from .eval import checks as ck
from .eval import score


def test_the_held_out_set_loads_and_uses_only_known_checks() -> None:
    assert score.SETS["requests"] == score.DATA  # the default set is unchanged
    contexts, requests = score.load(score.SETS["heldout"])
    assert len(requests) == 60
    assert [r.id for r in requests] == [f"heldout-{n:02d}" for n in range(1, 61)]
    assert sum(r.language == "zh" for r in requests) >= 0.3 * len(requests)
    for r in requests:
        assert r.context in contexts, r.id
        assert r.expect, r.id
        assert all(kind in ck.CHECKS for entry in r.expect + r.keep for kind in entry), r.id


def test_the_held_out_set_cannot_be_written_into_the_benchmark_readme() -> None:
    with pytest.raises(SystemExit):
        score.main(["--set", "heldout", "--write"])


def _draft(pos: Any, text: str = "Harbor Lane", end: int = 30000) -> dict[str, Any]:
    main = {"id": "v", "tt": 1, "m": {"role": "main"}, "sg": [{"id": "s1", "st": 0, "d": 30000}]}
    mark = {"id": "a", "st": 0, "d": end, "text": text, "style": {"pos": pos}}
    return {"d": 30000, "t": [main, {"id": "x", "tt": TEXT, "m": {"role": "logo"}, "sg": [mark]}]}


@pytest.mark.parametrize(
    ("draft", "corner", "holds"),
    [
        (_draft("bottom-left"), "bottom-left", True),
        (_draft([0.08, 0.93]), "bottom-left", True),
        (_draft([0.9, 0.05]), "bottom-left", False),  # the top-right corner is not the one asked for
        (_draft("bottom-right"), "bottom-left", False),
        (_draft("bottom-left", text="Spoke & Chain"), "bottom-left", False),  # another name
        (_draft("bottom-left", end=5000), "bottom-left", False),  # not the whole video
    ],
)
def test_brand_corner_holds_only_for_the_name_in_that_corner_throughout(
    draft: dict[str, Any], corner: str, holds: bool
) -> None:
    look = ck.Look(None, draft)
    assert ck.brand_corner(look, {"name": "Harbor Lane", "corner": corner}) is holds


def test_new_version_fails_a_reshape_in_place() -> None:
    draft = _draft("bottom-left")
    assert not ck.new_version(ck.Look(draft, copy.deepcopy(draft), versions=(0, 0)), True)
    assert not ck.new_version(ck.Look(draft, copy.deepcopy(draft), versions=(1, 1)), True)
    assert ck.new_version(ck.Look(draft, copy.deepcopy(draft), versions=(1, 2)), True)
