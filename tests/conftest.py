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
    import shutil
    import tempfile

    from tests.servers.postgres import missing_reason, running_postgres

    reason = missing_reason()
    if reason:
        pytest.skip(reason)
    # Not under pytest's tmp_path: as root the cluster runs as `postgres`, who cannot enter it.
    folder = Path(tempfile.mkdtemp(prefix="nemo-pg-"))
    try:
        with running_postgres(folder) as server:
            yield server
    finally:
        shutil.rmtree(folder, ignore_errors=True)
