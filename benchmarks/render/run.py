"""The reference timeline rendered three ways: our one-graph renderer, MoviePy 2.x, and encode only.

Reference timeline (30 s, 1920x1080, 30 fps): five 2400x1600 pictures of 6 s each with Ken Burns
moves and 0.5 s crossfades, a title over the first 3 s, one caption per picture, music at 35 % with
fades. Pictures and music are made by ffmpeg. The encode-only run is ffmpeg encoding a 30 s still
(the first picture at 1080p, decoded once) plus the music with the same x264/AAC settings: the
floor for any renderer that encodes the same file.

    python benchmarks/render/run.py [--repeat N] [--skip-moviepy] [--only ours,still,reencode] [--workdir DIR]

`nemo_tui` is imported from wherever Python finds it: `PYTHONPATH=/other/tree` times another tree's
renderer with this script (the Ken Burns comparison in the README ran both trees so, interleaved).

MoviePy is not a dependency of nemo-tui: `pip install moviepy` into the venv to run this.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import av

from nemo_tui.engine.render import render_draft
from nemo_tui.engine.render.ffmpeg import ffmpeg_exe
from nemo_tui.engine.render.fonts import FONT_PATH
from nemo_tui.engine.render.probe import forget_probes

W, H, FPS, SCENE, FADE = 1920, 1080, 30, 6.0, 0.5
X264 = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-profile:v", "high", "-pix_fmt", "yuv420p"]
AAC = ["-c:a", "aac", "-b:a", "192k", "-ar", "48000", "-ac", "2"]
# Photo-like stills: smooth areas, edges and some fine detail (a noise-like texture such as
# `cellauto` makes x264 alone 3x slower when it moves; see README).
PICTURES = [
    "mandelbrot=s=2400x1600:end_pts=3",
    "testsrc2=s=2400x1600",
    "gradients=s=2400x1600:type=radial:n=4:c0=0x1E3C72:c1=0xE0A060:c2=0x2A5298:c3=0x71B280:seed=7:speed=0",
    "cellauto=s=2400x1600:rule=110,gblur=sigma=3,lutrgb=r=val*0.9:g=val*0.7:b=val*0.4",
    "mandelbrot=s=2400x1600:start_x=-0.7436438870:start_y=0.1318259042:start_scale=0.01:end_pts=1",
]
MOVES = [
    ([1.0, 0.5, 0.5], [1.15, 0.5, 0.5]),
    ([1.15, 0.5, 0.45], [1.0, 0.5, 0.55]),
    ([1.05, 0.48, 0.5], [1.15, 0.52, 0.5]),
    ([1.15, 0.5, 0.55], [1.05, 0.5, 0.45]),
    ([1.0, 0.5, 0.5], [1.12, 0.5, 0.48]),
]
CAPTIONS = [
    "The city wakes before the sun.",
    "Every street tells a story worth hearing.",
    "Patterns repeat, and then they change.",
    "Life finds a way between the lines.",
    "Night falls and the lights come alive.",
]
TITLE = "Urban Dreams"


def _ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def make_media(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, source in enumerate(PICTURES, start=1):
        if not (folder / f"pic{i}.png").exists():
            _ffmpeg(
                "-f", "lavfi", "-i", source, "-frames:v", "1", "-update", "1", str(folder / f"pic{i}.png")
            )
    if not (folder / "music.wav").exists():
        chord = "+".join(f"0.12*sin(2*PI*{f}*t)" for f in (220, 277.18, 329.63))
        _ffmpeg("-f", "lavfi", "-i", f"aevalsrc=({chord})*(0.7+0.3*sin(2*PI*0.5*t)):s=44100:c=stereo:d=30",
                str(folder / "music.wav"))  # fmt: skip
    if not (folder / "still.png").exists():
        _ffmpeg("-i", str(folder / "pic1.png"), "-vf", f"scale={W}:{H}:force_original_aspect_ratio=increase,"
                f"crop={W}:{H}", "-update", "1", str(folder / "still.png"))  # fmt: skip


def reference_draft() -> dict:
    scenes, captions = [], []
    for i, (start, end) in enumerate(MOVES):
        seg = {"id": f"p{i + 1}", "st": int(i * SCENE * 1000), "d": int(SCENE * 1000)}
        seg.update(
            {"src": f"media:pic{i + 1}", "fit": "cover", "fx": {"kenburns": {"from": start, "to": end}}}
        )
        if i:
            seg["tr"] = {"type": "fade", "d": int(FADE * 1000)}
        scenes.append(seg)
        style = {"size": 54, "color": "#FFFFFF", "pos": "bottom", "box": "#00000080", "anim": "fade"}
        captions.append(
            {"id": f"c{i + 1}", "st": seg["st"], "d": seg["d"], "text": CAPTIONS[i], "style": style}
        )
    title_style = {"size": 96, "color": "#FFFFFF", "pos": "center", "box": "#00000080", "anim": "fade"}
    music = {"id": "m1", "st": 0, "d": 30000, "src": "media:music", "vol": 0.35, "fade_in": 500,
             "fade_out": 1500, "loop": True}  # fmt: skip
    return {
        "v": 1,
        "canvas": {"w": W, "h": H, "fps": FPS, "bg": "#000000"},
        "t": [
            {"id": "v1", "tt": 0, "m": {"name": "Main"}, "sg": scenes},
            {"id": "a1", "tt": 1, "m": {"name": "BGM", "role": "bgm"}, "sg": [music]},
            {"id": "x1", "tt": 7, "m": {"name": "Captions"}, "sg": captions},
            {"id": "x2", "tt": 7, "m": {"name": "Title"},
             "sg": [{"id": "t1", "st": 0, "d": 3000, "text": TITLE, "style": title_style}]},
        ],
    }  # fmt: skip


def run_ours(folder: Path, out: Path) -> None:
    def resolve(src: str) -> Path:
        name = src.split(":", 1)[1]
        return folder / (f"{name}.wav" if name == "music" else f"{name}.png")

    forget_probes()  # a first render: every picture probed, as for a new draft
    asyncio.run(render_draft(reference_draft(), out, resolve=resolve))


def run_encode_only(folder: Path, out: Path) -> None:
    still = f"[0:v]format=yuv420p,loop=loop={int(30 * FPS) - 1}:size=1,setpts=N/{FPS}/TB[v]"
    inputs = ["-i", str(folder / "still.png"), "-i", str(folder / "music.wav")]
    _ffmpeg(
        *inputs, "-filter_complex", still, "-map", "[v]", "-map", "1:a", "-t", "30", *X264, *AAC, str(out)
    )


def run_encode_loop(folder: Path, out: Path) -> None:
    """The usual way to encode a still (`-loop 1`): the PNG is decoded again for every frame."""
    inputs = ["-loop", "1", "-framerate", str(FPS), "-t", "30", "-i", str(folder / "still.png")]
    _ffmpeg(
        *inputs,
        "-i",
        str(folder / "music.wav"),
        "-map",
        "0:v",
        "-map",
        "1:a",
        "-t",
        "30",
        *X264,
        *AAC,
        str(out),
    )


def run_reencode(folder: Path, out: Path) -> None:
    """Our output decoded and encoded again: what x264 alone costs for these moving pictures."""
    ours = folder / "out-ours.mp4"
    _ffmpeg("-i", str(ours), "-map", "0:v", "-map", "0:a", *X264, *AAC, str(out))


def run_moviepy(folder: Path, out: Path) -> None:
    from moviepy import AudioFileClip, CompositeVideoClip, ImageClip, TextClip, afx, vfx

    layers = []
    for i, ((z0, ax, ay), (z1, bx, by)) in enumerate(MOVES):
        start, end = max(0.0, i * SCENE - FADE / 2), min(30.0, (i + 1) * SCENE + FADE / 2)
        length = end - start
        picture = ImageClip(str(folder / f"pic{i + 1}.png"))
        cover = max(W / picture.w, H / picture.h)

        def scale(t: float, z0=z0, z1=z1, cover=cover, length=length) -> float:
            return cover * z0 * (z1 / z0) ** (t / length)

        def place(t: float, ax=ax, ay=ay, bx=bx, by=by, scale=scale, pic=picture, length=length) -> tuple:
            p, s = t / length, scale(t)
            return (W / 2 - (ax + (bx - ax) * p) * pic.w * s, H / 2 - (ay + (by - ay) * p) * pic.h * s)

        clip = picture.resized(scale).with_position(place).with_start(start).with_duration(length)
        if i:
            clip = clip.with_effects([vfx.CrossFadeIn(FADE)])
        layers.append(clip)
        caption = TextClip(font=str(FONT_PATH), text=CAPTIONS[i], font_size=54, color="white",
                           bg_color=(0, 0, 0, 128), margin=(16, 16))  # fmt: skip
        caption = (
            caption.with_start(i * SCENE).with_duration(SCENE).with_position(("center", H - 80 - caption.h))
        )
        layers.append(caption.with_effects([vfx.CrossFadeIn(0.3), vfx.CrossFadeOut(0.3)]))
    title = TextClip(font=str(FONT_PATH), text=TITLE, font_size=96, color="white", bg_color=(0, 0, 0, 128),
                     margin=(30, 30)).with_start(0).with_duration(3).with_position("center")  # fmt: skip
    layers.append(title.with_effects([vfx.CrossFadeIn(0.3), vfx.CrossFadeOut(0.3)]))
    music = AudioFileClip(str(folder / "music.wav")).with_effects(
        [afx.MultiplyVolume(0.35), afx.AudioFadeIn(0.5), afx.AudioFadeOut(1.5)]
    )
    video = CompositeVideoClip(layers, size=(W, H)).with_duration(30).with_audio(music)
    params = ["-crf", "20", "-profile:v", "high", "-pix_fmt", "yuv420p"]
    video.write_videofile(
        str(out), fps=FPS, codec="libx264", preset="veryfast", audio_codec="aac", audio_bitrate="192k",
        audio_fps=48000, threads=os.cpu_count(), logger=None, ffmpeg_params=params,
    )  # fmt: skip


def _check(out: Path) -> str:
    with av.open(str(out)) as c:
        v = c.streams.video[0]
        return f"{v.width}x{v.height} {v.codec_context.profile} {float(c.duration / 1e6):.2f} s"


def _cpu() -> float:
    """CPU seconds used so far by this process and its children (user + system)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} cores, {model}, {platform.system()} {platform.release()}, load {load:.2f}"


def _versions(moviepy: bool) -> str:
    from importlib.metadata import version  # the dist's own: moviepy.__version__ lags (2.2.1 says 2.1.2)

    ffmpeg = subprocess.run([ffmpeg_exe(), "-version"], capture_output=True, text=True).stdout.split()[2]
    names = ["imageio-ffmpeg", "av"] + (["moviepy"] if moviepy else [])
    return ", ".join([f"ffmpeg {ffmpeg}", *(f"{n} {version(n)}" for n in names)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="rounds, interleaved; medians are reported")
    parser.add_argument("--skip-moviepy", action="store_true")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/nemo-render-bench"))
    parser.add_argument("--only", help="comma-separated runs to do: ours, still, loop, reencode, moviepy")
    args = parser.parse_args()
    make_media(args.workdir)
    runners = {
        "ours (one ffmpeg graph)": run_ours,
        "encode only (still)": run_encode_only,
        "encode only (-loop 1)": run_encode_loop,
        "re-encode our output": run_reencode,
    }
    if not args.skip_moviepy:
        runners["MoviePy 2.x"] = run_moviepy
    if args.only:
        keys = dict(zip(("ours", "still", "loop", "reencode", "moviepy"), runners, strict=False))
        runners = {keys[k]: runners[keys[k]] for k in args.only.split(",")}
    print(f"machine: {_machine()}", flush=True)
    print(f"versions: {_versions(not args.skip_moviepy)}", flush=True)
    times: dict[str, list[float]] = {name: [] for name in runners}
    cpus: dict[str, list[float]] = {name: [] for name in runners}
    for round_no in range(args.repeat):
        for name, runner in runners.items():
            slug = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
            out = args.workdir / ("out-ours.mp4" if runner is run_ours else f"out-{slug}.mp4")
            start, cpu = time.perf_counter(), _cpu()
            runner(args.workdir, out)
            elapsed, used = time.perf_counter() - start, _cpu() - cpu
            times[name].append(elapsed)
            cpus[name].append(used)
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far
            print(
                f"round {round_no + 1}: {name:26} {elapsed:7.2f} s  cpu {used:7.2f} s  ({_check(out)})"
                f"  peak {peak:.0f} MB",
                flush=True,
            )
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"\nmedian of {args.repeat} run(s); machine load after: {os.getloadavg()[0]:.2f}")
    for name, value in medians.items():
        cpu = statistics.median(cpus[name])
        print(f"  {name:26} {value:7.2f} s   {30 / value:5.2f}x real time   cpu {cpu:7.2f} s")
    (args.workdir / "results.json").write_text(
        json.dumps({"machine": _machine(), "seconds": times, "cpu_seconds": cpus}, indent=1)
    )
    if not {"ours (one ffmpeg graph)", "encode only (still)", "re-encode our output"} <= set(medians):
        return 0
    ours, floor = medians["ours (one ffmpeg graph)"], medians["encode only (still)"]
    print(f"  ours / encode only         {ours / floor:7.2f}  (target <= 1.5)")
    if "encode only (-loop 1)" in medians:
        print(f"  ours / encode (-loop 1)    {ours / medians['encode only (-loop 1)']:7.2f}")
    reencode = "re-encode our output"
    print(f"  ours / re-encode           {ours / medians[reencode]:7.2f}")
    cpu_ratio = statistics.median(cpus["ours (one ffmpeg graph)"]) / statistics.median(cpus[reencode])
    print(f"  ours / re-encode, CPU      {cpu_ratio:7.2f}  (target <= 1.5)")
    if "MoviePy 2.x" in medians:
        print(f"  MoviePy / ours             {medians['MoviePy 2.x'] / ours:7.2f}  (target >= 10)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
