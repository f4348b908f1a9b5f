"""Files served back: uploads to their owner (`cdn_url`), generated music to any signed-in caller."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from ..agent.media.music import MOODS, storage_key
from ..services.api_errors import ApiError
from .deps import CurrentAccount, engine_of

router = APIRouter()


@router.get("/api/media/{media_id}/{name}")
async def media_file(media_id: str, name: str, request: Request, account: CurrentAccount) -> FileResponse:
    engine = engine_of(request)
    upload = await engine.store.upload(account.id, media_id)
    if upload is None:
        raise ApiError(404, "No such media in this account.")
    path = engine.storage.local_path(upload.storage_key)
    return FileResponse(path, media_type=upload.mime, filename=upload.filename)


@router.get("/api/generated/music/{file}")
async def generated_music(file: str, request: Request, account: CurrentAccount) -> FileResponse:
    mood = file.removesuffix(".wav")
    if mood not in MOODS:
        raise ApiError(404, "No such generated music.")
    engine = engine_of(request)
    path = await engine.music.ensure(mood)
    assert engine.storage.exists(storage_key(mood))
    return FileResponse(path, media_type="audio/wav", filename=f"{mood}.wav")
