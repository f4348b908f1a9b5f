# ruff: noqa: E501  (a table: one row per line reads best)
"""The phrasing table: a starting session → a message → the specific change it must make.

Runs through ADK's `Runner` with the engine's own agent and real tools (`harness.RunnerAgent`), so
every row is what a live turn does minus HTTP, and any model can be scored on it: the tests use the
offline planner; `python -m tests.agent.test_phrasings --model gemini-2.5-flash` (any
`NEMO_AGENT_MODEL` value) scores another. `test_live.py` sends a sample of the same rows through a
live engine. Starting sessions (`conftest.sessions`): "gen" (a 20 s video generated from a
five-sentence script: title card + 5 scenes, captions, lo-fi music at 35%, title), "clips" (a video
generated from 2 photos and 2 clips with sound, music), "uploads" (those uploads, no video yet),
"empty". Every resulting draft must also pass the renderer's validation. In "gen" the title card is
row(…)[0] and is not counted: "clip 2" is row(…)[2].
"""

from __future__ import annotations

import asyncio

import pytest

from .drafts import fresh, ids, length, music, row, segs, title, track, valid
from .harness import RunnerAgent

G = "gen"


def _caps(d):
    """Every caption, over all captions tracks, in time order (as "caption N" numbers them)."""
    return sorted(
        (s for t in d["t"] if t["m"].get("role") == "captions" for s in t["sg"]), key=lambda s: s["st"]
    )


def _titled(d):
    """A title: on the title track, or (designed scenes) the opener's headline."""
    opener = row(d)[0].get("scene", {}) if row(d) else {}
    return bool(title(d) or opener.get("headline"))


def _worded_scenes(d):
    """Scenes that show words: captions, or designed scenes with words of their own."""
    return len(_caps(d)) or sum(
        1 for s in row(d) if any(s.get("scene", {}).get(k) for k in ("headline", "quote", "items"))
    )


def _music_at(d, t):
    """The music's volume at time t (ms): music over a range of time is pieces of one track."""
    return next(s["vol"] for s in segs(d, "bgm") if s["st"] <= t < s["st"] + s["d"])


def _shown(seg):
    """How long a scene is on screen on its own: its length without the crossfade into it."""
    return seg["d"] - seg.get("tr", {}).get("d", 0)


def _scene_count(before, after):
    return len(row(after)) == len(row(before))


def _kept_captions(before, after):
    """Adding a caption keeps every caption that was there, words and times."""
    kept = {(s["text"], s["st"], s["d"]) for s in _caps(after)}
    return (
        all((s["text"], s["st"], s["d"]) in kept for s in _caps(before))
        and len(_caps(after)) == len(_caps(before)) + 1
    )


def _same_title_words(before, after):
    return [s["text"] for s in segs(after, "title")] == [s["text"] for s in segs(before, "title")]


def _same_row(before, after):
    return row(after) == row(before)


def _popped(before, after):
    """ "make the title pop": bigger, a contrasting colour, a dark box; the same words and time."""
    t, was = title(after), title(before)
    return (
        t["style"]["size"] > was["style"]["size"] and t["style"]["color"] == "#FFD600"
        and t["style"]["box"] == "#000000B3" and (t["text"], t["st"], t["d"]) == (was["text"], was["st"], was["d"])
    )  # fmt: skip


def _readable(before, after):
    return all(
        a["style"]["size"] > b["style"]["size"]
        and a["style"]["box"] == "#000000B3"
        and a["text"] == b["text"]
        for a, b in zip(_caps(after), _caps(before), strict=True)
    )


def _faded_out(before, after):
    """A soft ending: the picture fades to black and the music fades out over the end, nothing cut."""
    ending = track(after, "ending")
    black = ending["sg"][0] if ending else {}
    return (
        music(after)["fade_out"] == 3000 and _same_row(before, after) and length(after) == length(before)
        and black.get("src") == "color:#000000" and black["st"] + black["d"] == length(after)
        and black["tr"] == {"type": "fade", "d": black["d"]}
    )  # fmt: skip


def _kept_everything(before, after):
    """A vague request changes a style or the music, never the clips, captions or title words."""
    return (
        _scene_count(before, after)
        and len(_caps(after)) == len(_caps(before))
        and _same_title_words(before, after)
    )


PITCH = "It keeps you dry in any storm. The frame folds into your bag. It weighs almost nothing. Order yours today."
PITCH_ZH = "这把伞让你在暴雨中保持干爽。伞架可以折叠放进包里。几乎没有重量。今天就下单吧。"


# fmt: off
ENGLISH = [
    (G, "add title 'Urban Dreams' 0-3s", lambda b, a: (title(a)["text"], title(a)["st"], title(a)["d"]) == ("Urban Dreams", 0, 3000)),
    (G, "title 'Big Sale' for the first 2 seconds", lambda b, a: (title(a)["text"], title(a)["d"]) == ("Big Sale", 2000)),
    (G, 'add a title "Last Chance" for the last 3 seconds', lambda b, a: segs(a, "title")[-1]["st"] == length(a) - 3000),
    (G, "add title 'Hello' at the top", lambda b, a: any(s["text"] == "Hello" and s["style"]["pos"] == "top" for s in segs(a, "title"))),
    (G, "change the title to 'Night Shift'", lambda b, a: title(a)["text"] == "Night Shift" and title(a)["st"] == title(b)["st"]),
    (G, "move the title to the top", lambda b, a: title(a)["style"]["pos"] == "top" and title(a)["text"] == title(b)["text"]),
    (G, "move the title to the bottom", lambda b, a: title(a)["style"]["pos"] == "bottom"),
    (G, "make the title red", lambda b, a: title(a)["style"]["color"] == "#E53935"),
    (G, "make the title bigger", lambda b, a: title(a)["style"]["size"] > title(b)["style"]["size"]),
    (G, "make the captions yellow", lambda b, a: {s["style"]["color"] for s in _caps(a)} == {"#FFD600"}),
    (G, "put the captions at the top", lambda b, a: {s["style"]["pos"] for s in _caps(a)} == {"top"}),
    (G, "make the captions smaller", lambda b, a: _caps(a)[0]["style"]["size"] < _caps(b)[0]["style"]["size"]),
    (G, "change caption 2 to 'Rain or shine'", lambda b, a: _caps(a)[1]["text"] == "Rain or shine" and _caps(a)[0] == _caps(b)[0]),
    (G, "remove caption 3", lambda b, a: ( len(_caps(a)) == len(_caps(b)) - 1 and _caps(b)[2]["text"] not in [s["text"] for s in _caps(a)] )),
    (G, "add a caption 'Hello' at 5s for 3 seconds", lambda b, a: any((s["text"], s["st"], s["d"]) == ("Hello", 5000, 3000) for s in _caps(a))),
    (G, "remove the captions", lambda b, a: track(a, "captions") is None),
    (G, "delete the title", lambda b, a: title(a) is None),
    (G, "add lo-fi BGM at 35%", lambda b, a: (music(a)["src"], music(a)["vol"]) == ("gen:music:lofi", 0.35)),
    (G, "add upbeat music at 20%", lambda b, a: (music(a)["src"], music(a)["vol"]) == ("gen:music:upbeat", 0.2)),
    (G, "lower the music to 20%", lambda b, a: music(a)["vol"] == 0.2),
    (G, "make the music quieter", lambda b, a: music(a)["vol"] == 0.2),
    (G, "make the music louder", lambda b, a: music(a)["vol"] == 0.5),
    (G, "mute the music", lambda b, a: music(a)["vol"] == 0),
    (G, "remove the music", lambda b, a: music(a) is None),
    (G, "add some calm background music", lambda b, a: music(a)["src"] == "gen:music:calm"),
    (G, "trim the first 5 seconds", lambda b, a: length(a) == length(b) - 5000),
    (G, "cut the last 4 seconds", lambda b, a: length(a) == length(b) - 4000),
    (G, "cut from 0:05 to 0:10", lambda b, a: length(a) == length(b) - 5000),
    (G, "trim to 12s", lambda b, a: length(a) == 12000),
    (G, "make it 15 seconds", lambda b, a: length(a) == 15000 and _scene_count(b, a) and len(_caps(a)) == len(_caps(b))),
    (G, "make it a minute long", lambda b, a: length(a) == 60000 and _scene_count(b, a)),
    (G, "remove clip 2", lambda b, a: ids(a) == ids(b)[:2] + ids(b)[3:] and len(_caps(a)) == len(_caps(b)) - 1),
    (G, "swap clips 2 and 3", lambda b, a: ids(a)[2:4] == [ids(b)[3], ids(b)[2]] and length(a) == length(b)),
    (G, "move clip 2 to the end", lambda b, a: ids(a)[-1] == ids(b)[2] and len(ids(a)) == len(ids(b))),
    (G, "move clip 5 to the start", lambda b, a: ids(a)[:2] == [ids(b)[0], ids(b)[5]]),  # after the title card
    (G, "remove the last clip", lambda b, a: ids(a) == ids(b)[:-1]),
    (G, "speed up clip 3", lambda b, a: row(a)[3]["d"] < row(b)[3]["d"] and length(a) < length(b)),
    ("clips", "speed up clip 2", lambda b, a: row(a)[1]["speed"] == 1.5),
    ("clips", "play clip 4 at 2x", lambda b, a: row(a)[3]["speed"] == 2.0),
    ("clips", "slow down clip 2", lambda b, a: round(row(a)[1]["speed"], 2) == 0.67),
    (G, "use fade to black transitions", lambda b, a: {s["tr"]["type"] for s in row(a)[1:]} == {"black"}),
    (G, "no transitions", lambda b, a: not any("tr" in s for s in row(a))),
    (G, "make the transitions longer", lambda b, a: {s["tr"]["d"] for s in row(a)[1:]} == {1000}),
    (G, "make it vertical", lambda b, a: (a["canvas"]["w"], a["canvas"]["h"]) == (1080, 1920)),
    (G, "make it square", lambda b, a: (a["canvas"]["w"], a["canvas"]["h"]) == (1080, 1080)),
    (G, "change it to 4:5", lambda b, a: (a["canvas"]["w"], a["canvas"]["h"]) == (1080, 1350)),
    ("clips", "mute the original audio", lambda b, a: [s.get("vol") for s in row(a) if "speed" in s] == [0.0, 0.0]),
    ("clips", "set the original audio to 30%", lambda b, a: [s.get("vol") for s in row(a) if "speed" in s] == [0.3, 0.3]),
    (G, "undo", lambda b, a: a is None),
    (G, "make it 1m30s", lambda b, a: length(a) == 90000),
    ("uploads", "add my photos", lambda b, a: [s["src"] for s in row(a)] == ["media:img1", "media:img2"]),
    (G, "make it 10 seconds and add upbeat music", lambda b, a: length(a) == 10000 and music(a)["src"] == "gen:music:upbeat"),
    (G, "add a voice-over", lambda b, a: len(segs(a, "voice")) == len(_caps(a)) > 0),
    ("uploads", "use the uploaded videos", lambda b, a: [s["src"] for s in row(a)] == ["media:vid1", "media:vid2"]),
    (G, "set the length to 25 seconds", lambda b, a: length(a) == 25000),
    (G, "make the captions bigger", lambda b, a: _caps(a)[0]["style"]["size"] > _caps(b)[0]["style"]["size"]),
    (G, "move the title to 5s", lambda b, a: (title(a)["st"], title(a)["d"], title(a)["text"]) == (5000, title(b)["d"], title(b)["text"])),
    (G, "add a caption 'Welcome' at the end", lambda b, a: any(s["text"] == "Welcome" and s["st"] == length(a) - 3000 for s in _caps(a)) and _kept_captions(b, a)),
    # found by an audit of phrasings outside the table (each did something else before)
    (G, "turn the music off", lambda b, a: music(a) is None),
    (G, "stop the music", lambda b, a: music(a) is None),
    (G, "no more music", lambda b, a: music(a) is None),
    (G, "no music", lambda b, a: music(a) is None),
    (G, "music volume 20", lambda b, a: music(a)["vol"] == 0.2 and music(a)["id"] == music(b)["id"]),
    (G, "volume of music 50", lambda b, a: music(a)["vol"] == 0.5),
    (G, "set music volume to 0.2", lambda b, a: music(a)["vol"] == 0.2),
    (G, "fade the music out at the end", lambda b, a: music(a)["fade_out"] == 3000 and _same_row(b, a)),
    (G, "put the title at the bottom of the screen", lambda b, a: title(a)["style"]["pos"] == "bottom" and _same_title_words(b, a)),
    (G, "make the title say Summer Sale", lambda b, a: title(a)["text"] == "Summer Sale" and len(segs(a, "title")) == 1),
    (G, "add a title that says Hello World", lambda b, a: any(s["text"] == "Hello World" for s in segs(a, "title"))),
    (G, "the title should say Hi there", lambda b, a: title(a)["text"] == "Hi there"),
    (G, "make the title text bigger pls", lambda b, a: title(a)["style"]["size"] > title(b)["style"]["size"] and _same_title_words(b, a)),
    (G, "make the title longer", lambda b, a: title(a)["d"] > title(b)["d"] and _same_title_words(b, a)),
    (G, "make the title appear for 5 seconds", lambda b, a: title(a)["d"] == 5000 and _same_title_words(b, a)),
    (G, "title for 5 seconds", lambda b, a: title(a)["d"] == 5000 and _same_title_words(b, a)),
    (G, "show the title at the end too", lambda b, a: title(a) == title(b) and (segs(a, "title")[-1]["text"], segs(a, "title")[-1]["st"]) == (title(b)["text"], length(a) - 3000)),
    (G, "add caption 'Hi there'", lambda b, a: length(a) == length(b) and any(s["text"] == "Hi there" and s["st"] + s["d"] <= length(b) for s in _caps(a)) and _kept_captions(b, a)),
    (G, "add text 'Buy now' at 10s", lambda b, a: any((s["text"], s["st"]) == ("Buy now", 10000) for s in _caps(a)) and _kept_captions(b, a)),
    (G, "change caption 1 to Hello", lambda b, a: _caps(a)[0]["text"] == "Hello" and _caps(a)[1:] == _caps(b)[1:]),
    (G, "make the text bigger", lambda b, a: _caps(a)[0]["style"]["size"] > _caps(b)[0]["style"]["size"]),
    (G, "make the font bigger", lambda b, a: _caps(a)[0]["style"]["size"] > _caps(b)[0]["style"]["size"]),
    (G, "hide the captions", lambda b, a: not _caps(a)),
    (G, "can it be 10s", lambda b, a: length(a) == 10000 and _scene_count(b, a)),
    (G, "i want a vertical version", lambda b, a: (a["canvas"]["w"], a["canvas"]["h"]) == (1080, 1920)),
    (G, "make it twice as fast", lambda b, a: all(abs(x["d"] * 2 - y["d"]) <= 2 for x, y in zip(row(a)[1:], row(b)[1:], strict=True))),
    (G, "swap the first and last clip", lambda b, a: [ids(a)[i] for i in (0, 1, -1)] == [ids(b)[i] for i in (0, -1, 1)]),
    (G, "swap clips 1 and 3", lambda b, a: [ids(a)[i] for i in (0, 1, 3)] == [ids(b)[i] for i in (0, 3, 1)]),  # the title card stays first
    (G, "remove the second scene", lambda b, a: ids(a) == ids(b)[:2] + ids(b)[3:]),
    ("clips", "turn off the sound from the videos", lambda b, a: [s.get("vol") for s in row(a) if "speed" in s] == [0.0, 0.0]),
    ("clips", "lower the original audio", lambda b, a: [s.get("vol") for s in row(a) if "speed" in s] == [0.3, 0.3]),
    ("empty", "video for instagram, square, 20s: " + PITCH, lambda b, a: (a["canvas"]["w"], a["canvas"]["h"], length(a)) == (1080, 1080, 20000) and _titled(a)),
    ("empty", "make me a 15 second tiktok about our new umbrella: " + PITCH, lambda b, a: (a["canvas"]["h"], length(a)) == (1920, 15000)),
    ("empty", "turn this into a video: " + PITCH, lambda b, a: length(a) == 30000 and _worded_scenes(a) >= 3),
    ("empty", "I need a short promo video. Here's the script: " + PITCH, lambda b, a: length(a) == 30000 and music(a)),
    # a second audit: sloppy requests after a first cut (each did something else, or nothing, before)
    (G, "get rid of the last caption", lambda b, a: _caps(a) == _caps(b)[:-1]),
    (G, "change the ending caption to \"See you soon\"", lambda b, a: _caps(a)[-1]["text"] == "See you soon" and _caps(a)[:-1] == _caps(b)[:-1]),
    (G, "the captions are too small", lambda b, a: _caps(a)[0]["style"]["size"] > _caps(b)[0]["style"]["size"]),
    (G, "the title is way too big", lambda b, a: title(a)["style"]["size"] < title(b)["style"]["size"] and _same_title_words(b, a)),
    (G, "no fades", lambda b, a: not any("tr" in s for s in row(a))),
    (G, "its too long, cut it down to 15", lambda b, a: length(a) == 15000 and _scene_count(b, a)),
    (G, "make it shorter by 5 seconds", lambda b, a: length(a) == length(b) - 5000 and _scene_count(b, a)),
    (G, "make it 5 seconds longer", lambda b, a: length(a) == length(b) + 5000),
    (G, "make it for instagram feed", lambda b, a: (a["canvas"]["w"], a["canvas"]["h"]) == (1080, 1350)),
    (G, "drop the music volume to like 10", lambda b, a: music(a)["vol"] == 0.1 and music(a)["id"] == music(b)["id"]),
    (G, "move the title up a bit", lambda b, a: title(a)["style"]["pos"] == "top" and _same_title_words(b, a)),
    (G, "add some text at the end saying Visit us today", lambda b, a: any(s["text"] == "Visit us today" and s["st"] == length(a) - 3000 for s in _caps(a)) and _kept_captions(b, a)),
    (G, "make all text yellow", lambda b, a: title(a)["style"]["color"] == "#FFD600" and {s["style"]["color"] for s in _caps(a)} == {"#FFD600"}),
    (G, "swap 1 and 2", lambda b, a: ids(a)[1:3] == [ids(b)[2], ids(b)[1]]),
    (G, "title font bigger, captions smaller", lambda b, a: title(a)["style"]["size"] > title(b)["style"]["size"] and _caps(a)[0]["style"]["size"] < _caps(b)[0]["style"]["size"]),
    (G, "slow the whole video down", lambda b, a: length(a) > length(b) and _scene_count(b, a)),
    # vague requests a person would type (each got only the help text before)
    (G, "make the title pop more", _popped),
    (G, "the title needs to stand out", _popped),
    (G, "the title is hard to read", _popped),
    (G, "the captions are hard to read", lambda b, a: _readable(b, a) and _same_title_words(b, a)),
    (G, "the ending is too abrupt", _faded_out),
    (G, "the video ends too suddenly", _faded_out),
    (G, "add a fade out at the end", _faded_out),
    (G, "the music cuts off at the end", lambda b, a: music(a)["fade_out"] == 3000 and track(a, "ending") is None),
    (G, "fade in the music", lambda b, a: music(a)["fade_in"] == 3000 and track(a, "ending") is None),
    (G, "the start is too abrupt", lambda b, a: music(a)["fade_in"] == 2000 and _same_row(b, a)),
    (G, "it's too fast", lambda b, a: length(a) > length(b) and _kept_everything(b, a)),
    (G, "the pacing is too slow", lambda b, a: length(a) < length(b) and _kept_everything(b, a)),
    (G, "it drags", lambda b, a: length(a) < length(b) and _kept_everything(b, a)),
    (G, "the music is drowning out the voice", lambda b, a: music(a)["vol"] == 0.2 and music(a)["id"] == music(b)["id"]),
    (G, "make it more cinematic", lambda b, a: music(a)["src"] == "gen:music:cinematic" and _same_row(b, a) and _kept_everything(b, a)),
    (G, "make it more energetic", lambda b, a: music(a)["src"] == "gen:music:upbeat" and _same_row(b, a)),
    (G, "make it calmer", lambda b, a: music(a)["src"] == "gen:music:calm" and _same_row(b, a)),
    (G, "make the captions black and white", lambda b, a: {(s["style"]["color"], s["style"]["box"]) for s in _caps(a)} == {("#FFFFFF", "#000000")}),
    # "and" inside a value is not a second edit
    (G, "add title Salt and Pepper", lambda b, a: any(s["text"] == "Salt and Pepper" for s in segs(a, "title"))),
    (G, "change the title to Salt and Pepper", lambda b, a: title(a)["text"] == "Salt and Pepper"),
    (G, "add title 'Salt and Pepper' and make it vertical", lambda b, a: any(s["text"] == "Salt and Pepper" for s in segs(a, "title")) and a["canvas"]["h"] == 1920),
    # compound requests: every part, in order, in one turn
    (G, "add lo-fi music at 30% and make it 9:16", lambda b, a: (music(a)["vol"], a["canvas"]["h"]) == (0.3, 1920)),
    (G, "make the music louder and the title bigger", lambda b, a: music(a)["vol"] == 0.5 and title(a)["style"]["size"] > title(b)["style"]["size"]),
    (G, "make the title and the captions yellow", lambda b, a: title(a)["style"]["color"] == "#FFD600" and {s["style"]["color"] for s in _caps(a)} == {"#FFD600"}),
    (G, "make the title yellow, move it to the top, then add calm music", lambda b, a: (title(a)["style"]["color"], title(a)["style"]["pos"], music(a)["src"]) == ("#FFD600", "top", "gen:music:calm")),
    (G, "make clip 2 5 seconds long", lambda b, a: _shown(row(a)[2]) == 5000 and length(a) - length(b) == 5000 - _shown(row(b)[2])),
    (G, "clip 3 should stay on screen for 4 s", lambda b, a: _shown(row(a)[3]) == 4000 and _shown(row(a)[2]) == _shown(row(b)[2])),
    (G, "remove clips 2 and 4", lambda b, a: ids(a) == [ids(b)[i] for i in (0, 1, 3, 5)]),
    (G, "delete the second and fourth scenes", lambda b, a: ids(a) == [ids(b)[i] for i in (0, 1, 3, 5)]),
    (G, "the third clip is boring, cut it", lambda b, a: ids(a) == ids(b)[:3] + ids(b)[4:]),
    (G, "mute the music during the last 3 seconds", lambda b, a: _music_at(a, length(a) - 1500) == 0.0 and _music_at(a, 1000) == 0.35 and length(a) == length(b)),
    (G, "replace the music with something more upbeat", lambda b, a: music(a)["src"] == "gen:music:upbeat" and music(a)["vol"] == music(b)["vol"]),
    (G, "add a voice-over with a female voice", lambda b, a: {s["m"].get("voice") for s in segs(a, "voice")} == {"female"}),
    (G, "change the font to something more elegant", lambda b, a: title(a)["style"].get("font") == "source-serif" and {s["style"].get("font") for s in _caps(a)} == {"source-serif"}),
    (G, "the music is a bit much", lambda b, a: music(a)["vol"] == 0.2),
    (G, "slow it down a little, everything feels rushed", lambda b, a: length(b) < length(a) < 1.3 * length(b)),
    # a removal that names a track to keep removes only the other (it removed the one kept, before)
    (G, "get rid of the captions, the music is enough", lambda b, a: track(a, "captions") is None and music(a) == music(b)),
    (G, "drop the captions but keep the music", lambda b, a: track(a, "captions") is None and music(a) == music(b)),
    # read from the fresh set's first run (tests/agent/eval/fresh-first-run.md)
    (G, "swap the first two scenes", lambda b, a: ids(a)[1] == ids(b)[2] and ids(a)[2] == ids(b)[1]),
    (G, "put Harbor Lane in the top right corner the whole time, like a watermark", lambda b, a: any(s.get("text") == "Harbor Lane" for s in segs(a, "brand"))),
    (G, "idk it just feels kinda boring, fix it?", lambda b, a: music(a)["src"] == "gen:music:upbeat"),
    (G, "make it look more premium", lambda b, a: title(a)["style"].get("font") == "source-serif"),
]
CHINESE = [
    (G, "加标题'城市之梦'", lambda b, a: any(s["text"] == "城市之梦" for s in segs(a, "title"))),
    (G, "前2秒加标题'夜班'", lambda b, a: any((s["text"], s["st"], s["d"]) == ("夜班", 0, 2000) for s in segs(a, "title"))),
    (G, "标题改成'新品上市'", lambda b, a: title(a)["text"] == "新品上市"),
    (G, "标题移到顶部", lambda b, a: title(a)["style"]["pos"] == "top"),
    (G, "字幕改成黄色", lambda b, a: {s["style"]["color"] for s in _caps(a)} == {"#FFD600"}),
    (G, "字幕放到顶部", lambda b, a: {s["style"]["pos"] for s in _caps(a)} == {"top"}),
    (G, "字幕大一点", lambda b, a: _caps(a)[0]["style"]["size"] > _caps(b)[0]["style"]["size"]),
    (G, "删除字幕", lambda b, a: track(a, "captions") is None),
    (G, "删除标题", lambda b, a: title(a) is None),
    (G, "把音乐调到20%", lambda b, a: music(a)["vol"] == 0.2),
    (G, "音乐小一点", lambda b, a: music(a)["vol"] == 0.2),
    (G, "去掉背景音乐", lambda b, a: music(a) is None),
    (G, "加欢快的背景音乐", lambda b, a: music(a)["src"] == "gen:music:upbeat"),
    (G, "剪掉前5秒", lambda b, a: length(a) == length(b) - 5000),
    (G, "剪掉最后3秒", lambda b, a: length(a) == length(b) - 3000),
    (G, "剪掉0:05到0:10", lambda b, a: length(a) == length(b) - 5000),
    (G, "改成15秒", lambda b, a: length(a) == 15000 and _scene_count(b, a)),
    (G, "时长改为二十五秒", lambda b, a: length(a) == 25000),
    (G, "删除第二个片段", lambda b, a: ids(a) == ids(b)[:2] + ids(b)[3:]),
    (G, "交换片段2和3", lambda b, a: ids(a)[2:4] == [ids(b)[3], ids(b)[2]]),
    (G, "把第2段移到最后", lambda b, a: ids(a)[-1] == ids(b)[2]),
    (G, "竖屏", lambda b, a: (a["canvas"]["w"], a["canvas"]["h"]) == (1080, 1920)),
    (G, "撤销", lambda b, a: a is None),
    (G, "去掉转场", lambda b, a: not any("tr" in s for s in row(a))),
    ("clips", "静音原声", lambda b, a: [s.get("vol") for s in row(a) if "speed" in s] == [0.0, 0.0]),
    ("clips", "片段2加速", lambda b, a: row(a)[1]["speed"] == 1.5),
    ("clips", "片段2两倍速", lambda b, a: row(a)[1]["speed"] == 2.0),
    (G, "剪掉前十秒", lambda b, a: length(a) == length(b) - 10000),
    (G, "把字幕改成红色", lambda b, a: {s["style"]["color"] for s in _caps(a)} == {"#E53935"}),
    (G, "整体加速", lambda b, a: length(a) < length(b) and _scene_count(b, a)),
    (G, "把背景音乐关掉", lambda b, a: music(a) is None),
    (G, "把音乐关了", lambda b, a: music(a) is None),
    (G, "音乐淡出", lambda b, a: music(a)["fade_out"] == 3000 and _same_row(b, a)),
    (G, "音量调到30", lambda b, a: music(a)["vol"] == 0.3),
    (G, "标题显示5秒", lambda b, a: title(a)["d"] == 5000 and _same_title_words(b, a)),
    (G, "标题改成夏日特卖", lambda b, a: title(a)["text"] == "夏日特卖"),
    (G, "隐藏字幕", lambda b, a: not _caps(a)),
    (G, "第2段和第3段换一下", lambda b, a: ids(a)[2:4] == [ids(b)[3], ids(b)[2]]),
    (G, "改成1:1", lambda b, a: (a["canvas"]["w"], a["canvas"]["h"]) == (1080, 1080)),
    ("clips", "把原声关掉", lambda b, a: [s.get("vol") for s in row(a) if "speed" in s] == [0.0, 0.0]),
    (G, "音乐音量50", lambda b, a: music(a)["vol"] == 0.5),
    (G, "交换片段1和3", lambda b, a: [ids(a)[i] for i in (0, 1, 3)] == [ids(b)[i] for i in (0, 3, 1)]),
    ("empty", "帮我做一个竖屏的15秒视频，加配音：" + PITCH_ZH, lambda b, a: (a["canvas"]["h"], length(a)) == (1920, 15000) and segs(a, "voice")),
    (G, "删掉最后一个片段", lambda b, a: ids(a) == ids(b)[:-1]),
    (G, "最后一条字幕删掉", lambda b, a: _caps(a) == _caps(b)[:-1]),
    (G, "缩短5秒", lambda b, a: length(a) == length(b) - 5000),
    (G, "字幕太小了", lambda b, a: _caps(a)[0]["style"]["size"] > _caps(b)[0]["style"]["size"]),
    (G, "字幕放到上面", lambda b, a: {s["style"]["pos"] for s in _caps(a)} == {"top"}),
    (G, "片段3放到最前面", lambda b, a: ids(a)[1] == ids(b)[3] and sorted(ids(a)) == sorted(ids(b))),
    (G, "标题往上移", lambda b, a: title(a)["style"]["pos"] == "top" and _same_title_words(b, a)),
    (G, "标题更醒目一点", _popped),
    (G, "字幕看不清", lambda b, a: _readable(b, a)),
    (G, "结尾太突然了", _faded_out),
    (G, "开头太突然", lambda b, a: music(a)["fade_in"] == 2000 and _same_row(b, a)),
    (G, "节奏太快了", lambda b, a: length(a) > length(b) and _kept_everything(b, a)),
    (G, "更有电影感", lambda b, a: music(a)["src"] == "gen:music:cinematic" and _same_row(b, a)),
    (G, "标题改成黄色并且移到顶部", lambda b, a: (title(a)["style"]["color"], title(a)["style"]["pos"]) == ("#FFD600", "top")),
    (G, "加舒缓的背景音乐然后改成竖屏", lambda b, a: music(a)["src"] == "gen:music:calm" and a["canvas"]["h"] == 1920),
    (G, "标题改成红色，然后移到底部", lambda b, a: (title(a)["style"]["color"], title(a)["style"]["pos"]) == ("#E53935", "bottom")),
    (G, "第2段改成5秒", lambda b, a: _shown(row(a)[2]) == 5000),
    (G, "删除第2和第4个片段", lambda b, a: ids(a) == [ids(b)[i] for i in (0, 1, 3, 5)]),
    (G, "片段二和片段五换一下位置", lambda b, a: ids(a)[2] == ids(b)[5] and ids(a)[5] == ids(b)[2]),
    (G, "最后3秒静音音乐", lambda b, a: _music_at(a, length(a) - 1500) == 0.0 and _music_at(a, 1000) == 0.35),
    (G, "换一首更欢快的音乐", lambda b, a: music(a)["src"] == "gen:music:upbeat"),
    (G, "用女声配音", lambda b, a: {s["m"].get("voice") for s in segs(a, "voice")} == {"female"}),
    (G, "字体换成优雅一点的", lambda b, a: title(a)["style"].get("font") == "source-serif"),
    (G, "字幕都去掉吧，有音乐就够了", lambda b, a: track(a, "captions") is None and music(a) == music(b)),
    (G, "音乐不要了，留着字幕就行", lambda b, a: music(a) is None and _caps(a) == _caps(b)),
    (G, "交换前两个场景", lambda b, a: ids(a)[1] == ids(b)[2] and ids(a)[2] == ids(b)[1]),
    (G, "太长了，压缩到15秒左右", lambda b, a: length(a) == 15000),
    (G, "感觉不够高级，能调一下吗", lambda b, a: title(a)["style"].get("font") == "source-serif"),
]
MIXED = [
    (G, "pls make the captions YELLOW!!", lambda b, a: {s["style"]["color"] for s in _caps(a)} == {"#FFD600"}),
    (G, "add title 'Sale' 0-3s and add lo-fi music at 35%", lambda b, a: title(a)["text"] == "Sale" and music(a)["vol"] == 0.35),
    (G, "music 20%", lambda b, a: music(a)["vol"] == 0.2),
    (G, "title 'X', top", lambda b, a: any(s["text"] == "X" and s["style"]["pos"] == "top" for s in segs(a, "title"))),
    (G, "TRIM THE FIRST 5 SECONDS", lambda b, a: length(a) == length(b) - 5000),
    (G, "cut 0:05-0:10", lambda b, a: length(a) == length(b) - 5000),
    (G, "make it 15s", lambda b, a: length(a) == 15000),
    (G, "15 seconds long pls", lambda b, a: length(a) == 15000),
    (G, "remove clip #2", lambda b, a: ids(a) == ids(b)[:2] + ids(b)[3:]),
    (G, "swap clip 2 & 3", lambda b, a: ids(a)[2:4] == [ids(b)[3], ids(b)[2]]),
    (G, "加标题 'Urban Dreams' at the top", lambda b, a: any(s["text"] == "Urban Dreams" and s["style"]["pos"] == "top" for s in segs(a, "title"))),
    (G, "音乐 lower to 20%", lambda b, a: music(a)["vol"] == 0.2),
    (G, "make it 竖屏", lambda b, a: a["canvas"]["h"] == 1920),
    (G, "字幕 yellow", lambda b, a: {s["style"]["color"] for s in _caps(a)} == {"#FFD600"}),
    (G, "undo pls", lambda b, a: a is None),
    (G, "can you remove the music?", lambda b, a: music(a) is None),
    (G, "bgm 50%", lambda b, a: music(a)["vol"] == 0.5),
    (G, "cut the first 5 secs", lambda b, a: length(a) == length(b) - 5000),
    (G, "make the video 1 min", lambda b, a: length(a) == 60000),
    (G, "add title: Summer Vibes", lambda b, a: any(s["text"] == "Summer Vibes" for s in segs(a, "title"))),
    (G, "hey, speed up clip 2 a bit", lambda b, a: row(a)[2]["d"] < row(b)[2]["d"]),
    (G, "trim 3s off the start", lambda b, a: length(a) == length(b) - 3000),
    (G, "lose the last 2 seconds", lambda b, a: length(a) == length(b) - 2000),
    (G, "把标题改成 'Night Shift'", lambda b, a: title(a)["text"] == "Night Shift"),
    ("clips", "mute it", lambda b, a: [s.get("vol") for s in row(a) if "speed" in s] == [0.0, 0.0]),
    (G, "make the title yellow and move it to the top", lambda b, a: (title(a)["style"]["color"], title(a)["style"]["pos"]) == ("#FFD600", "top")),
    (G, "add lo-fi music and make it quieter", lambda b, a: music(a)["vol"] == 0.2),
    (G, "make it square; then add calm music at 40%", lambda b, a: a["canvas"]["w"] == a["canvas"]["h"] and music(a)["vol"] == 0.4),
    (G, "music off pls", lambda b, a: music(a) is None),
    (G, "bgm volume 0.3", lambda b, a: music(a)["vol"] == 0.3),
    (G, "标题 for 5 seconds", lambda b, a: title(a)["d"] == 5000 and _same_title_words(b, a)),
    (G, "make the title say 'Big Day' pls", lambda b, a: title(a)["text"] == "Big Day"),
    (G, "remove 第2段", lambda b, a: ids(a) == ids(b)[:2] + ids(b)[3:]),
    (G, "bgm 小声一点 pls", lambda b, a: music(a)["vol"] == 0.2),
    (G, "title 'Salt and Pepper', then make it square", lambda b, a: any(s["text"] == "Salt and Pepper" for s in segs(a, "title")) and a["canvas"]["w"] == a["canvas"]["h"]),
    (G, "make the title pop 并且 add upbeat music", lambda b, a: _popped(b, a) and music(a)["src"] == "gen:music:upbeat"),
]
# fmt: on
TABLE = ENGLISH + CHINESE + MIXED


def test_the_table_is_big_and_balanced():
    assert len(TABLE) >= 80
    assert len(ENGLISH) >= len(TABLE) / 2 and len(CHINESE) >= len(TABLE) / 4


@pytest.mark.parametrize(("start", "message", "check"), TABLE, ids=[m for _, m, _ in TABLE])
def test_phrasing_makes_its_change(sessions, tools, start, message, check):
    agent = RunnerAgent(tools, fresh(sessions[start]))
    before = fresh(sessions[start]).get("draft")
    said = asyncio.run(agent.say(message))
    assert said.calls and all(r.get("ok") for r in said.responses), (said.calls, said.reply)
    assert check(before, agent.draft), (said.calls, said.reply)
    assert valid(agent.draft)
    assert said.reply.splitlines()[-1].startswith(("Timeline (", "时间线（"))  # in the person's language


def test_the_table_scores_the_model_it_is_given(sessions, tools):
    """A model that only talks (no tool calls) gets every row wrong: the table runs the model."""
    from google.adk.models.base_llm import BaseLlm
    from google.adk.models.llm_response import LlmResponse
    from google.genai import types

    from nemo_tui.engine.agent.model_seam import AdkModel

    class Chatty(BaseLlm):
        model: str = "chatty"

        async def generate_content_async(self, llm_request, stream: bool = False):
            content = types.Content(role="model", parts=[types.Part(text="Sure!")])
            yield LlmResponse(content=content, turn_complete=True)

    assert len(score(AdkModel(Chatty()), tools, sessions, TABLE[:5])) == 5
    assert score(None, tools, sessions, TABLE[:5]) == []  # the offline planner


def score(model, tools, sessions, rows=None) -> list[str]:
    """Every row `model` gets wrong (same checks as the test), run through ADK's Runner."""
    failures = []
    for start, message, check in TABLE if rows is None else rows:
        agent = RunnerAgent(tools, fresh(sessions[start]), model=model)
        before = fresh(sessions[start]).get("draft")
        try:
            said = asyncio.run(agent.say(message))
            ok = bool(said.calls) and all(r.get("ok") for r in said.responses)
            ok = ok and check(before, agent.draft) and valid(agent.draft)
        except Exception as exc:  # a model's wrong call is a wrong row, not a crash of the scorer
            ok, said = False, exc
        if not ok:
            failures.append(f"{start}: {message!r} -> {getattr(said, 'calls', said)}")
    return failures


def main(argv: list[str] | None = None) -> int:
    import argparse
    import tempfile
    from pathlib import Path

    from nemo_tui.engine.agent.agent import model_for
    from nemo_tui.engine.agent.media.music import MusicLibrary
    from nemo_tui.engine.agent.tools import DraftTools
    from nemo_tui.engine.hosting.config import EngineConfig
    from nemo_tui.engine.storage.file_storage import DirectoryStorage

    from .conftest import starting_sessions

    parser = argparse.ArgumentParser(description="Score a model on the phrasing table (ADK's Runner).")
    parser.add_argument("--model", default="offline", help="a NEMO_AGENT_MODEL value")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        tools = DraftTools(MusicLibrary(DirectoryStorage(Path(folder))), lambda: "http://127.0.0.1:1")
        failures = score(model_for(EngineConfig(model=args.model)), tools, starting_sessions(tools))
    print("\n".join(failures))
    print(f"{args.model}: {len(TABLE) - len(failures)}/{len(TABLE)} rows right")
    return 0 if not failures else 1


if __name__ == "__main__":
    raise SystemExit(main())
