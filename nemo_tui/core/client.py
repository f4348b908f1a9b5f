"""`NemoClient`: one `httpx.AsyncClient`, one method per endpoint of docs/protocol.md.

The retry policy lives in `_request` and nowhere else:
- 1001 / 401: fetch a new anonymous token with the same client id, retry once;
- 429: wait `Retry-After` seconds (30 s if absent; give up at once if longer than a minute), retry once;
- everything else raises its typed error (1002 → `SessionNotFound`: the controller makes a new session).
A `/run_sse` POST is never retried (see `stream.Turn`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx
from pydantic import SecretStr

from .downloads import download_url, same_origin, save_video
from .draft import Draft
from .errors import (
    APIError,
    AuthError,
    BadRequest,
    ConnectionFailed,
    InsufficientCredits,
    MissingClientId,
    NemoError,
    NotFound,
    PermissionDenied,
    PreviewSuperseded,
    PreviewUnavailable,
    ProtocolError,
    RateLimited,
    SaveFailed,
)
from .http_answers import Handler, json_handler, render_handler
from .models import (
    AnonymousToken,
    ClaimToken,
    Credits,
    NewSessionRequest,
    Preview,
    PreviewThumbs,
    RenderJob,
    RenderOutput,
    RenderRequest,
    RunRequest,
    SessionInfo,
    SessionState,
    UploadResult,
    UrlUploadRequest,
)
from .settings import Settings
from .stream import StreamLimits, Turn
from .uploads import MultipartBody, Progress, check_file

log = logging.getLogger(__name__)

MAX_RATE_LIMIT_WAIT = 60.0  # a longer Retry-After is reported, not slept through
DEFAULT_RATE_LIMIT_WAIT = 30.0


def new_render_id() -> str:
    return f"render_{int(time.time() * 1000)}_{secrets.token_hex(3)}"


class NemoClient:
    """The NemoVideo protocol, for the cloud and the local engine alike."""

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        limits: StreamLimits | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        streaming: bool = False,
    ) -> None:
        if not settings.api_url:
            raise ValueError("Settings.api_url is empty: start the local engine and use with_api_url()")
        self.settings = settings
        self.limits = limits or StreamLimits()
        self.streaming = streaming  # ask for streamed text fragments (no NemoVideo skill does)
        self._sleep = sleep or asyncio.sleep
        host = httpx.URL(settings.api_url).host
        self._http = httpx.AsyncClient(
            base_url=settings.api_url,
            transport=transport,
            headers=settings.attribution_headers(),
            timeout=httpx.Timeout(30.0, connect=10.0),
            trust_env=host not in ("127.0.0.1", "localhost", "::1"),  # no proxy for the local engine
        )
        self._cache = settings.token_cache()
        self._token: SecretStr | None = None
        self._env_token_refused = False
        self._token_lock = asyncio.Lock()
        self.user_id: str | None = None  # the anonymous user id, for the ?bind= registration link

    def __repr__(self) -> str:
        return f"NemoClient(api_url={self.settings.api_url!r})"

    async def __aenter__(self) -> NemoClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # -- token ------------------------------------------------------------------------------------

    async def ensure_token(self) -> str:
        """The token to send: NEMO_TOKEN, else the cached one, else a new anonymous token."""
        async with self._token_lock:
            if self._token is None:
                self._token = self._known_token() or await self._fetch_token()
            return self._token.get_secret_value()

    def _known_token(self) -> SecretStr | None:
        if self.settings.env_token is not None and not self._env_token_refused:
            return self.settings.env_token
        cached = self._cache.load(self.settings.token_cache_key)
        if cached is None:
            return None
        self.user_id = self.user_id or cached.user_id
        return cached.token

    async def _fetch_token(self) -> SecretStr:
        headers = {"X-Client-Id": self.settings.client_id()}
        try:
            data = await self._request("POST", "/api/auth/anonymous-token", headers=headers, auth=False)
        except BadRequest as err:
            raise MissingClientId(err.message, status=err.status) from None
        token = AnonymousToken.model_validate(data)
        self.user_id = token.user_id
        try:
            self._cache.save(
                self.settings.token_cache_key, token.token.get_secret_value(), token.expires_at, token.user_id
            )
        except OSError as exc:  # a read-only home must not stop the session
            log.warning("could not cache the token: %s", exc.strerror)
        log.info("obtained an anonymous token for user %s", token.user_id)
        return token.token

    async def _forget_token(self, stale: str) -> None:
        """Drop a refused token so the next call fetches a new one (same client id)."""
        async with self._token_lock:
            if self._token is None or self._token.get_secret_value() != stale:
                return  # someone already replaced it
            if self.settings.env_token is not None and self.settings.env_token.get_secret_value() == stale:
                self._env_token_refused = True
            self._token = None
            with contextlib.suppress(OSError):
                self._cache.clear(self.settings.token_cache_key)

    async def _auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {await self.ensure_token()}"}

    # -- the one request path, with the retry policy -------------------------------------------

    async def _request(
        self,
        method: str,
        url: str,
        *,
        json: Any = None,
        body: Callable[[], AsyncIterator[bytes]] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: bool = True,
        handler: Handler[Any] = json_handler,
        follow_redirects: bool = False,
    ) -> Any:
        refreshed = waited = False
        while True:
            request_headers = dict(headers or {})
            token = await self.ensure_token() if auth else None
            if token is not None:
                request_headers["Authorization"] = f"Bearer {token}"
            request = self._http.build_request(
                method, url, json=json, content=body() if body else None, headers=request_headers
            )
            try:
                # httpx drops Authorization when a redirect leaves our origin
                response = await self._http.send(request, stream=True, follow_redirects=follow_redirects)
            except httpx.TransportError as exc:
                raise ConnectionFailed(
                    f"Could not reach the video service at {self.settings.api_url} ({type(exc).__name__})."
                ) from exc
            try:
                return await handler(response)
            except AuthError:
                if token is None or refreshed:
                    raise
                refreshed = True
                log.info("token refused on %s %s; fetching a new one", method, request.url.path)
                await self._forget_token(token)
            except RateLimited as err:
                wait = DEFAULT_RATE_LIMIT_WAIT if err.retry_after is None else err.retry_after
                if waited or wait > MAX_RATE_LIMIT_WAIT:
                    raise
                waited = True
                log.info("rate limited on %s %s; retrying in %.0f s", method, request.url.path, wait)
                await self._sleep(wait)
            except InsufficientCredits as err:
                self._add_register_link(err)
                raise
            except httpx.TransportError as exc:
                raise ConnectionFailed(f"The connection broke ({type(exc).__name__}).") from exc
            finally:
                await response.aclose()

    def explain(self, err: NemoError) -> NemoError:
        """Add what only the client knows to an error met elsewhere (an error frame in a stream)."""
        if isinstance(err, InsufficientCredits):
            self._add_register_link(err)
        return err

    def _add_register_link(self, err: InsufficientCredits) -> None:
        if err.top_up:  # the local engine: credits come from its own machine, not a website
            err.action = (
                f"Top up with `{err.top_up}` on the engine's machine, then send it again; exporting is free."
            )
            return
        if err.register_url is None and self.user_id and self.settings.env_token is None:
            err.register_url = f"{self.settings.web_url}/register?bind={quote(self.user_id)}"
            err.action = f"Register to keep your project and get more credits: {err.register_url}"

    # -- endpoints -------------------------------------------------------------------------------

    async def create_session(self, language: str = "en") -> SessionInfo:
        body = NewSessionRequest(language=language).model_dump(mode="json")
        data = await self._request("POST", "/api/tasks/me/with-session/nemo_agent", json=body)
        info = SessionInfo.model_validate(data)
        self.user_id = self.user_id or info.user_id
        return info

    async def claim_link(self, task_id: str, session_id: str) -> str:
        """The link that opens this project in the browser (claim token; older link if unsupported)."""
        web = self.settings.web_url
        try:
            data = await self._request(
                "POST", "/api/auth/claim-token", json={"task_id": task_id, "session_id": session_id}
            )
            return f"{web}/workspace/claim?ct={quote(ClaimToken.model_validate(data).claim_token)}"
        except (NotFound, BadRequest, PermissionDenied, ProtocolError) as err:
            log.info("claim-token unavailable (%s); using the older claim link", type(err).__name__)
        query = {
            "task": task_id,
            "session": session_id,
            "skill_name": self.settings.skill_source,
            "skill_version": self.settings.skill_version,
            "skill_source": self.settings.platform,
        }
        return f"{web}/workspace/claim?{urlencode(query)}"

    def turn(self, session_id: str, text: str, *, last_event_id: str | None = None) -> Turn:
        """A chat turn; use as `async with client.turn(sid, text) as turn: async for event in turn`."""
        body = RunRequest.for_text(session_id, text).model_dump(mode="json", exclude_unset=False)
        if self.streaming:  # ADK's field: token-level `partial` events; absent means false
            body["streaming"] = True
        return Turn(
            self._http,
            body,
            headers=self._auth_headers,
            last_event_id=last_event_id,
            limits=self.limits,
            sleep=self._sleep,
            on_error=self._on_turn_error,
        )

    async def _on_turn_error(self, err: NemoError) -> None:
        # Never retried here (no second POST of a message), but the next call gets a fresh token.
        if isinstance(err, AuthError) and self._token is not None:
            await self._forget_token(self._token.get_secret_value())
        elif isinstance(err, InsufficientCredits):
            self._add_register_link(err)

    async def upload(
        self, session_id: str, paths: Sequence[str | os.PathLike[str]], progress: Progress | None = None
    ) -> UploadResult:
        """Upload files (checked for type and size first), streamed from disk, one request."""
        if not paths:
            raise ValueError("upload() needs at least one path")
        files = [await asyncio.to_thread(check_file, Path(p)) for p in paths]
        multipart = MultipartBody(files, progress)
        data = await self._request(
            "POST",
            f"/api/upload-video/nemo_agent/me/{quote(session_id, safe='')}",
            body=multipart.stream,
            headers=multipart.headers,
        )
        return UploadResult.model_validate(data or {})

    async def upload_urls(self, session_id: str, urls: Sequence[str]) -> UploadResult:
        body = UrlUploadRequest(urls=list(urls)).model_dump(mode="json")
        data = await self._request(
            "POST", f"/api/upload-video/nemo_agent/me/{quote(session_id, safe='')}", json=body
        )
        return UploadResult.model_validate(data or {})

    async def credits(self, hold: str | None = None) -> Credits:
        """The balance; with `hold` (a turn's `TurnPrice.hold`) also what that turn was charged."""
        query = f"?hold={quote(hold, safe='')}" if hold else ""
        data = await self._request("GET", "/api/credits/balance/simple" + query)
        return Credits.model_validate(data or {})

    async def state(self, session_id: str) -> SessionState:
        data = await self._request("GET", f"/api/state/nemo_agent/me/{quote(session_id, safe='')}/latest")
        return SessionState.from_data(data)

    async def submit_render(
        self,
        session_id: str,
        draft: Draft | Mapping[str, Any],
        *,
        render_id: str | None = None,
        quality: str = "high",
    ) -> RenderJob:
        render_id = render_id or new_render_id()
        draft_json = draft.to_wire() if isinstance(draft, Draft) else dict(draft)
        request = RenderRequest(
            id=render_id, sessionId=session_id, draft=draft_json, output=RenderOutput(quality=quality)
        )
        data = await self._request(
            "POST", "/api/render/proxy/lambda", json=request.to_wire(), handler=render_handler
        )
        return self._job(data, render_id)

    async def render_status(self, render_id: str) -> RenderJob:
        data = await self._request(
            "GET", f"/api/render/proxy/lambda/{quote(render_id, safe='')}", handler=render_handler
        )
        return self._job(data, render_id)

    async def cancel_render(self, render_id: str) -> None:
        await self._request("POST", f"/api/render/proxy/lambda/{quote(render_id, safe='')}/cancel")

    @staticmethod
    def _job(data: Any, render_id: str) -> RenderJob:
        job = RenderJob.model_validate(data if isinstance(data, Mapping) else {})
        if not job.id:
            job.id = render_id
        return job

    # -- look-ahead previews (the local engine's; the cloud has none) ---------------------------

    async def preview(self, session_id: str, width: int = 480) -> Preview:
        """Render (or reuse) a small MP4 of the session's current draft; `PreviewUnavailable` on a
        backend without previews, `PreviewSuperseded` when a newer request of the session won."""
        path = f"/api/preview/{quote(session_id, safe='')}"
        return Preview.model_validate(await self._preview_call("POST", path, json={"width": width}))

    async def preview_thumbs(self, session_id: str, width: int = 160) -> PreviewThumbs:
        """One small JPEG per scene of the current draft's preview (rendering it first if needed)."""
        path = f"/api/preview/{quote(session_id, safe='')}/thumbs?width={int(width)}"
        return PreviewThumbs.model_validate(await self._preview_call("GET", path))

    async def download_preview(self, preview: Preview, dest: str | os.PathLike[str]) -> Path:
        """Save the preview's MP4 to `dest` (through `dest.part`); a cached file is never refetched."""
        dest = Path(dest)
        if await asyncio.to_thread(dest.exists):
            return dest
        part = dest.with_name(dest.name + ".part")
        await asyncio.to_thread(dest.parent.mkdir, parents=True, exist_ok=True)
        await self._request("GET", preview.url, handler=lambda r: save_video(r, part, None))
        await asyncio.to_thread(os.replace, part, dest)
        return dest

    async def _preview_call(self, method: str, url: str, **kw: Any) -> Any:
        try:
            return await self._request(method, url, **kw)
        except (NotFound, PermissionDenied) as err:  # the cloud answers 404 (or 403) for unknown routes
            raise PreviewUnavailable(status=err.status) from None
        except APIError as err:
            if err.status == 405:
                raise PreviewUnavailable(status=err.status) from None
            if err.status == 409:
                raise PreviewSuperseded(err.message, status=409) from None
            raise

    # -- download ---------------------------------------------------------------------------------

    async def download(
        self, render: RenderJob | str, dest: str | os.PathLike[str], progress: Progress | None = None
    ) -> Path:
        """Save the exported MP4 to `dest` (written to `dest.part`, renamed when complete).

        `render` is a RenderJob, a full URL, or a render id (then the fallback download path).
        """
        url = download_url(render)
        dest = Path(dest)
        part = dest.with_name(dest.name + ".part")
        try:
            await asyncio.to_thread(dest.parent.mkdir, parents=True, exist_ok=True)
            for _ in range(2):  # a JSON answer may point at the real file once
                next_url = await self._request(
                    "GET",
                    url,
                    auth=same_origin(self._http.base_url, url),
                    handler=lambda r: save_video(r, part, progress),
                    follow_redirects=True,  # the download path may redirect to a CDN
                )
                if next_url is None:
                    await asyncio.to_thread(os.replace, part, dest)
                    return dest
                url = next_url
        except OSError as exc:  # the disk, not the network: a typed error, never a traceback
            with contextlib.suppress(OSError):
                part.unlink(missing_ok=True)
            raise SaveFailed(f"Could not save the video to {dest}: {exc.strerror or exc}.") from exc
        raise ProtocolError("The download answered with a link instead of the video, twice.")
