"""The opt-in graphics preview (kitty, sixel): the escapes decode back to the frame's pixels, tmux's
passthrough wraps them, the probe's answers pick a mode or half-blocks with the reason, the picture
places, moves and deletes its image, and the default start-up imports none of it."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
import zlib

import numpy as np
import pytest
from rich.style import Style

from nemo_tui.core.controller import SessionController
from nemo_tui.tui.graphics import (
    CHUNK,
    Choice,
    decide,
    kitty_delete,
    kitty_image,
    requested,
    sixel_image,
    tmux_wrap,
)

from .conftest import QuietApp, until, with_video

ESC = "\x1b"
APC = re.compile(r"\x1b_G([^;\x1b]*)(?:;([^\x1b]*))?\x1b\\")


def small_frame() -> np.ndarray:
    """12×8 pixels: four blocks of flat colour and a gradient row (every pixel known)."""
    frame = np.zeros((8, 12, 3), np.uint8)
    frame[:4, :6] = (255, 0, 0)
    frame[:4, 6:] = (0, 255, 0)
    frame[4:, :6] = (0, 0, 255)
    frame[4:, 6:] = (255, 255, 255)
    frame[7, :, 0] = np.arange(12) * 20
    return frame


def untmux(text: str) -> str:
    """What tmux hands the terminal outside: each `ESC P tmux; … ESC \\` unwrapped, ESCs undoubled."""
    out, pos = [], 0
    for match in re.finditer(r"\x1bPtmux;((?:\x1b\x1b|[^\x1b])*)\x1b\\", text):
        assert match.start() == pos, "something outside a passthrough"
        out.append(match.group(1).replace(ESC + ESC, ESC))
        pos = match.end()
    assert pos == len(text)
    return "".join(out)


def kitty_decode(escapes: str) -> tuple[dict[str, str], np.ndarray]:
    """The keys of the first chunk and the pixels of the whole (chunked, zlib, base64) transmission."""
    found = APC.findall(escapes)
    assert found and "".join(f"{ESC}_G{k};{p}{ESC}\\" for k, p in found) == escapes
    keys = dict(kv.split("=") for kv in found[0][0].split(","))
    assert [dict(kv.split("=") for kv in k.split(","))["m"] for k, _ in found] == ["1"] * (len(found) - 1) + [
        "0"
    ]
    assert all(len(p) <= CHUNK for _, p in found)
    raw = zlib.decompress(base64.standard_b64decode("".join(p for _, p in found)))
    pixels = np.frombuffer(raw, np.uint8).reshape(int(keys["v"]), int(keys["s"]), 3)
    return keys, pixels


def test_kitty_image_decodes_back_to_the_frame_in_4096_byte_chunks() -> None:
    frame = small_frame()
    keys, pixels = kitty_decode(kitty_image(frame, 4200, 6, 2))
    assert np.array_equal(pixels, frame)
    assert keys["a"] == "T" and keys["f"] == "24" and keys["o"] == "z" and keys["i"] == "4200"
    assert (keys["c"], keys["r"], keys["C"], keys["q"]) == ("6", "2", "1", "2")
    assert int(keys["z"]) < -1_073_741_824  # under cells that have a background of their own

    noisy = np.random.default_rng(1).integers(0, 256, (90, 160, 3)).astype(np.uint8)
    escapes = kitty_image(noisy, 7, 60, 17)
    assert len(APC.findall(escapes)) > 10  # chunked: 43 KB of noise does not compress
    assert np.array_equal(kitty_decode(escapes)[1], noisy)


def test_kitty_escapes_are_wrapped_for_tmux_with_every_esc_doubled() -> None:
    frame = small_frame()
    plain, wrapped = kitty_image(frame, 4200, 6, 2), kitty_image(frame, 4200, 6, 2, tmux=True)
    assert wrapped.startswith(f"{ESC}Ptmux;{ESC}{ESC}_G") and wrapped.endswith(f"{ESC}{ESC}\\{ESC}\\")
    assert untmux(wrapped) == plain
    assert untmux(kitty_delete(4200, tmux=True)) == kitty_delete(4200) == f"{ESC}_Ga=d,d=I,i=4200,q=2{ESC}\\"
    assert tmux_wrap(f"{ESC}[c") == f"{ESC}Ptmux;{ESC}{ESC}[c{ESC}\\"
    # Placed at a cell: the cursor moves (inside the passthrough in tmux, offset by the pane) and is put back.
    image = kitty_image(frame, 1, 6, 2, tmux=True)
    placed = Choice("kitty", tmux=True, origin=(40, 1)).place(3, 5, image)
    assert untmux(placed) == f"{ESC}7{ESC}[7;44H" + plain.replace("i=4200", "i=1") + f"{ESC}8"


def sixel_decode(escape: str) -> np.ndarray:
    """A small sixel decoder (raster attributes, RGB colour registers in %, repeats, bands)."""
    match = re.fullmatch(r'\x1bP0;1;0q"1;1;(\d+);(\d+)(.*)\x1b\\', escape, re.S)
    assert match
    width, height, body = int(match.group(1)), int(match.group(2)), match.group(3)
    image = np.full((height, width, 3), -1, np.int32)
    colours: dict[int, tuple[int, int, int]] = {}
    x = band = 0
    colour = (0, 0, 0)
    for token in re.finditer(r"#(\d+);2;(\d+);(\d+);(\d+)|#(\d+)|!(\d+)(.)|([?-~])|(\$)|(-)", body):
        define, select, count, repeated, char, cr, nl = token.group(1), *token.groups()[4:]
        if define:
            colours[int(define)] = tuple(round(int(v) * 255 / 100) for v in token.groups()[1:4])  # type: ignore[assignment]
        elif select:
            colour = colours[int(select)]
        elif count or char:
            n, c = (int(count), repeated) if count else (1, char)
            bits = ord(c) - 63
            for dy in range(6):
                if bits >> dy & 1 and band * 6 + dy < height:
                    image[band * 6 + dy, x : x + n] = colour
            x += n
        elif cr:
            x = 0
        elif nl:
            x, band = 0, band + 1
    assert (image >= 0).all(), "a pixel was never drawn"
    return image


def test_sixel_image_decodes_back_to_the_frame() -> None:
    frame = small_frame()
    decoded = sixel_decode(sixel_image(frame, 12, 8))
    assert decoded.shape == frame.shape
    assert np.abs(decoded - frame.astype(np.int32)).max() <= 3  # registers are in percent
    bigger = sixel_decode(sixel_image(frame, 24, 16))  # scaled to the cells' pixels
    assert bigger.shape == (16, 24, 3) and np.abs(bigger[2, 2] - [255, 0, 0]).max() <= 3


@pytest.mark.parametrize(
    ("wanted", "answers", "tmux", "passthrough", "mode", "why"),
    [
        (
            "kitty",
            f"{ESC}_Gi=31;OK{ESC}\\{ESC}[6;20;10t{ESC}[?62;22c",
            False,
            None,
            "kitty",
            "kitty graphics",
        ),
        ("kitty", f"{ESC}[?1;2c", False, None, "off", "did not answer kitty's graphics query"),
        (
            "kitty",
            f"{ESC}[?1;2c",
            True,
            False,
            "off",
            "do not pass through this tmux (set -g allow-passthrough on)",
        ),
        ("auto", "", False, None, "off", "did not answer within"),
        ("auto", f"{ESC}[6;20;10t{ESC}[?62;4;22c", False, None, "sixel", "sixel graphics"),
        ("sixel", f"{ESC}[6;20;10t{ESC}[?62;22c", False, None, "off", "reports no sixel"),
        ("sixel", f"{ESC}[?62;4c", False, None, "off", "cell size"),
        ("kitty", f"{ESC}_Gi=31;ENOTSUPPORTED:no{ESC}\\{ESC}[?62;4c", False, None, "off", "kitty"),
    ],
)
def test_the_probe_answers_pick_a_mode_or_half_blocks_with_the_reason(
    wanted: str, answers: str, tmux: bool, passthrough: bool | None, mode: str, why: str
) -> None:
    choice = decide(wanted, answers, tmux=tmux, passthrough=passthrough)
    assert choice.mode == mode and why in choice.note
    if mode == "sixel":
        assert choice.cell_px == (10, 20)


def test_the_flag_wins_over_the_variable_and_a_bad_value_is_half_blocks() -> None:
    assert requested(None, {}) == ("off", "")
    assert requested(None, {"NEMO_TUI_GRAPHICS": "Kitty"}) == ("kitty", "")
    assert requested("sixel", {"NEMO_TUI_GRAPHICS": "kitty"}) == ("sixel", "")
    mode, complaint = requested(None, {"NEMO_TUI_GRAPHICS": "iterm"})
    assert mode == "off" and "NEMO_TUI_GRAPHICS='iterm'" in complaint


def test_the_default_start_up_imports_nothing_for_graphics() -> None:
    code = (
        "import sys; from nemo_tui import cli; from nemo_tui.tui import app;"
        "from nemo_tui.core.settings import Settings; from nemo_tui.core.controller import SessionController;"
        "app.NemoApp(SessionController(Settings.from_env()));"
        "print('nemo_tui.tui.graphics' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


async def test_the_picture_places_its_image_moves_it_and_deletes_it(ctl: SessionController) -> None:
    app = QuietApp(ctl, graphics=Choice("kitty", "Preview: kitty graphics"))
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await with_video(app, ctl)
        frames = pane.frames
        assert frames is not None
        picture = pane.picture
        await until(lambda: picture.images >= 1)
        assert "Preview: kitty graphics" in {e.summary for e in app.workspace.events.entries}

        # The image is the frame itself (the terminal scales it to the box), at the box's cell (the
        # layout settles first: the filmstrip takes its height after the first picture).
        def where() -> str:
            left, top, _, _ = picture.image_box or (0, 0, 0, 0)
            region = app.screen.find_widget(picture).region
            return f"{ESC}7{ESC}[{region.y + top + 1};{region.x + left + 1}H"

        await until(lambda: picture.last_escape.startswith(where()), timeout=3)
        move = where()
        region = app.screen.find_widget(picture).region
        left, top, cols, rows = picture.image_box or (0, 0, 0, 0)
        keys, pixels = kitty_decode(picture.last_escape[len(move) : picture.last_escape.rindex(f"{ESC}8")])
        assert np.array_equal(pixels, frames.at(pane.t)) and (keys["c"], keys["r"]) == (str(cols), str(rows))
        # The box's cells are blank in the terminal's own colours (the image shows through them only).
        line = picture.render_line(top + 1)
        box = [s for s in line if s.style is None or s.style == Style()]
        assert sum(len(s.text) for s in box) == cols and all(set(s.text) == {" "} for s in line)
        # ... also on the screen Textual writes (its theme filter would give them the theme's colour)
        row = app.screen._compositor.render_strips()[region.y + top + 1]
        cells = [(ch, seg.style) for seg in row for ch in seg.text]
        inside = cells[region.x + left : region.x + left + cols]
        assert all(ch == " " and (style is None or style.bgcolor is None) for ch, style in inside)
        outside = cells[region.x + left - 1][1]
        assert outside is not None and outside.bgcolor is not None  # the letterbox: the pane's colour

        await pilot.press("ctrl+o")  # focus, then steps: each a new image, the one before deleted after it
        for _ in range(3):
            before = picture.images
            await pilot.press("right")
            await until(lambda n=before: picture.images > n)
        escape = picture.last_escape
        keys2 = kitty_decode(escape[len(move) : escape.rindex(f"{ESC}8")])[0]
        deleted = re.findall(r"\x1b_Ga=d,d=I,i=(\d+),q=2", escape)
        assert len(deleted) == 1 and deleted[0] != keys2["i"] and escape.index("a=d") > escape.index("a=T")
        assert np.array_equal(
            kitty_decode(escape[len(move) : escape.rindex(f"{ESC}8")])[1], frames.at(pane.t)
        )

        app.workspace.show_preview = False  # hidden: the image goes
        await until(lambda: picture.last_escape == kitty_delete(int(keys2["i"])), timeout=3)
        app.workspace.show_preview = True
        await until(lambda: picture.last_escape.startswith(f"{ESC}7"), timeout=3)
        await pilot.press("f1")  # another screen on top: the image goes, and comes back after
        await until(lambda: picture.last_escape.startswith(f"{ESC}_Ga=d"), timeout=3)
        await pilot.press("f1")
        await until(lambda: picture.last_escape.startswith(f"{ESC}7"), timeout=3)


async def test_without_graphics_the_picture_is_half_blocks_and_no_escapes(ctl: SessionController) -> None:
    app = QuietApp(ctl)
    async with app.run_test(size=(160, 45)):
        pane = await with_video(app, ctl)
        await until(lambda: pane.picture.draws >= 1)
        assert pane.picture.images == 0 and pane.picture.last_escape == "" and pane.picture.image_box is None
        assert any("▀" in s.text for s in pane.picture.render_line(10))
