"""HTML for the panes: pure functions from the controller's update values to strings.

Everything a person or the backend wrote is escaped; replies are Markdown rendered with raw HTML
turned off (markdown-it-py arrives with Textual; without it, replies fall back to escaped text with
line breaks). Styles are inline so the HTML looks the same in JupyterLab, Notebook 7 and VS Code.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from nemo_tui.core.timeline import SegmentView, TimelineView, seconds
from nemo_tui.core.updates import CreditsUpdated, ErrorShown, StatusChanged, StreamLogged

try:
    from markdown_it import MarkdownIt

    _MD: MarkdownIt | None = MarkdownIt("commonmark", {"html": False, "breaks": True})
except ImportError:  # pragma: no cover - markdown-it-py is a dependency of Textual
    _MD = None

# A scroll box that stays anchored to its newest line: column-reverse starts scrolled to the bottom.
_SCROLL = "max-height:{h}px;overflow-y:auto;display:flex;flex-direction:column-reverse;"

_ROLE_STYLE = {
    # Bubbles set their text colour with their background, so they read in dark themes too.
    "user": ("You", "background:#e8f0fe;color:#202124;border-left:3px solid #1a73e8;"),
    "assistant": ("Nemo", "background:#f1f8e9;color:#202124;border-left:3px solid #43a047;"),
    "system": ("", "color:#888;font-style:italic;border-left:3px solid #bbb;"),
    "error": ("", "background:#fdecea;border-left:3px solid #d93025;color:#8a1c12;"),
}

LOG_COLOURS = {
    "text": "inherit",
    "partial": "#80868b",
    "thought": "#9aa0a6",
    "tool_call": "#1a73e8",
    "tool_result": "#188038",
    "state_delta": "#8430ce",
    "heartbeat": "#bdc1c6",
    "error": "#d93025",
    "unknown": "#e37400",
}

_TRACK_COLOURS = {
    "Video": "#4285f4",
    "BGM": "#34a853",
    "Voice": "#0f9d58",
    "Audio": "#34a853",
    "Title": "#fbbc04",
    "Captions": "#f29900",
    "Text": "#f6ae2d",
}


def plain(text: str) -> str:
    """Escaped text with its line breaks kept."""
    return html.escape(text).replace("\n", "<br>")


def markdown(text: str) -> str:
    return _MD.render(text) if _MD is not None else f"<p>{plain(text)}</p>"


def message(role: str, text: str) -> str:
    who, style = _ROLE_STYLE.get(role, ("", ""))
    body = markdown(text) if role == "assistant" else plain(text)
    label = f"<b>{who}</b><br>" if who else ""
    return (
        f'<div class="nemo-msg nemo-{html.escape(role)}" style="{style}margin:3px 0;padding:4px 8px;'
        f'border-radius:3px;">{label}{body}</div>'
    )


def error(notice: ErrorShown) -> str:
    action = f"<br><span>{plain(notice.action)}</span>" if notice.action else ""
    return f"<b>{plain(notice.message)}</b>{action}"


def transcript(messages: Sequence[tuple[str, str]], *, limit: int = 200, height: int = 360) -> str:
    """The chat: the newest `limit` messages, oldest first, scrolled to the newest."""
    hidden = len(messages) - limit
    shown = messages[-limit:] if hidden > 0 else messages
    note = f'<div style="color:#888">… {hidden} earlier messages</div>' if hidden > 0 else ""
    if not shown:
        note = '<div style="color:#888">Say what video you want, e.g. "generate a 30-second promo…"</div>'
    body = "".join(message(role, text) for role, text in shown)
    return f'<div class="nemo-transcript" style="{_SCROLL.format(h=height)}"><div>{note}{body}</div></div>'


def partial(text: str) -> str:
    if not text:
        return ""
    return f'<div class="nemo-partial" style="color:#5f6368;padding:2px 8px;">{plain(text)}▌</div>'


def log_line(entry: StreamLogged) -> str:
    colour = LOG_COLOURS.get(entry.kind, LOG_COLOURS["unknown"])
    return (
        f'<div style="color:{colour};white-space:pre-wrap;word-break:break-word;">'
        f'<span style="color:#9aa0a6">{entry.elapsed_s:6.1f}s</span> '
        f"<b>{html.escape(entry.kind)}</b> {html.escape(entry.summary)}</div>"
    )


def log_separator(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    first = first if len(first) <= 80 else first[:79] + "…"
    style = "color:#5f6368;border-top:1px solid #ddd;margin-top:2px;"
    return f'<div style="{style}">▶ {html.escape(first)}</div>'


def event_log(lines: Iterable[str], dropped: int, *, height: int = 220) -> str:
    note = f'<div style="color:#888">… {dropped} older events</div>' if dropped else ""
    body = "".join(lines) or '<div style="color:#888">Events of the running turn appear here.</div>'
    return (
        f'<div class="nemo-event-log" style="{_SCROLL.format(h=height)}font-family:monospace;'
        f'font-size:11px;"><div>{note}{body}</div></div>'
    )


def _segment_block(name: str, left: float, width: float, colour: str, tip: str, changed: bool) -> str:
    ring = "box-shadow:0 0 0 2px #d93025;" if changed else ""
    return (
        f'<div title="{html.escape(tip)}" style="position:absolute;left:{left:.2f}%;width:{width:.2f}%;'
        f"top:1px;bottom:1px;background:{colour};{ring}border-radius:2px;overflow:hidden;"
        f'white-space:nowrap;font-size:10px;color:#fff;padding:0 2px;box-sizing:border-box;">'
        f"{html.escape(name)}</div>"
    )


def timeline(view: TimelineView, summary: str, changed: frozenset[str] = frozenset()) -> str:
    """Tracks as lanes of segments placed by time; changed segments ringed; a table of segments."""
    head = f'<div class="nemo-summary" style="font-size:11px;margin-bottom:4px;">{plain(summary)}</div>'
    if not view.tracks:
        return f'<div class="nemo-timeline">{head}</div>'
    total = max(view.duration_ms, 1)
    lanes, rows = [], []
    for i, track in enumerate(view.tracks, 1):
        colour = _TRACK_COLOURS.get(track.kind, "#9aa0a6")
        blocks = []
        for seg in track.segments:
            left = 100 * seg.start_ms / total
            width = max(100 * (seg.end_ms - seg.start_ms) / total, 0.5)
            is_new = seg.id in changed
            blocks.append(_segment_block(seg.name, left, width, colour, f"{seg.name} {seg.span}", is_new))
            rows.append(_segment_row(i, track.kind, seg, is_new))
        lanes.append(
            f'<div style="display:flex;align-items:center;margin:2px 0;">'
            f'<div style="width:90px;font-size:11px;">{i}. {html.escape(track.kind)}</div>'
            f'<div style="position:relative;flex:1;height:18px;background:#f1f3f4;">{"".join(blocks)}</div>'
            f"</div>"
        )
    scale = f'<div style="text-align:right;font-size:10px;color:#888">{seconds(view.duration_ms)}s</div>'
    table = (
        '<table style="font-size:11px;border-collapse:collapse;width:100%;margin-top:4px;">'
        "<tr><th align=left>#</th><th align=left>track</th><th align=left>segment</th>"
        "<th align=left>time</th><th align=left>volume</th></tr>" + "".join(rows) + "</table>"
    )
    return f'<div class="nemo-timeline">{head}{"".join(lanes)}{scale}{table}</div>'


def _segment_row(index: int, kind: str, seg: SegmentView, changed: bool) -> str:
    style = ' style="background:#fff3cd;"' if changed else ""
    name = seg.text if seg.text else seg.name
    volume = f"{round(seg.volume * 100)}%" if seg.volume is not None else ""
    mark = " ✱" if changed else ""
    return (
        f'<tr class="{"nemo-changed" if changed else ""}"{style} data-id="{html.escape(seg.id)}">'
        f"<td>{index}</td><td>{html.escape(kind)}</td><td>{html.escape(name)}{mark}</td>"
        f"<td>{seg.span}</td><td>{volume}</td></tr>"
    )


def credits(c: CreditsUpdated | None) -> str:
    if c is None:
        return '<span class="nemo-credits" style="color:#888">Credits: …</span>'
    share = 100 * c.available / c.total if c.total else 0
    colour = "#d93025" if c.low else "#34a853"
    warn = (
        f' <b style="color:#d93025">⚠ Low on credits: {c.available} left. Register to get more.</b>'
        if c.low
        else ""
    )
    bar = (
        f'<span style="display:inline-block;width:80px;height:8px;background:#e0e0e0;vertical-align:middle;">'
        f'<span style="display:block;width:{share:.0f}%;height:8px;background:{colour};"></span></span>'
    )
    return (
        f'<span class="nemo-credits">Credits {bar} <b>{c.available}</b> available · {c.frozen} frozen · '
        f"{c.total} total{warn}</span>"
    )


def status(s: StatusChanged, tool: str | None = None) -> str:
    dot = {"connected": "#34a853", "connecting": "#fbbc04"}.get(s.connection or "", "#9aa0a6")
    parts = [s.backend or "no backend", s.connection or "offline"]
    if s.session_id:
        parts.append(f"session {s.session_id[-8:]}")
    if s.activity and s.activity != "idle":
        parts.append(s.activity + (f" ({tool})" if tool else "") + "…")
    if s.note:
        parts.append(s.note)
    return (
        f'<span class="nemo-status"><span style="color:{dot}">●</span> '
        f"{html.escape(' · '.join(parts))}</span>"
    )
