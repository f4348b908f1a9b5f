"""Offline text-to-speech: libespeak-ng from the `espeakng-loader` wheel, through ctypes.

No Python binding on PyPI works without an `espeak-ng` program, so this module declares the five C
functions it needs (`espeak_Initialize`, `espeak_SetSynthCallback`, `espeak_SetVoiceByName`,
`espeak_SetParameter`, `espeak_Synth`) and collects the samples the library hands to the callback.
The output is 22,050 Hz mono 16-bit; English uses the `en-us` voice, Chinese `cmn` (Mandarin).

libespeak-ng keeps global state (one voice, one callback), so every call holds one process-wide
lock; the library is loaded and initialised on first use. Synthesis runs about 700 times faster
than real time: call it from a thread (`asyncio.to_thread`) and the event loop never notices.
espeak-ng is GPL-3.0+; it is loaded as a shared library, never linked into this package.
"""

from __future__ import annotations

import ctypes
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SAMPLE_RATE = 22050
VOICES = {"en": "en-us", "zh": "cmn"}
# espeak-ng's voice variants, added to the language's voice ("en-us+f3"). The plain voices are male
# (about 100 Hz in English, 90 Hz in Mandarin); f3 speaks about an octave higher (214 / 184 Hz), m3
# is a different male timbre at about the same pitch (measured by autocorrelation, tests/agent).
VARIANTS = {"default": "", "female": "+f3", "male": "+m3"}
DEFAULT_WPM = 165
MIN_WPM, MAX_WPM = 80, 320

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_PARAM_RATE = 1
_MAX_DATA_PATH = 150  # longer paths overflow a fixed buffer inside libespeak-ng

_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


class SpeechError(RuntimeError):
    """The speech library could not be loaded, or refused the text or the voice."""


@dataclass(frozen=True)
class Speech:
    samples: np.ndarray  # int16, mono
    rate: int = SAMPLE_RATE

    @property
    def duration_ms(self) -> int:
        return round(len(self.samples) * 1000 / self.rate)


class _Engine:
    """The loaded library; one per process (the C library itself is a process-wide singleton)."""

    def __init__(self) -> None:
        import espeakng_loader

        self.lib = ctypes.CDLL(espeakng_loader.get_library_path())
        self.lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        self.lib.espeak_Initialize.restype = ctypes.c_int
        self.lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        self.lib.espeak_SetVoiceByName.restype = ctypes.c_int
        self.lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        self.lib.espeak_SetParameter.restype = ctypes.c_int
        self.lib.espeak_Synth.argtypes = [
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        self.lib.espeak_Synth.restype = ctypes.c_int
        folder = _short_data_folder(Path(espeakng_loader.get_data_path()).parent)
        rate = self.lib.espeak_Initialize(
            _AUDIO_OUTPUT_SYNCHRONOUS, 0, str(folder).encode(), _INITIALIZE_DONT_EXIT
        )
        if rate <= 0:
            raise SpeechError(f"espeak-ng could not start (data folder {folder})")
        self.rate = rate
        self._chunks: list[np.ndarray] = []
        self._callback = _CALLBACK(self._collect)  # kept alive as long as the library may call it
        self.lib.espeak_SetSynthCallback(self._callback)

    def _collect(self, wav: ctypes.POINTER(ctypes.c_short), count: int, _events: int) -> int:  # type: ignore[valid-type]
        if count > 0 and wav:
            self._chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        return 0

    def synth(self, text: str, voice: str, wpm: int) -> np.ndarray:
        if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise SpeechError(f"espeak-ng has no voice {voice!r}")
        self.lib.espeak_SetParameter(_PARAM_RATE, int(wpm), 0)
        data = text.encode("utf-8") + b"\0"
        self._chunks = []
        if self.lib.espeak_Synth(data, len(data), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None) != 0:
            raise SpeechError("espeak-ng could not speak that text")
        chunks, self._chunks = self._chunks, []
        return np.concatenate(chunks) if chunks else np.zeros(0, np.int16)


def _short_data_folder(folder: Path) -> Path:
    """The folder holding `espeak-ng-data`, through a short symlink when its path is too long."""
    if len(str(folder / "espeak-ng-data")) < _MAX_DATA_PATH:
        return folder
    link_dir = Path(tempfile.gettempdir()) / f"nemo-espeak-{os.getuid() if hasattr(os, 'getuid') else 0}"
    link_dir.mkdir(exist_ok=True)
    link = link_dir / "espeak-ng-data"
    if not link.exists():
        link.symlink_to(folder / "espeak-ng-data", target_is_directory=True)
    return link_dir


_lock = threading.Lock()
_engine: _Engine | None = None


def available() -> bool:
    try:
        with _lock:
            _loaded()
        return True
    except (OSError, ImportError, SpeechError):
        return False


def _loaded() -> _Engine:
    global _engine
    if _engine is None:
        _engine = _Engine()
    return _engine


def voice_for(language: str, voice: str = "default") -> str:
    return VOICES.get(language, VOICES["en"]) + VARIANTS.get(voice, "")


def synthesize(text: str, language: str = "en", wpm: int = DEFAULT_WPM, voice: str = "default") -> Speech:
    """Speak `text` (English or Chinese) at `wpm` words a minute in a voice of `VARIANTS`; trailing
    silence is trimmed."""
    wpm = max(MIN_WPM, min(MAX_WPM, int(wpm)))
    with _lock:
        engine = _loaded()
        samples = engine.synth(text, voice_for(language, voice), wpm)
    return Speech(_trim_silence(samples), engine.rate)


def _trim_silence(samples: np.ndarray, threshold: int = 200) -> np.ndarray:
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > threshold)
    if not len(loud):
        return samples[:0]
    tail = round(SAMPLE_RATE * 0.08)  # keep the end of the last word's decay
    return samples[max(0, loud[0] - tail // 2) : min(len(samples), loud[-1] + tail)]
