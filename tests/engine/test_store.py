"""The store's credit transactions on a real SQLite file: freeze, charge, settle once, recover."""

from __future__ import annotations

import asyncio

import pytest

from nemo_tui.engine.storage.store import InsufficientCredits, RateLimited, Store


def run(coro):
    return asyncio.run(coro)


async def _store(path):
    store = Store(path)
    await store.open()
    return store


def test_freeze_charge_settle_exactly_once(tmp_path):
    async def scenario():
        store = await _store(tmp_path / "e.db")
        issued = await store.issue_anonymous_token(
            "c1", "1.2.3.4", credits=100, ttl_s=60, ip_limit=0, window_s=60
        )
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


def test_not_enough_credits_freezes_nothing(tmp_path):
    async def scenario():
        store = await _store(tmp_path / "e.db")
        issued = await store.issue_anonymous_token("c1", "ip", credits=10, ttl_s=60, ip_limit=0, window_s=60)
        with pytest.raises(InsufficientCredits):
            await store.freeze(issued.account.id, "s1", 11)
        account = await store.account(issued.account.id)
        await store.close()
        return account

    account = run(scenario())
    assert (account.available, account.frozen) == (10, 0)


def test_holds_left_by_a_dead_process_are_settled_at_start(tmp_path):
    async def first_life():
        store = await _store(tmp_path / "e.db")
        issued = await store.issue_anonymous_token("c1", "ip", credits=100, ttl_s=60, ip_limit=0, window_s=60)
        hold = await store.freeze(issued.account.id, "s1", 25)
        await store.record_charge(hold, 5)  # one tool finished before the crash
        await store.close()
        return issued.account.id

    async def second_life(account_id):
        store = await _store(tmp_path / "e.db")
        settled = await store.settle_stale_holds()
        account = await store.account(account_id)
        await store.close()
        return settled, account

    account_id = run(first_life())
    settled, account = run(second_life(account_id))
    assert settled == 1 and (account.available, account.frozen) == (95, 0)


def test_ip_limit_counts_new_accounts_only(tmp_path):
    async def scenario():
        store = await _store(tmp_path / "e.db")
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
