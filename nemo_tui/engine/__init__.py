"""The local engine: a NemoVideo-compatible server built on Google ADK, SQLite and FFmpeg.

Run it with `nemo-tui serve` / `python -m nemo_tui.engine` (`hosting.server.main`), embed it with
`hosting.asgi_app.create_app(EngineConfig)`, or start it as a child process with
`launcher.LocalEngine` (which lives in `hosting/local_engine.py`).
This module imports nothing heavy: the engine's imports take seconds and front ends must not wait.

Folders by role (docs/architecture.md draws them; tests/engine/test_layout.py enforces the rules):
`hosting/` starts and configures it, `storage/` keeps its data, `services/` does the work a request
asks for, `routes/` is the HTTP glue, `agent/` is the ADK agent, `render/` turns a draft into an MP4,
`team/` splits a render over Celery workers on other machines.
Nothing here imports the client's controller, the TUI or the widgets.
"""
