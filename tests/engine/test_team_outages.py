"""A team node when its PostgreSQL goes away and comes back: clear 503s meanwhile, no restart needed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from nemo_tui.engine.hosting.local_engine import LocalEngine
from tests.servers.postgres import Postgres, fresh_postgres, missing_reason

from .helpers import TEST_ENV, chat, client, credits, new_session, new_token


@pytest.fixture
def own_postgres() -> Iterator[Postgres]:
    """A cluster of this test's own: it is stopped and started again."""
    reason = missing_reason()
    if reason:
        pytest.skip(reason)
    with fresh_postgres() as server:
        yield server


def test_a_node_answers_503_while_its_database_is_down_and_recovers_by_itself(
    own_postgres: Postgres, tmp_path: Path
) -> None:
    env = {
        **TEST_ENV,
        "NEMO_ENGINE_DB": own_postgres.new_database(),
        "NEMO_ENGINE_MEDIA": str(tmp_path / "m"),
    }
    with LocalEngine(tmp_path / "node", env=env) as node:
        token, _ = new_token(node.url)
        api = client(node.url, token)
        sid = new_session(api)
        assert chat(api, sid, "title 'Before' for 2 seconds").status == 200
        own_postgres.stop()
        down = api.get("/api/credits/balance/simple")
        assert down.status_code == 503, down.text
        assert "database" in down.json()["message"] and "postgres" not in down.text.lower()
        assert chat(api, sid, "title 'During' for 2 seconds").status == 503
        assert node.running  # the node itself carries on
        own_postgres.start()
        assert credits(api) == {"available": 95, "frozen": 0, "total": 95}
        assert chat(api, sid, "title 'After' for 2 seconds").status == 200
        assert credits(api)["available"] == 90


def test_serve_with_a_database_it_cannot_reach_says_so_without_a_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.servers.ports import free_port

    url = f"postgresql+asyncpg://nemo:s3cret-word@127.0.0.1:{free_port()}/nemo"  # nothing listens there
    command = [sys.executable, "-m", "nemo_tui.cli", "serve", "--port", "0", "--data-dir", str(tmp_path)]
    done = subprocess.run([*command, "--db", url], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert "cannot reach the database" in done.stderr and "127.0.0.1" in done.stderr
    assert "Traceback" not in done.stderr and "s3cret-word" not in done.stderr + done.stdout
    wrong = subprocess.run(
        [*command, "--db", "mysql://nemo@db/nemo"], capture_output=True, text=True, timeout=60
    )
    assert wrong.returncode == 2 and "unsupported database 'mysql'" in wrong.stderr, wrong.stderr
