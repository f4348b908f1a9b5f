"""The vendored sets: references, standalone SVG documents that render, colouring, curation, licences."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import resvg_py

import nemo_tui.art as art

from .png import decode

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "nemo_tui" / "art" / "data"


def render(svg: str, width: int = 64) -> tuple[int, int, list[tuple[int, int, int, int]]]:
    return decode(bytes(resvg_py.svg_to_bytes(svg_string=svg, width=width)))


def test_refs_name_both_sets_and_exist() -> None:
    refs = art.refs()
    assert len(art.refs("tabler")) > 3000 and len(art.refs("fluent-emoji")) > 1000
    assert set(refs) == set(art.refs("tabler")) | set(art.refs("fluent-emoji"))
    for ref in ("tabler:clock", "tabler:wheat", "fluent-emoji:croissant", "fluent-emoji:hot-beverage"):
        assert art.exists(ref), ref
    for ref in ("tabler:nope", "fluent-emoji:", "clock", "lucide:clock", ""):
        assert not art.exists(ref), ref


def test_unknown_ref_is_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="tabler:no-such-icon"):
        art.svg("tabler:no-such-icon")
    with pytest.raises(art.UnknownArt, match="'lucide'"):
        art.svg("lucide:clock")
    with pytest.raises(art.UnknownArt, match="<set>:<name>"):
        art.info("croissant")


def test_curation_drops_skin_tones_brands_and_off_variants() -> None:
    fluent = set(art.refs("fluent-emoji"))
    assert "fluent-emoji:waving-hand" in fluent and "fluent-emoji:waving-hand-dark" not in fluent
    assert "fluent-emoji:horizontal-traffic-light" in fluent  # ends in "-light" but is no skin tone
    tabler = set(art.refs("tabler"))
    assert "tabler:clock" in tabler and "tabler:clock-off" not in tabler
    assert not any(art.info(r).category == "Brand" for r in tabler)


def test_info_carries_english_and_chinese_words() -> None:
    tea = art.info("fluent-emoji:hot-beverage")
    assert tea.kind == "illustration" and tea.emoji.startswith("☕")
    assert "coffee" in tea.tags and "咖啡" in tea.zh
    clock = art.info("tabler:clock")
    assert clock.kind == "icon" and "time" in clock.tags


@pytest.mark.parametrize("ref", ["tabler:clock", "fluent-emoji:croissant"])
def test_svg_is_a_standalone_document(ref: str) -> None:
    root = ET.fromstring(art.svg(ref, size=128))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("width") == "128" and root.get("height") == "128"
    assert root.get("viewBox") in ("0 0 24 24", "0 0 32 32")


def test_random_sample_of_50_renders_visible_pixels() -> None:
    refs = random.Random(19).sample(art.refs(), 50)
    blank = []
    for ref in refs:
        w, h, px = render(art.svg(ref), 48)
        assert (w, h) == (48, 48), ref
        if sum(1 for p in px if p[3] > 32) < 10:
            blank.append(ref)
    assert not blank, f"no visible pixels: {blank}"


def test_color_really_colours_an_icon() -> None:
    for color, want in (("#ff0000", (255, 0, 0)), ("#0A3D62", (10, 61, 98))):
        _w, _h, px = render(art.svg("tabler:square", color=color), 96)
        solid = [p[:3] for p in px if p[3] == 255]
        assert len(solid) > 200, "the stroke is drawn"
        assert all(p == want for p in solid), {p for p in solid if p != want}
    # without a colour, currentColor is black
    _w, _h, px = render(art.svg("tabler:square"), 96)
    assert {p[:3] for p in px if p[3] == 255} == {(0, 0, 0)}


def test_color_leaves_illustrations_alone_and_refuses_markup() -> None:
    assert art.svg("fluent-emoji:croissant", color="red") == art.svg("fluent-emoji:croissant")
    with pytest.raises(ValueError, match="not a CSS colour"):
        art.svg("tabler:clock", color='red" onload="x')


def test_data_is_small_and_licensed() -> None:
    sizes = {p.name: p.stat().st_size for p in DATA.glob("*.json.gz")}
    assert set(sizes) == {"tabler.json.gz", "fluent-emoji.json.gz"}
    assert sum(sizes.values()) < 12e6, sizes
    licences = {p.name for p in (DATA / "LICENSES").iterdir()}
    assert {"tabler-icons.txt", "fluentui-emoji.txt", "emojibase-data.txt"} <= licences
    notice = (REPO / "NOTICE").read_text()
    for needle in ("Tabler Icons", "Fluent Emoji", "emojibase", "MIT"):
        assert needle in notice, needle


PROBE = """
import json, sys, time
t = time.perf_counter()
import nemo_tui.art as art
art.load_all()
loaded = time.perf_counter() - t
art.svg("tabler:clock")
art.match("fresh coffee every morning")
t = time.perf_counter()
zh = art.match("每天清晨采摘新鲜的茶叶")
jieba_first = time.perf_counter() - t
print(json.dumps({"modules": sorted(sys.modules), "load": loaded, "jieba": jieba_first,
                  "zh": [m.ref for m in zh]}))
"""


def test_imports_nothing_of_the_app_and_is_quiet(tmp_path: Path) -> None:
    # a fresh temporary directory: jieba builds its prefix dictionary (and would say so) from scratch
    env = {"PATH": "/usr/bin:/bin", "TMPDIR": str(tmp_path), "HOME": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=REPO)
    assert run.returncode == 0, run.stderr
    assert run.stderr == "", "jieba is initialised quietly"
    out = json.loads(run.stdout)
    forbidden = ("nemo_tui.core", "nemo_tui.engine", "nemo_tui.tui", "nemo_widgets", "textual", "httpx")
    leaked = [m for m in out["modules"] if m.startswith(forbidden)]
    assert leaked == []
    assert out["zh"], "the Chinese sentence still matched after a cold start"
    print(f"\nindex load {out['load']:.2f} s, jieba first use {out['jieba']:.2f} s (cold cache)")
