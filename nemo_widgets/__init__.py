"""The nemo-tui workspace in Jupyter: `from nemo_widgets import Workspace; Workspace()`."""

from .workspace import Workspace

__all__ = ["Workspace"]
