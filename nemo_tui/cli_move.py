"""`nemo-tui move-data --to URL [--data-dir DIR] [--media DIR]`: a laptop engine's data to a team server.

The work is in `nemo_tui.engine.hosting.move_data`; this prints what was moved, never the URL's password.
Exit codes: 0 moved, 1 refused (no data, target not empty, engine running, database unreachable).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", required=True, metavar="URL", help="postgresql+asyncpg://user@host/db")
    parser.add_argument("--data-dir", type=Path, default=None, help="the engine's data directory")
    parser.add_argument("--media", type=Path, default=None, metavar="DIR", help="shared media folder")


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from nemo_tui.engine.hosting.config import default_data_dir
    from nemo_tui.engine.hosting.datalock import DataDirInUse
    from nemo_tui.engine.hosting.move_data import MoveRefused, move_data
    from nemo_tui.engine.storage.database import UnsupportedDatabase, shown

    data_dir = (args.data_dir or default_data_dir()).expanduser().resolve()
    try:
        where = shown(args.to)
        moved = asyncio.run(move_data(data_dir, args.to, args.media))
    except (MoveRefused, DataDirInUse, UnsupportedDatabase) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (SQLAlchemyError, OSError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(f"error: could not move the data: {reason}", file=sys.stderr)
        return 1
    rows = ", ".join(f"{n} {name}" for name, n in moved.rows.items() if n)
    print(f"moved {data_dir} to {where}: {rows or 'no rows'}; {moved.sessions} sessions")
    print(f"  ({moved.events} events); {moved.files} files" + (f" to {args.media}" if args.media else ""))
    return 0
