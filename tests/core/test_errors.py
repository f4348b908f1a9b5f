from __future__ import annotations

import pytest

from nemo_tui.core import errors as E

from .helpers import load


@pytest.mark.parametrize(
    ("status", "body", "cls", "code"),
    [
        (200, load("error_1001.json"), E.AuthError, 1001),
        (401, {"detail": "Not authenticated"}, E.AuthError, 401),
        (200, load("error_1002.json"), E.SessionNotFound, 1002),
        (404, load("error_adk_404.json"), E.SessionNotFound, 404),
        (404, {"detail": "Session not found: 123"}, E.SessionNotFound, 404),
        (404, {"detail": "Not Found"}, E.NotFound, 404),
        (200, load("error_2001.json"), E.InsufficientCredits, 2001),
        (402, {"code": 2001, "message": "no credits"}, E.InsufficientCredits, 2001),  # body code wins
        (200, {"code": 4001, "message": "bad type"}, E.UnsupportedFileType, 4001),
        (413, {"code": 4002}, E.FileTooLarge, 4002),
        (400, {"detail": "X-Client-Id header is required"}, E.MissingClientId, 400),
        (400, {"detail": "bad json"}, E.BadRequest, 400),
        (200, {"code": 400, "msg": "missing client id"}, E.MissingClientId, 400),
        (402, {"detail": "Payment required"}, E.ExportBlocked, 402),
        (200, {"code": 402, "message": "upgrade"}, E.ExportBlocked, 402),
        (429, {"detail": "slow down"}, E.RateLimited, 429),
        (200, {"code": 429}, E.RateLimited, 429),
        (403, {"detail": "scope"}, E.PermissionDenied, 403),
        (502, "Bad gateway", E.ServerError, 502),
        (409, {"detail": "conflict"}, E.APIError, 409),
    ],
)
def test_error_for_maps_status_and_code(status, body, cls, code) -> None:
    err = E.error_for(status, body)
    assert type(err) is cls
    assert err.code == code
    assert err.status == status
    assert str(err)  # a message a person can read


@pytest.mark.parametrize("field", ["message", "msg", "detail"])
def test_message_field_variants(field: str) -> None:
    assert E.error_for(200, {"code": 1002, field: "gone for good"}).message == "gone for good"


def test_success_false_error_message() -> None:
    err = E.error_for(409, load("error_success_false.json"))
    assert err.message == "render id already used"


def test_html_500_becomes_a_short_line() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>500 Internal Server Error</title><style>body{}</style></head>"
        "<body><h1>Internal Server Error</h1><p>" + "x" * 5000 + "</p></body></html>"
    )
    err = E.error_for(500, page)
    assert isinstance(err, E.ServerError)
    assert "<" not in err.message and "x" * 50 not in err.message
    assert "500 Internal Server Error" in err.message
    assert len(err.message) < 200


def test_retry_after_seconds_and_date() -> None:
    assert E.error_for(429, {}, {"Retry-After": "12"}).retry_after == 12.0
    assert E.error_for(429, {}, {"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}).retry_after == 0.0
    assert E.error_for(429, {}, {}).retry_after is None


def test_action_hints_and_accepted_types() -> None:
    err = E.error_for(200, {"code": 4001})
    assert isinstance(err, E.UnsupportedFileType)
    assert "mp4" in err.action and "aac" in err.action
    assert "mp4" in err.accepted
    credits = E.InsufficientCredits(register_url="https://nemovideo.com/register?bind=anon_1")
    assert "?bind=anon_1" in credits.action


def test_tokens_are_scrubbed_from_messages() -> None:
    err = E.error_for(
        401, {"detail": "token nmv_usr_SECRET123-abc is expired; sent Bearer nmv_usr_SECRET123-abc"}
    )
    assert "SECRET123" not in str(err) and "SECRET123" not in repr(err)
    assert "nmv_usr_***" in str(err)


def test_every_error_is_a_nemo_error() -> None:
    classes = [getattr(E, name) for name in dir(E) if isinstance(getattr(E, name), type)]
    for cls in classes:
        if issubclass(cls, Exception):
            assert issubclass(cls, E.NemoError)


def test_a_validation_error_names_its_fields() -> None:
    """FastAPI's 422 (recorded from stock ADK's /run_sse): `detail` is a list of {loc, msg, type}."""
    err = E.error_for(422, load("stock_adk_422.json"))
    assert isinstance(err, E.BadRequest) and err.code == 422
    assert err.message == "Invalid request: sessionId: Field required"
    two = [
        {"loc": ["body", "new_message", "parts", 0], "msg": "bad part"},
        {"loc": ["query", "x"], "msg": "no"},
    ]
    assert (
        E.error_for(422, {"detail": two}).message == "Invalid request: new_message.parts.0: bad part; x: no"
    )
    assert E.error_for(422, {"detail": [{"msg": "whole body"}]}).message == "Invalid request: whole body"
    assert (
        E.error_for(422, {"detail": [{"loc": ["t", 0], "msg": "bad"}]}).message == "Invalid request: t.0: bad"
    )


def test_a_full_disk_on_the_server_is_said_plainly() -> None:
    """A 507 (the engine's disk is full) is not 'an internal error', and nothing was saved."""
    body = {"code": 507, "message": "The engine's disk is full: nothing was saved. Free some space."}
    err = E.error_for(507, body)
    assert isinstance(err, E.ServerStorageFull) and isinstance(err, E.ServerError)
    assert "internal error" not in err.message and "disk is full" in err.message
    assert err.action and "space" in err.action


def test_a_request_over_a_limit_keeps_the_servers_words() -> None:
    body = {"code": 413, "message": "A chat message holds at most 20,000 characters; this one has 25,000."}
    err = E.error_for(413, body)
    assert isinstance(err, E.RequestTooLarge) and err.message == body["message"]
    assert err.action and "shorter" in err.action


def test_broken_json_is_not_read_as_a_field() -> None:
    detail = [{"loc": ["body", 27], "msg": "JSON decode error", "type": "json_invalid"}]
    err = E.error_for(422, {"detail": detail})
    assert "not valid JSON" in err.message and "27:" not in err.message, err.message
