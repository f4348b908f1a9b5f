"""`python -m nemo_tui.engine [--host H] [--port N] [--data-dir DIR]`."""

import sys

from .hosting.server import main

sys.exit(main())
