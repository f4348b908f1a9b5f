"""The client's fallbacks against the live engine in both of its framings: its own (ids, heartbeats,
a turn that outlives its connection) and stock ADK's (`NEMO_ENGINE_FRAMING=adk`: none of those, the
run cancelled when the connection goes), which is what the cloud's ADK server does."""

from __future__ import annotations

from dataclasses import replace

import pytest

from nemo_tui.core.updates import ErrorShown, StatusChanged, StreamLogged
from nemo_tui.engine.hosting.local_engine import LocalEngine

from .conftest import ENGINE_ENV, FAST
from .faults import Faults, cut_after_first_event


@pytest.fixture(scope="module", params=["engine", "adk"])
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Overrides conftest's engine: every test here runs against both framings."""
    env = {**ENGINE_ENV, "NEMO_ENGINE_FRAMING": request.param}
    eng = LocalEngine(tmp_path_factory.mktemp(f"engine-{request.param}"), env=env)
    eng.start_sync()
    eng.framing = request.param  # type: ignore[attr-defined]
    yield eng
    eng.stop_sync()


def notes(ctl) -> list[str]:
    return [u.note for u in ctl.recorder.of(StatusChanged) if u.note]


async def test_a_long_step_says_still_working(ctl, engine) -> None:
    """From the client's clock: the engine's heartbeats are not needed (stock ADK sends none)."""
    await ctl.send("!slow 1.2 add title 'Slow' for 2 seconds")
    assert "Still working…" in notes(ctl)
    heartbeats = [e for e in ctl.recorder.of(StreamLogged) if e.kind == "heartbeat"]
    assert bool(heartbeats) == (engine.framing == "engine")
    assert 'Title: "Slow"' in ctl.workspace.summary


async def test_a_failed_turn_is_one_error(ctl) -> None:
    """ADK's errorCode event, then the closing error frame (either framing's): one failure."""
    await ctl.send("!fail add title 'X' for 2 seconds")
    errors = ctl.recorder.of(ErrorShown)
    assert len(errors) == 1 and "this tool always fails" in errors[0].message, errors


async def test_a_drop_is_recovered_from_the_state_never_resent(make_ctl, engine) -> None:
    """No ids reach the client, so it polls the state. The engine's own framing lets the turn run on
    (the change is found and reported); stock ADK's cancels it (nothing changes, and it says so)."""
    faults = Faults()
    faults.overrides[("POST", "/run_sse")] = cut_after_first_event
    ctl = await make_ctl(replace(FAST, recovery_polls=(0.5, 1.0, 1.0)), client_factory=faults.client_factory)
    await ctl.send("!slow 0.8 add title 'Cut' for 2 seconds")
    [post] = faults.calls("POST", "/run_sse")
    assert "last-event-id" not in post.headers, "never resent, not even to re-attach"
    kept = engine.framing == "engine"
    assert ('Title: "Cut"' in ctl.workspace.summary) == kept, ctl.workspace.summary
    assert ctl.workspace.transcript[-1].text.startswith("Done: ") == kept
    assert [e.kind for e in ctl.recorder.of(ErrorShown)] == ([] if kept else ["RecoveryFailed"])
