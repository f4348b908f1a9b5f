"""The whole documented flow against a live engine, with plain httpx and httpx-sse."""

from __future__ import annotations

import re

import av
import httpx

from .helpers import chat, client, credits, export, new_session, new_token, small_canvas, state, wait_render

TIMELINE = re.compile(r"Timeline \(\d+ tracks?\): 1\. ")


def test_documented_flow(engine, media, tmp_path):
    token, user_id = new_token(engine.url)
    assert token.startswith("nmv_usr_") and user_id.startswith("anon_")
    api = client(engine.url, token)
    assert credits(api) == {"available": 100, "frozen": 0, "total": 100}
    sid = new_session(api)
    assert sid.isdigit() and len(sid) >= 18

    # Uploads: several files in one multipart call, typed by content.
    with open(media["png"], "rb") as png, open(media["mp4"], "rb") as mp4, open(media["mp3"], "rb") as mp3:
        files = [("files", ("sunset.png", png)), ("files", ("clip.mp4", mp4)), ("files", ("song.mp3", mp3))]
        r = api.post(f"/api/upload-video/nemo_agent/me/{sid}", files=files)
    assert r.status_code == 200, r.text
    uploaded = r.json()["data"]["files"]
    assert r.json()["data"]["session_state_applied"] is True
    assert [f["file_type"] for f in uploaded] == ["image", "video", "audio"]
    png_info, mp4_info, mp3_info = uploaded
    assert (png_info["width"], png_info["height"]) == (320, 180) and png_info["duration"] is None
    assert abs(mp4_info["duration"] - 2.0) < 0.3 and mp4_info["fps"] == 15
    assert abs(mp3_info["duration"] - 3.0) < 0.3
    cdn = api.get(png_info["cdn_url"])
    assert cdn.status_code == 200 and cdn.content == media["png"].read_bytes()

    # A chat turn: tool call, tool response carrying the draft in stateDelta, then plain text.
    turn = chat(api, sid, "generate a 6-second video from this script: The sun sets. The city wakes up.")
    assert turn.status == 200 and not turn.errors
    assert turn.calls == ["generate_video", "finish_video"]  # the first cut, then title and music
    assert any(d.get("draft", {}).get("t") for d in turn.state_deltas())
    assert turn.ids and all(turn.ids)
    assert TIMELINE.search(turn.texts[-1])
    assert turn.events[-1].get("turnComplete") is True
    assert credits(api) == {"available": 80, "frozen": 0, "total": 80}

    turn = chat(api, sid, "title 'Urban Dreams' for the first 2 seconds and add lo-fi music at 35%")
    assert turn.calls == ["add_title", "add_music"]
    assert 'title card "Urban Dreams"' in turn.texts[-1]  # the designed opener shows the title
    assert "BGM: song (0-6s, 35%)" in turn.texts[-1]  # the uploaded audio wins over generated music
    assert credits(api)["available"] == 75  # one message, one edit: its dearest part (5)

    st = state(api, sid)
    assert [i["id"] for i in st["video_infos"]] == [f["id"] for f in uploaded]
    assert st["canvas_config"]["aspect_ratio"] == "16:9"
    assert st["draft"]["d"] == 6000
    srcs = [s.get("src") for t in st["draft"]["t"] for s in t["sg"]]
    srcs += [
        s["scene"].get("media") for t in st["draft"]["t"] for s in t["sg"] if "scene" in s
    ]  # framed photos
    assert f"media:{png_info['id']}" in srcs and f"media:{mp3_info['id']}" in srcs

    # Export (small canvas to keep the test quick), poll, download with and without Range.
    job = export(api, sid, small_canvas(st["draft"]))
    assert job["status"] in ("pending", "processing") and job["taskId"] == job["id"]
    done = wait_render(api, job["id"])
    assert done["status"] == "completed", done
    assert done["output"]["url"] == done["outputUrl"] and done["progress"] == 100
    head = api.get(done["outputUrl"], headers={"Range": "bytes=0-99"})
    assert head.status_code == 206 and len(head.content) == 100
    out = tmp_path / "out.mp4"
    with api.stream("GET", f"/api/render/proxy/{job['id']}/download") as response:
        assert response.status_code == 200
        out.write_bytes(response.read())
    assert out.stat().st_size == done["output"]["size"]
    probe = api.head(f"/api/render/proxy/{job['id']}/download")  # a download manager's first question
    assert probe.status_code == 200 and int(probe.headers["content-length"]) == out.stat().st_size
    with av.open(str(out)) as container:
        video = container.streams.video[0]
        assert (video.codec_context.width, video.codec_context.height) == (320, 180)
        assert container.streams.audio, "the music should be in the export"
        assert abs(container.duration / 1e6 - 6.0) < 0.5
    assert credits(api)["available"] == 75  # export is free


def test_unknown_request_is_free_and_helpful(engine):
    api = client(engine.url, new_token(engine.url)[0])
    sid = new_session(api)
    turn = chat(api, sid, "what's the weather like?")
    assert turn.status == 200
    assert "generate a 30-second promo video" in turn.texts[-1]
    assert "Timeline (empty)" in turn.texts[-1]
    assert credits(api) == {"available": 100, "frozen": 0, "total": 100}


def test_adk_style_session_routes(engine):
    """ADK clients find the app, make a session, read it back and run a turn with /run."""
    token, _ = new_token(engine.url)
    api = client(engine.url, token)
    assert api.get("/list-apps").json() == ["nemo_agent"]
    session = api.post("/apps/nemo_agent/users/me/sessions", json={}).json()
    assert session["appName"] == "nemo_agent" and session["userId"] == "me"  # as stock ADK echoes it
    body = {"appName": "nemo_agent", "userId": "me", "sessionId": session["id"],
            "newMessage": {"parts": [{"text": "make it square"}]}}  # fmt: skip
    events = api.post("/run", json=body).json()
    assert any("text" in p for e in events for p in e["content"]["parts"])
    again = api.get(f"/apps/nemo_agent/users/me/sessions/{session['id']}").json()
    assert again["state"]["canvas_config"]["aspect_ratio"] == "1:1"
    assert httpx.get(f"{engine.url}/healthz").json()["ok"] is True
