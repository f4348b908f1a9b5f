"""Reading a script sentence for its design: a number worth counting, a list of things, a quote,
steps in order, a call to action, the words worth highlighting. English and Chinese.

Pure functions on text; `edits/design.py` turns their answers into designed scenes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nemo_tui import art

from .script import STOPWORDS, is_chinese

_STAT = re.compile(
    r"(?<![A-Za-z0-9.])(?P<value>[$€£¥]?\d[\d,]*(?:\.\d+)?\s?(?:%|％|x\b|×|\+|k\b|K\b|M\b|倍|万\+?|亿|折)?)"
    r"(?!\s?(?:am|pm|a\.m\.|p\.m\.|:\d|点|时|号|月|年))"
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_LIST_EN = re.compile(
    r"(?P<items>(?:[\w'’ -]{2,40},\s+){1,4}[\w'’ -]{2,40},?\s+(?:and|or|&)\s+[\w'’ -]{2,40}?)(?=[\s,.;:!?]|$)"
)
_DETERMINER_WORDS = {"your", "our", "the", "a", "an", "its", "their", "his", "her", "my"}
_DETERMINERS = re.compile(rf"^(?:{'|'.join(sorted(_DETERMINER_WORDS | {'all', 'any', 'some'}))})\s+", re.I)
_QUOTE = re.compile(
    r"[“\"「『](?P<quote>[^”\"」』]{6,})[”\"」』]\s*(?:[—–-]+|,?\s*says|,?\s*said)?\s*(?P<author>[^.。!！?？]{2,40})?"
)
_STEP_WORDS = re.compile(
    r"\b(?:first|then|next|after that|finally|step \d)\b|首先|然后|接着|最后|第[一二三四五]步", re.I
)
_URL = re.compile(
    r"(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|shop|store|app|cn|de|uk|fr)(?:/\S*)?",
    re.I,
)
_ACTION_EN = re.compile(
    r"\b(?:order|book|shop|buy|visit|try|download|sign up|join|call|subscribe|get yours|get started|start|"
    r"reserve|learn more|discover|follow|come in|stop by|contact)\b",
    re.I,
)
_ACTION_ZH = re.compile(
    r"立即|马上|欢迎|预订|预约|下单|购买|抢购|扫码|关注|下载|报名|加入|光临|体验|咨询|来店"
)
_STOP = STOPWORDS | {  # words never worth highlighting
    "their", "they", "every", "all", "can", "will", "has", "have",
    "more", "own", "while", "into", "just", "than",
}  # fmt: skip


@dataclass(frozen=True)
class Stat:
    value: str  # "87%", "3x", "$1,200"
    label: str  # the rest of the sentence


def find_stat(sentence: str) -> Stat | None:
    """A number worth counting up: a percentage, a multiple, an amount, or any count above 1
    (not a time of day, a year or a step number)."""
    for m in _STAT.finditer(sentence):
        value = m.group("value").strip()
        digits = re.sub(r"[^\d.]", "", value)
        if not digits or _YEAR.match(value) or (float(digits or 0) <= 1 and not re.search(r"[%％]", value)):
            continue
        before, after = sentence[: m.start()].strip(), sentence[m.end() :].strip()
        value = value.replace("％", "%")
        if re.fullmatch(r"(?i)over|more than|above", before) and not value.endswith(("+", "%")):
            value, before = value + "+", ""  # "Over 2,000 loaves" counts up to 2,000+
        if not before or len(before.split()) <= 1 and not is_chinese(sentence):
            label = after.lstrip(" ,:-的")
        else:
            label = sentence.strip()
        return Stat(value, _capital(label))
    return None


def find_list(sentence: str) -> list[str]:
    """Three to five things named in a row ("your laptop, your lunch and your headphones",
    "透气、防水和轻便"), each short, without their determiners; [] when there is no such list."""
    if is_chinese(sentence):
        return _list_zh(sentence)
    pieces = [p.strip() for p in re.split(r",\s*", re.split(r"[.;:!?]\s", sentence + " ")[0])]
    joint = next((k for k, p in enumerate(pieces) if k and re.search(r"(?:^|\s)(?:and|or|&)\s", p)), None)
    if joint is None:
        return []
    last = [x for x in re.split(r"(?:^|\s+)(?:and|or|&)\s+", pieces[joint], maxsplit=1) if x.strip()]
    names = pieces[:joint] + last
    if len(last) != 2 and not pieces[joint].startswith(("and ", "or ", "& ")):
        return []
    first_words = names[0].split()
    names[0] = " ".join(first_words[-_item_len(first_words[::-1]) :])
    tail_words = names[-1].split()
    lead = 1 if tail_words and tail_words[0].lower() in _DETERMINER_WORDS else 0
    names[-1] = " ".join(tail_words[: lead + _item_len(tail_words[lead:], forward=True)])
    longest = max(len(n.split()) for n in names[1:])
    names[0] = " ".join(
        names[0].split()[-max(longest, 1 + (names[0].split()[-2:-1] in [[d] for d in _DETERMINER_WORDS])) :]
    )
    items = [_capital(_DETERMINERS.sub("", n).strip(" .")) for n in names]
    ok = all(i and len(i.split()) <= 3 for i in items)
    return items if ok and 3 <= len(items) <= 5 else []


_BREAK = {
    "every",
    "each",
    "daily",
    "today",
    "offer",
    "offers",
    "make",
    "makes",
    "bake",
    "bakes",
    "serve",
    "serves",
    "sell",
    "sells",
    "include",
    "includes",
    "provide",
    "provides",
    "bring",
    "brings",
    "get",
    "gets",
    "give",
    "gives",
    "love",
    "enjoy",
    "need",
    "needs",
    "in",
    "on",
    "at",
    "for",
    "with",
    "to",
    "that",
    "which",
    "while",
    "into",
    "from",
    "is",
    "are",
    "keeps",
    "has",
    "have",
    "it",
}


def _item_len(words: list[str], forward: bool = False) -> int:
    """How many of `words` (read from the list's edge outwards) belong to the item: up to a verb or
    preposition, at most three; read backwards, a determiner ends the item."""
    n = 0
    for w in words:
        if w.lower().strip(",.") in _BREAK or n == 3:
            break
        n += 1
        if not forward and w.lower() in _DETERMINER_WORDS:
            break
    return max(1, n)


def _list_zh(sentence: str) -> list[str]:
    m = re.search(
        r"[\u4e00-\u9fff]{1,10}(?:、[\u4e00-\u9fff]{1,8}){1,4}(?:[和与及或][\u4e00-\u9fff]{1,8})?", sentence
    )
    if not m:
        return []
    items = [i for i in re.split(r"[、和与及或]", m.group(0)) if i]
    if not 3 <= len(items) <= 5:
        return []
    longest = max(len(i) for i in items[1:])
    items[0] = items[0][-longest:]  # the first item starts after the sentence's own words
    return items


def find_quote(sentence: str) -> tuple[str, str] | None:
    """Words in quotation marks and who said them, if the sentence is a quote."""
    m = _QUOTE.search(sentence)
    if not m:
        return None
    author = (m.group("author") or "").strip(" ,—–-")
    return m.group("quote").strip(), author


def find_steps(sentence: str) -> list[str]:
    """Steps in order ("First pack, then plug in, finally walk out"), two to five of them."""
    if len(_STEP_WORDS.findall(sentence)) < 2:
        return []
    parts = [p.strip(" ,;.，；。") for p in _STEP_WORDS.split(sentence)]
    steps = [_capital(p) for p in parts if p and len(p) > 1]
    return steps if 2 <= len(steps) <= 5 else []


@dataclass(frozen=True)
class CallToAction:
    headline: str
    button: str  # "" when the line asks for nothing in particular
    sub: str  # a web address, or the brand


def call_to_action(line: str, brand: str | None) -> CallToAction:
    """The end card from the script's closing line: an address becomes the small line, an action
    ("Order at …", "立即预订") the button; otherwise the brand signs off under the line."""
    zh = is_chinese(line)
    url = _URL.search(line)
    address = url.group(0) if url else ""
    rest = line.replace(address, "").strip(" .。:：,，") if address else line.strip()
    button = ""
    clauses = [c for c in re.split(r"(?<=[.!。！，,])\s*", rest) if c.strip(" .!。！，,")]
    if clauses:
        last = clauses[-1].strip(" .!。！，,")
        action = (_ACTION_ZH if zh else _ACTION_EN).search(last)
        if action and len(last) - action.start() <= 24:
            clause = re.sub(r"\s+(?:at|on|via|from)$", "", last[action.start() :])
            button = clause + (" now" if not zh and len(clause.split()) == 1 else "")
            before = (" ".join(clauses[:-1]) + " " + last[: action.start()]).strip(" .。,，!！")
            rest = before if len(before) >= 2 else ""
    if brand and rest.lower().startswith(brand.lower()) and len(rest) > len(brand) + 3:
        rest = rest[len(brand) :].strip(" .。:：,，")
    headline = rest or brand or line.strip()
    sub = address or ("" if not brand or brand.lower() in headline.lower() else brand)
    return CallToAction(_capital(headline), _capital(button), sub)


def split_title(title: str) -> tuple[str, str]:
    """ "Urban Dreams: the smart commuter backpack." → ("Urban Dreams", "The smart commuter backpack")."""
    parts = re.split(r"\s*[:：—–|]\s*|\s+-\s+", title.strip().rstrip(".。"), maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        return parts[0], _capital(parts[1])
    return title.strip().rstrip(".。"), ""


def highlights(sentence: str, preferred: list[str], limit: int = 2) -> list[str]:
    """The words to set in the accent colour: the thing the art shows, numbers, then the longest words."""
    if is_chinese(sentence):
        chosen = [w for w in preferred if w and w in sentence][:limit]
        if chosen:
            return chosen
        words = [w for w in _chinese_words(sentence) if len(w) >= 2 and w not in _STOP_ZH]
        return words[-1:]  # the object of a Chinese sentence comes last: 采摘新鲜的【茶叶】
    words = re.findall(r"[A-Za-z][\w'’-]*|\d[\d,.%x+]*", sentence)
    lower = {w.lower(): w for w in words}
    picked: list[str] = []
    for p in preferred:
        for w in words:
            if w.lower().startswith(p.lower()[: max(3, len(p) - 2)]) and w not in picked:
                picked.append(w)
                break
    picked += [w for w in words if re.match(r"\d", w) and w not in picked]
    content = sorted(
        (w for w in lower.values() if w.lower() not in _STOP and len(w) > 4), key=len, reverse=True
    )
    picked += [w for w in content if w not in picked]
    return picked[:limit]


_STOP_ZH = {
    "我们",
    "你们",
    "他们",
    "每天",
    "每个",
    "一个",
    "这个",
    "那个",
    "可以",
    "已经",
    "超过",
    "再次",
    "非常",
    "所有",
    "还有",
    "就是",
    "自己",
    "因为",
    "所以",
    "但是",
    "而且",
}


def _chinese_words(text: str) -> list[str]:
    return [w for w in art.cut(text) if re.match(r"[\u4e00-\u9fff]", w)]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
