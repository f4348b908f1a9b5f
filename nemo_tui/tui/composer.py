"""The chat box: Enter sends, ctrl+j adds a line, pasted text keeps its lines, up/down walk the history,
and a slash command is completed with →.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import TextArea

from .commands import complete_slash

PLACEHOLDER = "Describe your video…  (Enter send · ^j new line · ↑ history · /help)"


class Composer(TextArea):
    DEFAULT_CSS = """
    Composer {
        height: auto;
        min-height: 3;
        max-height: 30%;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        &:focus { border: tall $border; }
        & > .text-area--cursor-line { background: transparent; }
    }
    """
    BINDINGS = [
        Binding("pageup", "scroll_chat(-1)", "Scroll chat up", show=False),
        Binding("pagedown", "scroll_chat(1)", "Scroll chat down", show=False),
    ]

    class Submitted(Message):
        """The person pressed Enter on some text."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class ScrollRequested(Message):
        def __init__(self, direction: int) -> None:
            super().__init__()
            self.direction = direction

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            id=id,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            placeholder=PLACEHOLDER,
        )
        self.sent: list[str] = []
        self._index = 0  # len(history) means "the draft being typed"
        self._draft = ""
        # Where keys typed on a pane are still on their way here (set by the workspace): an Enter that
        # reaches the chat box directly goes that way too, so it comes after them, not before.
        self.enter_route: Callable[[], Widget | None] = lambda: None

    # -- history ---------------------------------------------------------------------------------
    def remember(self, text: str) -> None:
        """Add a sent message to the history (skipping an immediate repeat)."""
        text = text.strip()
        if text and (not self.sent or self.sent[-1] != text):
            self.sent.append(text)
        self._index = len(self.sent)

    def _recall(self, index: int) -> None:
        if self._index == len(self.sent):
            self._draft = self.text
        self._index = max(0, min(len(self.sent), index))
        self.load_text(self.sent[self._index] if self._index < len(self.sent) else self._draft)
        self.move_cursor(self.document.end)

    def action_cursor_up(self, select: bool = False) -> None:
        if not select and self.cursor_location[0] == 0 and self.sent and self._index > 0:
            self._recall(self._index - 1)
        else:
            super().action_cursor_up(select)

    def action_cursor_down(self, select: bool = False) -> None:
        last_row = self.document.line_count - 1
        if not select and self.cursor_location[0] == last_row and self._index < len(self.sent):
            self._recall(self._index + 1)
        else:
            super().action_cursor_down(select)

    # -- keys ------------------------------------------------------------------------------------
    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            if (route := self.enter_route()) is not None:
                route.post_message(events.Key("enter", "\r"))
                return
            self.submit()
            return
        if event.key in ("ctrl+j", "shift+enter", "alt+enter"):
            event.stop()
            event.prevent_default()
            self.insert("\n")
            return
        await super()._on_key(event)

    def submit(self) -> None:
        text = self.text.strip()
        if not text:
            return
        self.remember(text)
        self.clear()
        self._draft = ""
        self.post_message(self.Submitted(text))

    def update_suggestion(self) -> None:
        self.suggestion = complete_slash(self.text)

    def action_scroll_chat(self, direction: int) -> None:
        self.post_message(self.ScrollRequested(direction))
