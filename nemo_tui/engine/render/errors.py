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


class DraftError(ValueError):
    """A draft that cannot be rendered.

    `path` is the key path of the first problem (e.g. `t[1].sg[0].st`); `problems` lists every
    problem found as `(path, message)` pairs, and the message has one line per problem.
    """

    def __init__(self, message: str, path: str = "", problems: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.path = path
        self.problems = problems if problems is not None else [(path, message)]

    @classmethod
    def collect(cls, problems: list[tuple[str, str]]) -> DraftError:
        return cls("\n".join(msg for _, msg in problems), problems[0][0], problems)


class RenderError(RuntimeError):
    """ffmpeg failed. `returncode` is its exit status; the message ends with its last error lines."""

    def __init__(self, message: str, returncode: int | None = None):
        super().__init__(message)
        self.returncode = returncode
