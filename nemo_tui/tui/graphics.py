"""A sharper preview through a terminal graphics protocol, opt-in (`nemo-tui --graphics kitty|sixel|auto`
or `NEMO_TUI_GRAPHICS`); half-block cells stay the default and the fallback.

Nothing here is imported unless asked for. `probe()` runs once before Textual takes the terminal: it
asks the terminal (kitty's graphics query, then the primary device attributes, which every terminal
answers and whose `4` means sixel) and waits at most `PROBE_TIMEOUT_S`; no answer, or any failure,
means half-blocks and one line saying why in the event log.

The encoders are small and written here (no dependency): kitty's is zlib-compressed RGB in base64
chunks of 4096 bytes; sixel's is Pillow's palette (at most 256 colours) turned into sixel bands with
numpy. Inside tmux kitty's escapes are wrapped for passthrough (`set -g allow-passthrough on` is
needed); sixel is tmux's own from 3.4 (built with sixel) and goes unwrapped.
"""

from __future__ import annotations

import base64
import os
import re
import select
import subprocess
import sys
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
from PIL import Image

from .half_blocks import Frame

ENV = "NEMO_TUI_GRAPHICS"
MODES = ("off", "kitty", "sixel", "auto")
PROBE_TIMEOUT_S = 0.5
CHUNK = 4096  # base64 bytes per kitty escape (the protocol's limit)
#: Under every cell that has a background colour of its own: the picture shows only through the
#: picture widget's cells (drawn with the terminal's default background), so Textual's dialogs,
#: toasts and panes drawn over it hide it without any bookkeeping.
KITTY_Z = -1_073_741_825
QUERY_ID = 31
ESC = "\x1b"
ST = ESC + "\\"


@dataclass(frozen=True)
class Choice:
    """What the probe found: `mode` is "kitty", "sixel" or "off" (half-blocks); `note` is the line for
    the event log (empty when nothing was asked for)."""

    mode: str
    note: str = ""
    tmux: bool = False
    cell_px: tuple[int, int] = (10, 20)  # width, height of a cell in pixels (sixel needs them)
    origin: tuple[int, int] = (0, 0)  # in tmux: the pane's top-left cell in the terminal outside

    def place(self, x: int, y: int, image: str) -> str:
        """`image` drawn with its top-left at cell (`x`, `y`) of the app's screen; the cursor is put
        back. In tmux, kitty's escapes (and the cursor moves with them) go to the terminal outside,
        where the pane starts at `origin`."""
        if self.mode == "kitty" and self.tmux:
            ox, oy = self.origin
            return tmux_wrap(f"{ESC}7{ESC}[{y + oy + 1};{x + ox + 1}H") + image + tmux_wrap(f"{ESC}8")
        return f"{ESC}7{ESC}[{y + 1};{x + 1}H{image}{ESC}8"


def requested(flag: str | None, env: Mapping[str, str] = os.environ) -> tuple[str, str]:
    """The mode asked for (the flag over the variable) and a complaint about a bad value, if any."""
    value = (flag or env.get(ENV) or "off").strip().lower()
    if value in ("", "0", "no", "none", "half-blocks", "halfblocks"):
        value = "off"
    if value not in MODES:
        return "off", f"Preview: half-blocks: {ENV}={value!r} is not one of kitty, sixel, auto, off"
    return value, ""


def tmux_wrap(sequence: str) -> str:
    """One escape for tmux to pass through to the terminal outside it (every ESC doubled)."""
    return f"{ESC}Ptmux;{sequence.replace(ESC, ESC + ESC)}{ST}"


# -- kitty -----------------------------------------------------------------------------------------
def kitty_image(pixels: Frame, image_id: int, cols: int, rows: int, *, tmux: bool = False) -> str:
    """Transmit and show `pixels` (H, W, 3) scaled to `cols`×`rows` cells at the cursor, which stays
    where it was (C=1); no answer from the terminal (q=2)."""
    height, width = pixels.shape[:2]
    data = base64.standard_b64encode(zlib.compress(np.ascontiguousarray(pixels).tobytes(), 1))
    chunks = [data[i : i + CHUNK] for i in range(0, len(data), CHUNK)] or [b""]
    keys = f"a=T,f=24,o=z,s={width},v={height},i={image_id},p=1,c={cols},r={rows},C=1,z={KITTY_Z},q=2"
    out = []
    for n, chunk in enumerate(chunks):
        more = int(n < len(chunks) - 1)
        head = f"{keys},m={more}" if n == 0 else f"m={more}"
        escape = f"{ESC}_G{head};{chunk.decode('ascii')}{ST}"
        out.append(tmux_wrap(escape) if tmux else escape)
    return "".join(out)


def kitty_delete(image_id: int, *, tmux: bool = False) -> str:
    """Delete the image and free its data (d=I)."""
    escape = f"{ESC}_Ga=d,d=I,i={image_id},q=2{ST}"
    return tmux_wrap(escape) if tmux else escape


# -- sixel ----------------------------------------------------------------------------------------
_RUN = re.compile(r"(.)\1{3,}")


def sixel_image(pixels: Frame, width: int, height: int) -> str:
    """`pixels` scaled to `width`×`height` pixels as one sixel image (at most 256 colours)."""
    image = Image.fromarray(np.ascontiguousarray(pixels)).resize((width, height), Image.Resampling.BILINEAR)
    quantised = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    index = np.asarray(quantised, dtype=np.uint8)
    palette = np.frombuffer(bytes(quantised.getpalette() or []), dtype=np.uint8).reshape(-1, 3)
    used = np.unique(index)
    out = [f'{ESC}P0;1;0q"1;1;{width};{height}']  # P2=1: pixels of colour 0 stay as they were
    for c in used:
        r, g, b = (int(v) * 100 // 255 for v in palette[c])
        out.append(f"#{c};2;{r};{g};{b}")
    weights = (1 << np.arange(6, dtype=np.uint8)).reshape(6, 1)
    for top in range(0, height, 6):
        band = index[top : top + 6].astype(np.int16)
        if band.shape[0] < 6:
            band = np.vstack([band, np.full((6 - band.shape[0], width), -1, dtype=np.int16)])
        rows = []
        for c in np.unique(band[band >= 0]):
            bits = ((band == c).astype(np.uint8) * weights).sum(axis=0, dtype=np.uint8) + 63
            text = bits.tobytes().decode("ascii").rstrip("?")
            rows.append(f"#{c}" + _RUN.sub(lambda m: f"!{len(m.group(0))}{m.group(1)}", text))
        out.append("$".join(rows) + "-")
    out.append(ST)
    return "".join(out)


# -- asking the terminal ---------------------------------------------------------------------------
_KITTY_ANSWER = re.compile(rf"\x1b_Gi={QUERY_ID}(?:,[^;]*)?;([^\x1b]*)\x1b\\")
_DA1 = re.compile(r"\x1b\[\?([0-9;]*)c")
_CELL = re.compile(r"\x1b\[6;([0-9]+);([0-9]+)t")


def decide(wanted: str, answers: str, *, tmux: bool, passthrough: bool | None) -> Choice:
    """The mode from what the terminal answered to `probe`'s questions (a pure function, tested)."""
    kitty = _KITTY_ANSWER.search(answers)
    kitty_ok = bool(kitty and kitty.group(1) == "OK")
    da1 = _DA1.search(answers)
    sixel = bool(da1 and "4" in da1.group(1).split(";"))
    cell = _CELL.search(answers)
    cell_px = (int(cell.group(2)), int(cell.group(1))) if cell else (10, 20)
    if wanted in ("kitty", "auto") and kitty_ok:
        return Choice("kitty", "Preview: kitty graphics" + (" (through tmux)" if tmux else ""), tmux, cell_px)
    if wanted in ("sixel", "auto") and sixel and cell:
        return Choice("sixel", "Preview: sixel graphics", tmux, cell_px)
    if da1 is None:
        why = f"the terminal did not answer within {PROBE_TIMEOUT_S:.1f} s"
    elif wanted in ("sixel", "auto") and sixel and not cell:
        why = "the terminal did not tell its cell size in pixels"
    elif wanted == "kitty" or (wanted == "auto" and not sixel):
        why = "the terminal did not answer kitty's graphics query"
        if tmux and passthrough is False:
            why = "kitty's graphics do not pass through this tmux (set -g allow-passthrough on)"
    else:
        why = "the terminal reports no sixel"
    return Choice("off", half_blocks(wanted, why), tmux, cell_px)


def half_blocks(wanted: str, why: str) -> str:
    """The event log's line when the graphics asked for cannot be had."""
    return f"Preview: half-blocks, not {wanted} graphics: {why}"


def _tmux(*args: str) -> str | None:
    try:
        done = subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=2)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _tmux_origin(env: Mapping[str, str]) -> tuple[int, int]:
    """The pane's top-left cell in the terminal outside tmux (a status line on top moves it down)."""
    shown = _tmux(
        "display",
        "-p",
        "-t",
        env.get("TMUX_PANE", ""),
        "#{pane_left} #{pane_top} #{status} #{status-position}",
    )
    try:
        left, top, status, position = (shown or "").split()
        return int(left), int(top) + (1 if status != "off" and position == "top" else 0)
    except ValueError:
        return 0, 0


def probe(wanted: str, env: Mapping[str, str] = os.environ, timeout: float = PROBE_TIMEOUT_S) -> Choice:
    """Ask the terminal on stdin/stdout (before Textual starts); half-blocks on any doubt."""
    if wanted == "off":
        return Choice("off")
    tmux = bool(env.get("TMUX"))
    try:
        import termios
        import tty

        fd_in, fd_out = sys.stdin.fileno(), sys.stdout.fileno()
        if not (os.isatty(fd_in) and os.isatty(fd_out)):
            return Choice("off", half_blocks(wanted, "not a terminal"), tmux)
        # In tmux without passthrough kitty's query would be dropped: not asked (no wait for it).
        option = _tmux("show", "-gv", "allow-passthrough") if tmux else None
        passthrough = None if option is None else option in ("on", "all")
        ask_kitty = wanted != "sixel" and passthrough is not False
        kitty_query = f"{ESC}_Gi={QUERY_ID},s=1,v=1,a=q,t=d,f=24;AAAA{ST}" if ask_kitty else ""
        question = (tmux_wrap(kitty_query) if tmux and ask_kitty else kitty_query) + f"{ESC}[16t{ESC}[c"
        saved = termios.tcgetattr(fd_in)
        answers = ""
        try:
            tty.setcbreak(fd_in, termios.TCSANOW)
            new = termios.tcgetattr(fd_in)
            new[3] &= ~termios.ECHO
            termios.tcsetattr(fd_in, termios.TCSANOW, new)
            os.write(fd_out, question.encode())
            deadline = time.monotonic() + timeout
            while (left := deadline - time.monotonic()) > 0:
                ready, _, _ = select.select([fd_in], [], [], left)
                if not ready:
                    break
                answers += os.read(fd_in, 4096).decode("latin-1")
                # Outside tmux the terminal answers in order: the attributes come last. In tmux, tmux
                # answers those itself and kitty's answer comes later from outside, if at all.
                if _DA1.search(answers) and (_KITTY_ANSWER.search(answers) or not tmux or not ask_kitty):
                    break
        finally:
            # An answer that came after the wait would be typed into the chat box: drop what is there
            # (one later still cannot be told from typing; see the docs).
            termios.tcsetattr(fd_in, termios.TCSAFLUSH, saved)
    except (OSError, ValueError, ImportError) as exc:
        return Choice("off", half_blocks(wanted, str(exc) or type(exc).__name__), tmux)
    choice = decide(wanted, answers, tmux=tmux, passthrough=passthrough)
    if tmux and choice.mode == "kitty":
        return replace(choice, origin=_tmux_origin(env))
    return choice
