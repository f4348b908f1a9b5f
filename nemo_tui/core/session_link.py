"""SessionLink: what ties a `SessionController` to its backend, and what front ends see of it.

It holds the backend (from the `backend_factory` a front end hands in: core starts no engine itself,
see `backend.py`), the client, the current session and its history, the draft and state last shown,
and the updates emitted to front ends (`subscribe`, `emit`, errors as `ErrorShown`). It connects,
opens, creates and switches sessions and refreshes the state and the credits. What the person does
over it (send, chat, upload, export) is the controller's (`controller.py`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import timeline
from .backend import Backend, BackendFactory, remote_backend
from .errors import (
    BadInput,
    BadRequest,
    ConnectionFailed,
    NemoError,
    NotFound,
    SessionNotFound,
)
from .history import HISTORY_FILE, History, SessionRecord
from .notices import notice_for
from .settings import Settings
from .timings import Timings
from .updates import (
    CreditsUpdated,
    ErrorShown,
    MessageAdded,
    SessionOpened,
    StateUpdated,
    StatusChanged,
    TimelineUpdated,
    Update,
    Workspace,
    reduce,
)

if TYPE_CHECKING:
    from .client import NemoClient

log = logging.getLogger(__name__)


def plain_json(obj: Any) -> Any:
    """A pydantic model as the JSON it came from; anything else unchanged."""
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return obj


class SessionLink:
    """The backend, client, session, state and updates under a `SessionController`."""

    def __init__(
        self,
        settings: Settings,
        *,
        timings: Timings = Timings(),
        history: History | None = None,
        client_factory: Callable[[Settings, Backend], NemoClient] | None = None,
        backend_factory: BackendFactory = remote_backend,
    ) -> None:
        self.settings = settings
        self.timings = timings
        self.workspace = Workspace()
        self.backend: Backend | None = None
        self.client: NemoClient | None = None
        self.session_id: str | None = None
        self.task_id: str | None = None
        self.claim_link: str | None = None
        self.offline = False  # the backend stopped answering; `reconnect()` is the way back
        self._history = history
        self._client_factory = client_factory or _default_client
        self._backend_factory = backend_factory
        self._subscribers: list[Callable[[Update], None]] = []
        self._turn_lock = asyncio.Lock()
        self._export_lock = asyncio.Lock()
        self._draft: dict[str, Any] | None = None
        self._credit_watch: asyncio.Task[None] | None = None
        # Highlights show what changed since the person's last action, not since the last delta.
        self._baseline: timeline.TimelineView | None = None

    # -- updates -------------------------------------------------------------------------------
    def subscribe(self, callback: Callable[[Update], None]) -> Callable[[], None]:
        """Call `callback` with every update; returns a function that unsubscribes."""
        self._subscribers.append(callback)
        return lambda: self._subscribers.remove(callback) if callback in self._subscribers else None

    def emit(self, update: Update) -> None:
        self.workspace = reduce(self.workspace, update)
        for callback in list(self._subscribers):
            try:
                callback(update)
            except Exception:  # a broken front end must not break the session
                log.exception("subscriber failed on %s", type(update).__name__)

    def _system(self, text: str) -> None:
        self.say("system", text)

    def say(self, role: str, text: str) -> None:
        """A message in the transcript (kept in the history) and on every front end."""
        if self.session_id and self._history:
            self._history.add_message(self.session_id, role, text)
        self.emit(MessageAdded(role, text))

    def _error(self, exc: BaseException) -> None:
        notice = notice_for(exc)
        if isinstance(exc, ConnectionFailed):
            self.offline = True
            self.emit(StatusChanged(connection="offline"))
            if self.backend is not None and self.backend.is_local:  # not a network or URL problem
                notice = ErrorShown(
                    "The local engine stopped answering.",
                    "Reconnect to start it again (ctrl+r in the terminal, `await ws.reconnect()` in "
                    "Jupyter); the project is kept.",
                    notice.kind,
                )
        self.emit(notice)

    def check_backend(self) -> bool:
        """Is the backend still there? Cheap, for a front end's timer: it looks only at the local
        engine's process, so a crash shows as offline while the person is idle, not at their next
        request. Says so once; a turn or an export in flight finds out on its own."""
        engine = self.backend.engine if self.backend is not None else None
        if engine is None or engine.shared or self.offline:
            return not self.offline
        if engine.running or self.busy or self.exporting:
            return True
        self._error(ConnectionFailed("The local engine stopped."))
        return False

    def report(self, exc: BaseException) -> None:
        """Show an error a front end caught (e.g. from `upload` or `export` called directly)."""
        self._error(exc)

    @property
    def _api(self) -> NemoClient:
        """The connection's client. There is none before `connect`: calling the backend then is a bug."""
        assert self.client is not None, "not connected: call connect() first"
        return self.client

    @property
    def busy(self) -> bool:
        return self._turn_lock.locked()

    @property
    def exporting(self) -> bool:
        return self._export_lock.locked()

    # -- connection ----------------------------------------------------------------------------
    async def connect(
        self, *, session_id: str | None = None, resume: bool = True, must_exist: bool = False
    ) -> None:
        """Backend → token → session (given, last, or new) → transcript → state → credits.

        With `must_exist`, a given session that the server does not know raises BadInput instead of
        quietly starting a new one (the person named it: a typo must not look like success).
        """
        self.emit(StatusChanged(connection="connecting", activity="starting"))
        try:
            self.backend = await self._backend_factory(self.settings)
            self.client = client = self._client_factory(self.settings, self.backend)
            if self._history is None:
                self._history = History(self.settings.data_dir / HISTORY_FILE, self.backend.key)
            await client.ensure_token()
            self.offline = False
            self.emit(StatusChanged(backend=self.backend.label, connection="connected", activity="idle"))
            self._start_credit_watch()
            wanted = session_id or (self._last_session_id() if resume else None)
            if wanted and await self._open_existing(wanted, must_exist=must_exist and bool(session_id)):
                return
            await self.new_session(announce=False)
        except NemoError as exc:
            self.emit(StatusChanged(connection="offline", activity="idle"))
            self._error(exc)
            raise

    def _last_session_id(self) -> str | None:
        last = self._history.last_session() if self._history else None
        return last.session_id if last else None

    async def _open_existing(self, session_id: str, *, must_exist: bool = False) -> bool:
        try:
            state = await self._api.state(session_id)
        except (SessionNotFound, NotFound, BadRequest) as exc:
            if must_exist:
                where = self.backend.label if self.backend else "the server"
                raise BadInput(
                    f"There is no session {session_id} on {where}.",
                    action="List the sessions kept here with `nemo-tui sessions`.",
                ) from exc
            if not isinstance(exc, SessionNotFound):
                raise
            if self._history:
                self._history.forget_session(session_id)
            self._system("The last session is gone from the server; starting a new one.")
            return False
        record = next((r for r in self.sessions() if r.session_id == session_id), None)
        self.session_id, self.task_id = session_id, record.task_id if record else None
        self._baseline = None
        self.emit(SessionOpened(session_id, self.task_id))
        if self._history:
            self._history.remember_session(session_id, self.task_id)
            for message in self._history.transcript(session_id):
                self.emit(MessageAdded(message.role, message.text, replay=True))
        self.emit(StatusChanged(session_id=session_id))
        self._apply_state(plain_json(state))
        await self.refresh_credits()
        await self._update_claim_link()
        return True

    async def new_session(self, *, announce: bool = True) -> str:
        info = await self._api.create_session(language=self.settings.language)
        self.session_id, self.task_id = info.session_id, info.task_id
        if self._history:
            self._history.remember_session(info.session_id, info.task_id)
        self._draft, self._baseline = None, None
        self.emit(SessionOpened(info.session_id, info.task_id))
        self.emit(StatusChanged(session_id=info.session_id))
        self.emit(StateUpdated({}))
        self.emit(TimelineUpdated(timeline.TimelineView(), "Timeline (empty)"))
        await self.refresh_credits()
        await self._update_claim_link()
        if announce:
            self._system(f"Started a new session ({info.session_id}).")
        return info.session_id

    async def switch_session(self, session_id: str) -> bool:
        return await self._open_existing(session_id)

    async def reconnect(self) -> None:
        """Drop the client and backend (restarting the local engine) and open the same session again."""
        await self._close_transport()
        await self.connect(session_id=self.session_id, resume=True)

    def sessions(self) -> list[SessionRecord]:
        return self._history.sessions() if self._history else []

    async def _update_claim_link(self) -> None:
        # A claim link opens the project on the NemoVideo website, which knows nothing of a session
        # held by an engine on this machine: offer one only for a remote backend.
        if not (self.task_id and self.session_id) or (self.backend and self.backend.on_this_machine):
            self.claim_link = None
            return
        try:
            self.claim_link = await self._api.claim_link(self.task_id, self.session_id)
        except NemoError as exc:  # the link is a convenience: never fail a session over it
            log.info("no claim link: %s", exc)

    async def _close_transport(self) -> None:
        watch, self._credit_watch = self._credit_watch, None
        if watch is not None:
            watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watch
        client, backend, self.client, self.backend = self.client, self.backend, None, None
        try:
            if client is not None:
                await client.aclose()
        finally:
            if backend is not None:
                await backend.stop()  # whatever happened to the client, the engine must stop

    async def close(self) -> None:
        try:
            await self._close_transport()
        finally:
            if self._history is not None:
                self._history.close()
                self._history = None
            self.emit(StatusChanged(connection="offline", activity="idle"))

    # -- state and credits ---------------------------------------------------------------------
    async def refresh_credits(self, hold: str | None = None, *, quiet: bool = False) -> CreditsUpdated | None:
        """The balance, or None when the server left it out (unknown is shown as unknown). With `hold`
        (a turn's), also what that turn was charged once settled. `quiet`: not emitted when unchanged."""
        c = await (self._api.credits(hold) if hold else self._api.credits())  # other clients: no hold
        if c.available is None:
            log.info("the credits answer has no balance")
            return None
        frozen = c.frozen or 0
        total = c.total if c.total is not None else c.available + frozen
        charged = c.hold.charged if c.hold is not None and c.hold.settled else None
        update = CreditsUpdated(int(c.available), int(frozen), int(total), charged)
        shown = self.workspace.credits
        if not (quiet and shown is not None and shown.balance == update.balance):
            self.emit(update)
        return update

    def _start_credit_watch(self) -> None:
        local = self.backend is not None and self.backend.on_this_machine
        every = self.timings.credits_poll(on_this_machine=local)
        if every > 0 and (self._credit_watch is None or self._credit_watch.done()):
            self._credit_watch = asyncio.create_task(self._watch_credits(every), name="credits watch")

    async def _watch_credits(self, every_s: float) -> None:
        """Refresh the balance every `every_s` while idle, so that credits added elsewhere (`nemo-tui
        topup` in another terminal writes the engine's store) show without asking. One small GET;
        nothing is emitted unless the balance changed. A turn or an export refreshes it on its own."""
        while True:
            await asyncio.sleep(every_s)
            if self.client is None or self.offline or self.busy or self.exporting:
                continue
            try:
                await self.refresh_credits(quiet=True)
            except NemoError as exc:  # a lost backend is check_backend's or the next action's to say
                log.info("credits refresh failed: %s", type(exc).__name__)

    async def refresh_state(self) -> dict[str, Any]:
        state: dict[str, Any] = plain_json(await self._api.state(self._sid()))
        self._apply_state(state)
        return state

    def _apply_state(self, state: object) -> None:
        inner = state.get("state", state) if isinstance(state, dict) else {}
        self.emit(StateUpdated(inner))
        self.apply_draft(inner.get("draft"))

    def apply_draft(self, draft: dict[str, Any] | None) -> None:
        """Show the backend's draft; highlights are what changed since the baseline."""
        before = self._baseline or self.workspace.timeline
        self._draft = draft or None
        view = timeline.build(self._draft)
        self.emit(
            TimelineUpdated(view, timeline.summary(view), frozenset(timeline.changed_ids(before, view)))
        )

    @property
    def draft(self) -> dict[str, Any] | None:
        """The draft as the backend last sent it (None before the first generation)."""
        return self._draft

    def baseline_now(self) -> timeline.TimelineView:
        """A new action starts: highlights from now on show what it changes. Returns the timeline."""
        self._baseline = self.workspace.timeline
        return self._baseline

    def _sid(self) -> str:
        if not self.session_id:
            raise SessionNotFound("No session yet: connect first.")
        return self.session_id


def _default_client(settings: Settings, backend: Backend) -> NemoClient:
    from .client import NemoClient

    return NemoClient(settings.for_backend(backend.url, backend.key))
