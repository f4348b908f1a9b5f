"""From a script (and uploads) to the first cut: scenes, their visuals, captions and voice lines.

`plan_story` decides *what* is said in each scene (pure text work); `build_draft` lays the scenes
out in time. A scene lasts as long as its captions take to read, or its voice lines to say; the row
is then stretched or squeezed to the length asked for (`clips.set_length`, which keeps clips within
their footage and scenes long enough for their speech). Scene visuals are the uploads in upload
order (Ken Burns on images, clips from their start), or gradients from a palette that suits the
script's mood. Every caption and voice line carries `m.scene`, so later edits move it with its scene.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..language import scene_reading, script
from . import clips, design, texts
from . import draft_ops as ops

TITLE_CARD_MS = 3000
FADE_MS = 500
LINE_GAP_MS = 250
SPEECH_LEAD_MS = 150
MIN_LINE_MS = 1400
IMAGE_SCENE_MS = 3500
PLAIN = "plain"  # the background that asks for plain scenes (gradients with captions), not designed ones
CLIP_SCENE_MS = 6000
KEN_BURNS = [
    {"from": [1.0, 0.5, 0.5], "to": [1.15, 0.5, 0.5]},
    {"from": [1.15, 0.45, 0.5], "to": [1.0, 0.55, 0.5]},
    {"from": [1.05, 0.4, 0.45], "to": [1.15, 0.6, 0.55]},
    {"from": [1.15, 0.5, 0.55], "to": [1.05, 0.5, 0.45]},
]
PALETTES = {  # title card colour, then scene gradients
    "lofi": ("#1B1A2E", ["#2E2A4F,#5C4B8A", "#1F3B4D,#3E7C8C", "#3B2F4A,#8A5A7A", "#22313F,#4F6D7A"]),
    "upbeat": ("#2B1055", ["#FF6B35,#F7C548", "#E63972,#FF9A5A", "#7B2FF7,#F107A3", "#0FA3B1,#F9E784"]),
    "calm": ("#0F2A33", ["#A8D8D8,#5A9EA8", "#C9E4CA,#6FA98F", "#B8C6DB,#6B8CAE", "#E8D8C4,#9DB4A8"]),
    "cinematic": ("#07090F", ["#0B132B,#3A506B", "#1B1B2F,#7A4E2D", "#0F2027,#2C5364", "#141E30,#8E6E3A"]),
}


@dataclass(frozen=True)
class Visual:
    src: str
    file_type: str  # "image" | "video"
    name: str
    duration_ms: int | None = None


@dataclass
class Scene:
    lines: list[str]
    visual: Visual | None = None


@dataclass
class Story:
    title: str | None
    language: str
    mood: str
    scenes: list[Scene]
    sentences: int = 0  # in the script
    kept: int = 0  # shown (a long script is condensed to what can be read in the time)
    script: str = ""
    notes: list[str] = field(default_factory=list)
    tagline: str = ""  # designed: the title card's subtitle, taken from a first line "Brand: tagline"


def line_width(aspect: str, *, designed: bool) -> int:
    """Characters per line of the story: a caption's width on plain scenes; a whole sentence on
    designed ones (a template lays out its own words, and a sentence never spans two scenes)."""
    return 10_000 if designed else texts.chars_per_line(ops.new_draft(aspect))


def card_ms(target_ms: int | None) -> int:
    return TITLE_CARD_MS if not target_ms else max(1200, min(TITLE_CARD_MS, target_ms // 6))


def _balanced(lines: list[str], count: int) -> list[list[str]]:
    """`count` runs of neighbouring lines with about equal reading length (some empty if short)."""
    if not lines:
        return [[] for _ in range(count)]
    if len(lines) <= count:
        slots: list[list[str]] = [[] for _ in range(count)]
        for i, line in enumerate(lines):
            slots[i * count // len(lines)].append(line)
        return slots
    joined = script.group(lines, count)
    spans, i = [], 0
    for piece in joined:  # map the joined pieces back to the lines they hold
        run: list[str] = []
        while i < len(lines) and (not run or script.units(" ".join(run)) < script.units(piece) - 0.01):
            run.append(lines[i])
            i += 1
        spans.append(run)
    spans[-1].extend(lines[i:])
    return spans


def plan_story(
    text: str,
    *,
    target_ms: int | None,
    visuals: list[Visual],
    chars_per_line: int,
    title: str | None = None,
    reading_scale: float = 1.0,
    designed: bool = False,
) -> Story:
    """What each scene shows and says. `reading_scale` < 1 condenses harder (used when speech
    does not fit). `designed` (scenes without uploads): the brand's own lines fold into the title
    card and the end card (`_fold_brand_lines`)."""
    heading, body = script.split_heading(text)
    language = script.language(text) if text.strip() else "en"
    if text.strip():
        title = title or heading or script.derive_title(text)
    items = script.sentences(body)
    kept = items
    if target_ms and items:
        seconds = (target_ms - card_ms(target_ms)) / 1000
        kept = script.condense(items, seconds * script.READING_UNITS_PER_S * reading_scale)
    lines = [piece for sentence in kept for piece in script.chunk(sentence, chars_per_line)]
    count = len(visuals) if visuals else max(1, min(script.MAX_SCENES, len(kept)))
    if target_ms:
        count = max(1, min(count, (target_ms - card_ms(target_ms)) // 2500))
    scenes = []
    for k, run in enumerate(_balanced(lines, count)):
        merged = script.chunk(script.join(run), chars_per_line) if run else []
        scenes.append(Scene(merged, visuals[k % len(visuals)] if visuals else None))
    mood = script.detect_mood(text) if text.strip() else "lofi"
    story = Story(title, language, mood, scenes, len(items), len(kept), text)
    if designed and title and not visuals:
        story = _fold_brand_lines(story, scene_reading.split_title(title)[0])
    return story


def _visual_segment(
    draft: ops.Draft,
    k: int,
    scene: Scene,
    mood: str,
    background: str | None,
    designer: design.Designer | None,
    last: bool,
) -> dict[str, Any]:
    seg: dict[str, Any] = {"id": ops.next_id(draft, "s")}
    visual = scene.visual
    if visual is None and designer is not None and scene.lines:
        designed = designer.scene(script.join(scene.lines), last=last)
        seg.update(
            {"src": design.segment_source(designed), "scene": designed, "m": {"name": _scene_name(scene, k)}}
        )
    elif visual is not None and designer is not None and scene.lines:
        framed = designer.media(script.join(scene.lines), visual.src, k)  # the upload framed with its words
        seg.update({"src": design.segment_source(framed), "scene": framed, "m": {"name": visual.name}})
    elif visual is None:
        gradients = PALETTES.get(mood, PALETTES["lofi"])[1]
        seg.update(
            {
                "src": background or f"gradient:{gradients[k % len(gradients)]}",
                "m": {"name": _scene_name(scene, k)},
            }
        )
    else:
        seg.update({"src": visual.src, "in": 0, "fit": "cover", "m": {"name": visual.name}})
        if visual.file_type == "image":
            seg["fx"] = {"kenburns": KEN_BURNS[k % len(KEN_BURNS)]}
        else:
            seg.update({"speed": 1.0, "vol": 1.0})
    return seg


def _fold_brand_lines(story: Story, brand: str) -> Story:
    """Designed scenes show the brand themselves: a first line that is the title ("Brand" or
    "Brand: tagline") is the opener's (its tagline the subtitle, `Story.tagline`), not a scene of its
    own; a later line that is only the brand joins the scene after it (the end card signs with it)."""

    def text(scene: Scene) -> str:
        return script.join(scene.lines).strip()

    scenes = list(story.scenes)
    tagline = ""
    first = scene_reading.split_title(text(scenes[0])) if scenes else ("", "")
    if brand and first[0] == brand and len(scenes) > 1:  # the opener shows it: not a scene of its own
        tagline, scenes = first[1], scenes[1:]
    for k in range(len(scenes) - 2, -1, -1):
        if brand and text(scenes[k]).strip(" .!。！").lower() == brand.lower() and scenes[k].visual is None:
            scenes[k + 1] = Scene(scenes[k].lines + scenes[k + 1].lines, scenes[k + 1].visual)
            del scenes[k]
    return replace(story, scenes=scenes, tagline=tagline)


def _scene_name(scene: Scene, k: int) -> str:
    """A generated scene is named by its first words, so the timeline reads like the script."""
    if not scene.lines:
        return f"scene {k + 1}"
    words = scene.lines[0]
    return words if len(words) <= 28 else words[:26].rstrip(" ,.;:，。") + "…"


def _needs(scene: Scene, speech: list[int] | None) -> list[int]:
    if speech is not None:
        return [ms + LINE_GAP_MS for ms in speech]
    return [
        max(MIN_LINE_MS, round(script.units(line) / script.READING_UNITS_PER_S * 1000))
        for line in scene.lines
    ]


def _empty_scene_ms(scene: Scene) -> int:
    visual = scene.visual
    if visual is not None and visual.file_type == "video" and visual.duration_ms:
        return min(CLIP_SCENE_MS, visual.duration_ms)
    return IMAGE_SCENE_MS


def build_draft(
    story: Story,
    *,
    aspect: str = "16:9",
    target_ms: int | None = None,
    background: str | None = None,
    speech: list[list[Any]] | None = None,
) -> ops.Draft:
    """The first cut. `speech[k]` lists scene k's voice lines (`voice.Line`), one per caption.
    Scenes without an upload are designed scenes (their words drawn by the template, so they carry
    no caption) unless a `background` was asked for."""
    draft = ops.new_draft(aspect)
    video = ops.add_track(draft, ops.VIDEO, "main", f"{len(story.scenes)} scenes")
    captions = ops.add_track(draft, ops.TEXT, "captions", "Captions")
    voice = ops.add_track(draft, ops.AUDIO, "voice", "Voice-over") if speech else None
    brand = scene_reading.split_title(story.title)[0] if story.title else None
    designer = (
        None
        if background
        else design.Designer("zh" if story.language == "zh" else "en", design.style_for(story.mood), brand)
    )
    if background == PLAIN:  # the mood's gradients and captions, as asked
        background = None
    cursor = 0
    if story.title:
        palette = PALETTES.get(story.mood, PALETTES["lofi"])
        card: dict[str, Any] = {
            "id": ops.next_id(draft, "s"),
            "st": 0,
            "d": card_ms(target_ms),
            "src": background or f"color:{palette[0]}",
            "m": {"name": "title card", "card": True, "title": story.title},
        }
        if designer is not None:
            card["scene"] = designer.hero(story.title, story.tagline)
            card["src"] = design.segment_source(card["scene"])
        video["sg"].append(card)
        cursor = card["d"]
    durations: dict[str, int] = {}
    for k, scene in enumerate(story.scenes):
        lines = speech[k] if speech else None
        needs = _needs(scene, [ln.duration_ms for ln in lines] if lines is not None else None)
        fade_in = FADE_MS if video["sg"] else 0
        fade_out = FADE_MS if k < len(story.scenes) - 1 else 0
        own = max(sum(needs) + (SPEECH_LEAD_MS if lines else 0), _empty_scene_ms(scene) if not needs else 0)
        last = k == len(story.scenes) - 1 and len(story.scenes) > 1
        seg = _visual_segment(draft, k, scene, story.mood, background, designer, last)
        seg.update({"st": max(0, cursor - fade_in), "d": own + fade_in + fade_out})
        if fade_in:
            seg["tr"] = {"type": "fade", "d": FADE_MS}
        video["sg"].append(seg)
        if scene.visual and scene.visual.duration_ms:
            durations[scene.visual.src] = scene.visual.duration_ms
        start = seg["st"] + fade_in + (SPEECH_LEAD_MS if lines else 0)
        window_end = ops.end_of(seg) - fade_out
        starts = [start + sum(needs[:i]) for i in range(len(needs))]
        for i, line in enumerate(scene.lines):
            end = starts[i + 1] if i + 1 < len(starts) else window_end
            if "scene" not in seg:  # a designed scene shows its own words
                captions["sg"].append(
                    texts.caption_segment(draft, line, starts[i], end - starts[i], seg["id"])
                )
            if lines is not None and voice is not None:
                spoken = lines[i]
                voice["sg"].append(
                    {
                        "id": ops.next_id(draft, "s"),
                        "st": starts[i],
                        "d": spoken.duration_ms,
                        "src": spoken.src,
                        "in": 0,
                        "vol": 1.0,
                        "m": {**spoken.meta(), "scene": seg["id"]},
                    }
                )
        cursor = ops.end_of(seg)
    ops.normalize(draft)
    if target_ms:
        clips.set_length(draft, target_ms, durations)
    return draft
