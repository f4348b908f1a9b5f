"""Matching words to art, on a table of promo sentences (tests/art/table.py) in English and Chinese."""

from __future__ import annotations

import time

import pytest

import nemo_tui.art as art

from .table import EN, FEATURES, GENERIC_OK, NOTHING, ZH, acceptable

ROWS = [(s, "en", ill, ico) for s, ill, ico in EN] + [(s, "zh", ill, ico) for s, ill, ico in ZH]


@pytest.mark.parametrize(("sentence", "language", "ill", "ico"), ROWS, ids=[r[0][:40] for r in ROWS])
def test_top_illustration_and_icon_are_acceptable(sentence: str, language: str, ill: str, ico: str) -> None:
    for kind, set_id, names in (("illustration", "fluent-emoji", ill), ("icon", "tabler", ico)):
        found = art.match(sentence, language=language, kind=kind)  # type: ignore[arg-type]
        assert found, f"{kind}: nothing for {sentence!r}"
        top = found[0]
        assert acceptable(top.ref, names, set_id), f"{kind}: {top} for {sentence!r}; others {found[1:]}"
        assert top.word in sentence, top  # the word as written, for a caller to highlight


def test_the_table_is_big_enough() -> None:
    assert len(EN) >= 25 and len(ZH) >= 15


@pytest.mark.parametrize(("sentence", "language"), NOTHING)
def test_nothing_concrete_means_no_art(sentence: str, language: str) -> None:
    for kind in ("illustration", "icon"):
        found = art.match(sentence, language=language, kind=kind)  # type: ignore[arg-type]
        assert all(acceptable(m.ref, GENERIC_OK) for m in found), found


def test_tea_leaves_not_a_clock_for_every_day() -> None:
    found = art.match("每天清晨采摘新鲜的茶叶", kind=None, limit=10)
    assert found and all(m.word != "每天" for m in found)
    assert not any("clock" in m.ref or "calendar" in m.ref for m in found), found


@pytest.mark.parametrize(("phrase", "names"), FEATURES)
def test_icon_for_feature_phrases(phrase: str, names: str) -> None:
    ref = art.icon_for(phrase)
    assert ref is not None and acceptable(ref, names, "tabler"), (phrase, ref, art.match(phrase, kind="icon"))


def test_language_is_detected() -> None:
    assert art.detect_language("换成咖啡") == "zh" and art.detect_language("use a coffee cup") == "en"
    assert art.match("新鲜出炉的面包")[0].ref in ("fluent-emoji:bread", "fluent-emoji:baguette-bread")


@pytest.mark.parametrize(
    ("request_", "kind", "names"),
    [
        ("use a coffee cup", "illustration", "fluent-emoji:hot-beverage"),
        ("use a coffee cup", "icon", "tabler:coffee tabler:cup tabler:mug"),
        ("换成咖啡", "illustration", "fluent-emoji:hot-beverage"),
        ("换成咖啡", "icon", "tabler:coffee tabler:cup tabler:mug"),
        ("croissant", None, "fluent-emoji:croissant"),
        ("tabler:clock", None, "tabler:clock"),
        ("a rocket instead", "illustration", "fluent-emoji:rocket"),
        ("换一个图标，用火箭", "icon", "tabler:rocket"),
        ("show an umbrella", "icon", "tabler:umbrella*"),
    ],
)
def test_lookup_chat_requests(request_: str, kind: str | None, names: str) -> None:
    found = art.lookup(request_, kind=kind)  # type: ignore[arg-type]
    assert found and acceptable(found[0].ref, names), (request_, found)


def test_exclude_gives_the_next_choice() -> None:
    first = art.match("Grab a hot coffee on your way to work.", kind="icon")
    again = art.match("Grab a hot coffee on your way to work.", kind="icon", exclude={first[0].ref})
    assert again and again[0].ref != first[0].ref and first[0].ref not in {m.ref for m in again}


def test_limit_and_scores_are_ordered() -> None:
    found = art.match("Cheap flights to over 200 cities worldwide.", kind=None, limit=6)
    assert len(found) == 6 and len({m.ref for m in found}) == 6
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)


def test_match_time_per_sentence() -> None:
    art.load_all()
    art.match("预热")  # jieba loaded
    sentences = [s for s, _l, _i, _c in ROWS]
    t = time.perf_counter()
    for s in sentences:
        art.match(s, kind=None)
    per = (time.perf_counter() - t) / len(sentences)
    print(f"\nmatch: {per * 1000:.1f} ms per sentence over {len(sentences)} sentences")
    assert per < 1.0  # a sanity bound, not a benchmark
