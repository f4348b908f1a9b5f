"""The engine's own database, on SQLAlchemy Core async: accounts, tokens, credits, tasks, uploads,
render jobs. One code path for SQLite (the laptop default, one file in the data directory) and
PostgreSQL (a team server, several API nodes on one database). Tables and migrations: `tables.py`,
`schema.py`; connections and SQLite's write lock: `database.py`.

Credits move only inside write transactions: a turn *freezes* its estimate in a hold (or, priced tool
by tool, adds each tool's price to it before the tool runs), records what it spent tool by tool, and
*settles* the hold exactly once (`status` goes from `frozen` to `settled`). Money moves by conditional
updates (`available >= amount`) and holds are read `FOR UPDATE`, so two nodes never spend the same
credits or settle a hold twice. Holds and renders carry their `owner` (this process) and a heartbeat
(`beat`): a node settles holds whose owner stopped beating (`settle_stale_holds`).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import RowMapping, Select, case, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from .database import WRITE, database_url, open_engine
from .records import Account, IssuedToken, RenderJob, Task, Upload
from .schema import migrate
from .tables import (
    account_origins,
    accounts,
    holds,
    renders,
    session_turns,
    tasks,
    tokens,
    top_ups,
    uploads,
)

Row = RowMapping


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


def process_owner() -> str:
    """What names this engine process in `owner` columns: host, pid and a random part (pids repeat)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


class Store:
    def __init__(self, target: str | Path, *, busy_timeout_s: float = 30.0, owner: str | None = None) -> None:
        """`target`: a SQLite file's path, or a database URL (`postgresql+asyncpg://…`)."""
        self.url = database_url(target)
        self.owner = owner or process_owner()
        self._busy_timeout_s = busy_timeout_s
        self._engine: AsyncEngine | None = None

    async def open(self) -> None:
        engine = open_engine(self.url, busy_timeout_s=self._busy_timeout_s)
        try:
            await migrate(engine)
        except BaseException:
            await engine.dispose()
            raise
        self._engine = engine

    async def close(self) -> None:
        if self._engine is not None:
            await self._engine.dispose()
            self._engine = None

    @asynccontextmanager
    async def tx(self) -> AsyncIterator[AsyncConnection]:
        """One write transaction; everything inside commits together or not at all."""
        assert self._engine is not None, "store not open"
        async with self._engine.connect() as conn:
            await conn.execution_options(**{WRITE: True})
            async with conn.begin():  # commits where a full disk usually shows (the WAL grows)
                yield conn

    async def _one(self, query: Select[Any]) -> Row | None:
        assert self._engine is not None, "store not open"
        async with self._engine.connect() as conn:
            return (await conn.execute(query)).mappings().first()

    async def _all(self, query: Select[Any]) -> list[Row]:
        assert self._engine is not None, "store not open"
        async with self._engine.connect() as conn:
            return list((await conn.execute(query)).mappings().all())

    # -- accounts and tokens -------------------------------------------------------------------

    async def issue_anonymous_token(
        self, client_id: str, ip: str, *, credits: int, ttl_s: int, ip_limit: int, window_s: int
    ) -> IssuedToken:
        """A fresh token for the client's account (made on first use); older tokens are revoked."""
        try:
            return await self._issue(client_id, ip, credits, ttl_s, ip_limit, window_s)
        except IntegrityError:  # another node made this client's account at the same moment
            return await self._issue(client_id, ip, credits, ttl_s, ip_limit, window_s)

    async def _issue(
        self, client_id: str, ip: str, credits: int, ttl_s: int, ip_limit: int, window_s: int
    ) -> IssuedToken:
        now = time.time()
        token = new_secret("nmv_usr_")
        async with self.tx() as db:
            row = await _first(db, select(accounts.c.id).where(accounts.c.client_id == client_id))
            created = row is None
            if row is None:
                await _check_ip_limit(db, ip, now, ip_limit, window_s)
                account_id = "anon_" + secrets.token_hex(8)
                await db.execute(
                    insert(accounts).values(
                        id=account_id,
                        kind="anonymous",
                        client_id=client_id,
                        created_at=now,
                        available=credits,
                    )
                )
                await db.execute(insert(account_origins).values(ip=ip, account_id=account_id, created_at=now))
            else:
                account_id = row["id"]
                await db.execute(
                    update(tokens)
                    .where(tokens.c.account_id == account_id, tokens.c.kind == "user")
                    .values(revoked=1)
                )
            await db.execute(
                insert(tokens).values(
                    hash=hash_token(token),
                    kind="user",
                    account_id=account_id,
                    created_at=now,
                    expires_at=now + ttl_s,
                )  # fmt: skip
            )
            account = await _account(db, account_id)
        return IssuedToken(token, account, now + ttl_s, created)

    async def account_for_token(self, token: str) -> Account | None:
        row = await self._one(
            select(accounts.c.id, accounts.c.kind, accounts.c.available, accounts.c.frozen)
            .join(tokens, tokens.c.account_id == accounts.c.id)
            .where(
                tokens.c.hash == hash_token(token),
                tokens.c.kind == "user",
                tokens.c.revoked == 0,
                tokens.c.expires_at > time.time(),
            )
        )
        return _to_account(row) if row else None

    async def account(self, account_id: str) -> Account:
        row = await self._one(_account_query(account_id))
        if row is None:
            raise KeyError(account_id)
        return _to_account(row)

    async def issue_claim_token(self, account_id: str, task: Task, ttl_s: int) -> str:
        token = new_secret("clm_")
        now = time.time()
        async with self.tx() as db:
            await db.execute(
                insert(tokens).values(
                    hash=hash_token(token),
                    kind="claim",
                    account_id=account_id,
                    created_at=now,
                    expires_at=now + ttl_s,
                    task_id=task.task_id,
                    session_id=task.session_id,
                )  # fmt: skip
            )
        return token

    # -- tasks -----------------------------------------------------------------------------------

    async def create_task(self, account_id: str, session_id: str, name: str, language: str) -> Task:
        """A new task; sqlalchemy's IntegrityError when `session_id` is taken (by any account)."""
        task = Task("task_" + secrets.token_hex(8), session_id, account_id, name, language, time.time())
        async with self.tx() as db:
            await db.execute(
                insert(tasks).values(
                    session_id=task.session_id,
                    task_id=task.task_id,
                    account_id=account_id,
                    name=name,
                    language=language,
                    created_at=task.created_at,
                )  # fmt: skip
            )
        return task

    async def task_for_session(self, account_id: str, session_id: str) -> Task | None:
        row = await self._one(
            select(tasks).where(tasks.c.session_id == session_id, tasks.c.account_id == account_id)
        )
        return Task(**dict(row)) if row else None

    # -- credits ---------------------------------------------------------------------------------

    async def freeze(self, account_id: str, session_id: str, amount: int) -> str:
        """Move `amount` from available to frozen in a new hold; raises InsufficientCredits."""
        hold_id = "hold_" + secrets.token_hex(8)
        now = time.time()
        async with self.tx() as db:
            await _take(db, account_id, amount)
            await db.execute(
                insert(holds).values(
                    id=hold_id,
                    account_id=account_id,
                    session_id=session_id,
                    amount=amount,
                    status="frozen",
                    created_at=now,
                    owner=self.owner,
                    heartbeat_at=now,
                )  # fmt: skip
            )
        return hold_id

    async def add_to_hold(self, hold_id: str, amount: int) -> None:
        """Freeze `amount` more on a hold still open (a turn paying tool by tool); raises
        InsufficientCredits when the account cannot cover it, and then changes nothing."""
        async with self.tx() as db:
            hold = await _first(
                db,
                select(holds.c.account_id)
                .where(holds.c.id == hold_id, holds.c.status == "frozen")
                .with_for_update(),
            )
            if hold is None:
                raise ValueError(f"hold {hold_id} is not open")
            await _take(db, hold["account_id"], amount)
            await db.execute(
                update(holds).where(holds.c.id == hold_id).values(amount=holds.c.amount + amount)
            )

    async def record_charge(self, hold_id: str, amount: int) -> None:
        """Note that a tool succeeded; the hold's charge never exceeds what it froze."""
        charged = holds.c.charged + amount
        async with self.tx() as db:
            await db.execute(
                update(holds)
                .where(holds.c.id == hold_id, holds.c.status == "frozen")
                .values(charged=case((charged > holds.c.amount, holds.c.amount), else_=charged))
            )

    async def settle(self, hold_id: str) -> int:
        """Charge what the hold recorded, return the rest; a second call does nothing."""
        async with self.tx() as db:
            return await _settle(db, hold_id) or 0

    async def hold(self, account_id: str, hold_id: str) -> tuple[int, int, bool] | None:
        """One of the account's holds: (frozen amount, charged, settled), or None."""
        row = await self._one(
            select(holds.c.amount, holds.c.charged, holds.c.status).where(
                holds.c.id == hold_id, holds.c.account_id == account_id
            )
        )
        return (int(row["amount"]), int(row["charged"]), row["status"] == "settled") if row else None

    async def account_for_client(self, client_id: str) -> Account | None:
        row = await self._one(
            select(accounts.c.id, accounts.c.kind, accounts.c.available, accounts.c.frozen).where(
                accounts.c.client_id == client_id
            )
        )
        return _to_account(row) if row else None

    async def add_credits(self, account_id: str, amount: int) -> Account:
        """A local top-up (see `services/topup.py`): only `available` grows; holds in flight are untouched.

        Each top-up is recorded in `top_ups` in the same transaction (credits never appear unrecorded).
        """
        if amount <= 0:
            raise ValueError("a top-up adds a positive number of credits")
        async with self.tx() as db:
            await db.execute(
                update(accounts)
                .where(accounts.c.id == account_id)
                .values(available=accounts.c.available + amount)
            )
            account = await _account(db, account_id)
            await db.execute(
                insert(top_ups).values(
                    account_id=account_id,
                    amount=amount,
                    available_after=account.available,
                    created_at=time.time(),
                )  # fmt: skip
            )
            return account

    async def top_ups(self, account_id: str) -> list[tuple[int, int, float]]:
        """The account's top-ups, oldest first: (amount, available after, unix time)."""
        rows = await self._all(
            select(top_ups.c.amount, top_ups.c.available_after, top_ups.c.created_at)
            .where(top_ups.c.account_id == account_id)
            .order_by(top_ups.c.created_at, top_ups.c.available_after)
        )
        return [(int(r["amount"]), int(r["available_after"]), float(r["created_at"])) for r in rows]

    async def beat(self) -> None:
        """Say this process is alive: its open holds' and running renders' heartbeats move to now."""
        now = time.time()
        async with self.tx() as db:
            await db.execute(
                update(holds)
                .where(holds.c.owner == self.owner, holds.c.status == "frozen")
                .values(heartbeat_at=now)
            )
            await db.execute(
                update(renders)
                .where(renders.c.owner == self.owner, renders.c.status == "processing")
                .values(heartbeat_at=now)
            )
            await db.execute(
                update(session_turns).where(session_turns.c.owner == self.owner).values(heartbeat_at=now)
            )

    # -- turns across nodes ----------------------------------------------------------------------

    async def claim_session(self, session_id: str, silent_for_s: float) -> str | None:
        """Mark a turn running here in `session_id`; its claim's id, or None when another live node runs
        one there. A claim of a node silent for `silent_for_s` (dead) is taken over, and so is one of
        this node's own (its turn has just ended: the caller's in-process lock already checked)."""
        now = time.time()
        turn_id = secrets.token_hex(8)
        try:
            async with self.tx() as db:
                held = await _first(
                    db,
                    select(session_turns).where(session_turns.c.session_id == session_id).with_for_update(),
                )
                if held is not None:
                    if held["owner"] != self.owner and held["heartbeat_at"] >= now - silent_for_s:
                        return None
                    await db.execute(delete(session_turns).where(session_turns.c.session_id == session_id))
                await db.execute(
                    insert(session_turns).values(
                        session_id=session_id, owner=self.owner, turn_id=turn_id, heartbeat_at=now
                    )
                )
                return turn_id
        except IntegrityError:  # another node claimed it in the same moment
            return None

    async def release_session(self, session_id: str, turn_id: str) -> None:
        """End the claim `turn_id` (a later claim of the same session stays)."""
        async with self.tx() as db:
            await db.execute(
                delete(session_turns).where(
                    session_turns.c.session_id == session_id, session_turns.c.turn_id == turn_id
                )
            )

    async def session_busy_elsewhere(self, session_id: str, silent_for_s: float) -> bool:
        """A live node other than this one runs a turn in `session_id`."""
        row = await self._one(
            select(session_turns.c.owner).where(
                session_turns.c.session_id == session_id,
                session_turns.c.owner != self.owner,
                session_turns.c.heartbeat_at >= time.time() - silent_for_s,
            )
        )
        return row is not None

    async def settle_stale_holds(self, silent_for_s: float | None = None) -> int:
        """Settle, with what they recorded, the holds other processes left frozen: all of them (a laptop
        engine at start, alone on its data directory), or those whose owner has not beaten for
        `silent_for_s` seconds (an API node of a team server, where the others are alive)."""
        query = select(holds.c.id).where(holds.c.status == "frozen", _not_ours(holds.c.owner, self.owner))
        if silent_for_s is not None:
            query = query.where(_silent(holds.c.heartbeat_at, silent_for_s))
        async with self.tx() as db:
            ids = [row["id"] for row in (await db.execute(query)).mappings().all()]
            return sum([await _settle(db, hold_id) is not None for hold_id in ids])

    # -- uploads ---------------------------------------------------------------------------------

    async def add_uploads(self, items: list[Upload]) -> None:
        """Record uploads together: one transaction, so a request's files are all kept or none."""
        async with self.tx() as db:
            for upload in items:
                fields = {name: getattr(upload, name) for name in upload.__dataclass_fields__}
                await db.execute(insert(uploads).values(**fields))

    async def uploads(self, account_id: str, ids: list[str]) -> dict[str, Upload]:
        if not ids:
            return {}
        rows = await self._all(
            select(uploads).where(uploads.c.account_id == account_id, uploads.c.id.in_(ids))
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
        try:
            async with self.tx() as db:
                taken = select(renders.c.id).where(renders.c.account_id == account_id, renders.c.id == job_id)
                if await _first(db, taken):
                    raise DuplicateId(job_id)
                await db.execute(
                    insert(renders).values(
                        id=job_id,
                        account_id=account_id,
                        session_id=session_id,
                        status="pending",
                        draft=draft_json,
                        options=options_json,
                        created_at=now,
                        owner=self.owner,
                        heartbeat_at=now,
                    )  # fmt: skip
                )
        except IntegrityError:  # the same id sent to two nodes at once
            raise DuplicateId(job_id) from None
        job = await self.render(job_id, account_id)
        assert job is not None
        return job

    async def render(self, job_id: str, account_id: str) -> RenderJob | None:
        """A render id names a job only within its account: there is no lookup by id alone."""
        row = await self._one(
            select(renders).where(renders.c.account_id == account_id, renders.c.id == job_id)
        )
        return _to_render(row) if row else None

    async def update_render(self, job_id: str, account_id: str, **fields: Any) -> None:
        if not fields:
            return
        async with self.tx() as db:
            await db.execute(
                update(renders)
                .where(renders.c.account_id == account_id, renders.c.id == job_id)
                .values(**fields)
            )

    async def unfinished_renders(self, account_id: str) -> int:
        row = await self._one(
            select(func.count().label("n")).where(
                renders.c.account_id == account_id, renders.c.status.in_(("pending", "processing"))
            )
        )
        return int(row["n"]) if row else 0

    async def renders_with_status(self, status: str, *, silent_for_s: float | None = None) -> list[RenderJob]:
        """Jobs with `status`, oldest first; with `silent_for_s`, only those of other processes that have
        not beaten for that long (left by a dead node)."""
        query = select(renders).where(renders.c.status == status).order_by(renders.c.created_at)
        if silent_for_s is not None:
            query = query.where(
                _not_ours(renders.c.owner, self.owner), _silent(renders.c.heartbeat_at, silent_for_s)
            )
        return [_to_render(r) for r in await self._all(query)]

    async def claim_render(self, job: RenderJob, status: str) -> bool:
        """Take over a job another process left in `status`: True for exactly one claimant."""
        now = time.time()
        async with self.tx() as db:
            result = await db.execute(
                update(renders)
                .where(
                    renders.c.account_id == job.account_id,
                    renders.c.id == job.id,
                    renders.c.status == status,
                    or_(renders.c.owner.is_(None), renders.c.owner == job.owner),
                )
                .values(owner=self.owner, heartbeat_at=now)
            )
            return bool(result.rowcount == 1)


def _not_ours(column: Any, owner: str) -> Any:
    return or_(column.is_(None), column != owner)


def _silent(column: Any, seconds: float) -> Any:
    return or_(column.is_(None), column < time.time() - seconds)


async def _first(db: AsyncConnection, query: Select[Any]) -> Row | None:
    return (await db.execute(query)).mappings().first()


def _account_query(account_id: str) -> Select[Any]:
    return select(accounts.c.id, accounts.c.kind, accounts.c.available, accounts.c.frozen).where(
        accounts.c.id == account_id
    )


async def _account(db: AsyncConnection, account_id: str) -> Account:
    row = await _first(db, _account_query(account_id))
    if row is None:
        raise KeyError(account_id)
    return _to_account(row)


async def _take(db: AsyncConnection, account_id: str, amount: int) -> None:
    """Move `amount` from available to frozen, or raise InsufficientCredits and move nothing. One
    conditional update: the database checks and moves under the row's lock, whichever node asks."""
    result = await db.execute(
        update(accounts)
        .where(accounts.c.id == account_id, accounts.c.available >= amount)
        .values(available=accounts.c.available - amount, frozen=accounts.c.frozen + amount)
    )
    if result.rowcount != 1:
        raise InsufficientCredits(amount, (await _account(db, account_id)).available)


async def _check_ip_limit(db: AsyncConnection, ip: str, now: float, limit: int, window: int) -> None:
    if limit <= 0:
        return
    rows = (
        await db.execute(
            select(account_origins.c.created_at)
            .where(account_origins.c.ip == ip, account_origins.c.created_at > now - window)
            .order_by(account_origins.c.created_at)
        )
    ).all()
    if len(rows) >= limit:
        oldest = float(rows[len(rows) - limit][0])
        raise RateLimited(max(1, int(oldest + window - now) + 1))


async def _settle(db: AsyncConnection, hold_id: str) -> int | None:
    """Settle one hold (read under its row lock, so a second settle anywhere finds it settled): the
    charge, or None when it was settled already."""
    hold = await _first(
        db, select(holds).where(holds.c.id == hold_id, holds.c.status == "frozen").with_for_update()
    )
    if hold is None:
        return None
    amount = int(hold["amount"])
    charged = min(int(hold["charged"]), amount)
    await db.execute(
        update(accounts)
        .where(accounts.c.id == hold["account_id"])
        .values(
            frozen=accounts.c.frozen - amount,
            available=accounts.c.available + amount - charged,
            spent=accounts.c.spent + charged,
        )
    )
    await db.execute(
        update(holds)
        .where(holds.c.id == hold_id)
        .values(status="settled", charged=charged, settled_at=time.time())
    )
    return charged


def _to_account(row: Row) -> Account:
    return Account(row["id"], row["kind"], int(row["available"]), int(row["frozen"]))


def _to_upload(row: Row) -> Upload:
    data = dict(row)
    data["has_audio"] = bool(data["has_audio"])
    return Upload(**data)


def _to_render(row: Row) -> RenderJob:
    data = dict(row)
    data["draft_json"] = data.pop("draft")
    data["options_json"] = data.pop("options")
    return RenderJob(**data)
