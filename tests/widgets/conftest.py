"""Widget tests run without a kernel: a real SessionController, its `emit` called directly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from nemo_tui.core.controller import SessionController
from nemo_tui.core.settings import Settings
from nemo_widgets import Workspace
from nemo_widgets import controllers as shared_controllers


@pytest.fixture
def ctl() -> SessionController:
    return SessionController(Settings.from_env())


@pytest.fixture
def ws(ctl: SessionController) -> Workspace:
    return Workspace(controller=ctl, log_cap=5)


@pytest.fixture(autouse=True)
def _fresh_registry() -> Iterator[None]:
    """Each test gets its own per-kernel controller cache."""
    saved = dict(shared_controllers._SHARED)
    shared_controllers._SHARED.clear()
    yield
    shared_controllers._SHARED.clear()
    shared_controllers._SHARED.update(saved)
