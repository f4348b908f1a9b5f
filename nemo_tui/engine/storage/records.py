"""Plain records the store returns; no I/O here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Account:
    id: str
    kind: str
    available: int
    frozen: int

    @property
    def total(self) -> int:
        return self.available + self.frozen


@dataclass(frozen=True)
class IssuedToken:
    token: str
    account: Account
    expires_at: float
    created_account: bool


@dataclass(frozen=True)
class Task:
    task_id: str
    session_id: str
    account_id: str
    name: str
    language: str
    created_at: float


@dataclass(frozen=True)
class Upload:
    id: str
    account_id: str
    session_id: str
    filename: str
    file_type: str
    ext: str
    mime: str
    size: int
    sha256: str
    duration_ms: int | None
    width: int | None
    height: int | None
    fps: float | None
    has_audio: bool
    storage_key: str
    created_at: float

    @property
    def src(self) -> str:
        return f"media:{self.id}"


@dataclass(frozen=True)
class RenderJob:
    id: str
    account_id: str
    session_id: str
    status: str
    progress: float
    error: str | None
    draft_json: str
    options_json: str
    output_key: str | None
    duration_ms: int | None
    size: int | None
    created_at: float
    started_at: float | None
    finished_at: float | None
    owner: str | None = None  # the engine process working on it (several may share a database)
    heartbeat_at: float | None = None

    @property
    def key(self) -> tuple[str, str]:
        """What names this job engine-wide: its id is unique only within its account."""
        return (self.account_id, self.id)
