"""Versions by chat (issue 20): "make a square version", "a 15-second cut for TikTok", "做一个15秒的版本"
make a new version of this video, its edits kept (`make_version`); "switch to the square one", "go back
to the original", "切换到原版" switch (`switch_version`); "show my versions", "有哪些版本" list them.

Only an explicit "regenerate" / "start over" rebuilds from the script, so those are left to the
generation reader. Read before the other edit readers: "i want a vertical version" is a version, not
a change of this one's shape, and "go back to the original" is not undo.
"""

from __future__ import annotations

import re

from . import phrases as ph
from .calls import Call, Parsed
from .times import first_time, normalize

_REBUILD = re.compile(
    r"\b(?:regenerate|start (?:over|again)|from scratch|rebuild)\b|重新生成|重新做|从头", re.I
)

_LIST = re.compile(
    r"\b(?:show|list|see|what|which|how many)\b.{0,20}\bversions\b|^\s*(?:my\s+)?versions\s*\??\s*$"
    r"|\bwhich version\b.{0,20}\b(?:am i|is this|is it)\b"
    r"|(?:哪些|哪几个|几个|什么|所有|全部|列出|看看|查看).{0,4}版本|版本列表|^\s*版本\s*[?？]?\s*$|(?:现在|当前)是?哪个版本"
)
_SWITCH_EN = re.compile(
    r"\b(?:switch(?:\s+back)?|swap|change(?:\s+back)?|go(?:\s+back)?|get\s+back|flip(?:\s+back)?|jump|"
    r"return|revert|head\s+back|back)\s+to\s+(?P<what>.+)$"
    r"|\b(?:use|open|load)\s+(?P<which>(?:the\s+)?[\w\s:.-]{1,30}?\s+(?:version|one|cut))\b"
)
_SWITCH_ZH = re.compile(
    r"(?:切换到|切换回|切回|切到|换回|换到|回到|改回|用回|返回到?|恢复到|打开|用)(?P<what>.+)$"
)
_SWITCH_BARE = re.compile(r"^\s*(?:switch|change)\s+(?:the\s+)?versions?\s*$|^\s*(?:切换|换个?)版本\s*$")
_A_VERSION_WORD = re.compile(r"\bversions?\b|\boriginal\b|\bone\b|\bcut\b|\bedit\b|版")
_FILLER = re.compile(
    r"\b(?:the|my|a|an|version|one|cut|edit|please|pls|again|instead|now|back|of (?:it|the video))\b"
    r"|[.!?,;。！？，；]|的|版本|那个|这个|一下|吧|呢"
)
# "a square version", "another 15-second cut", "a vertical 15 s version" (a few words between)
_MAKE_EN = re.compile(r"\b(?:a|an|another|new)\s+(?:[\w:.()-]+\s+){0,5}?(?:version|cut)\b")
_NOT_A_VERSION_CUT = re.compile(
    r"\b(?:hard|jump|quick|clean|straight)\s+cuts?\b|\bcut\s+(?:from|off|out|to)\b"
)
_MAKE_ZH = re.compile(r"版本|(?<![竖横原])版(?!权)")
# "can i also get a horizontal one", "a vertical one as well", "也要一个竖屏的": another shape, kept beside
_ALSO_ONE = re.compile(
    r"\b(?:also|another|second|separate|extra)\b.{0,40}?\b(?:one|copy)\b"
    r"|\b(?:one|copy)\b.{0,30}\b(?:too|as well)\b"
    r"|也(?:要|来|做|出)|另外(?:做|出|来|要)?|另做"
)
_ZH_VERB = re.compile(r"做|来|出|弄|生成|剪|要|给我|再")
_NAMED = re.compile(
    r"\b(?:called|named)\s+['\"“‘](?P<name>[^'\"”’]{1,40})['\"”’]|叫[“'\"‘](?P<zh>[^”'\"’]{1,20})[”'\"’]"
)


def read_versions(clause: str, low: str) -> Parsed:
    """One clause → make_version, switch_version or list_versions, or None."""
    # Words being set are not a request: "add a caption: new version out now", "title 'Version 2'"
    low = re.split(r"[:：](?!\d)", ph.without_quotes(low), maxsplit=1)[0]
    if _REBUILD.search(low):
        return None
    if _LIST.search(low):
        return [Call("list_versions")]
    if (switch := _switch(low)) is not None:
        return switch
    return _make(clause, low)


def version_request(text: str) -> bool:
    """Whether a whole message asks for versions (checked before the generation reader, whose verbs
    "make a … version" also match): the words before any script, read by `read_versions`."""
    command, script = ph.split_script(text)
    command = normalize(command)
    return not script.strip() and bool(read_versions(command, command.lower()))


def _switch(low: str) -> Parsed:
    if _SWITCH_BARE.search(low):
        return [Call("switch_version")]
    m = _SWITCH_EN.search(low) or _SWITCH_ZH.search(low)
    if not m:
        return None
    what = m.group("what") if m.groupdict().get("what") else m.group("which")
    if not _A_VERSION_WORD.search(what) or ph.ORIGINAL_WORD.search(what):
        return None  # "switch to 9:16" is a shape; "go back to the original audio" is its sound
    name = re.sub(r"\s+", " ", _FILLER.sub(" ", what)).strip()
    return [Call("switch_version", {"name": name or what.strip()})]


def _make(clause: str, low: str) -> Parsed:
    english = None if _NOT_A_VERSION_CUT.search(low) else _MAKE_EN.search(low)
    chinese = (_MAKE_ZH.search(low) and _ZH_VERB.search(low)) or (
        re.match(r"^\s*再(?:出|做|来|弄|要)[一1]?个", low) and ph.aspect_ratio(low)  # "再出一个4:5的"
    )
    # another shape beside this one ("keep the vertical one too" names the one kept, not a new one)
    also = bool(ph.aspect_ratio(low) and _ALSO_ONE.search(low) and not re.search(r"\bkeep\b|保留|留着", low))
    if not (english or chinese or also):
        return None
    args: dict[str, object] = {}
    if aspect := ph.aspect_ratio(low):
        args["aspect_ratio"] = aspect
    if (seconds := first_time(low)) is not None:
        args["length_s"] = seconds
    if english and not also and english.group(0).endswith("cut") and not args:
        return None  # "a cut" alone is not a version; "a 15-second cut for TikTok" is
    if named := _NAMED.search(clause):
        args["name"] = named.group("name") or named.group("zh")
    return [Call("make_version", args)]
