"""The reads of a plain draft (nemo_tui.draft.views) that the agent edits with agree with the typed model."""

from __future__ import annotations

import copy

from nemo_tui.draft import AUDIO, TEXT, VIDEO, Draft
from nemo_tui.draft import reads as views

from .test_model import RAW


def test_tracks_by_type_and_role_as_the_model_has_them() -> None:
    model = Draft.from_wire(RAW)
    for tt in (VIDEO, AUDIO, TEXT):
        for role in (None, "main", "bgm", "captions"):
            assert [t["id"] for t in views.tracks_of(RAW, tt=tt, role=role)] == [
                t.id for t in model.tracks_of(tt, role)
            ]
    main, typed = views.main_track(RAW), model.main_track()
    assert main is not None and typed is not None and main["id"] == "v1" == typed.id
    assert views.first_track(RAW, tt=TEXT, role="title") is None
    assert views.role_of(main) == "main" and views.type_of(main) == VIDEO


def test_the_row_of_scenes_and_the_clips_people_count() -> None:
    row = views.scenes(RAW)
    assert [s["id"] for s in row] == ["card", "s1", "s2"]  # playing order, the card included
    assert [row[i]["id"] for i in views.clip_rows(row)] == [s.id for s in Draft.from_wire(RAW).clips()]
    card_only = [{"id": "c", "st": 0, "d": 1000, "m": {"card": True}}]
    assert views.clip_rows(card_only) == [0]  # nothing else: the card counts


def test_a_segment_s_times() -> None:
    seg = views.scenes(RAW)[2]
    typed = Draft.from_wire(RAW).clips()[1]
    assert (views.start_of(seg), views.duration_of(seg), views.end_of(seg)) == (2500, 3000, 5500)
    assert views.end_of(seg) == typed.end and views.transition_of(seg) == typed.transition_ms == 500
    assert views.transition(seg) == {"type": "fade", "d": 500} and views.transition({"st": 0}) is None
    assert views.transition_of(None) == 0 and views.end_of({}) == 0
    assert (views.speed_of({}), views.volume_of({}), views.in_point_of({"in": 250})) == (1.0, 1.0, 250.0)
    assert (views.fade_in_of({"fade_in": 500}), views.fade_out_of({})) == (500, 0)
    assert views.length_of({"d": 6000}) == 6000 and views.length_of({"d": None}) == 0


def test_overlaps_and_what_plays_during_a_span() -> None:
    row = views.scenes(RAW)
    assert [s["id"] for s in views.overlapping(row, 2000, 2600)] == ["s1", "s2"]
    assert views.overlapping(row, 5500, 6000) == []  # a span starting at an end touches nothing
    assert views.plays_during(row[0], 0, 1) and not views.plays_during(row[0], 1000, 2000)
    later = [(o.earlier.id, o.later.id) for o in Draft.from_wire(RAW).tracks_of(VIDEO, "main")[0].overlaps()]
    assert later == [("s1", "s2")] and views.plays_during(row[1], views.start_of(row[2]), 10_000)


def test_meta_reads_and_the_lists_they_hand_back_are_the_draft_s_own() -> None:
    draft = copy.deepcopy(RAW)
    main = views.main_track(draft)
    assert main is not None
    views.segments_of(main).append({"id": "s3", "st": 5500, "d": 1000})
    assert draft["t"][1]["sg"][-1]["id"] == "s3"  # edits through the reads change the draft
    assert views.tracks_in(draft) is draft["t"] and views.meta_of(main) is main["m"]
    caption = {"id": "c1", "st": 0, "d": 500, "m": {"scene": "s1", "fill": False}}
    assert views.scene_of(caption) == "s1" and views.scene_of({"m": None}) == ""
    assert views.is_card(views.scenes(draft)[0]) and not views.fills(caption)
    assert views.style_of({}) == {} and views.meta_of({"m": None}) == {}
    assert views.plays_a_file({"src": "media:x"}) and not views.plays_a_file({"src": "color:#000000"})
    assert not views.is_footage({"src": "media:x", "fx": {"kenburns": "in"}})
    assert views.is_ready(RAW) and not views.is_ready({"t": [{"sg": []}]}) and not views.is_ready({})
