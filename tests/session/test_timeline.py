from nemo_tui.core import timeline

SEED = {
    "t": [
        {"tt": 0, "sg": [{"id": "v", "d": 10000, "m": {"name": "city timelapse"}}]},
        {
            "tt": 1,
            "m": {"name": "BGM", "role": "bgm"},
            "sg": [{"id": "a", "d": 10000, "vol": 0.35, "m": {"name": "Lo-fi"}}],
        },
        {"tt": 7, "sg": [{"id": "x", "d": 3000, "text": "Urban Dreams"}]},
    ]
}


def test_summary_in_the_seed_format() -> None:
    view = timeline.build(SEED)
    assert view.summary == (
        "Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) "
        '3. Title: "Urban Dreams" (0-3s)'
    )


def test_segments_without_start_follow_each_other() -> None:
    draft = {"t": [{"tt": 0, "sg": [{"id": "a", "d": 2500}, {"id": "b", "d": 1000}]}]}
    view = timeline.build(draft)
    assert [(s.start_ms, s.end_ms) for s in view.tracks[0].segments] == [(0, 2500), (2500, 3500)]
    assert view.duration_ms == 3500
    assert "(2.5-3.5s)" in view.summary


def test_empty_and_garbage_drafts() -> None:
    assert timeline.build(None).summary == "Timeline (empty)"
    assert timeline.build({"t": "nope"}).tracks == ()
    assert timeline.build({"t": [None, {"tt": 0, "sg": [None]}]}).tracks[0].segments == ()


def test_changes_in_words() -> None:
    old = timeline.build(SEED)
    new_draft = {
        "t": [
            SEED["t"][0],
            {
                "tt": 1,
                "m": {"name": "BGM", "role": "bgm"},
                "sg": [{"id": "a", "d": 10000, "vol": 0.2, "m": {"name": "Lo-fi"}}],
            },
        ]
    }
    new = timeline.build(new_draft)
    lines = timeline.changes(old, new)
    assert 'removed Title: "Urban Dreams" (0-3s)' in lines
    assert any(line.startswith("changed BGM: Lo-fi (0-10s, 20%)") and "35%" in line for line in lines)
    assert timeline.changed_ids(old, new) == {"a"}


def test_no_changes() -> None:
    view = timeline.build(SEED)
    assert timeline.changes(view, timeline.build(SEED)) == []
    assert timeline.changed_ids(view, view) == set()


def test_many_video_clips_are_counted() -> None:
    draft = {
        "t": [
            {
                "tt": 0,
                "sg": [{"id": str(i), "st": i * 6000, "d": 6000, "src": f"media:m{i}"} for i in range(5)],
            }
        ]
    }
    assert timeline.build(draft).summary == "Timeline (1 track): 1. Video: 5 scenes (0-30s)"
