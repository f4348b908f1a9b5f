"""Where the engine keeps its data: the SQLite store (accounts, tokens, credits, tasks, uploads,
render jobs), its schema and migrations, the records it returns, media files on disk, and ADK's
session database.

Imports no other engine folder except `hosting.config`: no services, no routes, no agent, no FastAPI.
"""
