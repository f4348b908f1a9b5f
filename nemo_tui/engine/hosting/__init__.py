"""Starting and configuring the engine: the config, the ASGI app and its lifespan, the server, the
data-directory lock, and `LocalEngine` (the engine as a child process).

May import every other engine folder (this is where the engine is put together). Nothing else in
the engine imports `hosting`, except `config` (every folder may read `EngineConfig`).
"""
