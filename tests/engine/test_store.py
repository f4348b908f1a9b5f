"""The store's credit transactions on a real SQLite file and a real PostgreSQL database: freeze,
charge, settle once, recover; on PostgreSQL also several stores at once, as API nodes share one."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from nemo_tui.engine.storage.store import InsufficientCredits, RateLimited, Store

KW = {"ttl_s": 60, "ip_limit": 0, "window_s": 60}


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where a test's database lives: a SQLite file, or a fresh database on the test cluster."""
    if request.param == "sqlite":
        return tmp_path / "e.db"
    return request.getfixturevalue("postgres").new_database()


def run(coro):
    return asyncio.run(coro)


async def _store(target: str | Path, owner: str | None = None) -> Store:
    store = Store(target, owner=owner)
    await store.open()
    return store


def test_freeze_charge_settle_exactly_once(target):
    async def scenario():
        store = await _store(target)
        issued = await store.issue_anonymous_token("c1", "1.2.3.4", credits=100, **KW)
        account = issued.account.id
        hold = await store.freeze(account, "s1", 30)
        assert (await store.account(account)).frozen == 30
        await store.record_charge(hold, 20)
        await store.record_charge(hold, 20)  # capped at the frozen amount
        assert await store.settle(hold) == 30
        assert await store.settle(hold) == 0  # a second settle changes nothing
        after = await store.account(account)
        await store.close()
        return after

    after = run(scenario())
    assert (after.available, after.frozen) == (70, 0)


def test_not_enough_credits_freezes_nothing(target):
    async def scenario():
        store = await _store(target)
        issued = await store.issue_anonymous_token("c1", "ip", credits=10, **KW)
        with pytest.raises(InsufficientCredits):
            await store.freeze(issued.account.id, "s1", 11)
        account = await store.account(issued.account.id)
        await store.close()
        return account

    account = run(scenario())
    assert (account.available, account.frozen) == (10, 0)


def test_holds_left_by_a_dead_process_are_settled_at_start(target):
    async def first_life():
        store = await _store(target)
        issued = await store.issue_anonymous_token("c1", "ip", credits=100, **KW)
        hold = await store.freeze(issued.account.id, "s1", 25)
        await store.record_charge(hold, 5)  # one tool finished before the crash
        await store.close()
        return issued.account.id

    async def second_life(account_id):
        store = await _store(target)
        settled = await store.settle_stale_holds()
        account = await store.account(account_id)
        await store.close()
        return settled, account

    account_id = run(first_life())
    settled, account = run(second_life(account_id))
    assert settled == 1 and (account.available, account.frozen) == (95, 0)


def test_ip_limit_counts_new_accounts_only(target):
    async def scenario():
        store = await _store(target)
        kw = {"credits": 100, "ttl_s": 60, "ip_limit": 2, "window_s": 3600}
        await store.issue_anonymous_token("a", "ip", **kw)
        await store.issue_anonymous_token("b", "ip", **kw)
        await store.issue_anonymous_token("a", "ip", **kw)  # same client: a fresh token, no new account
        with pytest.raises(RateLimited) as caught:
            await store.issue_anonymous_token("c", "ip", **kw)
        await store.issue_anonymous_token("c", "other-ip", **kw)
        await store.close()
        return caught.value.retry_after

    assert 3500 < run(scenario()) <= 3601


def test_a_live_nodes_holds_are_left_alone_and_a_silent_nodes_are_settled(target):
    """Team servers: node B settles only what node A left once A stops beating."""

    async def scenario():
        a, b = await _store(target, owner="node-a"), await _store(target, owner="node-b")
        account = (await a.issue_anonymous_token("c1", "ip", credits=100, **KW)).account.id
        hold = await a.freeze(account, "s1", 40)
        await a.record_charge(hold, 10)
        alive = await b.settle_stale_holds(silent_for_s=30)  # A beat at freeze: alive
        await asyncio.sleep(0.3)
        await a.beat()
        still_alive = await b.settle_stale_holds(silent_for_s=0.2)
        await asyncio.sleep(0.3)  # A stops beating
        dead = await b.settle_stale_holds(silent_for_s=0.2)
        again = await a.settle(hold)  # A comes back late: nothing left to settle
        balance = await b.account(account)
        await a.close()
        await b.close()
        return alive, still_alive, dead, again, balance

    alive, still_alive, dead, again, balance = run(scenario())
    assert (alive, still_alive, dead, again) == (0, 0, 1, 0)
    assert (balance.available, balance.frozen) == (90, 0)


def test_two_nodes_spending_one_account_at_once_never_overdraw_it(postgres):
    """50 freezes of 7 credits from two stores on one PostgreSQL account of 100: exactly 14 succeed,
    and every hold settled twice at once (once per node) charges once."""
    url = postgres.new_database()

    async def scenario():
        a, b = await _store(url), await _store(url)
        account = (await a.issue_anonymous_token("c1", "ip", credits=100, **KW)).account.id

        async def spend(store: Store) -> str | None:
            try:
                return await store.freeze(account, "s", 7)
            except InsufficientCredits:
                return None

        holds = await asyncio.gather(*(spend(a if i % 2 else b) for i in range(50)))
        taken = [h for h in holds if h is not None]
        for hold in taken:
            await a.record_charge(hold, 7)
        charges = await asyncio.gather(*(s.settle(h) for h in taken for s in (a, b)))
        balance = await a.account(account)
        await a.close()
        await b.close()
        return len(taken), sorted(charges), balance

    taken, charges, balance = run(scenario())
    assert taken == 14
    assert charges == [0] * 14 + [7] * 14
    assert (balance.available, balance.frozen) == (2, 0)


def test_two_nodes_opening_a_new_database_at_once_make_it_once(postgres):
    url = postgres.new_database()

    async def scenario():
        stores = [Store(url) for _ in range(4)]
        await asyncio.gather(*(s.open() for s in stores))
        issued = await stores[0].issue_anonymous_token("c1", "ip", credits=5, **KW)
        seen = await stores[3].account(issued.account.id)
        for store in stores:
            await store.close()
        return seen

    assert run(scenario()).available == 5


def test_session_claims_one_turn_across_nodes_and_a_late_release_keeps_the_next_claim(target):
    async def scenario():
        a, b = await _store(target, owner="node-a"), await _store(target, owner="node-b")
        first = await a.claim_session("s1", silent_for_s=30)
        refused = await b.claim_session("s1", silent_for_s=30)  # a live node's turn runs there
        busy_for_b = await b.session_busy_elsewhere("s1", silent_for_s=30)
        second = await a.claim_session("s1", silent_for_s=30)  # A's next turn, before the first let go
        await a.release_session("s1", first)  # the first turn's late release
        still = await b.session_busy_elsewhere("s1", silent_for_s=30)
        await asyncio.sleep(0.3)
        taken = await b.claim_session("s1", silent_for_s=0.2)  # A fell silent: B takes over
        await a.close()
        await b.close()
        return first, refused, busy_for_b, second, still, taken

    first, refused, busy_for_b, second, still, taken = run(scenario())
    assert first and second and first != second
    assert refused is None and busy_for_b and still
    assert taken is not None
