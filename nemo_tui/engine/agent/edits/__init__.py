"""The draft, edited: cuts in time (`draft_ops`), the row of clips, titles and captions, the first
cut laid out from a script (`storyboard`), undo history, and the timeline described in words.

Plain dicts in and out, no I/O, no ADK. May import `language.script` (the storyboard reads a
script); never `tools`, the planner or anything outside the agent.
"""
