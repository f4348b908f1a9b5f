"""The same flow through the project's own client (`nemo_tui.core.client.NemoClient`)."""

from __future__ import annotations

import asyncio

import av
import pytest

from .helpers import small_canvas

client_module = pytest.importorskip("nemo_tui.core.client")
settings_module = pytest.importorskip("nemo_tui.core.settings")
events = pytest.importorskip("nemo_tui.core.events")


def test_flow_through_nemo_client(engine, media, tmp_path):
    settings = settings_module.Settings.from_env().for_backend(engine.url, key="engine-test")

    async def scenario():
        async with client_module.NemoClient(settings) as nemo:
            token = await nemo.ensure_token()
            assert token.startswith("nmv_usr_")
            session = await nemo.create_session()
            uploaded = await nemo.upload(session.session_id, [media["png"], media["mp3"]])
            assert [f.file_type for f in uploaded.files] == ["image", "audio"]
            seen = []
            async with nemo.turn(session.session_id, "generate a 4-second video from my photos") as turn:
                async for event in turn:
                    seen.append(event)
            kinds = {type(e).__name__ for e in seen}
            assert {"ToolCallEvent", "ToolResultEvent", "StateDeltaEvent", "TextEvent"} <= kinds
            text = [e.text for e in seen if isinstance(e, events.TextEvent)][-1]
            assert "Timeline (" in text and "BGM: song" in text
            credits = await nemo.credits()
            assert (credits.available, credits.frozen, credits.total) == (80, 0, 80)
            state = await nemo.state(session.session_id)
            assert len(state.video_infos) == 2 and state.draft is not None
            job = await nemo.submit_render(session.session_id, small_canvas(state.draft.to_wire()))
            for _ in range(600):
                job = await nemo.render_status(job.id)
                if job.done:
                    break
                await asyncio.sleep(0.2)
            assert job.completed, job
            return await nemo.download(job, tmp_path / "client.mp4")

    path = asyncio.run(scenario())
    with av.open(str(path)) as container:
        assert container.streams.video[0].codec_context.width == 320
        assert container.streams.audio
