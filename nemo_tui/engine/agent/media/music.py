"""Music made on the machine: an eight-bar loop per mood, synthesised with numpy.

Each mood is a real arrangement: a chord progression voiced on a soft pad and a keys or pluck part,
a bass line on the roots, and a simple drum pattern (synthesised kick, snare and hats, with swing
for lo-fi). The loop is rendered with its tails folded back onto its start, so it repeats without a
seam, then mastered (gentle low-pass for lo-fi, soft saturation, loudness about -18 dBFS RMS).

`gen:music:<mood>` sources resolve to `generated/music/<mood>.v2.wav` in the engine's storage; a
file is made once per mood (about 0.3-0.6 s) and looped by the draft (`loop: true`).
"""

from __future__ import annotations

import asyncio
import wave
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ...storage.file_storage import MediaStorage

SAMPLE_RATE = 44100
VERSION = 2


@dataclass(frozen=True)
class Mood:
    name: str
    label: str
    bpm: int
    chords: tuple[tuple[int, ...], ...]  # MIDI notes, one chord a bar
    lead: str  # "keys" | "pluck" | "arp"
    kick: tuple[int, ...]  # sixteenth steps of a bar
    snare: tuple[int, ...]
    hats: tuple[int, ...]
    swing: float = 0.0  # delay of off-beat sixteenths, as a fraction of a sixteenth
    cutoff: float = 0.0  # master low-pass in Hz (0: none)
    crackle: bool = False


_EIGHTHS = (0, 2, 4, 6, 8, 10, 12, 14)
MOODS: dict[str, Mood] = {
    m.name: m
    for m in (
        Mood(
            "lofi",
            "Lo-fi",
            78,
            ((65, 69, 72, 76), (64, 67, 71, 74), (62, 65, 69, 72), (60, 64, 67, 71)),
            "keys",
            (0, 7, 10),
            (4, 12),
            _EIGHTHS,
            swing=0.35,
            cutoff=3800,
            crackle=True,
        ),
        Mood(
            "upbeat",
            "Upbeat",
            116,
            ((60, 64, 67, 72), (55, 59, 62, 67), (57, 60, 64, 69), (53, 57, 60, 65)),
            "pluck",
            (0, 4, 8, 12),
            (4, 12),
            (2, 6, 10, 14),
            cutoff=9000,
        ),
        Mood(
            "calm",
            "Calm",
            64,
            ((60, 64, 67, 71), (57, 60, 64, 67), (53, 57, 60, 64), (55, 59, 62, 64)),
            "arp",
            (0,),
            (),
            (4, 12),
            cutoff=5000,
        ),
        Mood(
            "cinematic",
            "Cinematic",
            84,
            ((57, 60, 64, 69), (53, 57, 60, 65), (48, 55, 60, 64), (55, 59, 62, 67)),
            "arp",
            (0, 6, 8, 11),
            (12,),
            (),
            cutoff=7000,
        ),
    )
}
MOODS["epic"] = MOODS["cinematic"]  # the first cut's name for it; drafts may still say gen:music:epic
ALIASES = {
    "lo-fi": "lofi",
    "lo fi": "lofi",
    "chill": "lofi",
    "chillhop": "lofi",
    "jazzy": "lofi",
    "hiphop": "lofi",
    "happy": "upbeat",
    "energetic": "upbeat",
    "pop": "upbeat",
    "fun": "upbeat",
    "bright": "upbeat",
    "corporate": "upbeat",
    "dance": "upbeat",
    "lively": "upbeat",
    "ambient": "calm",
    "relaxing": "calm",
    "soft": "calm",
    "peaceful": "calm",
    "gentle": "calm",
    "relaxed": "calm",
    "quiet": "calm",
    "piano": "calm",
    "epic": "cinematic",
    "dramatic": "cinematic",
    "inspiring": "cinematic",
    "emotional": "cinematic",
    "orchestral": "cinematic",
    "movie": "cinematic",
    "轻音乐": "calm",
    "舒缓": "calm",
    "安静": "calm",
    "平静": "calm",
    "放松": "calm",
    "欢快": "upbeat",
    "动感": "upbeat",
    "活泼": "upbeat",
    "轻快": "upbeat",
    "激情": "upbeat",
    "史诗": "cinematic",
    "电影": "cinematic",
    "大气": "cinematic",
    "震撼": "cinematic",
    "低保真": "lofi",
    "chill风": "lofi",
}


def mood_name(word: str) -> str | None:
    word = word.strip().lower()
    if word == "epic":
        return "cinematic"
    return word if word in MOODS else ALIASES.get(word)


def loop_seconds(mood: Mood) -> float:
    return 8 * 4 * 60 / mood.bpm


def storage_key(mood: str) -> str:
    return f"generated/music/{mood}.v{VERSION}.wav"


# --- instruments -------------------------------------------------------------------------------


def _hz(note: float) -> float:
    return 440.0 * 2 ** ((note - 69) / 12)


def _t(seconds: float) -> np.ndarray:
    return np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE


@lru_cache(maxsize=256)
def _pad(note: int, seconds: float) -> np.ndarray:
    t = _t(seconds + 0.8)
    f = _hz(note)
    tone = sum(
        np.sin(2 * np.pi * k * f * (1 + d) * t + k) / k**1.7 for k in range(1, 6) for d in (-0.0025, 0.0025)
    )
    env = np.minimum(1, t / 0.45) * np.where(t < seconds, 1.0, np.exp(-(t - seconds) * 6))
    return tone * env * 0.5


@lru_cache(maxsize=256)
def _keys(note: int, seconds: float) -> np.ndarray:
    t = _t(seconds + 0.6)
    f = _hz(note)
    tone = np.sin(2 * np.pi * f * t) + 0.35 * np.sin(4 * np.pi * f * t) * np.exp(-4 * t)
    tone += 0.12 * np.sin(6 * np.pi * f * t + 0.3) * np.exp(-7 * t)
    tremolo = 1 + 0.12 * np.sin(2 * np.pi * 4.5 * t)
    env = np.minimum(1, t / 0.006) * np.exp(-1.6 * t) * np.where(t < seconds, 1.0, np.exp(-(t - seconds) * 8))
    return tone * env * tremolo


@lru_cache(maxsize=256)
def _pluck(note: int, seconds: float) -> np.ndarray:
    t = _t(min(seconds, 0.9) + 0.3)
    f = _hz(note)
    tone = sum(np.sin(2 * np.pi * k * f * t) / k * np.exp(-t * (4 + 3 * k)) for k in range(1, 8))
    return tone * np.minimum(1, t / 0.003)


@lru_cache(maxsize=256)
def _bass(note: int, seconds: float) -> np.ndarray:
    t = _t(seconds + 0.1)
    f = _hz(note)
    tone = np.sin(2 * np.pi * f * t) + 0.3 * np.sin(4 * np.pi * f * t) + 0.1 * np.sin(6 * np.pi * f * t)
    env = np.minimum(1, t / 0.01) * np.exp(-1.2 * t) * np.minimum(1, np.maximum(0, (seconds + 0.1 - t) / 0.1))
    return tone * env


def _kick(rng: np.random.Generator) -> np.ndarray:
    t = _t(0.45)
    phase = 2 * np.pi * np.cumsum(48 + 95 * np.exp(-t * 32)) / SAMPLE_RATE
    return np.sin(phase) * np.exp(-t * 7.5) + 0.2 * rng.standard_normal(len(t)) * np.exp(-t * 300)


def _snare(rng: np.random.Generator) -> np.ndarray:
    t = _t(0.3)
    noise = np.diff(rng.standard_normal(len(t) + 1)) * 0.5 * np.exp(-t * 17)
    return noise + 0.6 * np.sin(2 * np.pi * 185 * t) * np.exp(-t * 28)


def _hat(rng: np.random.Generator) -> np.ndarray:
    t = _t(0.09)
    noise = np.diff(rng.standard_normal(len(t) + 2), 2) * 0.1
    return noise * np.exp(-t * 55)


def _lowpass(signal: np.ndarray, cutoff: float) -> np.ndarray:
    """A gentle (second-order-like) low-pass applied in the frequency domain, per channel."""
    spectrum = np.fft.rfft(signal, axis=0)
    freqs = np.fft.rfftfreq(signal.shape[0], 1 / SAMPLE_RATE)
    gain = 1 / (1 + (freqs / cutoff) ** 4)
    return np.fft.irfft(spectrum * gain[:, None], n=signal.shape[0], axis=0)


# --- arrangement -------------------------------------------------------------------------------


class _Mix:
    def __init__(self, seconds: float) -> None:
        self.length = int(seconds * SAMPLE_RATE)
        self.buf = np.zeros((self.length + 3 * SAMPLE_RATE, 2))

    def add(self, sound: np.ndarray, at_s: float, gain: float, pan: float = 0.0) -> None:
        start = int(at_s * SAMPLE_RATE)
        end = min(start + len(sound), len(self.buf))
        left, right = gain * min(1.0, 1 - pan), gain * min(1.0, 1 + pan)
        self.buf[start:end, 0] += sound[: end - start] * left
        self.buf[start:end, 1] += sound[: end - start] * right

    def loop(self) -> np.ndarray:
        """The loop with everything that rings past its end folded onto its start (seamless)."""
        out = self.buf[: self.length].copy()
        tail = self.buf[self.length :]
        out[: len(tail)] += tail
        return out


def _arrange(mood: Mood, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    beat = 60 / mood.bpm
    bar, step = 4 * beat, beat / 4
    mix = _Mix(8 * bar)
    kick, snare, hat = _kick(rng), _snare(rng), _hat(rng)
    for b in range(8):
        chord = mood.chords[b % len(mood.chords)]
        t0 = b * bar
        for i, note in enumerate(chord):
            mix.add(_pad(note, bar), t0, 0.055, pan=(-0.35, 0.35)[i % 2])
        _lead(mix, mood, chord, t0, beat, b)
        root = chord[0] - 24 if chord[0] >= 57 else chord[0] - 12
        if mood.lead == "pluck":  # driving eighth-note bass
            for k in range(8):
                mix.add(_bass(root + (12 if k % 4 == 3 else 0), beat / 2 * 0.9), t0 + k * beat / 2, 0.2)
        else:
            mix.add(_bass(root, 2 * beat * 0.95), t0, 0.3)
            mix.add(_bass(root + (7 if b % 2 else 0), 2 * beat * 0.95), t0 + 2 * beat, 0.26)
        for s in range(16):
            when = t0 + s * step + (mood.swing * step if s % 2 else 0.0)
            if s in mood.kick:
                mix.add(kick, when, 0.55 if mood.name != "calm" else 0.3)
            if s in mood.snare:
                mix.add(snare, when, 0.28 if mood.name != "cinematic" else 0.35)
            if s in mood.hats:
                mix.add(hat, when, 0.2 * (1.0 if s % 4 == 0 else 0.7), pan=0.25)
    out = mix.loop()
    if mood.crackle:
        clicks = (rng.random(len(out)) < 2.5 / SAMPLE_RATE) * rng.standard_normal(len(out)) * 0.15
        hiss = rng.standard_normal(len(out)) * 0.003
        out += (clicks + hiss)[:, None]
    if mood.cutoff:
        out = _lowpass(out, mood.cutoff)
    return _master(out)


def _lead(mix: _Mix, mood: Mood, chord: tuple[int, ...], t0: float, beat: float, bar_index: int) -> None:
    if mood.lead == "keys":  # a chord on one, a softer re-hit on the "and" of three
        for note in chord:
            mix.add(_keys(note, 2.4 * beat), t0, 0.09)
            mix.add(_keys(note + (12 if note == chord[-1] else 0), 1.2 * beat), t0 + 2.5 * beat, 0.05)
    elif mood.lead == "pluck":  # eighth-note arpeggio, up then down
        order = [0, 1, 2, 3, 2, 1, 2, 3] if bar_index % 2 == 0 else [3, 2, 1, 2, 0, 1, 2, 3]
        for k, idx in enumerate(order):
            mix.add(_pluck(chord[idx] + 12, beat / 2), t0 + k * beat / 2, 0.16, pan=(-0.2, 0.2)[k % 2])
    else:  # quarter-note arpeggio (calm, cinematic)
        order = [0, 2, 1, 3]
        for k, idx in enumerate(order):
            mix.add(_keys(chord[idx] + 12, 1.5 * beat), t0 + k * beat, 0.08, pan=(-0.15, 0.15)[k % 2])


def _master(out: np.ndarray) -> np.ndarray:
    out = out - out.mean(axis=0)
    rms = float(np.sqrt(np.mean(out**2))) or 1.0
    out = out * (0.125 / rms)  # about -18 dBFS RMS
    return np.tanh(out * 1.1) / np.tanh(1.1) * 0.95


def render(mood: Mood) -> np.ndarray:
    """The mood's loop as float stereo samples in -1..1 (shape (n, 2))."""
    return _arrange(mood)


def write_wav(path: Path, samples: np.ndarray) -> None:
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(pcm.tobytes())


class MusicLibrary:
    """Generated music in the engine's storage, made on first use."""

    def __init__(self, storage: MediaStorage) -> None:
        self._storage = storage
        self._locks: dict[str, asyncio.Lock] = {}

    @property
    def storage(self) -> MediaStorage:
        return self._storage

    def path(self, mood: str) -> Path:
        return self._storage.local_path(storage_key(mood))

    async def ensure(self, mood: str) -> Path:
        if mood not in MOODS:
            raise KeyError(f"unknown music mood {mood!r}")
        key = storage_key(mood)
        lock = self._locks.setdefault(mood, asyncio.Lock())
        async with lock:
            if not self._storage.exists(key):
                tmp = self._storage.new_temp_path(".wav")
                samples = await asyncio.to_thread(render, MOODS[mood])
                await asyncio.to_thread(write_wav, tmp, samples)
                await self._storage.put_file(tmp, key)
        return self._storage.local_path(key)
