"""Narration files: spoken lines as WAVs in the engine's storage, named by what they say.

A line's id is a hash of its words, language, speaking rate and voice (`speech.VARIANTS`; the
default voice adds nothing, so ids made before voices existed stay the same), so the same line is
made once and a draft's `gen:voice:<id>` source always means the same sound. The voice segment
also carries the words (`m.text`, `m.lang`, `m.wpm`, `m.voice`), so an export can make the file
again if it is missing (a new data folder, a cleaned cache): `resolve()` does that and checks the
id still matches.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...storage.file_storage import MediaStorage
from . import speech

_ID = re.compile(r"^[0-9a-f]{16}$")


def voice_id(text: str, language: str, wpm: int, voice: str = "default") -> str:
    variant = "" if voice == "default" else f"|{voice}"
    return hashlib.sha256(f"{language}|{int(wpm)}|{text}{variant}".encode()).hexdigest()[:16]


def storage_key(vid: str) -> str:
    if not _ID.match(vid):
        raise KeyError(f"not a voice id: {vid!r}")
    return f"generated/voice/{vid}.wav"


@dataclass(frozen=True)
class Line:
    """One spoken line, ready to place on the timeline."""

    text: str
    language: str
    wpm: int
    duration_ms: int
    voice: str = "default"

    @property
    def id(self) -> str:
        return voice_id(self.text, self.language, self.wpm, self.voice)

    @property
    def src(self) -> str:
        return f"gen:voice:{self.id}"

    def meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = {"name": "Voice-over", "text": self.text, "lang": self.language}
        meta["wpm"] = self.wpm
        if self.voice != "default":
            meta["voice"] = self.voice
        return meta


def write_wav(path: Path, spoken: speech.Speech) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(spoken.rate)
        out.writeframes(spoken.samples.astype("<i2").tobytes())


class VoiceLibrary:
    """Spoken lines in storage (`generated/voice/<id>.wav`), made on demand."""

    def __init__(self, storage: MediaStorage) -> None:
        self._storage = storage
        self._durations: dict[str, int] = {}

    def path(self, vid: str) -> Path:
        return self._storage.local_path(storage_key(vid))

    async def measure(self, texts: list[str], language: str, wpm: int) -> list[int]:
        """How long each line takes to say, in ms (synthesised, not stored)."""
        missing = [t for t in texts if voice_id(t, language, wpm) not in self._durations]
        if missing:
            spoken = await asyncio.to_thread(lambda: [speech.synthesize(t, language, wpm) for t in missing])
            for text, sound in zip(missing, spoken, strict=True):
                self._durations[voice_id(text, language, wpm)] = sound.duration_ms
        return [self._durations[voice_id(t, language, wpm)] for t in texts]

    async def speak(self, text: str, language: str, wpm: int, voice: str = "default") -> Line:
        """The line as a stored WAV (made once)."""
        vid = voice_id(text, language, wpm, voice)
        key = storage_key(vid)
        if not self._storage.exists(key) or vid not in self._durations:
            spoken = await asyncio.to_thread(speech.synthesize, text, language, wpm, voice)
            self._durations[vid] = spoken.duration_ms
            if not self._storage.exists(key):
                tmp = self._storage.new_temp_path(".wav")
                await asyncio.to_thread(write_wav, tmp, spoken)
                await self._storage.put_file(tmp, key)
        return Line(text, language, wpm, self._durations[vid], voice)

    async def resolve(self, src: str, meta: dict[str, Any] | None = None) -> Path:
        """The file of a `gen:voice:<id>` source; made again from the segment's words if missing."""
        key, recipe = self._recipe(src, meta)
        if recipe is not None:
            try:
                await self.speak(*recipe)
            except speech.SpeechError as exc:
                raise KeyError(f"voice line {src[10:]} could not be made again: {exc}") from exc
        return self._storage.local_path(key)

    def check(self, src: str, meta: dict[str, Any] | None = None) -> Path:
        """Where `resolve` will find the file, without making it (an export's submission checks every
        source; making thousands of missing lines is the render's work, in the queue)."""
        key, _ = self._recipe(src, meta)
        return self._storage.local_path(key)

    def _recipe(self, src: str, meta: dict[str, Any] | None) -> tuple[str, tuple[str, str, int, str] | None]:
        """The storage key, and the words to say when the file is missing; KeyError if it is missing
        and the words do not make this id."""
        vid = src.removeprefix("gen:voice:")
        key = storage_key(vid)  # KeyError for a malformed id
        if self._storage.exists(key):
            return key, None
        meta = meta or {}
        text, language, wpm, voice = (
            meta.get("text"),
            str(meta.get("lang", "en")),
            meta.get("wpm", speech.DEFAULT_WPM),
            str(meta.get("voice", "default")),
        )
        if (
            not isinstance(text, str)
            or not isinstance(wpm, int)
            or voice not in speech.VARIANTS
            or voice_id(text, language, wpm, voice) != vid
        ):
            raise KeyError(f"voice line {vid} is not in storage and cannot be made again")
        return key, (text, language, wpm, voice)
