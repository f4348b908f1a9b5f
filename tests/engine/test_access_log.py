"""`serve --log-level info` logs requests without their query values (issue 17): a token passed as
`?token=` reached uvicorn's access log."""

from __future__ import annotations

import subprocess
import sys

import httpx

from nemo_tui.engine.hosting.server import READY_PREFIX

SECRET = "nmv_usr_SeCrEt-in-a-query"


def test_access_log_keeps_paths_but_not_query_values(tmp_path):
    cmd = [
        sys.executable,
        "-m",
        "nemo_tui.engine",
        "--port",
        "0",
        "--data-dir",
        str(tmp_path),
        "--log-level",
        "info",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if line.startswith(READY_PREFIX):
                url = line.split()[1]
                break
        assert httpx.get(f"{url}/healthz?token={SECRET}&lang=en").status_code == 200
        r = httpx.get(f"{url}/api/credits/balance/simple?access_token={SECRET}")
        assert r.status_code == 401
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    log = "".join(lines) + out
    assert "/healthz?token=" in log and "/api/credits/balance/simple?access_token=" in log
    assert SECRET not in log and "SeCrEt" not in log
