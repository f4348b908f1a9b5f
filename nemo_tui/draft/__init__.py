"""The draft (DRAFT.md, docs/draft.md) and the constants of the wire, once for client and engine."""
