"""Two accounts on one engine: neither can read or change anything of the other's."""

from __future__ import annotations

from .helpers import account, chat, client, new_session, new_token, run_body, state


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
