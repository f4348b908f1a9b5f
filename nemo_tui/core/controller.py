"""SessionController: the one session layer under every front end (TUI, Jupyter widget, headless CLI).

It owns the backend, the client, the current session and the running turn; it turns wire events and
errors into `updates` that front ends render, and keeps the transcript in `History`. Front ends call
its methods and subscribe to its updates; they hold no protocol logic. The connection, the session,
the state and the updates are `session_link.SessionLink`'s (this class extends it); here is what the
person does: a message routed (`send`), a chat turn, an upload, an export. The steps of one chat turn
(stream, settle, recover, follow the second stage) are in `chat_turn.py`.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterable
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

from . import intents
from .chat_turn import ChatTurn
from .draft import Draft
from .errors import BadInput, NemoError
from .events import Event
from .export_job import CLOUD_TIMINGS, LOCAL_TIMINGS, check_destination, run_export
from .previews import LocalPreview, fetch_preview
from .session_link import SessionLink, plain_json
from .timings import Timings as Timings  # imported from here by front ends and tests
from .updates import ErrorShown, ExportFinished, Progress, StatusChanged


class SessionController(SessionLink):
    """What the person does in a session: `send` (routed), `chat`, `upload`, `export`; a chat turn's host."""

    # -- what the person types -----------------------------------------------------------------
    async def send(self, text: str, files: list[Path] | None = None) -> None:
        """Route a message (docs/protocol.md, "What a person types") and run it; errors become ErrorShown."""
        intent = intents.route(text, files)
        try:
            match intent.action:
                case intents.Action.EXPORT:
                    await self.export()
                case intents.Action.CREDITS:
                    credits = await self.refresh_credits()
                    self._system(
                        "The server did not say how many credits are left."
                        if credits is None
                        else f"Credits: {credits.available} available, {credits.frozen} frozen, "
                        f"{credits.total} in total."
                    )
                case intents.Action.STATE:
                    await self.refresh_state()
                    self._system(self.workspace.summary)
                case intents.Action.UPLOAD:
                    if not intent.paths:
                        raise BadInput(
                            "Which file? Name the file to upload after the word, "
                            "e.g. upload ~/clips/intro.mp4"
                        )
                    else:
                        await self.upload(intent.paths)
                case intents.Action.CHAT:
                    await self.chat(intent.text)
        except NemoError as exc:
            self._error(exc)

    # -- chat turns (the controller is their TurnHost) ------------------------------------------
    def open_turn(self, session_id: str, text: str) -> AbstractAsyncContextManager[AsyncIterable[Event]]:
        return self._api.turn(session_id, text)

    def explain(self, err: NemoError) -> NemoError:
        explain = getattr(self.client, "explain", None)  # none without a client
        return explain(err) if explain else err

    async def chat(self, text: str) -> None:
        if self._turn_lock.locked():
            self.emit(
                ErrorShown("A reply is still on its way: wait for it before sending more.", None, "Busy")
            )
            return
        async with self._turn_lock:
            sid = self._sid()
            if self._history:
                self._history.set_title(sid, text)
            self.say("user", text)
            self.emit(StatusChanged(activity="thinking"))
            try:
                local = self.backend is not None and self.backend.on_this_machine
                await ChatTurn(self, sid, text, self.timings.for_turn(on_this_machine=local)).run()
            finally:  # idle only once the state, the second stage and the credits are in
                self.emit(StatusChanged(activity="idle"))

    # -- uploads and exports -------------------------------------------------------------------
    async def preview(self, width: int = 320) -> LocalPreview:
        """The current draft's look-ahead preview, saved on this machine (raises; never emits: a front
        end decides whether a missing preview is worth a word)."""
        folder = self.settings.data_dir / "previews"
        return await fetch_preview(self._api, self._sid(), width, folder)

    async def upload(self, paths: list[Path]) -> list[dict[str, Any]]:
        sid = self._sid()
        self.baseline_now()
        self.emit(StatusChanged(activity="uploading"))
        try:

            def on_bytes(done: int, total: int | None) -> None:
                self.emit(Progress("upload", float(done), float(total) if total else None, "Uploading"))

            result = await self._api.upload(sid, [Path(p) for p in paths], progress=on_bytes)
        finally:
            self.emit(StatusChanged(activity="idle"))
        files = [plain_json(f) for f in result.files]
        names = ", ".join(str(f.get("filename") or f.get("id")) for f in files)
        self._system(f"Uploaded {names}.")
        await self.refresh_state()
        return files

    async def export(self, dest: Path | None = None) -> Path | None:
        if self._export_lock.locked():
            self.emit(ErrorShown("An export is already running: one at a time.", None, "Busy"))
            return None
        async with self._export_lock:
            sid = self._sid()
            target = Path(dest).expanduser() if dest else Path.cwd()
            try:  # before anything is rendered: a bad path costs seconds, not a render
                check_destination(target)
            except BadInput as exc:
                self._error(exc)
                return None
            await self.refresh_state()
            draft = self._draft
            if draft is None or not Draft.from_wire(draft).is_ready():  # docs/protocol.md's readiness rule
                self.emit(
                    ErrorShown(
                        "Nothing to export yet.",
                        'Generate a video first, e.g. "generate a 30-second promo video from this script: …"',
                        "EmptyDraft",
                    )
                )
                return None
            timings = self.timings.export or (
                LOCAL_TIMINGS if self.backend and self.backend.on_this_machine else CLOUD_TIMINGS
            )
            if target.is_dir():
                target = target / f"nemo-{sid[-8:]}-{time.strftime('%Y%m%d-%H%M%S')}.mp4"
            self.emit(StatusChanged(activity="exporting"))
            try:
                job, path = await run_export(self._api, sid, draft, target, timings, self.emit)
            finally:
                self.emit(StatusChanged(activity="idle"))
            if self._history:
                self._history.add_export(sid, job.id, str(path), job.output_url)
            self.emit(ExportFinished(str(path), job.id, self.claim_link))
            self._system(
                f"Exported {path}"
                + (f"\nOpen the project online: {self.claim_link}" if self.claim_link else "")
            )
            return path
