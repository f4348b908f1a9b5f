"""The app's exception handlers: every error, expected or not, answered with the documented JSON body.

`ApiError` and the body are in `services/api_errors.py` (services raise them); this module is the HTTP
glue: validation errors (422), a full disk (507), a database not answering (503), an unstorable
character (400), anything else (500).
"""

from __future__ import annotations

import logging
import sqlite3

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..services.api_errors import (
    DATABASE_DOWN,
    DISK_FULL,
    ApiError,
    error_body,
    is_database_unreachable,
    is_disk_full,
)

log = logging.getLogger("nemo_tui.engine.errors")


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
        if is_database_unreachable(exc):  # a team server's PostgreSQL away: retry later, not a bug
            log.error("database unreachable: %s", type(exc).__name__)
            return JSONResponse(error_body(503, DATABASE_DOWN), status_code=503)
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
        detail: object = exc.detail  # typed str, but FastAPI's HTTPException takes any detail
        message = detail if isinstance(detail, str) else "HTTP error"
        return JSONResponse(
            error_body(exc.status_code, message, exc.detail),
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )
