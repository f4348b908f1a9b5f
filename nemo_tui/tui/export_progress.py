"""Progress of long work (upload, render, download) in one line above the chat box; the result at the end."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from nemo_tui.core.updates import ExportFinished, Progress

_TITLES = {"upload": "Uploading", "render": "Rendering", "download": "Downloading"}


def _size(n: float) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.0f} kB"


class ExportProgress(Horizontal):
    """Hidden until a Progress update arrives; shows the saved file and the claim link when done."""

    DEFAULT_CSS = """
    ExportProgress {
        height: auto;
        max-height: 3;
        padding: 0 1;
        display: none;
        background: $boost;
        &.-active { display: block; }
        &.-done { background: $success-muted; }
        #progress-label {
            width: auto; max-width: 60%; margin-right: 1; text-wrap: nowrap; text-overflow: ellipsis;
        }
        ProgressBar { width: 1fr; }
        ProgressBar Bar { width: 1fr; }
        &.-done ProgressBar { display: none; }
        &.-done #progress-label { max-width: 100%; text-wrap: wrap; }
    }
    """

    _hide_timer = None

    def compose(self) -> ComposeResult:
        yield Label("", id="progress-label")
        yield ProgressBar(total=100, show_eta=False, id="progress-bar")

    def show(self, p: Progress) -> None:
        """Show one Progress update; hide the line when the last step is complete."""
        label = self.query_one("#progress-label", Label)
        bar = self.query_one(ProgressBar)
        title = p.label or _TITLES.get(p.task, p.task.title())
        if p.task in ("upload", "download") and p.done:
            title += f" {_size(p.done)}" + (f" of {_size(p.total)}" if p.total else "")
        label.update(Text(title))
        self._cancel_hide()
        self.remove_class("-done")
        self.add_class("-active")
        if p.fraction is None:
            bar.update(total=None)
        else:
            bar.update(total=100, progress=p.fraction * 100)
        finished = p.fraction is not None and p.fraction >= 1.0 and p.task in ("upload", "download")
        if finished and p.task == "upload":
            self._hide_timer = self.set_timer(1.0, self.hide)

    def finish(self, done: ExportFinished) -> None:
        label = self.query_one("#progress-label", Label)
        text = f"✓ Saved {done.path}"
        if done.claim_link:
            text += f"  ·  open online: {done.claim_link}"
        label.update(Text(text))
        self._cancel_hide()
        self.add_class("-active", "-done")
        self._hide_timer = self.set_timer(30.0, self.hide)

    def _cancel_hide(self) -> None:
        if self._hide_timer is not None:
            self._hide_timer.stop()
            self._hide_timer = None

    def hide(self) -> None:
        self.remove_class("-active", "-done")

    def drop_unfinished(self) -> None:
        """The work behind the bar ended without finishing (failed, cancelled, engine lost): no
        frozen bar is left on screen; a saved-file line stays."""
        if self.has_class("-active") and not self.has_class("-done"):
            self._cancel_hide()
            self.hide()
