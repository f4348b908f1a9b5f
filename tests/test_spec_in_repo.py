"""The spec lives in the repository: whoever clones it gets the protocol, the draft format and the
design under docs/, and no file points at documents outside it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OUTSIDE = re.compile(r"\.\./shared|shared/(PROTOCOL|DRAFT|DESIGN|STYLE)\.md|\b(PROTOCOL|DRAFT|DESIGN)\.md")


def _tracked() -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: the tracked files cannot be listed")
    kinds = (".py", ".md", ".toml", ".ipynb")
    return [ROOT / name for name in out.stdout.splitlines() if name.endswith(kinds)]


def test_no_file_points_outside_the_repository() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()[:80]}"
        for path in _tracked()
        if path.name != "test_spec_in_repo.py" and path.exists()
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert not found, "\n".join(found)


def test_the_spec_is_in_docs() -> None:
    for name in ("protocol.md", "draft.md", "design.md", "architecture.md", "engine.md"):
        assert (ROOT / "docs" / name).stat().st_size > 2_000, name
