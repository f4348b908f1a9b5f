"""The upload picker: a directory tree showing only accepted media, plus a box to paste a path.

Enter on a file uploads it (with any files marked with space); Enter in the path box uploads that
file or opens that folder; backspace in the tree goes up a folder. Dismisses with the paths or None.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Input, Label

ACCEPTED = frozenset(
    {"mp4", "mov", "avi", "webm", "mkv", "jpg", "jpeg", "png", "gif", "webp", "mp3", "wav", "m4a", "aac"}
)


def accepted(path: Path) -> bool:
    return path.suffix.lower().lstrip(".") in ACCEPTED


class MediaTree(DirectoryTree):
    """Folders and accepted media only; hidden entries left out."""

    BINDINGS = [
        Binding("space", "mark", "Mark", show=False),
        Binding("backspace", "parent", "Up a folder", show=False),
    ]

    def __init__(self, path: Path, *, id: str | None = None) -> None:
        super().__init__(path, id=id)
        self.marked: list[Path] = []

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        for path in paths:
            if path.name.startswith("."):
                continue
            try:
                if path.is_dir() or accepted(path):
                    yield path
            except OSError:
                continue

    def action_mark(self) -> None:
        node = self.cursor_node
        if node is None or node.data is None:
            return
        path = node.data.path
        if path.is_dir():
            self.action_toggle_node()
            return
        if path in self.marked:
            self.marked.remove(path)
            node.set_label(Text(path.name))
        else:
            self.marked.append(path)
            node.set_label(Text("✓ " + path.name, "bold"))
        self.post_message(self.MarksChanged())
        self.action_cursor_down()

    def action_parent(self) -> None:
        parent = Path(self.path).resolve().parent
        if parent != Path(self.path).resolve():
            self.path = parent

    class MarksChanged(Message):
        """The set of marked files changed."""


class UploadScreen(ModalScreen[list[Path] | None]):
    DEFAULT_CSS = """
    UploadScreen { align: center middle; }
    UploadScreen > Vertical {
        width: 100; max-width: 100%; height: 90%;
        border: round $border; background: $panel; padding: 0 1;
        border-title-color: $text-accent; border-subtitle-color: $text-muted;
    }
    UploadScreen #upload-path { margin-bottom: 1; }
    UploadScreen MediaTree { height: 1fr; background: $panel; }
    UploadScreen #upload-marked { height: auto; color: $text-muted; }
    UploadScreen #upload-error { height: auto; color: $text-error; }
    """
    BINDINGS = [Binding("escape", "dismiss", "Cancel")]

    def __init__(self, start: Path | None = None) -> None:
        super().__init__()
        self.start = start or Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Upload media"
            box.border_subtitle = "Enter upload · Space mark · ⌫ up a folder · Esc cancel"
            yield Input(placeholder="Paste or type a path, then Enter", id="upload-path")
            yield MediaTree(self.start, id="upload-tree")
            yield Label(Text(""), id="upload-error")
            yield Label(Text("Accepted: " + " ".join(sorted(ACCEPTED))), id="upload-marked")

    def on_mount(self) -> None:
        self.query_one(MediaTree).focus()

    @property
    def tree(self) -> MediaTree:
        return self.query_one(MediaTree)

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self._finish(event.path)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        raw = event.value.strip().strip("'\"")
        if not raw:
            if self.tree.marked:
                self._finish(None)
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            self.tree.path = path
            event.input.value = ""
            self.tree.focus()
        elif path.is_file():
            self._finish(path)
        else:
            self._error(f"No such file: {path}")

    def on_media_tree_marks_changed(self, event: MediaTree.MarksChanged) -> None:
        marked = self.tree.marked
        text = f"Marked {len(marked)}: " + ", ".join(p.name for p in marked) if marked else ""
        self.query_one("#upload-marked", Label).update(
            Text(text or "Accepted: " + " ".join(sorted(ACCEPTED)))
        )

    def _error(self, text: str) -> None:
        self.query_one("#upload-error", Label).update(Text(text))

    def _finish(self, path: Path | None) -> None:
        paths = list(self.tree.marked)
        if path is not None and path not in paths:
            if not accepted(path):
                self._error(f"{path.name}: not an accepted type.")
                return
            paths.append(path)
        self.dismiss(paths or None)
