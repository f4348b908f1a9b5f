"""Visual tracks as filters: each run of clips becomes one stream of pieces joined by `concat`.

A clip is drawn as up to three *pieces*: a head (the frames of its crossfade in), a body and a tail
(the frames of its crossfade out). A tail and the next clip's head are blended by `overlay` with an
alpha fade, so a crossfade costs work on its own frames only, in yuv420p. (`xfade` takes no 4:2:0
format, so every frame of every clip would be converted twice; and `split` + `trim` on a clip stream
lets frames pile up in memory.) Pieces of one still share its decoded, pre-scaled picture (a single
frame, split by reference); pieces of a video each read their own part of the file.

`concat` reads its next input only when it reaches it, so later clips cost no work until their time
(their buffers, though, stay until the end of the render: see docs/draft.md, "Memory").
The first visual track with segments is the base: its runs and the gaps between them (the canvas
background) are concatenated into one stream as long as the video. Runs of later tracks are
`overlay`-ed on top at their start frame.
"""

from __future__ import annotations

from pathlib import Path

from .colors import ffmpeg_color, parse_color, rgba
from .errors import DraftError
from .filtergraph import FilterGraph, f
from .kenburns import plan_kenburns
from .probe import MediaProbe
from .runs import Clip
from .timeline import Canvas

Span = tuple[int, int]  # frames [first, end) of a clip
# Colours. Every picture becomes BT.601 limited-range yuv420p, and the file says so (graph.py tags the
# output). RGB sources (stills, cards) lose their "RGB" colour tags first: ffmpeg would otherwise carry
# them into the conversion (an identity matrix, full range). swscale's default RGB -> BT.601 path is
# fast; asking it for BT.709 costs about 14 ms a 1080p frame. BT.709 videos are converted (colormatrix).
UNTAG = "setparams=colorspace=unknown:range=unknown"
TO_VIDEO = ["format=yuv420p"]
# What every piece is once converted, said before pieces meet in `concat`: ffmpeg negotiates one
# colour space and range for all of concat's inputs and converts the others to its first input's. Left
# untagged, a run that opens with a BT.709 video (a chunk's cut timeline may) changed its stills' colours.
TAGGED = f("setparams", colorspace="smpte170m", range="tv")


class VideoBuilder:
    """Adds the filters of visual tracks to a graph."""

    def __init__(
        self,
        graph: FilterGraph,
        canvas: Canvas,
        size: tuple[int, int],
        media: dict[str, Path],
        probes: dict[str, MediaProbe],
        oversample: float,
    ):
        self.g, self.canvas, self.media, self.probes = graph, canvas, media, probes
        self.w, self.h = size
        self.oversample = oversample
        self.rate = f"{canvas.fps.numerator}/{canvas.fps.denominator}"
        self.tb = f"{canvas.fps.denominator}/{canvas.fps.numerator}"
        self.bg = ffmpeg_color(canvas.bg)

    def _timed(self) -> list[str]:
        """Exact timestamps, frame i at i/fps, and the stream's frame rate set to match."""
        return [f("settb", expr=self.tb), "setpts=N", f("fps", self.rate)]

    def solid(self, color: str, frames: int) -> str:
        return self._repeat(self._card(color), [(0, frames)])[0]

    def _card(self, color: str) -> str:
        """One frame of a colour, in RGB (converted to video colours once, by `_repeat`)."""
        size = f"{self.w}x{self.h}"
        return self.g.chain(
            [], [f("color", c=color, s=size, r=self.rate), f("trim", end_frame=1), "format=rgb24"]
        )

    # Sources: one label per span of a clip.

    def _pieces(self, clip: Clip, spans: list[Span]) -> list[str]:
        scheme, _, rest = clip.seg.src.partition(":")
        if scheme == "color":
            return self._repeat(self._card(ffmpeg_color(rest)), spans)
        if scheme == "gradient":
            picture = self.g.chain([], self._gradient(*(parse_color(c.strip()) for c in rest.split(","))))
            return self._repeat(picture, spans)
        info = self.probes[clip.seg.src]
        if info.kind == "image":
            return self._image(clip, info, spans)
        if info.kind != "video":
            where = clip.seg.where
            raise DraftError(
                f'{where}: "src" {clip.seg.src} is {info.kind}, not a picture', _key(where, "src")
            )
        return [self._video(clip, info, a, b) for a, b in spans]

    def _gradient(self, first: str, second: str) -> list[str]:
        """One frame shading from `first` (top left) to `second` (bottom right), drawn once by geq."""
        channels = {}
        for key, a, b in zip("rgb", rgba(first)[:3], rgba(second)[:3], strict=True):
            channels[key] = f"{a}+({b - a})*(X/W+Y/H)/2"
        size = f"{self.w}x{self.h}"
        return [
            f("color", c="black", s=size, r=self.rate),
            f("trim", end_frame=1),
            "format=gbrp",
            f("geq", **channels),
            UNTAG,
        ]

    def _shared(self, picture: str, count: int) -> list[str]:
        """A one-frame stream shared by `count` pieces (split by reference: nothing piles up)."""
        return [picture] if count == 1 else self.g.split(picture, count)

    def _repeat(self, picture: str, spans: list[Span]) -> list[str]:
        """A picture held for each span: made once, repeated in memory."""
        return [
            self.g.chain([src], [*TO_VIDEO, "setsar=1", f("loop", loop=b - a - 1, size=1, start=0)])
            for src, (a, b) in zip(self._shared(picture, len(spans)), spans, strict=True)
        ]

    def _fit(self, fit: str) -> list[str]:
        w, h = self.w, self.h
        if fit == "contain":
            return [
                f("scale", w, h, force_original_aspect_ratio="decrease", flags="bicubic"),
                f("pad", w, h, -1, -1, color=self.bg),
            ]
        return [f("scale", w, h, force_original_aspect_ratio="increase", flags="bicubic"), f("crop", w, h)]

    def _image(self, clip: Clip, info: MediaProbe, spans: list[Span]) -> list[str]:
        seg = clip.seg
        # An input (not the `movie` source) so that ffmpeg turns phone photos by their EXIF orientation.
        index = self.g.add_input(self.media[seg.src], *info.input_options())
        decoded = self.g.chain([f"{index}:v"], [UNTAG, "setsar=1"])
        still = [self._flatten(decoded, info)] if info.alpha else [decoded]
        if seg.kenburns is None:
            return self._repeat(self.g.chain(still, self._fit(seg.fit)), spans)
        plan = plan_kenburns(seg.kenburns, seg.fit, info.width or 1, info.height or 1, self.w, self.h,
                             clip.frames, self.rate, self.bg, self.oversample)  # fmt: skip
        # Each plane moved on its own: zoompan on yuv420p would snap its crop to even pixels.
        planes = self.g.fork(self.g.chain(still, plan.prepare), "extractplanes=y+u+v", 3)
        y, u, v = (self._shared(p, len(spans)) for p in planes)
        merge = f("mergeplanes", map1s=1, map2s=2, format="yuv420p")
        pieces = []
        for i, (a, b) in enumerate(spans):
            moved = [self.g.chain([y[i]], [plan.move(a, b - a), "setsar=1"])]
            moved += [self.g.chain([c[i]], [plan.move(a, b - a, plane=0.5), "setsar=1"]) for c in (u, v)]
            pieces.append(self.g.chain(moved, [merge, "setsar=1"]))
        return pieces

    def _flatten(self, decoded: str, info: MediaProbe) -> str:
        """A still with transparency laid on the canvas background (once: it is one frame)."""
        size = f"{info.width}x{info.height}"
        card = self.g.chain(
            [], [f("color", c=self.bg, s=size), f("trim", end_frame=1), "format=rgb24", UNTAG]
        )
        return self.g.chain([card, decoded], [f("overlay", 0, 0, format="rgb"), "format=rgb24"])

    def _video(self, clip: Clip, info: MediaProbe, first: int, end: int) -> str:
        """Frames first … end-1 of a video clip; its first picture is held where the source has none."""
        seg, fps = clip.seg, float(self.canvas.fps)
        if info.duration_ms is not None and seg.in_ms >= info.duration_ms:
            message = (
                f'{seg.where}: "in" ({seg.in_ms} ms) is past the end of {seg.src} ({info.duration_ms} ms)'
            )
            raise DraftError(message, _key(seg.where, "in"))
        lead = self.canvas.frame(seg.st) - clip.start  # frames before the segment (a transition)
        begin = seg.in_ms + (first - lead) * 1000 / fps * seg.speed  # source ms of our first frame
        hold = min(end - first, max(0, round(-begin * fps / 1000 / seg.speed)))
        source_ms = (end - first - hold) * 1000 / fps * seg.speed + 1000 / fps
        options = ["-ss", f"{begin / 1000:.6f}"] if begin > 0 else []
        index = self.g.add_input(self.media[seg.src], *options, "-t", f"{source_ms / 1000:.6f}")
        speed = f"setpts=(PTS-STARTPTS)/{seg.speed}" if seg.speed != 1 else "setpts=PTS-STARTPTS"
        pad = f("tpad", start=hold, start_mode="clone", stop=-1, stop_mode="clone")
        matrix = [f("colormatrix", "bt709", "bt601")] if info.colorspace == "bt709" else []
        filters = [speed, f("fps", self.rate), *self._fit(seg.fit), *TO_VIDEO, *matrix, "setsar=1", pad]
        return self.g.chain([f"{index}:v"], [*filters, f("trim", end_frame=end - first)])

    # Joining pieces.

    def _fades(self, body: str, clip: Clip, length: int, at_start: bool) -> str:
        filters = []
        if clip.fade_in and at_start and clip.fade_from in ("black", "bg"):
            color = "black" if clip.fade_from == "black" else self.bg
            filters.append(f("fade", t="in", s=0, n=clip.fade_in, c=color))
        if clip.fade_out:
            filters.append(f("fade", t="out", s=length - clip.fade_out, n=clip.fade_out))
        return self.g.chain([body], filters) if filters else body

    def _blend(self, tail: str, head: str, frames: int) -> str:
        """A crossfade of `frames` frames: the head fades in over the tail."""
        faded = self.g.chain([head], ["format=yuva420p", f("fade", t="in", s=0, n=frames, alpha=1)])
        return self.g.chain([tail, faded], [f("overlay", 0, 0, format="yuv420"), "format=yuv420p"])

    def run(self, run: list[Clip]) -> str:
        """The clips of a run joined into one stream with exact timestamps."""
        pieces: list[str] = []
        tail: str | None = None
        for i, clip in enumerate(run):
            leaving = run[i + 1].xfade if i + 1 < len(run) else 0
            n, entering = clip.frames, clip.xfade
            spans = [(0, entering), (entering, n - leaving), (n - leaving, n)]
            made = iter(self._pieces(clip, [(a, b) for a, b in spans if b > a]))
            head, body, next_tail = (next(made) if b > a else None for a, b in spans)
            if head is not None and tail is not None:
                pieces.append(self._blend(tail, head, entering))
            if body is not None:
                pieces.append(self._fades(body, clip, n - leaving - entering, entering == 0))
            tail = next_tail
        pieces = [self.g.chain([p], [TAGGED]) for p in pieces]
        cur = pieces[0] if len(pieces) == 1 else self.g.chain(pieces, [f("concat", n=len(pieces), v=1, a=0)])
        if run[0].fade_from == "alpha":
            cur = self.g.chain([cur], ["format=yuva420p", f("fade", t="in", s=0, n=run[0].fade_in, alpha=1)])
        return self.g.chain([cur], self._timed())

    def base(self, runs: list[list[Clip]], total: int) -> str:
        """The bottom track over the canvas background, `total` frames long."""
        pieces, at = [], 0
        for run in runs:
            if run[0].start > at:
                pieces.append(self.solid(self.bg, run[0].start - at))
            pieces.append(self.run(run))
            at = run[-1].end
        if at < total:
            pieces.append(self.solid(self.bg, total - at))
        if len(pieces) == 1:  # the run alone, already timed
            return pieces[0]
        pieces = [self.g.chain([p], [TAGGED]) for p in pieces]
        joined = self.g.chain(pieces, [f("concat", n=len(pieces), v=1, a=0)])
        return self.g.chain([joined], self._timed())

    def over(self, below: str, runs: list[list[Clip]]) -> str:
        """Runs of an upper track drawn over `below`, each from its start frame."""
        for run in runs:
            placed = self.g.chain([self.run(run)], [f("setpts", f"PTS+{run[0].start}")])
            below = self.g.chain([below, placed], [f("overlay", 0, 0, eof_action="pass", repeatlast=0)])
        return below


def _key(where: str, key: str) -> str:
    return where.split(" ", 1)[0] + "." + key
