"""The vocabulary of the evaluation set's expectations: small checks over the draft before and after.

Every check is `check(look, arg) -> bool`, registered under the name the data uses
(`{duration: "30±0.5"}` calls `duration(look, "30±0.5")`). A `Look` holds the draft before the
request, the draft after it, the reply, the uploads (so "croissant" can name a photo) and the drafts
after each earlier step of the context (so "undo" can be checked against them).

Each check also says which parts of the video it *names* (`names`): a request that names the
length may change it, one that names clips may remove some. What a request does not name must not be
lost; that is the scorer's harm rule (`lost`).
"""

from __future__ import annotations

import colorsys
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nemo_tui.draft import TEXT, reads
from nemo_tui.engine.hosting.config import EngineConfig
from nemo_tui.engine.render import validate_draft
from nemo_tui.engine.render.scenes.style import STYLES
from nemo_tui.engine.services.limits import check_draft_limits

Draft = dict[str, Any]
Check = Callable[["Look", Any], bool]


@dataclass
class Look:
    before: Draft | None
    after: Draft | None
    reply: str = ""
    uploads: list[dict[str, Any]] = field(default_factory=list)
    steps: list[Draft | None] = field(default_factory=list)  # the draft after each context step
    versions: tuple[int, int] = (0, 0)  # how many other versions the session kept, before and after


CHECKS: dict[str, Check] = {}
NAMES: dict[str, frozenset[str]] = {}


def check(name: str, *names: str) -> Callable[[Check], Check]:
    """Register a check kind under `name`; `names` are the parts of the video it allows to change."""

    def register(fn: Check) -> Check:
        CHECKS[name] = fn
        NAMES[name] = frozenset(names)
        return fn

    return register


# ---------------------------------------------------------------- reading a draft


def clips(draft: Draft | None) -> list[dict[str, Any]]:
    """The row of clips as a person counts them: the main track's scenes without the title card."""
    return [s for s in reads.scenes(draft or {"t": []}) if not reads.is_card(s)]


def card(draft: Draft | None) -> dict[str, Any] | None:
    found = [s for s in reads.scenes(draft or {"t": []}) if reads.is_card(s)]
    return found[0] if found else None


def segments(draft: Draft | None, role: str) -> list[dict[str, Any]]:
    found = []
    for t in reads.tracks_of(draft or {"t": []}, role=role):
        found.extend(reads.segments_of(t))
    return sorted(found, key=reads.start_of)


def captions(draft: Draft | None) -> list[dict[str, Any]]:
    return segments(draft, "captions")


def texts(draft: Draft | None) -> list[dict[str, Any]]:
    """Every text segment (titles, captions, any other text track), in time order."""
    found = [s for t in (draft or {}).get("t", []) if reads.type_of(t) == TEXT for s in reads.segments_of(t)]
    return sorted(found, key=reads.start_of)


def length(draft: Draft | None) -> float:
    return reads.length_of(draft or {}) / 1000


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\"'“”‘’「」《》]", "", str(text))).strip().lower()


def scene_words(draft: Draft | None, seg: dict[str, Any]) -> str:
    """What a clip says: its designed words, or the captions tied to it."""
    scene = seg.get("scene") or {}
    parts: list[str] = []
    for key in ("headline", "sub", "label", "value", "quote", "author", "button"):
        if scene.get(key):
            parts.append(str(scene[key]))
    for item in scene.get("items") or []:
        parts.append(str(item.get("text", item) if isinstance(item, dict) else item))
    parts += [c.get("text", "") for c in captions(draft) if reads.meta_of(c).get("scene") == seg.get("id")]
    return normal(" ".join(parts))


def media_name(look: Look, seg: dict[str, Any]) -> str:
    """The file name of the upload a clip shows ('' for a designed or colour scene)."""
    src = (seg.get("scene") or {}).get("media") or seg.get("src", "")
    for info in look.uploads:
        if src == f"media:{info['id']}":
            return str(info.get("filename", "")).lower()
    return ""


def which_clips(look: Look, draft: Draft | None, words: str) -> list[dict[str, Any]]:
    """The clips a person means by a word: those showing a file of that name, else those saying it."""
    want = normal(words).replace(" ", "-")
    shown = [s for s in clips(draft) if want and want in media_name(look, s)]
    return shown or [s for s in clips(draft) if normal(words) in scene_words(draft, s)]


def music_level(draft: Draft | None, t_ms: float) -> float:
    """How loud the music plays at a moment: its volume, through its fades."""
    level = 0.0
    for seg in segments(draft, "bgm"):
        st, end = reads.start_of(seg), reads.end_of(seg)
        if not st <= t_ms < end:
            continue
        gain = reads.volume_of(seg)
        if (fin := reads.fade_in_of(seg)) and t_ms < st + fin:
            gain *= (t_ms - st) / fin
        if (fout := reads.fade_out_of(seg)) and t_ms > end - fout:
            gain *= (end - t_ms) / fout
        level = max(level, gain)
    return level


def hue_family(color: str) -> str:
    """'yellow', 'red', 'white', 'black'… of a #RRGGBB(AA) colour, as a person would name it."""
    value = color.lstrip("#")[:6]
    r, g, b = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    if s < 0.2 or lightness > 0.95 or lightness < 0.05:
        return "white" if lightness > 0.8 else "black" if lightness < 0.2 else "grey"
    degrees = h * 360
    for limit, name in ((15, "red"), (40, "orange"), (70, "yellow"), (170, "green"), (260, "blue")):
        if degrees < limit:
            return name
    return "purple" if degrees < 330 else "red"


def valid(draft: Draft | None) -> bool:
    """Exportable: the export's checks, the engine's limits (`check_draft_limits`) and the renderer's
    validation (`validate_draft`)."""
    if draft is None:
        return True
    try:
        check_draft_limits(draft, EngineConfig())
        validate_draft(draft)
    except ValueError:  # DraftLimit and DraftError are ValueErrors
        return False
    return True


QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”|‘[^’]*’|「[^」]*」")


# Words of another language a reply may hold: what the person or the video says (in quotes), file
# names and the names of uploads, colour values, and the names both languages use ("Lo-fi", "MP4").
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|'[^']*'|‘[^’]*’|「[^」]*」")
# (Chinese characters are word characters to `\b`, so the names are bounded by ASCII letters only.)
_SHARED_NAMES = re.compile(
    r"(?<![A-Za-z])(?:Lo-fi|MP4|PNG|\d+(?:\.\d+)?x)(?![A-Za-z])|#[0-9A-Fa-f]{3,8}(?![0-9A-Fa-f])"
    r"|[A-Za-z0-9_.-]+\.(?:jpe?g|png|webp|gif|mp3|mp4|m4a|wav|mov)\b",
    re.I,
)


def stray_words(reply: str, language: str, uploads: list[dict[str, Any]]) -> list[str]:
    """Words of the other language in a reply (English in a reply to Chinese, or the reverse), outside
    quotes, file names and shared names: a reply should be in the person's language."""
    body = _SHARED_NAMES.sub(" ", _QUOTED.sub(" ", reply))
    for info in uploads:
        name = str(info.get("filename") or "")
        body = body.replace(name, " ").replace(name.rsplit(".", 1)[0], " ") if name else body
    if language == "zh":
        return re.findall(r"[A-Za-z][A-Za-z'-]+", body)
    return re.findall(r"[\u4e00-\u9fff]+", body)


def question(reply: str) -> bool:
    """The reply asks something: a question mark outside the quoted examples, before the timeline line."""
    body = [QUOTED.sub("", line) for line in reply.splitlines() if not line.startswith("Timeline")]
    return any("?" in line or "？" in line for line in body)


def offers_example(reply: str) -> bool:
    """The reply offers something to say instead: an example in quotes."""
    return bool(re.search(r"'[^']{3,}'|\"[^\"]{3,}\"|“[^”]{3,}”|‘[^’]{3,}’|「[^」]{2,}」", reply))


# ---------------------------------------------------------------- length and clips


def _span(arg: Any) -> tuple[float, float]:
    """'30±0.5' / 30 / [29, 31] → (low, high) seconds."""
    if isinstance(arg, list):
        return float(arg[0]), float(arg[1])
    text = str(arg).replace("+-", "±")
    value, _, tol = text.partition("±")
    v, t = float(value), float(tol or 0.5)
    return v - t, v + t


@check("duration", "length")
def duration(look: Look, arg: Any) -> bool:
    low, high = _span(arg)
    return look.after is not None and low <= length(look.after) <= high


@check("duration_change", "length")
def duration_change(look: Look, arg: Any) -> bool:
    low, high = _span(arg)
    return look.after is not None and low <= length(look.after) - length(look.before) <= high


@check("shorter", "length")
def shorter(look: Look, arg: bool) -> bool:
    return look.after is not None and (length(look.after) < length(look.before) - 0.25) == arg


@check("longer", "length")
def longer(look: Look, arg: bool) -> bool:
    return look.after is not None and (length(look.after) > length(look.before) + 0.25) == arg


@check("clip_count", "clips")
def clip_count(look: Look, arg: int) -> bool:
    return look.after is not None and len(clips(look.after)) == arg


@check("clip_count_change", "clips")
def clip_count_change(look: Look, arg: int) -> bool:
    return look.after is not None and len(clips(look.after)) - len(clips(look.before)) == arg


def _ids(draft: Draft | None) -> list[str]:
    return [s["id"] for s in clips(draft)]


@check("removed_clips", "clips", "length")
def removed_clips(look: Look, arg: list[int]) -> bool:
    """Exactly the clips that had these numbers are gone; the rest stay, in order."""
    was = _ids(look.before)
    if any(not 1 <= n <= len(was) for n in arg):
        return False
    return _ids(look.after) == [i for n, i in enumerate(was, 1) if n not in arg]


@check("removed_scene_containing", "clips", "length")
def removed_scene_containing(look: Look, arg: str) -> bool:
    """The clips saying (or showing) `arg` are gone, and only they."""
    gone = {s["id"] for s in which_clips(look, look.before, arg)}
    return bool(gone) and _ids(look.after) == [i for i in _ids(look.before) if i not in gone]


@check("clip_order", "clips")
def clip_order(look: Look, arg: list[int]) -> bool:
    """The clips are the old clips in this order of their old numbers."""
    was = _ids(look.before)
    return all(1 <= n <= len(was) for n in arg) and _ids(look.after) == [was[n - 1] for n in arg]


@check("clip_lasts", "length")
def clip_lasts(look: Look, arg: dict[str, Any]) -> bool:
    """{which: "croissant", seconds: [4.5, 6]}: that clip is on screen this long; the others as they were."""
    found = which_clips(look, look.after, arg["which"])
    low, high = _span(arg["seconds"])
    if len(found) != 1 or not low <= reads.duration_of(found[0]) / 1000 <= high:
        return False
    if not clip_longer(look, arg["which"]):
        return False
    others = {s["id"]: reads.duration_of(s) for s in clips(look.before) if s["id"] != found[0]["id"]}
    now = {s["id"]: reads.duration_of(s) for s in clips(look.after) if s["id"] != found[0]["id"]}
    return all(
        abs(now.get(i, -1e9) - d) <= 600 or abs(now.get(i, -1e9) - d) / d < 0.25 for i, d in others.items()
    )


def _pace(seg: dict[str, Any]) -> float:
    return reads.speed_of(seg)


@check("faster_clips", "length")
def faster_clips(look: Look, arg: list[int]) -> bool:
    """These clips (old numbers) play faster; the others keep their speed."""
    was = clips(look.before)
    now = {s["id"]: s for s in clips(look.after)}
    for n, seg in enumerate(was, 1):
        after = now.get(seg["id"])
        if after is None:
            return False
        quicker = _pace(after) > _pace(seg) + 1e-6 or reads.duration_of(after) < reads.duration_of(seg) - 200
        if quicker != (n in arg):
            return False
    return True


@check("slower_all", "length")
def slower_all(look: Look, arg: bool) -> bool:
    """Every clip plays slower (or lasts longer), nothing removed."""
    now = {s["id"]: s for s in clips(look.after)}
    was = clips(look.before)
    return arg == all(s["id"] in now and reads.duration_of(now[s["id"]]) > reads.duration_of(s) for s in was)


@check("clip_speed", "length")
def clip_speed(look: Look, arg: list[float]) -> bool:
    """[n, speed]: clip n (old number) plays at this speed."""
    n, speed = int(arg[0]), float(arg[1])
    seg_id = _ids(look.before)[n - 1]
    now = {s["id"]: s for s in clips(look.after)}
    return seg_id in now and abs(_pace(now[seg_id]) - speed) < 0.05


# ---------------------------------------------------------------- pictures


@check("photos_in_order")
def photos_in_order(look: Look, arg: list[str]) -> bool:
    """The clips show these uploads, in this order, each once, on the scenes that were there (none added)."""
    shown = [media_name(look, s).rsplit(".", 1)[0] for s in clips(look.after)]
    shown = [n for n in shown if n]
    in_place = len(clips(look.after)) <= len(clips(look.before))
    return in_place and shown == [normal(a).replace(" ", "-") for a in arg]


@check("no_colour_backgrounds")
def no_colour_backgrounds(look: Look, arg: bool) -> bool:
    """Every clip shows a picture (an upload), none a gradient or colour."""
    return arg == all(media_name(look, s) for s in clips(look.after))


@check("uses_all_photos")
def uses_all_photos(look: Look, arg: bool) -> bool:
    photos = {str(i["filename"]).lower() for i in look.uploads if i.get("file_type") == "image"}
    shown = {media_name(look, s) for s in clips(look.after)}
    return arg == photos.issubset(shown)


# ---------------------------------------------------------------- sound


@check("music_volume", "music")
def music_volume(look: Look, arg: float) -> bool:
    music = segments(look.after, "bgm")
    return bool(music) and all(abs(reads.volume_of(s) - arg) < 0.006 for s in music)


@check("music_volume_range", "music")
def music_volume_range(look: Look, arg: list[Any]) -> bool:
    """[[27, 30], 0.0]: the music plays at this level over that stretch, as before elsewhere."""
    (start, end), level = arg[0], float(arg[1])
    if start < 0:  # counted from the end
        start, end = length(look.after) + start, length(look.after) + end
    inside = [music_level(look.after, t * 100) for t in range(int(start * 10), int(end * 10))]
    outside = [t * 100 for t in range(0, int(start * 10) - 5, 5)]
    return (
        bool(segments(look.after, "bgm"))
        and all(abs(v - level) <= 0.01 for v in inside)
        and all(abs(music_level(look.after, t) - music_level(look.before, t)) <= 0.01 for t in outside)
    )


@check("music_mood", "music")
def music_mood(look: Look, arg: str) -> bool:
    """A different track in this mood (the made-here loops are named by mood)."""
    now, was = segments(look.after, "bgm"), segments(look.before, "bgm")
    return (
        bool(now)
        and all(arg in str(s.get("src", "")) for s in now)
        and [s.get("src") for s in now] != [s.get("src") for s in was]
    )


@check("music_removed", "music")
def music_removed(look: Look, arg: bool) -> bool:
    return look.after is not None and arg == (not segments(look.after, "bgm"))


@check("music_fades_out", "music")
def music_fades_out(look: Look, arg: bool) -> bool:
    now, was = segments(look.after, "bgm"), segments(look.before, "bgm")
    return bool(now and was) and arg == (reads.fade_out_of(now[-1]) > reads.fade_out_of(was[-1]))


@check("music_kept")
def music_kept(look: Look, arg: bool) -> bool:
    """The same music at the same level."""

    def key(d: Draft | None) -> list[tuple[Any, float]]:
        return [(s.get("src"), round(reads.volume_of(s), 3)) for s in segments(d, "bgm")]

    return arg == (key(look.after) == key(look.before) and bool(key(look.after)))


@check("music_src", "music")
def music_src(look: Look, arg: str) -> bool:
    """The music plays this upload ('song.mp3') or this source."""
    names = {f"media:{i['id']}": str(i.get("filename", "")).lower() for i in look.uploads}
    music = segments(look.after, "bgm")
    return bool(music) and all(names.get(s.get("src", ""), s.get("src")) == arg for s in music)


@check("voice", "voice", "length")
def voice(look: Look, arg: bool) -> bool:
    return look.after is not None and arg == bool(segments(look.after, "voice"))


@check("voice_female", "voice", "length")
def voice_female(look: Look, arg: bool) -> bool:
    """The narration is in a female voice (a voice named female, or an espeak '+f' variant)."""
    lines = segments(look.after, "voice")
    said = [json.dumps(reads.meta_of(s)).lower() + str(s.get("src", "")) for s in lines]
    female = bool(lines) and all(re.search(r"female|woman|\+f\d|\"gender\": \"f", t) for t in said)
    return arg == female


@check("voice_kept")
def voice_kept(look: Look, arg: bool) -> bool:
    was = [s.get("m", {}).get("text") for s in segments(look.before, "voice")]
    now = [s.get("m", {}).get("text") for s in segments(look.after, "voice")]
    return arg == (bool(was) and now == was)


@check("voice_volume", "voice")
def voice_volume(look: Look, arg: float) -> bool:
    lines = segments(look.after, "voice")
    return bool(lines) and all(abs(reads.volume_of(s) - arg) < 0.006 for s in lines)


# ---------------------------------------------------------------- words on screen


def _visible(draft: Draft | None, st: float, end: float) -> list[str]:
    """Every piece of text on screen at some moment of [st, end) ms: text segments and scene words."""
    seen = [normal(t.get("text", "")) for t in texts(draft) if reads.plays_during(t, int(st), int(end))]
    seen += [
        scene_words(draft, s)
        for s in reads.scenes(draft or {"t": []})
        if reads.plays_during(s, int(st), int(end))
    ]
    return seen


@check("text_at_end", "captions")
def text_at_end(look: Look, arg: str) -> bool:
    """These words are on screen in the last seconds (a caption, a title or the end card's words)."""
    end = length(look.after) * 1000
    return look.after is not None and any(normal(arg) in t for t in _visible(look.after, end - 2000, end))


@check("text_anywhere", "captions")
def text_anywhere(look: Look, arg: str) -> bool:
    return look.after is not None and any(normal(arg) in t for t in _visible(look.after, 0, 1e9))


@check("title_text", "title")
def title_text(look: Look, arg: str) -> bool:
    """The title reads this: the title track's first words, or the designed opener's headline."""
    titles = segments(look.after, "title")
    if titles:
        return normal(titles[0].get("text", "")) == normal(arg)
    opener = (card(look.after) or {}).get("scene") or {}
    return normal(opener.get("headline", "")) == normal(arg)


def _text_styles(look: Look, which: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    pick = segments if which == "title" else (lambda d, _r: captions(d))
    return [s.get("style", {}) for s in pick(look.before, "title")], [
        s.get("style", {}) for s in pick(look.after, "title")
    ]


@check("text_style", "title", "captions")
def text_style(look: Look, arg: dict[str, Any]) -> bool:
    """{which: title|captions, color: yellow, pos: top, size: bigger|smaller}: every such text is so
    (sizes compared with the same text before)."""
    pick = (lambda d: segments(d, "title")) if arg["which"] == "title" else captions
    was = {s["id"]: s.get("style", {}) for s in pick(look.before)}
    now = [(s["id"], s.get("style", {})) for s in pick(look.after)]
    if not now:
        return False
    for seg_id, a in now:
        b = was.get(seg_id)
        if "color" in arg and hue_family(a.get("color", "#FFFFFF")) != arg["color"]:
            return False
        if "pos" in arg and a.get("pos") != arg["pos"]:
            return False
        if arg.get("size") in ("bigger", "smaller") and b is None:
            return False
        if arg.get("size") == "bigger" and not a.get("size", 0) > b.get("size", 0):
            return False
        if arg.get("size") == "smaller" and not a.get("size", 0) < b.get("size", 0):
            return False
    return True


@check("captions_removed", "captions")
def captions_removed(look: Look, arg: bool) -> bool:
    return look.after is not None and arg == (not captions(look.after))


@check("caption_text", "captions")
def caption_text(look: Look, arg: list[Any]) -> bool:
    """[n, words]: caption n reads these words; the others as they were."""
    n, words = int(arg[0]), str(arg[1])
    was, now = captions(look.before), captions(look.after)
    if len(now) != len(was) or not 1 <= n <= len(now):
        return False
    others = all(
        a.get("text") == b.get("text") for i, (a, b) in enumerate(zip(now, was, strict=True), 1) if i != n
    )
    return others and normal(now[n - 1].get("text", "")) == normal(words)


@check("captions_as_step", "captions")
def captions_as_step(look: Look, arg: int) -> bool:
    """The captions read as they did after context step `arg` (e.g. back after a removal)."""

    def words(d: Draft | None) -> list[str]:
        return [c.get("text", "") for c in captions(d)]

    return (
        arg < len(look.steps) and bool(words(look.steps[arg])) and words(look.after) == words(look.steps[arg])
    )


@check("captions_kept")
def captions_kept(look: Look, arg: bool) -> bool:
    return arg == (
        [c.get("text") for c in captions(look.after)] == [c.get("text") for c in captions(look.before)]
    )


@check("scene_words_kept")
def scene_words_kept(look: Look, arg: bool) -> bool:
    """Every clip says what it said, in the same order."""

    def words(d: Draft | None) -> list[str]:
        return [scene_words(d, s) for s in clips(d)]

    return arg == (words(look.after) == words(look.before))


# ---------------------------------------------------------------- look and shape


@check("aspect")
def aspect(look: Look, arg: str) -> bool:
    w, h = (int(x) for x in arg.split(":"))
    canvas = (look.after or {}).get("canvas") or {}
    return bool(canvas) and canvas["w"] * h == canvas["h"] * w


@check("transitions")
def transitions(look: Look, arg: str) -> bool:
    """Every clip after the first comes in with this transition ('fade', 'black', 'none')."""
    row = reads.scenes(look.after or {"t": []})[1:]
    kinds = {(reads.transition(s) or {}).get("type", "none") for s in row}
    return bool(row) and kinds == {arg}


@check("style")
def style(look: Look, arg: str) -> bool:
    scenes = [s.get("scene") for s in reads.scenes(look.after or {"t": []}) if s.get("scene")]
    return bool(scenes) and all(s.get("style") == arg for s in scenes)


_WEIGHT = {"SemiBold": 1, "Bold": 2, "ExtraBold": 3}


@check("lighter_type")
def lighter_type(look: Look, arg: bool) -> bool:
    """A more elegant face: a lighter headline weight (the scene style's), or a named font that changed."""

    def weights(d: Draft | None) -> list[int]:
        return [
            _WEIGHT[STYLES[s["scene"].get("style", "bold")].weight]
            for s in reads.scenes(d or {"t": []})
            if s.get("scene")
        ]

    def fonts(d: Draft | None) -> list[object]:  # text segments' fonts and designed scenes' own
        scenes = [s["scene"].get("font") for s in reads.scenes(d or {"t": []}) if s.get("scene")]
        return [t.get("style", {}).get("font") for t in texts(d)] + scenes

    fonts_before, fonts_after = fonts(look.before), fonts(look.after)
    was, now = weights(look.before), weights(look.after)
    lighter = bool(now) and len(now) == len(was) and all(a < b for a, b in zip(now, was, strict=True))
    return arg == (lighter or (any(fonts_after) and fonts_after != fonts_before))


@check("colours")
def colours(look: Look, arg: list[str]) -> bool:
    """Every clip uses the brand colours (a designed scene's palette, a background, or its words)."""
    want = [c.upper() for c in arg]
    row = reads.scenes(look.after or {"t": []})
    blob = json.dumps(look.after or {}).upper()
    return (
        bool(row)
        and all(c in blob for c in want)
        and all(any(c in json.dumps(s).upper() for c in want) for s in row)
    )


@check("style_kept")
def style_kept(look: Look, arg: bool) -> bool:
    def looks(d: Draft | None) -> list[Any]:
        return [
            ((s.get("scene") or {}).get("style"), (s.get("scene") or {}).get("palette"))
            for s in reads.scenes(d or {"t": []})
        ]

    return arg == (looks(look.after) == looks(look.before))


@check("brand_top_right")
def brand_top_right(look: Look, arg: str) -> bool:
    """The brand's name in the top-right corner for the whole video: a text placed there, or a logo
    (not one of the scene photos) in that corner of every scene."""
    total = length(look.after) * 1000
    for t in texts(look.after):
        pos = (t.get("style") or {}).get("pos")
        placed = (isinstance(pos, list) and pos[0] >= 0.6 and pos[1] <= 0.35) or pos == "top-right"
        whole = reads.start_of(t) <= 500 and reads.end_of(t) >= total - 500
        if placed and whole and normal(arg) in normal(t.get("text", "")):
            return True
    row = reads.scenes(look.after or {"t": []})
    logos = [(s.get("scene") or {}) for s in row]
    names = {f"media:{i['id']}": str(i.get("filename", "")).lower() for i in look.uploads}
    return bool(row) and all(
        s.get("logo_corner") == "top-right" and "logo" in names.get(s.get("logo", ""), "logo") for s in logos
    )


_CORNERS = {"top-left": (0, 0), "top-right": (1, 0), "bottom-left": (0, 1), "bottom-right": (1, 1)}


def _in_corner(pos: Any, corner: str) -> bool:
    """A text's `style.pos` is in that corner: the corner's name, or [x, y] within 35 % of its sides."""
    if pos == corner:
        return True
    if not isinstance(pos, list) or len(pos) != 2:
        return False
    cx, cy = _CORNERS[corner]
    return abs(float(pos[0]) - cx) <= 0.4 and abs(float(pos[1]) - cy) <= 0.35


@check("brand_corner")
def brand_corner(look: Look, arg: dict[str, str]) -> bool:
    """{name: "Harbor Lane", corner: "bottom-left"}: the brand's name in that corner for the whole
    video (a text placed there), or a logo upload in that corner of every scene (the held-out set)."""
    total = length(look.after) * 1000
    corner = arg["corner"]
    for t in texts(look.after):
        whole = reads.start_of(t) <= 500 and reads.end_of(t) >= total - 500
        if whole and _in_corner((t.get("style") or {}).get("pos"), corner):
            if normal(arg["name"]) in normal(t.get("text", "")):
                return True
    row = reads.scenes(look.after or {"t": []})
    names = {f"media:{i['id']}": str(i.get("filename", "")).lower() for i in look.uploads}
    return bool(row) and all(
        (s.get("scene") or {}).get("logo_corner") == corner
        and "logo" in names.get((s.get("scene") or {}).get("logo", ""), "")
        for s in row
    )


# ---------------------------------------------------------------- nothing changed, history, the reply


@check("new_version")
def new_version(look: Look, arg: bool) -> bool:
    """Another version for…: the session kept the video it had as a version of its own (the
    held-out set), rather than reshaping it in place."""
    return arg == (look.versions[1] > look.versions[0])


@check("unchanged")
def unchanged(look: Look, arg: bool) -> bool:
    return arg == (look.after == look.before)


@check("restores", "clips", "length", "music", "voice", "captions", "title")
def restores(look: Look, arg: int) -> bool:
    """The draft is the one after context step `arg` (0: the starting video; -1: no video)."""
    if arg == -1:
        return look.after is None
    return arg < len(look.steps) and look.after == look.steps[arg]


@check("reply_mentions")
def reply_mentions(look: Look, arg: str | list[str]) -> bool:
    """The reply says one of these (e.g. the length a question asked for)."""
    options = arg if isinstance(arg, list) else [arg]
    return any(normal(o) in normal(look.reply) for o in options)


@check("offers_alternative")
def offers_alternative(look: Look, arg: bool) -> bool:
    return arg == offers_example(look.reply)


@check("exportable")
def exportable(look: Look, arg: bool) -> bool:
    return arg == valid(look.after)


# ---------------------------------------------------------------- harm: what was lost unasked


def lost(before: Draft | None, after: Draft | None, named: frozenset[str]) -> list[str]:
    """What the draft lost that the request did not name; empty when nothing was harmed."""
    if before is None:
        return []
    if after is None:
        return [] if "clips" in named else ["the whole video"]
    found = []
    if not valid(after):
        found.append("no longer renders (validate_draft)")
    if len(clips(after)) < len(clips(before)) and "clips" not in named:
        found.append(f"clips {len(clips(before))} → {len(clips(after))}")
    clips_lost = max(0, len(clips(before)) - len(clips(after))) if "clips" in named else 0
    if len(captions(after)) < len(captions(before)) - clips_lost and "captions" not in named:
        found.append(f"captions {len(captions(before))} → {len(captions(after))}")
    if segments(before, "voice") and not segments(after, "voice") and "voice" not in named:
        found.append("the voice-over")
    if segments(before, "bgm") and not segments(after, "bgm") and "music" not in named:
        found.append("the music")
    had_title = segments(before, "title") or (card(before) or {}).get("scene", {}).get("headline")
    has_title = segments(after, "title") or (card(after) or {}).get("scene", {}).get("headline")
    if had_title and not has_title and "title" not in named:
        found.append("the title")
    if length(before) and abs(length(after) / length(before) - 1) > 0.5 and "length" not in named:
        found.append(f"length {length(before):.1f} s → {length(after):.1f} s")
    return found


def named_by(checks: list[dict[str, Any]]) -> frozenset[str]:
    found: set[str] = set()
    for entry in checks:
        for kind in entry:
            found |= NAMES[kind]
    return frozenset(found)


# ---------------------------------------------------------------- more specific checks


def _level(draft: Draft | None, role: str) -> float:
    found = segments(draft, role)
    return max((reads.volume_of(s) for s in found), default=-1.0)


@check("quieter", "music", "voice")
def quieter(look: Look, arg: str) -> bool:
    """'music' / 'voice' plays more quietly than before, and still plays."""
    role = "bgm" if arg == "music" else arg
    return 0 < _level(look.after, role) < _level(look.before, role)


@check("louder", "music", "voice")
def louder(look: Look, arg: str) -> bool:
    role = "bgm" if arg == "music" else arg
    return _level(look.after, role) > _level(look.before, role) > 0


@check("cut_seconds", "length", "clips", "captions")
def cut_seconds(look: Look, arg: list[Any]) -> bool:
    """["end", 5] / ["start", 2]: that much is cut off there; the other end's clips are as they were."""
    where, seconds = arg[0], float(arg[1])
    if look.after is None or abs(length(look.before) - length(look.after) - seconds) > 0.5:
        return False
    was, now = _ids(look.before), _ids(look.after)
    kept = now[:-1] if where == "end" else now[1:]  # the clip at the cut may be shortened
    return (was[: len(kept)] if where == "end" else was[len(was) - len(kept) :]) == kept


@check("clip_shows", "clips")
def clip_shows(look: Look, arg: list[Any]) -> bool:
    """[n, "storefront"]: clip n (counted in the new draft) shows that upload."""
    n, name = int(arg[0]), normal(arg[1]).replace(" ", "-")
    row = clips(look.after)
    return 1 <= n <= len(row) and media_name(look, row[n - 1]).rsplit(".", 1)[0] == name


@check("photo_on_scene")
def photo_on_scene(look: Look, arg: dict[str, str]) -> bool:
    """{says: "croissants take", photo: "croissant"}: the clip saying those words shows that upload."""
    found = [s for s in clips(look.after) if normal(arg["says"]) in scene_words(look.after, s)]
    return len(found) == 1 and media_name(look, found[0]).rsplit(".", 1)[0] == normal(arg["photo"])


@check("scene_art")
def scene_art(look: Look, arg: list[Any]) -> bool:
    """[n, "croissant"]: clip n's illustration is of that thing."""
    n, thing = int(arg[0]), str(arg[1])
    row = clips(look.after)
    art = (row[n - 1].get("scene") or {}).get("art", []) if 1 <= n <= len(row) else []
    return any(thing in str(a) for a in art)


@check("clip_says", "captions")
def clip_says(look: Look, arg: list[Any]) -> bool:
    """[n, words]: clip n says these words (designed words or its caption)."""
    n, words = int(arg[0]), str(arg[1])
    row = clips(look.after)
    return 1 <= n <= len(row) and normal(words) in scene_words(look.after, row[n - 1])


@check("clip_longer", "length")
def clip_longer(look: Look, arg: str) -> bool:
    """The clip meant by this word is on screen longer than before."""
    was, now = which_clips(look, look.before, arg), which_clips(look, look.after, arg)
    return len(was) == len(now) == 1 and reads.duration_of(now[0]) > reads.duration_of(was[0]) + 200
