"""Credits: available / total with what is frozen, and a warning style when they run low."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from nemo_tui.core.updates import CreditsUpdated


class CreditsBar(Widget):
    DEFAULT_CSS = """
    CreditsBar {
        width: auto;
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    CreditsBar.-low {
        background: $warning-muted;
        color: $text-warning;
        text-style: bold;
    }
    """
    COMPONENT_CLASSES = {"credits--number"}
    DEFAULT_CSS += """
    CreditsBar > .credits--number { color: $foreground; text-style: bold; }
    CreditsBar.-low > .credits--number { color: $text-warning; }
    """

    credits: reactive[CreditsUpdated | None] = reactive(None, layout=True)

    def watch_credits(self, credits: CreditsUpdated | None) -> None:
        self.set_class(bool(credits and credits.low), "-low")

    def render(self) -> Text:
        c = self.credits
        if c is None:
            return Text("credits …")
        number = self.get_component_rich_style("credits--number")
        line = Text()
        line.append("▲ " if c.low else "◆ ")
        line.append(str(c.available), number)
        if c.total != c.available + c.frozen:  # a total of its own (a plan's size): worth showing
            line.append(f"/{c.total}")
        line.append(" credits left" if c.low else " credits")  # "15/15" read as full when low
        if c.frozen:
            line.append(f" ({c.frozen} frozen)")
        return line
