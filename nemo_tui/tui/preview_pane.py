"""The preview pane: the video at a time, drawn in half-block cells, a filmstrip of the scenes and the
words on screen (titles and captions cannot be read at this size).

Attributes down: the screen hands it decoded `Frames` with the preview's scenes (`show`) and the
draft (`words`); the pane scrubs and plays on its own. Keys while it has the focus: ←/→ 0.1 s,
shift+←/→ 1 s, [ / ] the previous or next clip, space plays or pauses (about 10 fps, no sound).
"""

from __future__ import annotations

import gc
import time
from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.errors import NoWidget
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from nemo_tui.core.models import PreviewScene
from nemo_tui.draft.on_screen import words_at

from .half_blocks import fit, to_strips
from .preview_frames import Frames

if TYPE_CHECKING:
    from .graphics import Choice

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
        # A graphics protocol (opt-in, `graphics.py`): the picture is an image over blank cells.
        self.image_box: tuple[int, int, int, int] | None = None  # left, top, cols, rows in the widget
        self.images = 0  # images sent to the terminal
        self.last_escape = ""  # the last escapes written (for tests)
        self._image_ids = (0, 0)  # (shown, next)
        self._painted: tuple[Any, ...] | None = None

    @property
    def graphics(self) -> Choice | None:
        """The app's graphics protocol, None for half-blocks (the default)."""
        choice: Choice | None = getattr(self.app, "graphics", None)
        return choice if choice is not None and choice.mode != "off" else None

    def on_mount(self) -> None:
        if self.graphics is not None:
            # Out-of-band images are not part of Textual's screen: check often whether the picture
            # moved, was hidden or covered by another screen, and place or delete the image then.
            self.set_interval(0.25, self.paint_image)

    def on_unmount(self) -> None:
        self._write(self._delete_image())

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
            self.image_box = None
            return
        if self.graphics is not None:
            self._strips = self._image_strips(frames, size, pad)
            self.call_after_refresh(self.paint_image)
        else:
            self._strips = to_strips(frames.at(self.t), size.width, size.height, pad)
        self.draws += 1

    # -- a graphics protocol's image --------------------------------------------------------------
    def _image_strips(self, frames: Frames, size: Size, pad: Style) -> list[Strip]:
        """Blank cells: the image's box in the terminal's default colours, letterboxed as half-blocks."""
        height, width = frames.pixels.shape[1:3]
        cols, pixel_rows = fit(width, height, size.width, size.height)
        rows = pixel_rows // 2
        left, top = (size.width - cols) // 2, (size.height - rows) // 2
        self.image_box = (left, top, cols, rows)
        blank = Strip.blank(size.width, pad)
        line = Strip(
            [Segment(" " * left, pad), Segment(" " * cols), Segment(" " * (size.width - cols - left), pad)]
        ).simplify()
        return [blank] * top + [line] * rows + [blank] * (size.height - top - rows)

    def paint_image(self) -> None:
        """Send the image if the frame, the place or the visibility changed since the last one."""
        choice = self.graphics
        if choice is None or not self.is_mounted:
            return
        region = None
        if self.frames is not None and self.image_box is not None and self.app.screen is self.screen:
            try:
                region = self.screen.find_widget(self).region
            except NoWidget:  # hidden
                region = None
        if region is not None and region.size != self.size:
            region = None  # cut by something: the next layout places it
        frames, box = self.frames, self.image_box
        state = (id(frames), frames.index_at(self.t) if frames else -1, region, box)
        if state == self._painted:
            return
        self._painted = state
        if region is None or frames is None or box is None:
            self._write(self._delete_image())
            return
        from .graphics import kitty_image, sixel_image

        left, top, cols, rows = box
        frame = frames.at(self.t)
        if choice.mode == "kitty":
            shown, new = self._image_ids
            new = 4201 if shown == 4200 else 4200  # two ids: the new one is up before the old goes
            image = kitty_image(frame, new, cols, rows, tmux=choice.tmux)
            out = choice.place(region.x + left, region.y + top, image) + self._delete_image()
            self._image_ids = (new, new)
        else:
            cell_w, cell_h = choice.cell_px
            image = sixel_image(frame, cols * cell_w, rows * cell_h)
            out = choice.place(region.x + left, region.y + top, image)
        self.images += 1
        self._write(out)

    def _delete_image(self) -> str:
        choice = self.graphics
        shown = self._image_ids[0]
        if choice is None or choice.mode != "kitty" or not shown:
            return ""
        from .graphics import kitty_delete

        self._image_ids = (0, 0)
        return kitty_delete(shown, tmux=choice.tmux)

    def _write(self, escapes: str) -> None:
        if not escapes:
            return
        self.last_escape = escapes
        driver = self.app._driver
        if driver is not None and not driver.is_headless:
            driver.write(escapes)

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
        if frames is not self.frames or scenes != self.scenes or current != self.current:
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
        self._words = ""

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
            # What lives now (the app, the frames) leaves the collector's view, as at start-up: a full
            # collection in the middle of playing stalled a frame by 50-130 ms; with this, under 10 ms.
            gc.freeze()
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
        text = " / ".join(f"“{w}”" for w in words) if words else "(no words on screen)"
        if text != self._words:  # only on a change: an update lays the pane out again
            self._words = text
            self.query_one("#preview-words", Static).update(Text(text))
