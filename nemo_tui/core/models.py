"""Pydantic models of every request and response in docs/protocol.md.

Every model keeps unknown fields (`extra="allow"`): the backend adds fields freely, and the local
engine validates the same JSON with these models. `unwrap()` removes whichever of the three
envelopes a response came in, raising the matching `NemoError` for an error envelope.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from .draft import Draft
from .errors import RenderFailed, body_code, body_message, error_for


class WireModel(BaseModel):
    model_config = ConfigDict(
        extra="allow", validate_by_name=True, validate_by_alias=True, coerce_numbers_to_str=True
    )


def unwrap(body: Any, status: int | None = None) -> Any:
    """The payload of `{"code":0,"data":…}`, `{"success":true,"data":…}` or a bare object.

    Raises the mapped `NemoError` for a non-zero `code` or `success: false`.
    """
    if not isinstance(body, Mapping):
        return body
    if "code" in body and not isinstance(body.get("code"), bool):
        if body.get("code") not in (0, "0", None):
            raise error_for(status, body)
        return body.get("data", {k: v for k, v in body.items() if k not in ("code", "message", "msg")})
    if isinstance(body.get("success"), bool):
        if not body["success"]:
            raise error_for(status, body)
        return body.get("data", body)
    # An error-only bare object, e.g. {"error": "..."}; with a `status` word it is a render job's
    # status ({"status": "failed", "error": …}), which the export retries, so it is returned.
    if body.get("error") and set(body) <= {"error", "detail", "message", "status"}:
        if not isinstance(body.get("status"), str):
            raise error_for(status, body)
    return body


def unwrap_render(body: Any, status: int | None = None) -> Any:
    """`unwrap` for the render endpoints, where a failure is a job status, not an error.

    `{"success": false, "error": …}` (no business code) becomes `{"status": "failed", "error": …}`,
    so that the export retries once with a new render id instead of giving up.
    """
    if isinstance(body, Mapping) and body.get("success") is False and body_code(body) in (None, 0):
        raw = body.get("data")
        data = raw if isinstance(raw, Mapping) else {}
        return {**data, "status": "failed", "error": body_message(body) or data.get("error")}
    return unwrap(body, status)


# ---- requests -------------------------------------------------------------------------------


class Part(WireModel):
    text: str | None = None


class Content(WireModel):
    role: str = "user"
    parts: list[Part]


class RunRequest(WireModel):
    """Body of `POST /run_sse` (ADK's field names, snake_case)."""

    app_name: str = "nemo_agent"
    user_id: str = "me"
    session_id: str
    new_message: Content

    @classmethod
    def for_text(cls, session_id: str, text: str) -> RunRequest:
        return cls(session_id=session_id, new_message=Content(role="user", parts=[Part(text=text)]))


class NewSessionRequest(WireModel):
    task_name: str = "project"
    language: str | None = None


class ClaimTokenRequest(WireModel):
    task_id: str
    session_id: str


class UrlUploadRequest(WireModel):
    urls: list[str]
    source_type: Literal["url"] = "url"


class RenderOutput(WireModel):
    format: str = "mp4"
    quality: str = "high"


class RenderRequest(WireModel):
    """Body of `POST /api/render/proxy/lambda`; `sessionId` is the protocol's one camelCase field."""

    id: str
    session_id: str = Field(alias="sessionId")
    draft: dict[str, Any]
    output: RenderOutput = Field(default_factory=RenderOutput)

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")


# ---- responses ------------------------------------------------------------------------------


class AnonymousToken(WireModel):
    """`data` of the anonymous-token answer. The token is a SecretStr: repr, str and `model_dump`
    show stars; a server answering with this model sends `to_wire()`."""

    token: SecretStr
    user_id: str | None = None
    expires_at: datetime | None = None
    credits: int | float | None = None

    def to_wire(self) -> dict[str, Any]:
        return {**self.model_dump(mode="json"), "token": self.token.get_secret_value()}


class ClaimToken(WireModel):
    claim_token: str
    expires_in: int | None = None


class SessionInfo(WireModel):
    session_id: str
    task_id: str | None = None
    user_id: str | None = None


class HoldCharge(WireModel):
    """What one turn froze and was charged (the local engine's `data.hold`, asked for by id)."""

    frozen: int = 0
    charged: int = 0
    settled: bool = False


class Credits(WireModel):
    available: int | float | None = None
    frozen: int | float | None = None
    total: int | float | None = None
    hold: HoldCharge | None = None

    @model_validator(mode="after")
    def _fill_total(self) -> Credits:
        if self.total is None and self.available is not None:
            self.total = self.available + (self.frozen or 0)
        return self


class MediaInfo(WireModel):
    """One uploaded or generated asset (upload `files[*]`, state `video_infos[*]`)."""

    id: str | None = Field(default=None, validation_alias=AliasChoices("id", "media_id", "file_id"))
    filename: str | None = None
    file_type: str | None = None
    cdn_url: str | None = None
    duration: float | None = None  # seconds
    width: int | None = None
    height: int | None = None
    fps: float | None = None
    hash: str | None = None


class UploadResult(WireModel):
    files: list[MediaInfo] = []
    session_state_applied: bool | None = None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, Mapping):  # some backends key assets by id
        return [dict(v, id=v.get("id", k)) if isinstance(v, Mapping) else v for k, v in value.items()]
    return list(value)


class SessionState(WireModel):
    """`data.state.*` of the state endpoint, plus `session_id`/`task_id` when the server gives them."""

    session_id: str | None = None
    task_id: str | None = None
    draft: Draft | None = None
    video_infos: list[MediaInfo] = []
    canvas_config: dict[str, Any] | None = None
    generated_media: Any = None

    @classmethod
    def from_data(cls, data: Any) -> SessionState:
        data = dict(data or {})
        state = data.pop("state", None)
        merged = {**data, **state} if isinstance(state, Mapping) else data
        return cls.model_validate(merged)

    @field_validator("draft", mode="before")
    @classmethod
    def _draft(cls, value: Any) -> Any:
        if isinstance(value, str):  # some stores keep the draft as a JSON string
            value = json.loads(value) if value.strip() else None
        return value or None

    @field_validator("video_infos", mode="before")
    @classmethod
    def _infos(cls, value: Any) -> Any:
        return _as_list(value)


RenderStatus = Literal["pending", "processing", "completed", "failed"]


class RenderJob(WireModel):
    """An export job, from either documented poll shape (top level `output.url`, or `outputUrl`)."""

    id: str | None = None
    status: str = "pending"
    progress: float | None = None
    output_url: str | None = None
    error: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _normalise(cls, value: Any) -> Any:
        if not isinstance(value, Mapping):
            return value
        body = dict(value)
        inner = body.get("data")
        if isinstance(inner, Mapping) and "status" in inner and "status" not in body:
            body = {**body, **inner}  # {"data": {"status", "outputUrl"}} left inside a bare object
        if not body.get("id"):
            body["id"] = body.get("taskId") or body.get("renderId") or body.get("render_id")
        if not body.get("output_url"):
            output = body.get("output")
            url = output.get("url") if isinstance(output, Mapping) else None
            body["output_url"] = url or body.get("outputUrl") or body.get("url")
        err = body.get("error")
        if isinstance(err, Mapping):
            body["error"] = err.get("message") or json.dumps(err)[:200]
        if isinstance(body.get("status"), str):
            body["status"] = body["status"].lower()
        return body

    @property
    def done(self) -> bool:
        return self.status in ("completed", "failed")

    @property
    def completed(self) -> bool:
        return self.status == "completed"

    def raise_if_failed(self) -> None:
        if self.status == "failed":
            raise RenderFailed(f"The export failed: {self.error}" if self.error else None, render_id=self.id)


# ---- look-ahead previews (the local engine only) ---------------------------------------------


class PreviewScene(WireModel):
    id: str
    start_s: float
    end_s: float
    title: str = ""  # the words shown during the scene


class Preview(WireModel):
    """`POST /api/preview/{sid}`: a small MP4 of the draft (`url` is relative to the backend)."""

    url: str
    hash: str
    duration_s: float
    fps: float
    width: int
    height: int
    scenes: list[PreviewScene] = Field(default_factory=list)


class PreviewThumb(WireModel):
    id: str
    t_s: float
    jpeg: str  # base64

    def jpeg_bytes(self) -> bytes:
        import base64

        return base64.b64decode(self.jpeg)


class PreviewThumbs(WireModel):
    hash: str
    thumbs: list[PreviewThumb] = Field(default_factory=list)
