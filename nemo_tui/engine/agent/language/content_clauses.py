"""Reading requests about what a video says and shows, in English and Chinese:

- a call to action at the end: 'add a call to action at the end: "Order at harborlanebakery.com"',
  "end with 'Visit us today'", '在结尾加上"欢迎光临"四个字' → `add_call_to_action`;
- the brand in a corner: "put 'Harbor Lane' in the top right corner", "add our logo text in the top
  right corner the whole time", "右上角一直显示店名" → `add_brand_text`;
- the part about a topic: "cut the part where it talks about the Vermont flour", "remove the scene
  about delivery", "删掉讲配送的那段" → `remove_topic`;
- uploads on the scenes: "use my photos for the scenes, in this order: storefront, croissant, team",
  "put the storefront photo first", "remove the team photo", "the photos should replace the coloured
  backgrounds … keep it 30 seconds" → `use_uploads`, `move_upload`, `remove_upload`.

`read_content` tries them all; each `read_*` takes the clause and its lower-case form and answers
calls, a question, or None (not its request).
"""

from __future__ import annotations

import re

from .calls import Call, Parsed
from .phrases import quoted
from .refs import ORDINALS
from .times import first_time

_CORNER_EN = re.compile(r"\b(top|bottom|upper|lower)[\s-]+(right|left)\b(?:[\s-]+corner)?|\bcorner\b")
_CORNER_ZH = re.compile(r"(右上|左上|右下|左下)角?")
_ZH_CORNERS = {"右上": "top-right", "左上": "top-left", "右下": "bottom-right", "左下": "bottom-left"}
_REMOVE_EN = r"\b(?:remove|delete|drop|cut|lose|get\s+rid\s+of|take\s+out|take\s+away)\b"
_REMOVE_ZH = r"删掉|删除|去掉|剪掉|拿掉|不要"
_MEDIA_NOUN = r"(?:photo|picture|image|pic|shot|video|clip|footage)"
_MEDIA_ZH = r"(?:照片|图片|相片|视频)"
# Words before a media noun that say which clip by place, not which upload ("remove the last clip").
_NOT_A_NAME = set(ORDINALS) | {
    "last", "next", "previous", "this", "that", "every", "each", "all", "my", "uploaded", "original",
    "whole", "current", "other", "same", "new", "a", "an", "the", "title", "background", "one",
    "middle", "end", "ending", "beginning", "start", "opening", "boring", "slow", "second-to-last",
}  # fmt: skip


def read_content(clause: str, low: str) -> Parsed:
    for read in (read_call_to_action, read_brand_text, read_uploads, read_remove_topic, read_keep_length):
        if found := read(clause, low):
            return found
    return None


def _words(clause: str) -> str:
    """The words asked for: quoted, else what follows the first colon."""
    found = quoted(clause)
    if found:
        return found
    if m := re.search(r"[:：]\s*(.+)$", clause):
        return m.group(1).strip(" .。")
    return ""


def read_call_to_action(clause: str, low: str) -> Parsed:
    cta = re.search(r"\b(?:call[\s-]+to[\s-]+action|cta)\b|行动号召", low)
    ending = re.search(
        r"\b(?:end|finish|close|wrap\s+up|sign\s+off)\s+(?:it\s+|the\s+video\s+)?(?:with|on)\b", low
    ) or re.search(
        r"(?:在|到)?(?:结尾|最后|片尾|末尾).{0,4}(?:加上?|放上?|写上?|显示|打上?)|以.{1,40}结尾", clause
    )
    if not cta and not ending:
        return None
    words = _words(clause)
    if not words and ending and not cta:
        if m := re.search(r"\b(?:with|on)\s+(.{2,80})$", clause, re.I):
            words = m.group(1).strip(" .")
        elif m := re.search(r"以(.{1,40})结尾", clause):
            words = m.group(1).strip(" \"'“”")
    if not words and not cta:
        return None  # "end with a fade" is the ending's, not a call to action
    if words and re.fullmatch(r"(?:a\s+)?(?:fade|fade\s+out|black|music|the\s+title|title)", words.lower()):
        return None
    return [Call("add_call_to_action", {"words": words})]


def read_brand_text(clause: str, low: str) -> Parsed:
    en = _CORNER_EN.search(low)
    zh = _CORNER_ZH.search(clause)
    if not en and not zh:
        return None
    names = re.search(
        r"\blogo\s+text\b|\b(?:brand|shop|store|company|business|bakery|cafe)(?:'s)?\s+name\b|\bour\s+name\b"
        r"|店名|品牌名|名字|名称|商标文字",
        low,
    )
    text = quoted(clause) or _named_in_corner(clause)
    removal = re.search(_REMOVE_EN, low) or re.search(_REMOVE_ZH, clause)
    if removal and re.search(r"\b(?:name|text|words|brand)\b|店名|品牌|名字|文字", low):
        return [Call("add_brand_text", {"corner": "none"})]
    if not names and not text:
        return None  # "logo in the top right corner": the uploaded logo's (set_logo)
    if zh:
        corner = _ZH_CORNERS[zh.group(1)]
    elif en and en.group(1):
        vertical = "top" if en.group(1) in ("top", "upper") else "bottom"
        corner = f"{vertical}-{en.group(2)}"
    else:
        corner = "top-right"
    return [Call("add_brand_text", {"text": text, "corner": corner})]


def _named_in_corner(clause: str) -> str:
    """ "put Harbor Lane in the top right corner": the words put there, unquoted (not "our logo")."""
    m = re.search(
        r"\b(?:put|show|add|have|keep|place|stick)\s+(.{2,40}?)\s+(?:in|on|at|into)\s+the\s+"
        r"(?:top|bottom|upper|lower)[\s-]+(?:right|left)\b",
        clause,
        re.I,
    )
    words = m.group(1).strip() if m else ""
    if not words or re.search(r"\b(?:logo|it|that|this|them|picture|image|photo|icon)\b", words, re.I):
        return ""
    return words if words[0].isupper() or not words.isascii() else ""


def read_remove_topic(clause: str, low: str) -> Parsed:
    m = re.search(
        rf"{_REMOVE_EN}\s+(?:the\s+|that\s+|this\s+)?(?:part|bit|section|scene|clip|segment|shot|slide)s?\s+"
        r"(?:where\s+(?:it|we|they|you|he|she)\s+(?:talks?|speaks?|says?|mentions?|explains?)(?:\s+about)?"
        r"|that\s+(?:talks?|mentions?|is)(?:\s+about)?|about|on|mentioning|talking\s+about)\s+(.{2,80})$",
        low,
    )
    if m:
        said = clause[m.start(1) : m.end(1)] if len(clause) == len(low) else m.group(1)
        topic = re.sub(r"^(?:the|our|my|a|an)\s+", "", said.strip(" .!?"), flags=re.I)
        return [Call("remove_topic", {"topic": topic})] if topic else None
    # "remove the Vermont part", "cut the delivery bit", "take the ebike part out", "cut the team stuff"
    before = re.search(
        rf"(?:{_REMOVE_EN}|\btake)\s+the\s+(.{{2,40}}?)\s+(?:part|bit|section|stuff|scene|segment)s?\b", low
    )
    if before and (name := _name(before.group(1))):
        said = clause[before.start(1) : before.end(1)] if len(clause) == len(low) else name
        return [Call("remove_topic", {"topic": said.strip()})]
    z = re.search(
        rf"(?:{_REMOVE_ZH})\s*(?:讲|说|提到|关于|介绍|谈)(.{{1,30}}?)的?(?:那段|这段|那一段|部分|场景|片段|镜头|内容)",
        clause,
    ) or re.search(rf"^(?:把)?(.{{1,20}}?)(?:那段|这段|那一段|的部分)(?:给我)?(?:{_REMOVE_ZH}|删)", clause)
    if z and z.group(1).strip():
        return [Call("remove_topic", {"topic": z.group(1).strip()})]
    return None


def read_uploads(clause: str, low: str) -> Parsed:
    for read in (_use_uploads, _upload_on_scene, _upload_first, _remove_upload):
        if found := read(clause, low):
            return found
    return None


def _use_uploads(clause: str, low: str) -> Parsed:
    on_scenes = re.search(
        r"\b(?:use|put)\s+(?:my|the|our)\s+(?:uploaded\s+)?(?:photos|pictures|images|pics|uploads|clips|videos)"
        r"\s+(?:for|on|in|as)\s+(?:the\s+|each\s+|every\s+)?(?:scenes?|backgrounds?|slides?)\b"
        r"|^\W*(?:please\s+|pls\s+|ok\s+)?use\s+(?:my|our|the uploaded)\s+(?:photos|pictures|images|pics)\W*$"
        r"|\buse\s+(?:my|our)\s+(?:photos|pictures|images|pics)\s+instead\b"
        r"|\b(?:photos|pictures|images|uploads)\s+(?:should|must|to)\s+(?:replace|go\s+(?:on|behind|in))\b"
        r"|\breplace\s+the\s+(?:\w+\s+){0,2}backgrounds?\s+with\s+(?:my|the|our)\s+(?:photos|pictures|images)\b"
        r"|\b(?:put|use|show)\s+(?:my|the|our)\s+(?:uploaded\s+)?(?:photos|pictures|images)\s+(?:behind\s+the\s+"
        r"(?:captions|words|text)|instead\s+of\s+the\s+(?:\w+\s+){0,2}backgrounds?)"
        # "swap the graphics for my photos", "use all my pics", "replace the illustrations with my photos"
        r"|\b(?:swap|replace|switch)\s+(?:out\s+)?the\s+(?:graphics|illustrations|drawings|backgrounds|pictures|art)"
        r"\s+(?:for|with)\s+(?:my|our|the uploaded)\s+(?:photos|pictures|images|pics|uploads)\b"
        r"|\buse\s+all\s+(?:of\s+)?(?:my|our|the)\s+(?:uploaded\s+)?(?:photos|pictures|images|pics|uploads)\b",
        low,
    ) or re.search(
        r"用我(?:上传)?的(?:照片|图片|素材)(?:做|当|作为|替换|换掉)|(?:照片|图片)(?:替换|换掉|代替).{0,8}(?:背景|场景)"
        r"|(?:照片|图片)按.{0,4}顺序|(?:照片|图片|素材)(?:都|全都|全部)用上|用上(?:我)?(?:刚)?(?:上?传)的(?:照片|图片)",
        clause,
    )
    if not on_scenes:
        return None
    args: dict[str, object] = {}
    if m := re.search(r"(?:\border\b|顺序)[^:：]{0,6}[:：]\s*(.+?)(?:\.{2,}|…|$)", clause, re.I):
        order = re.split(r"\s*(?:\bkeep\b|保持)", m.group(1), maxsplit=1, flags=re.I)[0]
        args["order"] = ", ".join(
            p.strip(" .。") for p in re.split(r",|，|、|;|\band\b|\bthen\b", order) if p.strip(" .。")
        )
    if re.search(r"\bkeep\b.{0,20}\d|保持", low) and (seconds := first_time(low)):
        args["seconds"] = seconds
    return [Call("use_uploads", args)]


def _name(raw: str) -> str | None:
    words = [w for w in re.split(r"\s+", raw.strip()) if w]
    while words and words[0] in ("the", "my", "our", "a", "an", "that"):
        words = words[1:]
    if not words or any(w in _NOT_A_NAME or w.isdigit() for w in words):
        return None
    return " ".join(words)


def _upload_on_scene(clause: str, low: str) -> Parsed:
    """ "put the croissant photo on the croissant scene", "use the team photo for scene 4",
    "第1个片段用店面那张照片"."""
    if z := re.search(
        r"第\s*(\d+)\s*个?(?:片段|场景|镜头|段)\s*(?:用|换成|放)\s*(.{1,12}?)(?:那张|这张|的)?(?:照片|图片|相片)",
        clause,
    ):
        return [Call("put_upload", {"name": z.group(2), "scene": z.group(1)})]
    m = re.search(
        rf"\b(?:put|use|show)\s+(?:the\s+|my\s+)?(.{{2,40}}?)\s+{_MEDIA_NOUN}\s+(?:on|for|in)\s+(?:the\s+)?"
        r"(?:(scene|clip|slide)\s+(\d+)|(.{2,40}?)\s+(?:scene|clip|slide|part))\b",
        low,
    )
    if not m or not (name := _name(m.group(1))):
        return None
    scene = m.group(3) or m.group(4)
    if m.group(4) and _name(m.group(4)) is None:
        return None
    return [Call("put_upload", {"name": name, "scene": scene})]


def _upload_first(clause: str, low: str) -> Parsed:
    opener = re.search(
        rf"\b(?:start|open|begin)\s+(?:the\s+video\s+|it\s+)?with\s+(?:the\s+|my\s+)?(.{{2,40}}?)\s+{_MEDIA_NOUN}\b",
        low,
    )
    if opener and (name := _name(opener.group(1))):
        return [Call("move_upload", {"name": name, "to": 1})]
    m = re.search(
        rf"\b(?:put|move|show|make)\s+(?:the\s+)?(.{{2,40}}?)\s+{_MEDIA_NOUN}s?\s+(?:first|at\s+the\s+(start|beginning|end)"
        r"|to\s+the\s+(start|beginning|front|end)|last)\b",
        low,
    )
    if m and (name := _name(m.group(1))):
        last = "end" in (m.group(2) or "", m.group(3) or "") or m.group(0).endswith("last")
        return [Call("move_upload", {"name": name, "to": -1 if last else 1})]
    z = re.search(
        rf"把(.{{1,20}}?)的?(?:那张)?{_MEDIA_ZH}(?:放|移)到?(最前面|第一个|开头|最后面|最后)", clause
    )
    if z and z.group(1).strip():
        return [Call("move_upload", {"name": z.group(1).strip(), "to": -1 if "后" in z.group(2) else 1})]
    return None


def _remove_upload(clause: str, low: str) -> Parsed:
    m = re.search(rf"{_REMOVE_EN}\s+(.{{2,40}}?)\s+{_MEDIA_NOUN}\b", low)
    if m and (name := _name(m.group(1))):
        return [Call("remove_upload", {"name": name})]
    z = re.search(rf"(?:{_REMOVE_ZH})\s*(.{{1,20}}?)的?(?:那张|这张)?{_MEDIA_ZH}", clause)
    if z and z.group(1).strip() and not re.search(r"第|最后|所有|全部|我的|这|那", z.group(1)):
        return [Call("remove_upload", {"name": z.group(1).strip()})]
    return None


def read_keep_length(clause: str, low: str) -> Parsed:
    """ "keep it 30 seconds", "保持30秒": the length, paced (set_length), never a cut of the end."""
    if re.search(
        r"^\s*(?:and\s+)?keep\s+(?:it|the\s+video|the\s+length)\s+(?:at\s+|to\s+)?\d|^\s*保持\s*\d", low
    ):
        if seconds := first_time(low):
            return [Call("set_length", {"seconds": seconds})]
    return None
