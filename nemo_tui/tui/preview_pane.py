"""The preview pane: the video at a time, drawn in half-block cells, a filmstrip of the scenes and the
words on screen (titles and captions cannot be read at this size).

Attributes down: the screen hands it decoded `Frames` with the preview's scenes (`show`) and the
draft (`words`); the pane scrubs and plays on its own. Keys while it has the focus: ←/→ 0.1 s,
shift+←/→ 1 s, [ / ] the previous or next clip, space plays or pauses (about 10 fps, no sound).
"""

from __future__ import annotations

import time
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from nemo_tui.core.models import PreviewScene
from nemo_tui.draft.on_screen import words_at

from .half_blocks import to_strips
from .preview_frames import Frames

PLAY_FPS = 10
#: Keys the pane takes itself (the screen must not hand these printable ones to the chat box).
OWN_KEYS = {"space", "left_square_bracket", "right_square_bracket"}


class PreviewPicture(Widget, can_focus=True):
    """The frame at `t`, letterboxed into the widget's cells; strips are made once per frame and size."""

    DEFAULT_CSS = """
    PreviewPicture { height: 1fr; width: 1fr; background: $surface; }
    """
    BINDINGS = [
        Binding("left", "step(-0.1)", "-0.1s", show=False),
        Binding("right", "step(0.1)", "+0.1s", show=False),
        Binding("shift+left", "step(-1)", "-1s", show=False),
        Binding("shift+right", "step(1)", "+1s", show=False),
        Binding("left_square_bracket", "clip(-1)", "Prev clip", show=False),
        Binding("right_square_bracket", "clip(1)", "Next clip", show=False),
        Binding("space", "play", "Play/pause", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.frames: Frames | None = None
        self.t = 0.0
        self._key: tuple[Any, ...] | None = None
        self._strips: list[Strip] = []
        self.draws = 0  # frames converted to cells (for tests and measurements)

    def set_frame(self, frames: Frames | None, t: float) -> None:
        self.frames, self.t = frames, t
        self.refresh()

    def render_line(self, y: int) -> Strip:
        self._prepare(self.size)
        return self._strips[y] if y < len(self._strips) else Strip.blank(self.size.width)

    def _prepare(self, size: Size) -> None:
        frames = self.frames
        pad = self.rich_style
        key = (id(frames), frames.index_at(self.t) if frames else -1, size.width, size.height, pad)
        if key == self._key:
            return
        self._key = key
        if frames is None or not size.width or not size.height:
            self._strips = [Strip.blank(size.width, pad)] * size.height
            return
        self._strips = to_strips(frames.at(self.t), size.width, size.height, pad)
        self.draws += 1

    # the pane owns the time; the picture only forwards its keys
    def action_step(self, seconds: float) -> None:
        self.post_message(PreviewPane.Seek(seconds, relative=True))

    def action_clip(self, direction: int) -> None:
        self.post_message(PreviewPane.Seek(float(direction), clip=True))

    def action_play(self) -> None:
        self.post_message(PreviewPane.Seek(0.0, toggle_play=True))


class Filmstrip(Widget):
    """One small picture per scene (at its middle) and a row of scene numbers, the current one lit."""

    DEFAULT_CSS = """
    Filmstrip { height: 3; width: 1fr; background: $surface; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.frames: Frames | None = None
        self.scenes: list[PreviewScene] = []
        self.current = -1
        self._key: tuple[Any, ...] | None = None
        self._strips: list[Strip] = []

    def set_scenes(self, frames: Frames | None, scenes: list[PreviewScene], current: int) -> None:
        self.frames, self.scenes, self.current = frames, scenes, current
        self.refresh()

    def render_line(self, y: int) -> Strip:
        pad = self.rich_style
        key = (id(self.frames), len(self.scenes), self.current, self.size, pad)
        if key != self._key:
            self._key = key
            self._strips = self._build(self.size.width, max(1, self.size.height - 1), pad)
        return self._strips[y] if y < len(self._strips) else Strip.blank(self.size.width, pad)

    def _build(self, width: int, rows: int, pad: Style) -> list[Strip]:
        frames = self.frames
        if frames is None or not self.scenes or width < 4:
            return []
        h, w = frames.pixels.shape[1:3]
        cols = max(2, min(16, round(2 * rows * w / h)))
        fits = max(1, (width + 1) // (cols + 1))
        first = max(0, min(self.current - fits // 2, len(self.scenes) - fits))
        shown = self.scenes[first : first + fits]
        lines: list[list[Segment]] = [[] for _ in range(rows + 1)]
        for i, scene in enumerate(shown, start=first):
            thumb = to_strips(frames.at((scene.start_s + scene.end_s) / 2), cols, rows, pad)
            for row in range(rows):
                lines[row] += [*thumb[row], Segment(" ", pad)]
            label = f"{i + 1}".center(cols)[:cols]
            lit = pad + Style(reverse=True, bold=True) if i == self.current else pad
            lines[rows] += [Segment(label, lit), Segment(" ", pad)]
        return [Strip(line).crop(0, width).extend_cell_length(width, pad) for line in lines]


class PreviewPane(Vertical):
    """Picture, filmstrip and the words on screen; scrubbing and playing happen here."""

    DEFAULT_CSS = """
    PreviewPane { height: 1fr; }
    PreviewPane #preview-words { height: auto; max-height: 3; color: $text-muted; padding: 0 1; }
    PreviewPane #preview-note { height: 1fr; color: $text-muted; padding: 1 2; }
    """

    class Seek(Message):
        """A key on the picture: move by `seconds`, to a neighbouring clip, or toggle playing."""

        def __init__(
            self, seconds: float, *, relative: bool = False, clip: bool = False, toggle_play: bool = False
        ) -> None:
            super().__init__()
            self.seconds, self.relative, self.clip, self.toggle_play = seconds, relative, clip, toggle_play

    t: reactive[float] = reactive(0.0, init=False)
    playing: reactive[bool] = reactive(False, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.frames: Frames | None = None
        self.scenes: list[PreviewScene] = []
        self.draft: dict[str, Any] | None = None
        self.note = "No video yet."
        self._timer: Timer | None = None
        self._play_from = (0.0, 0.0)  # (t, monotonic clock) when playing started

    def compose(self) -> ComposeResult:
        yield PreviewPicture(id="preview-picture")
        yield Filmstrip(id="preview-strip")
        yield Static(id="preview-words")
        yield Static(self.note, id="preview-note")

    def on_mount(self) -> None:
        self.border_title = "Preview"
        self._redraw()

    def on_resize(self) -> None:
        # Thumbnails of 3 rows where there is room for them, 2 in a small terminal (plus the numbers).
        self.query_one(Filmstrip).styles.height = 4 if self.size.height >= 20 else 3

    @property
    def picture(self) -> PreviewPicture:
        return self.query_one(PreviewPicture)

    @property
    def duration_s(self) -> float:
        return self.frames.duration_s if self.frames else 0.0

    # -- attributes down -------------------------------------------------------------------------
    def show(self, frames: Frames, scenes: list[PreviewScene], draft: dict[str, Any] | None) -> None:
        """A new preview (after an edit): keep the time where it was, within the new length."""
        first = self.frames is None
        self.frames, self.scenes, self.draft = frames, scenes, draft
        self.note = ""
        self.border_subtitle = ""
        # The first picture a second in (the opening fade is dark); later ones where the person was.
        t = min(1.0, self.duration_s / 2) if first else self.t
        self.t = min(t, max(0.0, self.duration_s - 1 / max(frames.fps, 1)))
        self._redraw()

    def show_note(self, note: str) -> None:
        """No picture to show (no video yet, working on it, no preview on this backend)."""
        self.note = note
        if self.frames is None:
            self._redraw()
        else:
            self.border_subtitle = note

    def clear(self) -> None:
        self.playing = False
        self.frames, self.scenes, self.draft, self.t = None, [], None, 0.0
        self.note = "No video yet."
        self._redraw()

    def seek(self, t: float) -> None:
        """Show the frame at `t` seconds (the timeline's highlighted clip, say)."""
        self.t = max(0.0, min(t, self.duration_s))

    # -- keys -----------------------------------------------------------------------------------
    def on_preview_pane_seek(self, event: PreviewPane.Seek) -> None:
        event.stop()
        if self.frames is None:
            return
        if event.toggle_play:
            self.playing = not self.playing
        elif event.clip:
            self.playing = False
            self.seek(self._clip_start(int(event.seconds)))
        else:
            self.playing = False
            self.seek(self.t + event.seconds)

    def _clip_start(self, direction: int) -> float:
        starts = sorted({s.start_s for s in self.scenes}) or [0.0]
        if direction > 0:
            return next((s for s in starts if s > self.t + 1e-3), starts[-1])
        return next((s for s in reversed(starts) if s < self.t - 1e-3), starts[0])

    def watch_t(self) -> None:
        self._redraw()

    def watch_playing(self, playing: bool) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if playing:
            if self.t >= self.duration_s - 1e-3:
                self.t = 0.0
            self._play_from = (self.t, time.monotonic())
            self._timer = self.set_interval(1 / PLAY_FPS, self._tick)
        self._redraw()

    def _tick(self) -> None:
        """Time from the clock, not from ticks: a slow draw drops frames instead of slowing the film."""
        start, when = self._play_from
        t = start + time.monotonic() - when
        if t >= self.duration_s:
            self.t, self.playing = self.duration_s, False
        else:
            self.t = t

    # -- drawing --------------------------------------------------------------------------------
    def _current_scene(self) -> int:
        found = [i for i, s in enumerate(self.scenes) if s.start_s <= self.t < s.end_s]
        return found[-1] if found else (len(self.scenes) - 1 if self.scenes else -1)

    def _redraw(self) -> None:
        if not self.is_mounted:
            return
        has_picture = self.frames is not None
        for selector in ("#preview-picture", "#preview-strip", "#preview-words"):
            self.query_one(selector).display = has_picture
        note = self.query_one("#preview-note", Static)
        note.display = not has_picture
        if not has_picture:
            note.update(self.note)
            self.border_subtitle = ""
            return
        current = self._current_scene()
        self.picture.set_frame(self.frames, self.t)
        self.query_one(Filmstrip).set_scenes(self.frames, self.scenes, current)
        mark = "▶" if self.playing else "❚❚"
        clip = f" · clip {current + 1}/{len(self.scenes)}" if self.scenes else ""
        self.border_subtitle = f"{mark} {self.t:.1f} / {self.duration_s:.1f}s{clip}"
        words = words_at(self.draft, self.t * 1000) if self.draft else []
        text = Text(" / ".join(f"“{w}”" for w in words) if words else "(no words on screen)")
        self.query_one("#preview-words", Static).update(text)
