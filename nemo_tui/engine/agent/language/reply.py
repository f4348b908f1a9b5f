"""The planner's closing text: what was done (English, or Chinese when the person wrote Chinese),
questions, what was skipped, then the timeline line every turn ends with."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from nemo_tui.draft.views import name_zh

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
    # the content tools: a call to action, the name in a corner, a topic, uploads on scenes
    "what_cta": "号召语要写什么？例如说“结尾加上‘欢迎光临’”。",
    "cta_set": "结尾的{place}现在写着“{words}”，视频时长{length}秒。",
    "no_brand_text": "角落里没有可以去掉的名字。",
    "brand_removed": "角落里的名字已去掉。",
    "bad_corner": "可以放在四个角之一：右上角、左上角、右下角、左下角；例如“把‘海港巷’放在右上角”。",
    "what_brand": "角落里要写什么？例如“把‘海港巷’放在右上角”。",
    "brand_set": "“{words}”现在整段视频都显示在{corner}。",
    "no_topic": "没有场景提到“{topic}”。可以说“删除第2个片段”，或说出某个场景里的一个词。",
    "which_topic": "有{count}个场景提到“{topic}”，要删哪一个？例如说“删除第{first}个片段”。",
    "only_clip": "这是唯一的片段；可以说“撤销”，或重新生成。",
    "topic_removed": (
        "已删除第{clip}个片段（讲“{topic}”的那段），视频现在{length}秒（说“改成{was}秒”可保持原来的时长）。"
    ),
    "no_media": "还没有上传的照片或视频。先上传，再说“用我的照片做场景”。",
    "no_such_upload": "没有找到叫“{name}”的素材；已上传的有：{known}。",
    "no_scenes": "这个视频没有可以放照片的场景；可以说“加上我的照片”。",
    "upload_placed": "第{clip}个片段现在显示{file}；文字和时间都保留了。",
    "upload_moved": "{name}的场景现在是第{position}个。",
    "upload_removed": "已删除第{clip}个片段（{name}的场景），视频现在{length}秒。",
    "upload_not_used": "{file}不在视频里。说“用我的照片做场景”可以把素材放到场景上，或说“加上我的照片”。",
    "already_used": "这些素材已经在时间线里了。",
    # cuts, clips, shape
    "past_end": "视频只有{length}秒，{at}秒处没有内容。",
    "already_short": "视频已经是{length}秒了；要加长可以说“改成{want}秒”。",
    "same_clip": "这是同一个片段。",
    "bad_transition": "转场可以用淡入淡出、黑场过渡或硬切。",
    "no_transition": "那里没有转场（第一个片段前面没有内容）。",
    "bad_aspect": "支持的画幅有：{ratios}。",
    "too_many_versions": "已经有{count}个版本了，一个项目最多保留这么多。",
    "unexportable": "这样改会让视频无法导出，所以没有改动。",
    # design and words
    "unknown_style": "可选的风格有：醒目、简约、商务、活泼。",
    "bad_colour": "我不认识颜色“{color}”；可以说颜色名（例如黄色），或写成#FFD600。",
    "nothing_to_colour": "这里没有可以上色的内容：没有设计场景、标题、字幕或纯色背景（照片和视频保留原色）。"
    "先加文字，例如“加标题‘海港巷’”。",
    "not_designed": "第{clip}个片段是照片或视频，不是设计场景。",
    "cannot_redesign": "第{clip}个片段不能改成这种场景。",
    "scene_changed": "第{clip}个片段已修改。",
    "no_logo": "先上传你的标志图片（透明背景的PNG效果最好）；也可以说“把名字放在右上角”。",
    "no_end_card": "这个视频没有片尾卡；可以把标志放在角落里。",
    "unknown_font": "没有“{font}”这个字体。例如可以说“用衬线字体”或“用圆体”。",
    "bad_which": "请说明是哪些文字：标题、字幕，还是全部文字。",
    "which_text": "要改哪一条？共有{count}条，例如说“把第2条字幕改成……”。",
    "what_title": "标题要写什么？例如“加标题‘城市之梦’ 0-3秒”。",
    "designed_text": "这些文字由设计场景绘制，位置和底框属于设计本身；文字、颜色和大小可以改。",
    # the last edit again ("do the same to the title", "再小一点")
    "nothing_to_repeat": "这次对话里还没有可以重复的修改；请说要改什么，例如“标题大一点”。",
    "cannot_retarget": "上一次修改的是整个视频；请说要改哪一部分。",
    "no_direction": "上一次的修改没有可以继续调整的方向；请说要改什么，例如“字幕小一点”。",
    # sound
    "no_speech": "这台机器上的语音合成没有加载，暂时不能配音。",
    "no_original": "没有片段带原声（照片和背景都是无声的）。",
    "bad_action": "音乐可以在一段时间内静音、调低、调高、设定音量或淡入淡出，例如“最后3秒把音乐静音”。",
    "bad_range": "这段时间不在视频内（视频长{length}秒）；例如说“0:10到0:15之间”或“最后3秒”。",
    "nothing_to_narrate": "没有可以配音的场景字幕。可以生成带配音的视频：“生成一个带配音的视频：<文案>”。",
    "unknown_voice": "没有“{voice}”这个声音；可以说“用女声”或“用男声”。",
    "no_other_mood": "没有更合适的其他音乐风格了，现在是{mood}。例如说“换成更舒缓的音乐”。",
}


def _uploads_placed(p: dict[str, Any]) -> str:
    spare = f"有些素材没有场景可放：{p['spare']}。" if p.get("spare") else ""
    return f"场景现在依次显示：{p['put']}；文字和时间都保留了，视频时长{p['length']}秒。{spare}"


def _which_scene(p: dict[str, Any]) -> str:
    how = f"有几个场景都提到“{p['scene']}”" if p.get("several") else f"没有场景提到“{p['scene']}”"
    return (
        f"哪个场景显示{p['file']}？{how}；场景有：{p['listed']}。例如说“把{p['name']}的照片放在第2个场景”。"
    )


def _no_text(p: dict[str, Any]) -> str:
    if p.get("which"):
        return f"没有可以修改的{p['which']}。"
    return "还没有可以设置字体的文字；先加标题，或先生成视频。"


def _what_change(p: dict[str, Any]) -> str:
    if p.get("which"):
        return f"要改{p['which']}的什么：文字、颜色、位置、大小，还是时间？"
    return "请说出新的文字或场景类型，例如“把第2个场景改成引言”。"


def _no_art(p: dict[str, Any]) -> str:
    if p.get("thing"):
        return f"没有找到“{p['thing']}”的插图；换个说法试试。"
    return "没有找到更适合这个场景文字的插图。"


# Replies whose Chinese depends on which parameters the tool gave.
ZH_BUILT: dict[str, Callable[[dict[str, Any]], str]] = {
    "uploads_placed": _uploads_placed,
    "which_scene": _which_scene,
    "no_text": _no_text,
    "what_change": _what_change,
    "no_art": _no_art,
}
# Codes only a model reads (a tool called with an argument of the wrong type): no Chinese needed.
MODEL_ONLY = {"wrong_argument_type"}
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
    "faster": "加快",
    "slower": "放慢",
    "bold": "醒目",
    "minimal": "简约",
    "corporate": "商务",
    "playful": "活泼",
    "top-right": "右上角",
    "top-left": "左上角",
    "bottom-right": "右下角",
    "bottom-left": "左下角",
    "card": "片尾卡",
    "line": "结束语",
    "the words of every scene": "每个场景的文字",
    **{label: name_zh(label) for label in ("Lo-fi", "Upbeat", "Calm", "Cinematic")},
}


def _zh(response: dict[str, Any]) -> str | None:
    code = str(response.get("code", ""))
    template, built = ZH.get(code), ZH_BUILT.get(code)
    if template is None and built is None:
        return None
    params = {k: _ZH_WORDS.get(str(v), v) for k, v in (response.get("params") or {}).items()}
    params = {
        k: (re.sub(r"^caption (\d+)$", r"第\1条字幕", v) if isinstance(v, str) else v)
        for k, v in params.items()
    }
    try:
        return built(params) if built else str(template).format(**params)
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
    zh = turn.chinese
    key = "timeline_zh" if zh else "timeline"
    timeline = next((r.get(key) or r["timeline"] for r in reversed(responses) if r.get("timeline")), "")
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
            if zh and r.get("code") == "timeline":  # its count and length, then the listing in Chinese
                listing = (r.get("params") or {}).get("listing_zh") or message
                parts.append(f"{_zh(r) or ''}\n{listing}".strip())
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
