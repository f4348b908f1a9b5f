"""A readable snapshot of the workspace, kept in the notebook for when the kernel is gone.

A widget's output holds only a reference to a model that lives in the kernel. Reopened without that
kernel (or with a fresh one), JupyterLab's widget renderer finds no model and shows "Error
displaying widget: model not found"; it has no fallback of its own. So the workspace displays a
second output after the live view: plain HTML (a `display_id`, updated as the session changes, so
the saved notebook holds the latest state). The live view's stylesheet hides it while the widget is
there; with no live view it shows, and its own `<style>` (kept only in a trusted notebook) hides the
widget renderer's error line above it. Untrusted, the same HTML is shown sanitized: it is plain
paragraphs and a table, readable without any style.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nemo_tui.core.timeline import TimelineView
from nemo_tui.core.updates import CreditsUpdated, StatusChanged

from .markup import markdown, plain

_WHO = {"user": "You", "assistant": "Nemo", "system": "Note", "error": "Error", "credits": "Cost"}

# Kept only where the notebook is trusted: hides the output just before this one (the widget's) while
# it holds no live workspace, which is the renderer's "Loading widget..." and then its "Error
# displaying widget: model not found", and gives the snapshot its frame.
_STYLE = """<style>
.jp-OutputArea-child:has(+ .jp-OutputArea-child .nemo-snapshot):not(:has(.nemo-workspace)) {
  display: none; }
.nemo-snapshot { border: 1px dashed var(--jp-border-color1, #bdbdbd); border-radius: 4px; padding: 4px 8px;
  color: var(--jp-ui-font-color1, inherit); font-size: var(--jp-ui-font-size1, 13px); line-height: 1.4; }
.nemo-snapshot table { border-collapse: collapse; font-size: 0.9em; }
.nemo-snapshot table td, .nemo-snapshot table th { padding: 1px 8px 1px 0; }
.nemo-snapshot p { margin: 0.25em 0; }
</style>"""


def snapshot_html(
    *,
    status: StatusChanged,
    messages: Sequence[tuple[str, str]],
    timeline: TimelineView,
    summary: str,
    credits: CreditsUpdated | None,
    last_export: Path | None,
    closed: bool = False,
    limit: int = 30,
) -> str:
    """The workspace as static HTML: status, the last `limit` messages, the timeline, the export."""
    session = f" · session {html.escape(status.session_id[-8:])}" if status.session_id else ""
    state = "closed" if closed else "saved"
    head = (
        f"<p><b>nemo workspace</b> ({html.escape(status.backend or 'no backend')}{session}) — a {state} "
        "snapshot. Run the cell again to open the live workspace.</p>"
    )
    shown = messages[-limit:]
    earlier = f"<p><i>… {len(messages) - limit} earlier messages</i></p>" if len(messages) > limit else ""
    chat = "".join(_message(role, text) for role, text in shown) or "<p><i>No messages yet.</i></p>"
    parts = [_STYLE, head, earlier, chat, f"<p><b>{plain(summary)}</b></p>", _segments(timeline)]
    if credits is not None:
        parts.append(f"<p>Credits: {credits.available} available · {credits.frozen} frozen</p>")
    if last_export is not None:
        parts.append(f"<p>Last export: <code>{html.escape(str(last_export))}</code></p>")
    return f'<div class="nemo-snapshot">{"".join(parts)}</div>'


def _message(role: str, text: str) -> str:
    label = f"<b>{_WHO.get(role, role)}:</b> "
    if role != "assistant":
        return f"<p>{label}{plain(text)}</p>"
    body = markdown(text)
    # The label opens the reply's first paragraph rather than standing on a line of its own.
    return f"<div><p>{label}{body[3:]}</div>" if body.startswith("<p>") else f"<div>{label}{body}</div>"


def _segments(view: TimelineView) -> str:
    """The segments as a table. Jupyter right-aligns output tables; an inline `text-align` is one of
    the styles its sanitizer keeps, so the table reads left to right trusted or not."""
    if not view.tracks:
        return ""

    def row(cells: list[str], tag: str = "td") -> str:
        return "<tr>" + "".join(f'<{tag} style="text-align:left">{c}</{tag}>' for c in cells) + "</tr>"

    rows = "".join(
        row(
            [
                f"{i}. {html.escape(track.kind)}",
                html.escape(seg.text or seg.name),
                seg.span,
                "" if seg.volume is None else f"{round(seg.volume * 100)}%",
            ]
        )
        for i, track in enumerate(view.tracks, 1)
        for seg in track.segments
    )
    return f"<table>{row(['track', 'segment', 'time', 'volume'], 'th')}{rows}</table>"


class Snapshot:
    """The snapshot output: shown once after the live view, then updated in place by display id."""

    def __init__(self) -> None:
        self.display_id = f"nemo-snapshot-{uuid.uuid4().hex}"
        self.html = ""
        self.shown = False

    def bundle(self) -> dict[str, Any]:
        return {"text/html": self.html, "text/plain": "nemo workspace (saved snapshot)"}

    def show(self, text: str) -> None:
        from IPython.display import display

        self.html = text
        display(self.bundle(), raw=True, display_id=self.display_id)
        self.shown = True

    def update(self, text: str) -> None:
        if text == self.html:
            return
        self.html = text
        if self.shown:
            from IPython.display import update_display

            update_display(self.bundle(), raw=True, display_id=self.display_id)
