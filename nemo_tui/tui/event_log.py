"""The live event log: every StreamLogged update, colour-coded by kind, filterable, redacted again.

Updates land in a buffer (cheap, any thread); a ~30 Hz timer drains it into the log in one append
per tick, so a burst of thousands of events never blocks the screen. The log is a line-API widget
holding ready-cut strips (RichLog's per-write Rich rendering cost ~0.3 ms an entry). The entries are
kept, so a new filter, a new width or a new theme redraws them.
"""

from __future__ import annotations

import re
import time
from collections import deque
from dataclasses import dataclass

from rich.cells import cell_len, chop_cells
from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer
from textual.widgets import Input

from nemo_tui.core.updates import StreamLogged

KEEP = 5000  # entries kept for redraws, and lines kept in the log
CHUNK = 500  # entries written per tick at most: a burst drains in steps and input stays live
BUDGET_S = 0.02  # and at most this long per tick, so a slow machine takes more ticks, not longer ones
_SECRET = re.compile(
    r"(nmv_usr_|nmv_|clm_|Bearer\s+|sk-|(?:token|secret|password|api_key)[\"']?\s*[:=]\s*[\"']?)"
    r"[A-Za-z0-9._\-+/=]{4,}",
    re.IGNORECASE,
)
_TAGS = {
    "tool_call": "call",
    "tool_result": "result",
    "state_delta": "state",
    "heartbeat": "beat",
    "text": "text",
    "partial": "part",
    "thought": "think",
    "error": "error",
}
_STYLE_CLASS = {
    "call": "log--call",
    "result": "log--result",
    "state": "log--state",
    "beat": "log--muted",
    "part": "log--muted",
    "think": "log--muted",
    "text": "log--text",
    "error": "log--error",
}


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def redact(text: str) -> str:
    """Hide anything shaped like a token; the controller already does, this is a second line."""
    return _SECRET.sub(lambda m: m.group(1) + "…", text)


def one_line(text: str) -> str:
    """A summary fit for one log entry: newlines shown as ⏎, other control characters dropped (a raw
    newline or escape in a strip would move the terminal's cursor and tear the screen)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\t", " ")).replace("\n", " ⏎ ")


@dataclass(frozen=True)
class Entry:
    turn: int
    tag: str
    elapsed_s: float
    summary: str

    @property
    def haystack(self) -> str:
        return f"{self.tag} {self.summary}".lower()


def matches(entry: Entry, query: str) -> bool:
    """Words must all appear (in the kind or the text); `-word` hides entries that contain it."""
    hay = entry.haystack
    for word in query.lower().split():
        if word.startswith("-") and len(word) > 1:
            if word[1:] in hay:
                return False
        elif word not in hay:
            return False
    return True


class EventLog(ScrollView, can_focus=True):
    """A line-API log of pre-cut strips: appending is a list extend, drawing touches visible rows only."""

    DEFAULT_CSS = """
    EventLog {
        height: 1fr; background: $surface; scrollbar-size-vertical: 1; overflow-x: hidden; overflow-y: scroll;
    }
    EventLog:focus { background-tint: $foreground 3%; }
    EventLog > .log--call { color: $text-primary; }
    EventLog > .log--result { color: $text-success; }
    EventLog > .log--state { color: $text-secondary; }
    EventLog > .log--text { color: $foreground; }
    EventLog > .log--muted { color: $text-muted; }
    EventLog > .log--error { color: $text-error; text-style: bold; }
    EventLog > .log--unknown { color: $text-warning; }
    EventLog > .log--turn { color: $text-accent; }
    """
    COMPONENT_CLASSES = {
        "log--call",
        "log--result",
        "log--state",
        "log--text",
        "log--muted",
        "log--error",
        "log--unknown",
        "log--turn",
    }

    def __init__(self, *, max_lines: int = KEEP, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[Strip] = []
        self.max_lines = max_lines

    def append(self, strips: list[Strip]) -> None:
        at_end = self.scroll_y >= self.max_scroll_y
        self.lines.extend(strips)
        if len(self.lines) > self.max_lines:
            del self.lines[: len(self.lines) - self.max_lines]
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.lines))
        if at_end:
            self.scroll_end(animate=False, immediate=False, x_axis=False)
        self.refresh()

    def clear(self) -> None:
        self.lines.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, 0)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = scroll_y + y
        base = self.rich_style
        if index >= len(self.lines):
            return Strip.blank(width, base)
        return self.lines[index].crop_extend(scroll_x, scroll_x + width, base).apply_style(base)


def wrap(text: str, width: int) -> list[str]:
    """Cut `text` into lines of at most `width` cells, between words where it can."""
    if cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    line, used = "", 0
    for word in text.split(" "):
        size = cell_len(word)
        if used and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if used:
            lines.append(line)
        pieces = chop_cells(word, width) if size > width else [word]
        lines.extend(pieces[:-1])
        line, used = pieces[-1], cell_len(pieces[-1])
    lines.append(line)
    return lines


class EventLogPane(Vertical):
    """A filter box over the log. Push updates with `push`; they appear on the next tick."""

    DEFAULT_CSS = """
    EventLogPane { height: 1fr; }
    EventLogPane > #log-filter { height: 1; border: none; padding: 0 1; background: $boost; }
    EventLogPane > #log-filter:focus { background: $primary-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pending: deque[StreamLogged] = deque()
        self.entries: deque[Entry] = deque(maxlen=KEEP)
        self.query_text = ""
        self.received = 0
        self._turn = 0
        self._last_elapsed = -1.0
        self._formatted_width = 0
        self._stale = False
        self._resize_timer: Timer | None = None
        self._styles: dict[str, Style] = {}

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter: words to keep, -word to hide", id="log-filter", compact=True)
        yield EventLog(id="event-log")

    def on_mount(self) -> None:
        self.set_interval(1 / 30, self.drain)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.redraw())

    @property
    def log_widget(self) -> EventLog:
        return self.query_one(EventLog)

    # -- in --------------------------------------------------------------------------------------
    def push(self, update: StreamLogged) -> None:
        """Queue one entry (safe to call for every event of a burst)."""
        self.pending.append(update)

    @property
    def idle(self) -> bool:
        return not self.pending

    def drain(self) -> None:
        """Move up to CHUNK queued updates into the log in one write."""
        if not self.pending:
            return
        lines: list[Entry | int] = []
        deadline = time.perf_counter() + BUDGET_S
        for n in range(min(CHUNK, len(self.pending))):
            if n % 50 == 49 and time.perf_counter() > deadline:
                break
            update = self.pending.popleft()
            if update.elapsed_s < self._last_elapsed or self._turn == 0:
                self._turn += 1
                lines.append(self._turn)
            self._last_elapsed = update.elapsed_s
            entry = Entry(
                self._turn,
                _TAGS.get(update.kind, update.kind or "?"),
                update.elapsed_s,
                one_line(redact(update.summary)),
            )
            self.entries.append(entry)
            self.received += 1
            lines.append(entry)
        if not self._visible_width():
            self._stale = True  # hidden: draw everything when it is shown
            return
        shown = [x for x in lines if isinstance(x, int) or matches(x, self.query_text)]
        if shown:
            self.log_widget.append(self._format(shown))

    # -- out -------------------------------------------------------------------------------------
    def _style(self, cls: str) -> Style:
        if cls not in self._styles:
            self._styles[cls] = self.log_widget.get_component_rich_style(cls)
        return self._styles[cls]

    def _format(self, items: list[Entry | int]) -> list[Strip]:
        """Strips for many entries; long summaries wrap under their own column."""
        self._formatted_width = self._visible_width()
        width = max(30, self._formatted_width)
        muted, turn = self._style("log--muted"), self._style("log--turn")
        bold = Style(bold=True)
        pad = Segment(" " * 16)
        strips: list[Strip] = []
        for item in items:
            if isinstance(item, int):
                strips.append(Strip([Segment(f"── turn {item} ──", turn)]))
                continue
            style = self._style(_STYLE_CLASS.get(item.tag, "log--unknown"))
            head = [Segment(f"{item.elapsed_s:7.2f}s ", muted), Segment(f"{item.tag:<6} ", style + bold)]
            for n, piece in enumerate(wrap(item.summary, width - 16)):
                strips.append(Strip([*(head if n == 0 else [pad]), Segment(piece, style)]))
        return strips

    def redraw(self) -> None:
        """Rewrite the log from the kept entries (new filter, width or theme)."""
        self._styles.clear()
        self._stale = False
        log = self.log_widget
        log.clear()
        items: list[Entry | int] = []
        turn = 0
        for entry in self.entries:
            if entry.turn != turn:
                turn = entry.turn
                items.append(turn)
            if matches(entry, self.query_text):
                items.append(entry)
        if items:
            log.append(self._format(items))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_text = event.value
        self.redraw()

    def _visible_width(self) -> int:
        log = self.log_widget
        return log.scrollable_content_region.width if self.display and log.size.width else 0

    def on_resize(self) -> None:
        if self._resize_timer is not None:
            self._resize_timer.stop()
        self._resize_timer = self.set_timer(0.1, self._redraw_if_width_changed)

    def _redraw_if_width_changed(self) -> None:
        self._resize_timer = None
        width = self._visible_width()
        if width and (self._stale or width != self._formatted_width):
            self.redraw()

    def clear(self) -> None:
        self.pending.clear()
        self.entries.clear()
        self._turn, self._last_elapsed = 0, -1.0
        self.log_widget.clear()
