"""Replies are in one language: the person's (issue 20, "replies that are true and in one language").

Every answer a tool can give has a Chinese wording, the timeline line every reply ends with is in
the person's language (`tests/engine/test_agent_units.py` checks the line itself), and the Chinese
requests of the evaluation set get replies with no English in them outside quotes, file names and
names both languages use.
"""

from __future__ import annotations

import ast
import asyncio
from pathlib import Path

from nemo_tui.engine.agent import tools as tools_package
from nemo_tui.engine.agent.language.reply import MODEL_ONLY, ZH, ZH_BUILT

from .eval import checks as ck
from .eval import score

# Where each answer helper takes its code: commit(ctx, draft, message, code), refuse/ask(ctx, message,
# code), answer(ok, message, draft, code).
_CODE_AT = {"commit": 3, "answer": 3, "refuse": 2, "ask": 2}


def tool_codes() -> dict[str, str]:
    """Every code a tool answers with, and where."""
    found: dict[str, str] = {}
    for path in sorted(Path(tools_package.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            at = _CODE_AT.get(node.func.id)
            if at is None:
                continue
            code = (
                node.args[at]
                if len(node.args) > at
                else next((k.value for k in node.keywords if k.arg == "code"), None)
            )
            if isinstance(code, ast.Constant) and isinstance(code.value, str) and code.value:
                found.setdefault(code.value, f"{path.name}:{node.lineno}")
    return found


def test_every_tool_answer_has_a_chinese_wording():
    codes = tool_codes()
    assert len(codes) > 60  # the scan finds the tools' answers (it would pass vacuously otherwise)
    missing = {
        c: where for c, where in codes.items() if c not in ZH and c not in ZH_BUILT and c not in MODEL_ONLY
    }
    assert not missing, missing


def test_stray_words_finds_the_other_language():
    assert ck.stray_words("已删除配音。 Timeline (2 tracks)", "zh", []) == ["Timeline", "tracks"]
    assert ck.stray_words("已添加“Urban Dreams”和song.mp3，轻松Lo-fi，#FFD600，MP4", "zh", []) == []
    assert ck.stray_words("Removed clip 2. 已删除", "en", []) == ["已删除"]


def test_chinese_requests_get_chinese_replies(tmp_path):
    _, requests = score.load()
    chinese = [r for r in requests if r.language == "zh"]
    assert len(chinese) >= 40
    scored = asyncio.run(score.score_all(score.make_tools(tmp_path), only=chinese))
    mixed = {
        s.request.id: (s.request.text, s.reply) for s in scored if any("mixes" in f for f in s.reply_faults)
    }
    assert not mixed, mixed
    assert all(s.reply.splitlines()[-1].startswith("时间线（") for s in scored)
