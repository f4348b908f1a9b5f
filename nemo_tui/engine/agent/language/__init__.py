"""Language, English and Chinese: a message read into tool calls or questions
(`understanding.plan`), its words, times, references and vague wishes, a script's sentences, and
the planner's reply.

Pure functions on text: no I/O, no ADK. May import word lists and values from `edits` (colours, the
plain background) and `media` (mood names), and `nemo_tui.art` (its Chinese word cutter; it imports
nothing of nemo_tui); never `tools`, the planner or anything else outside the agent.
"""
