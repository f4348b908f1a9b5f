"""`create_app(config)`: the engine as an ASGI app, an ordinary ADK app plus the NemoVideo routes.

The lifespan opens everything the routes use (the `Engine`) and closes it in reverse order. On one
machine all state lives in the data directory: `engine.db` (accounts, tokens, credits, tasks, uploads,
renders), `sessions.db` (ADK sessions and events) and `files/` (media, renders, generated music). A
team server (docs/team.md) keeps both databases in one shared PostgreSQL (`db_url`) and the files
in a shared folder (`media_dir`); each node then beats a heartbeat and settles what dead nodes left.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from fastapi import FastAPI
from google.adk.agents import BaseAgent
from google.adk.runners import Runner

from ..agent.agent import APP_NAME, build_agent, model_for
from ..agent.media.music import MusicLibrary
from ..agent.model_seam import AgentModel
from ..agent.tools import DraftTools
from ..routes import all_routers
from ..routes.error_handlers import install_error_handlers
from ..services.exports import Exports
from ..services.limits import BodyLimit
from ..services.previews import Previews
from ..services.turns import TurnManager
from ..storage.adk_sessions import EngineSessionService
from ..storage.database import database_url
from ..storage.file_storage import DirectoryStorage
from ..storage.store import Store
from .config import EngineConfig, check_team_settings

if TYPE_CHECKING:
    from google.adk.sessions.database_session_service import DatabaseSessionService

log = logging.getLogger("nemo_tui.engine")


@dataclass
class Engine:
    config: EngineConfig
    store: Store
    storage: DirectoryStorage
    music: MusicLibrary
    sessions: EngineSessionService | DatabaseSessionService
    runner: Runner
    turns: TurnManager
    exports: Exports
    previews: Previews
    #: The model behind the agent: the offline planner or a real one (agent/model_seam.py).
    model: AgentModel
    _beating: asyncio.Task[None] | None = None

    @classmethod
    async def open(cls, config: EngineConfig, model: AgentModel | None = None) -> Engine:
        check_team_settings(config)
        config.data_dir.mkdir(parents=True, exist_ok=True)
        storage = DirectoryStorage(config.files_dir)
        if not config.shared:  # other nodes' uploads in flight live in a shared folder's temp
            storage.clear_temp()
        store = Store(config.store_target, busy_timeout_s=config.busy_timeout_s)
        await store.open()
        # Alone on its data directory (the datalock), a laptop engine settles every hold left frozen;
        # a team node only those of nodes that stopped beating.
        released = await store.settle_stale_holds(config.node_silence_s)
        if released:
            log.warning("settled %d credit holds left by a stopped engine", released)
        sessions = session_service(config)
        music = MusicLibrary(storage)
        tools = DraftTools(music, lambda: config.public_url, test_hooks=config.test_hooks)
        model = model or model_for(config)
        agent = build_agent(tools, model=model)
        runner = Runner(app_name=APP_NAME, agent=agent, session_service=sessions, auto_create_session=False)
        exports = Exports(store, storage, music, config)
        engine = cls(
            config,
            store,
            storage,
            music,
            sessions,
            runner,
            TurnManager(runner, store, config),
            exports,
            Previews(exports, config),
            model,
        )
        await exports.recover(config.node_silence_s)
        if config.shared:
            engine._beating = asyncio.create_task(engine._beat(), name="node heartbeat")
        return engine

    async def _beat(self) -> None:
        """A team node: say we are alive, and settle what nodes that stopped saying so left behind."""
        silent = self.config.node_silence_s
        while True:
            await asyncio.sleep(self.config.node_heartbeat_s)
            try:
                await self.store.beat()
                released = await self.store.settle_stale_holds(silent)
                if released:
                    log.warning("settled %d credit holds left by a stopped node", released)
                await self.exports.recover(silent)
            except asyncio.CancelledError:
                raise
            except Exception:  # the database away for a moment: try again at the next beat
                log.warning("heartbeat failed", exc_info=True)

    async def close(self) -> None:
        if self._beating is not None:
            self._beating.cancel()
            await asyncio.gather(self._beating, return_exceptions=True)
        await self.turns.shutdown()
        await self.previews.stop()
        await self.exports.stop()
        await self.runner.close()
        await self.sessions.close()
        await self.store.close()


def session_service(config: EngineConfig) -> EngineSessionService | DatabaseSessionService:
    """ADK's session store: SQLite in the data directory, or the team's shared database."""
    if config.db_url:
        from google.adk.sessions.database_session_service import DatabaseSessionService

        return DatabaseSessionService(db_url=database_url(config.db_url))
    return EngineSessionService(config.sessions_db_path, busy_timeout_s=config.busy_timeout_s)


def create_app(config: EngineConfig | None = None, *, model: AgentModel | None = None) -> FastAPI:
    """The engine's app; `model` replaces the one `config.model` names (tests, other front ends)."""
    config = config or EngineConfig.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = await Engine.open(config, model)
        app.state.engine = engine
        warm = asyncio.create_task(_warm_up(engine))
        try:
            yield
        finally:
            warm.cancel()
            await engine.close()

    app = FastAPI(title="nemo-tui local engine", lifespan=lifespan, docs_url=None, redoc_url=None)
    install_error_handlers(app)
    # Multipart uploads stream to disk under their own per-file and per-part limits (upload_intake.py);
    # the whole body may hold every file. Every other route reads JSON into memory.
    upload_body = config.upload_max_files * config.upload_max_bytes + 16 * 1024 * 1024
    app.add_middleware(BodyLimit, json_limit=config.json_body_max_bytes, upload_limit=upload_body)
    for router in all_routers():
        app.include_router(router)
    return app


async def _warm_up(engine: Engine) -> None:
    """Run the model once off the request path, so that the first real turn is not the slow one.

    Only a model that asks for it (`warm_up_message`): the offline planner does, a paid model never."""
    text = engine.model.warm_up_message
    if text is None:
        return
    from google.adk.sessions import InMemorySessionService
    from google.genai import types

    try:
        sessions = InMemorySessionService()
        root = cast(BaseAgent, engine.runner.agent)  # ADK types it as the wider BaseNode
        runner = Runner(app_name=APP_NAME, agent=root, session_service=sessions)
        session = await sessions.create_session(app_name=APP_NAME, user_id="warm-up")
        message = types.Content(role="user", parts=[types.Part(text=text)])
        async for _ in runner.run_async(user_id="warm-up", session_id=session.id, new_message=message):
            pass
    except asyncio.CancelledError:
        raise
    except Exception:
        log.debug("warm-up turn failed", exc_info=True)
