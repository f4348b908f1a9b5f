"""The engine database before and after SQLAlchemy Core, side by side in one run.

    python benchmarks/store/run.py [--ops 500] [--postgres]

`old` is the aiosqlite store as it was at commit ea3355c (loaded from git into a temp package), `new`
the SQLAlchemy store on the same kind of SQLite file, and with `--postgres` the new store on a
PostgreSQL cluster started in a temp dir (tests/servers/postgres.py). Each does: `--ops` turns one
after another (freeze, record a charge, settle), then 50 sessions at once doing 10 such turns each.
Prints milliseconds per turn (median of 3 runs).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OLD_COMMIT = "ea3355c"


def old_store_class(folder: Path) -> Any:
    package = folder / "old_storage"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name in ("store.py", "schema.py", "records.py"):
        source = subprocess.run(
            ["git", "show", f"{OLD_COMMIT}:nemo_tui/engine/storage/{name}"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        (package / name).write_text(source)
    sys.path.insert(0, str(folder))
    return importlib.import_module("old_storage.store").Store


async def turns(store: Any, account: str, session: str, n: int) -> None:
    for _ in range(n):
        hold = await store.freeze(account, session, 5)
        await store.record_charge(hold, 5)
        await store.settle(hold)


async def measure(make: Any, ops: int) -> tuple[float, float]:
    store = make()
    await store.open()
    try:
        issued = await store.issue_anonymous_token(
            f"bench-{time.time_ns()}", "ip", credits=10**9, ttl_s=60, ip_limit=0, window_s=60
        )
        account = issued.account.id
        started = time.perf_counter()
        await turns(store, account, "s", ops)
        one_by_one = (time.perf_counter() - started) / ops * 1000
        started = time.perf_counter()
        await asyncio.gather(*(turns(store, account, f"s{i}", 10) for i in range(50)))
        together = (time.perf_counter() - started) / 500 * 1000
        return one_by_one, together
    finally:
        await store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ops", type=int, default=500)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from nemo_tui.engine.storage.store import Store

    work = Path(tempfile.mkdtemp(prefix="nemo-store-bench-"))
    Old = old_store_class(work)
    cases: dict[str, Any] = {
        "old (aiosqlite)": lambda: Old(work / f"old-{time.time_ns()}.db"),
        "new, SQLite": lambda: Store(work / f"new-{time.time_ns()}.db"),
    }
    server = None
    if args.postgres:
        from tests.servers.postgres import fresh_postgres

        server = fresh_postgres()
        pg = server.__enter__()
        cases["new, PostgreSQL"] = lambda: Store(pg.new_database())
    try:
        print(f"{'store':<18} {'one by one':>12} {'50 at once':>12}   (ms per turn: freeze, charge, settle)")
        for name, make in cases.items():
            runs = [asyncio.run(measure(make, args.ops)) for _ in range(3)]
            one = statistics.median(r[0] for r in runs)
            many = statistics.median(r[1] for r in runs)
            print(f"{name:<18} {one:>12.2f} {many:>12.2f}")
    finally:
        if server is not None:
            server.__exit__(None, None, None)


if __name__ == "__main__":
    main()
