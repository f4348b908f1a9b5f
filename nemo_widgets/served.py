"""Where the browser can fetch a file of the kernel's machine: the Jupyter server's `/files/` route.

The engine listens on the kernel machine's loopback, which a browser elsewhere (a tunnelled or remote
Jupyter) cannot reach; the Jupyter server the notebook came from can, and it already serves the files
under its root (the export link in the media pane is resolved to that route too). So the player gets a
path relative to a running server's root, never the video's bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def running_servers() -> list[dict[str, Any]]:
    """The Jupyter servers of this machine's runtime folder (the kernel inherits the server's)."""
    try:
        from jupyter_server.serverapp import list_running_servers
    except ImportError:  # a kernel without jupyter_server (VS Code): nothing serves files
        return []
    try:
        return list(list_running_servers())
    except OSError:
        return []


def files_path(path: Path, servers: list[dict[str, Any]] | None = None) -> str | None:
    """`path` relative to the root of a server that serves it (posix), or None when none does (it is
    outside every root, or under a hidden folder, which the server refuses by default)."""
    target = path.expanduser().resolve()
    for info in running_servers() if servers is None else servers:
        root = info.get("root_dir") or info.get("notebook_dir")
        if not root:
            continue
        try:
            rel = target.relative_to(Path(root).expanduser().resolve())
        except ValueError:
            continue
        if not any(part.startswith(".") for part in rel.parts):
            return rel.as_posix()
    return None
