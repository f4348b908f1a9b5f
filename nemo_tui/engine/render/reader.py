"""Reading one JSON object of a draft, key by key: kept in `nemo_tui.draft.check`, shared with the
client, so a problem reads the same wherever it is found."""

from __future__ import annotations

from nemo_tui.draft.check import MISSING, Problems, Reader

__all__ = ["MISSING", "Problems", "Reader"]
