"""The engine database's tables, as SQLAlchemy Core metadata: one description for SQLite and PostgreSQL.

Times are Unix seconds (floats), money is whole credits. `owner` and `heartbeat_at` on holds and
renders name the engine process working on them and when it last said it was alive, so that when
several API nodes share one database, one node settles what a dead node left (see `Store.sweep`).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)

metadata = MetaData()

accounts = Table(
    "accounts",
    metadata,
    Column("id", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("client_id", Text, unique=True),
    Column("created_at", Float, nullable=False),
    Column("available", Integer, nullable=False),
    Column("frozen", Integer, nullable=False, server_default="0"),
    Column("spent", Integer, nullable=False, server_default="0"),
)

tokens = Table(
    "tokens",
    metadata,
    Column("hash", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("account_id", Text, ForeignKey("accounts.id"), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
    Column("revoked", Integer, nullable=False, server_default="0"),
    Column("task_id", Text),
    Column("session_id", Text),
    Index("tokens_account", "account_id", "kind"),
)

account_origins = Table(
    "account_origins",
    metadata,
    Column("ip", Text, nullable=False),
    Column("account_id", Text, nullable=False),
    Column("created_at", Float, nullable=False),
    Index("account_origins_ip", "ip", "created_at"),
)

tasks = Table(
    "tasks",
    metadata,
    Column("session_id", Text, primary_key=True),
    Column("task_id", Text, unique=True, nullable=False),
    Column("account_id", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("language", Text, nullable=False),
    Column("created_at", Float, nullable=False),
)

holds = Table(
    "holds",
    metadata,
    Column("id", Text, primary_key=True),
    Column("account_id", Text, nullable=False),
    Column("session_id", Text, nullable=False),
    Column("amount", Integer, nullable=False),
    Column("charged", Integer, nullable=False, server_default="0"),
    Column("status", Text, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("settled_at", Float),
    Column("owner", Text),
    Column("heartbeat_at", Float),
    Index("holds_status", "status"),
)

uploads = Table(
    "uploads",
    metadata,
    Column("id", Text, primary_key=True),
    Column("account_id", Text, nullable=False),
    Column("session_id", Text, nullable=False),
    Column("filename", Text, nullable=False),
    Column("file_type", Text, nullable=False),
    Column("ext", Text, nullable=False),
    Column("mime", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", Text, nullable=False),
    Column("duration_ms", Integer),
    Column("width", Integer),
    Column("height", Integer),
    Column("fps", Float),
    Column("has_audio", Boolean, nullable=False),
    Column("storage_key", Text, nullable=False),
    Column("created_at", Float, nullable=False),
)

top_ups = Table(
    "top_ups",
    metadata,
    Column("account_id", Text, ForeignKey("accounts.id"), nullable=False),
    Column("amount", Integer, nullable=False),
    Column("available_after", Integer, nullable=False),
    Column("created_at", Float, nullable=False),
)

renders = Table(
    "renders",
    metadata,
    Column("id", Text, nullable=False),
    Column("account_id", Text, nullable=False),
    Column("session_id", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("progress", Float, nullable=False, server_default="0"),
    Column("error", Text),
    Column("draft", Text, nullable=False),
    Column("options", Text, nullable=False),
    Column("output_key", Text),
    Column("duration_ms", Integer),
    Column("size", Integer),
    Column("created_at", Float, nullable=False),
    Column("started_at", Float),
    Column("finished_at", Float),
    Column("owner", Text),
    Column("heartbeat_at", Float),
    PrimaryKeyConstraint("account_id", "id"),
    Index("renders_status", "status"),
)

#: The session a turn is running in, and the node running it: on a team server, a second turn sent to
#: another node is refused as on one engine (ADK's session store would otherwise take both, and lose one).
session_turns = Table(
    "session_turns",
    metadata,
    Column("session_id", Text, primary_key=True),
    Column("owner", Text, nullable=False),
    Column("turn_id", Text, nullable=False),  # which claim: a turn ending releases only its own
    Column("heartbeat_at", Float, nullable=False),
)

schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))
