"""What the person asked for, as tool calls: the offline planner's whole understanding of language.

`plan(text)` is pure and deterministic. The engine calls it for every turn: once before streaming to
freeze the turn's price (`Plan.cost`: one message is one edit, priced as its dearest part), and inside
the planner (`planner.py`) to drive the tools.
A message is a generation request (a verb such as "generate" / "生成", usually with a script after a
colon or on the next lines: two calls, the first cut and then the title and music), or one or more
edits joined by "and", "then", ";", "，", "然后" or sentences (`edit_clauses.py` reads each). "export"
gets directions to the export command; anything it cannot read gets a free help reply; an
ambiguous request gets one question. English and Chinese, mixed freely.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import phrases as ph
from . import refs
from .calls import Ask, Call
from .reading import described_shot
from .rules import parse_edit
from .script import is_chinese
from .times import first_time, normalize
from .version_clauses import version_request

TEST_TOOLS = {"test_wait", "test_fail"}
__all__ = ["Call", "Plan", "TEST_TOOLS", "plan", "parse_edit"]


@dataclass
class Plan:
    calls: list[Call]
    silent: bool = False
    help: bool = False
    export: bool = False
    ignored: list[str] = field(default_factory=list)
    questions: list[Ask] = field(default_factory=list)
    chinese: bool = False

    def cost(self, prices: Mapping[str, int]) -> int:
        """The turn's price, frozen before it runs: one message is one edit, however many parts it
        has ("make the title yellow and move it to the top"), so it costs its dearest call. The
        engine charges each successful call but never more than this hold (`store.record_charge`),
        so a compound turn is charged as one edit and a turn whose calls all fail costs nothing."""
        return max((prices.get(c.name, 0) for c in self.calls if c.name not in TEST_TOOLS), default=0)


def plan(text: str, *, test_hooks: bool = False) -> Plan:
    """What `text` asks for. The last few readings are remembered: a turn reads its message once for
    its price and once per model step, and each reading is linear in the text but not free (a
    20,000-character message takes about 0.1 s). A copy, so no caller changes another's plan."""
    return copy.deepcopy(_plan(text, test_hooks))


@functools.lru_cache(maxsize=16)
def _plan(text: str, test_hooks: bool) -> Plan:
    text = text.strip()
    silent, hook_calls, text = _test_hooks(text) if test_hooks else (False, [], text)
    chinese = is_chinese(text)
    if _asks_export(text):
        return Plan(hook_calls + [Call("show_timeline")], silent=silent, export=True, chinese=chinese)
    if _asks_help(text):
        return Plan(hook_calls + [Call("show_timeline")], silent=silent, help=True, chinese=chinese)
    calls, ignored, questions = _understand(text)
    if not calls:
        help_ = not questions
        return Plan(
            hook_calls + [Call("show_timeline")],
            silent=silent,
            help=help_,
            ignored=ignored,
            questions=questions,
            chinese=chinese,
        )
    return Plan(hook_calls + calls, silent=silent, ignored=ignored, questions=questions, chinese=chinese)


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


def _asks_export(text: str) -> bool:
    low = normalize(text).lower().strip(" .!?。！？")
    return bool(
        re.fullmatch(
            r"(?:please\s+)?(?:export|render|download)(?:\s+(?:it|the video|this|now|to mp4|"
            r"as mp4|please))*|导出|导出视频|导出一下|渲染|下载|下载视频",
            low,
        )
    )


def _asks_help(text: str) -> bool:
    return bool(
        re.match(r"\s*(help|\?|what can you do|how does this work|帮助|你能做什么|怎么用)", text, re.I)
    )


def _understand(text: str) -> tuple[list[Call], list[str], list[Ask]]:
    # "make a square version": a version of this video (`version_clauses`), not a new one generated
    if not version_request(text) and (generated := _generation(text)):
        return generated, [], []
    calls: list[Call] = []
    ignored: list[str] = []
    questions: list[Ask] = []
    subject = ""
    for clause in _pieces(ph.split_clauses(normalize(text))):
        found = parse_edit(clause)
        if found is None and subject and re.search(r"\b(it|them)\b", clause, re.I):
            found = parse_edit(re.sub(r"\b(it|them)\b", subject, clause, count=1, flags=re.I))
        if found is None and subject and not _subject(clause) and is_chinese(clause):
            found = parse_edit(f"{subject} {clause}")  # "标题改成黄色并且移到顶部": the title moves
        subject = _subject(clause) or subject
        if isinstance(found, Ask):
            questions.append(found)
        elif found and _said_again(calls, found):
            continue  # "the voice is a bit loud, turn it down": one request said twice, done once
        elif found:
            calls.extend(found)
        elif clause.strip(" .,!，。！") and not _KEEP.search(clause):
            ignored.append(clause)
    return _without_vague_lengths(calls), ignored, questions


# "留着音乐就行", "keep the music as it is": what stays as it is needs no edit, and is not "skipped".
_KEEP = re.compile(
    r"^\W*(?:but\s+)?(?:keep|leave)\s+(?:the\s+)?(?:music|title|captions|voice(?:-?over)?|it|everything else)"
    r"(?:\s+(?:as it is|alone|the same|like that|please|pls))*\W*$"
    r"|^\W*(?:留着|保留|不用动|别动).{0,8}(?:就行|就好|吧)?\W*$",
    re.I,
)


def _said_again(calls: list[Call], found: list[Call]) -> bool:
    """The same request in other words, later in the message: the same call, or the same relative
    change of the same thing ("slow it down a little, everything feels rushed")."""
    if found[0].name == "undo":
        return False  # "undo, undo": twice
    if calls[-len(found) :] == found:
        return True
    return (
        len(found) == 1
        and "change" in found[0].args
        and any(c.name == found[0].name and set(c.args) == set(found[0].args) for c in calls)
    )


def _pieces(clauses: list[str]) -> list[str]:
    """Each clause, or its two halves when it joins two edits with a bare "and" (`ph.and_halves`)
    and each half reads as an edit on its own."""
    out: list[str] = []
    for clause in clauses:
        for left, right in ph.and_halves(clause):
            if _edits(left) and _edits(right):
                out += [left, right]
                break
        else:
            out.append(clause)
    return out


def _edits(clause: str) -> bool:
    found = parse_edit(clause)
    return isinstance(found, list) and bool(found)


def _without_vague_lengths(calls: list[Call]) -> list[Call]:
    """ "it's too long, cut it down to 15": the exact length answers the complaint, so the vague
    "shorter" (which only asks how long) is dropped."""
    if not any(c.name == "set_length" and "seconds" in c.args for c in calls):
        return calls
    return [c for c in calls if not (c.name == "set_length" and "change" in c.args)]


def _subject(clause: str) -> str:
    """What a clause is about, for an "it" in the next one ("make the title red and move it up")."""
    if ph.TITLE_WORD.search(clause):
        return "the title"
    if ph.CAPTION_WORD.search(clause):
        return "the captions"
    if ph.MUSIC_WORD.search(clause):
        return "the music"
    if ph.VOICE_WORD.search(clause):
        return "the voice-over"
    if clips := refs.clip_refs(clause):  # "the third clip is boring, cut it": clip 3
        return f"clip {clips[0]}" if clips[0] > 0 else "the last clip"
    if shot := described_shot(clause.lower()):  # "flour scene flies by, give it 6 seconds"
        return f"the {shot} scene"
    return ""


def _script_for_a_video(command: str, script: str) -> bool:
    """ "video for instagram, square, 20s: <script>": a video word before a script of a few words.
    An edit with a colon ("add title: Summer Vibes", "caption 2: Hi") names no video."""
    words = len(script.split()) if not is_chinese(script) else len(script) // 2
    return bool(ph.VIDEO_REQUEST.search(command)) and words >= 4


def _generation(text: str) -> list[Call] | None:
    command, script = ph.split_script(text)
    command = normalize(command)
    if not (ph.GENERATE.search(command) or _script_for_a_video(command, script)):
        return None
    args: dict[str, object] = {"script": script}
    if aspect := ph.aspect_ratio(command):
        args["aspect_ratio"] = aspect
    if (seconds := first_time(ph.without_quotes(command))) is not None:
        args["duration_s"] = seconds
    if title := ph.titled(command):
        args["title"] = title
    if ph.VOICE_WORD.search(command) and not re.search(
        r"\b(no|without)\s+(?:a\s+)?voice|不要配音|无配音", command, re.I
    ):
        args["voiceover"] = True
    if background := ph.background(command):
        args["background"] = background
    finish: dict[str, object] = {}
    if title:
        finish["title"] = title
    music = ph.music_request(command)
    if music is None and (mood := ph.mood(ph.without_quotes(command))):
        music = (mood, None)  # "a cinematic video", "something upbeat": the music's mood
    if music is not None:
        finish["music"], volume = music
        if volume is not None:
            finish["music_volume"] = volume
    return [Call("generate_video", args), Call("finish_video", finish)]
