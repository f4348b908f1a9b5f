"""Export faults behind MockTransport: failed renders are retried with a new id, disk errors are typed."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from nemo_tui.core import errors as E
from nemo_tui.core.export_job import ExportTimings, check_destination, run_export
from nemo_tui.core.models import unwrap, unwrap_render

from .helpers import json_response

SUBMIT = "/api/render/proxy/lambda"
FAST = ExportTimings(poll_s=0.0, deadline_s=5)
VIDEO = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 4


def test_a_failed_render_status_is_a_job_not_an_error() -> None:
    body = {"status": "failed", "error": "boom"}
    assert unwrap(body) == body
    assert unwrap_render({"success": False, "error": "boom"}) == {"status": "failed", "error": "boom"}
    with pytest.raises(E.InsufficientCredits):  # a business code is still an error
        unwrap_render({"success": False, "code": 2001, "message": "no credits"})


@pytest.mark.parametrize(
    ("submit", "poll"),
    [
        # submit refused in the `success` shape
        ({"success": False, "error": "boom"}, None),
        # submit accepted, then the poll says failed in the top-level shape
        ({"id": "ignored", "status": "pending"}, {"status": "failed", "error": "boom"}),
    ],
    ids=["success-false", "status-failed"],
)
async def test_a_failed_render_is_retried_once_with_a_new_id(
    make_client, backend, tmp_path: Path, submit: dict, poll: dict | None
) -> None:
    backend.on("POST", SUBMIT, json_response(submit))
    ids: list[str] = []

    def status(request: httpx.Request) -> httpx.Response:
        ids.append(request.url.path.rsplit("/", 1)[-1])
        return json_response(poll)

    if poll is not None:
        backend.on("GET", f"{SUBMIT}/ignored", status)
    with pytest.raises(E.RenderFailed, match="boom"):
        await run_export(make_client(), "sid", {"t": []}, tmp_path / "v.mp4", FAST, lambda p: None)
    sent = [json.loads(r.content)["id"] for r in backend.calls("POST", SUBMIT)]
    assert len(sent) == 2 and sent[0] != sent[1], sent
    assert len(ids) == (0 if poll is None else 2)


async def test_an_unwritable_download_is_a_typed_error(make_client, backend) -> None:
    backend.on(
        "GET",
        "/api/render/proxy/r1/download",
        httpx.Response(200, content=VIDEO, headers={"content-type": "video/mp4"}),
    )
    with pytest.raises(E.SaveFailed, match="/proc/x.mp4"):
        await make_client().download("r1", Path("/proc/x.mp4"))


def test_check_destination(tmp_path: Path) -> None:
    check_destination(tmp_path / "v.mp4")
    check_destination(tmp_path)  # a folder: the name is chosen later
    assert list(tmp_path.iterdir()) == [], "the probe file is removed"
    with pytest.raises(E.BadInput, match="does not exist"):
        check_destination(tmp_path / "missing" / "v.mp4")
    with pytest.raises(E.BadInput, match="not writable"):
        check_destination(Path("/proc/x.mp4"))  # not writable even for root
