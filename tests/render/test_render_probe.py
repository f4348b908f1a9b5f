"""Probing media: remembered while the file is unchanged, and a still decoded only as often as needed."""

from __future__ import annotations

import importlib
import shutil
import struct
import zlib
from pathlib import Path

import pytest

# The module, not the `probe` function that `nemo_tui.engine.render` exports under the same name.
probing = importlib.import_module("nemo_tui.engine.render.probe")


def _png_turned(source: Path, path: Path) -> None:
    """`source` (a PNG) with an `eXIf` chunk after its header that says "turn 90° clockwise"."""
    ifd = struct.pack(">H", 1) + struct.pack(">HHIHH", 0x0112, 3, 1, 6, 0) + struct.pack(">I", 0)
    exif = b"MM\x00*" + struct.pack(">I", 8) + ifd
    chunk = struct.pack(">I", len(exif)) + b"eXIf" + exif + struct.pack(">I", zlib.crc32(b"eXIf" + exif))
    data = source.read_bytes()
    header_end = 8 + 4 + 4 + 13 + 4  # signature, then IHDR: length, type, 13 bytes, CRC
    path.write_bytes(data[:header_end] + chunk + data[header_end:])


def test_probe_is_remembered_until_the_file_changes(
    media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    real_open = probing.av.open
    monkeypatch.setattr(
        probing.av, "open", lambda path, *a, **k: opened.append(path) or real_open(path, *a, **k)
    )
    picture = tmp_path / "picture.png"
    shutil.copy(media / "photo.png", picture)

    first = probing.probe(picture)
    assert probing.probe(picture) is first and len(opened) == 1
    assert (first.width, first.height) == (640, 360)

    shutil.copy(media / "square.png", tmp_path / "new.png")
    (tmp_path / "new.png").replace(picture)  # replaced by another picture under the same name
    assert (probing.probe(picture).width, probing.probe(picture).height) == (200, 200)
    assert len(opened) == 2

    picture.unlink()
    with pytest.raises(ValueError, match="cannot read picture.png"):
        probing.probe(picture)


def test_orientation_is_read_only_from_pictures_with_exif(
    media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading a still's orientation decodes it once more; a file with no EXIF cannot be turned."""
    probing.forget_probes()
    decoded: list[str] = []
    real_turned = probing._turned
    monkeypatch.setattr(probing, "_turned", lambda c, s: decoded.append(c.name) or real_turned(c, s))
    _png_turned(media / "blobs.png", tmp_path / "phone.png")

    plain = probing.probe(media / "blobs.png")
    assert (plain.width, plain.height) == (640, 360) and decoded == []
    # Turned: the JPEG by its APP1 EXIF, the PNG by its eXIf chunk (640x360 stored, 360x640 shown).
    assert (probing.probe(media / "phone.jpg").width, probing.probe(media / "phone.jpg").height) == (200, 400)
    turned = probing.probe(tmp_path / "phone.png")
    assert (turned.width, turned.height) == (360, 640)
    assert turned.input_options()[-1] == "640x360"
    assert len(decoded) == 2
