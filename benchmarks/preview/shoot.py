"""A terminal capture with its colours (`tmux capture-pane -e -p`) as a PNG, through Rich's HTML export
and Debian's headless Chromium: `python benchmarks/preview/shoot.py capture.ans out.png COLS ROWS`."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.terminal_theme import MONOKAI, TerminalTheme
from rich.text import Text

CELL_W, CELL_H = 8.43, 16  # pixels of one terminal cell in the picture (DejaVu Sans Mono at 14 px)
# The terminal's default colours (cells tmux leaves unstyled): a dark terminal's, as in tmux's default.
_ANSI = [MONOKAI.ansi_colors[i] for i in range(16)]
DARK = TerminalTheme(
    (18, 18, 18), (224, 224, 224), [tuple(c) for c in _ANSI[:8]], [tuple(c) for c in _ANSI[8:]]
)


def to_html(ansi: str, cols: int) -> str:
    console = Console(record=True, width=cols, color_system="truecolor", file=io.StringIO())
    for line in ansi.splitlines():
        console.print(Text.from_ansi(line), no_wrap=True, overflow="crop", end="\n")
    page = console.export_html(inline_styles=True, code_format=_PAGE, theme=DARK)
    return page


_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body {{ margin: 0; background: #121212; }}
pre {{ margin: 0; font-family: 'DejaVu Sans Mono', monospace; font-size: 14px; line-height: 16px;
      color: #e0e0e0; background: #121212; }}
</style></head><body><pre><code>{code}</code></pre></body></html>"""


def shoot(ansi_path: Path, png: Path, cols: int, rows: int) -> None:
    html = to_html(ansi_path.read_text(encoding="utf-8"), cols)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "capture.html"
        page.write_text(html, encoding="utf-8")
        size = f"{round(cols * CELL_W)},{rows * CELL_H}"
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--window-size={size}", f"--screenshot={png.resolve()}", page.as_uri()],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip


if __name__ == "__main__":
    shoot(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
