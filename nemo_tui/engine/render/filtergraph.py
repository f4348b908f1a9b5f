"""Build one ffmpeg `filter_complex` and its input list, with values escaped the way ffmpeg parses them.

ffmpeg reads a filter's option value through two parsers: the option parser (`:` separates options,
`\\` and `'` quote) and the filtergraph parser (`[ ] , ;` separate filters and links). A value is
escaped for the first, then the result for the second, so that paths and expressions holding any of
`: ' [ ] , ;` arrive intact (see "Notes on filtergraph escaping" in ffmpeg-filters).
"""

from __future__ import annotations

import re
from pathlib import Path

_LEVEL1 = re.compile(r"([\\':])")
_LEVEL2 = re.compile(r"([\\'\[\],;])")


def escape_value(value: object) -> str:
    """One option value, escaped for both parsers."""
    text = _LEVEL1.sub(r"\\\1", str(value))
    if text != text.strip():  # the parsers trim unescaped spaces at both ends
        text = "\\" + text if text[0].isspace() else text
        text = text[:-1] + "\\" + text[-1] if text[-1].isspace() else text
    return _LEVEL2.sub(r"\\\1", text)


def f(name: str, *args: object, **opts: object) -> str:
    """A filter with positional and named options: `f("scale", 320, 180, flags="bicubic")`."""
    parts = [escape_value(a) for a in args]
    parts += [f"{k}={escape_value(v)}" for k, v in opts.items() if v is not None]
    return f"{name}={':'.join(parts)}" if parts else name


def num(value: float) -> str:
    """A number for an ffmpeg expression: short, exact enough, never in exponent form."""
    text = f"{value:.9f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


class FilterGraph:
    """Inputs and filter chains of one ffmpeg run; labels are unique within it."""

    def __init__(self) -> None:
        self._inputs: list[list[str]] = []
        self._chains: list[str] = []
        self._count = 0

    def add_input(self, path: Path, *options: str) -> int:
        self._inputs.append([*options, "-i", str(path)])
        return len(self._inputs) - 1

    def label(self, kind: str = "v") -> str:
        self._count += 1
        return f"{kind}{self._count}"

    def chain(self, inputs: list[str], filters: list[str], kind: str = "v") -> str:
        """Add `[in]…f1,f2…[out]` and return the new output label."""
        out = self.label(kind)
        self._chains.append("".join(f"[{i}]" for i in inputs) + ",".join(filters) + f"[{out}]")
        return out

    def fork(self, source: str, filter_: str, count: int, kind: str = "v") -> list[str]:
        """Add `[in]filter[out1][out2]…` for a filter with `count` outputs; return their labels."""
        outs = [self.label(kind) for _ in range(count)]
        self._chains.append(f"[{source}]{filter_}" + "".join(f"[{o}]" for o in outs))
        return outs

    def split(self, source: str, count: int, kind: str = "v") -> list[str]:
        return self.fork(source, f"{'asplit' if kind == 'a' else 'split'}={count}", count, kind)

    def input_args(self) -> list[str]:
        return [arg for options in self._inputs for arg in options]

    def script(self) -> str:
        return ";\n".join(self._chains) + "\n"
