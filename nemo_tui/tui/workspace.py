"""The main screen: lays the panes out and maps each controller update onto the pane that shows it.

Panes never call each other; this screen is the only place that knows which update goes where. The
layout reflows: below NARROW columns the side panes (timeline, event log) start hidden and F2/F3
bring them in beside the chat.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, TextArea, Tree

from nemo_tui.core.timeline import TimelineView
from nemo_tui.core.updates import (
    CreditsUpdated,
    ErrorShown,
    ExportFinished,
    MessageAdded,
    PartialText,
    Progress,
    SessionOpened,
    StatusChanged,
    StreamLogged,
    TimelineUpdated,
    ToolActivity,
    Update,
    Workspace,
)

from .chat import ChatPane
from .composer import Composer
from .credits_bar import CreditsBar
from .event_log import EventLogPane
from .export_progress import ExportProgress
from .preview_pane import OWN_KEYS, PreviewPane, PreviewPicture
from .status_line import StatusLine
from .timeline_tree import TimelinePane

NARROW = 110  # columns: below this the side panes start hidden
ROOMY = (120, 36)  # columns, rows: from this size on the preview shows beside the chat by default
_OFFLINE_KINDS = {"ConnectionFailed"}


class WorkspaceScreen(Screen[None]):
    AUTO_FOCUS = "#composer"

    class Ready(Message):
        """The panes are mounted: updates can be shown."""

    show_timeline: reactive[bool] = reactive(True)
    show_log: reactive[bool] = reactive(True)
    narrow: reactive[bool] = reactive(False)
    show_preview: reactive[bool] = reactive(True)
    has_video: reactive[bool] = reactive(False)

    def __init__(self) -> None:
        super().__init__()
        # What the person chose per layout, so a resize across NARROW restores their choice.
        self._choice = {False: (True, True), True: (False, False)}
        self._typing_elsewhere = False  # keys typed on a pane are on their way to the chat box
        self._typed_on: Widget | None = None  # the pane those keys were typed on
        self.roomy = True
        self._preview_choice = {True: True, False: False}  # per roomy-ness, as the side panes' choice

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield StatusLine(id="status")
            yield CreditsBar(id="credits")
        with Horizontal(id="main"):
            with Vertical(id="stage"):
                yield PreviewPane(id="preview")
                yield ChatPane(id="chat")
            with Vertical(id="side"):
                yield TimelinePane(id="timeline")
                yield EventLogPane(id="events")
        yield ExportProgress(id="progress")
        yield Composer(id="composer")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#timeline").border_title = "Timeline"
        self.query_one("#events").border_title = "Events"
        self._reflow(self.size.width, self.size.height)
        self.composer.enter_route = lambda: self._typed_on if self._typing_elsewhere else None
        self.post_message(self.Ready())

    # -- panes -----------------------------------------------------------------------------------
    @property
    def chat(self) -> ChatPane:
        return self.query_one(ChatPane)

    @property
    def composer(self) -> Composer:
        return self.query_one(Composer)

    @property
    def events(self) -> EventLogPane:
        return self.query_one(EventLogPane)

    @property
    def timeline(self) -> TimelinePane:
        return self.query_one(TimelinePane)

    @property
    def preview(self) -> PreviewPane:
        return self.query_one(PreviewPane)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    @property
    def credits(self) -> CreditsBar:
        return self.query_one(CreditsBar)

    @property
    def progress(self) -> ExportProgress:
        return self.query_one(ExportProgress)

    # -- updates → panes -------------------------------------------------------------------------
    def load(self, ws: Workspace) -> None:
        """Show a workspace as it stands (the controller may have been used before the app)."""
        for message in ws.transcript:
            self.apply(message)
        if ws.partial:
            self.chat.add_partial(ws.partial)
        self.timeline.show(ws.timeline, ws.changed)
        self.has_video = _has_video(ws.timeline)
        if ws.credits:
            self.credits.credits = ws.credits
        self.status.apply(ws.status)
        if ws.progress:
            self.apply(ws.progress)

    def apply(self, update: Update) -> None:
        match update:
            case SessionOpened():
                self.clear_session()  # its transcript follows as MessageAdded updates
            case MessageAdded(role=role, text=text):
                self.chat.add_message(role, text)
                if role == "user":
                    self.composer.remember(text)
            case PartialText(text=text):
                self.chat.add_partial(text)
            case StreamLogged():
                self.events.push(update)
            case ToolActivity():
                self.status.apply_tool(update)
            case TimelineUpdated(timeline=view, changed=changed):
                self.timeline.show(view, changed)
                self.has_video = _has_video(view)
            case CreditsUpdated():
                self.credits.credits = update
            case Progress():
                self.progress.show(update)
                self.status.progress = None if (update.fraction or 0) >= 1 else update
            case ExportFinished():
                self.progress.finish(update)
                self.status.progress = None
            case ErrorShown():
                self.chat.add_message("error", error_text(update))
                if update.kind in _OFFLINE_KINDS:
                    self.status.apply(StatusChanged(connection="offline", activity="idle"))
            case StatusChanged():
                self.status.apply(update)

    def on_key(self, event: events.Key) -> None:
        """Typing on a pane that takes no text (the timeline, the log) goes to the chat box, so a
        person who shows a pane and starts typing loses nothing. Once a letter has gone there, the
        keys that follow before the focus lands (a fast typist, a laggy SSH link) go there too,
        spaces and Enter included, and a pane asked for a moment before does not take the focus
        back; before that, space stays the tree's toggle."""
        focused = self.focused
        # The chat box takes typed keys and Enter itself: one that reaches us while it has the focus
        # was handed to a pane just before the focus moved, and belongs to the chat box too.
        late = focused is self.composer
        if isinstance(focused, PreviewPicture) and event.key in OWN_KEYS and not self._typing_elsewhere:
            return  # space and [ ] scrub the preview (unless the person is typing a message)
        if focused is None or (isinstance(focused, Input | TextArea) and not late):
            return
        typing = self._typing_elsewhere or late
        if event.key == "enter" and typing:
            event.stop()
            self._typed_on = None  # the message is sent: an Enter in the chat box is its own again
            # From the composer's own pump: a message made here would have this screen as sender and
            # stop bubbling at it, never reaching the app.
            self.composer.call_later(self.composer.submit)
        elif event.is_printable and event.character and (event.key != "space" or typing):
            event.stop()
            self._typing_elsewhere = True
            self._typed_on = focused
            self.composer.focus()
            self.composer.insert(event.character)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget is not self.composer:
            self._typing_elsewhere = False  # the person went to a pane: keys go where the focus is
            self._typed_on = None

    def on_paste(self, event: events.Paste) -> None:
        """A paste on a pane that takes no text goes to the chat box (a pasted path, say)."""
        if self.focused is not None and not isinstance(self.focused, Input | TextArea):
            event.stop()
            self.composer.focus()
            self.composer.insert(event.text)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        """The preview follows the clip under the timeline's cursor: its middle, as its thumbnail (a
        designed scene's words are still moving in at its start)."""
        seg = self.timeline.tree.view.segment(event.node.data) if event.node.data else None
        if seg is not None:
            self.preview.seek((seg.start_ms + seg.end_ms) / 2000)

    def on_composer_scroll_requested(self, event: Composer.ScrollRequested) -> None:
        self.chat.scroll_page(event.direction)

    # -- layout ----------------------------------------------------------------------------------
    def on_resize(self) -> None:
        self._reflow(self.size.width, self.size.height)

    def _reflow(self, width: int, height: int) -> None:
        roomy = width >= ROOMY[0] and height >= ROOMY[1]
        if roomy != self.roomy:
            self._preview_choice[self.roomy] = self.show_preview
            self.roomy = roomy
            self.show_preview = self._preview_choice[roomy]
        narrow = width < NARROW
        if narrow != self.narrow or not self.is_attached:
            self._choice[self.narrow] = (self.show_timeline, self.show_log)
        self.narrow = narrow
        self.show_timeline, self.show_log = self._choice[narrow]
        self._apply_layout()

    def watch_show_timeline(self) -> None:
        self._apply_layout()

    def watch_show_log(self) -> None:
        self._apply_layout()

    def watch_show_preview(self) -> None:
        self._apply_layout()

    def watch_has_video(self) -> None:
        self._apply_layout()

    def _apply_layout(self) -> None:
        if not self.is_mounted:
            return
        self.set_class(self.narrow, "-narrow")
        self.query_one("#timeline").display = self.show_timeline
        self.query_one("#events").display = self.show_log
        self.query_one("#side").display = self.show_timeline or self.show_log
        self._choice[self.narrow] = (self.show_timeline, self.show_log)
        preview = self.show_preview and (self.has_video or not self.roomy)
        self.preview.display = preview
        self.chat.display = not (preview and not self.roomy)  # a small terminal: in place of the chat
        self.set_class(preview and not self.roomy, "-preview-only")
        self._preview_choice[self.roomy] = self.show_preview

    def toggle_preview(self) -> None:
        """Hidden → shown and focused; shown → focused; focused → hidden (the chat comes back)."""
        if self.focused is self.composer:
            self._typing_elsewhere = False
        picture = self.preview.picture
        if not self.preview.display:
            self.show_preview = True
            self.call_after_refresh(self._focus_picture)
        elif self.focused is picture:
            self.show_preview = False
            self.composer.focus()
        else:
            self._focus_picture()

    def _focus_picture(self) -> None:
        if not self._typing_elsewhere:
            self.preview.picture.focus()

    def toggle_pane(self, name: str) -> None:
        """Hidden → shown and focused; shown elsewhere → focused; focused → hidden."""
        pane = self.query_one(f"#{name}")
        attr = "show_timeline" if name == "timeline" else "show_log"
        if self.focused is self.composer:
            self._typing_elsewhere = False  # typing that has reached the chat box is done
        if not getattr(self, attr):
            setattr(self, attr, True)
            self.call_after_refresh(self._focus_in, name)
        elif self.focused is not None and pane in self.focused.ancestors_with_self:
            setattr(self, attr, False)
            self.composer.focus()
        else:
            self._focus_in(name)

    def _focus_in(self, name: str) -> None:
        if self._typing_elsewhere:
            return  # typed since the pane was asked for: the keys, and the focus, go to the chat box
        target = "#timeline-tree" if name == "timeline" else "#event-log"
        self.query_one(target).focus()

    def focus_log_filter(self) -> None:
        self.show_log = True
        self.call_after_refresh(lambda: self.query_one("#log-filter", Input).focus())

    def clear_session(self) -> None:
        """Forget what belongs to the previous session (a new or switched session follows)."""
        self.chat.clear()
        self.events.clear()
        self.preview.clear()


def _has_video(view: TimelineView) -> bool:
    return any(t.kind == "Video" and t.segments for t in view.tracks)


def error_text(error: ErrorShown) -> str:
    return error.message + (f"\n→ {error.action}" if error.action else "")
