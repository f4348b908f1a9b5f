"""The editor timeline: the draft as bars, what an edit marks, and a notebook that stays small."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import ipywidgets as w

from nemo_tui.core import timeline
from nemo_tui.core.controller import SessionController
from nemo_tui.core.updates import ExportFinished, MessageAdded, TimelineUpdated
from nemo_widgets import Workspace
from nemo_widgets.editor import EditorTimeline
from nemo_widgets.editor_model import bars
from nemo_widgets.served import files_path

DRAFT = {
    "t": [
        {
            "id": "v",
            "tt": 0,
            "sg": [
                {
                    "id": "s1",
                    "d": 2500,
                    "m": {"name": "title card"},
                    "src": "scene:hero",
                    "scene": {"template": "hero", "headline": "Urban Dreams", "sub": "The smart  backpack"},
                },
                {
                    "id": "s2",
                    "st": 2000,
                    "d": 8000,
                    "src": "scene:features",
                    "scene": {"template": "features", "items": [{"text": "Light"}, {"text": "Dry"}]},
                },
                {"id": "s3", "st": 10000, "d": 2000, "src": "media:abc", "m": {"name": "street.mp4"}},
            ],
        },
        {
            "id": "a",
            "tt": 1,
            "m": {"name": "BGM", "role": "bgm"},
            "sg": [{"id": "m", "d": 12000, "vol": 0.35}],
        },
        {"id": "n", "tt": 1, "m": {"role": "voice"}, "sg": [{"id": "vo", "st": 500, "d": 9000}]},
        {
            "id": "c",
            "tt": 7,
            "m": {"role": "captions"},
            "sg": [{"id": "c1", "st": 1000, "d": 1500, "text": "Carry\\nthe city"}],
        },
    ]
}


def test_the_draft_as_bars_with_times_colours_and_words() -> None:
    data = bars(timeline.build(DRAFT), {"s2"})
    assert data["duration_s"] == 12.0
    assert [(t["kind"], t["role"]) for t in data["tracks"]] == [
        ("Video", "video"),
        ("BGM", "music"),
        ("Voice", "voice"),
        ("Captions", "caption"),
    ]
    video = data["tracks"][0]["segments"]
    assert [(s["id"], s["start_s"], s["end_s"], s["changed"]) for s in video] == [
        ("s1", 0.0, 2.5, False),
        ("s2", 2.0, 10.0, True),
        ("s3", 10.0, 12.0, False),
    ]
    assert video[0]["words"] == "Urban Dreams · The smart backpack"  # a designed scene's words, spaces folded
    assert video[1]["words"] == "Light · Dry" and video[2]["words"] == ""  # items; a plain clip has none
    assert video[2]["label"] == "street.mp4"
    (caption,) = data["tracks"][3]["segments"]
    assert caption["words"] == "Carry\\nthe city" and (caption["start_s"], caption["end_s"]) == (1.0, 2.5)
    assert bars(timeline.build(None)) == {"duration_s": 0.0, "tracks": []}


def test_an_edit_marks_its_bars_for_the_rest_of_the_turn(ctl: SessionController, ws: Workspace) -> None:
    view = timeline.build(DRAFT)
    ctl.emit(MessageAdded("user", "make it lighter"))
    ctl.emit(TimelineUpdated(view, view.summary, frozenset({"s2"})))
    ctl.emit(TimelineUpdated(view, view.summary, frozenset()))  # the turn's final refresh changes nothing
    marked = {s["id"] for t in ws.editor.timeline["tracks"] for s in t["segments"] if s["changed"]}
    assert marked == {"s2"}
    ctl.emit(MessageAdded("user", "thanks"))
    ctl.emit(TimelineUpdated(view, view.summary, frozenset()))
    assert not any(s["changed"] for t in ws.editor.timeline["tracks"] for s in t["segments"])


def test_files_are_played_through_the_jupyter_servers_files_route(tmp_path: Path) -> None:
    servers = [{"root_dir": str(tmp_path / "other")}, {"root_dir": str(tmp_path), "base_url": "/"}]
    clip = tmp_path / "work" / "promo.mp4"
    clip.parent.mkdir()
    clip.write_bytes(b"mp4")
    assert files_path(clip, servers) == "work/promo.mp4"
    assert files_path(tmp_path / ".hidden" / "x.mp4", servers) is None  # the server refuses hidden files
    assert files_path(Path(os.sep) / "elsewhere.mp4", servers) is None
    assert files_path(clip, []) is None


def test_the_widget_state_holds_no_video_bytes(ctl: SessionController, ws: Workspace, tmp_path: Path) -> None:
    """A 1.3 MB export once made a 5.2 MB notebook: the state keeps a path, not the MP4."""
    clip = tmp_path / "promo.mp4"
    clip.write_bytes(os.urandom(300_000))
    view = timeline.build(DRAFT)
    ctl.emit(TimelineUpdated(view, view.summary))
    ctl.emit(ExportFinished(str(clip), "r1", None))
    assert ws.editor.active == "export" and ws.video is ws.editor
    widgets = [ws.view, *_descendants(ws.view)]
    size = sum(len(json.dumps(_json_state(child), default=str)) for child in widgets)
    assert size < 100_000, size  # the stylesheets, the ESM, the panes and the timeline; not the 300 KB clip
    assert not any(
        isinstance(v, bytes | memoryview) and len(v) > 1000 for c in widgets for v in c.get_state().values()
    )


def test_a_second_file_of_a_kind_replaces_the_first(tmp_path: Path) -> None:
    editor = EditorTimeline()
    servers = [{"root_dir": str(tmp_path)}]
    for name in ("a.mp4", "b.mp4"):
        (tmp_path / name).write_bytes(b"x")
        editor.show_file("export", tmp_path / name, name, servers)
    editor.show_file("preview", tmp_path / "a.mp4", "Preview", servers)
    assert [(s["kind"], s["path"]) for s in editor.sources] == [("export", "b.mp4"), ("preview", "a.mp4")]
    assert editor.active == "preview"


def _json_state(widget: w.Widget) -> dict[str, object]:
    state = widget.get_state()
    return {k: v for k, v in state.items() if not isinstance(v, bytes | memoryview)} | {
        k: len(v) for k, v in state.items() if isinstance(v, bytes | memoryview)
    }


def _descendants(widget: w.Widget) -> list[w.Widget]:
    found: list[w.Widget] = []
    for child in getattr(widget, "children", ()):
        found += [child, *_descendants(child)]
    return found


def _asked(editor: EditorTimeline, content: dict[str, object]) -> list[tuple[dict[str, Any], list[bytes]]]:
    """A custom message from the browser, as ipywidgets hands it over; what the widget sent back."""
    sent: list[tuple[dict[str, Any], list[bytes]]] = []

    def record(content: dict[str, Any], buffers: list[Any] | None = None) -> None:
        sent.append((content, [bytes(b) for b in buffers or []]))

    editor.send = record  # type: ignore[method-assign]
    editor._handle_msg({"content": {"data": {"method": "custom", "content": content}}, "buffers": []})
    return sent


def test_the_kernel_sends_its_current_video_in_chunks_and_nothing_else(tmp_path: Path) -> None:
    """Where no /files/ route serves the video, the browser asks the kernel for it by kind and
    version; the bytes come back as binary buffers of custom messages, never in the widget state."""
    editor = EditorTimeline()
    editor.chunk = 100_000
    clip = tmp_path / ".hidden" / "preview.mp4"  # a folder the server refuses: no served path
    clip.parent.mkdir()
    data = os.urandom(250_000)
    clip.write_bytes(data)
    editor.show_file("preview", clip, "Preview", [{"root_dir": str(tmp_path)}])
    source = editor.source("preview")
    assert source is not None and source["path"] is None
    before = len(json.dumps(_json_state(editor), default=str))

    version = source["version"]
    request = {"type": "video?", "request": "r1", "kind": "preview", "version": version}
    sent = _asked(editor, request)
    assert [m["index"] for m, _ in sent] == [0, 1, 2]
    assert all(m["type"] == "video" and m["request"] == "r1" and m["kind"] == "preview" for m, _ in sent)
    assert all(
        m["count"] == 3 and m["size"] == 250_000 and m["version"] == source["version"] for m, _ in sent
    )
    assert [len(b) for _, (b,) in sent] == [100_000, 100_000, 50_000]
    assert b"".join(b for _, (b,) in sent) == data
    after = len(json.dumps(_json_state(editor), default=str))
    assert after == before < 40_000, (before, after)  # the ESM and CSS; custom messages are not state
    assert not any(isinstance(v, bytes | memoryview) for v in editor.get_state().values())

    def refused(content: dict[str, object]) -> str:
        ((reply, buffers),) = _asked(editor, {"type": "video?", "request": "r2", **content})
        assert reply["type"] == "video-refused" and reply["request"] == "r2" and buffers == [], reply
        return str(reply["reason"])

    assert "no such video" in refused({"kind": "export", "version": version})
    assert "no such video" in refused({"kind": str(clip), "version": version})
    assert "named by kind" in refused({"kind": "preview", "version": version, "path": "/etc/passwd"})
    assert "newer video" in refused({"kind": "preview", "version": "1"})
    editor.max_bytes = 200_000
    assert "more than the" in refused({"kind": "preview", "version": version})
    editor.max_bytes = 10**9
    os.utime(clip, ns=(1, 1))  # rewritten since it was shown
    assert "changed on disk" in refused({"kind": "preview", "version": version})
    clip.unlink()
    assert "no longer at" in refused({"kind": "preview", "version": version})
    assert _asked(editor, {"type": "something else"}) == []  # not a request for a video: ignored
