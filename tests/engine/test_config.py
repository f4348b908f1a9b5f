"""Engine settings from the environment, and the loopback check behind the `--host` warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from nemo_tui.engine.hosting.config import EngineConfig
from nemo_tui.engine.hosting.server import is_loopback


def test_settings_from_environment_and_overrides(tmp_path):
    env = {
        "NEMO_ENGINE_TEST_HOOKS": "1",
        "NEMO_ENGINE_HEARTBEAT_S": "0.2",
        "NEMO_ENGINE_UPLOAD_MAX_BYTES": "1000",
        "NEMO_ENGINE_DATA_DIR": str(tmp_path / "from-env"),
    }
    config = EngineConfig.from_env(env, port=0, data_dir=tmp_path / "from-cli", host=None)
    assert config.test_hooks and config.heartbeat_s == 0.2 and config.upload_max_bytes == 1000
    assert config.data_dir == (tmp_path / "from-cli").resolve() and config.host == "127.0.0.1"
    assert config.prices["generate_video"] == 20 and config.prices["show_timeline"] == 0
    assert EngineConfig.from_env({}).data_dir.name == "engine"
    with pytest.raises(ValueError, match="NEMO_ENGINE_HEARTBEAT_S"):
        EngineConfig.from_env({"NEMO_ENGINE_HEARTBEAT_S": "often"})
    assert isinstance(config.db_path, Path)


HOSTS = [
    ("127.0.0.1", True),
    ("::1", True),
    ("localhost", True),
    ("0.0.0.0", False),
    ("192.168.1.5", False),
    ("example.com", False),
]


@pytest.mark.parametrize(("host", "loopback"), HOSTS)
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback
