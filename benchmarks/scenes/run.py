"""The README's script to a finished 30-second 1080p MP4: designed scenes beside the plain version.

Both videos are made the way the engine makes them (the agent's storyboard from
`examples/promo_script.txt`, lo-fi music at 35 %), then rendered by `render_draft` at export
quality. Runs interleave the two versions; each designed run starts with an empty scene cache. After
each designed run, one scene's words are edited and the video exported again with the cache the
first export filled: the cost of a re-export after a one-scene edit.

    python benchmarks/scenes/run.py [--repeat N] [--workdir DIR]

Where the time goes is reported per phase: drawing the scenes (compositing and writing their clips)
and the main ffmpeg render (decoding the clips, transitions, sound, x264 veryfast).
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import os
import platform
import shutil
import statistics
import time
from pathlib import Path
from typing import Any

from nemo_tui.engine.agent.edits import draft_ops as ops
from nemo_tui.engine.agent.edits import storyboard
from nemo_tui.engine.agent.media.music import MusicLibrary
from nemo_tui.engine.render import render as render_module
from nemo_tui.engine.render import render_draft
from nemo_tui.engine.storage.file_storage import DirectoryStorage

SCRIPT = Path(__file__).parents[2] / "examples" / "promo_script.txt"


def first_cut(plain: bool) -> dict[str, Any]:
    cpl = storyboard.line_width("16:9", designed=not plain)
    story = storyboard.plan_story(
        SCRIPT.read_text(), target_ms=30000, visuals=[], chars_per_line=cpl, designed=not plain
    )
    draft = storyboard.build_draft(story, target_ms=30000, background=storyboard.PLAIN if plain else None)
    bgm = ops.add_track(draft, ops.AUDIO, "bgm", "Lo-fi")
    bgm["sg"].append({"id": "m1", "st": 0, "d": draft["d"], "src": "gen:music:lofi", "vol": 0.35, "loop": True,  # noqa: E501
                      "fade_in": 500, "fade_out": 1500})  # fmt: skip
    return draft


class Phases:
    """Times the scene drawing apart from the main render by wrapping `draw_scene_clips`."""

    def __init__(self) -> None:
        self.scenes = 0.0
        original = render_module.draw_scene_clips

        async def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return await original(*args, **kwargs)
            finally:
                self.scenes += time.perf_counter() - start

        render_module.draw_scene_clips = timed  # type: ignore[assignment]


async def export(
    draft: dict[str, Any], out: Path, music: Path, cache: Path, phases: Phases
) -> tuple[float, float]:
    before = phases.scenes
    start = time.perf_counter()
    await render_draft(draft, out, resolve=lambda src: music, scene_cache=cache)
    wall = time.perf_counter() - start
    return wall, phases.scenes - before


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/nemo-scenes-bench"))
    args = parser.parse_args()
    work: Path = args.workdir
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    music = await MusicLibrary(DirectoryStorage(work / "media")).ensure("lofi")
    phases = Phases()
    rows: dict[str, list[tuple[float, float]]] = {
        "plain": [],
        "designed": [],
        "re-export after a one-scene edit": [],
    }
    for k in range(args.repeat):
        for plain in (True, False):
            draft = first_cut(plain)
            cache = work / f"cache-{k}-{plain}"
            name = "plain" if plain else "designed"
            rows[name].append(await export(draft, work / f"{name}.mp4", music, cache, phases))
            if not plain:
                edited = copy.deepcopy(draft)
                scene = next(
                    s for s in edited["t"][0]["sg"] if s.get("scene", {}).get("template") == "headline"
                )
                scene["scene"]["headline"] = "Every morning, millions cross the city with all they own."
                rows["re-export after a one-scene edit"].append(
                    await export(edited, work / "edited.mp4", music, cache, phases)
                )
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())  # fmt: skip
    print(f"machine: {os.cpu_count()} cores, {cpu}; load average before: {os.getloadavg()[0]:.1f}")
    print("| run | wall (median) | drawing scenes | main render | runs |")
    print("|---|---|---|---|---|")
    for name, values in rows.items():
        walls, drawing = [w for w, _ in values], [d for _, d in values]
        wall, draw = statistics.median(walls), statistics.median(drawing)
        print(
            f"| {name} | {wall:.1f} s | {draw:.1f} s | {wall - draw:.1f} s | "
            f"{', '.join(f'{w:.1f}' for w in walls)} |"
        )
    print(json.dumps({k: v for k, v in rows.items()}))


if __name__ == "__main__":
    asyncio.run(main())
