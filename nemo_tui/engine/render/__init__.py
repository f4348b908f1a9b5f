"""The renderer: a draft (docs/draft.md) to a 1080p H.264 MP4 through one ffmpeg filter graph.

```python
await render_draft(draft, Path("out.mp4"), resolve=lambda src: media_dir / ..., progress=print)
validate_draft(draft, resolve)        # DraftError naming the key and segment
probe(Path("clip.mov"))               # MediaProbe(kind, duration_ms, width, height, fps, has_audio)
```

Pipeline: `validate` (draft -> typed `Timeline`) -> `scenes` (designed scenes drawn as cached clips)
-> `probe` (PyAV) -> `graph` (one `filter_complex`:
`video` clips and transitions, `kenburns`, `text` as an ASS script, `audio` mix with ducking) ->
`ffmpeg` (asyncio subprocess, progress, cancel). `cli` is `nemo-tui render`. `chunked.render_chunked`
renders the same file as time chunks (`window`) encoded side by side and joined.
A library of its own: it imports no other folder of the engine.
"""

from .chunked import render_chunked
from .errors import DraftError, RenderError
from .probe import MediaProbe, probe
from .quality import Quality, look_quality
from .render import render_draft
from .scenes import prune_cache as prune_scene_cache
from .validate import validate_draft

__all__ = [
    "DraftError",
    "MediaProbe",
    "Quality",
    "look_quality",
    "RenderError",
    "probe",
    "prune_scene_cache",
    "render_chunked",
    "render_draft",
    "validate_draft",
]
