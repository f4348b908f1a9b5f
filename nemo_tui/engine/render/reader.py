"""Reading one JSON object of a draft, key by key, and recording what is wrong with it.

A problem is `(key path, message)`; the message names the segment and the key, e.g.
`t[0].sg[2] (id s3): "st" is negative (-500)`. A bad value records a problem and yields the default,
so that one pass finds every problem.
"""

from __future__ import annotations

from typing import Any

from .colors import parse_color

MISSING = object()


class Problems:
    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, path: str, message: str) -> None:
        self.items.append((path, message))


class Reader:
    """Reads keys of one JSON object, recording a problem (and returning the default) on bad values."""

    def __init__(self, obj: dict[str, Any], path: str, label: str, problems: Problems, prefix: str = ""):
        self.obj, self.path, self.label, self.problems, self.prefix = obj, path, label, problems, prefix
        self._count = len(problems.items)

    @property
    def ok(self) -> bool:
        """No problem recorded since this reader was made (by it or by readers nested in it)."""
        return len(self.problems.items) == self._count

    def nested(self, obj: dict[str, Any], prefix: str) -> Reader:
        return Reader(obj, self.path, self.label, self.problems, self.prefix + prefix)

    def fail(self, key: str, message: str) -> None:
        key = self.prefix + key
        path = f"{self.path}.{key}" if self.path else key
        self.problems.add(path, f'{self.label}: "{key}" {message}' if self.label else f'"{key}" {message}')

    def number(
        self,
        key: str,
        default: Any = MISSING,
        *,
        lo: float | None = None,
        hi: float | None = None,
        positive: bool = False,
    ) -> Any:
        value = self.obj.get(key, MISSING)
        if value is MISSING or value is None:
            if default is MISSING:
                self.fail(key, "is missing")
                return None
            return default
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            self.fail(key, f"must be a number (got {value!r})")
        elif positive and value <= 0:
            self.fail(key, f"must be positive (got {value})")
        elif lo == 0 and hi is None and value < 0:
            self.fail(key, f"is negative ({value})")
        elif (lo is not None and value < lo) or (hi is not None and value > hi):
            self.fail(key, f"must be between {lo} and {hi} (got {value})")
        else:
            return value
        return default if default is not MISSING else None

    def choice(self, key: str, options: tuple[str, ...], default: str) -> str:
        value = self.obj.get(key, default)
        if value is None:
            return default
        if value not in options:
            self.fail(key, f"must be one of {', '.join(options)} (got {value!r})")
            return default
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.obj.get(key, default)
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false (got {value!r})")
            return default
        return value

    def color(self, key: str, default: str | None, *, alpha: bool = False) -> str | None:
        value = self.obj.get(key, default)
        if value is None or value == "":
            return None
        try:
            return parse_color(value, alpha=alpha)
        except ValueError as exc:
            self.fail(key, f"is not a colour (got {value!r}; expected {exc})")
            return default

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.obj.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(key, f"must be an object (got {value!r})")
            return {}
        return value
