"""nemo-tui: make videos by chat, in a terminal or in Jupyter."""

__version__ = "0.1.0"
