"""`pytest -q` checks the types: mypy as `[tool.mypy]` in pyproject.toml configures it (strict on
`nemo_tui.core`, the draft package `nemo_tui.draft`, the widget package, the local engine
`nemo_tui.engine`, the local backend factory and the chat turn's fake host).

The cache is mypy's usual `.mypy_cache` in the checkout (ignored by git): about 15 s from cold (the
engine brings ADK, FastAPI and numpy into the analysis), a few seconds when little changed.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_type_errors() -> None:
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (it is in the test extra: pip install -e '.[test]')")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert {"nemo_tui/core", "nemo_tui/draft", "nemo_widgets", "nemo_tui/engine"} <= set(
        config["files"]
    ) and config["strict"] is True
    out = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert out.returncode == 0, out.stdout + out.stderr
    checked = re.search(r"no issues found in (\d+) source files", out.stdout)
    at_least = len(
        list((ROOT / "nemo_tui" / "core").glob("*.py"))
        + list((ROOT / "nemo_widgets").glob("*.py"))
        + list((ROOT / "nemo_tui" / "engine").rglob("*.py"))
    )
    assert checked and int(checked.group(1)) >= at_least, out.stdout
