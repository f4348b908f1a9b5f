"""Music over a range of time, replacing the music by mood, voices, named fonts: the tools, called
directly on generated sessions (real music loops, real espeak-ng)."""

from __future__ import annotations

import asyncio
import copy
from typing import Any

import numpy as np
import pytest

from nemo_tui.engine.agent.edits import draft_ops as ops
from nemo_tui.engine.agent.media import speech
from nemo_tui.engine.agent.media.voice import VoiceLibrary, voice_id

from .drafts import SHORT_SCRIPT, segs, valid
from .harness import Agent, Context


def call(tools: Any, state: dict[str, Any], name: str, **args: Any) -> dict[str, Any]:
    result: dict[str, Any] = asyncio.run(getattr(tools, name)(tool_context=Context(state, "t"), **args))
    return result


@pytest.fixture
def gen(sessions: dict[str, dict]) -> dict[str, Any]:
    return copy.deepcopy(sessions["gen"])


def segs_track(draft: dict[str, Any]) -> dict[str, Any]:
    return next(t for t in draft["t"] if t["m"].get("role") == "bgm")


def music(state: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted(segs(state["draft"], "bgm"), key=lambda s: s["st"])


def test_mute_the_last_seconds_splits_the_music_and_keeps_its_place(tools, gen):
    end = ops.visual_end(gen["draft"])
    before = music(gen)[0]
    out = call(tools, gen, "set_music_range", action="mute", last_s=3)
    assert out["ok"], out
    pieces = music(gen)
    assert [(p["st"], p["st"] + p["d"]) for p in pieces] == [(0, end - 3000), (end - 3000, end)]
    assert pieces[0]["vol"] == before["vol"] and pieces[1]["vol"] == 0
    assert pieces[1]["in"] == end - 3000  # the loop goes on where it was, it does not restart
    assert pieces[0]["fade_in"] == before["fade_in"] and pieces[0]["fade_out"] == 250
    assert not pieces[0]["m"].get("fill") and segs_track(gen["draft"])["m"]["fill"]  # the track fills
    valid(gen["draft"])


def test_lower_between_two_times_leaves_the_rest(tools, gen):
    vol = music(gen)[0]["vol"]
    out = call(tools, gen, "set_music_range", action="lower", start_s=4, end_s=8)
    assert out["ok"], out
    a, b, c = music(gen)
    assert (b["st"], b["d"], b["in"]) == (4000, 4000, 4000)
    assert a["vol"] == c["vol"] == vol and b["vol"] == round(vol * 0.4, 2)
    assert "fade_out" in c and "fade_in" not in c  # the end keeps the music's own fade out


def test_fade_out_from_a_time_and_a_range_survive_a_longer_video(tools, gen):
    end = ops.visual_end(gen["draft"])
    assert call(tools, gen, "set_music_range", action="fade_out", start_s=10)["ok"]
    last = music(gen)[-1]
    assert (last["st"], last["fade_out"]) == (10000, end - 10000)
    assert call(tools, gen, "set_length", seconds=end / 1000 + 6)["ok"]
    new_end = ops.visual_end(gen["draft"])
    assert music(gen)[-1]["st"] + music(gen)[-1]["d"] == new_end > end  # the tail still reaches the end


def test_range_refusals(tools, gen, sessions):
    out = call(tools, gen, "set_music_range", action="mute", start_s=500, end_s=600)
    assert not out["ok"] and out["code"] == "bad_range" and "between" in out["message"]
    empty = copy.deepcopy(sessions["clips"])
    ops.remove_tracks(empty["draft"], role="bgm")
    assert call(tools, empty, "set_music_range", action="mute", last_s=3)["code"] == "no_track"


def test_replace_music_by_mood_keeps_volume_fades_and_ranges(tools, gen):
    assert call(tools, gen, "set_music_range", action="mute", last_s=3)["ok"]
    shape = [(p["st"], p["d"], p["vol"], p.get("fade_in"), p.get("fade_out")) for p in music(gen)]
    now = music(gen)[0]["src"]
    out = call(tools, gen, "replace_music", direction="up")
    assert out["ok"], out
    assert music(gen)[0]["src"] != now and out["params"]["mood"] in out["message"].lower()
    assert [(p["st"], p["d"], p["vol"], p.get("fade_in"), p.get("fade_out")) for p in music(gen)] == shape
    assert music(gen)[0]["src"] == "gen:music:upbeat" != now  # "more upbeat": the upbeat loop
    again = call(tools, gen, "replace_music", direction="up")  # nothing livelier: refused, unchanged
    assert (music(gen)[0]["src"], again["ok"], again["code"]) == ("gen:music:upbeat", False, "no_other_mood")
    assert "calm" in again["message"]
    assert call(tools, gen, "replace_music", mood="upbeat")["code"] == "no_other_mood"
    calmer = call(tools, gen, "replace_music", direction="down")
    assert calmer["ok"] and music(gen)[0]["src"] == "gen:music:calm"
    other = call(tools, gen, "replace_music")  # "different music": another mood, never the same
    assert other["ok"] and music(gen)[0]["src"] != "gen:music:calm"


def pitch(samples: np.ndarray, rate: int) -> float:
    """Median pitch of the voiced 40 ms frames, by autocorrelation."""
    x, n, found = samples.astype(np.float64), rate * 40 // 1000, []
    for i in range(0, len(x) - n, n):
        w = x[i : i + n] - x[i : i + n].mean()
        if np.sqrt((w**2).mean()) < 1500:
            continue
        ac = np.correlate(w, w, "full")[n - 1 :]
        lo, hi = rate // 400, rate // 70
        lag = lo + int(np.argmax(ac[lo:hi]))
        if ac[lag] > 0.3 * ac[0]:
            found.append(rate / lag)
    return float(np.median(found))


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "Fresh bread every morning, baked by hand."), ("zh", "每天早上都有新鲜的面包。")],
)
def test_the_voices_sound_different(lang, text):
    heard = {
        v: pitch(speech.synthesize(text, lang, voice=v).samples, speech.SAMPLE_RATE) for v in speech.VARIANTS
    }
    assert heard["female"] > 1.6 * heard["male"] and heard["female"] > 1.6 * heard["default"], heard
    male, plain = speech.synthesize(text, lang, voice="male"), speech.synthesize(text, lang)
    assert not np.array_equal(male.samples[: len(plain.samples)], plain.samples[: len(male.samples)])


def test_voice_over_in_a_voice_then_revoiced(tools, gen, storage):
    out = call(tools, gen, "add_voiceover", voice="female")
    assert out["ok"], out
    lines = segs(gen["draft"], "voice")
    m = lines[0]["m"]
    assert (
        m["voice"] == "female"
        and lines[0]["src"] == f"gen:voice:{voice_id(m['text'], m['lang'], m['wpm'], 'female')}"
    )
    starts = [s["st"] for s in lines]
    out = call(tools, gen, "set_voice", voice="male")
    assert out["ok"] and [s["st"] for s in segs(gen["draft"], "voice")] == starts
    assert all(s["m"]["voice"] == "male" and s["m"]["scene"] for s in segs(gen["draft"], "voice"))
    assert call(tools, gen, "set_voice", voice="robot")["code"] == "unknown_voice"
    # export remakes a missing file from the segment's words, voice included
    seg = segs(gen["draft"], "voice")[0]
    library = VoiceLibrary(storage)
    library.path(seg["src"][10:]).unlink()
    with pytest.raises(KeyError):  # the words in another voice do not make this id
        library.check(seg["src"], {**seg["m"], "voice": "female"})
    assert asyncio.run(library.resolve(seg["src"], seg["m"])).exists()


def test_default_voice_keeps_the_old_ids():
    assert (
        voice_id("Hello", "en", 165)
        == voice_id("Hello", "en", 165, "default")
        != voice_id("Hello", "en", 165, "female")
    )


def test_set_font(tools, gen, sessions):
    out = call(tools, gen, "set_font", font="elegant", which="captions")
    assert out["ok"] and out["params"]["font"] == "source-serif"
    assert {s["style"].get("font") for s in segs(gen["draft"], "captions")} == {"source-serif"}
    assert all("font" not in s.get("style", {}) for s in segs(gen["draft"], "title"))
    valid(gen["draft"])
    bad = call(tools, gen, "set_font", font="wingdings")
    assert not bad["ok"] and "source-serif" in bad["message"] and "fredoka" in bad["message"]
    assert call(tools, copy.deepcopy(sessions["clips"]), "set_font", font="serif")["code"] == "no_text"
    maker = Agent(tools)
    asyncio.run(maker.say("generate a 12-second video from this script: " + SHORT_SCRIPT))
    designed = maker.state
    assert call(tools, designed, "set_font", font="playful")["ok"]
    scenes = [s["scene"] for t in designed["draft"]["t"] for s in t["sg"] if "scene" in s]
    assert scenes and all(sc["font"] == "fredoka" for sc in scenes)
    valid(designed["draft"])
    assert call(tools, designed, "set_font", font="default")["ok"]
    assert all("font" not in s["scene"] for t in designed["draft"]["t"] for s in t["sg"] if "scene" in s)


def test_ranges_over_earlier_ranges_and_cuts(tools, gen):
    end = ops.visual_end(gen["draft"])
    assert call(tools, gen, "set_music_range", action="lower", start_s=4, end_s=8)["ok"]
    assert call(tools, gen, "set_music_range", action="fade_out", start_s=2)["ok"]
    tail = music(gen)[-1]  # the pieces after 2 s are one stretch again: one fade over all of it
    assert (tail["st"], tail["d"], tail["fade_out"], tail["in"]) == (2000, end - 2000, end - 2000, 2000)
    assert call(tools, gen, "trim", cut_start_s=1)["ok"]
    pieces = music(gen)
    assert [p["st"] for p in pieces] == [0, 1000] and pieces[-1]["st"] + pieces[-1]["d"] == end - 1000
    assert pieces[-1]["in"] == 2000  # the cut moved the music, not the place in it
    valid(gen["draft"])


def test_replacing_an_uploaded_song(tools, sessions):
    state = copy.deepcopy(sessions["clips"])
    song = {"id": "song", "file_type": "audio", "filename": "song.mp3", "duration": 40.0}
    state["video_infos"] = [*state["video_infos"], song]
    assert call(tools, state, "add_music", volume=0.2)["ok"]
    assert music(state)[0]["src"] == "media:song"
    out = call(tools, state, "replace_music", direction="down")
    assert out["ok"] and "Calm" in out["message"]
    assert [(p["src"], p["vol"], p["loop"]) for p in music(state)] == [("gen:music:calm", 0.2, True)]


@pytest.mark.parametrize("seed", range(6))
def test_random_ranges_and_cuts_keep_the_music_whole(tools, sessions, seed):
    """Any mix of ranges, mood changes, cuts and lengths: the music still covers the whole video,
    piece after piece, and the draft stays renderable (40 seeds passed; 6 run here)."""
    rng = np.random.default_rng(seed)
    state = copy.deepcopy(sessions["gen"])
    for _ in range(8):
        end = ops.visual_end(state["draft"]) / 1000
        a = float(rng.uniform(0, end - 1))
        step = rng.integers(5)
        if step == 0:
            action = str(rng.choice(["mute", "lower", "raise", "fade_out", "fade_in", "set"]))
            call(tools, state, "set_music_range", action=action, start_s=a, end_s=float(rng.uniform(a, end)))
        elif step == 1:
            call(tools, state, "set_music_range", action="mute", last_s=float(rng.uniform(0.5, 4)))
        elif step == 2:
            call(tools, state, "replace_music", direction=str(rng.choice(["up", "down", ""])))
        elif step == 3:
            call(tools, state, "trim", cut_from_s=a, cut_to_s=a + float(rng.uniform(0.5, 2)))
        else:
            call(tools, state, "set_length", seconds=float(rng.uniform(8, 30)))
        valid(state["draft"])
        pieces = music(state)
        assert pieces[0]["st"] == 0 and pieces[-1]["st"] + pieces[-1]["d"] == ops.visual_end(state["draft"])
        for p, q in zip(pieces, pieces[1:], strict=False):
            assert p["st"] + p["d"] == q["st"]


def test_a_designed_video_is_narrated_from_its_scenes_words(tools):
    maker = Agent(tools)
    asyncio.run(maker.say("generate a 15-second video from this script: " + SHORT_SCRIPT))
    scenes = [s for s in maker.draft["t"][0]["sg"] if not s["m"].get("card")]
    out = call(tools, maker.state, "add_voiceover", voice="female")
    assert out["ok"], out
    lines = segs(maker.draft, "voice")
    assert {s["m"]["scene"] for s in lines} == {s["id"] for s in scenes}  # one line a scene, no captions
    assert all(s["m"]["voice"] == "female" for s in lines) and not segs(maker.draft, "captions")
    valid(maker.draft)
