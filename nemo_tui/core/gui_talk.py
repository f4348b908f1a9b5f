"""Translate the backend's GUI talk into words that fit a chat without a GUI (PROTOCOL.md).

The cloud agent speaks as if a web editor were on screen ("click Export", "drag the clip"). We keep
what describes content and replace the GUI actions with what the person can type here.
"""

from __future__ import annotations

import re

_NOISE = re.compile(r"\s*I encountered a temporary issue[^\n]*$", re.IGNORECASE)

# (pattern, replacement): ordered, first the longer phrases.
_RULES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"\b(click|press|tap)\s+(on\s+)?(the\s+)?[\"']?export[\"']?(\s+button)?", re.I),
        'type "export"',
    ),
    (re.compile(r"点击\s*[「“\"]?导出[」”\"]?(按钮)?"), "输入“导出”"),
    (re.compile(r"\bpreview\s+(it\s+)?in\s+the\s+timeline\b", re.I), 'type "status" to see the tracks'),
    (re.compile(r"\b(drag|drop|drag and drop)\b", re.I), "tell me to move"),
    (re.compile(r"拖拽|拖动"), "告诉我移动"),
    (re.compile(r"\bcheck\s+(your\s+)?(account|billing)\b", re.I), 'type "credits"'),
    (re.compile(r"\bopen\s+the\s+(timeline|editor|project)\b", re.I), 'type "status"'),
    (re.compile(r"打开(时间线|编辑器|项目)"), "输入“状态”"),
    (re.compile(r"\b(click|press|tap)\s+(on\s+)?", re.I), "choose "),
    (re.compile(r"点击"), "选择"),
]


def translate(text: str) -> str:
    """Return `text` with GUI instructions rewritten and trailing backend noise removed."""
    # The noise is ignored only after a normal reply; alone, it is the reply.
    out = _NOISE.sub("", text) if _NOISE.sub("", text).strip() else text
    for pattern, replacement in _RULES:
        out = pattern.sub(replacement, out)
    return out.strip()
