"""Rebuild the vendored art data from the sets' npm packages (a maintainer's tool, not used at run time).

    cd /tmp && npm pack @tabler/icons@3.54.0 @iconify-json/fluent-emoji-flat@1.2.6 emojibase-data@17.0.0
    for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
    python -m nemo_tui.art.build /tmp

It writes ``data/tabler.json.gz`` and ``data/fluent-emoji.json.gz`` beside this file and the licence texts
in ``data/LICENSES/``. The curation rules (what is dropped and why) are here and in docs/art.md.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"

# Tabler: brand logos are trademarks (not ours to put in an ad); letters, numbers and the "-off"
# (struck-through) variants are near-duplicates of no use to a scene.
TABLER_DROP_CATEGORIES = {"Brand", "Letters", "Numbers"}
SKIN_TONES = ("-light", "-medium-light", "-medium", "-medium-dark", "-dark")


def _find(root: Path, prefix: str) -> Path:
    hits = sorted(p for p in root.iterdir() if p.name.startswith(prefix) and p.is_dir())
    if not hits:
        raise SystemExit(f"no unpacked {prefix}* package under {root}")
    return hits[-1] / "package"


def _node_to_svg(node: list[Any]) -> str:
    tag, attrs = node[0], node[1]
    inner = "".join(_node_to_svg(child) for child in (node[2] if len(node) > 2 else []))
    attr = "".join(f' {k}="{v}"' for k, v in attrs.items() if k != "key")
    return f"<{tag}{attr}>{inner}</{tag}>" if inner else f"<{tag}{attr}/>"


def build_tabler(pkg: Path) -> dict[str, Any]:
    meta = json.loads((pkg / "icons.json").read_text())
    nodes = json.loads((pkg / "tabler-nodes-outline.json").read_text())
    version = json.loads((pkg / "package.json").read_text())["version"]
    icons: dict[str, Any] = {}
    for name, info in sorted(meta.items()):
        if info.get("category") in TABLER_DROP_CATEGORIES or name.endswith("-off") or name not in nodes:
            continue
        body = "".join(_node_to_svg(n) for n in nodes[name])
        tags = [str(t).lower() for t in info.get("tags", []) if not str(t).isdigit()]
        icons[name] = {"body": body, "tags": tags, "category": info.get("category") or ""}
    return {"set": "tabler", "version": version, "size": 24, "mono": True, "icons": icons}


def _norm_hex(code: str) -> str:
    return "-".join(p for p in code.lower().split("-") if p != "fe0f")


def build_fluent(pkg: Path, emojibase: Path) -> dict[str, Any]:
    data = json.loads((pkg / "icons.json").read_text())
    chars = json.loads((pkg / "chars.json").read_text())
    cats = json.loads((pkg / "metadata.json").read_text())["categories"]
    version = json.loads((pkg / "package.json").read_text())["version"]
    category = {name: cat for cat, names in cats.items() for name in names}
    by_name = {name: _norm_hex(code) for code, name in chars.items()}
    langs: dict[str, dict[str, dict[str, Any]]] = {}
    for lang in ("en", "zh", "zh-hant"):
        table: dict[str, dict[str, Any]] = {}
        for e in json.loads((emojibase / lang / "data.json").read_text()):
            table[_norm_hex(e["hexcode"])] = e
        langs[lang] = table
    slug = {re.sub(r"[^a-z0-9]+", "-", e["label"].lower()).strip("-"): h for h, e in langs["en"].items()}
    icons: dict[str, Any] = {}
    for name, icon in sorted(data["icons"].items()):
        if name.endswith(SKIN_TONES) and any(
            name.endswith(s) and name[: -len(s)] in data["icons"] for s in SKIN_TONES
        ):
            continue  # skin-tone variants of a person: the default (yellow) one stays
        code = by_name.get(name) or slug.get(name, "")
        entry: dict[str, Any] = {"body": icon["body"], "category": category.get(name, "")}
        en = langs["en"].get(code)
        entry["emoji"] = en["emoji"] if en else ""
        entry["label"] = en["label"] if en else name.replace("-", " ")
        entry["tags"] = sorted(set(en.get("tags", []))) if en else []
        zh_words: list[str] = []
        for lang in ("zh", "zh-hant"):
            z = langs[lang].get(code)
            if z:
                zh_words += [z["label"], *z.get("tags", [])]
        entry["zh"] = list(dict.fromkeys(zh_words))
        icons[name] = entry
    return {
        "set": "fluent-emoji",
        "version": version,
        "size": int(data.get("width", 32)),
        "mono": False,
        "icons": icons,
    }


def _write(doc: dict[str, Any], name: str) -> None:
    raw = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    (DATA / name).write_bytes(gzip.compress(raw, 9, mtime=0))
    print(f"{name}: {len(doc['icons'])} items, {(DATA / name).stat().st_size / 1e6:.2f} MB", file=sys.stderr)


def main(argv: list[str]) -> None:
    root = Path(argv[0] if argv else ".")
    tabler = _find(root, "tabler-icons-")
    fluent = _find(root, "iconify-json-fluent-emoji-flat-")
    emojibase = _find(root, "emojibase-data-")
    DATA.mkdir(exist_ok=True)
    _write(build_tabler(tabler), "tabler.json.gz")
    _write(build_fluent(fluent, emojibase), "fluent-emoji.json.gz")
    lic = DATA / "LICENSES"
    lic.mkdir(exist_ok=True)
    shutil.copy(tabler / "LICENSE", lic / "tabler-icons.txt")
    shutil.copy(emojibase / "LICENSE", lic / "emojibase-data.txt")


if __name__ == "__main__":
    main(sys.argv[1:])
