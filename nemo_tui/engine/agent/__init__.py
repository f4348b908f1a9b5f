"""The engine's ADK agent: `build_agent`, its tools, the offline planner and the music generator."""
