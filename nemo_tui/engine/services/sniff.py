"""File type by content (magic bytes), never by extension: the one table in `nemo_tui.draft.wire`.

`sniff(head)` looks at the first bytes of a file and names one of the accepted types
(docs/protocol.md: mp4 mov avi webm mkv, jpg png gif webp, mp3 wav m4a aac) or returns None. The client
checks files with the same table before sending them.
"""

from __future__ import annotations

from nemo_tui.draft.wire import ACCEPTED, HEAD_BYTES, KINDS, FileKind, sniff

__all__ = ["ACCEPTED", "HEAD_BYTES", "KINDS", "FileKind", "sniff"]
