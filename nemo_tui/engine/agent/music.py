"""Music made on the machine: a pleasant four-chord loop per mood, rendered by ffmpeg's `aevalsrc`.

`gen:music:<mood>` sources resolve to `generated/music/<mood>.wav` in the engine's storage. The loop is
four bars (a soft pad, an eighth-note arpeggio and a bass note per chord) and is meant to be looped
by the draft (`loop: true`). Files are made once, atomically, and reused.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from ..storage import MediaStorage


@dataclass(frozen=True)
class Mood:
    name: str
    label: str
    bpm: int
    chords: tuple[tuple[int, ...], ...]  # MIDI notes
    cutoff: float


_PROGRESSIONS = {
    "lofi": ((65, 69, 72, 76), (64, 67, 71, 74), (62, 65, 69, 72), (60, 64, 67, 71)),  # Fmaj7 Em7 Dm7 Cmaj7
    "upbeat": ((60, 64, 67, 72), (55, 59, 62, 67), (57, 60, 64, 69), (53, 57, 60, 65)),  # C G Am F
    "calm": ((60, 64, 67, 71), (57, 60, 64, 67), (53, 57, 60, 64), (55, 59, 62, 64)),  # Cmaj7 Am7 Fmaj7 G6
    "epic": ((57, 60, 64, 69), (53, 57, 60, 65), (48, 55, 60, 64), (55, 59, 62, 67)),  # Am F C G
}
MOODS: dict[str, Mood] = {
    m.name: m
    for m in (
        Mood("lofi", "Lo-fi", 72, _PROGRESSIONS["lofi"], 2400),
        Mood("upbeat", "Upbeat", 112, _PROGRESSIONS["upbeat"], 6000),
        Mood("calm", "Calm", 60, _PROGRESSIONS["calm"], 1800),
        Mood("epic", "Epic", 80, _PROGRESSIONS["epic"], 4000),
    )
}
ALIASES = {
    "lo-fi": "lofi", "lo fi": "lofi", "chill": "lofi", "chillhop": "lofi", "jazzy": "lofi",
    "happy": "upbeat", "energetic": "upbeat", "pop": "upbeat", "fun": "upbeat", "bright": "upbeat",
    "ambient": "calm", "relaxing": "calm", "soft": "calm", "peaceful": "calm", "gentle": "calm",
    "cinematic": "epic", "dramatic": "epic", "inspiring": "epic", "corporate": "upbeat",
}  # fmt: skip
SAMPLE_RATE = 44100


def mood_name(word: str) -> str | None:
    word = word.strip().lower()
    return word if word in MOODS else ALIASES.get(word)


def loop_seconds(mood: Mood) -> float:
    return 16 * 60 / mood.bpm


def storage_key(mood: str) -> str:
    return f"generated/music/{mood}.wav"


def _freq(note: int) -> str:
    return f"{440 * 2 ** ((note - 69) / 12):.3f}"


def _select(m: str, step: float, values: list[str]) -> str:
    """`values[floor(m / step)]` as nested ifs (one sine per voice instead of one per chord)."""
    expr = values[-1]
    for i in range(len(values) - 2, -1, -1):
        expr = f"if(lt({m},{(i + 1) * step:.6f}),{values[i]},{expr})"
    return expr


def expression(mood: Mood) -> str:
    beat = 60 / mood.bpm
    bar, loop, eighth = 4 * beat, 16 * beat, beat / 2
    m = f"mod(t,{loop:.6f})"
    in_bar = f"mod(t,{bar:.6f})"
    voices = [_select(m, bar, [_freq(chord[k]) for chord in mood.chords]) for k in range(4)]
    pad = "+".join(f"sin(2*PI*{v}*t)" for v in voices)
    pad_env = f"min(1,{in_bar}*3)*0.05"
    step = f"mod(floor({in_bar}/{eighth:.6f}),4)"
    arp_freqs = [_select(step, 1, [_freq(n + 12) for n in chord]) for chord in mood.chords]
    arp = f"sin(2*PI*{_select(m, bar, arp_freqs)}*t)"
    arp_env = f"min(1,mod(t,{eighth:.6f})*80)*exp(-6*mod(t,{eighth:.6f}))*0.16"
    root = _select(m, bar, [_freq(chord[0] - 12) for chord in mood.chords])
    half = f"mod(t,{2 * beat:.6f})"
    bass = f"sin(2*PI*{root}*t)*min(1,{half}*60)*exp(-1.2*{half})*0.22"
    return f"({pad})*{pad_env}+{arp}*{arp_env}+{bass}"


def ffmpeg_args(mood: Mood, out: Path) -> list[str]:
    seconds = loop_seconds(mood)
    source = f"aevalsrc='{expression(mood)}':s={SAMPLE_RATE}:d={seconds:.6f}"
    chain = f"lowpass=f={mood.cutoff:g},aecho=0.8:0.6:90:0.2,volume=3.0"
    return ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", source,
            "-af", chain, "-ac", "2", "-c:a", "pcm_s16le", "-f", "wav", str(out)]  # fmt: skip


class MusicLibrary:
    """Generated music in the engine's storage, made on first use."""

    def __init__(self, storage: MediaStorage) -> None:
        self._storage = storage
        self._locks: dict[str, asyncio.Lock] = {}

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
                await _run_ffmpeg(ffmpeg_args(MOODS[mood], tmp))
                await self._storage.put_file(tmp, key)
        return self._storage.local_path(key)


async def _run_ffmpeg(args: list[str]) -> None:
    import imageio_ffmpeg

    proc = await asyncio.create_subprocess_exec(
        imageio_ffmpeg.get_ffmpeg_exe(), *args,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        _, err = await proc.communicate()
    except asyncio.CancelledError:
        proc.kill()
        await proc.wait()
        raise
    if proc.returncode != 0:
        raise RuntimeError(f"ffmpeg could not make the music: {err.decode(errors='replace')[-400:]}")
