"""EngineConfig: every knob of the local engine, from defaults, environment and command line.

Environment variables (all optional) are read by `EngineConfig.from_env()`; the command line of
`nemo-tui serve` overrides them. docs/engine.md lists them with their defaults.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

from nemo_tui.draft.wire import MAX_UPLOAD_BYTES

DAY = 24 * 3600

#: Credits charged per successful tool call. Export is free; a reply that does nothing is free.
DEFAULT_PRICES: dict[str, int] = {
    "generate_video": 20,
    "finish_video": 0,
    "add_title": 5,
    "add_caption": 5,
    "edit_text": 5,
    "remove_text": 5,
    "add_media": 5,
    "add_music": 5,
    "set_volume": 5,
    "add_voiceover": 10,
    "set_voice": 10,
    "set_music_range": 5,
    "replace_music": 5,
    "set_font": 5,
    "remove_track": 5,
    "trim": 5,
    "set_length": 5,
    "remove_clip": 5,
    "swap_clips": 5,
    "move_clip": 5,
    "set_clip_speed": 5,
    "set_clip_length": 5,
    "set_transition": 5,
    "set_aspect_ratio": 5,
    "set_style": 5,
    "set_colours": 5,
    "set_scene_art": 5,
    "set_logo": 5,
    "edit_scene": 5,
    "add_call_to_action": 5,
    "add_brand_text": 5,
    "remove_topic": 5,
    "use_uploads": 5,
    "put_upload": 5,
    "move_upload": 5,
    "remove_upload": 5,
    "undo": 0,
    "redo": 0,
    "confirm": 5,
    "repeat_edit": 5,
    "bring_back": 5,
    "make_version": 0,
    "switch_version": 0,
    "list_versions": 0,  # the change waiting for a yes (a cut or a length)
    "show_timeline": 0,
}

MB = 1024 * 1024
FRAMINGS = ("engine", "adk")


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("nemo-tui")) / "engine"


@dataclass
class EngineConfig:
    data_dir: Path = field(default_factory=default_data_dir)
    host: str = "127.0.0.1"
    port: int = 0
    #: Base URL the engine is reached at; set by the server once the port is known.
    public_url: str = ""
    test_hooks: bool = False
    heartbeat_s: float = 15.0
    #: How /run_sse frames a turn: "engine" (ids, heartbeats, re-attach) or "adk" (exactly stock ADK).
    framing: str = "engine"
    turn_timeout_s: float = 900.0
    #: How long a finished turn stays available to a `Last-Event-ID` re-attach.
    resume_window_s: float = 300.0
    upload_max_bytes: int = MAX_UPLOAD_BYTES
    upload_max_files: int = 20
    # Limits on hostile input (docs/engine.md, "Limits"; `limits.py` applies them).
    #: Characters of one chat message; longer is a 413 before any work (a turn reads it a few times).
    message_max_chars: int = 20_000
    #: Bytes of a request body on every route but multipart uploads.
    json_body_max_bytes: int = 2 * MB
    #: Form fields (parts that are not files) in one multipart upload.
    upload_max_fields: int = 50
    #: Bytes of one multipart part's headers, and how many headers a part may have.
    upload_part_header_max_bytes: int = 8 * 1024
    upload_part_max_headers: int = 8
    #: A picture's size as its file claims it (a decompression bomb is a small file).
    picture_max_side: int = 16_384
    picture_max_pixels: int = 100_000_000
    draft_max_tracks: int = 50
    draft_max_segments: int = 2_000
    #: The longest timeline an export renders (export is free, so this bounds what one costs).
    export_max_duration_s: float = 1_800.0
    #: Exports of one account pending or rendering at once.
    exports_max_unfinished: int = 5
    url_fetch_timeout_s: float = 60.0
    #: Let URL uploads reach loopback/private addresses. Only for tests on one machine; never exposed.
    url_allow_private: bool = False
    initial_credits: int = 100
    token_ttl_s: int = 7 * DAY
    claim_ttl_s: int = 7 * DAY
    #: New anonymous accounts per client IP per window; 0 disables the limit.
    ip_token_limit: int = 10
    ip_token_window_s: int = 7 * DAY
    render_workers: int = 1
    #: "offline" is the deterministic planner; any other value is passed to ADK as a model name.
    model: str = "offline"
    prices: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_PRICES))
    busy_timeout_s: float = 30.0
    # A team server (docs/team.md): several engines share one database and one media folder.
    #: The engine's and ADK's database: "" for SQLite files in the data directory, or a URL
    #: (postgresql+asyncpg://user@host/db) that every API node of a team server shares.
    db_url: str = ""
    #: Where uploads, renders and generated media live: "" for the data directory's `files/`, or a
    #: folder every node mounts.
    media_dir: str = ""
    #: How often a node says it is alive (its holds' and renders' heartbeat); another node settles
    #: the work of a node silent for three times as long.
    node_heartbeat_s: float = 10.0
    #: A Celery broker (redis://host:6379/0): renders are split into chunks for `nemo-tui worker`s.
    queue_url: str = ""
    #: Where render inputs and chunks go for the workers: "" for `render-store/` in the media folder,
    #: or an S3 store (s3://bucket/prefix; the workers' --media names the same).
    render_store: str = ""

    def __post_init__(self) -> None:
        if self.framing not in FRAMINGS:
            raise ValueError(f"NEMO_ENGINE_FRAMING={self.framing!r}: use one of {', '.join(FRAMINGS)}")

    @property
    def db_path(self) -> Path:
        return self.data_dir / "engine.db"

    @property
    def sessions_db_path(self) -> Path:
        return self.data_dir / "sessions.db"

    @property
    def store_target(self) -> str | Path:
        """The engine database: the shared URL, or the SQLite file in the data directory."""
        return self.db_url or self.db_path

    @property
    def files_dir(self) -> Path:
        return Path(self.media_dir).expanduser().resolve() if self.media_dir else self.data_dir / "files"

    @property
    def shared(self) -> bool:
        """Other engine processes may use the same database at the same time (a team server)."""
        return bool(self.db_url) and not self.db_url.startswith("sqlite")

    @property
    def node_silence_s(self) -> float | None:
        """How long a node may be silent before another settles its work; None: no other node."""
        return 3 * self.node_heartbeat_s if self.shared else None

    def replace(self, **changes: object) -> EngineConfig:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: object) -> EngineConfig:
        env = dict(os.environ if env is None else env)
        values: dict[str, object] = {}
        for name, key, kind in _ENV:
            raw = env.get(key)
            if raw is None or raw == "":
                continue
            values[name] = _convert(raw, kind, key)
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "data_dir" in values:
            values["data_dir"] = Path(str(values["data_dir"])).expanduser().resolve()
        return cls(**values)  # type: ignore[arg-type]


class TeamSettingsError(ValueError):
    """A team server's settings that cannot work together, or its extra not installed."""


def check_team_settings(config: EngineConfig) -> None:
    if not config.queue_url:
        return
    if not config.media_dir:
        raise TeamSettingsError("--queue needs --media: a folder the render workers mount too (docs/team.md)")
    try:
        import celery  # noqa: F401
        import redis  # noqa: F401
    except ImportError as exc:
        raise TeamSettingsError(
            f"--queue needs Celery and Redis: pip install 'nemo-tui[team]' ({exc})"
        ) from None


_ENV: list[tuple[str, str, type]] = [
    ("data_dir", "NEMO_ENGINE_DATA_DIR", str),
    ("test_hooks", "NEMO_ENGINE_TEST_HOOKS", bool),
    ("heartbeat_s", "NEMO_ENGINE_HEARTBEAT_S", float),
    ("framing", "NEMO_ENGINE_FRAMING", str),
    ("turn_timeout_s", "NEMO_ENGINE_TURN_TIMEOUT_S", float),
    ("resume_window_s", "NEMO_ENGINE_RESUME_WINDOW_S", float),
    ("upload_max_bytes", "NEMO_ENGINE_UPLOAD_MAX_BYTES", int),
    ("message_max_chars", "NEMO_ENGINE_MESSAGE_MAX_CHARS", int),
    ("json_body_max_bytes", "NEMO_ENGINE_JSON_BODY_MAX_BYTES", int),
    ("draft_max_segments", "NEMO_ENGINE_DRAFT_MAX_SEGMENTS", int),
    ("export_max_duration_s", "NEMO_ENGINE_EXPORT_MAX_S", float),
    ("url_fetch_timeout_s", "NEMO_ENGINE_URL_TIMEOUT_S", float),
    ("initial_credits", "NEMO_ENGINE_INITIAL_CREDITS", int),
    ("ip_token_limit", "NEMO_ENGINE_IP_TOKEN_LIMIT", int),
    ("render_workers", "NEMO_ENGINE_RENDER_WORKERS", int),
    ("db_url", "NEMO_ENGINE_DB", str),
    ("media_dir", "NEMO_ENGINE_MEDIA", str),
    ("node_heartbeat_s", "NEMO_ENGINE_NODE_HEARTBEAT_S", float),
    ("queue_url", "NEMO_ENGINE_QUEUE", str),
    ("render_store", "NEMO_ENGINE_RENDER_STORE", str),
    # The agent's model: NEMO_AGENT_MODEL is the documented name (issue 5, docs/agent.md);
    # NEMO_ENGINE_MODEL is kept as an alias. Later entries win, so the documented name does.
    ("model", "NEMO_ENGINE_MODEL", str),
    ("model", "NEMO_AGENT_MODEL", str),
]


def _convert(raw: str, kind: type, key: str) -> object:
    if kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    try:
        return kind(raw)
    except ValueError as exc:
        raise ValueError(f"{key}={raw!r} is not a valid {kind.__name__}") from exc
