"""A token cache file that is only read is tightened to 0600 too (issue 17): an older version, or a
copy, may have left it readable by others, and reading it must not leave the token exposed."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

from nemo_tui.core.settings import TokenCache


def test_reading_a_loose_token_cache_tightens_it(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    expires = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    path.write_text(json.dumps({"http://127.0.0.1:1": {"token": "nmv_usr_x", "expires_at": expires}}))
    os.chmod(path, 0o644)
    cached = TokenCache(path).load("http://127.0.0.1:1")
    assert cached is not None and cached.token.get_secret_value() == "nmv_usr_x"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_corrupt_or_missing_cache_is_still_just_empty(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    assert TokenCache(path).load("http://x") is None  # missing: nothing to tighten
    path.write_text("{not json")
    os.chmod(path, 0o644)
    assert TokenCache(path).load("http://x") is None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
