"""Versions of one project: named variants ("square", "vertical 15 s") the person can switch between.

The current version is the draft in `state["draft"]`; its name travels *in the draft* (`m.version`;
the first version, "original", carries none, so a generated draft is the original as it is). That is
why undo needs no help: it restores a whole draft, name included, so undoing "make a square version"
is back on the original and the square one is gone (it lived only in the draft undo replaced).
`state["versions"]` keeps the other versions as they were when the person last left them: entries
`{"name", "z"}` (compressed like `draft_history`), in the order they were made. An entry with the
current version's name is a stale copy: the live draft wins, and switching away overwrites it.
"""

from __future__ import annotations

import re
from typing import Any

from nemo_tui.draft.views import seconds as fmt_seconds

from .draft_history import SessionState, pack, unpack
from .draft_ops import aspect_of

ORIGINAL = "original"
KEY = "versions"
LIMIT = 12  # versions in one project: each is a whole draft in the session state

Draft = dict[str, Any]

SHAPE_NAMES = {"1:1": "square", "9:16": "vertical", "16:9": "horizontal", "4:5": "4:5"}
_ZH = {"original": "原版", "square": "方形", "vertical": "竖屏", "horizontal": "横屏", "copy": "副本"}
# Words a person may use for a version, in either language, as the words names are made of.
_ALIASES = [
    (r"原版|原来|原始|最初|第一个|\bfirst\b|\bold\b|\boriginal\b", "original"),
    (r"正方形|方形|\bsquare\b|(?<!\d)1\s*:\s*1(?!\d)", "square"),
    (r"竖屏|竖版|抖音|\bvertical\b|\bportrait\b|\btik ?tok\b|\breels?\b|(?<!\d)9\s*:\s*16(?!\d)", "vertical"),
    (r"横屏|横版|\bhorizontal\b|\blandscape\b|\bwide(?:screen)?\b|(?<!\d)16\s*:\s*9(?!\d)", "horizontal"),
    (r"(?<!\d)4\s*:\s*5(?!\d)", "4:5"),
    (r"副本|\bcopy\b", "copy"),
]
_SECONDS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:-|\s)?(?:s\b|secs?\b|seconds?\b|秒)")


def name_of(draft: Draft | None) -> str:
    """The version a draft is: its tag, else the original."""
    meta = (draft or {}).get("m")
    name = meta.get("version") if isinstance(meta, dict) else None
    return str(name) if name else ORIGINAL


def tagged(draft: Draft, name: str) -> Draft:
    """`draft` marked as version `name` (in place)."""
    meta = draft.get("m")
    draft["m"] = {**(meta if isinstance(meta, dict) else {}), "version": name}
    return draft


def _entries(state: SessionState) -> list[dict[str, Any]]:
    return [dict(e) for e in state.get(KEY) or []]


def names(state: SessionState, current: Draft | None) -> list[str]:
    """Every version's name, in the order they were made; the current one included."""
    out = [str(e["name"]) for e in _entries(state)]
    here = name_of(current)
    return out if here in out else [*out, here]


def save(state: SessionState, current: Draft | None) -> None:
    """Keep the current draft as its version, as it is now (before leaving it)."""
    name, z = name_of(current), pack(current)
    entries = _entries(state)
    for entry in entries:
        if entry["name"] == name:
            entry["z"] = z
            break
    else:
        entries.append({"name": name, "z": z})
    state[KEY] = entries


def load(state: SessionState, current: Draft | None, name: str) -> Draft | None:
    """Version `name` as it was left (the live draft when it is the current one)."""
    if name == name_of(current):
        return current
    for entry in _entries(state):
        if entry["name"] == name:
            return unpack(entry["z"])
    return None


def new_name(aspect: str, length_ms: int, taken: list[str]) -> str:
    """A name made from what makes the version different ("square", "vertical 15 s", "15 s"), unique
    among `taken` ("square 2")."""
    parts = [SHAPE_NAMES.get(aspect, aspect)] if aspect else []
    if length_ms:
        parts.append(f"{fmt_seconds(length_ms)} s")
    return unique(" ".join(parts) or "copy", taken)


def unique(base: str, taken: list[str]) -> str:
    name, n = base, 2
    while name in taken:
        name, n = f"{base} {n}", n + 1
    return name


def zh_name(name: str) -> str:
    """The name in Chinese for replies: "vertical 15 s" → "竖屏15秒版", "original" → "原版"."""
    if name == ORIGINAL:
        return _ZH[ORIGINAL]
    words = re.sub(r"(\d+(?:\.\d+)?) s\b", r"\1秒", name).split()
    if not all(w in _ZH or re.fullmatch(r"[\d.:]+秒?", w) for w in words):
        return name  # a name the person gave ("Promo B") stays as it is
    return "".join(_ZH.get(w, w) for w in words) + "版"


def _words(text: str) -> set[str]:
    """The words that identify a version: shapes, "original", "copy", lengths ("15s"), numbers."""
    low = text.lower()
    found = {word for pattern, word in _ALIASES if re.search(pattern, low)}
    found |= {f"{float(m.group(1)):g}s" for m in _SECONDS.finditer(low)}
    rest = _SECONDS.sub(" ", low)
    for pattern, _ in _ALIASES:
        rest = re.sub(pattern, " ", rest)
    return found | set(re.findall(r"\d+", rest))  # "square 2": the second square one


def find(query: str, among: list[str]) -> list[str]:
    """The versions `query` may mean ("the square one", "原版", "15秒的"): an exact name, else those
    whose words include all the query's words, fewest extra words first (so "square" is "square",
    not "square 15 s"); [] when none, several when it is ambiguous."""
    wanted = query.strip().lower()
    exact = [n for n in among if n.lower() == wanted]
    if exact:
        return exact
    words = _words(wanted)
    if not words:  # a name the person gave: "promo" finds "Promo B"
        return [n for n in among if wanted and re.search(rf"\b{re.escape(wanted)}\b", n.lower())]
    matches = [n for n in among if words <= _words(n)]
    if not matches:
        return []
    fewest = min(len(_words(n)) for n in matches)
    return [n for n in matches if len(_words(n)) == fewest]


def shape_and_length(draft: Draft | None) -> tuple[str, str]:
    """ "1:1", "20" (seconds): what the version list shows of each."""
    canvas = (draft or {}).get("canvas") or {}
    return aspect_of(canvas), fmt_seconds(int((draft or {}).get("d") or 0))
