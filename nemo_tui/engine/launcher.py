"""`LocalEngine`, where front ends have always imported it from; it lives in `hosting/launcher.py`."""

from .hosting.launcher import EngineStartError, LocalEngine

__all__ = ["EngineStartError", "LocalEngine"]
