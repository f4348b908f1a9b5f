"""The one draft model's operations: tracks by type, clips as people count them, ends, overlaps."""

from __future__ import annotations

import copy

from nemo_tui.core import AUDIO as CORE_AUDIO
from nemo_tui.core import Draft as CoreDraft
from nemo_tui.draft import AUDIO, TEXT, VIDEO, Draft

RAW = {
    "v": 1,
    "cloud_only": {"kept": True},
    "t": [
        {"id": "v0", "tt": VIDEO, "m": {"role": "broll"}, "sg": [{"id": "b", "st": 0, "d": 500}]},
        {
            "id": "v1",
            "tt": VIDEO,
            "m": {"role": "main"},
            "sg": [
                {"id": "s2", "st": 2500, "d": 3000, "tr": {"type": "fade", "d": 500}, "lut": "teal"},
                {"id": "card", "st": 0, "d": 1000, "m": {"card": True}},
                {"id": "s1", "st": 1000, "d": 2000},
            ],
        },
        {"id": "a1", "tt": AUDIO, "m": {"role": "bgm"}, "sg": [{"id": "m", "st": 0, "d": 5500}]},
        {"id": "x1", "tt": TEXT, "sg": [{"id": "t", "st": 0, "d": 3000, "text": "Hi"}]},
    ],
}


def test_core_names_are_the_draft_package_s() -> None:
    assert CoreDraft is Draft and CORE_AUDIO == AUDIO == 1 and (VIDEO, TEXT) == (0, 7)


def test_tracks_by_type_and_role() -> None:
    draft = Draft.from_wire(RAW)
    assert [t.id for t in draft.tracks_of(VIDEO)] == ["v0", "v1"]
    assert [t.id for t in draft.tracks_of(AUDIO, "bgm")] == ["a1"]
    assert draft.tracks_of(TEXT, "captions") == []
    main = draft.main_track()
    assert main is not None and main.id == "v1" and main.role == "main"


def test_clips_are_counted_without_the_title_card_in_playing_order() -> None:
    draft = Draft.from_wire(RAW)
    assert [s.id for s in draft.clips()] == ["s1", "s2"]
    only_card = Draft.from_wire({"t": [{"tt": VIDEO, "sg": [{"id": "c", "d": 900, "m": {"card": 1}}]}]})
    assert [s.id for s in only_card.clips()] == ["c"]  # a card alone is still something to show
    assert Draft.from_wire({}).clips() == []


def test_a_segment_s_end_and_transition() -> None:
    s2 = Draft.from_wire(RAW).tracks[1].segments[0]
    assert (s2.start, s2.end, s2.transition_ms) == (2500, 5500, 500)
    assert Draft.from_wire({"t": [{"sg": [{"d": 40}]}]}).tracks[0].segments[0].end == 40


def test_overlaps_name_the_longest_earlier_segment() -> None:
    main = Draft.from_wire(RAW).tracks[1]
    [overlap] = main.overlaps()
    assert (overlap.earlier.id, overlap.later.id, overlap.ms) == ("s1", "s2", 500)
    nested = Draft.from_wire(
        {
            "t": [
                {
                    "sg": [
                        {"id": "a", "st": 0, "d": 10000},
                        {"id": "b", "st": 1000, "d": 1000},
                        {"id": "c", "st": 3000, "d": 1000},
                    ]
                }
            ]
        }
    ).tracks[0]
    assert [(o.earlier.id, o.later.id, o.ms) for o in nested.overlaps()] == [
        ("a", "b", 9000),
        ("a", "c", 7000),
    ]


def test_operations_keep_unknown_keys_and_do_not_touch_the_input() -> None:
    original = copy.deepcopy(RAW)
    draft = Draft.from_wire(RAW)
    draft.clips(), draft.tracks[1].overlaps(), draft.summary()
    assert draft.to_wire() == original and RAW == original
