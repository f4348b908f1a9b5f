"""Frames to half-block cells, on known pictures: the right colours in the right cells, aspect kept."""

from __future__ import annotations

import subprocess
from pathlib import Path

import imageio_ffmpeg
import numpy as np
from rich.segment import Segment
from textual.strip import Strip

from nemo_tui.tui.half_blocks import UPPER_HALF, fit, to_strips
from nemo_tui.tui.preview_frames import decode

RED, GREEN, BLUE, WHITE = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)


def cells(strip: Strip) -> list[tuple[str, tuple[int, int, int] | None, tuple[int, int, int] | None]]:
    """(character, top colour, bottom colour) of every cell of a line."""
    out = []
    for seg in strip:
        assert isinstance(seg, Segment)
        fg = seg.style.color.triplet if seg.style and seg.style.color else None
        bg = seg.style.bgcolor.triplet if seg.style and seg.style.bgcolor else None
        for ch in seg.text:
            out.append((ch, tuple(fg) if fg else None, tuple(bg) if bg else None))
    return out  # type: ignore[return-value]


def test_a_colour_card_lands_in_the_right_cells() -> None:
    # four vertical bars over a 2:1 picture (8x4 px): red, green, blue, white; the bottom row black
    card = np.zeros((4, 8, 3), np.uint8)
    for i, colour in enumerate((RED, GREEN, BLUE, WHITE)):
        card[:3, i * 2 : i * 2 + 2] = colour
    strips = to_strips(card, 8, 2)
    assert len(strips) == 2 and all(s.cell_length == 8 for s in strips)
    top, bottom = cells(strips[0]), cells(strips[1])
    assert [c[0] for c in top] == [UPPER_HALF] * 8
    assert [c[1] for c in top] == [RED, RED, GREEN, GREEN, BLUE, BLUE, WHITE, WHITE]  # pixel row 0
    assert [c[2] for c in top] == [c[1] for c in top]  # pixel row 1, the same bars
    assert [c[1] for c in bottom] == [c[1] for c in top]  # pixel row 2
    assert [c[2] for c in bottom] == [(0, 0, 0)] * 8  # pixel row 3, black


def test_top_and_bottom_pixels_are_foreground_and_background() -> None:
    pattern = np.zeros((2, 2, 3), np.uint8)
    pattern[0] = RED
    pattern[1] = BLUE
    (strip,) = to_strips(pattern, 2, 1)
    assert cells(strip) == [(UPPER_HALF, RED, BLUE)] * 2


def test_a_wide_picture_is_letterboxed_with_its_aspect_kept() -> None:
    frame = np.full((90, 160, 3), 200, np.uint8)  # 16:9
    assert fit(160, 90, 40, 20) == (40, 22)  # the width limits: 40 px by 22.5 → 22 px (11 rows)
    strips = to_strips(frame, 40, 20)
    picture_rows = [i for i, s in enumerate(strips) if UPPER_HALF in s.text]
    assert len(picture_rows) == 11 and picture_rows == list(range(4, 15))  # centred: 4 blank rows above
    tall = np.full((160, 90, 3), 200, np.uint8)  # 9:16 in the same box: the height limits
    assert fit(90, 160, 40, 20) == (22, 40)
    strip = to_strips(tall, 40, 20)[10]
    assert strip.text == " " * 9 + UPPER_HALF * 22 + " " * 9  # pillarboxed in the middle


def test_a_test_pattern_keeps_its_quadrants_after_scaling() -> None:
    # 64x32 px: left half yellow/right half cyan on top, magenta/white below; into 16x4 cells
    yellow, cyan, magenta = (255, 255, 0), (0, 255, 255), (255, 0, 255)
    frame = np.zeros((32, 64, 3), np.uint8)
    frame[:16, :32], frame[:16, 32:], frame[16:, :32], frame[16:, 32:] = yellow, cyan, magenta, WHITE
    strips = to_strips(frame, 16, 4)
    assert cells(strips[0])[0][1:] == (yellow, yellow) and cells(strips[0])[-1][1:] == (cyan, cyan)
    assert cells(strips[3])[0][1:] == (magenta, magenta) and cells(strips[3])[-1][1:] == (WHITE, WHITE)


def test_frames_are_decoded_once_in_one_pass(tmp_path: Path) -> None:
    video = tmp_path / "bars.mp4"
    graph = "color=red:size=320x180:rate=12:duration=1[a];color=blue:size=320x180:rate=12:duration=1[b];"
    graph += "[a][b]concat=n=2"
    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-filter_complex", graph,
           "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(video)]  # fmt: skip
    subprocess.run(cmd, check=True, timeout=60)
    frames = decode(video, "bars")
    assert frames.count == 24 and frames.pixels.shape[1:] == (90, 160, 3) and frames.fps == 12
    red, blue = frames.at(0.5)[45, 80], frames.at(1.5)[45, 80]
    assert red[0] > 200 and red[2] < 60 and blue[2] > 200 and blue[0] < 60
    assert decode(video, "bars") is frames  # cached by key
