"""The store on S3 (`--media s3://bucket/prefix`), for workers that share no folder.

Objects are named `<prefix>/<key>` (content-addressed, as in the folder store). `get` downloads an
object once into a local folder (under a temporary name, renamed when complete). boto3 finds its
credentials and endpoint the usual way (`AWS_ACCESS_KEY_ID`, `AWS_ENDPOINT_URL`, a profile…).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from .media_store import MissingMedia, check_key, content_key


class S3Store:
    def __init__(self, url: str, local: Path, client: Any = None) -> None:
        bucket, _, prefix = url.removeprefix("s3://").partition("/")
        self.url, self.bucket, self.prefix = url, bucket, prefix.strip("/")
        self.local = Path(local) / "s3"
        if client is None:
            import boto3  # only a store on S3 needs it

            client = boto3.client("s3")
        self.client = client
        self._known: dict[tuple[str, int, int], str] = {}

    def _name(self, key: str) -> str:
        return f"{self.prefix}/{check_key(key)}" if self.prefix else check_key(key)

    def _exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self._name(key))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True

    def put(self, path: Path, *, owned: bool = False) -> str:
        key = content_key(path, self._known)
        if not self._exists(key):
            self.client.upload_file(str(path), self.bucket, self._name(key))
        return key

    def get(self, key: str) -> Path:
        from botocore.exceptions import ClientError

        dest = self.local / check_key(key)
        if dest.is_file():
            return dest
        self.local.mkdir(parents=True, exist_ok=True)
        part = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.part")
        try:
            self.client.download_file(self.bucket, self._name(key), str(part))
            part.replace(dest)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                raise MissingMedia(f"media {key} is not in the store at {self.url}") from exc
            raise
        finally:
            part.unlink(missing_ok=True)
        return dest

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._name(key))
        (self.local / check_key(key)).unlink(missing_ok=True)
