"""A long 1080p timeline rendered in one pass, then split over 1, 2 and 4 local Celery workers.

Timeline: `--minutes` (5) at `--size` (1920x1080), 30 fps, the one of `benchmarks/render/chunks.py`
(6 s Ken Burns stills with crossfades, a fading caption on each, music looped). Runs: the single
pass (`render_draft`, ffmpeg free to use every core), then `render_on_workers` with `--chunk-s` (30)
chunks on N workers, each a `worker_cli` process of concurrency 1 pinned to one core with
`taskset -c` (worker k on core k mod cores), against a redis-server started here on loopback and a
store folder on local disk. Each task reports how long it fetched, rendered and stored; the per-chunk
overhead is the rest of its time on the worker plus the dispatch (see the README).

    python benchmarks/team/render_workers.py [--minutes 5] [--size 1920x1080] [--workers 1,2,4]
        [--chunk-s 30] [--workdir /tmp/nemo-team-bench] [--skip-single] [--single-on 0]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "render"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests.servers: the redis-server
from chunks import make_media, resolver, timeline  # noqa: E402  (the chunked benchmark's media and timeline)

from nemo_tui.engine.render import render_draft  # noqa: E402
from nemo_tui.engine.team.celery_app import make_app  # noqa: E402
from nemo_tui.engine.team.distributed import TeamTimes, render_on_workers  # noqa: E402
from nemo_tui.engine.team.media_store import MediaStore, store_location  # noqa: E402
from tests.servers.redis import start_redis  # noqa: E402


def start_workers(n: int, url: str, store: Path, workdir: Path) -> list[subprocess.Popen[bytes]]:
    cores = os.cpu_count() or 1
    procs = []
    for k in range(n):
        log = (workdir / f"worker{n}-{k}.log").open("wb")
        command = ["taskset", "-c", str(k % cores), sys.executable, "-m", "nemo_tui.engine.team.worker_cli",
                   "--queue", url, "--media", str(store), "--cache", str(workdir / f"cache{k}"),
                   "--concurrency", "1", "--hostname", f"w{k}@bench", "--loglevel", "warning"]  # fmt: skip
        procs.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
    return procs


def stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--chunk-s", type=float, default=30.0)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/nemo-team-bench"))
    parser.add_argument("--skip-single", action="store_true")
    parser.add_argument("--single-on", help="cores for the single pass (taskset's list, e.g. 0); default all")
    args = parser.parse_args()
    w, h = (int(x) for x in args.size.split("x"))
    args.workdir.mkdir(parents=True, exist_ok=True)
    make_media(args.workdir)
    doc = timeline(args.minutes, w, h)

    resolve = resolver(args.workdir)

    cores = os.cpu_count()
    print(f"{args.minutes} min at {w}x{h}, 30 fps, {args.chunk_s:g} s chunks; {cores} cores;"
          f" load {os.getloadavg()[0]:.2f}", flush=True)  # fmt: skip
    if not args.skip_single:
        if args.single_on:  # ffmpeg inherits this process's cores
            os.sched_setaffinity(0, {int(c) for c in args.single_on.split(",")})
        on = sorted(os.sched_getaffinity(0))
        clock = time.perf_counter()
        await render_draft(doc, args.workdir / "single.mp4", resolve=resolve)
        print(f"single pass on cores {on}: {time.perf_counter() - clock:.1f} s", flush=True)
        os.sched_setaffinity(0, set(range(cores or 1)))
    redis, url = start_redis(args.workdir)
    try:
        for n in (int(x) for x in args.workers.split(",") if x):
            store = args.workdir / f"store{n}"
            shutil.rmtree(store, ignore_errors=True)
            workers = start_workers(n, url, store, args.workdir)
            app = make_app(url)
            try:
                while len(app.control.ping(timeout=0.5)) < n:
                    time.sleep(0.2)
                times = TeamTimes()
                clock = time.perf_counter()
                out = args.workdir / f"team{n}.mp4"
                shared = MediaStore(store_location(store))
                await render_on_workers(doc, out, resolve=resolve, app=app, store=shared,
                                        chunk_s=args.chunk_s, times=times)  # fmt: skip
                wall = time.perf_counter() - clock
            finally:
                stop(workers)
            chunks = times.done[:-1]
            renders = [d["render_s"] for d in chunks]
            side = [d["fetch_s"] + d["put_s"] for d in chunks]
            # Dispatch: the workers' busy time against the render's wall time; what they did not spend
            # in a task is queueing, polling and starting tasks.
            busy = sum(d["fetch_s"] + d["render_s"] + d["put_s"] for d in times.done)
            idle = max(0.0, min(n, len(times.done)) * times.render - busy)
            hosts = sorted({d["host"] for d in times.done})
            print(
                f"{n} worker(s): {wall:.1f} s wall (prepare {times.prepare:.1f}, chunks and sound"
                f" {times.render:.1f}, join {times.join:.2f}); {len(chunks)} chunks, ffmpeg"
                f" {statistics.mean(renders):.1f} s each (min {min(renders):.1f}, max {max(renders):.1f}),"
                f" fetch+store {statistics.mean(side):.2f} s each; sound {times.done[-1]['render_s']:.1f} s;"
                f" workers idle {idle:.1f} worker-s in all ({idle / len(times.done):.2f} s a task);"
                f" hosts {hosts}",
                flush=True,
            )
    finally:
        redis.terminate()
        redis.wait(10)


if __name__ == "__main__":
    asyncio.run(main())
