"""Two accounts on one engine: neither can read or change anything of the other's."""

from __future__ import annotations

from .helpers import (
    account,
    chat,
    client,
    export,
    new_session,
    new_token,
    run_body,
    small_canvas,
    state,
    wait_for,
    wait_render,
)


def test_accounts_cannot_see_each_other(engine, media):
    alice_token, alice_id = new_token(engine.url)
    alice, bob = client(engine.url, alice_token), account(engine.url)
    sid = new_session(alice)
    with open(media["png"], "rb") as png:
        up = alice.post(f"/api/upload-video/nemo_agent/me/{sid}", files=[("files", ("a.png", png))]).json()
    info = up["data"]["files"][0]
    chat(alice, sid, "generate a video from my photos")
    draft = state(alice, sid)["draft"]
    render_id = "render_alice_private"
    submitted = alice.post(
        "/api/render/proxy/lambda", json={"id": render_id, "sessionId": sid, "draft": draft}
    )
    assert submitted.status_code == 200

    refused = {
        "state": bob.get(f"/api/state/nemo_agent/me/{sid}/latest"),
        "state by id": bob.get(f"/api/state/nemo_agent/{alice_id}/{sid}/latest"),
        "turn": bob.post("/run_sse", json={**run_body(sid, "make it square"), "user_id": alice_id}),
        "upload": bob.post(f"/api/upload-video/nemo_agent/me/{sid}", files=[("files", ("b.png", b"x"))]),
        "media file": bob.get(info["cdn_url"]),
        "render status": bob.get(f"/api/render/proxy/lambda/{render_id}"),
        "render download": bob.get(f"/api/render/proxy/{render_id}/download"),
        "render cancel": bob.post(f"/api/render/proxy/lambda/{render_id}/cancel"),
        "export into her session": bob.post(
            "/api/render/proxy/lambda", json={"sessionId": sid, "draft": draft}
        ),
        "claim": bob.post("/api/auth/claim-token", json={"session_id": sid}),
        "adk session": bob.get(f"/apps/nemo_agent/users/me/sessions/{sid}"),
    }
    for what, response in refused.items():
        assert response.status_code == 404, (what, response.status_code, response.text)
    assert refused["state"].json()["code"] == 1002

    # Her media id in his own session's draft does not resolve either.
    bob_sid = new_session(bob)
    stolen = bob.post("/api/render/proxy/lambda", json={"sessionId": bob_sid, "draft": draft})
    assert stolen.status_code == 400 and "unknown source" in stolen.json()["message"]

    # And nothing of hers changed.
    assert state(alice, sid)["draft"] == draft
    assert alice.get(f"/api/render/proxy/lambda/{render_id}").json()["error"] != "Cancelled."
    claim = alice.post("/api/auth/claim-token", json={"session_id": sid}).json()["data"]
    assert claim["claim_token"].startswith("clm_") and claim["expires_in"] == 7 * 24 * 3600


def test_two_accounts_may_use_the_same_render_id(engine):
    """Render ids are per account: no 409 that reveals another's id, and each reaches only its own job,
    its progress, its cancel and its file."""
    alice, bob = account(engine.url), account(engine.url)
    drafts = {}
    for name, api, seconds in (("alice", alice, 8), ("bob", bob, 3)):
        sid = new_session(api)
        script = f"generate a {seconds}-second video from this script: Hello from {name}."
        assert chat(api, sid, script).status == 200
        drafts[name] = (sid, small_canvas(state(api, sid)["draft"]))

    # Both finish under the same id, each with its own draft and its own file.
    jobs = {name: export(api, *drafts[name], "render_same") for name, api in (("alice", alice), ("bob", bob))}
    assert jobs["alice"]["sessionId"] != jobs["bob"]["sessionId"]
    done = {name: wait_render(api, "render_same") for name, api in (("alice", alice), ("bob", bob))}
    assert done["alice"]["status"] == done["bob"]["status"] == "completed", done
    assert [round(done[name]["output"]["duration"]) for name in ("alice", "bob")] == [8, 3]
    files = {
        name: api.get("/api/render/proxy/render_same/download")
        for name, api in (("alice", alice), ("bob", bob))
    }
    assert all(r.status_code == 200 for r in files.values())
    assert files["alice"].content != files["bob"].content
    # Within one account an id is still used once.
    sid, draft = drafts["alice"]
    again = alice.post(
        "/api/render/proxy/lambda", json={"id": "render_same", "sessionId": sid, "draft": draft}
    )
    assert again.status_code == 409 and again.json()["code"] == 409

    # Cancelling one account's job leaves the other's job of the same id alone: hers runs (long), his
    # waits behind it, she cancels hers, his still renders.
    export(alice, sid, small_canvas(draft, 1920, 1080, 30), "render_twice")
    export(bob, *drafts["bob"], "render_twice")
    wait_for(lambda: alice.get("/api/render/proxy/lambda/render_twice").json()["status"] == "processing")
    cancelled = alice.post("/api/render/proxy/lambda/render_twice/cancel").json()
    assert cancelled["status"] == "failed" and cancelled["error"] == "Cancelled."
    bobs = wait_render(bob, "render_twice")
    assert bobs["status"] == "completed" and bobs["sessionId"] == drafts["bob"][0], bobs
    assert alice.get("/api/render/proxy/lambda/render_twice").json()["error"] == "Cancelled."
    assert alice.get("/api/render/proxy/render_twice/download").status_code == 409
