"""Classes of bad picks seen in example videos, and the tuning set's score (tests/art/tuning.py).

The held-out set (tests/art/heldout.py) is deliberately not asserted on here: it is a measurement
(``python -m tests.art.score heldout``), not something to tune until it passes.
"""

from __future__ import annotations

import pytest

import nemo_tui.art as art

from .score import score
from .table import acceptable


def test_a_verb_is_not_a_thing() -> None:
    s = "Every morning, millions of people cross the city with everything they own on their shoulders."
    for kind, names in (("illustration", "fluent-emoji:cityscape*"), ("icon", "tabler:building*")):
        found = art.match(s, kind=kind)  # type: ignore[arg-type]
        assert found and acceptable(found[0].ref, names), found
    found = art.match("Our bikes fold in seconds.", kind="icon")
    assert found and found[0].ref.startswith("tabler:bike"), found


def test_the_never_list_is_for_sentences_only() -> None:
    found = art.match("Children crossing the street", kind="illustration", limit=10)
    assert "fluent-emoji:children-crossing" not in {m.ref for m in found}
    assert art.lookup("children crossing", kind="illustration")[0].ref == "fluent-emoji:children-crossing"


@pytest.mark.parametrize(
    ("phrase", "names"),
    [
        ("Lunch", "salad soup tools-kitchen* bowl*"),
        ("Strong", "barbell"),
        ("Beautiful", "sparkle*"),
        ("Light", "feather"),
        ("清香", "leaf* flower* plant*"),
        ("回甘", "cup teapot leaf* mug"),
        ("耐泡", "cup teapot mug"),
        ("健康", "heart* leaf*"),
    ],
)
def test_feature_adjectives(phrase: str, names: str) -> None:
    ref = art.icon_for(phrase)
    assert ref is not None and acceptable(ref, names, "tabler"), (phrase, ref)


def test_more_specific_than_a_shield() -> None:
    s = "Its water-resistant shell shrugs off rain, and a hidden pocket keeps your passport safe."
    for kind in ("illustration", "icon"):
        found = art.match(s, kind=kind)
        assert found and "shield" not in found[0].ref, found


def test_tea_garden_is_not_bubble_tea() -> None:
    for kind in ("illustration", "icon"):
        found = art.match("山间茶园", kind=kind)
        assert found and "bubble-tea" not in found[0].ref, found


def test_the_tuning_set_scores() -> None:
    counts = score("tuning")
    ok = sum(c["ok"] for c in counts.values())
    assert ok / sum(sum(c.values()) for c in counts.values()) >= 0.9, counts
