"""The art library's figures for docs/art.md (a script, not a test): `python -m tests.art.measure`.

For jieba's cold start give it an empty temporary directory:
`TMPDIR=$(mktemp -d) python -m tests.art.measure`.
"""

from __future__ import annotations

import resource
import time


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    t0 = time.perf_counter()
    import nemo_tui.art as art
    from nemo_tui.art import library

    t1 = time.perf_counter()
    for s in library.set_ids():
        library.load_set(s)
    t2 = time.perf_counter()
    art.load_all()
    t3 = time.perf_counter()
    r3 = rss_mb()
    art.segment("每天清晨采摘新鲜的茶叶")
    t4 = time.perf_counter()
    r4 = rss_mb()

    from .table import EN, ZH

    def per_sentence(rows: list[tuple[str, str, str]], n: int = 3) -> float:
        t = time.perf_counter()
        for _ in range(n):
            for sentence, _ill, _ico in rows:
                art.match(sentence, kind=None)
        return (time.perf_counter() - t) / (n * len(rows)) * 1000

    en, zh = per_sentence(EN), per_sentence(ZH)
    import resvg_py

    renders = []
    for ref in ("tabler:clock", "fluent-emoji:croissant"):
        t = time.perf_counter()
        for _ in range(20):
            resvg_py.svg_to_bytes(svg_string=art.svg(ref), width=256)
        renders.append(f"{ref} {(time.perf_counter() - t) / 20 * 1000:.1f} ms")
    print(f"import {t1 - t0:.3f} s; read both sets {t2 - t1:.3f} s; build indexes {t3 - t2:.3f} s", end="")
    print(f" ({r3:.0f} MB RSS)")
    print(f"jieba first use {t4 - t3:.2f} s ({r4:.0f} MB RSS after)")
    print(f"match per sentence, both sets: EN {en:.2f} ms, ZH {zh:.2f} ms")
    print("resvg-py at 256 px: " + ", ".join(renders))


if __name__ == "__main__":
    main()
