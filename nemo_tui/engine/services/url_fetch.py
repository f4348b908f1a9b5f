"""Uploads by URL, without becoming a proxy into the engine's own network (SSRF).

Only http and https. The host is resolved first and every address must be public (not loopback,
private, link-local, shared, reserved or multicast); the address the connection actually reached is
checked again before any byte is read (a DNS answer that changes in between gains nothing).
Redirects are followed by hand, at most three, each checked the same way. Size cap and timeout as for
file uploads.
"""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import socket
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from ..storage.file_storage import MediaStorage
from .api_errors import ApiError
from .sniff import HEAD_BYTES, sniff
from .upload_intake import Received, _clean_name, too_large, unsupported

MAX_REDIRECTS = 3


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


async def check_url(url: str, *, allow_private: bool = False) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ApiError(400, f"Only http and https URLs can be uploaded, not {url[:80]!r}.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ApiError(
            502, f"Could not look up {parts.hostname!r}: the engine may be offline, or the name is wrong."
        ) from exc
    addresses = {str(info[4][0]) for info in infos}  # an IPv4 or IPv6 address (a str)
    if not allow_private and not all(_public(a) for a in addresses):
        raise ApiError(400, f"URL not allowed: {parts.hostname!r} is a local or private address.")


async def fetch_url(
    url: str, storage: MediaStorage, *, max_bytes: int, timeout_s: float, allow_private: bool = False
) -> Received:
    try:
        async with (
            asyncio.timeout(timeout_s),
            httpx.AsyncClient(timeout=timeout_s, trust_env=False) as client,
        ):
            for _ in range(MAX_REDIRECTS + 1):
                await check_url(url, allow_private=allow_private)
                async with client.stream("GET", url) as response:
                    _check_peer(response, allow_private)
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code != 200:
                        raise ApiError(
                            502, f"The URL answered HTTP {response.status_code}; nothing was uploaded."
                        )
                    return await _save(response, url, storage, max_bytes)
            raise ApiError(502, "The URL redirected too many times.")
    except TimeoutError as exc:
        raise ApiError(504, f"Downloading the URL took longer than {timeout_s:g} s.") from exc
    except httpx.HTTPError as exc:
        raise ApiError(
            502, f"Could not download the URL ({type(exc).__name__}); is the engine offline?"
        ) from exc


def _check_peer(response: httpx.Response, allow_private: bool) -> None:
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if not allow_private and peer and not _public(str(peer[0])):
        raise ApiError(400, "URL not allowed: it reached a local or private address.")


async def _save(response: httpx.Response, url: str, storage: MediaStorage, max_bytes: int) -> Received:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise too_large(max_bytes)
    name = _clean_name(unquote(urlsplit(url).path.rsplit("/", 1)[-1]) or "download")
    path = storage.new_temp_path(".upload")
    digest, size, head = hashlib.sha256(), 0, bytearray()
    try:
        with open(path, "wb") as out:
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise too_large(max_bytes)
                if len(head) < HEAD_BYTES:
                    head += chunk[: HEAD_BYTES - len(head)]
                digest.update(chunk)
                await asyncio.to_thread(out.write, chunk)
        kind = sniff(bytes(head))
        if kind is None:
            raise unsupported(name)
    except BaseException:
        Path(path).unlink(missing_ok=True)
        raise
    return Received(path, name, kind, size, digest.hexdigest())
