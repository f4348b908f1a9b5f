"""Words people use, in English and Chinese, and small readers built on them.

Each reader takes a piece of a (normalised, `times.normalize`) message and returns a value or None;
none of them decides what the person wants (that is `understanding.py` and `edit_clauses.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..edits.storyboard import PLAIN  # the background that asks for plain scenes
from ..edits.texts import COLOURS
from ..media.music import mood_name

VIDEO_NOUN = (
    r"video|clip|reel|short|promo|tik ?tok|slideshow|slide show|movie|film|trailer|montage|story|ad|"
    r"advert|commercial|teaser|intro|text|media|photos|something|version"
)
_MAKE_A = r"\bmake\s+(?:me\s+)?(?:a|an|another|new)\b"
# `X(?:(?!X).)*Y` reads as `X.*Y` but stops at the next X: the same matches, without the quadratic
# backtracking of `X.*Y` over a message that repeats X thousands of times and never says Y.
GENERATE = re.compile(
    rf"\b(generate|create|produce|build|compose|regenerate)\b(?!\s+(?:a\s+|an\s+|the\s+)?"
    rf"(?:title|caption|subtitle|music|soundtrack|text|voice|narration)\b)"
    rf"|{_MAKE_A}(?=(?:(?!{_MAKE_A}).)*\b(?:{VIDEO_NOUN})s?\b)"
    rf"|^\s*(?:{VIDEO_NOUN})\s+from\b|\b(?:generate|do)\s+it\s+again\b"
    r"|生成|制作|做[一1]?[个条支段部]|创建|重新生成|重新做",  # normalize turns 一个 into 1个
    re.I,
)
# A script after a colon and one of these words is a generation request even without a verb:
# "video for instagram, square, 20s: …", "turn this into a video: …", "帮我整一个视频：…".
VIDEO_REQUEST = re.compile(
    r"\b(?:videos?|promos?|reels?|tik ?toks?|shorts?|movie|film|trailer|ads?|advert|commercial|teaser|"
    r"slideshow|montage)\b|视频|短片|宣传片|短视频",
    re.I,
)
MUSIC_WORD = re.compile(
    r"\b(music|bgm|soundtrack|song|tune|background audio|audio track|beat)\b|音乐|配乐|背景乐|bgm|歌", re.I
)
VOICE_WORD = re.compile(r"voice[- ]?over|voiceover|narrat\w*|\bvoice\b|配音|旁白|解说|朗读|人声", re.I)
ORIGINAL_WORD = re.compile(
    r"original (?:audio|sound)|clips?'? (?:own )?(?:audio|sound)|(?:video|clip)'?s? (?:own )?(?:audio|sound)"
    r"|(?:sound|audio|noise)s? (?:from|of|in|on) (?:the |my )?(?:videos?|clips?|footage)"
    r"|source audio|own sound|原声|原音|原始音频|原视频声音|视频声音|素材声音",
    re.I,
)
CAPTION_WORD = re.compile(r"\b(captions?|subtitles?|subs)\b|字幕", re.I)
TITLE_WORD = re.compile(r"\b(title|heading|headline)\b|标题|片名", re.I)
CLIP_WORD = re.compile(
    r"\b(clips?|scenes?|shots?|segments?|slides?|photos?|images?)\b|片段|镜头|段|素材|场景", re.I
)
TRANSITION_WORD = re.compile(
    r"\b(transitions?|crossfades?|fades?|dissolves?|cuts between)\b|转场|过渡|淡入淡出|叠化", re.I
)
REMOVE = re.compile(
    r"\b(remove|delete|drop|get rid of|take out|take away|clear|kill|erase|hide|lose|ditch|scrap)\b"
    r"|删除|删掉|删|去掉|去除|移除|不要|拿掉|隐藏",
    re.I,
)
# "a little slower", "slightly faster", "稍微慢一点": a small step, not the usual one
A_BIT = r"\b(?:a (?:little|bit|tad|touch)|slightly|somewhat)\b|一点|一些|稍微|稍"
_QUOTED = [
    re.compile(r"[\"“”「」『』]([^\"“”「」『』]+)[\"“”「」『』]"),
    re.compile(r"‘([^’]+)’"),
    re.compile(r"(?:^|(?<=[\s(:：]))'(.+?)'(?=\s|$|[.,!?;:)，。！？])"),
    re.compile(r"(?:(?<=[\u4e00-\u9fff])|^)'(.+?)'"),
]
EDIT_VERB = (
    r"add|set|make|trim|cut|remove|delete|change|put|use|title|mute|unmute|lower|raise|turn|switch|show|"
    r"insert|shorten|drop|include|swap|move|speed|slow|undo|redo|replace|give|narrate"
)
_ZH_VERB = (
    r"加|添加|把|将|删|去掉|移除|改|换|调|设|剪|裁|撤销|重做|导出|交换|移动|"
    r"静音|加速|减速|放慢|再|然后|字幕|标题|音乐|留着|保留|撤回"
)
_SPLIT = re.compile(
    rf";|；|\n+|\s+\+\s+"  # "square + music louder"
    rf"|(?<=[.!?])\s+|(?<=[。！？])\s*(?=\S)|\s*,?\s*\b(?:and then|then|and also|plus|after that)\s+"
    rf"|\s*,?\s+and\s+(?=(?:{EDIT_VERB})\b)|,\s*(?=(?:{EDIT_VERB}|no|without)\b)|,\s*(?=(?:the\s+)?(?:title|captions?|subtitles?|music|bgm)\s+(?!and\b))|[,，、]\s*(?=(?:{_ZH_VERB}))"
    r"|然后|接着|并且|同时|再把|再将",
    re.I,
)


def quoted(text: str) -> str | None:
    for pattern in _QUOTED:
        if m := pattern.search(text):
            return m.group(1).strip()
    return None


def without_quotes(text: str) -> str:
    for pattern in _QUOTED:
        text = pattern.sub(" ", text)
    return text


def _hide_quotes(text: str) -> tuple[str, list[str]]:
    saved: list[str] = []

    def hide(m: re.Match[str]) -> str:
        saved.append(m.group(0))
        return f"\x00{len(saved) - 1}\x00"

    for pattern in _QUOTED:
        text = pattern.sub(hide, text)
    return text, saved


def _restore(text: str, saved: list[str]) -> str:
    return re.sub(r"\x00(\d+)\x00", lambda m: saved[int(m.group(1))], text).strip()


def split_clauses(text: str) -> list[str]:
    """Split edits apart, never inside quotes."""
    hidden, saved = _hide_quotes(text)
    parts = [p for p in _SPLIT.split(hidden) if p and p.strip(" .,，。!！")]
    return [_restore(p, saved) for p in parts]


_TRACK = r"(?:title|captions?|subtitles?|music|bgm|voice-?over|narration)"
_PAIR = re.compile(rf"^(.*?)\b({_TRACK})\s+(?:and|&)\s+(?:the\s+)?({_TRACK})\b(.*)$", re.I)
_AND_TRACK = re.compile(rf"\s+(?:and|&)\s+(?=(?:the\s+)?{_TRACK}\b)", re.I)


#: Splits `and_halves` offers per clause. Each costs the caller two readings of the whole clause, so
#: a message of thousands of "and the title" was quadratic; a real clause has one or two.
MAX_AND_SPLITS = 4


def and_halves(clause: str) -> Iterator[tuple[str, str]]:
    """Ways one clause may be two edits joined by "and" with no verb after it, outside quotes:
    "make the music louder and the title bigger" → ("make the music louder", "the title bigger");
    "make the title and the captions yellow" → ("make the title yellow", "make the captions yellow").
    The caller keeps a split only when both halves read as edits, so "Salt and Pepper" or "black
    and white" (a value with "and" in it) stays whole. Lazy, and at most `MAX_AND_SPLITS` of them."""
    hidden, saved = _hide_quotes(clause)
    offered = 0
    if m := _PAIR.match(hidden):
        head, a, b, tail = m.groups()
        offered += 1
        yield _restore(f"{head}{a}{tail}", saved), _restore(f"{head}{b}{tail}", saved)
    for m in _AND_TRACK.finditer(hidden):
        if offered >= MAX_AND_SPLITS:
            return
        offered += 1
        yield _restore(hidden[: m.start()], saved), _restore(hidden[m.end() :], saved)


def split_script(text: str) -> tuple[str, str]:
    """(command, script): the script follows the first colon that ends a phrase, or the first line."""
    m = re.search(r":(?=\s)|：", text)
    newline = text.find("\n")
    if m and (newline < 0 or m.start() < newline):
        return text[: m.start()], text[m.end() :].strip()
    if newline >= 0:
        return text[:newline], text[newline + 1 :].strip()
    q = quoted(text)
    if q and (len(q.split()) >= 5 or len(q) >= 12):
        return without_quotes(text), q
    return text, ""


def mood(text: str) -> str | None:
    low = text.lower()
    for word in re.findall(r"lo[- ]?fi|[a-z]+|[\u4e00-\u9fff]{2,3}", low):
        if name := mood_name(word.replace(" ", "-")):
            return name
    for word, name in (
        ("舒缓", "calm"),
        ("欢快", "upbeat"),
        ("史诗", "cinematic"),
        ("动感", "upbeat"),
        ("轻松", "calm"),
        ("安静", "calm"),
        ("电影", "cinematic"),
        ("大气", "cinematic"),
    ):
        if word in text:
            return name
    return None


# Switching something off, not adding it: "turn the music off", "stop the music", "no more music",
# "music off", "把背景音乐关掉". Checked before any reader that would add music.
SWITCH_OFF = re.compile(
    r"\b(?:turn|switch|shut)\b(?:(?!\b(?:turn|switch|shut)\b).)*\boff\b|^\W*(?:the\s+)?\w+\s+off\b|\bstop\b|\bno\s+more\b|^\s*no\b"
    r"|\bwithout\b|\bdon'?t\s+(?:want|need|use)\b|\bget rid\b"
    r"|关掉|关闭|关了|停掉|停止|不要|去掉|取消",
    re.I,
)


def music_request(text: str) -> tuple[str, float | None] | None:
    """("none", None) for "no music"; (mood or "auto", volume or None) when music is asked for."""
    from .times import percent

    low = text.lower()
    if re.search(
        r"\b(no|without)\s+(more\s+)?(background\s+)?(music|bgm|soundtrack)\b|不要音乐|不要配乐|无音乐", low
    ):
        return "none", None
    if not MUSIC_WORD.search(low):
        return None
    return mood(low) or "auto", percent(low)


def aspect_ratio(text: str) -> str | None:
    low = text.lower()
    table = [
        (
            r"(?<!\d)9\s*[:x/]\s*16(?!\d)|\bvertical\b|\bportrait\b|\btik ?tok\b|\breels?\b|\bshorts\b"
            r"|\binstagram stor"
            r"|竖屏|竖版|竖的|抖音|快手",
            "9:16",
        ),
        (r"(?<!\d)1\s*[:x/]\s*1(?!\d)|\bsquare\b|方形|正方形|方的", "1:1"),
        (r"(?<!\d)4\s*[:x/]\s*5(?!\d)|\b(?:instagram|insta|ig)\s+(?:feed|posts?)\b", "4:5"),
        (
            r"(?<!\d)16\s*[:x/]\s*9(?!\d)|\blandscape\b|\bhorizontal\b|\bwidescreen\b|\byoutube\b|横屏|横版|宽屏",
            "16:9",
        ),
    ]
    for pattern, aspect in table:
        if re.search(pattern, low):
            return aspect
    return None


def titled(text: str) -> str | None:
    """The name asked for: quoted after "titled"/"标题", or a capitalised name after "called"/"named"
    ("a coffee shop called Bean There")."""
    m = re.search(r"\b(?:titled|called|named|title)\b\s*:?\s*|标题(?:是|为|叫)?|名为|叫做?", text, re.I)
    if not m:
        return None
    rest = text[m.end() :]
    if name := quoted(rest):
        return name
    if m.group(0).strip().lower() in ("called", "named"):
        if n := re.match(r"[A-Z0-9][\w'’&-]*(?:\s+(?:&\s+)?[A-Z0-9][\w'’&-]*){0,4}", rest):
            return n.group(0)
    return None


def background(text: str) -> str | None:
    low = text.lower()
    if re.search(
        r"\b(?:plain|simple|gradient|colou?r)\s+backgrounds?\b|\bslideshow\b|纯色背景|渐变背景|简单背景", low
    ):
        return PLAIN
    m = re.search(r"(#[0-9a-f]{6}|[a-z]+)\s+(?:background|backdrop)\b", low)
    if not m:
        return None
    word = m.group(1)
    if word.startswith("#"):
        return f"color:{word.upper()}"
    return f"color:{COLOURS[word]}" if word in COLOURS else None


def colour_word(text: str) -> str | None:
    low = without_quotes(text).lower()
    if m := re.search(r"#[0-9a-f]{6}\b", low):
        return m.group(0)
    for word in COLOURS:
        if re.fullmatch(r"[a-z]+", word) and re.search(rf"\b{word}\b", low):
            return word
        if not re.fullmatch(r"[a-z]+", word) and re.search(rf"{word}色", low):
            return word
    return None


def in_order(first: str, then: str, text: str) -> bool:
    """`first` and later `then` on one line: `first.*then` as a regex, without its quadratic
    backtracking when `first` comes thousands of times and `then` never."""
    for line in text.split("\n"):
        if (m := re.search(first, line, re.I)) and re.compile(then, re.I).search(line, m.end()):
            return True
    return False


_NUDGE = r"\b(?:move|shift|nudge|bring)\b"


def position(text: str) -> str | None:
    low = without_quotes(text).lower()
    for pattern, nudge, pos in (
        # "move the title up a bit": a move up or down goes to that edge (three places are all there is)
        (r"\btop\b|\bupper\b|顶部|顶端|上方|上面|最上|往上|上移", r"\bup\b", "top"),
        (r"\bbottom\b|\blower\b|底部|底端|下方|下面|最下|往下|下移", r"\bdown\b", "bottom"),
        (r"\bcent(?:er|re)\b|\bmiddle\b|中间|居中|中央|正中", None, "center"),
    ):
        if re.search(pattern, low) or (nudge and in_order(_NUDGE, nudge, low)):
            return pos
    return None


def size_word(text: str) -> str | None:
    low = without_quotes(text).lower()
    for pattern, size in (
        # a complaint names the opposite change: "the captions are too small" → bigger
        (r"\btoo (?:small|tiny|little)\b|太小", "bigger"),
        (r"\btoo (?:big|large|huge)\b|太大(?!声)", "smaller"),
        (r"\bbigger\b|\blarger\b|放大|大一点|大些|调大|加大", "bigger"),
        (r"\bsmaller\b|缩小|小一点|小些|调小", "smaller"),
        (r"\bhuge\b", "huge"),
        (r"\b(big|large)\b", "big"),
        (r"\bsmall\b", "small"),
    ):
        if re.search(pattern, low):
            return size
    return None


def after_word(text: str, word: str) -> str | None:
    m = re.search(rf"\b{word}\b\s*[:=]?\s*(.+)", text, re.I)
    if not m:
        return None
    rest = re.split(r"\s+(?:for|from|at|until|on|in|over|during|starting)\b", m.group(1), maxsplit=1)[0]
    rest = rest.strip(" .!,\"'")
    return rest or None


def media_group(low: str) -> str | None:
    if re.search(r"\b(photos?|images?|pictures?|pics|stills?)\b|照片|图片|相片", low):
        return "images"
    if re.search(r"\b(videos?|clips?|footage)\b|视频|素材", low) and re.search(
        r"\b(my|uploaded|these|those)\b|我的|上传", low
    ):
        return "videos"
    if re.search(r"\b(uploads?|uploaded|files?|media|everything)\b|上传的|文件", low):
        return "all"
    return None
