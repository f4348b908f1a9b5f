"""The help screen: every key and slash command (from the one table in `commands`), and a few tips."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .commands import COMMANDS, SLASH, key_display

TIPS = (
    "Type what you want in plain words: “generate a 30-second promo video from this script: …”, "
    "“add lo-fi music at 35%”, “make the title bigger”, “export”. "
    "Paste a file path after /upload, or press F4 to pick files. "
    "Nothing needs a mouse; ^p searches every command."
)


def help_table() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for c in COMMANDS:
        table.add_row(key_display(c.key), f"{c.title} — {c.help}")
    table.add_row("^p", "Command palette — search every command")
    table.add_row("^q", "Quit (the local engine stops with it)")
    table.add_row("", "")
    for name, (args, text) in SLASH.items():
        table.add_row(f"{name} {args}".strip(), text)
    table.add_row("", "")
    table.add_row("Enter", "send  ·  ^j new line  ·  ↑/↓ history  ·  → completes a /command")
    table.add_row("PgUp/PgDn", "scroll the chat  ·  Tab moves between panes")
    return table


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $border;
        border-title-color: $text-accent;
        border-subtitle-color: $text-muted;
        background: $panel;
        padding: 0 1;
    }
    HelpScreen #help-tips { margin-top: 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape,f1,q", "dismiss", "Close", show=True),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "nemo-tui · help"
            scroll.border_subtitle = "Esc to close"
            yield Static(help_table(), id="help-keys")
            yield Static(Text(TIPS), id="help-tips")
