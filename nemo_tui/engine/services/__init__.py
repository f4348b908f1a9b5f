"""The work a request asks for, without HTTP routing: chat turns, exports and their render queue,
uploads (streamed, sniffed, measured, fetched by URL), limits on input, local top-up, the engine's
error type (`api_errors.ApiError`) and SSE frames.

May import `storage`, `hosting.config`, `render`, `team` (a team server's render workers, imported
only when one is configured) and the agent's media libraries; never `routes`,
never the offline planner (the agent's model is reached through `agent.model_seam`).
"""
