from nemo_tui.core import timeline
from nemo_tui.core.updates import (
    CreditsUpdated,
    MessageAdded,
    PartialText,
    Progress,
    SessionOpened,
    StatusChanged,
    TimelineUpdated,
    Workspace,
    reduce,
)


def test_partial_text_collects_until_the_message() -> None:
    ws = reduce(Workspace(), PartialText("Hel"))
    ws = reduce(ws, PartialText("lo"))
    assert ws.partial == "Hello"
    ws = reduce(ws, MessageAdded("assistant", "Hello!"))
    assert ws.partial == "" and ws.transcript[-1].text == "Hello!"


def test_status_merges_and_activity_clears_note() -> None:
    ws = reduce(Workspace(), StatusChanged(backend="local engine", connection="connected"))
    ws = reduce(ws, StatusChanged(note="Still working…"))
    assert ws.status.backend == "local engine" and ws.status.note == "Still working…"
    ws = reduce(ws, StatusChanged(activity="idle"))
    assert ws.status.note is None and ws.status.connection == "connected"


def test_progress_finishes_and_credits_low() -> None:
    ws = reduce(Workspace(), Progress("render", 50, 100))
    assert ws.progress and ws.progress.fraction == 0.5
    ws = reduce(ws, Progress("render", 100, 100))
    assert ws.progress is None
    ws = reduce(ws, CreditsUpdated(5, 0, 5))
    assert ws.credits.low and not CreditsUpdated(80, 0, 80).low


def test_timeline_update() -> None:
    view = timeline.build({"t": [{"tt": 7, "sg": [{"id": "x", "d": 1000, "text": "Hi"}]}]})
    ws = reduce(Workspace(), TimelineUpdated(view, view.summary, frozenset({"x"})))
    assert ws.summary.startswith("Timeline (1 track)") and ws.changed == {"x"}


def test_session_opened_clears_the_transcript() -> None:
    ws = reduce(Workspace(), MessageAdded("user", "old session"))
    ws = reduce(ws, SessionOpened("s2"))
    assert ws.transcript == () and ws.partial == ""
