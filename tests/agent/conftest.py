"""Fixtures of the agent tests: tools on a real storage folder (music and voice made once per run)."""

from __future__ import annotations

import pytest

from nemo_tui.engine.agent.media.music import MusicLibrary
from nemo_tui.engine.agent.tools import DraftTools
from nemo_tui.engine.storage.file_storage import DirectoryStorage

from .harness import Agent


@pytest.fixture(scope="session")
def storage(tmp_path_factory: pytest.TempPathFactory) -> DirectoryStorage:
    return DirectoryStorage(tmp_path_factory.mktemp("agent-files"))


@pytest.fixture(scope="session")
def tools(storage: DirectoryStorage) -> DraftTools:
    return DraftTools(MusicLibrary(storage), lambda: "http://127.0.0.1:1")


@pytest.fixture
def agent(tools: DraftTools) -> Agent:
    return Agent(tools)


@pytest.fixture(scope="session")
def sessions(tools: DraftTools) -> dict[str, dict]:
    """Starting session states, made once: a generated video, a video from uploads, nothing yet."""
    return starting_sessions(tools)


def starting_sessions(tools: DraftTools) -> dict[str, dict]:
    import asyncio

    from .drafts import SHORT_SCRIPT, UPLOADS

    async def build() -> dict[str, dict]:
        gen = Agent(tools)
        # Plain scenes (gradients, captions, a title track): the table edits captions and titles.
        await gen.say(
            "generate a 20-second promo video on plain backgrounds from this script: " + SHORT_SCRIPT
        )
        designed = Agent(tools)  # designed scenes: the default from a script
        await designed.say("generate a 20-second promo video from this script: " + SHORT_SCRIPT)
        uploads = Agent(tools, {"video_infos": [dict(u) for u in UPLOADS]})
        await uploads.say("generate a video from my uploads")
        return {"gen": gen.state, "designed": designed.state, "clips": uploads.state, "empty": {},
                "uploads": {"video_infos": [dict(u) for u in UPLOADS]}}  # fmt: skip

    return asyncio.run(build())
