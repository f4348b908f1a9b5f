"""Errors the engine answers with, as one exception type and its JSON body.

Every error body carries the protocol's business `code`, a `message` a person can act on, FastAPI's
`detail`, and the render envelope's `success`/`error`, so that every documented client parser finds
what it looks for. The HTTP status mirrors the code:

    code  status  meaning
    400   400     missing X-Client-Id / bad request
    402   402     export refused: attribution headers missing
    409   409     a turn is already running for this session / render id already used by this account
    429   429     too many new anonymous accounts from this address (Retry-After)
    1001  401     token missing, invalid, revoked or expired
    1002  404     session not found (also: any other account's session)
    2001  402     not enough credits for this turn (`top_up`: the command that adds local credits)
    413   413     a request body, a chat message or a multipart part's headers over its limit
    4001  415     unsupported file type (decided by content)
    4002  413     file too large (also: a picture claiming more pixels than the limit)
    500   500     an error the engine did not expect (still this JSON body, never plain text)
    507   507     the engine's disk is full (nothing half-written is kept)
"""

from __future__ import annotations

import errno
import logging
import shutil
import sqlite3
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from nemo_tui.draft.wire import HTTP_STATUS_FOR_CODE as STATUS_FOR_CODE

DISK_FULL = (
    "The engine's disk is full, so nothing was saved; free some space on the machine that runs the "
    "engine and try again."
)

log = logging.getLogger("nemo_tui.engine.errors")


class ApiError(Exception):
    def __init__(
        self,
        code: int,
        message: str,
        *,
        status: int | None = None,
        headers: dict[str, str] | None = None,
        detail: str | None = None,
        extra: dict[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status or STATUS_FOR_CODE.get(code, code if 400 <= code < 600 else 400)
        self.headers = headers or {}
        self.detail = detail or message
        self.extra = extra or {}  # fields of our own beside the protocol's (e.g. 2001's `top_up`)

    def body(self) -> dict[str, object]:
        return {**error_body(self.code, self.message, self.detail), **self.extra}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers)


def error_body(code: int, message: str, detail: object = None) -> dict[str, object]:
    return {
        "code": code,
        "message": message,
        "detail": message if detail is None else detail,
        "success": False,
        "error": message,
        "data": None,
    }


def token_error(message: str = "Token missing, invalid or expired; get a new anonymous token.") -> ApiError:
    return ApiError(1001, message)


def session_not_found(session_id: str = "") -> ApiError:
    detail = "Session not found" + (f": {session_id}" if session_id else "")
    return ApiError(1002, "Session not found; create a new session.", detail=detail)


def is_disk_full(exc: BaseException | None, data_dir: Path | None = None) -> bool:
    """ENOSPC/EDQUOT from a file write, or SQLite's "database or disk is full", however wrapped
    (SQLAlchemy keeps the driver's error in `orig`). SQLite reports some writes that ran out of space
    (growing the WAL index of a new connection) only as "disk I/O error": with `data_dir`, such an
    error counts when that folder's filesystem has (almost) no space left."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if isinstance(exc, sqlite3.Error):
            code = getattr(exc, "sqlite_errorcode", None)
            if code == sqlite3.SQLITE_FULL or "disk is full" in str(exc):
                return True
            io_error = (code is not None and code & 0xFF == sqlite3.SQLITE_IOERR) or "disk I/O" in str(exc)
            if io_error and data_dir is not None:
                return _nearly_full(data_dir)
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
    return False


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < 1024 * 1024
    except OSError:
        return False


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return exc.response()

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(p) for p in first["loc"] if p != "body")
        message = f"Invalid request: {where + ': ' if where else ''}{first['msg']}"
        if first.get("type") == "json_invalid":  # its "loc" is a character position, not a field
            message = f"The request body is not valid JSON (the error is at character {where or 0})."
        return JSONResponse(error_body(422, message, errors), status_code=422)

    async def _storage(request: Request, exc: Exception) -> JSONResponse:
        engine = getattr(request.app.state, "engine", None)
        if is_disk_full(exc, engine.config.data_dir if engine else None):
            log.error("disk full: %s", exc)
            return JSONResponse(error_body(507, DISK_FULL), status_code=507)
        raise exc  # not ours to explain: the catch-all below answers it

    app.add_exception_handler(OSError, _storage)
    app.add_exception_handler(sqlite3.Error, _storage)
    try:
        from sqlalchemy.exc import DBAPIError  # ADK's session store
    except ImportError:  # pragma: no cover - ADK always brings it
        pass
    else:
        app.add_exception_handler(DBAPIError, _storage)

    @app.exception_handler(UnicodeEncodeError)
    async def _unstorable(_request: Request, exc: UnicodeEncodeError) -> JSONResponse:
        # JSON may carry a lone UTF-16 surrogate ("\ud800"); no UTF-8 store can hold it.
        message = "The request holds an invalid character (a lone UTF-16 surrogate); send valid Unicode text."
        return JSONResponse(error_body(400, message), status_code=400)

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        # Still the documented JSON body (Starlette's default is a plain-text 500); uvicorn logs it.
        message = "The engine had an internal error; try again, and report it if it happens again."
        return JSONResponse(error_body(500, message), status_code=500)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "HTTP error"
        return JSONResponse(
            error_body(exc.status_code, message, exc.detail),
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )
