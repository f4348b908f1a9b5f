"""Language, English and Chinese: a message read into tool calls or questions
(`understanding.plan`), its words, times, references and vague wishes, a script's sentences, and
the planner's reply.

Pure functions on text: no I/O, no ADK. May import word lists and values from `edits` (colours, the
plain background) and `media` (mood names); never `tools`, the planner or anything outside the agent.
"""
