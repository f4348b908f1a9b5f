"""The soundtrack: silence where nothing plays, music at its volume, looped, faded, ducked under voice."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from _render_tools import audio_track, card, draft, render, rms, sound, tone, video_track, window

MUSIC_HZ, VOICE_HZ, CLIP_HZ = 440, 1000, 300


@pytest.fixture(scope="module")
def mixed(media: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """3 s: silence, then music (vol 0.5, looped, faded in) from 0.5 s, a voice from 1.5 s to 2.5 s."""
    music = {"id": "m1", "st": 500, "d": 2500, "src": "media:music", "vol": 0.5, "loop": True, "fade_in": 200}
    voice = {"id": "vo1", "st": 1500, "d": 1000, "src": "media:voice"}
    doc = draft(
        video_track(card("s1", 0, 3000)),
        audio_track(music, role="bgm"),
        audio_track(voice, tid="a2", role="voice"),
    )
    out = asyncio.run(render(doc, tmp_path_factory.mktemp("mix") / "mix.mp4", media))
    return sound(out)


async def test_silence_before_anything_plays(mixed: tuple) -> None:
    samples, rate = mixed
    assert rms(window(samples, rate, 0.05, 0.45)) < 1e-4


async def test_music_plays_at_its_volume(mixed: tuple) -> None:
    samples, rate = mixed
    level = tone(window(samples, rate, 0.9, 1.4), rate, MUSIC_HZ)
    assert level == pytest.approx(0.5 * 0.5, rel=0.1)  # source amplitude 0.5 at vol 0.5
    assert tone(window(samples, rate, 0.5, 0.6), rate, MUSIC_HZ) < level * 0.6  # fading in


async def test_music_ducks_under_the_voice_and_comes_back(mixed: tuple) -> None:
    samples, rate = mixed
    alone = tone(window(samples, rate, 0.9, 1.4), rate, MUSIC_HZ)
    ducked = tone(window(samples, rate, 1.8, 2.4), rate, MUSIC_HZ)
    after = tone(window(samples, rate, 2.8, 2.98), rate, MUSIC_HZ)
    assert ducked < alone * 0.5  # at least 6 dB down while the voice speaks
    assert tone(window(samples, rate, 1.8, 2.4), rate, VOICE_HZ) == pytest.approx(0.5, rel=0.1)
    assert after > ducked * 1.4  # recovering after the voice (the music's loop is past its 2 s file)


async def test_a_loop_starts_at_its_in_point_and_wraps(media: Path, tmp_path: Path) -> None:
    steps = {"id": "m1", "st": 0, "d": 3000, "src": "media:steps", "in": 1000, "loop": True}
    out = await render(draft(video_track(card("s1", 0, 3000)), audio_track(steps)), tmp_path / "o.mp4", media)
    samples, rate = sound(out)
    assert samples.shape[1] / rate == pytest.approx(3.0, abs=0.05)  # 3 s of sound, not 6 s squeezed into 3
    heard = [
        max((500, 800), key=lambda hz: tone(window(samples, rate, t + 0.2, t + 0.8), rate, hz))
        for t in (0, 1, 2)
    ]
    assert heard == [800, 500, 800]  # from 1 s into the file, then the top of the file, then 1 s in again


async def test_a_crossfade_crosses_the_sound_too(media: Path, tmp_path: Path) -> None:
    """Two touching clips with a 1 s crossfade: the pictures cross over 0.5-1.5 s, and so do the
    sounds (each near full level at the cut), instead of a dip to silence around it."""
    a = {"id": "a", "st": 0, "d": 1000, "src": "media:rgb"}
    b = {"id": "b", "st": 1000, "d": 1000, "src": "media:rgb", "in": 1000, "tr": {"type": "fade", "d": 1000}}
    samples, rate = sound(await render(draft(video_track(a, b)), tmp_path / "o.mp4", media))
    steady = tone(window(samples, rate, 0.1, 0.4), rate, CLIP_HZ)
    at_cut = tone(window(samples, rate, 0.9, 1.1), rate, CLIP_HZ)
    assert steady == pytest.approx(0.5, rel=0.15) and at_cut > steady * 0.6


async def test_video_sound_at_its_volume_and_muted(media: Path, tmp_path: Path) -> None:
    clip = {"id": "s1", "st": 0, "d": 1000, "src": "media:rgb", "vol": 0.5}
    muted = {"id": "s2", "st": 1000, "d": 1000, "src": "media:rgb", "in": 1000, "mute": True}
    silent = {"id": "s3", "st": 2000, "d": 500, "src": "media:rgb", "vol": 0}
    samples, rate = sound(await render(draft(video_track(clip, muted, silent)), tmp_path / "o.mp4", media))
    assert tone(window(samples, rate, 0.2, 0.8), rate, CLIP_HZ) == pytest.approx(0.25, rel=0.15)
    assert rms(window(samples, rate, 1.1, 2.4)) < 1e-3


async def test_audio_only_draft_still_has_black_picture(media: Path, tmp_path: Path) -> None:
    music = {"id": "m1", "st": 0, "d": 1000, "src": "media:music", "fade_out": 300}
    out = await render(draft(audio_track(music), bg="#000000"), tmp_path / "o.mp4", media)
    samples, rate = sound(out)
    assert abs(samples.shape[1] / rate - 1.0) < 1 / 30
    assert tone(window(samples, rate, 0.2, 0.6), rate, MUSIC_HZ) == pytest.approx(0.5, rel=0.1)
    assert tone(window(samples, rate, 0.9, 1.0), rate, MUSIC_HZ) < 0.2  # fading out
