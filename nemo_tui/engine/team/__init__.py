"""Renders split across machines (issue 22): time chunks rendered by Celery workers, joined here.

`media_store` is the content-addressed folder every machine reads (inputs and chunk outputs, by
SHA-256); `jobs` is the JSON a chunk travels as; `celery_app` builds the Celery app for a Redis URL;
`tasks` are what a worker runs (`render_chunk`, `render_audio`); `distributed.render_on_workers` is
the coordinator, in the API process; `worker_cli` starts a worker. Imports: the renderer
(`nemo_tui.engine.render`) and, inside this folder only and never at import time of the rest of
the engine, Celery and Redis (the optional `team` extra): the laptop default runs without them.
"""
