from __future__ import annotations

import os
import stat
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from nemo_tui import __version__
from nemo_tui.core.settings import CLOUD_API_URL, DEFAULT_WEB_URL, Settings, TokenCache


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_defaults_and_overrides(tmp_path: Path) -> None:
    s = Settings.from_env({"NEMO_CONFIG_DIR": str(tmp_path / "c"), "NEMO_DATA_DIR": str(tmp_path / "d")})
    assert s.api_url is None and s.uses_local_engine  # no URL: the local engine
    assert s.web_url == DEFAULT_WEB_URL
    assert (s.config_dir, s.data_dir) == (tmp_path / "c", tmp_path / "d")
    assert s.platform == "unknown" and s.skill_source == "generator-online" and s.skill_version == __version__
    assert s.attribution_headers() == {
        "X-Skill-Source": "generator-online",
        "X-Skill-Version": __version__,
        "X-Skill-Platform": "unknown",
    }
    assert CLOUD_API_URL == "https://mega-api-prod.nemovideo.ai"

    env = {
        "NEMO_API_URL": "https://api.example/",
        "NEMO_WEB_URL": "https://web.example/",
        "NEMO_TOKEN": "nmv_usr_envtoken",
        "NEMO_CLIENT_ID": "my-client",
        "SKILL_SOURCE": "cursor",
        "LANG": "zh_CN.UTF-8",
    }
    s = Settings.from_env(env)
    assert s.api_url == "https://api.example" and not s.uses_local_engine
    assert s.web_url == "https://web.example"
    assert s.token is not None and s.token.get_secret_value() == "nmv_usr_envtoken"
    assert "nmv_usr_envtoken" not in repr(s)
    assert s.client_id() == "my-client"
    assert s.attribution_headers()["X-Skill-Platform"] == "cursor"
    assert s.language == "zh-CN"
    assert Settings.from_env({"NEMO_API_URL": "  "}).api_url is None


def test_for_backend_keys_the_token_cache() -> None:
    s = Settings.from_env().for_backend("http://127.0.0.1:4567/", "local")
    assert s.api_url == "http://127.0.0.1:4567" and s.token_cache_key == "local"
    assert Settings.from_env().with_api_url("http://x/").token_cache_key == "http://x"
    cloud = Settings.from_env({"NEMO_TOKEN": "nmv_usr_cloud", "NEMO_API_URL": "https://api.example"})
    assert cloud.for_backend("https://api.example", "https://api.example").env_token is not None
    assert cloud.with_api_url("https://api.example").env_token is not None
    assert cloud.for_backend("http://127.0.0.1:4567", "local").env_token is None  # stays with the cloud


def test_client_id_created_once_with_mode_0600(tmp_path: Path) -> None:
    s = Settings.from_env({"NEMO_CONFIG_DIR": str(tmp_path / "cfg")})
    first = s.client_id()
    uuid.UUID(first)  # a real uuid4
    assert s.client_id_path == tmp_path / "cfg" / "client_id"
    assert mode(s.client_id_path) == 0o600
    assert Settings.from_env({"NEMO_CONFIG_DIR": str(tmp_path / "cfg")}).client_id() == first


def test_client_id_file_of_another_tool_is_reused_and_tightened(tmp_path: Path) -> None:
    path = tmp_path / "client_id"
    path.write_text("shared-id-from-the-skill\n")
    os.chmod(path, 0o644)
    s = Settings.from_env({"NEMO_CONFIG_DIR": str(tmp_path)})
    assert s.client_id() == "shared-id-from-the-skill"
    assert mode(path) == 0o600


def test_token_cache_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    later = datetime.now(UTC) + timedelta(days=7)
    TokenCache(path).save("https://a.example/", "nmv_usr_A", later, "anon_a")
    TokenCache(path).save("http://127.0.0.1:1", "nmv_usr_B", None, None)
    assert mode(path) == 0o600

    again = TokenCache(path)  # a new process
    a = again.load("https://a.example")
    assert a is not None and a.token.get_secret_value() == "nmv_usr_A" and a.user_id == "anon_a"
    assert a.expires_at == later
    b = again.load("http://127.0.0.1:1")
    assert b is not None and b.token.get_secret_value() == "nmv_usr_B"
    assert again.load("https://other.example") is None  # never another backend's token
    assert "nmv_usr_A" not in repr(a) and "nmv_usr_A" not in repr(again)

    again.clear("https://a.example")
    assert TokenCache(path).load("https://a.example") is None
    assert TokenCache(path).load("http://127.0.0.1:1") is not None


def test_token_cache_ignores_expired_and_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    TokenCache(path).save("u", "nmv_usr_old", datetime.now(UTC) - timedelta(seconds=1))
    assert TokenCache(path).load("u") is None
    path.write_text("{not json")
    assert TokenCache(path).load("u") is None
    TokenCache(path).save("u", "nmv_usr_new")  # a corrupt file is replaced, not fatal
    assert TokenCache(path).load("u") is not None


@pytest.mark.parametrize(
    ("env", "expected"), [({}, "en"), ({"NEMO_LANGUAGE": "ja"}, "ja"), ({"LANG": "C"}, "en")]
)
def test_language(env: dict[str, str], expected: str) -> None:
    assert Settings.from_env(env).language == expected
