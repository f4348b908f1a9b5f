"""The headless command line: the whole job without a full-screen terminal (scripts, CI, plain SSH).

Every command drives the same SessionController as the TUI. Replies go to stdout, progress and errors
to stderr (each error once); `--json` prints exactly one machine-readable object on stdout instead,
whatever happened. What can be checked on this machine (files, the export folder) is checked before
connecting, so bad input costs nothing and never depends on the network.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TextIO

from nemo_tui.core import intents
from nemo_tui.core.backend import backend_key
from nemo_tui.core.controller import SessionController, Timings
from nemo_tui.core.errors import BadInput, NemoError
from nemo_tui.core.export_job import check_destination
from nemo_tui.core.history import HISTORY_FILE, History, SessionRecord
from nemo_tui.core.notices import notice_for
from nemo_tui.core.settings import Settings
from nemo_tui.core.updates import ErrorShown, ExportFinished, MessageAdded, Progress, StatusChanged, Update
from nemo_tui.core.uploads import check_file
from nemo_tui.local_backend import open_backend

# Documented exit codes (README): by the class name of the error that ended the run.
EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_AUTH, EXIT_CREDITS, EXIT_NETWORK, EXIT_RENDER = 0, 1, 2, 3, 4, 5, 6
_EXIT_BY_KIND = {
    "UnsupportedFileType": EXIT_BAD_INPUT,
    "FileTooLarge": EXIT_BAD_INPUT,
    "RequestTooLarge": EXIT_BAD_INPUT,
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
    "ServerStorageFull": EXIT_NETWORK,
    "ModelUnavailable": EXIT_NETWORK,
    "RecoveryFailed": EXIT_NETWORK,
    "RenderFailed": EXIT_RENDER,
}

ClientFactory = Callable[..., Any]  # SessionController's client_factory (tests inject faults with it)
Steps = Callable[[SessionController], Awaitable[None]]


class Printer:
    """Subscribes to the controller and writes what a person at a plain terminal should see."""

    def __init__(self, as_json: bool, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.as_json = as_json
        self.out, self.err = out or sys.stdout, err or sys.stderr  # looked up now, not at import
        self.replies: list[str] = []
        self.costs: list[str] = []  # what each reply cost, as said under it
        self.errors: list[ErrorShown] = []
        self.exported: ExportFinished | None = None
        self._bar_open = False
        self._tty = self.err.isatty()

    def __call__(self, update: Update) -> None:
        match update:
            case MessageAdded(replay=True):
                pass  # the earlier transcript: this invocation prints only what it produced
            case MessageAdded(role="assistant" | "system", text=text):
                self.replies.append(text)
                if not self.as_json:
                    self._end_bar()
                    print(text, file=self.out, flush=True)
            case MessageAdded(role="credits", text=text):
                self.costs.append(text)
                if not self.as_json:
                    self._end_bar()
                    print(f"· {text}", file=self.out, flush=True)
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


def _result(ctl: SessionController | None, printer: Printer) -> dict[str, Any]:
    """The `--json` object; with no controller (refused before connecting) the session fields are null."""
    ws = ctl.workspace if ctl else None
    credits = ws.credits if ws else None
    return {
        "ok": not printer.errors,
        "exit_code": printer.exit_code(),
        "session_id": ctl.session_id if ctl else None,
        "task_id": ctl.task_id if ctl else None,
        "replies": printer.replies,
        "costs": printer.costs,
        "timeline": ws.summary if ws else None,
        "tracks": ws.timeline.as_plain() if ws else [],
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


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2), flush=True)


def _refuse(printer: Printer, exc: NemoError) -> int:
    """Bad input found before connecting: the error once on stderr, and the JSON object if asked."""
    printer(notice_for(exc))
    if printer.as_json:
        _print_json(_result(None, printer))
    return printer.exit_code()


async def _in_session(
    settings: Settings,
    printer: Printer,
    steps: Steps,
    *,
    session_id: str | None,
    resume: bool,
    client_factory: ClientFactory | None,
) -> dict[str, Any]:
    """Connect, run `steps`, close; every NemoError becomes one ErrorShown. Returns the result."""
    # One command, then exit: no balance refreshed in the background (the turn says what it cost).
    timings = Timings(credits_poll_s=0)
    ctl = SessionController(
        settings, timings=timings, client_factory=client_factory, backend_factory=open_backend
    )
    ctl.subscribe(printer)
    try:
        try:
            await ctl.connect(session_id=session_id, resume=resume, must_exist=session_id is not None)
        except NemoError:
            pass  # connect has shown it already
        else:
            try:
                await steps(ctl)
            except NemoError as exc:  # e.g. a render or save failure from export()
                ctl.report(exc)
        return _result(ctl, printer)
    finally:
        await ctl.close()


def _check_uploads(paths: list[Path]) -> None:
    for path in paths:
        check_file(Path(path).expanduser())  # missing, wrong type, too large: BadInput and friends


async def run(
    settings: Settings,
    message: str | None,
    uploads: list[Path],
    export: Path | None,
    session_id: str | None,
    as_json: bool,
    *,
    client_factory: ClientFactory | None = None,
) -> int:
    """`nemo-tui run`: optional uploads, one message, optional export, in the last (or given) session."""
    printer = Printer(as_json)
    intent = intents.route(message) if message else None
    try:
        if not message and not uploads and not export:
            raise BadInput("Give a message, --upload FILE or --export OUT.mp4.")
        _check_uploads(uploads)
        if intent is not None and intent.action is intents.Action.UPLOAD:
            if not intent.paths and not uploads:
                raise BadInput(
                    f"Which file? {message!r} needs the file to upload.",
                    action='Name it: nemo-tui run --upload FILE, or nemo-tui run "upload FILE".',
                )
            _check_uploads(intent.paths)
        if export is not None:
            check_destination(export.expanduser())
    except NemoError as exc:
        return _refuse(printer, exc)
    # "upload" with --upload, or "export" with --export, is that step: do it once, not twice.
    skip_message = intent is not None and (
        (intent.action is intents.Action.UPLOAD and not intent.paths and bool(uploads))
        or (intent.action is intents.Action.EXPORT and export is not None)
    )

    async def steps(ctl: SessionController) -> None:
        if uploads:
            await ctl.send("", files=uploads)
        if message and not skip_message and not printer.errors:
            await ctl.send(message)
        if export and not printer.errors:
            await ctl.export(export)

    result = await _in_session(
        settings, printer, steps, session_id=session_id, resume=True, client_factory=client_factory
    )
    if as_json:
        _print_json(result)
    return printer.exit_code()


async def generate(
    settings: Settings,
    script: Path,
    out: Path,
    aspect: str | None,
    duration: int,
    media: list[Path],
    as_json: bool,
    *,
    client_factory: ClientFactory | None = None,
) -> int:
    """`nemo-tui generate`: a script (and media) to a finished MP4 in a new session."""
    printer = Printer(as_json)
    try:
        if not script.is_file():
            raise BadInput(f"No such script file: {script}")
        text = script.read_text(encoding="utf-8").strip()
        if not text:
            raise BadInput(f"The script {script} is empty.")
        _check_uploads(media)
        check_destination(out.expanduser())
    except UnicodeDecodeError:
        return _refuse(printer, BadInput(f"The script {script} is not UTF-8 text."))
    except OSError as exc:
        return _refuse(printer, BadInput(f"Cannot read the script {script}: {exc.strerror}"))
    except NemoError as exc:
        return _refuse(printer, exc)

    async def steps(ctl: SessionController) -> None:
        if media:
            await ctl.send("", files=media)
        shape = f" in {aspect}" if aspect else ""
        if not printer.errors:
            await ctl.send(f"generate a {duration}-second promo video{shape} from this text script: {text}")
        if not printer.errors:
            await ctl.export(out)

    result = await _in_session(
        settings, printer, steps, session_id=None, resume=False, client_factory=client_factory
    )
    if as_json:
        _print_json(result)
    return printer.exit_code()


def _local_sessions(settings: Settings) -> list[SessionRecord]:
    """The sessions kept on this machine for the configured backend: no backend needed."""
    path = settings.data_dir / HISTORY_FILE
    if not path.is_file():
        return []
    history = History(path, backend_key(settings.api_url))
    try:
        return history.sessions()
    finally:
        history.close()


async def info(
    settings: Settings,
    what: str,
    session_id: str | None,
    as_json: bool,
    *,
    client_factory: ClientFactory | None = None,
) -> int:
    """`nemo-tui credits` / `status` / `sessions`."""
    if what == "sessions":
        records = _local_sessions(settings)
        if as_json:
            fields = ("session_id", "task_id", "title", "last_used")
            _print_json([{f: getattr(r, f) for f in fields} for r in records])
        else:
            lines = [f"{r.session_id}  {r.title or '(no messages)'}" for r in records]
            print("\n".join(lines) or "No sessions.")
        return EXIT_OK

    printer = Printer(True)  # prints no replies (the answer is printed below); errors go to stderr
    answer: dict[str, Any] = {}

    async def steps(ctl: SessionController) -> None:
        if what == "credits":
            c = await ctl.refresh_credits()
            answer["data"] = {"available": c.available, "frozen": c.frozen, "total": c.total} if c else None
            answer["text"] = (
                f"Credits: {c.available} available, {c.frozen} frozen, {c.total} total"
                if c
                else "Credits: unknown (the server did not say)"
            )
        else:
            await ctl.refresh_state()
            answer["data"] = {
                "session_id": ctl.session_id,
                "timeline": ctl.workspace.summary,
                "backend": ctl.workspace.status.backend,
            }
            backend, summary = ctl.workspace.status.backend, ctl.workspace.summary
            answer["text"] = f"Session {ctl.session_id} on {backend}\n{summary}"

    result = await _in_session(
        settings, printer, steps, session_id=session_id, resume=True, client_factory=client_factory
    )
    if printer.errors:
        if as_json:
            _print_json(result)
    elif as_json:
        _print_json(answer["data"])
    else:
        print(answer["text"])
    return printer.exit_code()
