"""Local top-up: add credits to an account of this machine's engine, through its data directory.

There is on purpose no HTTP route for this: anyone who can reach the engine's port could mint
credits. Writing the data directory already means owning the engine, so that is the boundary; the
command is `nemo-tui topup N` (`nemo_tui/cli_topup.py`). The engine may be running: a top-up is one
SQLite transaction on the same file (WAL, busy timeout), and the engine reads balances from the
database on every request, so the new credits count at once.

This module imports nothing heavy at the top: the CLI builds its parser from `parse_amount`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..storage.records import Account

TOP_UP_COMMAND = "nemo-tui topup"
TOP_UP_EXAMPLE = f"{TOP_UP_COMMAND} 100"
#: More than this at once is a typo (an extra zero or two), not a top-up.
MAX_TOP_UP = 1_000_000

_WHOLE_NUMBER = re.compile(r"[0-9]+")  # str.isdigit() would also take "²" and other digits


class TopUpRefused(Exception):
    """Nothing was added; the message tells a person why and what to do."""


def parse_amount(text: str) -> int:
    """The number of credits in `text`: a whole number from 1 to MAX_TOP_UP, or ValueError."""
    value = text.strip()  # digits only: "1,5" or "1e3" must not quietly become some other number
    if not _WHOLE_NUMBER.fullmatch(value):
        raise ValueError(f"{text!r} is not a positive whole number (for example: {TOP_UP_EXAMPLE})")
    amount = int(value)
    if amount < 1:
        raise ValueError("add at least 1 credit")
    if amount > MAX_TOP_UP:
        raise ValueError(f"{amount:,} credits at once is too many; the most is {MAX_TOP_UP:,}")
    return amount


async def top_up(data_dir: Path, client_id: str, amount: int) -> Account:
    """Add `amount` credits to the account that `client_id` made on the engine kept in `data_dir`."""
    from ..hosting.config import EngineConfig
    from ..storage.store import Store

    if not 1 <= amount <= MAX_TOP_UP:
        raise TopUpRefused(f"A top-up is 1 to {MAX_TOP_UP:,} credits.")
    db_path = EngineConfig(data_dir=data_dir).db_path
    if not db_path.is_file():  # never make an empty database here: the engine makes its own
        raise TopUpRefused(
            f"No local engine data in {data_dir}: start `nemo-tui` once to make an account, or give "
            "the engine's --data-dir."
        )
    store = Store(db_path)
    await store.open()
    try:
        account = await store.account_for_client(client_id)
        if account is None:
            raise TopUpRefused(
                f"This machine has no account on the local engine in {data_dir} yet: run `nemo-tui` "
                "(or `nemo-tui credits`) once, then top up."
            )
        return await store.add_credits(account.id, amount)
    finally:
        await store.close()
