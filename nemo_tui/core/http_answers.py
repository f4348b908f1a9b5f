"""Reading the protocol's answers: an error status raises its typed error, a JSON body is parsed and
unwrapped from its envelope (`models.unwrap`, or the render envelope's `unwrap_render`).

`NemoClient._request` hands every response to one of these handlers; `downloads` uses them too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx

from .errors import ProtocolError, error_for
from .models import unwrap, unwrap_render

T = TypeVar("T")
#: What reads a response for `NemoClient._request` (the body is still streaming when it is called).
Handler = Callable[[httpx.Response], Awaitable[T]]


def content_type(response: httpx.Response) -> str:
    value: str = response.headers.get("content-type", "")
    return value.partition(";")[0].strip().lower()


async def raise_for_error(response: httpx.Response) -> None:
    """An HTTP error status raises its typed error, with the body read and parsed first."""
    if response.status_code < 400:
        return
    await response.aread()
    body: Any = response.text
    if "json" in content_type(response) or body.lstrip().startswith("{"):
        with contextlib.suppress(ValueError):
            body = response.json()
    raise error_for(response.status_code, body, response.headers)


async def read_json(response: httpx.Response) -> Any:
    """The parsed JSON body of a successful answer (None when empty); errors raise, typed."""
    await raise_for_error(response)
    await response.aread()
    if response.status_code == 204 or not response.content.strip():
        return None
    if "json" not in content_type(response):
        raise ProtocolError(f"Expected JSON, got {content_type(response) or 'no content type'}.")
    try:
        return response.json()
    except ValueError:
        raise ProtocolError("The server sent broken JSON.") from None


async def json_handler(response: httpx.Response) -> Any:
    return unwrap(await read_json(response), response.status_code)


async def render_handler(response: httpx.Response) -> Any:
    return unwrap_render(await read_json(response), response.status_code)
