"""`nemo-tui topup N [--data-dir DIR] [--json]`: add N credits to this machine's local-engine account.

The account is the one this machine's client id made on the local engine (the engine the workspace
starts, or `nemo-tui serve` on the same data directory). The work is in `nemo_tui.engine.topup`; this
module only finds the data directory and the client id and prints the result. Neither the token nor
the client id is ever printed. Exit codes: 0 added, 1 refused (no engine data or no account yet),
2 a bad N (argparse's usage error).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nemo_tui.engine.services.topup import MAX_TOP_UP, TopUpRefused, parse_amount, top_up

if TYPE_CHECKING:
    from nemo_tui.core.settings import Settings

EXIT_OK, EXIT_REFUSED = 0, 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "amount", metavar="N", type=_amount, help=f"credits to add, a whole number from 1 to {MAX_TOP_UP:,}"
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=None,
        help="the local engine's data directory, as given to `serve` (default: the workspace's engine)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object with the new balance")


def _amount(text: str) -> int:
    try:
        return parse_amount(text)
    except ValueError as exc:  # argparse prints it with the usage line and exits with 2
        raise argparse.ArgumentTypeError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    from nemo_tui.core.settings import Settings  # deferred, as in cli.main: `--help` stays quick

    settings = Settings.from_env()
    data_dir = (args.data_dir or settings.data_dir / "engine").expanduser()
    try:
        client_id = _existing_client_id(settings)
        account = asyncio.run(top_up(data_dir, client_id, args.amount))
    except TopUpRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    balance = {"available": account.available, "frozen": account.frozen, "total": account.total}
    if args.json:
        print(json.dumps({"added": args.amount, **balance}))
    else:
        print(
            f"Added {args.amount:,} credits on the local engine: {account.available:,} available, "
            f"{account.frozen:,} frozen, {account.total:,} total."
        )
    return EXIT_OK


def _existing_client_id(settings: Settings) -> str:
    """NEMO_CLIENT_ID or the saved id; never a new one (that would name an account that is not there)."""
    try:
        saved = settings.client_id_path.read_text(encoding="utf-8").strip()
    except OSError:
        saved = ""
    client_id = settings.client_id_env or saved
    if not client_id:
        raise TopUpRefused("This machine has no client id yet: run `nemo-tui` once, then top up.")
    return client_id
