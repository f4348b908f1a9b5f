"""`python -m nemo_tui.engine [--host H] [--port N] [--data-dir DIR]`."""

import sys

from .server import main

sys.exit(main())
