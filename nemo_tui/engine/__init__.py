"""The local engine: a NemoVideo-compatible server built on Google ADK, SQLite and FFmpeg.

Run it with `nemo-tui serve` / `python -m nemo_tui.engine` (`server.main`), embed it with
`app.create_app(EngineConfig)`, or start it as a child process with `launcher.LocalEngine`.
This module imports nothing heavy: the engine's imports take seconds and front ends must not wait.
"""
