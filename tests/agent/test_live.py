"""The agent through a live engine: a sample of the phrasing table, the two stages, free refusals,
narration exported, and the product's real output: a 200-word script → a 1080p 30 s MP4."""

from __future__ import annotations

import shutil
from pathlib import Path

import av
import numpy as np
import pytest

from nemo_tui.engine.hosting.local_engine import LocalEngine
from nemo_tui.engine.render.scenes.style import STYLES

from .drafts import SHORT_SCRIPT, valid
from .live import TEST_ENV, account, chat, credits, export, new_session, small_canvas, state
from .scripts import URBAN_DREAMS
from .test_phrasings import TABLE

FRAMES = Path("/tmp/nemo-agent-frames")
SAMPLE = [
    "add title 'Urban Dreams' 0-3s",
    "make the captions yellow",
    "move the title to the top",
    "lower the music to 20%",
    "remove clip 2",
    "swap clips 2 and 3",
    "make it 15 seconds",
    "use fade to black transitions",
    "加标题'城市之梦'",
    "把音乐调到20%",
    "剪掉前5秒",
    "交换片段2和3",
    "cut 0:05-0:10",
    "make it 竖屏",
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    with LocalEngine(tmp_path_factory.mktemp("agent-engine"), env=TEST_ENV) as running:
        yield running


@pytest.fixture
def api(engine):
    with account(engine.url) as client:
        yield client


def test_a_sample_of_the_table_through_live_turns(api):
    checks = {message: (start, check) for start, message, check in TABLE}
    sid = new_session(api)
    chat(api, sid, "generate a 20-second promo video on plain backgrounds from this script: " + SHORT_SCRIPT)
    for message in SAMPLE:
        start, check = checks[message]
        assert start == "gen"
        before = state(api, sid)["draft"]
        turn = chat(api, sid, message)
        assert turn.status == 200 and not turn.errors, turn.events
        after = state(api, sid)["draft"]
        assert check(before, after), (message, turn.texts)
        assert valid(after) and turn.texts[-1].splitlines()[-1].startswith(("Timeline (", "时间线（"))
        undo = chat(api, sid, "undo" if ord(message[0]) < 128 else "撤销")
        assert undo.calls == ["undo"] and state(api, sid)["draft"] == before, message


def test_generation_is_two_stages_and_refusals_are_free(api):
    sid = new_session(api)
    start = credits(api)
    turn = chat(api, sid, "generate a 10-second vertical video from this script: Go. Run. Win.")
    assert turn.calls == ["generate_video", "finish_video"]
    drafts = [d["draft"] for d in turn.state_deltas() if "draft" in d]
    assert len(drafts) == 2
    assert not any(t["m"].get("role") == "bgm" for t in drafts[0]["t"])  # the first cut
    assert any(t["m"].get("role") == "bgm" for t in drafts[1]["t"])  # then music and title
    assert drafts[1]["canvas"]["h"] == 1920 and credits(api) == start - 20
    before = state(api, sid)
    for message in ("what's the weather like?", "remove the clip", "make it shorter", "导出", "export"):
        turn = chat(api, sid, message)
        assert turn.status == 200 and credits(api) == start - 20, message
        assert state(api, sid)["draft"] == before["draft"], message


def test_a_narrated_video_exports_with_its_voice(api, tmp_path):
    sid = new_session(api)
    chat(
        api,
        sid,
        "generate an 8-second video with a voice-over from this script: Urban Dreams. Order yours today.",
    )
    draft = state(api, sid)["draft"]
    assert any(t["m"].get("role") == "voice" for t in draft["t"])
    done = export(api, sid, small_canvas(draft))
    assert done["status"] == "completed", done
    out = tmp_path / "voice.mp4"
    out.write_bytes(api.get(done["outputUrl"]).content)
    sound = _audio(out)
    assert np.sqrt(np.mean(sound**2)) > 0.02


def _audio(path: Path) -> np.ndarray:
    with av.open(str(path)) as container:
        chunks = [frame.to_ndarray().mean(axis=0) for frame in container.decode(audio=0)]
    return np.concatenate(chunks)


def test_a_200_word_script_becomes_a_30_second_1080p_video(api):
    assert 190 <= len(URBAN_DREAMS.split()) <= 230
    sid = new_session(api)
    turn = chat(api, sid, "generate a 30-second promo video from this text script: " + URBAN_DREAMS)
    assert turn.calls == ["generate_video", "finish_video"] and not turn.errors
    draft = state(api, sid)["draft"]
    roles = {t["m"].get("role") for t in draft["t"]}
    assert {"main", "bgm"} <= roles and draft["canvas"]["w"] == 1920
    scenes = draft["t"][0]["sg"]
    assert all(s["src"].startswith("scene:") for s in scenes)  # designed scenes, words drawn by them
    done = export(api, sid, draft)
    assert done["status"] == "completed", done
    out = FRAMES / "urban-dreams.mp4"
    shutil.rmtree(FRAMES, ignore_errors=True)
    FRAMES.mkdir(parents=True)
    out.write_bytes(api.get(done["outputUrl"]).content)
    # Each scene once its words have entered: words drawn (white pixels), and no two scenes alike.
    wanted = {(s["st"] + s["d"] * 0.8) / 1000: f"scene-{k}" for k, s in enumerate(scenes)}
    frames: dict[str, np.ndarray] = {}
    with av.open(str(out)) as container:
        video = container.streams.video[0]
        assert (video.codec_context.width, video.codec_context.height) == (1920, 1080)
        assert abs(container.duration / 1e6 - 30.0) <= 0.5
        for frame in container.decode(video=0):
            t = float(frame.pts * video.time_base)
            for at, name in list(wanted.items()):
                if t >= at:
                    frames[name] = frame.to_ndarray(format="rgb24").astype(np.int16)
                    _save_png(frames[name].astype(np.uint8), FRAMES / f"{name}.png")  # to look at
                    del wanted[at]
            if not wanted:
                break
    assert len(frames) == len(scenes)
    for name, pixels in frames.items():
        white = pixels.mean(axis=2) > 220
        accent = np.abs(pixels - np.array(STYLES["bold"].accent)).max(axis=2) < 30  # highlighted words
        assert (white | accent).mean() > 0.004, name  # words are drawn
    shown = list(frames.values())
    assert all(np.abs(a - b).mean() > 6 for a, b in zip(shown, shown[1:], strict=False))
    sound = _audio(out)
    assert np.sqrt(np.mean(sound**2)) > 0.01  # the music is in the file
    spectrum = np.abs(np.fft.rfft(sound[: 2**19]))
    freqs = np.fft.rfftfreq(2**19, 1 / 48000)
    centroid = (freqs * spectrum).sum() / spectrum.sum()
    assert np.sqrt(((freqs - centroid) ** 2 * spectrum).sum() / spectrum.sum()) > 500  # not a pure tone


def _save_png(rgb: np.ndarray, path: Path) -> None:
    """Write one RGB frame as a PNG with PyAV's encoder (no imaging library needed)."""
    with av.open(str(path), "w", format="image2") as out:
        stream = out.add_stream("png", rate=1)
        stream.width, stream.height, stream.pix_fmt = rgb.shape[1], rgb.shape[0], "rgb24"
        out.mux(stream.encode(av.VideoFrame.from_ndarray(rgb, format="rgb24")))
        out.mux(stream.encode(None))
