"""`nemo-tui`: the workspace (no arguments), the headless commands, the local engine and the renderer."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from nemo_tui import __version__

_HEADLESS = ("run", "generate", "credits", "status", "sessions")


def _connection_options(p: argparse.ArgumentParser, default: object) -> None:
    p.add_argument(
        "--api",
        metavar="URL",
        default=default,
        help="remote API URL (default: $NEMO_API_URL, else the local engine)",
    )
    p.add_argument(
        "--session", metavar="ID", default=default, help="open this session instead of the last one"
    )


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="nemo-tui",
        description="Make videos by chat. With no command, opens the terminal workspace.",
        epilog="Exit codes: 0 ok, 1 failed, 2 bad input, 3 auth, 4 out of credits, 5 network/backend, "
        "6 render failed.",
    )
    p.add_argument("--version", action="version", version=f"nemo-tui {__version__}")
    _connection_options(p, None)
    p.add_argument(
        "--graphics",
        choices=("kitty", "sixel", "auto", "off"),
        default=None,
        help="a sharper video preview through the terminal's graphics protocol where it has one "
        "(default: $NEMO_TUI_GRAPHICS, else half-block cells; see README)",
    )
    # The same options are accepted after a command too (`run "x" --session ID`); SUPPRESS keeps a
    # value given before the command when the command's own copy is not used.
    common = argparse.ArgumentParser(add_help=False)
    _connection_options(common, argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    _session_commands(sub, common)
    _engine_commands(sub)
    return p


def _session_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """The commands that talk to a backend through a session: run, generate, credits, status, sessions."""
    run = sub.add_parser("run", parents=[common], help="send one message (and uploads, an export) headlessly")
    run.add_argument("message", nargs="?", default=None)
    run.add_argument("--upload", nargs="+", type=Path, default=[], metavar="FILE")
    run.add_argument("--export", type=Path, metavar="OUT.mp4")
    run.add_argument("--json", action="store_true", help="print one JSON object with the results")

    gen = sub.add_parser("generate", parents=[common], help="a script (and media) to a finished MP4")
    gen.add_argument("script", type=Path, metavar="SCRIPT.txt")
    gen.add_argument("-o", "--out", type=Path, required=True, metavar="OUT.mp4")
    gen.add_argument("--aspect", choices=["16:9", "9:16", "1:1"], default=None)
    gen.add_argument("--duration", type=int, default=30, help="seconds (default 30)")
    gen.add_argument("--media", nargs="+", type=Path, default=[], metavar="FILE")
    gen.add_argument("--json", action="store_true")

    for name, text in (
        ("credits", "show credits"),
        ("status", "show the session's timeline"),
        ("sessions", "list sessions kept on this machine"),
    ):
        sub.add_parser(name, parents=[common], help=text).add_argument("--json", action="store_true")


def _engine_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The commands of the local engine and the renderer: serve, topup, worker, move-data, render."""
    serve = sub.add_parser("serve", help="run the local engine (a NemoVideo-compatible server)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 for any free one)")
    serve.add_argument("--data-dir", type=Path, default=None, help="where the engine keeps its data")
    serve.add_argument("--log-level", default="info", help="uvicorn log level (default info)")
    serve.add_argument(
        "--framing", choices=("engine", "adk"), default=None, help="/run_sse framing (default engine)"
    )
    from nemo_tui.engine.hosting.server import team_arguments

    team_arguments(serve)

    topup = sub.add_parser("topup", help="add credits to this machine's account on the local engine")
    from nemo_tui.cli_topup import add_arguments as topup_arguments

    topup_arguments(topup)

    sub.add_parser(
        "worker",
        add_help=False,
        help="render chunks of a team server's exports (--queue redis://… --media DIR; docs/team.md)",
    )

    move = sub.add_parser("move-data", help="copy a local engine's data to a team server's PostgreSQL")
    from nemo_tui.cli_move import add_arguments as move_arguments

    move_arguments(move)

    render = sub.add_parser("render", help="render a draft JSON file to MP4 offline")
    from nemo_tui.engine.render.cli import add_arguments

    add_arguments(render)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["worker"]:  # Celery's worker: its own options (`nemo-tui worker --help`)
        from nemo_tui.engine.team.worker_cli import main as worker_main

        return worker_main(argv[1:])
    args = _parser().parse_args(argv)
    if args.api:
        os.environ["NEMO_API_URL"] = args.api
    engine_exit = _run_engine_command(args)
    if engine_exit is not None:
        return engine_exit

    from nemo_tui.core.errors import NemoError
    from nemo_tui.core.settings import Settings

    settings = Settings.from_env()
    if args.command is None:
        from nemo_tui.tui.app import run_app

        return run_app(settings, session_id=args.session, graphics=args.graphics) or 0
    from nemo_tui import headless

    try:
        if args.command == "run":
            coro = headless.run(settings, args.message, args.upload, args.export, args.session, args.json)
        elif args.command == "generate":
            coro = headless.generate(
                settings, args.script, args.out, args.aspect, args.duration, args.media, args.json
            )
        else:
            coro = headless.info(settings, args.command, args.session, args.json)
        return asyncio.run(coro)
    except NemoError as exc:
        from nemo_tui.core.notices import notice_for

        notice = notice_for(exc)
        print(
            f"error: {notice.message}" + (f"\n  → {notice.action}" if notice.action else ""), file=sys.stderr
        )
        return headless._EXIT_BY_KIND.get(notice.kind, headless.EXIT_FAILED)
    except KeyboardInterrupt:
        return 130


def _run_engine_command(args: argparse.Namespace) -> int | None:
    """Run `serve`, `topup` or `render` (no session, no backend); None for any other command."""
    if args.command == "serve":
        from nemo_tui.engine.hosting.server import main as serve_main

        argv_out = ["--host", args.host, "--port", str(args.port), "--log-level", args.log_level]
        if args.data_dir:
            argv_out += ["--data-dir", str(args.data_dir)]
        if args.framing:
            argv_out += ["--framing", args.framing]
        for flag in ("db", "media", "queue"):
            if getattr(args, flag):
                argv_out += [f"--{flag}", getattr(args, flag)]
        return serve_main(argv_out) or 0
    if args.command == "topup":
        from nemo_tui.cli_topup import run as topup_run

        return topup_run(args)
    if args.command == "move-data":
        from nemo_tui.cli_move import run as move_run

        return move_run(args)
    if args.command == "render":
        from nemo_tui.engine.render.cli import run as render_run

        return render_run(args)
    return None


if __name__ == "__main__":
    sys.exit(main())
