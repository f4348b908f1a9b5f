"""Sound: every audio segment and every unmuted video segment, placed, shaped and mixed to 48 kHz stereo.

Each source is trimmed to what the timeline plays (looped first when `loop` is set), brought to
48 kHz stereo (mono is copied to both sides at full level), given its speed, volume and fades, and
delayed to its start. Music (`m.role == "bgm"` or `gen:music:*`) is summed on its own bus and ducked
by `sidechaincompress` keyed from the voice bus (`m.role == "voice"` or `gen:voice:*`) when both
exist. A silent bed as long as the video goes into the final sum, so the file always has sound.
"""

from __future__ import annotations

from pathlib import Path

from .errors import DraftError
from .filtergraph import FilterGraph, f
from .probe import MediaProbe
from .runs import Clip, plan_runs
from .timeline import AUDIO, VIDEO, AudioSegment, Canvas, Timeline, Track, VisualSegment

RATE = 48000
DECLICK_MS = 15
# Threshold -40 dBFS, 8:1, 20 ms attack, 400 ms release; mixing 20 % of the dry music back
# caps the dip at about -14 dB, so loud speech cannot silence the music (speech
# at -23 dBFS RMS dips it by about 10 dB, speech at -9 dBFS by 13).
DUCKING = {"threshold": 0.01, "ratio": 8, "attack": 20, "release": 400, "knee": 2, "makeup": 1, "mix": 0.8}


def _tempo(speed: float) -> list[str]:
    filters = []
    while speed < 0.5:
        filters.append("atempo=0.5")
        speed /= 0.5
    while speed > 2.0:
        filters.append("atempo=2.0")
        speed /= 2.0
    if abs(speed - 1.0) > 1e-9:
        filters.append(f"atempo={speed:.6f}")
    return filters


def _bus(track: Track, src: str) -> str:
    if track.role == "bgm" or src.startswith("gen:music:"):
        return "bgm"
    if track.role == "voice" or src.startswith("gen:voice:"):
        return "voice"
    return "other"


class AudioBuilder:
    def __init__(
        self, graph: FilterGraph, media: dict[str, Path], probes: dict[str, MediaProbe], total_ms: float
    ):
        self.g, self.media, self.probes, self.total_ms = graph, media, probes, total_ms

    def _play(
        self,
        *,
        path: Path,
        info: MediaProbe,
        st: int,
        play_ms: float,
        in_ms: float,
        speed: float,
        vol: float,
        fade_in: float,
        fade_out: float,
        loop: bool,
    ) -> str:
        if loop:
            # -ss with -stream_loop restarts the timestamps at every wrap and atrim then cuts
            # nothing: loop from the top, number the samples, and trim the in-point in the graph.
            options = ["-stream_loop", "-1"]
            skip = in_ms % info.duration_ms if info.duration_ms else in_ms
        else:
            options = ["-ss", f"{in_ms / 1000:.6f}"] if in_ms > 0 else []
            options += ["-t", f"{play_ms * speed / 1000 + 0.05:.6f}"]
            skip = 0
        index = self.g.add_input(path, *options)
        filters = ["pan=stereo|c0=c0|c1=c0"] if info.audio_channels == 1 else []
        filters += [
            f("aresample", RATE),
            f("aformat", sample_fmts="fltp", channel_layouts="stereo"),
            *(["asetpts=N/SR/TB"] if loop else []),
            f("atrim", start=f"{skip / 1000:.6f}", duration=f"{play_ms * speed / 1000:.6f}"),
            "asetpts=PTS-STARTPTS",
            *_tempo(speed),
            f("volume", f"{vol:.6f}"),
        ]
        fade_in, fade_out = min(fade_in, play_ms), min(fade_out, play_ms)
        if fade_in + fade_out > play_ms:
            fade_in, fade_out = (
                fade_in * play_ms / (fade_in + fade_out),
                fade_out * play_ms / (fade_in + fade_out),
            )
        if fade_in > 0:
            filters.append(f("afade", t="in", st=0, d=f"{fade_in / 1000:.6f}"))
        if fade_out > 0:
            filters.append(
                f("afade", t="out", st=f"{(play_ms - fade_out) / 1000:.6f}", d=f"{fade_out / 1000:.6f}")
            )
        if st > 0:
            filters.append(f("adelay", delays=st, all=1))
        return self.g.chain([f"{index}:a"], filters, "a")

    def _length(self, seg: AudioSegment | VisualSegment, info: MediaProbe, loop: bool) -> float:
        if info.duration_ms is not None and not loop:
            if seg.in_ms >= info.duration_ms:
                raise DraftError(
                    f'{seg.where}: "in" ({seg.in_ms} ms) is past the end of {seg.src} '
                    f"({info.duration_ms} ms)",
                    seg.where.split(" ")[0] + ".in",
                )
            return min(seg.d, (info.duration_ms - seg.in_ms) / seg.speed)
        return seg.d

    def audio_segment(self, seg: AudioSegment) -> str:
        info = self.probes[seg.src]
        if not info.has_audio:
            raise DraftError(f'{seg.where}: "src" {seg.src} has no sound', seg.where.split(" ")[0] + ".src")
        return self._play(
            path=self.media[seg.src],
            info=info,
            st=seg.st,
            play_ms=self._length(seg, info, seg.loop),
            in_ms=seg.in_ms,
            speed=seg.speed,
            vol=seg.vol,
            fade_in=seg.fade_in,
            fade_out=seg.fade_out,
            loop=seg.loop,
        )

    def video_sound(self, clip: Clip, following: Clip | None, canvas: Canvas) -> str | None:
        """A video clip's own sound over the frames the picture plays (a crossfade starts the incoming
        clip early and runs the outgoing one late, so their sounds cross instead of dipping), faded
        with its transitions; None when it has none or is muted."""
        seg = clip.seg
        info = self.probes.get(seg.src)
        if seg.mute or seg.vol == 0 or info is None or info.kind != "video" or not info.has_audio:
            return None
        self._length(seg, info, False)  # refuses an in-point past the end of the file
        start, end = canvas.ms(clip.start), canvas.ms(clip.end)
        in_ms = seg.in_ms - (seg.st - start) * seg.speed
        if in_ms < 0:  # nothing before the in-point to cross with: start later
            start, in_ms = start - in_ms / seg.speed, 0.0
        play_ms = end - start
        if info.duration_ms is not None:
            play_ms = min(play_ms, (info.duration_ms - in_ms) / seg.speed)
        if play_ms <= 0:
            return None
        fade_in = canvas.ms(clip.xfade or clip.fade_in) or DECLICK_MS
        out_frames = following.xfade if following and following.xfade else clip.fade_out
        fade_out = canvas.ms(out_frames) or DECLICK_MS
        return self._play(
            path=self.media[seg.src],
            info=info,
            st=round(start),
            play_ms=play_ms,
            in_ms=in_ms,
            speed=seg.speed,
            vol=seg.vol,
            fade_in=fade_in,
            fade_out=fade_out,
            loop=False,
        )

    def _sum(self, labels: list[str]) -> str:
        if len(labels) == 1:
            return labels[0]
        return self.g.chain(labels, [f("amix", inputs=len(labels), normalize=0, duration="longest")], "a")

    def _silence(self) -> str:
        return self.g.chain(
            [], [f("anullsrc", r=RATE, cl="stereo"), f("atrim", duration=f"{self.total_ms / 1000:.6f}")], "a"
        )

    def mix(self, timeline: Timeline) -> str:
        """The whole soundtrack, exactly as long as the video."""
        buses: dict[str, list[str]] = {"bgm": [], "voice": [], "other": []}
        for track in timeline.tracks:
            if track.tt == AUDIO:
                for seg in track.sounds():
                    buses[_bus(track, seg.src)].append(self.audio_segment(seg))
            elif track.tt == VIDEO:
                for run in plan_runs(track.visuals(), timeline.canvas, base=True):
                    for clip, nxt in zip(run, [*run[1:], None], strict=True):
                        label = self.video_sound(clip, nxt, timeline.canvas)
                        if label:
                            buses["other"].append(label)
        parts = list(buses["other"])
        if buses["bgm"] and buses["voice"]:
            music = self._sum([*buses["bgm"], self._silence()])
            key, voice = self.g.split(self._sum(buses["voice"]), 2, "a")
            key = self.g.chain([key], ["apad"], "a")
            parts += [self.g.chain([music, key], [f("sidechaincompress", **DUCKING)], "a"), voice]
        else:
            parts += buses["bgm"] + buses["voice"]
        total = self._sum([*parts, self._silence()])
        return self.g.chain(
            [total],
            [
                f("atrim", duration=f"{self.total_ms / 1000:.6f}"),
                f("aformat", sample_fmts="fltp", sample_rates=RATE, channel_layouts="stereo"),
            ],
            "a",
        )
