"""What the person asked for, as tool calls: the offline planner's whole understanding of language.

`plan(text)` is pure and deterministic. The engine calls it twice per turn: once before streaming to
freeze the turn's price (`Plan.cost`), and inside the planner (`planner.py`) to drive the tools.
A message is either a generation request (a verb such as "generate", and usually a script after a
colon or on the next lines) or one or more edits joined by "and", "then", ";" or sentences.
Anything it cannot read becomes a free help reply. docs/engine.md lists the phrasings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import phrases as ph

TEST_TOOLS = {"test_wait", "test_fail"}


@dataclass(frozen=True)
class Call:
    name: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass
class Plan:
    calls: list[Call]
    silent: bool = False
    help: bool = False
    ignored: list[str] = field(default_factory=list)

    def cost(self, prices: dict[str, int]) -> int:
        return sum(prices.get(c.name, 0) for c in self.calls if c.name not in TEST_TOOLS)


def plan(text: str, *, test_hooks: bool = False) -> Plan:
    text = text.strip()
    silent, hook_calls, text = _test_hooks(text) if test_hooks else (False, [], text)
    calls, ignored = _understand(text)
    if not calls:
        return Plan(hook_calls + [Call("show_timeline")], silent=silent, help=True, ignored=ignored)
    return Plan(hook_calls + calls, silent=silent, ignored=ignored)


def _test_hooks(text: str) -> tuple[bool, list[Call], str]:
    silent, calls = False, []
    while True:
        if text.startswith("!silent "):
            silent, text = True, text[len("!silent ") :].lstrip()
        elif m := re.match(r"!slow\s+(\d+(?:\.\d+)?)\s+", text):
            calls.append(Call("test_wait", {"seconds": float(m.group(1))}))
            text = text[m.end() :]
        elif text.startswith("!fail "):
            calls.append(Call("test_fail"))
            text = text[len("!fail ") :].lstrip()
        else:
            return silent, calls, text


def _understand(text: str) -> tuple[list[Call], list[str]]:
    if generate := _generation(text):
        return [generate], []
    calls, ignored = [], []
    for clause in ph.split_clauses(text):
        call = parse_edit(clause)
        if call:
            calls.append(call)
        elif clause.strip(" .,!"):
            ignored.append(clause)
    return calls, ignored


def _generation(text: str) -> Call | None:
    command, script = ph.split_script(text)
    if not ph.GENERATE.search(command):
        return None
    args: dict[str, Any] = {"script": script}
    if aspect := ph.aspect_ratio(command):
        args["aspect_ratio"] = aspect
    if (seconds := ph.duration_s(command)) is not None:
        args["duration_s"] = seconds
    if title := ph.titled(command):
        args["title"] = title
    music = ph.music_request(command)
    if music is not None:
        args["music"], volume = music
        if volume is not None:
            args["music_volume"] = volume
    if background := ph.background(command):
        args["background"] = background
    return Call("generate_video", args)


def parse_edit(clause: str) -> Call | None:
    low = clause.lower()
    for parse in (
        _remove,
        _volume,
        _music,
        _title,
        _caption,
        _trim,
        _aspect,
        _media,
        _show,
    ):
        call = parse(clause, low)
        if call:
            return call
    return None


def _remove(clause: str, low: str) -> Call | None:
    m = re.search(r"\b(remove|delete|drop|get rid of|take out|clear)\b", low)
    kind = ph.track_kind(low)
    if m and kind and not ph.DURATION.search(low):
        return Call("remove_track", {"kind": kind})
    return None


def _volume(clause: str, low: str) -> Call | None:
    if not ph.MUSIC_WORD.search(low) and "volume" not in low:
        return None
    if re.search(r"\b(mute|silence)\b", low):
        return Call("set_volume", {"volume": 0.0})
    if re.search(r"\b(quieter|softer|lower|down|reduce|decrease)\b", low) and not ph.percent(low):
        return Call("set_volume", {"change": -0.15})
    if re.search(r"\b(louder|raise|up|increase|boost)\b", low) and not ph.percent(low):
        return Call("set_volume", {"change": 0.15})
    adding = re.search(r"\b(add|put|use|play|include|with)\b", low) or ph.mood(low)
    volume = ph.percent(low)
    if volume is not None and not adding:
        return Call("set_volume", {"volume": volume})
    return None


def _music(clause: str, low: str) -> Call | None:
    music = ph.music_request(low)
    if music is None or music[0] == "none":
        return None
    args: dict[str, Any] = {"mood": music[0]}
    if music[1] is not None:
        args["volume"] = music[1]
    return Call("add_music", args)


def _title(clause: str, low: str) -> Call | None:
    if not re.search(r"\b(title|heading|headline)\b", low):
        return None
    text = ph.quoted(clause) or ph.after_word(clause, r"(?:title|heading|headline)(?:\s+(?:to|as|card))?")
    if not text:
        return None
    args: dict[str, Any] = {"text": text}
    args.update(ph.timing(ph.without_quotes(low)))
    if pos := ph.position(ph.without_quotes(low)):
        args["position"] = pos
    return Call("add_title", args)


def _caption(clause: str, low: str) -> Call | None:
    if not re.search(r"\b(caption|subtitle|text)\b", low) or not re.search(r"\b(add|put|show|write)\b", low):
        return None
    text = ph.quoted(clause)
    if not text:
        return None
    args: dict[str, Any] = {"text": text}
    args.update(ph.timing(ph.without_quotes(low)))
    return Call("add_caption", args)


def _trim(clause: str, low: str) -> Call | None:
    seconds = ph.duration_s(low)
    if seconds is None:
        return None
    if m := re.search(r"\b(first|last|final|opening|ending)\b", low):
        if re.search(r"\b(trim|cut|remove|drop|delete|skip|lose)\b", low):
            key = "cut_start_s" if m.group(1) in ("first", "opening") else "cut_end_s"
            return Call("trim", {key: seconds})
        return None
    if re.search(r"\b(make|trim|cut|shorten|set|keep|limit|change|reduce)\b", low) or re.search(
        r"\b(long|length|duration)\b", low
    ):
        return Call("trim", {"length_s": seconds})
    return None


def _aspect(clause: str, low: str) -> Call | None:
    aspect = ph.aspect_ratio(low)
    if aspect and re.search(r"\b(make|change|switch|convert|set|turn|use|reframe|aspect)\b", low):
        return Call("set_aspect_ratio", {"ratio": aspect})
    return None


def _media(clause: str, low: str) -> Call | None:
    if not re.search(r"\b(add|use|put|insert|append|include)\b", low):
        return None
    if m := re.search(r"\bmedia:([\w-]+)", clause):
        return Call("add_media", {"which": m.group(1)})
    if m := re.search(
        r"[\w.-]+\.(?:mp4|mov|avi|webm|mkv|jpe?g|png|gif|webp|mp3|wav|m4a|aac)\b", clause, re.I
    ):
        return Call("add_media", {"which": m.group(0)})
    which = ph.media_group(low)
    return Call("add_media", {"which": which}) if which else None


def _show(clause: str, low: str) -> Call | None:
    if re.search(r"\b(show|list|describe|what'?s)\b.*\b(timeline|tracks?|draft)\b|^\s*status\b", low):
        return Call("show_timeline")
    return None
