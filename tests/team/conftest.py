"""A real redis-server on a free loopback port and real Celery workers (`worker_cli`), per session.

Skipped, with the reason, where `redis-server` or Celery is missing (`apt-get install redis-server`;
`pip install -e '.[test]'` brings Celery). Each worker is its own process group, killed at the end.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

RENDER_TESTS = Path(__file__).parent.parent / "render"
sys.path.insert(0, str(RENDER_TESTS))  # the renderer tests' helpers (_render_tools) and their media
_spec = importlib.util.spec_from_file_location("render_conftest", RENDER_TESTS / "conftest.py")
assert _spec is not None and _spec.loader is not None
_render_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_render_conftest)
make_media = _render_conftest.make_media

from team_tools import Team  # noqa: E402

from tests.servers.redis import start_redis  # noqa: E402


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    pytest.importorskip("celery", reason="Celery is not installed (pip install -e '.[test]')")
    proc, url = start_redis(tmp_path_factory.mktemp("redis"))
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("store")


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_media(tmp_path_factory.mktemp("media"))


@pytest.fixture(scope="session")
def team(redis_url: str, store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Team]:
    """Two workers of one process each (`--pool prefork --concurrency 1`), as two machines would be."""
    from nemo_tui.engine.team.celery_app import make_app

    crew = Team(redis_url, store_dir, tmp_path_factory.mktemp("team"))
    crew.app = make_app(redis_url)
    crew.start("w1")
    crew.start("w2")
    try:
        crew.wait_ready(2)
        yield crew
    finally:
        crew.stop()
