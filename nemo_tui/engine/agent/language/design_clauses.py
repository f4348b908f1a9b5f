"""Reading requests about the design of a video: its style, brand colours, one scene's picture, the logo.

"make it playful", "use the minimal style", "换成商务风格"; "use our colours #0A3D62 and #F8C291",
"品牌色 #0A3D62 #F8C291"; "use a coffee cup on the third scene", "a different picture for scene 2",
"换一个图标"; "put our logo on the end card", "logo in the top right corner", "加上我们的logo".
Requests about the title, captions or music are left to their own readers.
"""

from __future__ import annotations

import re

from .calls import Call, Parsed
from .refs import clip_refs

_STYLE_WORDS = {
    "bold": "bold",
    "vibrant": "bold",
    "punchy": "bold",
    "大胆": "bold",
    "醒目": "bold",
    "炫酷": "bold",
    "minimal": "minimal",
    "minimalist": "minimal",
    "clean": "minimal",
    "simple": "minimal",
    "elegant": "minimal",
    "简约": "minimal",
    "简洁": "minimal",
    "极简": "minimal",
    "优雅": "minimal",
    "corporate": "corporate",
    "professional": "corporate",
    "business": "corporate",
    "商务": "corporate",
    "专业": "corporate",
    "企业": "corporate",
    "playful": "playful",
    "fun": "playful",
    "cute": "playful",
    "cheerful": "playful",
    "活泼": "playful",
    "可爱": "playful",
    "俏皮": "playful",
    "有趣": "playful",
}
_NOT_DESIGN = re.compile(
    r"\b(?:title(?!\s+card)|captions?|subtitles?|music|song|voice|font)\b|标题|字幕|音乐|配音|字体", re.I
)
_HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
TEMPLATE_WORDS = {  # what people call each template
    "headline": "headline", "title": "headline", "quote": "quote", "testimonial": "quote",
    "statistic": "stat", "stat": "stat", "number": "stat", "counter": "stat",
    "feature cards": "features", "features": "features", "cards": "features", "list": "features",
    "steps": "steps", "numbered steps": "steps", "call to action": "cta", "end card": "cta", "cta": "cta",
    "引用": "quote", "评价": "quote", "数字": "stat", "数据": "stat", "卖点": "features", "卡片": "features",
    "步骤": "steps", "结尾卡": "cta",
}  # fmt: skip
_STYLES = "|".join(sorted(_STYLE_WORDS, key=len, reverse=True))
_STYLE_EN = re.compile(
    rf"\b(?:make\s+(?:it|the\s+(?:video|design|look))(?:\s+(?:look|feel|seem))?|go|switch\s+to|change\s+(?:it|the\s+(?:style|look|design))\s+to"
    rf"|use|try|give\s+it)\s+(?:a\s+|an\s+|the\s+|more\s+)?({_STYLES})\b(?:\s+(?:style|look|design|feel|vibe))?"
)
# "more corporate / professional", "less cartoony, clean and minimal": the style named, after more/and
_STYLE_MORE = re.compile(
    rf"(?:^\W*|\b(?:look|feel|be|seem)\s+(?:[\w-]+\s+(?:and\s+)?){{0,3}}?)"
    rf"(?:(?:much|a bit|a little)\s+)?more\s+({_STYLES})\b"
    rf"|\bless\s+cartoony\b.*?\b({_STYLES})\b"
)
# "it's a bit shouty / too busy / less cluttered": calmer, so the minimal style
_TOO_LOUD_A_LOOK = re.compile(r"\b(?:shouty|too busy|cluttered|too loud visually|less busy|less cluttered)\b")
_STYLE_ZH = re.compile(rf"({_STYLES})\s*(?:风格|风|的风格|一点|一些)|(?:风格|换成|改成)\s*({_STYLES})")
_TEMPLATES = "|".join(sorted(TEMPLATE_WORDS, key=len, reverse=True))
_TEMPLATE_EN = re.compile(
    rf"\b(?:make|turn|show|change)\b.{{0,60}}?\b(?:a|an|into|as|to)\s+(?:a\s+|an\s+)?({_TEMPLATES})\b"
)
_TEMPLATE_ZH = re.compile(rf"(?:改成|变成|换成|做成)\s*({_TEMPLATES})")
TITLE_CARD = -100  # `_clip_number`'s answer for the title card
_ART_NOUN = r"(?:picture|image|illustration|icon|art|graphic|drawing|emoji|sticker)"


def read_design(clause: str, low: str) -> Parsed:
    for read in (_colours, _logo, _scene_words, _template, _art, _style):
        if found := read(clause, low):
            return found
    return None


def _style(clause: str, low: str) -> Parsed:
    if _NOT_DESIGN.search(low):
        return None
    if m := _STYLE_EN.search(low) or _STYLE_MORE.search(low):
        return [Call("set_style", {"style": _STYLE_WORDS[m.group(1) or m.group(2)]})]
    if _TOO_LOUD_A_LOOK.search(low):
        return [Call("set_style", {"style": "minimal"})]
    if m := _STYLE_ZH.search(clause):
        word = m.group(1) or m.group(2)
        return [Call("set_style", {"style": _STYLE_WORDS[word]})]
    return None


def _colours(clause: str, low: str) -> Parsed:
    hexes = _HEX.findall(clause)
    if not hexes or _NOT_DESIGN.search(low):
        return None
    if re.search(r"\b(?:colou?rs|palette|brand|branding)\b|品牌色|配色|主色|颜色", low) or len(hexes) >= 2:
        return [Call("set_colours", {"colours": [h.upper() for h in hexes[:3]]})]
    return None


def _logo(clause: str, low: str) -> Parsed:
    if not re.search(r"(?<![a-z])logo(?![a-z])|标志|商标", low):
        return None
    if re.search(r"[\w-]+\.(?:png|jpe?g|gif|webp|svg|mp4|mov)\b", low):
        return None  # "add logo.png": that upload, by name (`_media`)
    removal = (
        r"\b(?:remove|delete|drop|take\s+(?:out|off)|no)\b.{0,40}logo|(?:去掉|删除|不要).{0,20}(?:logo|标志)"
    )
    if re.search(removal, low):
        return [Call("set_logo", {"where": "none"})]
    vertical = (
        "top" if re.search(r"\btop\b|上", low) else "bottom" if re.search(r"\bbottom\b|下", low) else ""
    )
    side = "left" if re.search(r"\bleft\b|左", low) else "right" if re.search(r"\bright\b|右", low) else ""
    if re.search(r"\bcorner\b|角", low) or (vertical and side):
        return [Call("set_logo", {"where": f"{vertical or 'top'}-{side or 'right'}"})]
    return [Call("set_logo", {"where": "end"})]


def _template(clause: str, low: str) -> Parsed:
    """ "make scene 3 a quote", "turn the second scene into feature cards", "第2个场景改成引用"."""
    m = _TEMPLATE_EN.search(low) or _TEMPLATE_ZH.search(clause)
    if not m or _NOT_DESIGN.search(low):
        return None
    clip = _clip_number(clause, low)
    if clip is None or clip == TITLE_CARD:
        return None
    return [Call("edit_scene", {"clip": clip, "template": TEMPLATE_WORDS[m.group(1)]})]


def _scene_words(clause: str, low: str) -> Parsed:
    """ "change the words of scene 2 to 'Fresh every day'", "scene 2 should say 'X'"."""
    m = re.search(r"[\"'“‘「](.{1,300}?)[\"'”’」]", clause)
    if not m or not re.search(r"\b(?:say|says|read|reads|words|text|headline)\b|文字|文案|写", low):
        return None
    clip = _clip_number(clause, low)
    if clip is None or clip == TITLE_CARD or _NOT_DESIGN.search(low.replace(m.group(1).lower(), "")):
        return None
    return [Call("edit_scene", {"clip": clip, "words": m.group(1)})]


def _clip_number(clause: str, low: str) -> int | None:
    """The clip a design request names (Chinese numerals are digits by now: `times.normalize`)."""
    if re.search(r"\b(?:title card|opening|opener|intro)\b|片头|标题卡", low):
        return TITLE_CARD
    if re.search(r"\b(?:end card|ending|last scene|final scene|outro)\b|结尾|片尾", low):
        return -1
    found = clip_refs(clause)
    return found[0] if found else None


def _art(clause: str, low: str) -> Parsed:
    if _NOT_DESIGN.search(low):
        return None
    other = re.search(
        rf"\b(?:another|a\s+different|a\s+new|other|change\s+the|swap\s+the|replace\s+the)\s+{_ART_NOUN}\b"
        r"|换(?:一|1)?个?(?:图标|插图|图片|图案|画)|换(?:一|1)?张",
        low,
    )
    thing = None
    if m := re.search(
        rf"\b(?:use|show|put|with|add)\s+(?:a|an|the|some)?\s*(.{{1,60}}?)\s+(?:{_ART_NOUN}\s+)?(?:on|in|for|to)\s+"
        r"(?:the\s+)?(?:(?:\w+\s+)?(?:scene|clip|slide|shot|title card|end card|opener|ending)\b.*)",
        low,
    ):
        thing = re.sub(rf"\s*\b{_ART_NOUN}\b", "", m.group(1)).strip()
    elif m := re.search(
        rf"\b{_ART_NOUN}\s+(?:of|on|in|for)\s+.{{1,40}}?\s+(?:to|into|with)\s+(?:a|an|the|some)?\s*(.{{1,60}})$",
        low,
    ):
        thing = m.group(1).strip(" .!")
    elif m := re.search(
        r"(?:用|换成|改成)\s*(?:一个|一只|一杯|一张|1个|1只|1杯|1张)?\s*([\u4e00-\u9fff]{1,6}?)\s*的?"
        r"(?:图标|插图|图片|图案)",
        clause,
    ):
        thing = m.group(1)
    elif m := re.search(r"用\s*(?:一个|一只|一杯|一张|1个|1只|1杯|1张)?\s*([\u4e00-\u9fff]{1,6})$", clause):
        if re.search(r"场景|片段|镜头|画面|片头|片尾|结尾", clause) and not re.search(
            r"移|放到|顺序|最前|开头", clause
        ):
            thing = m.group(1)
    if thing is None and not other:
        return None
    clip = _clip_number(clause, low)
    args: dict[str, object] = {"title_card": True} if clip == TITLE_CARD else {"clip": clip or 0}
    if thing:
        args["thing"] = thing
    return [Call("set_scene_art", args)]
