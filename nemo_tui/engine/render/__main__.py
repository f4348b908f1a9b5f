"""`python -m nemo_tui.engine.render DRAFT.json -o OUT.mp4 [--media DIR] [--preview]`."""

import sys

from .cli import main

sys.exit(main())
