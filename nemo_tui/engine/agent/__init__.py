"""The engine's ADK agent `nemo_agent`: `agent.build_agent`, the model seam (`model_seam.py`), the
offline planner (`planner.py`) and, by role:

- `language/`: reading a request into tool calls (`understanding.plan`) and writing the reply;
- `edits/`: pure edits of a draft (cuts, clips, titles, the first cut, undo history, descriptions);
- `media/`: sound made on the machine (music loops, speech synthesis, narration files);
- `tools/`: the ADK function tools, which apply `edits` and `media` to the session's draft.

Imports no routes, no services and no hosting except `hosting.config`; `media` may use
`storage.file_storage`. `language`, `edits` and `media` import no ADK.
"""
