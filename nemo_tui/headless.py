"""The headless command line: the whole job without a full-screen terminal (scripts, CI, plain SSH).

Every command drives the same SessionController as the TUI. Replies go to stdout, progress and errors
to stderr; `--json` prints one machine-readable object on stdout instead.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from nemo_tui.core.controller import SessionController
from nemo_tui.core.settings import Settings
from nemo_tui.core.updates import ErrorShown, ExportFinished, MessageAdded, Progress, StatusChanged, Update

# Documented exit codes (README): by the class name of the error that ended the run.
EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_AUTH, EXIT_CREDITS, EXIT_NETWORK, EXIT_RENDER = 0, 1, 2, 3, 4, 5, 6
_EXIT_BY_KIND = {
    "UnsupportedFileType": EXIT_BAD_INPUT,
    "FileTooLarge": EXIT_BAD_INPUT,
    "BadInput": EXIT_BAD_INPUT,
    "EmptyDraft": EXIT_BAD_INPUT,
    "AuthError": EXIT_AUTH,
    "MissingClientId": EXIT_AUTH,
    "ExportBlocked": EXIT_AUTH,
    "InsufficientCredits": EXIT_CREDITS,
    "ConnectionFailed": EXIT_NETWORK,
    "StreamDropped": EXIT_NETWORK,
    "StreamTimeout": EXIT_NETWORK,
    "RateLimited": EXIT_NETWORK,
    "ServerError": EXIT_NETWORK,
    "RecoveryFailed": EXIT_NETWORK,
    "RenderFailed": EXIT_RENDER,
}


class Printer:
    """Subscribes to the controller and writes what a person at a plain terminal should see."""

    def __init__(self, as_json: bool, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> None:
        self.as_json, self.out, self.err = as_json, out, err
        self.replies: list[str] = []
        self.errors: list[ErrorShown] = []
        self.exported: ExportFinished | None = None
        self._bar_open = False
        self._tty = err.isatty()

    def __call__(self, update: Update) -> None:
        match update:
            case MessageAdded(role="assistant" | "system", text=text):
                self.replies.append(text)
                if not self.as_json:
                    self._end_bar()
                    print(text, file=self.out, flush=True)
            case ErrorShown():
                self.errors.append(update)
                self._end_bar()
                action = f"\n  → {update.action}" if update.action else ""
                print(f"error: {update.message}{action}", file=self.err, flush=True)
            case Progress() if self._tty:
                self._bar(update)
            case StatusChanged(note=note) if note and self._tty:
                self._end_bar()
                print(note, file=self.err, flush=True)
            case ExportFinished():
                self.exported = update

    def _bar(self, p: Progress) -> None:
        frac = p.fraction
        if frac is None:
            text = f"{p.label}: {p.done / 1e6:.1f} MB"
        else:
            filled = int(frac * 30)
            text = f"{p.label:<24} [{'#' * filled}{'.' * (30 - filled)}] {frac * 100:5.1f}%"
        self.err.write("\r" + text)
        self.err.flush()
        self._bar_open = True

    def _end_bar(self) -> None:
        if self._bar_open:
            self.err.write("\n")
            self._bar_open = False

    def exit_code(self) -> int:
        if not self.errors:
            return EXIT_OK
        return _EXIT_BY_KIND.get(self.errors[-1].kind, EXIT_FAILED)


def _result(ctl: SessionController, printer: Printer) -> dict[str, Any]:
    ws = ctl.workspace
    credits = ws.credits
    return {
        "ok": not printer.errors,
        "session_id": ctl.session_id,
        "task_id": ctl.task_id,
        "replies": printer.replies,
        "timeline": ws.summary,
        "tracks": ws.timeline.as_plain(),
        "credits": None
        if credits is None
        else {"available": credits.available, "frozen": credits.frozen, "total": credits.total},
        "export": None
        if printer.exported is None
        else {
            "path": printer.exported.path,
            "render_id": printer.exported.render_id,
            "claim_link": printer.exported.claim_link,
        },
        "errors": [{"kind": e.kind, "message": e.message, "action": e.action} for e in printer.errors],
    }


async def _session(
    settings: Settings,
    as_json: bool,
    session_id: str | None,
    resume: bool,
) -> tuple[SessionController, Printer]:
    ctl = SessionController(settings)
    printer = Printer(as_json)
    ctl.subscribe(printer)
    await ctl.connect(session_id=session_id, resume=resume)
    return ctl, printer


async def _finish(ctl: SessionController, printer: Printer, as_json: bool) -> int:
    result = _result(ctl, printer)
    await ctl.close()
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    return printer.exit_code()


def _check_files(paths: list[Path], printer: Printer) -> bool:
    missing = [str(p) for p in paths if not Path(p).is_file()]
    if missing:
        printer(ErrorShown(f"No such file: {', '.join(missing)}", None, "BadInput"))
    return not missing


async def run(
    settings: Settings,
    message: str | None,
    uploads: list[Path],
    export: Path | None,
    session_id: str | None,
    as_json: bool,
) -> int:
    """`nemo-tui run`: optional uploads, one message, optional export, in the last (or given) session."""
    ctl, printer = await _session(settings, as_json, session_id, resume=True)
    try:
        if uploads and _check_files(uploads, printer):
            await ctl.send("", files=uploads)
        if message and not printer.errors:
            await ctl.send(message)
        if export and not printer.errors:
            await ctl.export(export)
    finally:
        code = await _finish(ctl, printer, as_json)
    return code


async def generate(
    settings: Settings,
    script: Path,
    out: Path,
    aspect: str | None,
    duration: int,
    media: list[Path],
    as_json: bool,
) -> int:
    """`nemo-tui generate`: a script (and media) to a finished MP4 in a new session."""
    printer_check = Printer(as_json)
    if not script.is_file() or not _check_files(media, printer_check):
        if not script.is_file():
            printer_check(ErrorShown(f"No such script file: {script}", None, "BadInput"))
        return EXIT_BAD_INPUT
    text = script.read_text(encoding="utf-8").strip()
    if not text:
        printer_check(ErrorShown(f"The script {script} is empty.", None, "BadInput"))
        return EXIT_BAD_INPUT
    ctl, printer = await _session(settings, as_json, None, resume=False)
    try:
        if media:
            await ctl.send("", files=media)
        shape = f" in {aspect}" if aspect else ""
        if not printer.errors:
            await ctl.send(f"generate a {duration}-second promo video{shape} from this text script: {text}")
        if not printer.errors:
            await ctl.export(out)
    finally:
        code = await _finish(ctl, printer, as_json)
    return code


async def info(settings: Settings, what: str, session_id: str | None, as_json: bool) -> int:
    """`nemo-tui credits` / `status` / `sessions`."""
    ctl, printer = await _session(settings, True, session_id, resume=True)  # quiet: we print below
    try:
        if what == "credits":
            c = ctl.workspace.credits
            data: Any = {"available": c.available, "frozen": c.frozen, "total": c.total} if c else None
            text = f"Credits: {c.available} available, {c.frozen} frozen, {c.total} total" if c else "?"
        elif what == "status":
            await ctl.refresh_state()
            data = {
                "session_id": ctl.session_id,
                "timeline": ctl.workspace.summary,
                "backend": ctl.workspace.status.backend,
            }
            text = f"Session {ctl.session_id} on {ctl.workspace.status.backend}\n{ctl.workspace.summary}"
        else:
            records = ctl.sessions()
            data = [
                {"session_id": r.session_id, "task_id": r.task_id, "title": r.title, "last_used": r.last_used}
                for r in records
            ]
            text = (
                "\n".join(f"{r.session_id}  {r.title or '(no messages)'}" for r in records) or "No sessions."
            )
        print(json.dumps(data, ensure_ascii=False, indent=2) if as_json else text)
    finally:
        await ctl.close()
    return printer.exit_code()
