"""Finding art for words: an English index (stems of names, labels and tags) and a Chinese one.

A sentence's words are weighed one by one: where the word is found (an art item's name beats its tags),
how specific it is (a word that names few items beats one that names many), and, in Chinese, its part of
speech (nouns first). Words with nothing to draw ("every", "day", "每天") are ignored, and a match under
``MIN_SCORE`` is not returned: callers fall back to decorative shapes rather than show unrelated art.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import snowballstemmer

from . import library, words
from .library import Kind

Language = Literal["en", "zh"]

MIN_SCORE = 0.42
TAG_WEIGHT = {"tabler": 0.45, "fluent-emoji": 0.6}
TABLER_FIRST_TAGS_WEIGHT = 0.6
ZH_GLOSSARY_FACTOR = 0.95
ZH_PART_FACTOR = 0.8
ZH_TAG_WEIGHT = 0.7
# Name tokens that say nothing of the thing drawn ("device-laptop" is a laptop).
_NAME_FILLER = frozenset("with without and of the a in on device symbol button".split())
# After these a word is most likely a verb ("we plant", "to work", "you can track").
_VERB_CUES = frozenset("to we you i they can will could would should let lets just never always".split())
VERB_FACTOR = 0.6
SETTING_FACTOR = 0.88
TOPIC_FACTOR = 1.1
PARTICIPLE_FACTOR = 0.7
SUFFIX_CLASH_FACTOR = 0.75
_TOPIC_OPENERS = frozenset("our your this these the its their my".split())
_PEOPLE = frozenset({"Smileys & Emotion", "People & Body"})
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_EN_WORD = re.compile(r"[a-z][a-z']*")
_TIME = re.compile(r"\b\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)(?![a-z])|\bo'clock\b|\d{1,2}:\d\d", re.I)


@dataclass(frozen=True, slots=True)
class Match:
    """``ref`` drawn for ``word`` (as written in the text), ``score`` in about 0..1.2."""

    ref: str
    score: float
    word: str


@dataclass(slots=True)
class _Index:
    set_id: str
    by_stem: dict[str, dict[str, float]] = field(default_factory=dict)
    by_phrase: dict[str, set[str]] = field(default_factory=dict)
    by_zh: dict[str, dict[str, float]] = field(default_factory=dict)
    label_en: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (label, its head noun)
    zh_labels: set[str] = field(default_factory=set)
    shape: dict[str, float] = field(default_factory=dict)

    def add(self, stem: str, name: str, weight: float) -> None:
        slot = self.by_stem.setdefault(stem, {})
        if weight > slot.get(name, 0.0):
            slot[name] = weight


_stemmer_lock = threading.Lock()
_stemmer: Any = None
_stems: dict[str, str] = {}


def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of an English word, cached."""
    global _stemmer
    got = _stems.get(word)
    if got is None:
        with _stemmer_lock:
            if _stemmer is None:
                _stemmer = snowballstemmer.stemmer("english")
            got = str(_stemmer.stemWord(word.lower().strip("'")))
        _stems[word] = got
    return got


def _tokens(text: str) -> list[str]:
    return [t.removesuffix("'s").strip("'") for t in _EN_WORD.findall(text.lower())]


def _phrase_key(text: str) -> str:
    return "-".join(stem(t) for t in _tokens(text) if t not in _NAME_FILLER)


def _build(set_id: str) -> _Index:
    art = library.load_set(set_id)
    idx = _Index(set_id)
    fluent = not art.mono
    tag_w = TAG_WEIGHT[set_id]
    for name, e in art.icons.items():
        parts = [p for p in name.split("-") if p not in _NAME_FILLER]
        # Tabler's longer names are variants ("clock-hour-4"); Fluent's name one thing ("hot-beverage")
        idx.shape[name] = 1.0 / (1.0 + (0.12 if fluent else 0.2) * max(0, len(parts) - 1))
        if fluent and e.get("category") in _PEOPLE:
            idx.shape[name] *= 0.85  # faces and gestures: rarely what a product sentence shows
        elif fluent and e.get("category") == "Symbols":
            idx.shape[name] *= 0.9  # the thing itself before its sign ("baby symbol")
        head = _head(name.split("-")) if fluent else ""
        for p in parts:
            idx.add(stem(p), name, 1.0 if (not fluent or p == head) else 0.85)
        idx.by_phrase.setdefault(_phrase_key(name.replace("-", " ")), set()).add(name)
        label = str(e.get("label", ""))
        if label:
            idx.by_phrase.setdefault(_phrase_key(label), set()).add(name)
            for t in _tokens(label):
                if t not in _NAME_FILLER:
                    idx.add(stem(t), name, 0.85)
        for n, tag in enumerate(e.get("tags", ())):
            toks = _tokens(str(tag))
            # Tabler lists its closest synonyms first ("bike": bicycle, cycling, ...)
            w = TABLER_FIRST_TAGS_WEIGHT if not fluent and n < 3 else tag_w
            for t in toks:
                if t not in words.EN_STOP:
                    idx.add(stem(t), name, w)
            if len(toks) > 1:
                idx.by_phrase.setdefault(_phrase_key(str(tag)), set()).add(name)
        zh = list(e.get("zh", ()))
        idx.zh_labels.update(zh[:1])
        for i, z in enumerate(zh):
            slot = idx.by_zh.setdefault(z, {})
            slot[name] = max(slot.get(name, 0.0), 1.0 if i == 0 else ZH_TAG_WEIGHT)
        label_toks = [t for t in _tokens(label) if t not in words.EN_STOP]
        idx.label_en[name] = (" ".join(label_toks), _head(label_toks))
    return idx


def _head(parts: Sequence[str]) -> str:
    """The noun a Fluent name is about: "cloud-with-rain" is a cloud, "recycling-symbol" recycling."""
    for i, p in enumerate(parts):
        if p in ("with", "without", "of", "in", "on") and i > 0:
            return parts[i - 1]
    kept = [p for p in parts if p not in _NAME_FILLER]
    return kept[-1] if kept else ""


_index_lock = threading.Lock()
_indexes: dict[str, _Index] = {}
_df: dict[str, int] = {}


def index(set_id: str) -> _Index:
    got = _indexes.get(set_id)
    if got is None:
        with _index_lock:
            got = _indexes.get(set_id)
            if got is None:
                got = _build(set_id)
                for s, hits in got.by_stem.items():
                    _df[s] = _df.get(s, 0) + sum(1 for w in hits.values() if w >= 0.85)
                _indexes[set_id] = got
    return got


def load_all() -> None:
    """Build every set's index now (else each is built on first use)."""
    for s in library.set_ids():
        index(s)


def _spec(stem_: str) -> float:
    return 1.0 / (1.0 + 0.06 * math.log1p(_df.get(stem_, 0)))


# ---------------------------------------------------------------- Chinese segmentation (jieba, lazily)

_jieba_lock = threading.Lock()
_posseg: Callable[[str], Iterable[Any]] | None = None
_cut_for_search: Callable[[str], Iterable[str]] | None = None


def _jieba() -> tuple[Callable[[str], Iterable[Any]], Callable[[str], Iterable[str]]]:
    """jieba, initialised once and quietly (its "Building prefix dict" lines go nowhere)."""
    global _posseg, _cut_for_search
    with _jieba_lock:
        if _posseg is None or _cut_for_search is None:
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.ERROR)
            jieba.initialize()
            _posseg = jieba.posseg.cut
            _cut_for_search = jieba.cut_for_search
        return _posseg, _cut_for_search


def cut(text: str) -> list[str]:
    """The words of a Chinese text as jieba cuts them (for wrapping a headline, or picking the word
    to highlight), with jieba initialised once, quietly and under the lock (scenes draw in threads)."""
    _jieba()
    import jieba

    return [str(w) for w in jieba.cut(text)]


def segment(text: str) -> list[tuple[str, str]]:
    """(word, part-of-speech flag) pairs of a Chinese text."""
    posseg, _ = _jieba()
    return [(str(p.word), str(p.flag)) for p in posseg(text)]


# ---------------------------------------------------------------- scoring


def _sets_for(kind: Kind | None) -> list[str]:
    return [s for s in library.set_ids() if kind is None or library.SET_KIND[s] == kind]


def _suffix_clash(word: str, stem_: str, name: str) -> bool:
    """The stem is shared but the words are not the same kind: "billed" and "bill" (a billed cap for a
    bill), "parking" and "park", "views" and "viewing"."""
    verbal = ("ing", "ed")
    for part in name.split("-"):
        if part != word and stem(part) == stem_ and part.endswith(verbal) != word.endswith(verbal):
            return True
    return False


def _never(ref: str) -> bool:
    """Art almost always wrong in promo copy (a children-crossing sign for "cross", a police car)."""
    return ref in words.NEVER or ref.startswith(words.NEVER_PREFIX)


def _name_only(ref: str) -> bool:
    """Art found only through its name, never its tags ("gel" is no Georgian lari sign)."""
    return ref.startswith(words.NAME_ONLY_PREFIX) or any(m in ref for m in words.NAME_ONLY_PART)


class _Scores:
    def __init__(self, sets: list[str], exclude: Collection[str], *, strict: bool = True) -> None:
        self.sets = sets
        self.exclude = set(exclude)
        self.strict = strict  # a sentence (``match``) rather than a person naming what they want
        # ref -> (word position, word, score) per word, best first when read
        self.hits: dict[str, dict[int, tuple[float, str]]] = {}

    def put(self, ref: str, pos: int, word: str, score: float) -> None:
        if ref in self.exclude or (self.strict and _never(ref)):
            return
        slot = self.hits.setdefault(ref, {})
        if score > slot.get(pos, (0.0, ""))[0]:
            slot[pos] = (score, word)

    def en(self, pos: int, word: str, stems: Iterable[str], factor: float) -> None:
        low = word.lower()
        for s in stems:
            spec = _spec(s)
            direct = " " not in low and stem(low) == s
            for set_id in self.sets:
                idx = index(set_id)
                for name, w in idx.by_stem.get(s, {}).items():
                    if w < 0.85 and _name_only(f"{set_id}:{name}"):
                        continue
                    f = factor * (SUFFIX_CLASH_FACTOR if direct and _suffix_clash(low, s, name) else 1.0)
                    self.put(f"{set_id}:{name}", pos, word, w * idx.shape[name] * spec * f)

    def phrase(self, pos: int, word: str, key: str, score: float) -> None:
        for set_id in self.sets:
            for name in index(set_id).by_phrase.get(key, ()):
                self.put(f"{set_id}:{name}", pos, word, score)

    def en_words(self, pos: int, word: str, targets: Iterable[str], factor: float) -> None:
        """Curated targets, in order of preference; a two-word target counts mostly as a phrase."""
        for n, target in enumerate(targets):
            f = factor * (1.0 - 0.04 * n)
            toks = [t for t in _tokens(target) if t not in _NAME_FILLER]
            if len(toks) > 1:
                self.phrase(pos, word, _phrase_key(target), 0.95 * f)
                f *= 0.7
            self.en(pos, word, [stem(t) for t in toks], f)

    def results(self, limit: int, floor: float) -> list[Match]:
        ranked: list[tuple[float, int, Match]] = []
        for ref, per_word in self.hits.items():
            best = sorted(per_word.items(), key=lambda kv: -kv[1][0])
            pos, (score, word) = best[0]
            # art that more words of the sentence point at is the likelier picture
            score += 0.15 * sum(s for _p, (s, _w) in best[1:3])
            ranked.append((score, pos, Match(ref, round(score, 4), word)))
        ranked.sort(key=lambda t: (-t[0], -t[1], t[2].ref))
        # alternatives should differ: a second clock ("clock-12" after "clock") waits behind other art
        out: list[tuple[float, Match]] = []
        seen: dict[str, int] = {}
        for score, _pos, m in ranked:
            if score < floor:
                break
            fam = _family(m.ref)
            adjusted = score * (0.9 ** seen.get(fam, 0))
            out.append((adjusted, Match(m.ref, round(adjusted, 4), m.word)))
            seen[fam] = seen.get(fam, 0) + 1
        out.sort(key=lambda t: -t[0])
        return [m for _s, m in out[:limit]]


_alias_by_stem: dict[str, tuple[str, ...]] = {}


def _alias(word: str) -> tuple[str, ...] | None:
    """The curated targets of a word, or of a word with its stem ("tutors" -> "tutor")."""
    if not _alias_by_stem:
        with _index_lock:
            if not _alias_by_stem:
                table: dict[str, tuple[str, ...]] = {}
                for k, v in words.EN_ALIAS.items():
                    table.setdefault(stem(k) if " " not in k else k, v)
                _alias_by_stem.update(table)
    got = words.EN_ALIAS.get(word)
    if got is None and not word.endswith(("ing", "ed")):  # "parking" is no park, "billed" no bill
        got = _alias_by_stem.get(stem(word))
    return got


_EN_SPAN = re.compile(rf"(?P<time>{_TIME.pattern})|[A-Za-z][A-Za-z']*", re.I)


def _en_spans(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) of each word; a time of day ("4 am", "6:30") is the token "o'clock"."""
    out: list[tuple[str, int, int]] = []
    for m in _EN_SPAN.finditer(text):
        tok = "o'clock" if m.group("time") else m.group(0).lower().removesuffix("'s").strip("'")
        out.append((tok, m.start(), m.end()))
    return out


def _family(ref: str) -> str:
    set_id, _, name = ref.partition(":")
    parts = [p for p in name.split("-") if p not in _NAME_FILLER]
    return f"{set_id}:{_head(name.split('-')) if set_id == 'fluent-emoji' else (parts or [name])[0]}"


def _is_adverb(tok: str) -> bool:
    """ "wirelessly", "freshly": an -ly adverb says how, not what ("family", "jelly" are things)."""
    return len(tok) >= 6 and tok.endswith("ly") and tok not in words.EN_LY_NOUNS


def _verb_like(toks: Sequence[str], i: int, short: bool) -> bool:
    """Whether the word at ``i`` reads as a verb here: English copy has no part-of-speech tags, so cues.

    - promo copy opens with an imperative ("Book your...", "Track every run"), a short feature phrase
      ("Dog friendly", "Local flour") does not;
    - after "to", "we", "you", "can"... ("we plant", "to work");
    - before an article, a possessive or an object pronoun ("cross the city", "cushion every step",
      "reminds you"): a noun is seldom followed by one;
    - after a plural subject and before a function word ("our bikes fold in seconds", "cats eat better");
    - a word that is mostly a verb in copy (``words.EN_VERB``), unless an article or adjective precedes
      it ("a cross", "the trade").
    """
    t = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else ""
    prev = toks[i - 1] if i > 0 else ""
    if i == 0 and len(toks) >= 4:
        return True
    if prev in _VERB_CUES:
        return True
    after = toks[i + 2] if i + 2 < len(toks) else ""
    if (
        nxt in words.EN_OBJECT_CUES
        and after not in words.EN_TIME_WORDS
        and prev not in words.EN_PREPOSITIONS
        and prev not in words.EN_DETERMINERS
        and prev not in words.EN_ADJ
    ):
        return True
    if (
        prev.endswith("s")
        and not prev.endswith(("ss", "us", "is"))
        and prev not in words.EN_STOP
        and not t.endswith("s")
        and nxt in words.EN_AFTER_VERB
    ):
        return True
    return t in words.EN_VERB and prev not in words.EN_DETERMINERS


def _topic(toks: Sequence[str], content: Sequence[int]) -> int:
    """The head of an opening "Our backpacks", "Your dog", "This serum": what the sentence is about
    ("Our backpacks survive storms, spills and airport security"), or -1."""
    if len(toks) < 4 or toks[0] not in _TOPIC_OPENERS:
        return -1
    for i in range(1, min(4, len(toks) - 1)):
        t, nxt = toks[i], toks[i + 1]
        if t.endswith("ing"):  # "noise-cancelling headphones": a modifier, not the head
            continue
        # the phrase ends at a function word, or at a verb that agrees with it ("backpacks survive",
        # "thermostat cuts")
        if nxt in words.EN_STOP or nxt in words.EN_FUNCTION or (_plural(t) != _plural(nxt)):
            return i if i in content else -1
    return -1


def _plural(tok: str) -> bool:
    return tok.endswith("s") and not tok.endswith(("ss", "us", "is"))


def _after_setting_preposition(toks: Sequence[str], i: int) -> bool:
    """Whether the word at ``i`` ends a phrase like "from (morning) coffee", "on any screen"."""
    for j in range(i - 1, max(-1, i - 4), -1):
        if toks[j] in words.EN_SETTING_PREPOSITIONS:
            return True
        if toks[j] not in words.EN_DETERMINERS and toks[j] not in words.EN_STOP and j < i - 1:
            return False
    return False


def _split_compound(tok: str) -> list[str]:
    """ "lightweight" -> ["light", "weight"]: a closed compound the sets do not know, as its two words."""
    for cut in range(4, len(tok) - 3):
        a, b = tok[:cut], tok[cut:]
        if _known(a) and _known(b):
            return [a, b]
    return []


def _known(tok: str) -> bool:
    if tok in words.EN_STOP or len(tok) < 4:
        return False
    st = stem(tok)
    return (
        tok in words.EN_FEATURE
        or _alias(tok) is not None
        or any(st in index(s).by_stem for s in library.set_ids())
    )


_IDIOM = re.compile(r"\b(?:" + "|".join(re.escape(i) for i in words.EN_IDIOMS) + r")\b", re.I)


def _en_text(scores: _Scores, text: str, *, drop: frozenset[str] = frozenset()) -> None:
    text = _IDIOM.sub(lambda m: " " * len(m.group(0)), text)  # same length: words keep their places
    spans = _en_spans(text)
    toks = [t for t, _s, _e in spans]
    tails = _compound_tails(text)
    # a feature card's phrase ("Strong", "Lightweight", "Easy to clean") is mostly adjectives: they count
    short = len([t for t in toks if t not in words.EN_FUNCTION]) <= 3
    content = [
        i
        for i, (t, start, _e) in enumerate(spans)
        if (t not in words.EN_STOP or (short and t in words.EN_FEATURE))
        and t not in drop
        and len(t) > 1
        and start not in tails
        and not _is_adverb(t)
    ]
    modifiers = _compound_modifiers(text)
    # "Fast delivery" is a truck: a quality counts fully only when the phrase names no thing
    qualities_only = all(toks[i] in words.EN_FEATURE for i in content)
    named = False  # the sentence has named a thing already
    topic = _topic(toks, content)
    for i in content:
        t, start, end = spans[i]
        word = text[start:end]  # as written: a caller may highlight it
        setting = named and _after_setting_preposition(toks, i)
        if t == "o'clock":  # a time of day ("at 4 am") is what a feature card shows
            scores.en(i, word, ["clock"], 1.25)
            continue
        alias = _alias(t)
        if short and t in words.EN_FEATURE:
            alias = words.EN_FEATURE[t] + (alias or ())
        factor = words.EN_WEAK.get(t, words.EN_ADJ_FACTOR if t in words.EN_ADJ else 1.0)
        feature = short and t in words.EN_FEATURE  # "Easy to clean": a quality, not a verb
        if feature:
            factor = 1.0 if qualities_only else words.EN_ADJ_FACTOR
        factor *= 0.8 if t in modifiers else 1.0
        if i == topic:
            factor *= TOPIC_FACTOR
        elif alias is None and len(t) > 4 and t.endswith("ed") and not t.endswith("eed"):
            factor *= PARTICIPLE_FACTOR  # "grilled to perfection": how the thing is, not the thing
        if not feature and _verb_like(toks, i, short):
            factor *= VERB_FACTOR
        elif setting:
            factor *= SETTING_FACTOR
        # a phrase's last word names its thing; a verb, an adjective or a weak word does not
        head = i + 1 == len(toks) or toks[i + 1] in words.EN_STOP
        named = named or (head and factor >= 0.9)
        st = stem(t)
        if alias is None and not any(st in index(s).by_stem for s in scores.sets):
            parts = _split_compound(t)
            if parts:
                for p in parts:
                    p_alias = words.EN_FEATURE.get(p) if short else None
                    p_alias = p_alias or _alias(p)
                    if p_alias:
                        scores.en_words(i, word, p_alias, 0.85 * factor)
                    else:
                        scores.en(i, word, [stem(p)], 0.7 * factor)
                continue
        # an alias is the curated sense ("shipping" is a truck, not a ship): it outranks the word itself
        scores.en(i, word, [st], factor * (0.85 if alias else 1.0))
        if alias:
            scores.en_words(i, word, alias, factor)
    # two words naming one thing ("credit card", "ice cream") beat either word alone
    for i, j in zip(content, content[1:], strict=False):
        if j == i + 1:
            (a, start, _e), (b, _s, end) = spans[i], spans[j]
            word = text[start:end]
            scores.phrase(j, word, f"{stem(a)}-{stem(b)}", 1.05)
            pair = f"{a} {b}"
            if pair in words.EN_ALIAS:  # "coffee cup"
                scores.en_words(j, word, words.EN_ALIAS[pair], 1.05)


_COMPOUND = re.compile(
    r"\b([a-z]+)-(?:resistant|proof|free|friendly|based|powered|ready|safe|like|designed|inspired|approved"
    r"|tested|driven|led|made|grown|owned|picked|crafted|cancelling|canceling|reducing|absorbing|blocking"
    r"|wicking|repellent)\b"
)
# "world-class", "five-minute", "hand-made": the second half says nothing to draw either
_COMPOUND_ADJ = re.compile(
    r"\b([a-z]+)-(class|level|grade|quality|style|made|sized?|time|minute|hour|day|week|month|year|star"
    r"|fired|roasted|smoked|baked|brewed|infused|factor|step)\b"
)


def _compound_modifiers(text: str) -> set[str]:
    """First halves of compound adjectives ("water" in "water-resistant"): a quality, not the subject."""
    low = text.lower()
    return set(_COMPOUND.findall(low)) | {a for a, _b in _COMPOUND_ADJ.findall(low)}


def _compound_tails(text: str) -> set[int]:
    """Where the second halves of "world-class"-like adjectives start (they are skipped)."""
    return {m.start(2) for m in _COMPOUND_ADJ.finditer(text.lower())}


# jieba's tags are a guide, not the truth ("相机" comes out as an adverb): nouns first, the rest weaker
_ZH_POS_FACTOR = {
    **dict.fromkeys(("n", "nz", "ng"), 1.0),
    **dict.fromkeys(("nt", "vn", "s", "nr", "ns"), 0.9),
    **dict.fromkeys(("v", "a", "an", "ad", "vd", "l", "i", "j"), 0.75),
}
ZH_OTHER_FACTOR = 0.65


def _zh_word(scores: _Scores, pos: int, word: str, factor: float) -> bool:
    factor *= words.ZH_WEAK.get(word, 1.0)
    fluent = index("fluent-emoji")
    hits = fluent.by_zh.get(word, {})
    found = bool(hits)
    if "fluent-emoji" in scores.sets:
        spec = 1.0 / (1.0 + 0.06 * math.log1p(len(hits)))
        for name, w in hits.items():
            scores.put(f"fluent-emoji:{name}", pos, word, w * fluent.shape[name] * spec * factor)
    glossary = words.ZH_EN.get(word)
    if glossary:
        scores.en_words(pos, word, glossary, ZH_GLOSSARY_FACTOR * factor)
        found = True
    icon_sets = [s for s in scores.sets if s != "fluent-emoji"]
    if icon_sets and hits:
        # the icon sets have no Chinese: go through the English of the illustrations this word labels
        # (or tags, when it tags few), e.g. "面条" -> "steaming bowl" -> tabler:bowl
        strong = [n for n, w in hits.items() if w >= 1.0]
        f = 0.85 * factor
        if not strong and len(hits) <= 4:
            strong, f = list(hits), 0.7 * factor  # a tag of a few illustrations: weaker evidence
        bridge = _Scores(icon_sets, scores.exclude, strict=scores.strict)
        bridge.hits = scores.hits
        for n in strong[:4]:
            label, head = fluent.label_en[n]
            if " " in label:  # only the whole name: "musical keyboard" is no computer keyboard
                bridge.phrase(pos, word, _phrase_key(label), f)
            else:
                bridge.en(pos, word, [stem(head)], f)
    return found


def _zh_text(scores: _Scores, text: str, *, drop: frozenset[str] = frozenset()) -> None:
    _, cut_for_search = _jieba()
    segments = segment(text)
    for pos, (word, flag) in enumerate(segments):
        if word in words.ZH_STOP or word in drop or flag in words.ZH_SKIP_FLAGS:
            continue
        if not _CJK.search(word):
            _en_text(scores, word, drop=drop)
            continue
        if len(word) == 1 and word not in words.ZH_EN:
            continue
        # the object of a Chinese sentence comes last: a slight preference for later words
        factor = _ZH_POS_FACTOR.get(flag, ZH_OTHER_FACTOR)
        if word in words.ZH_EN or word in index("fluent-emoji").zh_labels:
            factor = max(factor, 0.95)  # the name of a thing is a noun, whatever jieba guessed
        factor *= 1.0 + 0.05 * pos / len(segments)
        if _zh_word(scores, pos, word, factor) or len(word) < 2:
            continue
        # a compound with nothing of its own: its parts ("茶叶" -> "茶", "叶")
        parts = {p for p in cut_for_search(word) if p != word and len(p) >= 2 and p not in words.ZH_STOP}
        found = [_zh_word(scores, pos, p, ZH_PART_FACTOR * factor) for p in sorted(parts)]
        # single characters only of a noun ("安心" is no heart), and only when its longer parts name
        # nothing ("火锅店" is a hot pot, not a fire)
        if flag.startswith("n") and not any(found):
            for ch in sorted({ch for ch in word if ch in words.ZH_EN}):
                _zh_word(scores, pos, ch, ZH_PART_FACTOR * factor)


def detect_language(text: str) -> Language:
    return "zh" if _CJK.search(text) else "en"


def match(
    text: str,
    *,
    language: Language | None = None,
    kind: Kind | None = "illustration",
    exclude: Collection[str] = (),
    limit: int = 3,
) -> list[Match]:
    """Art for a sentence, best first; empty when nothing in it is worth drawing.

    ``language`` is detected (any CJK character means Chinese) when not given; ``kind`` is
    ``"illustration"`` (colour Fluent Emoji), ``"icon"`` (single-colour Tabler) or None for both;
    ``exclude`` lists refs already used (another scene's art, or the one a person asked to replace).
    """
    scores = _Scores(_sets_for(kind), exclude)
    if (language or detect_language(text)) == "zh":
        _zh_text(scores, text)
    else:
        _en_text(scores, text)
    return scores.results(limit, MIN_SCORE)


_REQUEST_EN = frozenset(
    """use using change swap replace replaced instead put show give add make with to a an the for of
    icon icons picture pictures image images illustration illustrations emoji art graphic drawing one
    another different other please scene this that it""".split()
)
_REQUEST_ZH = frozenset(
    "换成 换 换个 改成 改为 用 使用 一个 一张 个 图标 图片 插图 插画 图 表情 配图 这个 那个 请".split()
)


def lookup(
    words_: str,
    *,
    language: Language | None = None,
    kind: Kind | None = None,
    exclude: Collection[str] = (),
    limit: int = 5,
) -> list[Match]:
    """Art for what a person asked for by chat ("use a coffee cup", "换成咖啡"), best first.

    An exact name ("croissant", "tabler:clock") comes first; then the words are matched like a
    sentence, from both sets unless ``kind`` says which.
    """
    text = words_.strip()
    sets = _sets_for(kind)
    if library.exists(text) and text not in exclude:
        return [Match(text, 1.5, text)]
    scores = _Scores(sets, exclude, strict=False)
    lang = language or detect_language(text)
    if lang == "zh":
        _zh_text(scores, text, drop=_REQUEST_ZH)
    else:
        rest = [t for t in _tokens(text) if t not in _REQUEST_EN]
        slug = "-".join(rest)
        for set_id in sets:
            if slug and slug in library.load_set(set_id).icons:
                scores.put(f"{set_id}:{slug}", 0, " ".join(rest), 1.3)
        _en_text(scores, text, drop=_REQUEST_EN)
    return scores.results(limit, MIN_SCORE * 0.8)


def icon_for(text: str, *, language: Language | None = None, exclude: Collection[str] = ()) -> str | None:
    """The best single-colour icon for a short feature phrase ("Baked at 4 am" -> ``tabler:clock``)."""
    found = match(text, language=language, kind="icon", exclude=exclude, limit=1)
    return found[0].ref if found else None
