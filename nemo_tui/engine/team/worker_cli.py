"""`python -m nemo_tui.engine.team.worker_cli --queue redis://… --media DIR [--concurrency N]`: a worker.

A Celery worker with the prefork pool: `--concurrency` processes (one per core by default), each
rendering one chunk (one ffmpeg) at a time. `--media` is the store the coordinator writes (a folder
shared by every machine, or s3://bucket/prefix); `--cache` keeps this machine's copies of what it read;
`--visibility-timeout` is how long a chunk of a lost machine waits before another worker takes it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import platformdirs

from .celery_app import VISIBILITY_TIMEOUT_S  # celery_app imports Celery only when it builds an app


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nemo-tui worker", description="Render chunks of exports for a team.")
    p.add_argument("--queue", required=True, help="the broker, redis://host:port/db")
    p.add_argument(
        "--media",
        required=True,
        help="the team's shared media folder, as the API nodes' --media (the store is its render-store/), "
        "or an S3 store, s3://bucket/prefix",
    )
    p.add_argument("--concurrency", type=int, default=os.cpu_count() or 1, help="processes (default: cores)")
    p.add_argument("--cache", type=Path, help="local copies of media (default: the user cache folder)")
    p.add_argument("--hostname", help="this worker's name (default: celery@<host>)")
    p.add_argument(
        "--visibility-timeout",
        type=float,
        default=VISIBILITY_TIMEOUT_S,
        help="seconds after which a chunk of a lost worker machine goes to another (longer than any chunk)",
    )
    p.add_argument("--loglevel", default="info")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.concurrency < 1:
        parser().error("--concurrency must be at least 1")
    # A revoke's SIGTERM must stop the pool process's task, and its ffmpeg with it. With this set
    # (billiard reads it at import), pool processes ignore SIGTERM and a cancelled chunk renders on.
    os.environ.pop("REMAP_SIGTERM", None)
    try:  # the optional `team` extra
        import celery  # noqa: F401
        import redis  # noqa: F401
    except ImportError as exc:
        print(
            f"nemo-tui worker needs Celery and Redis: pip install 'nemo-tui[team]' ({exc})", file=sys.stderr
        )
        return 2
    from .celery_app import make_app
    from .media_store import store_location

    cache = args.cache or Path(platformdirs.user_cache_dir("nemo-tui")) / "team"
    media = store_location(args.media)
    if not media.startswith("s3://"):
        Path(media).mkdir(parents=True, exist_ok=True)
        media = str(Path(media).resolve())
    app = make_app(
        args.queue,
        media_dir=media,
        cache_dir=cache.resolve(),
        concurrency=args.concurrency,
        visibility_timeout_s=args.visibility_timeout,
    )
    worker = ["worker", "--pool=prefork", f"--loglevel={args.loglevel}"]
    worker += ["--without-gossip", "--without-heartbeat"]  # no events are read: less traffic
    if args.hostname:
        worker.append(f"--hostname={args.hostname}")
    app.worker_main(worker)
    return 0


if __name__ == "__main__":
    sys.exit(main())
