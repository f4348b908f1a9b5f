"""Every notebook in notebooks/ runs top to bottom in a real kernel (nbclient), against the local engine.

The kernel is this environment's `python3` (ipykernel ships its spec; jupyter_client starts it with
this interpreter). Its config, data and working folders are temporary, so the exported MP4 lands in
the test's folder. Only what a cell awaited is recorded (nbclient drops messages tied to an earlier
cell), which is why the notebooks await their work.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import av
import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient


@pytest.fixture(autouse=True)
def _kernel_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kernel inherits this: its own config and data folders, and this environment's kernel spec
    first (a `python3` spec in the user's folder could otherwise start another interpreter)."""
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("NEMO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("JUPYTER_PATH", str(Path(sys.prefix) / "share" / "jupyter"))


NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _run(path: Path, cwd: Path) -> nbformat.NotebookNode:
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert spec.argv[0] in ("python", "python3", sys.executable), (
        f"the python3 kernel would run {spec.argv[0]}, not this environment's interpreter"
    )
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(cwd)}}
    )
    client.execute()
    return nb


def _outputs(nb: nbformat.NotebookNode) -> list[dict[str, Any]]:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


def _printed(nb: nbformat.NotebookNode, needle: str) -> list[str]:
    return [o["text"] for o in _outputs(nb) if o["output_type"] == "stream" and needle in o["text"]]


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path, tmp_path: Path) -> None:
    cwd = tmp_path / "work"
    cwd.mkdir()
    nb = _run(path, cwd)
    errors = [o for o in _outputs(nb) if o["output_type"] == "error"]
    assert not errors, errors
    assert any(WIDGET_VIEW in o.get("data", {}) for o in _outputs(nb)), "no widget was displayed"
    if path.stem == "quickstart":
        _check_quickstart(nb, cwd)


def _check_quickstart(nb: nbformat.NotebookNode, cwd: Path) -> None:
    # The summaries the cells printed: a generated timeline, then the two edits.
    summaries = _printed(nb, "Timeline (")
    assert len(summaries) >= 3, summaries
    final = summaries[-1]
    assert "tracks" in final and "Urban Dreams" in final and "20%" in final, final  # the second edit
    assert "35%" in summaries[-3] and "20%" not in summaries[-3]  # the generated cut, before the edits
    assert _printed(nb, "Changed the title: colour yellow"), "the first edit did not happen"

    # The widget state saved with the notebook holds the timeline and where the export is, not its bytes.
    mp4 = cwd / "urban-dreams.mp4"
    assert mp4.is_file() and mp4.stat().st_size > 10_000
    state = nb.metadata["widgets"][WIDGET_STATE]["state"]
    html = [m["state"].get("value", "") for m in state.values() if m["model_name"] == "HTMLModel"]
    timelines = [v for v in html if 'class="nemo-timeline"' in v and "Timeline (" in v]
    assert any("Urban Dreams" in v and "20%" in v for v in timelines), "the timeline pane is not in the state"
    (editor,) = [m["state"] for m in state.values() if "sources" in m["state"] and "timeline" in m["state"]]
    assert any(s["kind"] == "export" and s["file"] == str(mp4) for s in editor["sources"]), editor["sources"]
    assert not any(m["model_name"] == "VideoModel" for m in state.values())
    saved = len(json.dumps(nb.metadata["widgets"]))
    assert saved < mp4.stat().st_size / 2, saved  # a 1.3 MB export once made a 5.2 MB notebook

    # The exported MP4 is where the notebook asked for it, and is real H.264 video.
    with av.open(str(mp4)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert stream.width > 0 and stream.height > 0
        frames = sum(1 for _ in zip(range(5), container.decode(stream), strict=False))
    assert frames == 5
    printed_path = _printed(nb, "urban-dreams.mp4")
    assert printed_path and str(mp4) in printed_path[0], printed_path
    assert json.dumps(nb.metadata["widgets"]).count("nemo-transcript") >= 1

    # The snapshot after the widget (for a reopening without the kernel) followed the session to its end.
    snapshots = [
        o["data"]["text/html"]
        for o in _outputs(nb)
        if 'class="nemo-snapshot"' in o.get("data", {}).get("text/html", "")
    ]
    assert len(snapshots) == 1, len(snapshots)
    assert "a closed snapshot" in snapshots[0] and "20%" in snapshots[0], snapshots[0]
    assert "urban-dreams.mp4" in snapshots[0] and "lower the music to 20%" in snapshots[0]
