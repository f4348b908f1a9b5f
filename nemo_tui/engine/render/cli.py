"""`nemo-tui render DRAFT.json -o OUT.mp4 [--media DIR] [--preview]`.

Also `python -m nemo_tui.engine.render …`.

Exit codes: 0 rendered, 2 a bad draft (or an unreadable draft file), 6 the render failed, 130 interrupted
(Ctrl+C or SIGTERM: ffmpeg is stopped and nothing half-written is left).
A progress bar goes to stderr when it is a terminal; the output path is printed on stdout when done.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from .errors import DraftError, RenderError
from .render import render_draft

# The same codes as the headless commands (README): 6 is a render failure.
EXIT_OK, EXIT_RENDER_FAILED, EXIT_BAD_DRAFT, EXIT_INTERRUPTED = 0, 6, 2, 130


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("draft", type=Path, metavar="DRAFT.json", help="the draft (timeline JSON) to render")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.mp4")
    parser.add_argument(
        "--media",
        type=Path,
        metavar="DIR",
        help="folder searched for media: media:<id> is the file named <id>.*, gen:<kind>:<name> is "
        "<kind>/<name>.* or <kind>-<name>.* (default: the draft's folder)",
    )
    parser.add_argument("--preview", action="store_true", help="a fast low-resolution render")


def media_resolver(folder: Path) -> Callable[[str], Path]:
    """`resolve(src)` over the files under `folder`; raises KeyError for a source with no file."""
    index: dict[str, list[Path]] = {}

    def files() -> dict[str, list[Path]]:
        if not index:
            for path in sorted(folder.rglob("*")):
                hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
                if path.is_file() and not hidden:
                    index.setdefault(path.stem, []).append(path)
        return index

    def resolve(src: str) -> Path:
        scheme, _, rest = src.partition(":")
        if scheme == "media":
            found = files().get(rest, [])
        elif scheme == "gen":
            kind, _, name = rest.partition(":")
            found = [p for p in files().get(name, []) if p.parent.name == kind] + files().get(
                f"{kind}-{name}", []
            )
        else:
            found = []
        if not found:
            raise KeyError(src)
        return found[0]

    return resolve


class ProgressBar:
    """`[#######-------]  52.3%` redrawn in place on a terminal."""

    def __init__(self, stream: TextIO, width: int = 30):
        self.stream, self.width = stream, width

    def __call__(self, percent: float) -> None:
        done = round(self.width * percent / 100)
        self.stream.write(f"\rrendering [{'#' * done}{'-' * (self.width - done)}] {percent:5.1f}%")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def run(args: argparse.Namespace) -> int:
    try:
        draft = json.loads(Path(args.draft).read_text(encoding="utf-8"))
    except OSError as exc:
        print(f"error: cannot read {args.draft}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_DRAFT
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        print(f"error: {args.draft} is not valid JSON: {exc}", file=sys.stderr)
        return EXIT_BAD_DRAFT
    resolve = media_resolver(Path(args.media) if args.media else Path(args.draft).resolve().parent)
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` cleans up like Ctrl+C
    try:
        asyncio.run(
            render_draft(draft, Path(args.output), resolve=resolve, preview=args.preview, progress=bar)
        )
    except DraftError as exc:
        print(f"error: the draft cannot be rendered:\n{exc}", file=sys.stderr)
        return EXIT_BAD_DRAFT
    except RenderError as exc:
        print(f"error: the render failed: {exc}", file=sys.stderr)
        return EXIT_RENDER_FAILED
    except KeyboardInterrupt:
        print("\ninterrupted; no file written", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if bar is not None:
            bar.close()
    print(args.output)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m nemo_tui.engine.render", description="Render a draft to MP4."
    )
    add_arguments(parser)
    return run(parser.parse_args(argv))
