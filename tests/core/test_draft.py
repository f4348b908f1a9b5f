from __future__ import annotations

import copy

import pytest

from nemo_tui.core.draft import AUDIO, TEXT, VIDEO, Draft

from .helpers import load

ENGINE = load("state_engine.json")["data"]["state"]["draft"]
CLOUD = load("state_cloud.json")["data"]["state"]["draft"]


@pytest.mark.parametrize("raw", [ENGINE, CLOUD, {}, {"t": [{"tt": 0, "sg": None}]}])
def test_round_trip_is_exact(raw: dict) -> None:
    original = copy.deepcopy(raw)
    draft = Draft.from_wire(raw)
    assert draft.model_dump(by_alias=True, exclude_unset=True) == original
    assert draft.to_wire() == original
    assert raw == original  # the input is not mutated


def test_unknown_keys_survive_everywhere() -> None:
    draft = Draft.from_wire(ENGINE)
    assert draft.model_extra == {"future_key": {"kept": [1, 2.5, None, "x"]}}
    assert draft.tracks[0].sg[0].model_extra == {"lut": "teal"}
    assert draft.tracks[0].sg[0].in_ == 0
    assert Draft.from_wire(CLOUD).tracks[2].model_extra == {"extra_track_key": True}


def test_summary_matches_the_seed_format() -> None:
    assert Draft.from_wire(ENGINE).summary() == (
        "Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) "
        '3. Title: "Urban Dreams" (0-3s)'
    )


def test_cloud_draft_without_starts_runs_segments_in_sequence() -> None:
    draft = Draft.from_wire(CLOUD)
    assert draft.summary() == (
        "Timeline (3 tracks): 1. Video: intro (0-2.5s), city (2.5-8s), outro (8-10s) "
        '2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s)'
    )
    assert draft.end_ms() == 10000
    assert draft.is_ready()


def test_many_segments_are_condensed() -> None:
    segs = [{"st": i * 1000, "d": 1000, "text": f"line {i}"} for i in range(6)]
    draft = Draft.from_wire({"t": [{"tt": TEXT, "m": {"name": "Captions"}, "sg": segs}]})
    assert draft.summary() == "Timeline (1 track): 1. Captions: 6 lines (0-6s)"


def test_names_fall_back_to_track_text_src() -> None:
    raw = {
        "t": [
            {"tt": VIDEO, "m": {"name": "Main"}, "sg": [{"d": 1500}]},
            {"tt": AUDIO, "sg": [{"d": 4000, "src": "gen:music:lofi"}]},
            {"tt": 3, "sg": [{"st": 500, "d": 250}]},
            {"tt": AUDIO, "sg": []},
        ]
    }
    assert Draft.from_wire(raw).summary() == (
        "Timeline (4 tracks): 1. Video: Main (0-1.5s) 2. Audio: gen:music:lofi (0-4s) "
        "3. Track (type 3): untitled (0.5-0.8s) 4. Audio: (empty)"
    )


def test_readiness_and_end() -> None:
    assert not Draft.from_wire({}).is_ready()
    assert Draft.from_wire({}).summary() == "Timeline (empty)"
    assert not Draft.from_wire({"t": [{"tt": 0, "sg": []}]}).is_ready()
    assert Draft.from_wire({"t": [{"tt": 0, "sg": [{"d": 1}]}]}).is_ready()
    assert Draft.from_wire({"d": 7000, "t": []}).end_ms() == 7000
    overlap = {"t": [{"sg": [{"st": 0, "d": 5000}]}, {"sg": [{"st": 4000, "d": 3000}]}]}
    assert Draft.from_wire(overlap).end_ms() == 7000
