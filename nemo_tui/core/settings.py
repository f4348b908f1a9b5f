"""Settings from the environment, the persistent client id, and the token cache.

Both files hold identifiers or secrets, so both are written with mode 0600. The client id is kept
where the other NemoVideo tools keep it (`~/.config/nemovideo/client_id`): a new id per run would
burn the per-IP token quota (10 per 7 days).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import SecretStr

from nemo_tui import __version__

CLOUD_API_URL = "https://mega-api-prod.nemovideo.ai"
DEFAULT_WEB_URL = "https://nemovideo.com"
SKILL_SOURCE = "generator-online"


def detect_platform(env: Mapping[str, str]) -> str:
    """`SKILL_SOURCE` if set, else the platform whose install folder holds us, else `unknown`."""
    if env.get("SKILL_SOURCE"):
        return env["SKILL_SOURCE"]
    parts = Path(__file__).resolve().parts
    if ".clawhub" in parts:
        return "clawhub"
    if ".cursor" in parts:
        return "cursor"
    return "unknown"


def detect_language(env: Mapping[str, str]) -> str:
    """NEMO_LANGUAGE, else the locale (`zh_CN.UTF-8` → `zh-CN`), else `en`."""
    if env.get("NEMO_LANGUAGE"):
        return env["NEMO_LANGUAGE"]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").split(".")[0].split("@")[0]
        if value and value not in ("C", "POSIX"):
            return value.replace("_", "-")
    return "en"


def _default_config_dir(env: Mapping[str, str], platform: str = sys.platform) -> Path:
    if platform.startswith("linux"):
        return platformdirs.user_config_path("nemovideo")  # honours XDG_CONFIG_HOME
    # The public NemoVideo skills use ~/.config/nemovideo on every OS; share their client id.
    return Path(env.get("HOME") or Path.home()) / ".config" / "nemovideo"


def tighten(path: Path) -> None:
    """Owner-only access to an existing file that holds ids or tokens (made by another tool, or by an
    older version with a looser mode)."""
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)


def _private_write(path: Path, text: str) -> None:
    """Write `text` to `path` atomically, readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


@dataclass(frozen=True)
class CachedToken:
    token: SecretStr
    expires_at: datetime | None = None
    user_id: str | None = None

    def valid(self, margin: timedelta = timedelta(minutes=5)) -> bool:
        return self.expires_at is None or self.expires_at - margin > datetime.now(UTC)


class TokenCache:
    """Tokens by API base URL in one 0600 JSON file, so a restart does not fetch a new one.

    Keyed per URL so that a local engine's token is never sent to the cloud, nor the reverse.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def __repr__(self) -> str:
        return f"TokenCache({str(self.path)!r})"

    @staticmethod
    def _key(api_url: str) -> str:
        return api_url.rstrip("/").lower()

    def _read(self) -> dict[str, Any]:
        with contextlib.suppress(OSError):  # a file left readable by others is tightened when read
            tighten(self.path)
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def load(self, api_url: str) -> CachedToken | None:
        """The cached token for `api_url`, or None when absent, corrupt or expired."""
        entry = self._read().get(self._key(api_url))
        if not isinstance(entry, dict) or not isinstance(entry.get("token"), str):
            return None
        expires_at = None
        if entry.get("expires_at"):
            try:
                expires_at = datetime.fromisoformat(entry["expires_at"])
            except ValueError:
                return None
            if expires_at.tzinfo is None:
                expires_at = expires_at.replace(tzinfo=UTC)
        cached = CachedToken(SecretStr(entry["token"]), expires_at, entry.get("user_id"))
        return cached if cached.valid() else None

    def save(
        self, api_url: str, token: str, expires_at: datetime | None = None, user_id: str | None = None
    ) -> None:
        data = self._read()
        data[self._key(api_url)] = {
            "token": token,
            "expires_at": expires_at.isoformat() if expires_at else None,
            "user_id": user_id,
        }
        _private_write(self.path, json.dumps(data, indent=1))

    def clear(self, api_url: str) -> None:
        data = self._read()
        if data.pop(self._key(api_url), None) is not None:
            _private_write(self.path, json.dumps(data, indent=1))


@dataclass(frozen=True)
class Settings:
    """Everything the client needs to know about where and as whom it talks."""

    api_url: str | None = None  # None: use the local engine (the launcher fills this in)
    web_url: str = DEFAULT_WEB_URL
    token: SecretStr | None = field(default=None, repr=False)
    client_id_env: str | None = None  # NEMO_CLIENT_ID, when set
    platform: str = "unknown"
    skill_source: str = SKILL_SOURCE
    skill_version: str = __version__
    language: str = "en"  # sent when a session is created
    token_key: str | None = None  # token cache key; defaults to api_url (see for_backend)
    config_dir: Path = field(default_factory=lambda: _default_config_dir(os.environ))
    data_dir: Path = field(default_factory=lambda: platformdirs.user_data_path("nemo-tui"))

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        api_url = (env.get("NEMO_API_URL") or "").strip().rstrip("/") or None
        token = (env.get("NEMO_TOKEN") or "").strip()
        config_dir = env.get("NEMO_CONFIG_DIR")
        data_dir = env.get("NEMO_DATA_DIR")
        return cls(
            api_url=api_url,
            web_url=(env.get("NEMO_WEB_URL") or "").strip().rstrip("/") or DEFAULT_WEB_URL,
            token=SecretStr(token) if token else None,
            client_id_env=(env.get("NEMO_CLIENT_ID") or "").strip() or None,
            platform=detect_platform(env),
            language=detect_language(env),
            config_dir=Path(config_dir) if config_dir else _default_config_dir(env),
            data_dir=Path(data_dir) if data_dir else platformdirs.user_data_path("nemo-tui"),
        )

    def with_api_url(self, api_url: str | None) -> Settings:
        """A copy pointing at another backend (e.g. the local engine once it listens)."""
        return replace(self, api_url=api_url.rstrip("/") if api_url else None)

    def for_backend(self, url: str, key: str | None = None) -> Settings:
        """A copy for a running backend; `key` names its tokens in the cache (the local engine's
        port changes on every start, so it is cached under a stable key such as "local")."""
        return replace(self, api_url=url.rstrip("/"), token_key=key)

    @property
    def token_cache_key(self) -> str:
        return self.token_key or self.api_url or ""

    @property
    def env_token(self) -> SecretStr | None:
        """NEMO_TOKEN, unless this backend is keyed apart (the local engine): a cloud token stays
        with the cloud."""
        if self.token_key is not None and self.token_key.rstrip("/") != (self.api_url or ""):
            return None
        return self.token

    @property
    def uses_local_engine(self) -> bool:
        return self.api_url is None

    @property
    def client_id_path(self) -> Path:
        return self.config_dir / "client_id"

    @property
    def token_cache_path(self) -> Path:
        return self.config_dir / "nemo_tui_tokens.json"

    def token_cache(self) -> TokenCache:
        return TokenCache(self.token_cache_path)

    def client_id(self) -> str:
        """NEMO_CLIENT_ID, else the persisted id, else a new uuid4 persisted once (mode 0600)."""
        if self.client_id_env:
            return self.client_id_env
        path = self.client_id_path
        try:
            existing = path.read_text(encoding="utf-8").strip()
        except OSError:
            existing = ""
        if existing and len(existing) <= 64:
            with contextlib.suppress(OSError):
                tighten(path)
            return existing
        new_id = str(uuid.uuid4())
        if existing or path.exists():  # present but unusable: replace it
            _private_write(path, new_id + "\n")
            return new_id
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:  # O_EXCL: if another process creates it first, both end up with its id
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_text(encoding="utf-8").strip() or new_id
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(new_id + "\n")
        return new_id

    def attribution_headers(self) -> dict[str, str]:
        """Sent on every request: without them the cloud refuses export with 402."""
        return {
            "X-Skill-Source": self.skill_source,
            "X-Skill-Version": self.skill_version,
            "X-Skill-Platform": self.platform,
        }
