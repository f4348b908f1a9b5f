"""The brand on a plain video: its colours on the title, captions and title card; its name in a corner.

Designed scenes take brand colours in their `scene.palette` (tools/design.py); text tracks and a
plain title card take them here, so a mixed video is coloured everywhere. The palette is kept on the
main track (`m.palette`) so text added later (the corner name, a call to action) wears it too.

The corner name is one text segment on a track of its own (`m.role: "brand"`), marked `m.fill`: cuts
leave it alone and `draft_ops.normalize` stretches it over the whole video, as the fade to black is.
"""

from __future__ import annotations

from typing import Any

from nemo_tui.draft.reads import is_card, main_track, meta_of, segments_of, tracks_of

from . import draft_ops as ops
from . import texts

BRAND = "brand"  # the track role of the corner name
CORNERS = ("top-right", "top-left", "bottom-right", "bottom-left")
BOX_ALPHA = "D9"  # 85 %: the brand's background colour behind words, still a little see-through
CORNER_SIZE = 0.034  # of the canvas's short side: a signature, not a headline (37 px at 1080p)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two #RRGGBB colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def looks(palette: list[str]) -> tuple[str, str, str]:
    """(background, words, accent) for text on the brand's background: words in the third colour
    when it reads on the first, else white or near-black; the accent when it reads, else the words."""
    background = palette[0]
    plain = "#FFFFFF" if contrast("#FFFFFF", background) >= contrast("#111111", background) else "#111111"
    words = palette[2] if len(palette) > 2 and contrast(palette[2], background) >= 4.5 else plain
    accent = palette[1] if len(palette) > 1 and contrast(palette[1], background) >= 3 else words
    return background, words, accent


def palette_of(draft: ops.Draft) -> list[str]:
    track = main_track(draft)
    found = meta_of(track).get("palette") if track else None
    return [str(c) for c in found] if isinstance(found, list) else []


def colour_text(draft: ops.Draft, palette: list[str]) -> list[str]:
    """Brand colours on the title (accent), captions and corner name (words), each on a box of the
    background colour, and on the plain backgrounds; an empty palette takes them away (white words
    on the usual dark box, the mood's backgrounds). Returns what was coloured, in words."""
    track = main_track(draft)
    if track is not None:
        meta = track.setdefault("m", {})
        if palette:
            meta["palette"] = palette
        else:
            meta.pop("palette", None)
    done = []
    short = texts.short_side(draft)
    for role, name in (("title", "the title"), ("captions", "the captions"), (BRAND, "the corner name")):
        segs = [s for t in tracks_of(draft, tt=ops.TEXT, role=role) for s in segments_of(t)]
        for seg in segs:
            style = seg.setdefault("style", {})
            default = texts.title_style(short) if role == "title" else texts.caption_style(short)
            if palette:
                background, words, accent = looks(palette)
                style["color"] = accent if role == "title" or meta_of(seg).get("cta") else words
                style["box"] = background + BOX_ALPHA
            else:
                style["color"], style["box"] = default["color"], default["box"]
        if segs:
            done.append(name)
    if _colour_backgrounds(segments_of(track) if track else [], palette):
        done.append("the backgrounds")
    return done


def _colour_backgrounds(row: list[dict[str, Any]], palette: list[str]) -> bool:
    """Plain backgrounds (colours, gradients; not photos, clips or designed scenes) in the brand's
    background colour: flat on the title card, a gentle gradient towards the accent on scenes. The
    mood's own background is kept in `m.plain_src` for "the usual colours" again."""
    changed = False
    for seg in row:
        meta = seg.get("m")
        if "scene" in seg or not isinstance(meta, dict):
            continue
        if not str(seg.get("src", "")).startswith(("color:", "gradient:")):
            continue
        if palette:
            meta.setdefault("plain_src", seg["src"])
            towards = palette[1] if len(palette) > 1 else palette[0]
            seg["src"] = (
                f"color:{palette[0]}"
                if is_card(seg)
                else f"gradient:{palette[0]},{_mix(palette[0], towards)}"
            )
        elif "plain_src" in meta:
            seg["src"] = meta.pop("plain_src")
        else:
            continue
        changed = True
    return changed


def _mix(a: str, b: str, share: float = 0.3) -> str:
    """`share` of colour b mixed into colour a, as #RRGGBB."""
    channels = [round(int(a[i : i + 2], 16) * (1 - share) + int(b[i : i + 2], 16) * share) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02X}" for c in channels)


def corner_segment(draft: ops.Draft) -> dict[str, Any] | None:
    return next((s for t in tracks_of(draft, tt=ops.TEXT, role=BRAND) for s in segments_of(t)), None)


def set_corner_text(draft: ops.Draft, text: str, corner: str) -> None:
    """The brand's words in `corner` for the whole video (replacing any there); "none" removes them."""
    ops.remove_tracks(draft, tt=ops.TEXT, role=BRAND)
    if corner not in CORNERS:
        return
    track = ops.add_track(draft, ops.TEXT, BRAND, "Brand")
    style = {"size": round(texts.short_side(draft) * CORNER_SIZE), "color": "#FFFFFF", "pos": corner}
    style.update(box="#00000066", anim="none")
    if palette := palette_of(draft):
        background, words, _ = looks(palette)
        style.update(color=words, box=background + BOX_ALPHA)
    seg = {"id": ops.next_id(draft, "s"), "st": 0, "d": max(ops.MIN_MS, ops.visual_end(draft)), "text": text}
    seg.update(style=style, m={"name": "Brand", "fill": True})
    track["sg"] = [seg]
