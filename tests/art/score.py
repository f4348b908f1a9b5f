"""Score the top match on a sentence set: ``python -m tests.art.score {tuning|heldout} [-v]``.

Each sentence is matched twice (kind "illustration" and kind "icon", as ``Designer`` does) and each
feature phrase once (``icon_for``). A top match is *ok* (one of the row's acceptable names), *wrong*, or
*none* (nothing returned: the caller falls back to a neutral shape or check icon). ``-v`` lists each
result; ``--wrong`` lists only the wrong and empty ones.
"""

from __future__ import annotations

import importlib
import sys
from collections import Counter
from typing import Literal

import nemo_tui.art as art

from .table import acceptable


def _verdict(ref: str | None, names: str, set_id: str) -> str:
    if ref is None:
        return "none"
    return "ok" if acceptable(ref, names, set_id) else "wrong"


def score(module: str, *, verbose: bool = False, only_bad: bool = False) -> dict[str, Counter[str]]:
    mod = importlib.import_module(f"tests.art.{module}")
    out: dict[str, Counter[str]] = {}
    langs: tuple[Literal["en", "zh"], ...] = ("en", "zh")
    for lang, rows in zip(langs, (mod.EN, mod.ZH), strict=True):
        for sentence, ill, ico in rows:
            kinds: tuple[tuple[Literal["illustration", "icon"], str, str], ...] = (
                ("illustration", "fluent-emoji", ill),
                ("icon", "tabler", ico),
            )
            for kind, set_id, names in kinds:
                found = art.match(sentence, language=lang, kind=kind, limit=1)
                ref = found[0].ref if found else None
                v = _verdict(ref, names, set_id)
                out.setdefault(f"{lang} {kind}", Counter())[v] += 1
                if verbose or (only_bad and v != "ok"):
                    word = found[0].word if found else ""
                    print(f"{v:5} {kind[:4]} {ref} ({word}) <- {sentence}")
    for phrase, names in mod.FEATURES:
        ref = art.icon_for(phrase)
        v = _verdict(ref, names, "tabler")
        lang = art.detect_language(phrase)
        out.setdefault(f"{lang} feature", Counter())[v] += 1
        if verbose or (only_bad and v != "ok"):
            print(f"{v:5} feat {ref} <- {phrase}")
    return out


def report(counts: dict[str, Counter[str]]) -> str:
    lines = [f"{'':18} {'ok':>4} {'wrong':>5} {'none':>4}  ok%"]
    total: Counter[str] = Counter()
    for key in sorted(counts):
        c = counts[key]
        total.update(c)
        n = sum(c.values())
        lines.append(f"{key:18} {c['ok']:4} {c['wrong']:5} {c['none']:4}  {100 * c['ok'] / n:.0f}%")
    for label, keys in (("sentences", ("illustration", "icon")), ("features", ("feature",))):
        c = Counter[str]()
        for key in counts:
            if key.split()[1] in keys:
                c.update(counts[key])
        n = sum(c.values())
        lines.append(f"{label:18} {c['ok']:4} {c['wrong']:5} {c['none']:4}  {100 * c['ok'] / n:.0f}%")
    n = sum(total.values())
    lines.append(
        f"{'all':18} {total['ok']:4} {total['wrong']:5} {total['none']:4}  {100 * total['ok'] / n:.0f}%"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    args = sys.argv[1:]
    name = next((a for a in args if not a.startswith("-")), "tuning")
    print(report(score(name, verbose="-v" in args, only_bad="--wrong" in args)))
