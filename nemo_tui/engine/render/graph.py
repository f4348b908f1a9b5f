"""The whole render as one ffmpeg command: inputs, one `filter_complex` (written to a file), encoders.

Stacking follows the order of tracks in the draft: the first visual track is the base (over the
canvas background), later visual tracks are overlaid, and each group of consecutive text tracks is
one `ass` pass over what lies below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .audio import RATE, AudioBuilder
from .colors import ffmpeg_color
from .filtergraph import FilterGraph, f
from .probe import MediaProbe
from .quality import Quality, output_size
from .runs import Clip, plan_runs, windows
from .text import Window, build_ass
from .timeline import TEXT, VIDEO, TextSegment, Timeline
from .video import VideoBuilder


@dataclass(frozen=True)
class RenderPlan:
    args: list[str]  # ffmpeg arguments, output file excluded
    frames: int
    duration_s: float
    size: tuple[int, int]
    graph: list[str] = field(default_factory=list)  # the inputs and the filter graph (start of `args`)
    video: str = ""  # the graph's output labels, "[v51]"
    audio: str = ""

    def unencoded(self) -> list[str]:
        """Arguments that run the graph without encoders, to measure the frames it draws: the sound
        goes nowhere, the pictures to the output the caller adds (`-f rawvideo …`)."""
        return [*self.graph, "-map", self.audio, "-f", "null", "-", "-map", self.video]


Part = Literal["both", "video", "audio"]


def build_plan(
    timeline: Timeline,
    media: dict[str, Path],
    probes: dict[str, MediaProbe],
    quality: Quality,
    workdir: Path,
    *,
    window: tuple[int, int] | None = None,
    part: Part = "both",
) -> RenderPlan:
    """Build the graph; text scripts and the graph itself are written into `workdir`.

    `window` (frames [first, end)) keeps only those frames of the picture, its first at time 0: a chunk
    of a longer render (see `window.py`). `part` leaves out the sound or the picture (chunks and the
    sound of a chunked render are encoded apart)."""
    canvas = timeline.canvas
    frames = max(canvas.frame(timeline.duration_ms), window[1] if window else 0)
    size = output_size(canvas.w, canvas.h, quality)
    g = FilterGraph()
    if part == "audio":
        total_ms = canvas.ms(frames)
        out_audio = f"[{AudioBuilder(g, media, probes, total_ms).mix(timeline)}]"
        graph = _graph_args(g, workdir)
        args = [*graph, "-map", out_audio, *_encoders(quality, video=False)]
        return RenderPlan(args, frames, total_ms / 1000, size, graph, "", out_audio)
    video = VideoBuilder(g, canvas, size, media, probes, quality.oversample)
    runs: dict[int, list[list[Clip]]] = {}
    cuts: list[Window] = []
    for track in timeline.tracks:
        if track.tt == VIDEO and track.segments:
            runs[track.index] = plan_runs(track.visuals(), canvas, base=not runs)
            cuts += windows(runs[track.index], canvas)
    picture: str | None = None
    texts: list[list[TextSegment]] = []
    for track in timeline.tracks:
        if track.index in runs:
            picture = _with_text(g, video, picture, texts, cuts, workdir, frames, timeline)
            texts = []
            if picture is None:
                picture = video.base(runs[track.index], frames)
            else:
                picture = video.over(picture, runs[track.index])
        elif track.tt == TEXT and track.segments:
            texts.append(list(track.texts()))
    picture = _with_text(g, video, picture, texts, cuts, workdir, frames, timeline)
    if picture is None:  # sound only: the background
        picture = video.solid(ffmpeg_color(canvas.bg), frames)
    tags = f("setparams", colorspace="smpte170m", range="tv", color_primaries="bt709", color_trc="bt709")
    cut = [f("trim", start_frame=window[0], end_frame=window[1]), "setpts=PTS-STARTPTS"] if window else []
    out_video = g.chain([picture], [*cut, "format=yuv420p", tags])
    if window:
        frames = window[1] - window[0]
    total_ms = canvas.ms(frames)
    video_label = f"[{out_video}]"
    if part == "video":
        graph = _graph_args(g, workdir)
        args = [*graph, "-map", video_label, *_encoders(quality, audio=False)]
        return RenderPlan(args, frames, total_ms / 1000, size, graph, video_label, "")
    audio_label = f"[{AudioBuilder(g, media, probes, total_ms).mix(timeline)}]"
    graph = _graph_args(g, workdir)
    args = [*graph, "-map", video_label, "-map", audio_label, *_encoders(quality)]
    return RenderPlan(args, frames, total_ms / 1000, size, graph, video_label, audio_label)


def _graph_args(g: FilterGraph, workdir: Path) -> list[str]:
    script = workdir / "graph.txt"
    script.write_text(g.script(), encoding="utf-8")
    return [*g.input_args(), "-/filter_complex", str(script)]


def _with_text(
    g: FilterGraph,
    video: VideoBuilder,
    picture: str | None,
    texts: list[list[TextSegment]],
    cuts: list[Window],
    workdir: Path,
    frames: int,
    timeline: Timeline,
) -> str | None:
    """Draw pending text tracks over `picture` (over the background if there is no picture yet)."""
    if not texts:
        return picture
    if picture is None:
        picture = video.solid(ffmpeg_color(timeline.canvas.bg), frames)
    ass = workdir / f"text{len(list(workdir.glob('text*.ass')))}.ass"
    ass.write_text(build_ass(timeline.canvas, texts, cuts), encoding="utf-8")
    return g.chain([picture], [f("ass", filename=str(ass))])


# BT.601 limited range: what the pictures are converted to (see video.py), with sRGB (BT.709) primaries.
_COLOUR_TAGS = "-colorspace smpte170m -color_primaries bt709 -color_trc bt709 -color_range tv".split()


def _encoders(quality: Quality, *, video: bool = True, audio: bool = True) -> list[str]:
    v = ["-c:v", "libx264", "-preset", quality.x264_preset, "-crf", str(quality.crf)]
    v += ["-profile:v", "high", "-pix_fmt", "yuv420p", *_COLOUR_TAGS]
    if quality.x264_params:
        v += ["-x264-params", quality.x264_params]
    if quality.keyint:  # no scene-cut keyframes: the preview's are where scenes start and every keyint
        v += ["-g", str(quality.keyint), "-keyint_min", "1", "-sc_threshold", "0"]
    if quality.keyframes_s:
        v += ["-force_key_frames", ",".join(f"{t:.3f}" for t in quality.keyframes_s)]
    a = ["-c:a", "aac", "-b:a", quality.audio_bitrate, "-ar", str(RATE), "-ac", "2"]
    return [*(v if video else []), *(a if audio else []), "-movflags", "+faststart"]
