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
    4001  415     unsupported file type (decided by content)
    4002  413     file too large
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

STATUS_FOR_CODE = {1001: 401, 1002: 404, 2001: 402, 4001: 415, 4002: 413}


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
        return JSONResponse(error_body(422, message, errors), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "HTTP error"
        return JSONResponse(
            error_body(exc.status_code, message, exc.detail),
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )
