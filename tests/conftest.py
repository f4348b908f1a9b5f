"""Shared fixtures: every test keeps its config and data out of $HOME."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("NEMO_DATA_DIR", str(home / "data"))
    for name in ("NEMO_API_URL", "NEMO_TOKEN", "NEMO_CLIENT_ID"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def data_dir() -> Path:
    import os

    return Path(os.environ["NEMO_DATA_DIR"])


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL cluster on a loopback port for the whole run (skipped when not installed)."""
    from tests.servers.postgres import fresh_postgres, missing_reason

    reason = missing_reason()
    if reason:
        pytest.skip(reason)
    with fresh_postgres() as server:
        yield server
