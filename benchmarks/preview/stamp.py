"""`tmux pipe-pane` reader for run.py: one line per read, `<monotonic seconds> <bytes>`."""

import os
import sys
import time

with open(sys.argv[1], "w", encoding="utf-8") as out:
    while chunk := os.read(0, 65536):
        out.write(f"{time.monotonic():.4f} {len(chunk)}\n")
        out.flush()
