"""A small Chrome DevTools Protocol client: Debian's headless Chromium driven over one websocket.

Only what the browser tests need: start Chromium with a fresh profile, open a page, run JavaScript,
wait for a condition inside the page, click and type as a person does (real input events at the
element's position), take screenshots, and collect console errors. `websockets` is already installed
(google-adk needs it), so no browser driver or downloaded browser is involved.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import os
import re
import shutil
import signal
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import websockets

# The flags this machine's Chromium needs headless, and none that reaches the network on its own.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--mute-audio",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
)


def find_chromium() -> str | None:
    for name in (os.environ.get("NEMO_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and (path := shutil.which(name)):
            return path
    return None


class CDPError(RuntimeError):
    pass


@dataclass
class ConsoleEntry:
    level: str  # "error", "warning", …
    source: str  # "console", "exception", "log"
    text: str

    def __str__(self) -> str:
        return f"[{self.source}:{self.level}] {self.text}"


class Page:
    """One tab, reached through a flattened session on the browser's websocket."""

    def __init__(self, browser: Browser, session_id: str) -> None:
        self.browser = browser
        self.session_id = session_id
        self.console: list[ConsoleEntry] = []
        self.requests: list[str] = []  # every URL the page asked for (the tests allow only loopback)
        self._load_waiters: list[asyncio.Future[None]] = []

    async def send(self, method: str, params: dict[str, Any] | None = None, timeout: float = 30) -> Any:
        return await self.browser.send(method, params, session_id=self.session_id, timeout=timeout)

    def _on_event(self, method: str, params: dict[str, Any]) -> None:
        if os.environ.get("CDP_DEBUG") and method == "Runtime.consoleAPICalled":
            print("console", params["type"], " ".join(_remote_text(a) for a in params.get("args", [])))
        if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert", "warning"):
            text = " ".join(_remote_text(a) for a in params.get("args", []))
            self.console.append(
                ConsoleEntry("warning" if params["type"] == "warning" else "error", "console", text)
            )
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text", "")
            self.console.append(ConsoleEntry("error", "exception", text))
        elif method == "Log.entryAdded":
            entry = params["entry"]
            self.console.append(
                ConsoleEntry(entry["level"], "log", f"{entry['text']} {entry.get('url', '')}")
            )
        elif method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Page.loadEventFired":
            for waiter in self._load_waiters:
                if not waiter.done():
                    waiter.set_result(None)
            self._load_waiters.clear()

    async def goto(self, url: str, timeout: float = 60) -> None:
        loaded = asyncio.get_running_loop().create_future()
        self._load_waiters.append(loaded)
        await self.send("Page.navigate", {"url": url})
        await asyncio.wait_for(loaded, timeout)

    async def reload(self, timeout: float = 60) -> None:
        loaded = asyncio.get_running_loop().create_future()
        self._load_waiters.append(loaded)
        await self.send("Page.reload", {"ignoreCache": True})
        await asyncio.wait_for(loaded, timeout)

    async def viewport(self, width: int, height: int) -> None:
        await self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    async def evaluate(self, expression: str, timeout: float = 30) -> Any:
        """The JSON value of `expression` (awaited when it is a promise); a page error raises."""
        result = await self.send(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True, "userGesture": True},
            timeout=timeout,
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise CDPError(details.get("exception", {}).get("description") or details.get("text"))
        return result["result"].get("value")

    async def wait_for(self, condition: str, timeout: float = 30, what: str = "") -> Any:
        """Wait until the JavaScript expression `condition` is truthy in the page; its value.
        The page checks it on every DOM change and every 100 ms, so no fixed sleep is involved."""
        message = json.dumps(f"timed out after {timeout}s waiting for {what or condition}")
        script = f"""new Promise((resolve, reject) => {{
            const check = () => {{ try {{ return ({condition}); }} catch (e) {{ return false; }} }};
            const stop = () => {{ observer.disconnect(); clearInterval(tick); clearTimeout(limit); }};
            const poll = () => {{
                const v = check(); if (v) {{ stop(); resolve(typeof v === "object" || v); }} }};
            const observer = new MutationObserver(poll);
            const tick = setInterval(poll, 100);
            const fail = () => {{ stop(); reject(new Error({message})); }};
            const limit = setTimeout(fail, {int(timeout * 1000)});
            const all = {{subtree: true, childList: true, attributes: true, characterData: true}};
            observer.observe(document, all);
            poll();
        }})"""
        return await self.evaluate(script, timeout=timeout + 5)

    async def center_of(self, selector: str) -> tuple[float, float]:
        """Scroll the element into view and return its centre in viewport pixels."""
        box = await self.evaluate(
            f"""(() => {{ const el = document.querySelector({json.dumps(selector)});
                if (!el) throw new Error("no element " + {json.dumps(selector)});
                el.scrollIntoView({{block: "center", inline: "center"}});
                const r = el.getBoundingClientRect();
                return [r.left + r.width / 2, r.top + r.height / 2]; }})()"""
        )
        return box[0], box[1]

    async def click(self, selector: str) -> None:
        """A real mouse click (pressed and released) at the middle of the element."""
        x, y = await self.center_of(selector)
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            params = {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}
            if kind == "mouseMoved":
                params = {"type": kind, "x": x, "y": y}
            await self.send("Input.dispatchMouseEvent", params)

    async def type_text(self, text: str) -> None:
        """Text typed into the focused element (as an input method inserts it)."""
        await self.send("Input.insertText", {"text": text})

    async def press(self, key: str, *, shift: bool = False, ctrl: bool = False) -> None:
        codes = {"Enter": 13, "Escape": 27, "Backspace": 8, "s": 83}
        modifiers = (8 if shift else 0) | (2 if ctrl else 0)
        down = {
            "type": "keyDown",
            "key": key,
            "code": "Enter" if key == "Enter" else f"Key{key.upper()}" if len(key) == 1 else key,
            "windowsVirtualKeyCode": codes.get(key, 0),
            "modifiers": modifiers,
        }
        if key == "Enter" and not ctrl:
            down["text"] = "\r"
        if key == "Backspace":
            down["code"] = "Backspace"
        await self.send("Input.dispatchKeyEvent", down)
        await self.send("Input.dispatchKeyEvent", {**down, "type": "keyUp", "text": ""})

    async def screenshot(self, path: Path) -> Path:
        data = await self.send("Page.captureScreenshot", {"format": "png"})
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data["data"]))
        return path

    def errors(self) -> list[ConsoleEntry]:
        return [e for e in self.console if e.level == "error"]

    def outside_requests(self) -> list[str]:
        """Requests that left this machine's loopback (blob:, data: and the like stay in the page)."""
        local = ("http://127.0.0.1:", "ws://127.0.0.1:", "blob:", "data:", "about:", "chrome:", "devtools:")
        return [url for url in self.requests if not url.startswith(local)]


class Browser:
    """Headless Chromium with a fresh profile, killed (with its children) when closed."""

    def __init__(self, executable: str) -> None:
        self.executable = executable
        self.process: asyncio.subprocess.Process | None = None
        self.profile = Path(tempfile.mkdtemp(prefix="nemo-chromium-"))
        self._ws: Any = None
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._pages: dict[str, Page] = {}
        self._reader: asyncio.Task[None] | None = None
        self.stderr: list[str] = []

    async def start(self, timeout: float = 30) -> None:
        self.process = await asyncio.create_subprocess_exec(
            self.executable,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={self.profile}",
            "about:blank",
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,  # its own process group: killed whole at the end
        )
        url = await asyncio.wait_for(self._devtools_url(), timeout)
        self._ws = await websockets.connect(url, max_size=64 * 1024 * 1024, ping_interval=None)
        self._reader = asyncio.create_task(self._read())

    async def _devtools_url(self) -> str:
        assert self.process and self.process.stderr
        while line := (await self.process.stderr.readline()).decode(errors="replace"):
            self.stderr.append(line)
            if match := re.search(r"DevTools listening on (ws://\S+)", line):
                asyncio.create_task(self._drain_stderr())
                return match.group(1)
        raise CDPError("Chromium exited before it listened: " + "".join(self.stderr[-20:]))

    async def _drain_stderr(self) -> None:
        assert self.process and self.process.stderr
        while line := await self.process.stderr.readline():
            self.stderr = [*self.stderr[-200:], line.decode(errors="replace")]

    async def _read(self) -> None:
        try:
            async for raw in self._ws:
                msg = json.loads(raw)
                if "id" in msg:
                    waiter = self._pending.pop(msg["id"], None)
                    if waiter is not None and not waiter.done():
                        if "error" in msg:
                            waiter.set_exception(CDPError(f"{msg['error'].get('message')}"))
                        else:
                            waiter.set_result(msg.get("result", {}))
                elif (page := self._pages.get(msg.get("sessionId", ""))) is not None:
                    page._on_event(msg["method"], msg.get("params", {}))
        finally:
            for waiter in self._pending.values():
                if not waiter.done():
                    waiter.set_exception(CDPError("the browser connection closed"))

    async def send(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        session_id: str | None = None,
        timeout: float = 30,
    ) -> Any:
        msg_id = next(self._ids)
        waiter = asyncio.get_running_loop().create_future()
        self._pending[msg_id] = waiter
        msg: dict[str, Any] = {"id": msg_id, "method": method, "params": params or {}}
        if session_id:
            msg["sessionId"] = session_id
        await self._ws.send(json.dumps(msg))
        try:
            return await asyncio.wait_for(waiter, timeout)
        finally:
            self._pending.pop(msg_id, None)

    async def new_page(self, width: int = 1366, height: int = 768) -> Page:
        target = await self.send("Target.createTarget", {"url": "about:blank"})
        attached = await self.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})
        page = Page(self, attached["sessionId"])
        self._pages[page.session_id] = page
        for domain in ("Page", "Runtime", "Log", "Network"):
            await page.send(f"{domain}.enable")
        await page.viewport(width, height)
        return page

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self.process is not None and self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            await self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


@contextlib.asynccontextmanager
async def chromium(executable: str) -> AsyncIterator[Browser]:
    browser = Browser(executable)
    try:
        await browser.start()
        yield browser
    finally:
        await browser.close()


def _remote_text(arg: dict[str, Any]) -> str:
    if "value" in arg:
        return str(arg["value"])
    return str(arg.get("description") or arg.get("type"))
