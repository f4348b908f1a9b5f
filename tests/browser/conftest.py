"""Browser tests: JupyterLab and Notebook 7 on loopback, Debian's headless Chromium over DevTools.

Selected with `-m browser` (and skipped with `-m "not browser"`); skipped with the reason when
Chromium, JupyterLab or Notebook 7 is missing. `.ci/run` installs Debian's `chromium` when it runs as
root; on a developer's machine `apt-get install chromium` (or NEMO_CHROMIUM=/path/to/chrome).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from .cdp import Browser, chromium, find_chromium
from .jupyter import JupyterServer, environment, jupyter_server

SCRIPT = (
    "Urban Dreams: the smart commuter backpack.\\n"
    "Urban Dreams keeps your laptop, your lunch and your headphones in their own padded places.\\n"
    "Urban Dreams. Carry the city in style."
)

# The notebook a person would write: the workspace, and a first video made from a script.
NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "workspace",
            "metadata": {},
            "outputs": [],
            "source": [
                "from nemo_widgets import Workspace\n",
                "ws = Workspace()\n",
                "await ws.connect()\n",
                f'await ws.send("generate a 6-second promo video from this script:\\n{SCRIPT}")\n',
                "ws",
            ],
        }
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


def _missing() -> str | None:
    if find_chromium() is None:
        return "Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it as root)"
    for module, package in (("jupyterlab", "jupyterlab"), ("notebook", "notebook")):
        if importlib.util.find_spec(module) is None:
            return f"{package} is not installed (pip install -e '.[test]')"
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    reason = _missing()
    for item in items:
        if "browser" in item.keywords and reason:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    path = find_chromium()
    assert path is not None
    async with chromium(path) as running:
        yield running


def write_notebook(
    root: Path, home: Path, env: dict[str, str], name: str = "workspace.ipynb", notebook: dict | None = None
) -> Path:
    """The test notebook (by default the workspace's), signed as trusted, as one made in the UI would be."""
    path = root / name
    path.write_text(json.dumps(notebook or NOTEBOOK))
    trust_env = environment(JupyterServer("lab", root), home, env)
    subprocess.run(
        [sys.executable, "-m", "jupyter", "trust", str(path)], env=trust_env, check=True, capture_output=True
    )
    return path


@pytest.fixture
def nemo_env(tmp_path: Path) -> dict[str, str]:
    """The kernel's own nemo folders (through the server's environment)."""
    return {"NEMO_CONFIG_DIR": str(tmp_path / "nemo-config"), "NEMO_DATA_DIR": str(tmp_path / "nemo-data")}


async def _served(app: str, tmp_path: Path, nemo_env: dict[str, str]) -> AsyncIterator[JupyterServer]:
    """`app` ("lab" or "notebook") serving a folder that holds the workspace notebook."""
    root, home = tmp_path / "root", tmp_path / "home"
    root.mkdir()
    write_notebook(root, home, nemo_env)
    async with jupyter_server(app, root, home, nemo_env) as server:
        yield server


@pytest.fixture
async def lab(tmp_path: Path, nemo_env: dict[str, str]) -> AsyncIterator[JupyterServer]:
    async for server in _served("lab", tmp_path, nemo_env):
        yield server


@pytest.fixture
async def notebook7(tmp_path: Path, nemo_env: dict[str, str]) -> AsyncIterator[JupyterServer]:
    async for server in _served("notebook", tmp_path, nemo_env):
        yield server
