"""The chat transcript: the person's messages, replies as Markdown, system notices and errors, and the
reply being streamed.

Messages are mounted in batches (a replayed transcript of a hundred messages is one mount), the
transcript stays anchored to the newest message unless the person scrolls up, and only the last
MAX_MESSAGES stay on screen.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Markdown, Static

MAX_MESSAGES = 300
MESSAGES = "UserMessage, AssistantMessage, SystemMessage, ErrorMessage, PriceNote"  # what the chat holds


def welcome() -> Text:
    text = Text()
    text.append("Make a video by chatting.", "bold")
    text.append(" Try:\n")
    for example in ("generate a 30-second promo video from this script: …", "add lo-fi music at 35%",
                    "make the title bigger", "export"):  # fmt: skip
        text.append("  › ", "dim")
        text.append(example + "\n", "italic")
    text.append("F4 uploads media · F5 exports · F1 lists every key · ^p finds any command", "dim")
    return text


class UserMessage(Static):
    DEFAULT_CSS = """
    UserMessage {
        margin: 1 0 0 6;
        padding: 0 1;
        background: $primary-muted;
        color: $foreground;
        border-left: outer $primary;
    }
    """


class AssistantMessage(Markdown):
    DEFAULT_CSS = """
    AssistantMessage {
        margin: 1 2 0 0;
        padding: 0 1;
        background: $surface;
        border-left: outer $success;
        & > MarkdownBlock:last-child { margin-bottom: 0; }
        & > MarkdownParagraph { margin: 0 0 1 0; }
    }
    """


class SystemMessage(Static):
    DEFAULT_CSS = """
    SystemMessage {
        margin: 1 2 0 0;
        padding: 0 1;
        color: $text-muted;
        border-left: outer $foreground 20%;
    }
    """


class PriceNote(Static):
    """What a reply cost and what is left, one muted line under it ("5 credits · 95 left")."""

    DEFAULT_CSS = """
    PriceNote {
        margin: 0 2 0 0;
        padding: 0 1 0 2;
        color: $text-muted;
        text-style: italic;
    }
    """


class ErrorMessage(Static):
    DEFAULT_CSS = """
    ErrorMessage {
        margin: 1 2 0 0;
        padding: 0 1;
        color: $text-error;
        background: $error-muted;
        border-left: outer $error;
    }
    """


class PartialReply(Static):
    """The reply while it streams in, as plain text; replaced by the Markdown when it is complete."""

    DEFAULT_CSS = """
    PartialReply {
        margin: 1 2 0 0;
        padding: 0 1;
        color: $text-muted;
        border-left: outer $success 50%;
        display: none;
        &.-active { display: block; }
    }
    """


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # not \t or \n: they lay out; the rest would tear


def message_widget(role: str, text: str) -> Widget:
    text = _CONTROL.sub("", text)
    match role:
        case "user":
            return UserMessage(Text(text))
        case "assistant":
            return AssistantMessage(text)
        case "error":
            return ErrorMessage(Text(text))
        case "credits":
            return PriceNote(Text(text))
        case _:
            return SystemMessage(Text(text))


class Transcript(VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    Transcript {
        height: 1fr;
        padding: 0 1 1 1;
        background: $background;
        scrollbar-size-vertical: 1;
    }
    Transcript > #welcome { color: $text-muted; margin: 1 2 0 0; padding: 0 1; }
    """


class ChatPane(Vertical):
    """Attributes in: `add_message`, `add_partial`, `clear`, `scroll_page`."""

    DEFAULT_CSS = """
    ChatPane { height: 1fr; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._pending: list[tuple[str, str]] = []
        self._flush_timer = None
        self._partial = ""
        self._partial_dirty = False
        self.count = 0  # messages added so far, for tests and the benchmark

    def compose(self) -> ComposeResult:
        with Transcript(id="transcript"):
            yield Static(welcome(), id="welcome")
            yield PartialReply(id="partial")

    def on_mount(self) -> None:
        self.transcript.anchor()
        self.set_interval(1 / 15, self._show_partial)

    @property
    def transcript(self) -> Transcript:
        return self.query_one(Transcript)

    # -- attributes in ---------------------------------------------------------------------------
    def add_message(self, role: str, text: str) -> None:
        self._pending.append((role, text))
        self.count += 1
        if role in ("assistant", "user"):
            self._partial, self._partial_dirty = "", True
        if self._flush_timer is None:
            self._flush_timer = self.set_timer(1 / 30, self._flush)

    def add_partial(self, fragment: str) -> None:
        self._partial += fragment
        self._partial_dirty = True

    def clear(self) -> None:
        self._pending.clear()
        self._partial, self._partial_dirty = "", True
        self.transcript.query(MESSAGES).remove()
        self.query_one("#welcome").display = True
        self.count = 0

    async def _flush(self) -> None:
        self._flush_timer = None
        pending, self._pending = self._pending[-MAX_MESSAGES:], []
        if not pending:
            return
        self._show_partial()
        self.query_one("#welcome").display = False
        transcript = self.transcript
        await transcript.mount_all(
            [message_widget(role, text) for role, text in pending], before=self.query_one(PartialReply)
        )
        old = transcript.query(MESSAGES)
        extra = len(old) - MAX_MESSAGES
        if extra > 0:
            await transcript.remove_children(list(old)[:extra])

    def _show_partial(self) -> None:
        if not self._partial_dirty:
            return
        self._partial_dirty = False
        partial = self.query_one(PartialReply)
        partial.update(Text(self._partial))
        partial.set_class(bool(self._partial.strip()), "-active")

    def scroll_page(self, direction: int) -> None:
        if direction < 0:
            self.transcript.scroll_page_up()
        else:
            self.transcript.scroll_page_down()
