"""The draft, edited: cuts in time (`draft_ops`), the row of clips, titles and captions, the first
cut laid out from a script (`storyboard`) and its designed scenes (`design`), undo history, and the
timeline described in words.

Plain dicts in and out, no I/O, no ADK. May import `language.script` and `language.scene_reading`
(the storyboard reads a script, the designer its sentences) and `nemo_tui.art`; never `tools`, the
planner or anything outside the agent.
"""
