"""Request-scoped helpers for the routers: the engine, the caller's account, addresses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from ..agent.agent import APP_NAME
from ..services.api_errors import session_not_found, token_error
from ..storage.records import Account, Task

if TYPE_CHECKING:
    from ..hosting.asgi_app import Engine


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


async def current_account(request: Request) -> Account:
    """The account the bearer token belongs to; 1001 when missing, unknown, revoked or expired."""
    token = bearer(request)
    if not token:
        raise token_error("Missing bearer token; get one from /api/auth/anonymous-token.")
    account = await engine_of(request).store.account_for_token(token)
    if account is None:
        raise token_error()
    return account


def check_user(user: str, account: Account) -> None:
    """`me` in a path (or the account's own id) is the caller; any other user is nobody's business."""
    if user not in ("me", account.id):
        raise session_not_found()


async def owned_task(request: Request, account: Account, session_id: str, app: str = APP_NAME) -> Task:
    """The caller's task for `session_id` in our app, else the protocol's "session not found"."""
    if app != APP_NAME:
        raise session_not_found(session_id)
    task = await engine_of(request).store.task_for_session(account.id, session_id)
    if task is None:
        raise session_not_found(session_id)
    return task


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


#: The caller's account, as a route parameter type: `account: CurrentAccount`.
CurrentAccount = Annotated[Account, Depends(current_account)]
