"""Generated music and narration, measured: real music (chords, rhythm), speech-like voice lines."""

from __future__ import annotations

import asyncio
import time
import wave

import numpy as np
import pytest

from nemo_tui.engine.agent.media import music, speech
from nemo_tui.engine.agent.media.voice import VoiceLibrary, voice_id

from .drafts import fresh, row, segs, valid
from .harness import Agent

NOTE_NAMES = "C C# D D# E F F# G G# A A# B".split()


def read_wav(path) -> tuple[np.ndarray, int]:
    with wave.open(str(path)) as w:
        raw = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float64) / 32768
        return raw.reshape(-1, w.getnchannels()).mean(axis=1), w.getframerate()


def frame_rms(x: np.ndarray, rate: int, ms: int = 20) -> np.ndarray:
    n = rate * ms // 1000
    return np.sqrt((x[: len(x) // n * n].reshape(-1, n) ** 2).mean(axis=1))


def chroma(x: np.ndarray, rate: int) -> np.ndarray:
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x)))) ** 2
    freqs = np.fft.rfftfreq(len(x), 1 / rate)
    keep = (freqs > 80) & (freqs < 2000)
    pitch = np.round(69 + 12 * np.log2(freqs[keep] / 440)).astype(int) % 12
    return np.bincount(pitch, weights=spectrum[keep], minlength=12)


@pytest.fixture(scope="module")
def music_files(storage):
    library = music.MusicLibrary(storage)
    made = {}
    for mood in ("lofi", "upbeat", "calm", "cinematic"):
        started = time.perf_counter()
        path = asyncio.run(library.ensure(mood))
        made[mood] = (path, time.perf_counter() - started)
    return made


@pytest.mark.parametrize("mood", ["lofi", "upbeat", "calm", "cinematic"])
def test_generated_music_is_music_not_a_tone(music_files, mood):
    path, _ = music_files[mood]
    x, rate = read_wav(path)
    spec = music.MOODS[mood]
    assert abs(len(x) / rate - music.loop_seconds(spec)) < 0.05
    rms = float(np.sqrt(np.mean(x**2)))
    assert 0.05 < rms < 0.3 and np.abs(x).max() < 1.0  # non-silent, not clipped
    spectrum = np.abs(np.fft.rfft(x[: 2**18]))
    freqs = np.fft.rfftfreq(2**18, 1 / rate)
    centroid = (freqs * spectrum).sum() / spectrum.sum()
    spread = np.sqrt(((freqs - centroid) ** 2 * spectrum).sum() / spectrum.sum())
    assert spread > 800  # a pure tone has a spread of a few Hz
    energy = frame_rms(x, rate)
    onsets = int(np.sum(np.diff(energy) > 0.02))
    assert onsets >= 8 * 4 if mood != "calm" else onsets >= 8  # a rhythm: at least a hit a beat
    bar = int(4 * 60 / spec.bpm * rate)
    for b, chord in enumerate(spec.chords):  # each bar sounds its chord: its root is among the loudest
        c = chroma(x[b * bar + bar // 4 : b * bar + 3 * bar // 4], rate)
        assert chord[0] % 12 in np.argsort(c)[::-1][:4], (
            mood,
            b,
            [NOTE_NAMES[i] for i in np.argsort(c)[::-1][:4]],
        )
    jump = abs(x[-1] - x[0])
    assert jump < 0.1  # the loop wraps without a click


def test_music_is_made_once_per_data_folder(music_files, storage):
    path, seconds = music_files["lofi"]
    stamp = path.stat().st_mtime_ns
    again = time.perf_counter()
    assert asyncio.run(music.MusicLibrary(storage).ensure("lofi")) == path
    assert time.perf_counter() - again < 0.05 and path.stat().st_mtime_ns == stamp
    assert seconds < 5
    assert "epic" in music.MOODS and music.mood_name("cinematic") == "cinematic"
    assert music.mood_name("chill") == "lofi" and music.mood_name("欢快") == "upbeat"


def test_english_speech_is_speech_like():
    started = time.perf_counter()
    said = speech.synthesize("Urban Dreams keeps your laptop dry when the sky opens.", "en")
    elapsed = time.perf_counter() - started
    x = said.samples.astype(np.float64) / 32768
    assert said.rate == 22050 and 2.0 < len(x) / said.rate < 5.0
    assert elapsed < len(x) / said.rate / 20  # far faster than real time
    energy = frame_rms(x, said.rate)
    voiced = energy > 0.02
    assert 0.5 < voiced.mean() < 0.98  # syllables and small gaps, not a steady tone
    envelope = energy - energy.mean()
    spectrum = np.abs(np.fft.rfft(envelope))
    rates = np.fft.rfftfreq(len(envelope), 0.02)
    syllabic = spectrum[(rates > 2) & (rates < 8)].sum() / spectrum[rates > 0.5].sum()
    assert syllabic > 0.3  # energy rises and falls at the pace of syllables


def test_mandarin_speech():
    said = speech.synthesize("城市之梦，智能通勤背包。", "zh")
    x = said.samples.astype(np.float64) / 32768
    assert 1.5 < len(x) / said.rate < 5.0 and np.sqrt(np.mean(x**2)) > 0.03
    assert speech.voice_for("zh") == "cmn" and speech.voice_for("en") == "en-us"


def test_a_faster_rate_is_shorter():
    slow = speech.synthesize("A padded sleeve holds screens up to sixteen inches.", "en", 140)
    fast = speech.synthesize("A padded sleeve holds screens up to sixteen inches.", "en", 220)
    assert fast.duration_ms < slow.duration_ms * 0.8


def test_voice_over_generation_times_captions_to_speech(tools, storage):
    agent = Agent(tools)
    text = (
        "generate a 20-second video on plain backgrounds with a voice-over from this script: "
        "Urban Dreams: the smart "
        "commuter backpack. It keeps your laptop dry. A hidden pocket holds your passport. Order yours today."
    )
    asyncio.run(agent.say(text))
    draft = agent.draft
    assert valid(draft) and draft["d"] == 20000
    voice, captions = segs(draft, "voice"), segs(draft, "captions")
    assert len(voice) == len(captions) == 4
    library = VoiceLibrary(storage)
    for line, caption in zip(voice, captions, strict=True):
        assert line["src"].startswith("gen:voice:") and line["m"]["text"] == caption["text"]
        assert line["st"] == caption["st"]  # the caption appears as its line is spoken…
        assert caption["st"] + caption["d"] >= line["st"] + line["d"]  # …and stays until it is said
        path = library.path(line["src"].removeprefix("gen:voice:"))
        x, rate = read_wav(path)
        assert rate == 22050 and abs(len(x) / rate * 1000 - line["d"]) < 30  # the file is the line
        assert np.sqrt(np.mean(x**2)) > 0.03
    track_roles = [t["m"]["role"] for t in draft["t"]]
    assert track_roles.index("bgm") < track_roles.index("voice")  # music ducks under the voice track


def test_designed_scenes_last_as_long_as_their_voice_lines(tools) -> None:
    agent = Agent(tools)
    request = (
        "generate a 20-second video with a voice-over from this script: Urban Dreams: the smart commuter "
        "backpack. It keeps your laptop dry. A hidden pocket holds your passport. Order yours today."
    )
    asyncio.run(agent.say(request))
    draft = agent.draft
    assert valid(draft) and draft["d"] == 20000 and not segs(draft, "captions")
    scenes = {s["id"]: s for s in row(draft)}
    voice = segs(draft, "voice")
    said = ["It keeps your laptop dry.", "A hidden pocket holds your passport.", "Order yours today."]
    assert [v["m"]["text"] for v in voice] == said
    for line in voice:  # each line is said while its own scene, which shows those words, is on screen
        scene = scenes[line["m"]["scene"]]
        assert scene["st"] <= line["st"] and line["st"] + line["d"] <= scene["st"] + scene["d"]
        shown = " ".join(str(v) for v in scene["scene"].values() if isinstance(v, str))
        assert line["m"]["text"].rstrip(".") in shown or "Order" in shown


def test_mandarin_voice_over_and_lost_files_are_made_again(tools, storage):
    agent = Agent(tools)
    asyncio.run(agent.say("生成一个10秒的视频，加配音：城市之梦。让电脑安全干燥。"))
    lines = segs(agent.draft, "voice")
    assert lines and all(line["m"]["lang"] == "zh" for line in lines)
    library = VoiceLibrary(storage)
    first = lines[0]
    vid = first["src"].removeprefix("gen:voice:")
    assert vid == voice_id(first["m"]["text"], "zh", first["m"]["wpm"])
    library.path(vid).unlink()
    path = asyncio.run(library.resolve(first["src"], first["m"]))
    assert path.is_file()
    with pytest.raises(KeyError):
        asyncio.run(
            library.resolve("gen:voice:0123456789abcdef", {"text": "forged", "lang": "en", "wpm": 165})
        )
    with pytest.raises(KeyError):
        asyncio.run(library.resolve("gen:voice:../../etc", {}))


def test_add_a_voice_over_later_grows_scenes_to_fit(sessions, tools):
    agent = Agent(tools, fresh(sessions["gen"]))
    said = asyncio.run(agent.say("add a voice-over"))
    assert said.responses[0]["ok"], said.reply
    voice, captions = segs(agent.draft, "voice"), segs(agent.draft, "captions")
    assert len(voice) == len(captions) and valid(agent.draft)
    scenes = {s["id"]: s for t in agent.draft["t"] if t["m"]["role"] == "main" for s in t["sg"]}
    for line in voice:
        scene = scenes[line["m"]["scene"]]
        assert scene["st"] <= line["st"] and line["st"] + line["d"] <= scene["st"] + scene["d"]
    said = asyncio.run(agent.say("lower the voice to 80%"))
    assert {s["vol"] for s in segs(agent.draft, "voice")} == {0.8}


def test_a_designed_video_is_narrated_from_the_words_of_its_scenes(sessions, tools) -> None:
    """Designed scenes set their words in the picture (no captions): those words are spoken."""
    import asyncio

    from .drafts import fresh, row, segs
    from .harness import Agent

    agent = Agent(tools, fresh(sessions["designed"]))
    said = asyncio.run(agent.say("add a voice-over"))
    assert said.responses[-1]["ok"], said.reply
    voiced = {s["m"]["scene"] for s in segs(agent.draft, "voice")}
    worded = [s["id"] for s in row(agent.draft)[1:]]  # every scene after the title card has words
    assert voiced == set(worded) and len(segs(agent.draft, "voice")) == len(worded)
    for seg in row(agent.draft)[1:]:  # each scene lasts while its line is said
        line = next(v for v in segs(agent.draft, "voice") if v["m"]["scene"] == seg["id"])
        assert seg["st"] <= line["st"] and line["st"] + line["d"] <= seg["st"] + seg["d"]
