"""The renderer's two errors.

```
ValueError
 └── DraftError      the draft cannot be rendered as written: which key, which segment, why
RuntimeError
 └── RenderError     ffmpeg ran and failed; the message holds the last meaningful lines it printed
```

A `DraftError` is the caller's to fix (exit code 2 in the CLI); a `RenderError` is ours or the
machine's (exit code 6).
"""

from __future__ import annotations

# One class for every draft problem, wherever found: `nemo_tui.draft.check` defines it.
from nemo_tui.draft.check import DraftError as DraftError


class RenderError(RuntimeError):
    """ffmpeg failed. `returncode` is its exit status; the message ends with its last error lines."""

    def __init__(self, message: str, returncode: int | None = None):
        super().__init__(message)
        self.returncode = returncode
