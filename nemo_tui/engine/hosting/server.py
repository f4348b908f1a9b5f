"""Run the engine: `nemo-tui serve` and `python -m nemo_tui.engine` both call `main(argv)`.

The socket is bound before the app is built, so the engine knows its own URL (for `cdn_url`s) even
with `--port 0`; once uvicorn listens, one line goes to stdout: `NEMO_ENGINE_READY <url>`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import logging
import socket
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .datalock import DataDirLock

READY_PREFIX = "NEMO_ENGINE_READY"
IN_USE_PREFIX = "NEMO_ENGINE_IN_USE"  # another engine holds the data dir; its URL follows
EXIT_IN_USE = 3


def build_parser(prog: str = "nemo-tui serve") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Run the local NemoVideo-compatible engine.")
    add_arguments(parser)
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `serve` options, for a CLI that builds its own subcommand parser."""
    parser.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="port (default 0: any free port)")
    parser.add_argument("--data-dir", type=Path, default=None, help="where the engine keeps its data")
    parser.add_argument(
        "--framing",
        choices=("engine", "adk"),
        default=None,
        help="/run_sse framing: engine (ids, heartbeats, re-attach; default) or adk (exactly stock ADK)",
    )
    parser.add_argument("--log-level", default="warning", help="uvicorn log level (default warning)")
    team_arguments(parser)
    parser.add_argument(
        "--exit-with-parent",
        action="store_true",
        help="stop when standard input closes (the launcher keeps a pipe open while it lives)",
    )


def team_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of a team server (docs/team.md); each mirrors an environment variable."""
    parser.add_argument(
        "--db",
        default=None,
        metavar="URL",
        help="shared database, postgresql+asyncpg://user@host/db (NEMO_ENGINE_DB; default: SQLite files "
        "in the data directory). Prefer the variable when the URL holds a password.",
    )
    parser.add_argument(
        "--media", default=None, metavar="DIR", help="shared media folder (NEMO_ENGINE_MEDIA)"
    )
    parser.add_argument(
        "--queue",
        default=None,
        metavar="URL",
        help="Celery broker for render workers, redis://host:6379/0 (NEMO_ENGINE_QUEUE)",
    )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def url_for(sock: socket.socket, host: str) -> str:
    port = sock.getsockname()[1]
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else ("[::1]" if host == "::" else host)
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


class QueryValuesHidden(logging.Filter):
    """uvicorn's access log line keeps the path and the names of query parameters, never their
    values: a token passed as `?token=` must not reach a log."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            path, _, query = args[2].partition("?")
            names = "&".join(f"{part.split('=', 1)[0]}=***" for part in query.split("&") if part)
            record.args = (*args[:2], f"{path}?{names}", *args[3:])
        return True


def _stop_on_stdin_eof(server: object, loop: asyncio.AbstractEventLoop) -> None:
    """Ask `server` to stop once stdin reaches EOF: the parent that holds the pipe has gone.

    This is what keeps an engine from outliving a TUI or a kernel that was killed outright.
    """

    def watch() -> None:
        with contextlib.suppress(OSError, ValueError):
            while sys.stdin.buffer.read(4096):
                pass
        loop.call_soon_threadsafe(setattr, server, "should_exit", True)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


async def serve(
    config: object, *, log_level: str = "warning", ready: object = None, exit_with_parent: bool = False
) -> None:
    """Serve `config` (an EngineConfig) until stopped; print the ready line once listening. Raises
    DataDirInUse when another engine holds the data directory."""
    from .config import EngineConfig
    from .datalock import DataDirLock

    assert isinstance(config, EngineConfig)
    lock = await asyncio.to_thread(DataDirLock.acquire, config.data_dir)
    try:
        await _serve_locked(config, lock, log_level=log_level, ready=ready, exit_with_parent=exit_with_parent)
    finally:
        lock.release()


async def _serve_locked(
    config: Any, lock: DataDirLock, *, log_level: str, ready: object, exit_with_parent: bool
) -> None:
    import uvicorn

    from .asgi_app import create_app

    sock = bind(config.host, config.port)
    config.public_url = url_for(sock, config.host)
    app = create_app(config)

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if not self.should_exit:
                lock.publish(config.public_url)
                print(f"{READY_PREFIX} {config.public_url}", flush=True)
                if callable(ready):
                    ready(config.public_url)

    server = Server(uvicorn.Config(app, log_level=log_level, lifespan="on", timeout_graceful_shutdown=5))
    logging.getLogger("uvicorn.access").addFilter(QueryValuesHidden())  # the config set its loggers
    if exit_with_parent:
        _stop_on_stdin_eof(server, asyncio.get_running_loop())
    await server.serve(sockets=[sock])


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `nemo-tui serve`: parse the serve options, run until Ctrl+C or SIGTERM."""
    args = build_parser().parse_args(argv)
    return run(args)


def run(args: argparse.Namespace) -> int:
    """Run with options already parsed (by `build_parser` or a parser that used `add_arguments`)."""
    from .config import EngineConfig, TeamSettingsError, check_team_settings
    from .datalock import DataDirInUse

    level = getattr(logging, str(args.log_level).upper(), logging.WARNING)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    framing = getattr(args, "framing", None)
    config = EngineConfig.from_env(
        host=args.host,
        port=args.port,
        data_dir=args.data_dir,
        framing=framing,
        db_url=getattr(args, "db", None),
        media_dir=getattr(args, "media", None),
        queue_url=getattr(args, "queue", None),
    )
    try:
        check_team_settings(config)
    except TeamSettingsError as exc:
        print(f"error: {exc}", file=sys.stderr, flush=True)
        return 2
    if config.db_url:
        from ..storage.database import UnsupportedDatabase, database_url, shown, unreachable_reason

        try:
            url = database_url(config.db_url)
        except UnsupportedDatabase as exc:
            print(f"error: --db: {exc}", file=sys.stderr, flush=True)
            return 2
        reason = asyncio.run(unreachable_reason(url))
        if reason:
            print(f"error: cannot reach the database at {shown(url)}: {reason}", file=sys.stderr, flush=True)
            return 1
    if not is_loopback(config.host):
        print(
            f"warning: listening on {config.host}, not loopback: anyone who can reach this address can "
            "use the engine (anonymous tokens are free).",
            file=sys.stderr,
            flush=True,
        )
    try:
        asyncio.run(serve(config, log_level=args.log_level, exit_with_parent=args.exit_with_parent))
    except KeyboardInterrupt:
        pass
    except DataDirInUse as exc:
        if exc.url:  # the launcher reads this line and uses the running engine
            print(f"{IN_USE_PREFIX} {exc.url}", flush=True)
        print(f"error: {exc}", file=sys.stderr, flush=True)
        return EXIT_IN_USE
    except OSError as exc:
        print(f"error: cannot listen on {config.host}:{config.port}: {exc}", file=sys.stderr)
        return 1
    return 0
