"""The engine's own database (SQLite through aiosqlite): accounts, tokens, credits, tasks, uploads,
render jobs. Its tables, and the migrations of older files, are in `schema.py`.

One connection per engine process, WAL journal and a busy timeout so that a second process (or ADK's
session store in the same folder) can share the file. Every write runs in a `BEGIN IMMEDIATE`
transaction under one asyncio lock, because one aiosqlite connection is shared by all requests.
Credits move only inside those transactions: a turn *freezes* its estimate in a hold (or, priced tool by
tool, adds each tool's price to it before the tool runs), records what it spent tool by tool, and
*settles* the hold exactly once (`status` goes from `frozen` to `settled`).
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from .records import Account, IssuedToken, RenderJob, Task, Upload
from .schema import migrate


class InsufficientCredits(Exception):
    def __init__(self, needed: int, available: int) -> None:
        super().__init__(f"needs {needed} credits, {available} available")
        self.needed = needed
        self.available = available


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


class DuplicateId(Exception):
    pass


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_secret(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)  # 256 random bits


class Store:
    def __init__(self, path: Path, *, busy_timeout_s: float = 30.0) -> None:
        self.path = path
        self._busy_timeout_s = busy_timeout_s
        self._db: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()

    async def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = await aiosqlite.connect(self.path, timeout=self._busy_timeout_s, isolation_level=None)
        db.row_factory = aiosqlite.Row
        await db.execute("PRAGMA journal_mode=WAL")
        await db.execute("PRAGMA synchronous=NORMAL")
        await db.execute(f"PRAGMA busy_timeout={int(self._busy_timeout_s * 1000)}")
        await migrate(db)
        self._db = db

    async def close(self) -> None:
        if self._db is not None:
            await self._db.close()
            self._db = None

    @asynccontextmanager
    async def tx(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction; everything inside commits together or not at all."""
        assert self._db is not None, "store not open"
        async with self._lock:
            await self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                await self._db.execute("COMMIT")  # where a full disk usually shows (the WAL grows)
            except BaseException:
                if self._db.in_transaction:  # SQLite may have rolled back already (SQLITE_FULL)
                    await self._db.execute("ROLLBACK")
                raise

    async def _one(self, sql: str, params: tuple[Any, ...] = ()) -> aiosqlite.Row | None:
        assert self._db is not None, "store not open"
        async with self._lock, self._db.execute(sql, params) as cur:
            return await cur.fetchone()

    async def _all(self, sql: str, params: tuple[Any, ...] = ()) -> list[aiosqlite.Row]:
        assert self._db is not None, "store not open"
        async with self._lock, self._db.execute(sql, params) as cur:
            return list(await cur.fetchall())

    # -- accounts and tokens -------------------------------------------------------------------

    async def issue_anonymous_token(
        self, client_id: str, ip: str, *, credits: int, ttl_s: int, ip_limit: int, window_s: int
    ) -> IssuedToken:
        """A fresh token for the client's account (made on first use); older tokens are revoked."""
        now = time.time()
        token = new_secret("nmv_usr_")
        async with self.tx() as db:
            row = await _fetchone(db, "SELECT id FROM accounts WHERE client_id=?", (client_id,))
            created = row is None
            if row is None:
                await _check_ip_limit(db, ip, now, ip_limit, window_s)
                account_id = "anon_" + secrets.token_hex(8)
                await db.execute(
                    "INSERT INTO accounts (id, kind, client_id, created_at, available) VALUES (?,?,?,?,?)",
                    (account_id, "anonymous", client_id, now, credits),
                )
                await db.execute(
                    "INSERT INTO account_origins (ip, account_id, created_at) VALUES (?,?,?)",
                    (ip, account_id, now),
                )
            else:
                account_id = row["id"]
                await db.execute(
                    "UPDATE tokens SET revoked=1 WHERE account_id=? AND kind='user'", (account_id,)
                )
            await db.execute(
                "INSERT INTO tokens (hash, kind, account_id, created_at, expires_at) VALUES (?,?,?,?,?)",
                (hash_token(token), "user", account_id, now, now + ttl_s),
            )
            account = await _account(db, account_id)
        return IssuedToken(token, account, now + ttl_s, created)

    async def account_for_token(self, token: str) -> Account | None:
        row = await self._one(
            "SELECT a.id, a.kind, a.available, a.frozen FROM tokens t JOIN accounts a ON a.id=t.account_id"
            " WHERE t.hash=? AND t.kind='user' AND t.revoked=0 AND t.expires_at>?",
            (hash_token(token), time.time()),
        )
        return _to_account(row) if row else None

    async def account(self, account_id: str) -> Account:
        assert self._db is not None, "store not open"
        async with self._lock:
            return await _account(self._db, account_id)

    async def issue_claim_token(self, account_id: str, task: Task, ttl_s: int) -> str:
        token = new_secret("clm_")
        now = time.time()
        async with self.tx() as db:
            await db.execute(
                "INSERT INTO tokens (hash, kind, account_id, created_at, expires_at, task_id, session_id)"
                " VALUES (?,?,?,?,?,?,?)",
                (hash_token(token), "claim", account_id, now, now + ttl_s, task.task_id, task.session_id),
            )
        return token

    # -- tasks -----------------------------------------------------------------------------------

    async def create_task(self, account_id: str, session_id: str, name: str, language: str) -> Task:
        task = Task("task_" + secrets.token_hex(8), session_id, account_id, name, language, time.time())
        async with self.tx() as db:
            await db.execute(
                "INSERT INTO tasks (session_id, task_id, account_id, name, language, created_at)"
                " VALUES (?,?,?,?,?,?)",
                (task.session_id, task.task_id, account_id, name, language, task.created_at),
            )
        return task

    async def task_for_session(self, account_id: str, session_id: str) -> Task | None:
        row = await self._one(
            "SELECT * FROM tasks WHERE session_id=? AND account_id=?", (session_id, account_id)
        )
        return Task(**dict(row)) if row else None

    # -- credits ---------------------------------------------------------------------------------

    async def freeze(self, account_id: str, session_id: str, amount: int) -> str:
        """Move `amount` from available to frozen in a new hold; raises InsufficientCredits."""
        hold_id = "hold_" + secrets.token_hex(8)
        async with self.tx() as db:
            cur = await db.execute(
                "UPDATE accounts SET available=available-?, frozen=frozen+? WHERE id=? AND available>=?",
                (amount, amount, account_id, amount),
            )
            if cur.rowcount != 1:
                account = await _account(db, account_id)
                raise InsufficientCredits(amount, account.available)
            await db.execute(
                "INSERT INTO holds (id, account_id, session_id, amount, status, created_at)"
                " VALUES (?,?,?,?,'frozen',?)",
                (hold_id, account_id, session_id, amount, time.time()),
            )
        return hold_id

    async def add_to_hold(self, hold_id: str, amount: int) -> None:
        """Freeze `amount` more on a hold still open (a turn paying tool by tool); raises
        InsufficientCredits when the account cannot cover it, and then changes nothing."""
        async with self.tx() as db:
            hold = await _fetchone(
                db, "SELECT account_id FROM holds WHERE id=? AND status='frozen'", (hold_id,)
            )
            if hold is None:
                raise ValueError(f"hold {hold_id} is not open")
            cur = await db.execute(
                "UPDATE accounts SET available=available-?, frozen=frozen+? WHERE id=? AND available>=?",
                (amount, amount, hold["account_id"], amount),
            )
            if cur.rowcount != 1:
                raise InsufficientCredits(amount, (await _account(db, hold["account_id"])).available)
            await db.execute("UPDATE holds SET amount=amount+? WHERE id=?", (amount, hold_id))

    async def record_charge(self, hold_id: str, amount: int) -> None:
        """Note that a tool succeeded; the hold's charge never exceeds what it froze."""
        async with self.tx() as db:
            await db.execute(
                "UPDATE holds SET charged=MIN(amount, charged+?) WHERE id=? AND status='frozen'",
                (amount, hold_id),
            )

    async def settle(self, hold_id: str) -> int:
        """Charge what the hold recorded, return the rest; a second call does nothing."""
        async with self.tx() as db:
            return await _settle(db, hold_id)

    async def hold(self, account_id: str, hold_id: str) -> tuple[int, int, bool] | None:
        """One of the account's holds: (frozen amount, charged, settled), or None."""
        row = await self._one(
            "SELECT amount, charged, status FROM holds WHERE id=? AND account_id=?", (hold_id, account_id)
        )
        return (int(row["amount"]), int(row["charged"]), row["status"] == "settled") if row else None

    async def account_for_client(self, client_id: str) -> Account | None:
        row = await self._one(
            "SELECT id, kind, available, frozen FROM accounts WHERE client_id=?", (client_id,)
        )
        return _to_account(row) if row else None

    async def add_credits(self, account_id: str, amount: int) -> Account:
        """A local top-up (see `services/topup.py`): only `available` grows; holds in flight are untouched.

        Each top-up is recorded in `top_ups` in the same transaction (credits never appear unrecorded).
        """
        if amount <= 0:
            raise ValueError("a top-up adds a positive number of credits")
        async with self.tx() as db:
            await db.execute("UPDATE accounts SET available=available+? WHERE id=?", (amount, account_id))
            account = await _account(db, account_id)
            await db.execute(
                "INSERT INTO top_ups (account_id, amount, available_after, created_at) VALUES (?,?,?,?)",
                (account_id, amount, account.available, time.time()),
            )
            return account

    async def top_ups(self, account_id: str) -> list[tuple[int, int, float]]:
        """The account's top-ups, oldest first: (amount, available after, unix time)."""
        rows = await self._all(
            "SELECT amount, available_after, created_at FROM top_ups WHERE account_id=? ORDER BY rowid",
            (account_id,),
        )
        return [(int(r[0]), int(r[1]), float(r[2])) for r in rows]

    async def settle_stale_holds(self) -> int:
        """At start: holds left frozen by a process that died are settled with what they recorded."""
        async with self.tx() as db:
            rows = list(await db.execute_fetchall("SELECT id FROM holds WHERE status='frozen'"))
            for row in rows:
                await _settle(db, row["id"])
            return len(rows)

    # -- uploads ---------------------------------------------------------------------------------

    async def add_uploads(self, uploads: list[Upload]) -> None:
        """Record uploads together: one transaction, so a request's files are all kept or none."""
        async with self.tx() as db:
            for upload in uploads:
                fields = upload.__dataclass_fields__
                await db.execute(
                    f"INSERT INTO uploads ({', '.join(fields)}) VALUES ({', '.join('?' * len(fields))})",
                    tuple(getattr(upload, f) for f in fields),
                )

    async def uploads(self, account_id: str, ids: list[str]) -> dict[str, Upload]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = await self._all(
            f"SELECT * FROM uploads WHERE account_id=? AND id IN ({marks})", (account_id, *ids)
        )
        return {row["id"]: _to_upload(row) for row in rows}

    async def upload(self, account_id: str, media_id: str) -> Upload | None:
        return (await self.uploads(account_id, [media_id])).get(media_id)

    # -- render jobs -----------------------------------------------------------------------------

    async def create_render(
        self, job_id: str, account_id: str, session_id: str, draft_json: str, options_json: str
    ) -> RenderJob:
        """A new pending job; DuplicateId if this account already used `job_id` (others may)."""
        now = time.time()
        async with self.tx() as db:
            if await _fetchone(db, "SELECT 1 FROM renders WHERE account_id=? AND id=?", (account_id, job_id)):
                raise DuplicateId(job_id)
            await db.execute(
                "INSERT INTO renders (id, account_id, session_id, status, draft, options, created_at)"
                " VALUES (?,?,?,'pending',?,?,?)",
                (job_id, account_id, session_id, draft_json, options_json, now),
            )
        job = await self.render(job_id, account_id)
        assert job is not None
        return job

    async def render(self, job_id: str, account_id: str) -> RenderJob | None:
        """A render id names a job only within its account: there is no lookup by id alone."""
        row = await self._one("SELECT * FROM renders WHERE account_id=? AND id=?", (account_id, job_id))
        return _to_render(row) if row else None

    async def update_render(self, job_id: str, account_id: str, **fields: Any) -> None:
        if not fields:
            return
        sets = ", ".join(f"{name}=?" for name in fields)
        async with self.tx() as db:
            await db.execute(
                f"UPDATE renders SET {sets} WHERE account_id=? AND id=?",
                (*fields.values(), account_id, job_id),
            )

    async def unfinished_renders(self, account_id: str) -> int:
        row = await self._one(
            "SELECT COUNT(*) FROM renders WHERE account_id=? AND status IN ('pending', 'processing')",
            (account_id,),
        )
        return int(row[0]) if row else 0

    async def renders_with_status(self, status: str) -> list[RenderJob]:
        rows = await self._all("SELECT * FROM renders WHERE status=? ORDER BY created_at", (status,))
        return [_to_render(r) for r in rows]


async def _fetchone(db: aiosqlite.Connection, sql: str, params: tuple[Any, ...]) -> aiosqlite.Row | None:
    async with db.execute(sql, params) as cur:
        return await cur.fetchone()


async def _account(db: aiosqlite.Connection, account_id: str) -> Account:
    row = await _fetchone(db, "SELECT id, kind, available, frozen FROM accounts WHERE id=?", (account_id,))
    if row is None:
        raise KeyError(account_id)
    return _to_account(row)


async def _check_ip_limit(db: aiosqlite.Connection, ip: str, now: float, limit: int, window: int) -> None:
    if limit <= 0:
        return
    rows = list(
        await db.execute_fetchall(
            "SELECT created_at FROM account_origins WHERE ip=? AND created_at>? ORDER BY created_at",
            (ip, now - window),
        )
    )
    if len(rows) >= limit:
        oldest = rows[len(rows) - limit]["created_at"]
        raise RateLimited(max(1, int(oldest + window - now) + 1))


async def _settle(db: aiosqlite.Connection, hold_id: str) -> int:
    hold = await _fetchone(db, "SELECT * FROM holds WHERE id=? AND status='frozen'", (hold_id,))
    if hold is None:
        return 0
    amount = hold["amount"]
    charged: int = min(hold["charged"], amount)
    await db.execute(
        "UPDATE accounts SET frozen=frozen-?, available=available+?, spent=spent+? WHERE id=?",
        (amount, amount - charged, charged, hold["account_id"]),
    )
    await db.execute(
        "UPDATE holds SET status='settled', charged=?, settled_at=? WHERE id=?",
        (charged, time.time(), hold_id),
    )
    return charged


def _to_account(row: aiosqlite.Row) -> Account:
    return Account(row["id"], row["kind"], row["available"], row["frozen"])


def _to_upload(row: aiosqlite.Row) -> Upload:
    data = dict(row)
    data["has_audio"] = bool(data["has_audio"])
    return Upload(**data)


def _to_render(row: aiosqlite.Row) -> RenderJob:
    data = dict(row)
    data["draft_json"] = data.pop("draft")
    data["options_json"] = data.pop("options")
    return RenderJob(**data)
