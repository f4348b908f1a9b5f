"""Translate the backend's GUI talk into words that fit a chat without a GUI (docs/protocol.md).

The cloud agent speaks as if a web editor were on screen ("click Export", "drag the clip"). We keep
what describes content and replace the GUI actions with what the person can type here: export and
account pages become the "export" and "credits" commands, panels and the timeline become "status",
dragging becomes asking for the move in words.
"""

from __future__ import annotations

import re

_NOISE = re.compile(r"\s*I encountered a temporary issue[^\n]*$", re.IGNORECASE)

_Q = r"[\"'“”「」]?"  # optional quotes around a button's name
_GUI_THING = r"(?:button|icon|option|panel|dialog|menu|tab|window|page|link|sidebar|view)"
_ZH_GUI_THING = r"(?:按钮|图标|选项|面板|窗口|页面|菜单|标签|视图)"
_ACCOUNT = r"(?:account|billing)(?:\s+(?:balance|details|page|settings|credits))?"
_ZH_ACCOUNT = r"(?:你的|您的)?(?:账户|账号|帐户|帐号)(?:余额|积分|页面|设置)?"
_SEE_BALANCE = 'type "credits" to see your balance'

# (pattern, replacement): ordered, the longer and more specific phrases first.
_RULES: list[tuple[re.Pattern[str], str]] = [
    # Export: a button or panel in the GUI, the "export" command here.
    (
        re.compile(
            rf"\b(?:click|press|tap|hit|select|open|go\s+to|use)\s+(?:on\s+)?(?:the\s+)?{_Q}export{_Q}"
            rf"(?:\s+{_GUI_THING})?",
            re.I,
        ),
        'type "export"',
    ),
    (re.compile(rf"(?:点击|打开|进入|前往)\s*{_Q}导出{_Q}{_ZH_GUI_THING}?"), "输入“导出”"),
    # The account or billing page: the "credits" command.
    (
        re.compile(
            rf"\b(?:check|view|see|open|visit|go\s+to)\s+(?:your\s+|the\s+)?{_ACCOUNT}"
            r"(?:\s+to\s+(?:see|check|view)\s+(?:your\s+)?(?:balance|credits))?",
            re.I,
        ),
        _SEE_BALANCE,
    ),
    (re.compile(rf"(?:查看|检查|打开|进入|前往){_ZH_ACCOUNT}"), "输入“积分”查看余额"),
    # The timeline and other panels: the "status" command shows the tracks.
    (
        re.compile(r"\bpreview\s+(?:it\s+|the\s+video\s+)?in\s+the\s+timeline\b", re.I),
        'type "status" to see the tracks',
    ),
    (re.compile(r"在时间[线轴][上中]?预览"), "输入“状态”查看轨道"),
    (
        re.compile(
            rf"\bopen\s+(?:the\s+)?(?:timeline|editor|project|preview|tracks?)(?:\s+{_GUI_THING})?\b"
            rf"|\bopen\s+the\s+{_Q}[\w-]+(?:\s+[\w-]+)?{_Q}\s+{_GUI_THING}\b",
            re.I,
        ),
        'type "status"',
    ),
    (
        re.compile(
            rf"(?:打开|进入)(?:时间线|时间轴|编辑器|项目|预览)({_ZH_GUI_THING})?|打开\S{{1,8}}?{_ZH_GUI_THING}"
        ),
        "输入“状态”",
    ),
    # Dragging: ask for the move in words ("drag and drop" is one action, not two).
    (re.compile(r"\bdrag(?:\s*(?:and|&|/|-|n)\s*drop|-n-drop)?\b", re.I), "tell me to move"),
    (re.compile(r"拖拽|拖动|拖放"), "告诉我移动"),
    # Any other button: say its name.
    (
        re.compile(rf"\b(?:click|press|tap)\s+(?:on\s+)?(?:the\s+)?{_Q}([\w-]+){_Q}\s+{_GUI_THING}\b", re.I),
        r'say "\1"',
    ),
    (re.compile(r"\b(?:click|press|tap)\s+(?:on\s+)?", re.I), "choose "),
    (re.compile(rf"点击\s*{_Q}([^\s「」“”\"，。,]{{1,8}}?){_Q}{_ZH_GUI_THING}"), r"说“\1”"),
    (re.compile(r"点击"), "选择"),
]


def _sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in ".!?:\n"


def _apply(pattern: re.Pattern[str], replacement: str, text: str) -> str:
    """`pattern.sub`, with the replacement capitalised where it starts a sentence."""

    def one(match: re.Match[str]) -> str:
        out = match.expand(replacement)
        if out[:1].islower() and _sentence_start(match.string, match.start()):
            out = out[0].upper() + out[1:]
        return out

    return pattern.sub(one, text)


def translate(text: str) -> str:
    """Return `text` with GUI instructions rewritten and trailing backend noise removed."""
    # The noise is ignored only after a normal reply; alone, it is the reply.
    out = _NOISE.sub("", text) if _NOISE.sub("", text).strip() else text
    for pattern, replacement in _RULES:
        out = _apply(pattern, replacement, out)
    return out.strip()
