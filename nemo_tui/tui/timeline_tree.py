"""The timeline as a tree: tracks → segments, patched in place from each TimelineUpdated.

Nodes are kept by the draft's stable ids, so an update relabels, adds or removes only what differs;
the segments the update names as changed are marked until the next update, and the first of them is
scrolled into view. A label too wide for the pane gives way in its name, measured in terminal cells,
so the marker after it always shows. The details of the segment under the cursor show below the tree.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from nemo_tui.core.timeline import SegmentView, TimelineView, TrackView, seconds
from nemo_tui.draft import scenes

_ICONS = {"Video": "▣", "BGM": "♫", "Voice": "☊", "Audio": "♪", "Title": "T", "Captions": "≡", "Text": "T"}
_KIND_CLASS = {"Video": "video", "BGM": "audio", "Voice": "audio", "Audio": "audio"}
_EMPTY_HINT = 'Nothing here yet. Try: "generate a 30-second promo video from this script: …"'
_SHOWN_KEYS = ("id", "st", "d", "src", "vol", "text")


def _span(seg: SegmentView) -> str:
    return f"{seconds(seg.start_ms)}–{seconds(seg.end_ms)}s"


class Label(NamedTuple):
    """A node's label in three parts: when the pane is too narrow, the name gives way, never the tail
    (volume, change marker)."""

    head: Text
    name: Text
    tail: Text

    @property
    def full(self) -> Text:
        return Text.assemble(self.head, self.name, self.tail)

    def fit(self, width: int) -> Text:
        """The label in at most `width` cells (cells, not characters: a CJK character takes two)."""
        full = self.full
        if full.cell_len <= width:
            return full
        name = self.name.copy()
        name.truncate(max(1, width - self.head.cell_len - self.tail.cell_len), overflow="ellipsis")
        return Text.assemble(self.head, name, self.tail)


class TimelineTree(Tree[str]):
    """A Tree whose node data is the track or segment id."""

    DEFAULT_CSS = """
    TimelineTree { height: 1fr; padding: 0; background: $surface; overflow-x: hidden; }
    TimelineTree > .timeline--video { color: $text-primary; }
    TimelineTree > .timeline--audio { color: $text-secondary; }
    TimelineTree > .timeline--text { color: $text-accent; }
    TimelineTree > .timeline--muted { color: $text-muted; }
    TimelineTree > .timeline--changed { color: $text-success; text-style: bold; }
    """
    COMPONENT_CLASSES = Tree.COMPONENT_CLASSES | {
        "timeline--video",
        "timeline--audio",
        "timeline--text",
        "timeline--muted",
        "timeline--changed",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Timeline", data="", id=id)
        self.guide_depth = 2
        self.view = TimelineView()
        self.changed: frozenset[str] = frozenset()
        self._tracks: dict[str, TreeNode[str]] = {}
        self._segments: dict[str, TreeNode[str]] = {}
        self._labels: dict[str, Label] = {}
        self._reveal: str | None = None  # the changed segment to scroll to once the tree is drawn

    def on_mount(self) -> None:
        self.root.expand()
        self.show_view(self.view, self.changed)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.relabel())

    def on_resize(self) -> None:
        self.call_after_refresh(self._reveal_changed)  # a pane hidden at the update is shown now

    # -- patching ------------------------------------------------------------------------------
    def show_view(self, view: TimelineView, changed: frozenset[str]) -> None:
        """Patch the tree to `view`; mark `changed` segments and bring the first of them into view."""
        self.view, self.changed = view, changed
        if not self.is_mounted:
            return
        self._patch(view, changed)
        self._reveal = next((s.id for t in view.tracks for s in t.segments if s.id in changed), None)
        self.call_after_refresh(self._reveal_changed)  # after the refresh, the nodes have their lines

    def _reveal_changed(self) -> None:
        """Scroll the first changed segment into view; the cursor and the focus stay where they are."""
        node = self._segments.get(self._reveal) if self._reveal else None
        if node is None or not self.size.height or node.line < 0:
            return  # nothing to show, or hidden: on_resize tries again when the pane is shown
        self._reveal = None
        self.scroll_to_node(node, animate=False)

    def _patch(self, view: TimelineView, changed: frozenset[str]) -> None:
        self.root.set_label(self._root_label(view))
        wanted = [t.id for t in view.tracks]
        for track_id in [t for t in self._tracks if t not in wanted]:
            self._drop_track(track_id)
        present = [t for t in wanted if t in self._tracks]
        current = [n.data for n in self.root.children]
        if current != present:  # reordered tracks: re-add them (rare; keeps segment nodes simple)
            for track_id in list(self._tracks):
                self._drop_track(track_id)
        for index, track in enumerate(view.tracks):
            node = self._tracks.get(track.id)
            if node is None:
                before = index if index < len(self.root.children) else None
                label = self._track_label(track)
                node = self.root.add(label.full, data=track.id, before=before, expand=True)
                self._tracks[track.id] = node
                self._labels[track.id] = label
            else:
                self._relabel(node, track.id, self._track_label(track))
            self._sync_segments(node, track)
            if any(s.id in changed for s in track.segments) and not node.is_expanded:
                node.expand()

    def _sync_segments(self, node: TreeNode[str], track: TrackView) -> None:
        ids = [s.id for s in track.segments]
        have = [child.data for child in node.children]
        if [i for i in have if i in ids] != [i for i in ids if i in have]:  # reordered: refill this track
            for child in list(node.children):
                self._forget(child.data)
                child.remove()
            have = []
        for child in list(node.children):
            if child.data not in ids:
                self._forget(child.data)
                child.remove()
        pad = max((cell_len(_span(s)) for s in track.segments), default=0)
        for index, seg in enumerate(track.segments):
            label = self._segment_label(track, seg, pad)
            child = self._segments.get(seg.id)
            if child is None or child.parent is not node:
                if child is not None:
                    child.remove()
                before = index if index < len(node.children) else None
                child = node.add_leaf(label.full, data=seg.id, before=before)
                self._segments[seg.id] = child
                self._labels[seg.id] = label
            else:
                self._relabel(child, seg.id, label)

    def _relabel(self, node: TreeNode[str], key: str, label: Label) -> None:
        if self._labels.get(key) != label:
            node.set_label(label.full)
            self._labels[key] = label

    def _drop_track(self, track_id: str) -> None:
        node = self._tracks.pop(track_id)
        for child in node.children:
            self._forget(child.data)
        self._labels.pop(track_id, None)
        node.remove()

    def _forget(self, seg_id: str | None) -> None:
        if seg_id is not None:
            self._segments.pop(seg_id, None)
            self._labels.pop(seg_id, None)

    def relabel(self) -> None:
        """Rebuild every label (the theme changed)."""
        self._labels.clear()
        if self.is_mounted:
            self._patch(self.view, self.changed)

    # -- labels --------------------------------------------------------------------------------
    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        """Fit the label to the pane at each draw, so a resize refits it (the node keeps it whole)."""
        full = super().render_label(node, base_style, style)
        label = self._labels.get(node.data) if node.data else None
        room = self._label_room(node)
        if label is None or room <= 0 or full.cell_len <= room:
            return full
        prefix = full[: len(full) - len(node.label)]  # the expand arrow of a track
        fitted = label.fit(room - prefix.cell_len)
        fitted.stylize(style)
        return Text.assemble(prefix, fitted)

    def _label_room(self, node: TreeNode[str]) -> int:
        """Cells left for a label: the width less the guides and a scrollbar's room (always kept, so
        a label's fit does not depend on whether the scrollbar is showing at that moment)."""
        depth, parent = 0, node.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        return self.size.width - self.styles.scrollbar_size_vertical - depth * self.guide_depth

    def _root_label(self, view: TimelineView) -> Text:
        if not view.tracks:
            return Text("Timeline is empty", self.get_component_rich_style("timeline--muted"))
        n = len(view.tracks)
        return Text.assemble(
            ("Timeline", "bold"), f" · {n} track{'s' if n != 1 else ''} · {seconds(view.duration_ms)}s"
        )

    def _kind_style(self, kind: str) -> Any:
        return self.get_component_rich_style(f"timeline--{_KIND_CLASS.get(kind, 'text')}")

    def _track_label(self, track: TrackView) -> Label:
        kind_style = self._kind_style(track.kind) + Style(bold=True)
        kind = Text(f"{_ICONS.get(track.kind, '▪')} {track.kind}", kind_style)
        name = Text(f" {track.name}" if track.name and track.name != track.kind else "")
        muted = self.get_component_rich_style("timeline--muted")
        n = len(track.segments)
        tail = Text(f"  {n} item{'s' if n != 1 else ''}" if n else "  empty", muted)
        if any(s.id in self.changed for s in track.segments):
            tail.append(" ●", self.get_component_rich_style("timeline--changed"))
        return Label(kind, name, tail)

    def _segment_label(self, track: TrackView, seg: SegmentView, pad: int) -> Label:
        changed = seg.id in self.changed
        muted = self.get_component_rich_style("timeline--muted")
        span = Text(set_cell_size(_span(seg), pad) + "  ", muted)
        name = Text(f'"{seg.text}"' if seg.text is not None else seg.name)
        if changed:
            name.stylize(self.get_component_rich_style("timeline--changed"))
        tail = Text()
        if seg.template:
            tail.append(f"  {seg.template}", muted)
        if seg.volume is not None and track.kind != "Video":
            tail.append(f"  {round(seg.volume * 100)}%", muted)
        if changed:
            tail.append(" ●", self.get_component_rich_style("timeline--changed"))
        return Label(span, name, tail)


def describe(track: TrackView | None, seg: SegmentView) -> Text:
    """The details panel text for one segment."""
    out = Text()
    out.append(f"{track.kind if track else 'Segment'} · {seg.name}\n", "bold")
    out.append(f"{_span(seg)} ({seconds(seg.end_ms - seg.start_ms)}s)")
    if seg.volume is not None:
        out.append(f" · volume {round(seg.volume * 100)}%")
    if seg.text is not None:
        out.append(f'\ntext: "{seg.text}"')
    if seg.src and not seg.template:
        out.append(f"\nsource: {seg.src}")
    scene = seg.details.get("scene")
    if seg.template and isinstance(scene, dict):
        for line in scenes.describe(scene):
            out.append(f"\n{line}")
    for key, value in seg.details.items():
        if key in _SHOWN_KEYS or key in ("m", "scene"):
            continue
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
        out.append(f"\n{key}: {shown}")
    return out


class TimelinePane(Vertical):
    """The tree and, below it, the details of the highlighted segment."""

    DEFAULT_CSS = """
    TimelinePane { height: 1fr; }
    TimelinePane #segment-details-scroll {
        height: auto;
        max-height: 40%;
        border-top: hkey $foreground 15%;
        padding: 0 1;
    }
    TimelinePane #segment-details { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield TimelineTree(id="timeline-tree")
        with VerticalScroll(id="segment-details-scroll"):
            yield Static(Text(_EMPTY_HINT), id="segment-details")

    @property
    def tree(self) -> TimelineTree:
        return self.query_one(TimelineTree)

    def show(self, view: TimelineView, changed: frozenset[str]) -> None:
        self.tree.show_view(view, changed)
        self._show_details(self.tree.cursor_node)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        self._show_details(event.node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        self._show_details(event.node)

    def _show_details(self, node: TreeNode[str] | None) -> None:
        details = self.query_one("#segment-details", Static)
        view = self.tree.view
        if not view.tracks:
            details.update(Text(_EMPTY_HINT))
            return
        seg = view.segment(node.data) if node is not None and node.data else None
        if seg is None:
            track = next((t for t in view.tracks if node is not None and t.id == node.data), None)
            if track is None:
                n = len(view.tracks)
                length = seconds(view.duration_ms)
                details.update(
                    Text(f"{n} track{'s' if n != 1 else ''} · {length}s — move to a clip for details")
                )
            else:
                span = (
                    f"{seconds(track.segments[0].start_ms)}–{seconds(track.segments[-1].end_ms)}s"
                    if (track.segments)
                    else "empty"
                )
                details.update(Text(f"{track.kind} · {track.name} · {len(track.segments)} items · {span}"))
            return
        track = next((t for t in view.tracks if seg in t.segments), None)
        details.update(describe(track, seg))
