"""Contact sheets of designed scenes: what the engine makes from a script, on every canvas.

For each script, the agent's storyboard makes the first cut (as `generate` does) and each designed
scene is drawn at the moment its words have all entered; one row per canvas (16:9, 9:16, 1:1).

    python benchmarks/scenes/contact_sheets.py [--out docs/images]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image, ImageDraw

from nemo_tui.engine.agent.edits import storyboard
from nemo_tui.engine.render.scenes.clips import build_scene

EXAMPLES = Path(__file__).parents[2] / "examples"
SCRIPTS = {"product": "promo_script.txt", "service": "bakery_script.txt", "chinese": "tea_script_zh.txt"}
CANVASES = {"16:9": (1920, 1080), "9:16": (1080, 1920), "1:1": (1080, 1080)}
ROW_HEIGHT = 300


def scenes_of(text: str, aspect: str) -> list[tuple[dict, int]]:
    cpl = storyboard.line_width(aspect, designed=True)
    story = storyboard.plan_story(text, target_ms=30000, visuals=[], chars_per_line=cpl, designed=True)
    draft = storyboard.build_draft(story, aspect=aspect, target_ms=30000)
    return [(s["scene"], s["d"]) for s in draft["t"][0]["sg"] if "scene" in s]


def sheet(text: str) -> Image.Image:
    rows = []
    for aspect, size in CANVASES.items():
        tiles = []
        for scene, d in scenes_of(text, aspect):
            frame = build_scene(scene, size, d, {}).frame(d - 400)
            scale = ROW_HEIGHT / size[1]
            tiles.append(frame.resize((round(size[0] * scale), ROW_HEIGHT), Image.Resampling.LANCZOS))
        rows.append(tiles)
    gap = 8
    width = max(sum(t.width + gap for t in row) for row in rows) + gap
    out = Image.new("RGB", (width, len(rows) * (ROW_HEIGHT + gap) + gap), (24, 24, 28))
    for r, row in enumerate(rows):
        x = gap
        for tile in row:
            out.paste(tile, (x, gap + r * (ROW_HEIGHT + gap)))
            x += tile.width + gap
    ImageDraw.Draw(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("docs/images"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, file in SCRIPTS.items():
        path = args.out / f"scenes-{name}.jpg"
        sheet((EXAMPLES / file).read_text()).save(path, quality=82, optimize=True)
        print(path, f"{path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
