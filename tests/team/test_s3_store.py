"""The store on S3, against a real S3 API on loopback (moto's server), and a render whose worker reads
and writes only there. Skipped, with the reason, without moto (`pip install 'moto[server]'`)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _render_tools import resolver
from frames import compare
from team_tools import Team
from timelines import long_draft

from nemo_tui.engine.team.celery_app import make_app
from nemo_tui.engine.team.distributed import render_on_workers
from nemo_tui.engine.team.media_store import MissingMedia, file_sha256
from nemo_tui.engine.team.s3_store import S3Store
from tests.servers.ports import free_port, wait_for_port


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    exe = shutil.which("moto_server")
    if exe is None:
        pytest.skip("moto's S3 server is not installed (pip install 'moto[server]')")
    boto3 = pytest.importorskip("boto3")
    port = free_port()
    log = (tmp_path_factory.mktemp("moto") / "moto.log").open("wb")
    proc = subprocess.Popen([exe, "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=subprocess.STDOUT)
    wait_for_port(port, proc, "moto_server")
    env = {
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    client = boto3.client("s3", endpoint_url=env["AWS_ENDPOINT_URL"], aws_access_key_id="testing",
                          aws_secret_access_key="testing", region_name="us-east-1")  # fmt: skip
    client.create_bucket(Bucket="renders")
    yield env
    proc.terminate()
    proc.wait(10)


def _objects(client: Any) -> list[str]:
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket="renders").get("Contents", []))


def test_the_s3_store_keeps_files_by_content(
    s3: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in s3.items():
        monkeypatch.setenv(name, value)
    store = S3Store("s3://renders/unit", tmp_path / "local")
    src = tmp_path / "a.wav"
    src.write_bytes(b"RIFF" + b"\1" * 3000)
    key = store.put(src)
    assert key == file_sha256(src) + ".wav" and store.put(src) == key
    assert f"unit/{key}" in _objects(store.client)
    assert store.get(key).read_bytes() == src.read_bytes()
    store.delete(key)
    assert f"unit/{key}" not in _objects(store.client)
    with pytest.raises(MissingMedia, match="is not in the store at s3://renders/unit"):
        store.get(key)


async def test_a_render_through_s3_only(
    s3: dict[str, str], redis_url: str, media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in s3.items():
        monkeypatch.setenv(name, value)  # the worker inherits them
    url = redis_url.rsplit("/", 1)[0] + "/1"  # a queue of its own: the folder workers never see these chunks
    crew = Team(url, "s3://renders/team", tmp_path)  # type: ignore[arg-type]
    crew.app = make_app(url)
    crew.start("s3w")
    try:
        crew.wait_ready(1)
        store = S3Store("s3://renders/team", tmp_path / "coordinator")
        out = await render_on_workers(long_draft(8), tmp_path / "s3.mp4", resolve=resolver(media),
                                      app=crew.app, store=store, chunk_s=4)  # fmt: skip
    finally:
        crew.stop()
    found = compare(out, out, set())
    assert found.frames == (240, 240)
    inputs = {file_sha256(media / n) + Path(n).suffix for n in ("photo.png", "rgb.mp4", "music.wav")}
    assert _objects(store.client) == sorted(f"team/{k}" for k in inputs)  # the chunks were deleted
    assert "nemo.render_chunk" in crew.logs() and "succeeded" in crew.logs()
