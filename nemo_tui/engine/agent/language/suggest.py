"""Two or three things the agent can do that come closest to a request it could not read.

An unknown request gets a short answer with examples near what was asked ("make the words fancier"
→ "make the title yellow", "change the font to something more elegant" …), not the whole help text
("help" still gives that). Closeness is shared words, in English or Chinese (jieba's words, through
`nemo_tui.art.cut`), with a few synonyms; nothing shared gives the three most asked-for edits.
"""

from __future__ import annotations

import re

from nemo_tui.art import cut

# (English, Chinese, words people use for it besides the example's own)
# With no video yet, the first thing to do is make one.
GENERATE = (
    "generate a 30-second promo video from this script: <your sentences>",
    "生成一个30秒的宣传视频：<你的文案>",
)
EXAMPLES: tuple[tuple[str, str, str], ...] = (
    ("make the title yellow", "标题改成黄色", "colour color text heading words 颜色 文字"),
    ("move the title to the top", "标题移到顶部", "position place heading up 位置 上面"),
    ("add title 'Urban Dreams' for the first 3 seconds", "前3秒加标题'城市之梦'", "heading name 名字"),
    ("make the captions bigger", "字幕大一点", "subtitles text words size small read 文字 看不清"),
    ("add a call to action at the end: 'Order now'", "在结尾加上'欢迎光临'", "cta ending website"),
    ("add upbeat music at 30%", "加欢快的背景音乐", "song sound soundtrack bgm track 歌 配乐"),
    ("lower the music to 20%", "把音乐调到20%", "volume quiet loud sound 音量 小声"),
    ("replace the music with something calmer", "换一首舒缓的音乐", "song different mood change 歌 换"),
    ("add a voice-over", "加配音", "narration voice speak read speech 旁白 朗读"),
    ("make it 15 seconds", "改成15秒", "length long short duration shorter longer 时长 长 短"),
    ("cut the first 5 seconds", "剪掉前5秒", "trim cut remove beginning start 开头 剪"),
    ("remove clip 2", "删除第2个片段", "scene shot delete photo picture 场景 镜头"),
    ("swap clips 1 and 3", "交换片段1和3", "order switch reorder move 顺序 调换"),
    ("speed up clip 2", "片段2加速", "fast faster slow slower pace 快 慢 节奏"),
    ("use fade transitions", "加淡入淡出", "transition crossfade fade cut between 转场 过渡"),
    ("make it vertical for TikTok", "改成竖屏", "shape square portrait format tiktok instagram 竖屏 方形"),
    ("use my photos for the scenes", "用我的照片", "photos pictures images upload uploads 照片 图片"),
    ("make it playful", "换成活泼风格", "style look design feel vibe 风格 设计"),
    ("use our colours #0A3D62 and #F8C291", "品牌色 #0A3D62 #F8C291", "brand colour color palette 品牌 颜色"),
    ("change the font to something more elegant", "字体换成优雅一点的", "font typeface letters serif 字体"),
    ("put 'Harbor Lane' in the top right corner", "右上角一直显示店名", "logo brand corner 角落 水印"),
    ("undo", "撤销", "back revert mistake wrong 回退 上一步"),
    ("what's in my timeline?", "看看时间线", "show list what tracks status 时间线"),
)
_COMMON = (0, 5, 9)  # the title, music, voice-over: what people ask for most
_STOP = frozenset(
    "a an the it is to of in on at for and or my our me i you can could would please pls make do want need "
    "some this that with be more less bit little just so very what like s how "
    "把 的 了 一 个 吗 呢 我 你 请 帮 一下".split()
)


def _words(text: str) -> set[str]:
    low = text.lower()
    words = set(re.findall(r"[a-z]+", low))
    for chunk in re.findall(r"[\u4e00-\u9fff]+", low):
        words.update(w for w in cut(chunk) if w.strip())
    stems = {w[:-1] if len(w) > 4 and w.endswith("s") else w for w in words}
    return stems - _STOP


_KNOWN = [_words(f"{en} {zh} {extra}") for en, zh, extra in EXAMPLES]


def nearest(text: str, count: int = 3, *, empty: bool = False) -> list[tuple[str, str]]:
    """The `count` examples (English, Chinese) sharing the most words with `text`; on an empty
    timeline (`empty`) making a video comes first."""
    if empty:
        return [GENERATE, *nearest(text, count - 1)]
    asked = _words(text)
    scored = sorted(range(len(EXAMPLES)), key=lambda i: (-len(asked & _KNOWN[i]), i))
    picked = [i for i in scored[:count] if asked & _KNOWN[i]]
    for i in _COMMON:
        if len(picked) >= count:
            break
        if i not in picked:
            picked.append(i)
    return [(EXAMPLES[i][0], EXAMPLES[i][1]) for i in picked]
