"""Pick an earlier session (from the controller's history) to switch to."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option


def ago(then: float, now: float | None = None) -> str:
    seconds = max(0, int((now or time.time()) - then))
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds // size} {unit} ago"
    return "just now"


class SessionsScreen(ModalScreen[str | None]):
    """Dismisses with the chosen session id, or None."""

    DEFAULT_CSS = """
    SessionsScreen { align: center middle; }
    SessionsScreen > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 90%;
        border: round $border; background: $panel; padding: 0 1;
        border-title-color: $text-accent; border-subtitle-color: $text-muted;
    }
    SessionsScreen OptionList { height: auto; max-height: 20; border: none; background: $panel; }
    SessionsScreen #sessions-empty { color: $text-muted; padding: 1 0; }
    """
    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def __init__(self, sessions: Sequence[Any], current: str | None) -> None:
        super().__init__()
        self.sessions, self.current = list(sessions), current

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Sessions"
            box.border_subtitle = "Enter to open · Esc to close"
            if not self.sessions:
                yield Label("No saved sessions yet.", id="sessions-empty")
                return
            options = []
            for record in self.sessions:
                line = Text()
                line.append("● " if record.session_id == self.current else "  ", "bold")
                line.append(record.title or "(untitled)", "bold" if record.session_id == self.current else "")
                line.append(f"  {record.session_id[-8:]} · {ago(record.last_used)}", "dim")
                options.append(Option(line, id=record.session_id))
            yield OptionList(*options, id="sessions-list")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
