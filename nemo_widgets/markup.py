"""HTML for the panes: pure functions from the controller's update values to strings.

Everything a person or the backend wrote is escaped; replies are Markdown rendered with raw HTML
turned off (markdown-it-py arrives with Textual; without it, replies fall back to escaped text with
line breaks). Colours and spacing come from classes in style.py (theme-aware); only geometry, such as
where a segment sits on its lane, is inline.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from nemo_tui.core.timeline import SegmentView, TimelineView, seconds
from nemo_tui.core.updates import CreditsUpdated, StatusChanged, StreamLogged
from nemo_tui.draft import scenes

try:
    from markdown_it import MarkdownIt

    _MD: MarkdownIt | None = MarkdownIt("commonmark", {"html": False, "breaks": True})
except ImportError:  # pragma: no cover - markdown-it-py is a dependency of Textual
    _MD = None

LOG_KINDS = frozenset(
    {"text", "partial", "thought", "tool_call", "tool_result", "state_delta", "heartbeat", "error"}
)  # each has a colour in style.py; any other kind is drawn as "unknown"

_WHO = {"user": "You", "assistant": "Nemo"}

# Segment blocks are filled with their track's colour and white text, which reads on both themes.
_TRACK_COLOURS = {
    "Video": "#4285f4",
    "BGM": "#34a853",
    "Voice": "#0f9d58",
    "Audio": "#34a853",
    "Title": "#e0a800",
    "Captions": "#e37400",
    "Text": "#d98c00",
}


def plain(text: str) -> str:
    """Escaped text with its line breaks kept."""
    return html.escape(text).replace("\n", "<br>")


def markdown(text: str) -> str:
    return _MD.render(text) if _MD is not None else f"<p>{plain(text)}</p>"


def message(role: str, text: str) -> str:
    who = _WHO.get(role, "")
    body = markdown(text) if role == "assistant" else plain(text)
    label = f'<span class="nemo-who">{who}</span>' if who else ""
    kind = "price" if role == "credits" else role  # a reply's cost; .nemo-credits is the balance bar's
    return f'<div class="nemo-msg nemo-{html.escape(kind)}">{label}{body}</div>'


def transcript(messages: Sequence[tuple[str, str]], *, limit: int = 200, height: int = 360) -> str:
    """The chat: the newest `limit` messages, oldest first, scrolled to the newest."""
    hidden = len(messages) - limit
    shown = messages[-limit:] if hidden > 0 else messages
    note = f'<div class="nemo-muted">… {hidden} earlier messages</div>' if hidden > 0 else ""
    if not shown:
        note = '<div class="nemo-muted">Say what video you want, e.g. "generate a 30-second promo…"</div>'
    body = "".join(message(role, text) for role, text in shown)
    # column-reverse keeps the box scrolled to its newest line
    return (
        f'<div class="nemo-transcript nemo-scroll" style="max-height:{height}px">'
        f"<div>{note}{body}</div></div>"
    )


def partial(text: str) -> str:
    if not text:
        return ""
    return f'<div class="nemo-partial">{plain(text)}▌</div>'


def log_line(entry: StreamLogged) -> str:
    kind = entry.kind if entry.kind in LOG_KINDS else "unknown"
    return (
        f'<div class="nemo-log-line nemo-log-{kind}">'
        f'<span class="nemo-log-time">{entry.elapsed_s:6.1f}s</span> '
        f"<b>{html.escape(entry.kind)}</b> {html.escape(entry.summary)}</div>"
    )


def log_separator(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    first = first if len(first) <= 80 else first[:79] + "…"
    return f'<div class="nemo-log-line nemo-log-turn">▶ {html.escape(first)}</div>'


def event_log(lines: Iterable[str], dropped: int, *, height: int = 220) -> str:
    note = f'<div class="nemo-muted">… {dropped} older events</div>' if dropped else ""
    body = "".join(lines) or '<div class="nemo-muted">Events of the running turn appear here.</div>'
    return (
        f'<div class="nemo-event-log nemo-scroll" style="max-height:{height}px"><div>{note}{body}</div></div>'
    )


def _segment_block(name: str, left: float, width: float, colour: str, tip: str, changed: bool) -> str:
    ring = " nemo-seg-changed" if changed else ""
    return (
        f'<div class="nemo-seg{ring}" title="{html.escape(tip)}" '
        f'style="left:{left:.2f}%;width:{width:.2f}%;background:{colour};">{html.escape(name)}</div>'
    )


def timeline(view: TimelineView, summary: str, changed: frozenset[str] = frozenset()) -> str:
    """Tracks as lanes of segments placed by time; changed segments ringed; a table of segments."""
    head = f'<div class="nemo-summary">{plain(summary)}</div>'
    if not view.tracks:
        return f'<div class="nemo-timeline">{head}</div>'
    total = max(view.duration_ms, 1)
    lanes, rows = [], []
    for i, track in enumerate(view.tracks, 1):
        colour = _TRACK_COLOURS.get(track.kind, "#757575")
        blocks = []
        for seg in track.segments:
            left = 100 * seg.start_ms / total
            width = max(100 * (seg.end_ms - seg.start_ms) / total, 0.5)
            is_new = seg.id in changed
            blocks.append(_segment_block(seg.name, left, width, colour, f"{seg.name} {seg.span}", is_new))
            rows.append(_segment_row(i, track.kind, seg, is_new))
        label = f"{i}. {html.escape(track.kind)}"
        lanes.append(
            f'<div class="nemo-lane"><div class="nemo-lane-label" title="{label}">{label}</div>'
            f'<div class="nemo-lane-track">{"".join(blocks)}</div></div>'
        )
    scale = f'<div class="nemo-scale">{seconds(view.duration_ms)}s</div>'
    table = (
        '<table class="nemo-segments">'
        "<tr><th>#</th><th>track</th><th>segment</th><th>time</th><th>volume</th></tr>"
        + "".join(rows)
        + "</table>"
    )
    return f'<div class="nemo-timeline">{head}{"".join(lanes)}{scale}{table}</div>'


def _segment_row(index: int, kind: str, seg: SegmentView, changed: bool) -> str:
    name = seg.text if seg.text else seg.name
    if seg.template:  # a designed scene: its template, then its words
        scene = seg.details.get("scene")
        words = scenes.words_of(scene) if isinstance(scene, dict) else ""
        name = f"{seg.template}: {words or seg.name}"
    volume = f"{round(seg.volume * 100)}%" if seg.volume is not None else ""
    mark = " ✱" if changed else ""
    return (
        f'<tr class="{"nemo-changed" if changed else ""}" data-id="{html.escape(seg.id)}">'
        f"<td>{index}</td><td>{html.escape(kind)}</td><td>{html.escape(name)}{mark}</td>"
        f"<td>{seg.span}</td><td>{volume}</td></tr>"
    )


def credits(c: CreditsUpdated | None, scale: int | None = None) -> str:
    """Available (and frozen) credits as a bar against `scale`: a fixed, stated full width (the most
    this account was seen to hold, or a plan's own total), so the bar falls as credits are spent."""
    if c is None:
        return '<span class="nemo-credits nemo-muted">Credits: …</span>'
    scale = max(scale or 0, c.total, c.available + c.frozen, 1)
    available = 100 * max(c.available, 0) / scale
    frozen = 100 * max(c.frozen, 0) / scale
    tip = f"{c.available} available and {c.frozen} frozen, of a full bar of {scale}"
    bar = (
        f'<span class="nemo-credits-bar" role="meter" aria-valuenow="{c.available}" aria-valuemin="0" '
        f'aria-valuemax="{scale}" title="{tip}">'
        f'<span class="nemo-credits-available" style="width:{available:.0f}%"></span>'
        f'<span class="nemo-credits-frozen" style="width:{frozen:.0f}%"></span></span>'
    )
    warn = ""
    if c.low:
        advice = f"⚠ Low on credits: {c.available} left. Register to get more."
        warn = f' <span class="nemo-credits-warning">{advice}</span>'

    low = " nemo-credits-low" if c.low else ""
    return (
        f'<span class="nemo-credits{low}">Credits {bar} <b>{c.available}</b> available · {c.frozen} frozen '
        f'<span class="nemo-muted">of {scale}</span>{warn}</span>'
    )


def status(s: StatusChanged, tool: str | None = None, *, closed: bool = False) -> str:
    connection = "closed" if closed else (s.connection or "offline")
    parts = [s.backend or "no backend", connection]
    if s.session_id:
        parts.append(f"session {s.session_id[-8:]}")
    if not closed and s.activity and s.activity != "idle":
        parts.append(s.activity + (f" ({tool})" if tool else "") + "…")
    if s.note and not closed:
        parts.append(s.note)
    return (
        f'<span class="nemo-status"><span class="nemo-dot-{connection}">●</span> '
        f"{html.escape(' · '.join(parts))}</span>"
    )
