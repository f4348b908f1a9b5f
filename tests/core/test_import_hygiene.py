"""`import nemo_tui.core` must not pull in a UI toolkit or the engine (a subprocess sees a clean slate)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = (
    "textual",
    "ipywidgets",
    "nemo_tui.engine",
    "nemo_tui.tui",
    "nemo_widgets",
    "google.adk",
    "fastapi",
)

PROBE = """
import json, sys
import {module}
print(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.parametrize(
    "module",
    ["nemo_tui.core", "nemo_tui.core.client", "nemo_tui.core.stream", "nemo_tui.core.settings"],
)
def test_core_imports_no_ui_and_no_engine(module: str) -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    loaded = json.loads(out.stdout)
    assert module in loaded
    bad = [m for m in loaded if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert bad == []
