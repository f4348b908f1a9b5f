"""One table of accepted upload types: the client refuses before sending exactly what the engine
refuses after receiving (they used to keep a table each, and disagreed on MPEG audio)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nemo_tui.core.errors import UnsupportedFileType
from nemo_tui.core.uploads import check_file
from nemo_tui.draft.wire import (
    ACCEPTED_EXTENSIONS,
    EXTENSION_ALIASES,
    KINDS,
    MAX_UPLOAD_BYTES,
    kind_for_extension,
)
from nemo_tui.engine.services.sniff import sniff

HEADS = {
    "mp4": b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41",
    "m4a": b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00",
    "mov": b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00",
    "webm": b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "mp3": b"\xff\xfb\x90\x64\x00\x00",
    "aac": b"\xff\xf1\x50\x80\x02\x1f",
    "adif": b"ADIF\x00\x00\x00\x00",  # AAC in an ADIF header: ffmpeg's demuxer does not read it
    "mp2": b"\xff\xfd\x90\x64\x00\x00",  # MPEG layer II frames, not layer III
    "free-bitrate": b"\xff\xfb\x00\x64\x00\x00",  # layer III with the "free" bitrate index
}


def _client_accepts(path: Path) -> bool:
    try:
        check_file(path)
    except UnsupportedFileType:
        return False
    return True


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("a.mp4", "mp4"), ("a.mp4", "m4a"), ("a.m4a", "mp4"), ("a.mov", "mp4"), ("a.mkv", "webm"),
        ("a.png", "png"), ("a.mp3", "mp3"), ("a.aac", "aac"), ("a.mp3", "aac"),
        ("a.aac", "adif"), ("a.mp3", "mp2"), ("a.mp3", "free-bitrate"), ("a.aac", "mp2"),
    ],
)  # fmt: skip
def test_client_accepts_what_the_engine_accepts(tmp_path: Path, name: str, head: str) -> None:
    path = tmp_path / name
    path.write_bytes(HEADS[head] + bytes(64))
    assert _client_accepts(path) == (sniff(path.read_bytes()) is not None)


def test_the_table_is_the_one_the_protocol_lists() -> None:
    protocol = (Path(__file__).resolve().parents[2] / "docs" / "protocol.md").read_text(encoding="utf-8")
    listed = re.search(r"Uploads accept (.+?), up to (\d+) MB\.", protocol)
    assert listed is not None
    assert re.split(r", | and ", listed.group(1)) == list(KINDS)
    assert int(listed.group(2)) * 1024 * 1024 == MAX_UPLOAD_BYTES
    assert set(ACCEPTED_EXTENSIONS) == set(KINDS) | set(EXTENSION_ALIASES)
    assert all(kind_for_extension(ext) is not None for ext in ACCEPTED_EXTENSIONS)
