"""Reading a script: sentences, the title, the language, the mood, and what fits in the time asked.

Pure functions on text (English and Chinese). `storyboard.py` turns their answers into scenes.
"""

from __future__ import annotations

import re
from collections import Counter

MAX_SCENES = 12
READING_UNITS_PER_S = 3.5  # words a second a viewer can read on a brisk promo (Chinese: 7 characters)

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Latin punctuation ends a sentence before a space (not inside "harborlanebakery.com"); Chinese at once.
_SENTENCE_END = re.compile(
    r"(?:(?<=[.!?;])|(?<=[.!?;][\"'”’)]))(?:\s+|$)|(?:(?<=[。！？；])|(?<=[。！？；][\"'”’」』)]))(?![\"'”’」』)])\s*|\n+"
)
_ATTRIBUTION = re.compile(r"^[—–]+\s*\w|^-{1,2}\s+\w")  # "— Emma, a regular" belongs to the quote before it
_QUOTED = re.compile(r"^[\"“「『].+[\"”」』]\s*[—–-]")
STOPWORDS = {  # English function words: never a title's first word or its last
    "the",
    "a",
    "an",
    "of",
    "to",
    "and",
    "for",
    "with",
    "in",
    "on",
    "at",
    "is",
    "are",
    "your",
    "our",
    "it",
    "its",
    "that",
    "this",
    "by",
    "from",
    "as",
    "be",
    "or",
    "but",
    "so",
    "we",
    "you",
    "i",
    "my",
}
_INTRO = re.compile(
    r"^(?:meet|introducing|say hello to|presenting|discover|this is|welcome to|here is|here's)\s+", re.I
)


def is_chinese(text: str) -> bool:
    letters = re.findall(r"[A-Za-z]|[\u3400-\u9fff]", text)
    return bool(letters) and sum(1 for c in letters if _CJK.match(c)) / len(letters) > 0.3


def language(text: str) -> str:
    return "zh" if is_chinese(text) else "en"


def units(text: str) -> float:
    """Reading length: Latin words, plus half a unit per Chinese character."""
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", text)) + len(_CJK.findall(text)) / 2


def sentences(text: str) -> list[str]:
    parts: list[str] = []
    for piece in _SENTENCE_END.split(text.strip()):
        piece = piece.strip()
        if not piece or not re.search(r"\w", piece):
            continue
        if parts and _ATTRIBUTION.match(piece):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return [_unwrapped(p) for p in parts]


def _unwrapped(sentence: str) -> str:
    """A sentence without the quotation marks wrapped around all of it (quotes inside stay)."""
    if _QUOTED.match(sentence):
        return sentence  # a quote with its author: the template shows the marks
    inner = sentence[1:-1]
    if (
        len(sentence) > 2
        and sentence[0] in "\"“'"
        and sentence[-1] in "\"”'"
        and not re.search('["“”]', inner)
    ):
        return inner.strip()
    return sentence


def split_sentences(script: str) -> list[str]:
    """Sentences, neighbours joined so that there are at most MAX_SCENES."""
    return group(sentences(script), MAX_SCENES)


def group(items: list[str], count: int) -> list[str]:
    """Join neighbouring sentences into `count` pieces of about equal reading length."""
    if len(items) <= count:
        return items
    total = sum(units(s) for s in items)
    out: list[str] = []
    current: list[str] = []
    done = 0.0
    for i, item in enumerate(items):
        current.append(item)
        done += units(item)
        items_left, slots_left = len(items) - i - 1, count - len(out) - 1
        if slots_left <= 0 or items_left == 0:
            continue
        following = units(items[i + 1]) / 2
        if items_left == slots_left or done + following > total * (len(out) + 1) / count:
            out.append(join(current))
            current = []
    out.append(join(current))
    return out


def join(parts: list[str]) -> str:
    return "".join(parts) if all(is_chinese(p) for p in parts) else " ".join(parts)


def split_heading(script: str) -> tuple[str | None, str]:
    """A short first line without end punctuation, followed by more text, is the script's title."""
    lines = [ln.strip() for ln in script.strip().splitlines() if ln.strip()]
    if len(lines) > 1 and units(lines[0]) <= 8 and not lines[0].endswith((".", "!", "?", "。", "！", "？")):
        return lines[0].strip(" #*:：《》"), "\n".join(lines[1:])
    return None, script


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’&-]+", text)


def _names(script: str) -> Counter[str]:
    """Capitalised runs of words (product and place names), counted over the script."""
    counts: Counter[str] = Counter()
    for sentence in sentences(script):
        sentence = _INTRO.sub("", sentence)
        for m in re.finditer(r"(?:[A-Z][\w'’&-]*)(?:\s+[A-Z][\w'’&-]*)*", sentence):
            words = m.group(0).split()
            while words and words[0].lower() in STOPWORDS:
                words = words[1:]
            if m.start() == 0 and len(words) < 2:
                continue  # one capitalised word at the start is just the start of a sentence
            if 1 <= len(words) <= 4:
                counts[" ".join(words)] += 1
    return counts


TITLE_MAX_CHARS = 40


def derive_title(script: str) -> str:
    """The title card's words: a heading line, a name before a colon or dash, a product name, or
    the first words of the first sentence; cut to TITLE_MAX_CHARS (a "word" may be a long run)."""
    title = _derive_title(script)
    return title if len(title) <= TITLE_MAX_CHARS else title[: TITLE_MAX_CHARS - 1].rstrip() + "…"


def _derive_title(script: str) -> str:
    heading, rest = split_heading(script)
    if heading:
        return heading
    first = (sentences(rest) or [""])[0]
    if is_chinese(first):
        if m := re.match(r"^\s*《([^》]{1,16})》", first):
            return m.group(1)
        head = re.split(r"[：:，,—\-|！!。]", first, maxsplit=1)[0].strip()
        if len(head) > 10:  # "城市之梦是一款智能通勤背包" → the name before 是
            head = re.split(r"是|为|让|，", head, maxsplit=1)[0]
        return head if 0 < len(head) <= 12 else first[:8]
    if m := re.match(r"^\s*([^:—–|]{2,60}?)\s*(?::|\s[—–-]\s|\|)", first):
        if 1 <= len(_words(m.group(1))) <= 6:
            return _INTRO.sub("", m.group(1).strip(" \"'“”"))
    names = _names(rest)
    if names:
        name, count = names.most_common(1)[0]
        lead = _INTRO.sub("", first)
        if count > 1 or lead.startswith(name):
            return name
    clause = re.split(r"[,;:]", _INTRO.sub("", first), maxsplit=1)[0]
    words = _words(clause)
    if not 2 <= len(words) <= 6:
        words = _words(clause)[:5]
        while len(words) > 2 and words[-1].lower() in STOPWORDS:
            words.pop()
    title = " ".join(words)
    return (title[:1].upper() + title[1:]) if title else "My Video"


MOOD_WORDS = {
    "upbeat": r"sale|deal|discount|off|fast|energy|energetic|fun|party|launch|new|power|sport|fitness|run|"
    r"exciting|bold|today|limited|summer|boost|win|game|dance|促销|优惠|限时|活力|运动|派对|新品|折扣|快",
    "calm": r"calm|relax|relaxing|peace|peaceful|gentle|soft|spa|sleep|nature|ocean|sea|forest|breathe|"
    r"mindful|quiet|slow|tea|wellness|yoga|rest|放松|宁静|自然|温柔|安静|海|森林|冥想|茶|睡|慢",
    "cinematic": r"epic|journey|adventure|legend|future|dream|dreams|world|discover|explore|story|hero|"
    r"rise|vision|mountain|history|space|beyond|梦想|未来|冒险|传奇|探索|世界|史诗|旅程|英雄",
    "lofi": r"city|urban|coffee|study|commute|commuter|everyday|cozy|morning|night|street|work|daily|"
    r"backpack|laptop|城市|咖啡|学习|通勤|日常|早晨|夜晚|街",
}


def detect_mood(text: str) -> str:
    """The music mood (and palette) a script suggests; lo-fi when nothing stands out."""
    low = text.lower()
    scores = {
        mood: len(re.findall(rf"(?<![a-z])(?:{words})(?![a-z])", low)) for mood, words in MOOD_WORDS.items()
    }
    scores["upbeat"] += low.count("!") // 2
    best = max(scores, key=lambda m: (scores[m], m == "lofi"))
    return best if scores[best] > 0 else "lofi"


def condense(items: list[str], budget: float) -> list[str]:
    """The sentences that fit a reading budget (in `units`), in their order: the first and the last
    (the hook and the call to action) first, then the most informative short ones."""
    if sum(units(s) for s in items) <= budget or len(items) <= 1:
        return items

    def score(i: int) -> float:
        s = items[i]
        value = 3.0 if i == 0 else 2.0 if i == len(items) - 1 else 0.0
        value += 0.5 if re.search(r"\d", s) else 0.0
        value -= 0.6 if units(s) < 4 and 0 < i < len(items) - 1 else 0.0  # fragments lean on neighbours
        return value - units(s) / 40 - i / (len(items) * 4)

    chosen: set[int] = set()
    used = 0.0
    for i in sorted(range(len(items)), key=score, reverse=True):
        cost = units(items[i])
        if used + cost <= budget or not chosen:
            chosen.add(i)
            used += cost
    return [items[i] for i in sorted(chosen)]


def chunk(text: str, chars_per_line: int, max_lines: int = 2) -> list[str]:
    """Caption pieces that each fit in `max_lines` lines: split at sentence and clause ends, then
    at words (characters for Chinese)."""
    limit = chars_per_line * max_lines
    if _width(text) <= limit:
        return [text]
    pieces = [p for p in re.split(r"(?<=[.!?。！？；;,，:：、])\s*", text) if p.strip()]
    out: list[str] = []
    for piece in pieces:
        for part in [piece] if _width(piece) <= limit else _by_words(piece, limit):
            if out and _width(out[-1] + " " + part) <= limit:
                out[-1] = join([out[-1], part])
            else:
                out.append(part)
    return [p.strip() for p in out if p.strip()]


def _by_words(text: str, limit: int) -> list[str]:
    tokens = list(text) if is_chinese(text) else text.split()
    # A "word" wider than a caption (a URL, a run of letters) is cut, or it would stay one piece.
    tokens = [t[i : i + limit] for t in tokens for i in range(0, len(t), limit)]
    glue = "" if is_chinese(text) else " "
    count = -(-_width(text) // limit)
    per = -(-len(tokens) // count)
    return [glue.join(tokens[i : i + per]) for i in range(0, len(tokens), per)]


def _width(text: str) -> int:
    """Width in Latin character cells: a Chinese character is about two."""
    return len(text) + len(_CJK.findall(text))
