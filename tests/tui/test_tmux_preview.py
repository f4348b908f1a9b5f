"""The preview in a real terminal (tmux, `capture-pane -e` keeps the colours), at 160×45 and 80×24:
after a generate request a picture appears in half-block cells of many colours, it changes when
scrubbed, and it follows an edit. Slow: each case starts the local engine and renders a preview."""

from __future__ import annotations

import re

import pytest

from .test_tmux_smoke import Terminal, _credits, _quit
from .test_tmux_smoke import terminal as terminal  # the fixture

pytestmark = pytest.mark.slow

REQUEST = "generate a 12-second promo video from this script: City lights at night. A cafe opens. Rain falls."
SGR = re.compile(r"\x1b\[([0-9;]*)m")

Cell = tuple[str, str | None, str | None]  # character, foreground, background ("r;g;b")


def cells(ansi: str) -> list[list[Cell]]:
    """The screen's cells with the truecolor each was drawn in (tmux repeats only what changes)."""
    rows: list[list[Cell]] = []
    fg: str | None = None
    bg: str | None = None
    for line in ansi.splitlines():
        row: list[Cell] = []
        pos = 0
        for match in [*SGR.finditer(line), None]:
            text = line[pos : match.start()] if match else line[pos:]
            row += [(ch, fg, bg) for ch in text]
            if match is None:
                break
            pos = match.end()
            fg, bg = _apply(match.group(1), fg, bg)
        rows.append(row)
    return rows


def _apply(params: str, fg: str | None, bg: str | None) -> tuple[str | None, str | None]:
    parts = params.split(";") if params else ["0"]
    i = 0
    while i < len(parts):
        p = parts[i]
        if p in ("0", ""):
            fg = bg = None
        elif p in ("38", "48") and i + 2 < len(parts) and parts[i + 1] in ("2", "5"):
            size = 3 if parts[i + 1] == "2" else 1  # truecolor r;g;b, or a 256-colour index
            colour = ";".join(parts[i + 1 : i + 2 + size])
            fg, bg = (colour, bg) if p == "38" else (fg, colour)
            i += 1 + size
        elif p == "39":
            fg = None
        elif p == "49":
            bg = None
        i += 1
    return fg, bg


def picture(ansi: str) -> list[Cell]:
    """The half-block cells on screen (the preview and its filmstrip)."""
    return [c for row in cells(ansi) for c in row if c[0] == "▀" and c[1] and c[2]]


def colours(found: list[Cell]) -> set[str]:
    return {c[1] for c in found if c[1]} | {c[2] for c in found if c[2]}


def has_picture(terminal: Terminal, least: int) -> bool:
    found = picture(terminal.screen_ansi())
    # The suite's terminal is xterm-256color without COLORTERM: Textual maps the picture to 256 colours.
    return len(found) >= least and len(colours(found)) >= 16


def subtitle(shown: str) -> str:
    """The preview's time line ("❚❚ 1.0 / 12.0s · clip 1/4")."""
    match = re.search(r"(?:▶|❚❚) [0-9.]+ / [0-9.]+s[^─╯]*", shown)
    return match.group(0).strip() if match else ""


def _screen_ansi(self: Terminal) -> str:
    return self._tmux("capture-pane", "-e", "-p", "-t", "app")


Terminal.screen_ansi = _screen_ansi  # type: ignore[attr-defined]


def _generate(terminal: Terminal) -> None:
    shown = terminal.wait_for("a session", lambda s: "│ session" in s and _credits(s), 90)
    terminal.type(REQUEST)
    before = _credits(shown)  # the turn is over once the balance is refreshed
    terminal.wait_for("the turn over", lambda s: _credits(s) != before, 120)


@pytest.mark.parametrize("terminal", [(160, 45)], indirect=True)
def test_the_picture_appears_moves_and_follows_an_edit_at_160x45(terminal: Terminal) -> None:
    _generate(terminal)
    deadline_s = 60
    terminal.wait_for("a picture", lambda s: "clip 1/" in s and has_picture(terminal, 800), deadline_s)
    before = picture(terminal.screen_ansi())
    assert subtitle(terminal.screen()).startswith("❚❚ 1.0 / 12.0s")

    terminal.key("C-o")  # focus the picture
    for _ in range(4):
        terminal.key("S-Right")
    shown = terminal.wait_for("the picture at 5 s", lambda s: "5.0 / 12.0s" in subtitle(s), 10)
    moved = picture(terminal.screen_ansi())
    assert sum(a != b for a, b in zip(before, moved, strict=False)) > 200, "scrubbing left the picture still"
    terminal.key("]")
    terminal.wait_for("the next clip's start", lambda s: "clip 3/" in subtitle(s), 10)
    terminal.key("[")
    shown = terminal.wait_for("back to clip 2", lambda s: "clip 2/" in subtitle(s), 10)
    at = subtitle(shown)

    terminal.key("Escape")
    still = picture(terminal.screen_ansi())
    terminal.type("add a caption 'Harbour lights' from 0 to 12 seconds")
    shown = terminal.wait_for("the caption's words beside the picture", lambda s: "Harbour lights" in s, 90)
    terminal.wait_for(
        "the picture with the caption drawn in",
        lambda s: sum(a != b for a, b in zip(still, picture(terminal.screen_ansi()), strict=False)) > 20,
        60,
    )
    assert subtitle(terminal.screen()).split(" · ")[0] == at.split(" · ")[0]  # the time was kept
    _quit(terminal)


@pytest.mark.parametrize("terminal", [(80, 24)], indirect=True)
def test_a_key_shows_the_picture_in_place_of_the_chat_at_80x24(terminal: Terminal) -> None:
    _generate(terminal)
    terminal.wait_for("the hint", lambda s: "^o shows the video" in s, 60)
    assert not picture(terminal.screen_ansi())  # hidden at this size until asked for
    terminal.key("C-o")
    terminal.wait_for("a picture in place of the chat", lambda s: has_picture(terminal, 300), 10)
    shown = terminal.screen()
    assert "Make a video by chatting" not in shown and "Describe your video" in shown
    before = picture(terminal.screen_ansi())
    terminal.key("S-Right")
    terminal.key("S-Right")
    terminal.wait_for("the picture at 3 s", lambda s: "3.0 / 12.0s" in subtitle(s), 10)
    assert sum(a != b for a, b in zip(before, picture(terminal.screen_ansi()), strict=False)) > 50

    terminal.type("add a caption 'Harbour lights' from 0 to 12 seconds")  # letters go to the chat box
    terminal.wait_for("the words follow the edit", lambda s: "Harbour lights" in s and "“" in s, 90)
    terminal.key("C-o")
    terminal.key("C-o")  # focused → hidden: the chat is back
    terminal.wait_for(
        "the chat again", lambda s: "Harbour lights" in s and not picture(terminal.screen_ansi()), 10
    )
    _quit(terminal)
