"""Errors the engine answers with, as one exception type and its JSON body.

Every error body carries the protocol's business `code`, a `message` a person can act on, FastAPI's
`detail`, and the render envelope's `success`/`error`, so that every documented client parser finds
what it looks for (`routes/error_handlers.py` installs the answers on the app). The HTTP status
mirrors the code:

    code  status  meaning
    400   400     missing X-Client-Id / bad request
    402   402     export refused: attribution headers missing
    409   409     a turn is already running for this session / render id already used by this account
    429   429     too many new anonymous accounts from this address (Retry-After)
    1001  401     token missing, invalid, revoked or expired
    1002  404     session not found (also: any other account's session)
    2001  402     not enough credits for this turn (`top_up`: the command that adds local credits;
                  `needed`, `available`: the turn's price and the balance)
    413   413     a request body, a chat message or a multipart part's headers over its limit
    4001  415     unsupported file type (decided by content)
    4002  413     file too large (also: a picture claiming more pixels than the limit)
    500   500     an error the engine did not expect (still this JSON body, never plain text)
    507   507     the engine's disk is full (nothing half-written is kept)

The protocol's own codes (1001-4002) are `nemo_tui.draft.wire`'s constants (`TOKEN_INVALID`,
`SESSION_NOT_FOUND`, `NO_CREDITS`, `UNSUPPORTED_FILE_TYPE`, `FILE_TOO_LARGE`), which core's error tree
reads too; the others are the HTTP status itself.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from fastapi.responses import JSONResponse

from nemo_tui.draft.wire import HTTP_STATUS_FOR_CODE as STATUS_FOR_CODE
from nemo_tui.draft.wire import SESSION_NOT_FOUND, TOKEN_INVALID

DISK_FULL = (
    "The engine's disk is full, so nothing was saved; free some space on the machine that runs the "
    "engine and try again."
)


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
    return ApiError(TOKEN_INVALID, message)


def session_not_found(session_id: str = "") -> ApiError:
    detail = "Session not found" + (f": {session_id}" if session_id else "")
    return ApiError(SESSION_NOT_FOUND, "Session not found; create a new session.", detail=detail)


DATABASE_DOWN = (
    "The engine's database is not answering; try again in a moment. Nothing was changed, and your "
    "project is kept."
)
# A database connection that is gone or cannot be made (a team server's PostgreSQL stopped or
# unreachable): asyncpg's names for it, and the socket's.
_CONNECTION_ERRORS = {
    "ConnectionDoesNotExistError", "CannotConnectNowError", "ConnectionFailureError",
    "InterfaceError", "ConnectionRefusedError", "ConnectionResetError", "TooManyConnectionsError",
    "AdminShutdownError", "CrashShutdownError",
}  # fmt: skip
_NETWORK_ERRNOS = {
    errno.ECONNREFUSED,
    errno.ECONNRESET,
    errno.EHOSTUNREACH,
    errno.ENETUNREACH,
    errno.ETIMEDOUT,
}


def is_database_unreachable(exc: BaseException | None) -> bool:
    """The database connection is lost or cannot be made, however wrapped (SQLAlchemy keeps the
    driver's error in `orig`, and marks a connection it dropped as `connection_invalidated`)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if getattr(exc, "connection_invalidated", False) or type(exc).__name__ in _CONNECTION_ERRORS:
            return True
        if isinstance(exc, OSError) and exc.errno in _NETWORK_ERRNOS:
            return True
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
    return False


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
