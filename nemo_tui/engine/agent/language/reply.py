"""The planner's closing text: what was done (English, or Chinese when the person wrote Chinese),
questions, what was skipped, then the timeline line every turn ends with."""

from __future__ import annotations

import re
from typing import Any

from .suggest import nearest
from .understanding import Plan

HELP = (
    "I can build and edit the timeline. Try, for example:\n"
    '- "generate a 30-second promo video from this script: <your sentences>" (add "with a voice-over" '
    'for narration, "vertical" or "square" for the shape)\n'
    '- "generate a vertical video from my photos with upbeat music"\n'
    '- "add title \'Urban Dreams\' 0-3s", "make the captions yellow", "move the title to the top"\n'
    '- "add lo-fi music at 35%", "lower the music to 20%", "remove the music", "mute the original audio"\n'
    '- "trim the first 10 seconds", "cut from 0:30 to 1:45", "make it 15 seconds"\n'
    '- "remove clip 2", "swap clips 1 and 3", "speed up clip 2", "use fade transitions"\n'
    '- "undo", "redo", "what\'s in my timeline?"\n'
    "That request cost no credits."
)
HELP_ZH = (
    "我可以生成和编辑时间线。例如：\n"
    "- “生成一个30秒的宣传视频，加配音：<你的文案>”\n"
    "- “加标题'城市之梦' 0-3秒”、“字幕改成黄色”、“标题移到顶部”\n"
    "- “加背景音乐”、“把音乐调到20%”、“删除音乐”、“静音原声”\n"
    "- “剪掉前10秒”、“剪掉0:30到1:45”、“改成15秒”\n"
    "- “删除第2个片段”、“交换片段1和3”、“片段2加速”、“去掉转场”、“竖屏”\n"
    "- “撤销”、“重做”、“看看时间线”\n"
    "这次请求没有消耗积分。"
)
EXPORT = (
    'Exporting is done by the app, not by me: type "export" in the chat (or use the Export button) '
    "and the video renders to an MP4 at 1080p. Exporting is free; this reply cost nothing."
)
EXPORT_ZH = (
    "导出由应用完成：在对话框输入“export”（或点击导出按钮），视频会渲染为1080p MP4。"
    "导出免费，这次回复不消耗积分。"
)

ZH: dict[str, str] = {
    "generated": "已生成初版：{seconds}秒、{aspect}、{scenes}个场景。",
    "finished": "已加上标题和音乐。",
    "title_added": "已添加标题“{text}”（{where}）。",
    "caption_added": "已添加字幕“{text}”（{where}）。",
    "text_changed": "已修改{which}。",
    "removed": "已删除{kind}。",
    "music_added": "已添加背景音乐（{what}）。",
    "volume": "已把{kind}音量调到{percent}%。",
    "original_volume": "已把原声调到{percent}%。",
    "voice_added": "已添加配音（{lines}句），{follows}；视频现在{length}秒。",
    "voice_changed": "配音已换成{voice}。",
    "music_replaced": "已把音乐换成{label}。",
    "music_range": "已修改{start}秒到{end}秒的音乐（音量{percent}%）。",
    "font": "{which}的字体已换成{font}。",
    "trimmed": "已剪辑，现在时长{length}秒。",
    "length": "已把视频调整为{length}秒（原来{was}秒）。",
    "clip_removed": "已删除第{clip}个片段。",
    "clips_swapped": "已交换片段{a}和{b}。",
    "clip_moved": "已把第{clip}个片段移到第{to}位。",
    "speed": "已调整播放速度（{label}），现在时长{length}秒。",
    "transition": "已修改转场。",
    "aspect": "已改为{ratio}画幅。",
    "media_added": "已添加{names}。",
    "undone": "已撤销上一步。",
    "redone": "已重做。",
    "which_clip": "要{verb}哪一个片段？请说1到{count}之间的数字，例如“{verb}第2个片段”。",
    "styled": "所有设计场景已改为{style}风格。",
    "coloured": "所有设计场景已使用新的配色。",
    "art_set": "已更换插图。",
    "logo_set": "已放上您的标志。",
    "logo_removed": "已去掉标志。",
    "no_designed_scenes": "这个视频没有设计场景（都是照片、视频或纯色）。",
    "how_long": "要多长？现在是{length}秒，例如说“改成15秒”。",
    "nothing_to_undo": "没有可以撤销的操作。",
    "nothing_to_redo": "没有可以重做的操作。",
    "no_video": "还没有视频。先生成一个，例如：“生成一个30秒的视频：<文案>”。",
    "no_such_clip": "没有第{clip}个片段；视频共有{count}个。",
    "nothing_to_remove": "没有可删除的{kind}。",
    "no_track": "还没有{kind}；例如说“加背景音乐”。",
    "need_script": "我需要一段文案，或先上传照片/视频，例如：“生成一个30秒的宣传视频：<文案>”。",
    "what_cut": "要剪掉哪部分？例如“剪掉前10秒”或“剪掉0:30到1:45”。",
    "how_fast": "要多快？例如“片段2加速”或“片段2两倍速”。",
    "unchanged": "已经是这样了，没有改动，也没有扣积分。",
    "music_fade": "已设置音乐淡入淡出。",
    "ending": "画面会在最后{seconds}秒淡出到黑场。",
    "less_than_half": (
        "这样视频只剩{left}秒（现在{was}秒），不到一半。说“确定”就照做，或告诉我别的时长（例如“改成20秒”）。"
    ),
    "kept": "好的，视频保持不变。",
    "timeline": "现在共有{clips}个片段（不含片头），时长{seconds}秒。",
    "brought_back": "已恢复{kind}。",
    "nothing_to_bring_back": "没有可以恢复的{kind}。",
    "clip_length": "第{clip}个片段现在显示{seconds}秒，视频共{length}秒。",
    "how_long_clip": "第{clip}个片段要多长？例如说“第{clip}段改成5秒”。",
    "nothing_to_confirm": "没有等待确认的修改，什么都没变。",
    "version_made": (
        "已做好新版本：{name_zh}（{ratio}，{length}秒），所有修改都保留了；{was_zh}也还在"
        "（说“切换到{was_zh}”即可回去）。当前版本：{name_zh}（共{count}个版本）。"
    ),
    "version_switched": "已切换到{name_zh}（{ratio}，{length}秒）。当前版本：{name_zh}（共{count}个版本）。",
    "versions": "共{count}个版本：{listing_zh}。当前：{name_zh}。",
    "which_version": "要切换到哪个版本？现有：{listing_zh}。",
    "no_such_version": "没有这个版本；现有：{listing_zh}。",
    "only_version": "现在只有一个版本；例如说“做一个方形版本”再做一个。",
    "already_version": "现在就是{name_zh}。",
}
_ZH_WORDS = {
    "the music": "音乐",
    "music": "音乐",
    "the title": "标题",
    "title": "标题",
    "the captions": "字幕",
    "captions": "字幕",
    "voiceover": "配音",
    "voice-over": "配音",
    "all the text": "全部文字",
    "remove": "删除",
    "swap": "交换",
    "move": "移动",
    "speed up": "加速",
    "change": "修改",
    "change the picture of": "换图",
    "captions follow": "字幕跟随配音",
    "scenes follow": "每个场景随配音延长",
    "female": "女声",
    "male": "男声",
    "default": "默认声音",
    "all": "所有文字",
    "source-serif": "衬线体（优雅）",
    "fredoka": "圆体（活泼）",
    "inter": "Inter（现代）",
}


def _zh(response: dict[str, Any]) -> str | None:
    template = ZH.get(str(response.get("code", "")))
    if template is None:
        return None
    params = {k: _ZH_WORDS.get(str(v), v) for k, v in (response.get("params") or {}).items()}
    params = {
        k: (re.sub(r"^caption (\d+)$", r"第\1条字幕", v) if isinstance(v, str) else v)
        for k, v in params.items()
    }
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return None


def _near(text: str, zh: bool, empty: bool) -> str:
    """An unknown request: two or three examples close to it, not the whole help."""
    examples = nearest(text, empty=empty)
    if zh:
        said = "、".join(f"“{z}”" for _, z in examples)
        return f"我没看懂要做什么修改。例如可以说：{said}（说“帮助”可以看全部）。这次请求没有消耗积分。"
    said = ", ".join(f'"{e}"' for e, _ in examples)
    return (
        f'I didn\'t catch an edit I can make there. Try, for example: {said} ("help" lists '
        "everything). That request cost no credits."
    )


def compose(turn: Plan, responses: list[dict[str, Any]], text: str = "") -> str:
    timeline = next((r["timeline"] for r in reversed(responses) if r.get("timeline")), "")
    zh = turn.chinese
    if turn.export:
        body = EXPORT_ZH if zh else EXPORT
    elif turn.help:
        asked = re.match(
            r"\s*(help|\?|what can you do|how does this work|帮助|你能做什么|怎么用)", text, re.I
        )
        body = (HELP_ZH if zh else HELP) if asked else _near(text, zh, "(empty)" in timeline)
    else:
        parts = []
        for r in responses:
            message = str(r.get("message", "")).strip()
            if not message:
                continue
            if zh and r.get("code") == "timeline":  # the listing is English; its count and length first
                parts.append(f"{_zh(r) or ''}\n{message}".strip())
            else:
                parts.append((_zh(r) or message) if zh else message)
        parts += [q.zh if zh else q.en for q in turn.questions]
        body = " ".join(parts) or ("完成。" if zh else "Done.")
        if turn.ignored:
            skipped = "; ".join(f'"{c}"' for c in turn.ignored)
            body += f"（未识别：{skipped}）" if zh else f" (I skipped: {skipped}.)"
        changed = any(r.get("ok") and r.get("code") not in (None, "", "timeline") for r in responses)
        if not changed and (turn.questions or any(r.get("ask") for r in responses)):
            body += " 这次没有消耗积分。" if zh else " Nothing was changed or charged."
    return f"{body}\n{timeline}" if timeline else body
