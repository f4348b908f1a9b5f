"""The vendored art sets: loading (lazy, cached), references and standalone SVG documents."""

from __future__ import annotations

import gzip
import json
import re
import threading
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

Kind = Literal["illustration", "icon"]

SET_FILES: dict[str, str] = {"tabler": "tabler.json.gz", "fluent-emoji": "fluent-emoji.json.gz"}
SET_KIND: dict[str, Kind] = {"tabler": "icon", "fluent-emoji": "illustration"}

# A colour goes into an attribute: only plain CSS colour syntax is accepted (no quotes, no markup).
_COLOR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|rgba?\(\s*[0-9.,%\s]+\)")


class UnknownArt(KeyError):
    """A reference that names no vendored art (the message names it)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown art"


@dataclass(frozen=True, slots=True)
class ArtInfo:
    ref: str
    set: str
    name: str
    kind: Kind
    label: str
    tags: tuple[str, ...]
    zh: tuple[str, ...]
    category: str
    emoji: str


@dataclass(frozen=True, slots=True)
class ArtSet:
    id: str
    kind: Kind
    version: str
    size: int
    mono: bool
    icons: dict[str, dict[str, Any]]


_lock = threading.Lock()
_sets: dict[str, ArtSet] = {}


def load_set(set_id: str) -> ArtSet:
    """The set, read from its gzip'd JSON on first use and kept."""
    cached = _sets.get(set_id)
    if cached is not None:
        return cached
    if set_id not in SET_FILES:
        raise UnknownArt(f"unknown art set {set_id!r} (known: {', '.join(SET_FILES)})")
    with _lock:
        cached = _sets.get(set_id)
        if cached is None:
            raw = resources.files(__package__).joinpath("data", SET_FILES[set_id]).read_bytes()
            doc = json.loads(gzip.decompress(raw))
            cached = ArtSet(
                id=set_id,
                kind=SET_KIND[set_id],
                version=str(doc["version"]),
                size=int(doc["size"]),
                mono=bool(doc["mono"]),
                icons=doc["icons"],
            )
            _sets[set_id] = cached
    return cached


def set_ids() -> tuple[str, ...]:
    return tuple(SET_FILES)


def split_ref(ref: str) -> tuple[str, str]:
    set_id, sep, name = ref.partition(":")
    if not sep or not name:
        raise UnknownArt(f"art reference {ref!r} is not '<set>:<name>' (sets: {', '.join(SET_FILES)})")
    return set_id, name


def exists(ref: str) -> bool:
    try:
        set_id, name = split_ref(ref)
    except UnknownArt:
        return False
    return set_id in SET_FILES and name in load_set(set_id).icons


def refs(set_id: str | None = None) -> list[str]:
    """Every reference, of one set or of all, sorted."""
    ids = (set_id,) if set_id else set_ids()
    return [f"{s}:{n}" for s in ids for n in sorted(load_set(s).icons)]


def _entry(ref: str) -> tuple[ArtSet, str, dict[str, Any]]:
    set_id, name = split_ref(ref)
    art = load_set(set_id)
    entry = art.icons.get(name)
    if entry is None:
        raise UnknownArt(f"no art {ref!r} in the {set_id} set")
    return art, name, entry


def info(ref: str) -> ArtInfo:
    art, name, e = _entry(ref)
    return ArtInfo(
        ref=ref,
        set=art.id,
        name=name,
        kind=art.kind,
        label=str(e.get("label") or name.replace("-", " ")),
        tags=tuple(e.get("tags", ())),
        zh=tuple(e.get("zh", ())),
        category=str(e.get("category", "")),
        emoji=str(e.get("emoji", "")),
    )


def svg(ref: str, *, color: str | None = None, size: int | None = None) -> str:
    """A standalone SVG document (width, height, viewBox) for the art.

    ``color`` colours a single-colour icon (it replaces ``currentColor``); colour illustrations keep their
    own colours and ignore it. ``size`` sets width and height in px (default: the set's design size).
    """
    art, _name, e = _entry(ref)
    if color is not None and not _COLOR.fullmatch(color.strip()):
        raise ValueError(f"not a CSS colour: {color!r}")
    px = size or art.size
    body = str(e["body"])
    vb = f"0 0 {art.size} {art.size}"
    head = f'<svg xmlns="http://www.w3.org/2000/svg" width="{px}" height="{px}" viewBox="{vb}"'
    if art.mono:
        paint = color.strip() if color else "currentColor"
        color_attr = f' color="{paint}"' if color else ""
        if color:
            body = body.replace("currentColor", paint)
        return (
            f'{head} fill="none" stroke="{paint}" stroke-width="2" stroke-linecap="round"'
            f' stroke-linejoin="round"{color_attr}>{body}</svg>'
        )
    return f"{head}>{body}</svg>"
