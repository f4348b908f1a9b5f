"""`LocalEngine`, where front ends have always imported it from; it lives in `hosting/local_engine.py`."""

from .hosting.local_engine import EngineStartError, LocalEngine

__all__ = ["EngineStartError", "LocalEngine"]
