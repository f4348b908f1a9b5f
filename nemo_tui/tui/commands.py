"""One table of what a person can do: the key bindings, the command palette, the help screen and the
slash commands are all generated from it, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True)
class Command:
    action: str  # the App action it runs
    title: str  # command palette and help screen
    key: str  # Textual key name(s)
    label: str  # short footer label
    help: str
    footer: bool = True


COMMANDS: tuple[Command, ...] = (
    Command("help", "Help", "f1", "Help", "Keys, slash commands and tips"),
    Command("toggle_timeline", "Timeline pane", "f2", "Timeline", "Show, focus or hide the timeline tree"),
    Command("toggle_log", "Event log pane", "f3", "Log", "Show, focus or hide the live event log"),
    Command(
        "toggle_preview",
        "Preview pane",
        "ctrl+o",
        "Preview",
        "Show, focus or hide the video preview: ←/→ 0.1 s, shift+←/→ 1 s, [ ] clips, space plays",
        footer=False,  # the footer is full at 80 columns; a hint shows when the first picture is hidden
    ),  # fmt: skip
    Command("upload", "Upload media…", "f4", "Upload", "Pick video, image or audio files to upload"),
    Command("export", "Export video", "f5", "Export", "Render the timeline to an MP4 and download it"),
    Command("credits", "Show credits", "f6", "Credits", "Refresh and show available credits", footer=False),
    Command("status", "Show status", "f7", "Status", "Summarise the project's tracks", footer=False),
    Command("undo", "Undo last edit", "f8", "Undo", 'Ask the agent to undo (sends "undo")'),
    Command("sessions", "Switch session…", "f9", "Sessions", "Open an earlier session", footer=False),
    Command("new_session", "New session", "ctrl+n", "New", "Start an empty project", footer=False),
    Command("reconnect", "Reconnect", "ctrl+r", "Reconnect", "Connect to the backend again (when offline)"),
    Command("toggle_dark", "Light/dark theme", "ctrl+t", "Theme", "Switch light and dark", footer=False),
    Command(
        "filter_log", "Filter event log", "ctrl+f", "Filter", "Words to keep, -word to hide", footer=False
    ),
    Command("focus_chat", "Focus chat input", "escape", "Chat", "Back to the message box", footer=False),
)

# Slash commands typed in the chat box: name → (argument hint, help).
SLASH: dict[str, tuple[str, str]] = {
    "/upload": ("[PATH…]", "upload files (no path: open the file picker)"),
    "/export": ("[PATH]", "render and download the MP4 (default: current folder)"),
    "/credits": ("", "show credits"),
    "/status": ("", "summarise the timeline"),
    "/new": ("", "start a new session"),
    "/sessions": ("", "switch to an earlier session"),
    "/undo": ("", 'undo the last edit (sends "undo")'),
    "/help": ("", "keys and commands"),
}


def bindings() -> list[Binding]:
    """App bindings: priority, so they work while the chat box has focus."""
    out = [
        Binding(
            c.key,
            c.action,
            c.label,
            show=c.footer,
            key_display=key_display(c.key),
            priority=c.key.startswith(("f", "ctrl")),
        )
        for c in COMMANDS
    ]
    out.append(Binding("ctrl+q", "quit", "Quit", key_display="^q", priority=True))
    out.append(Binding("ctrl+c", "help_quit", show=False, system=True))
    return out


def parse_slash(text: str) -> tuple[str, str] | None:
    """`/export ~/a.mp4` → ("/export", "~/a.mp4"); None for ordinary text."""
    stripped = text.strip()
    if not stripped.startswith("/") or stripped.startswith("//"):
        return None
    name, _, rest = stripped.partition(" ")
    return name.lower(), rest.strip()


def complete_slash(text: str) -> str:
    """The rest of the first slash command that `text` starts, or ""."""
    if not text.startswith("/") or " " in text or "\n" in text:
        return ""
    for name in SLASH:
        if name.startswith(text) and name != text:
            return name[len(text) :]
    return ""


def key_display(key: str) -> str:
    first = key.split(",")[0]
    if first == "escape":
        return "Esc"
    if first.startswith("ctrl+"):
        return "^" + first[5:]
    return first.upper() if len(first) <= 3 else first


class NemoCommands(Provider):
    """Every action of the table in the command palette."""

    async def discover(self) -> Hits:
        for c in COMMANDS:
            yield DiscoveryHit(c.title, partial(self.app.run_action, c.action), help=self._help(c))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for c in COMMANDS:
            score = matcher.match(c.title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(c.title),
                    partial(self.app.run_action, c.action),
                    help=self._help(c),
                )

    @staticmethod
    def _help(c: Command) -> str:
        return f"{c.help}  ({key_display(c.key)})"
