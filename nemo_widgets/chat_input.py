"""The message box: Enter sends, Shift+Enter starts a new line, as chat boxes in Jupyter do.

ipywidgets' `Textarea` sends no key events and its `Text` is one line only, so the box is a small
anywidget: a `<textarea>` whose value is synced as it is typed, and which sends a `submit` message on
Enter (not while an input method is composing, not with Shift, Ctrl, Alt or Meta held). Its keydown
events stop at the box, so JupyterLab's own shortcuts (Shift+Enter runs the cell) never see them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anywidget
import traitlets

_ESM = """
function render({ model, el }) {
  const box = document.createElement("textarea");
  box.className = "nemo-input-box";
  box.rows = model.get("rows");
  box.setAttribute("aria-label", "Message to the video editor");
  box.setAttribute("data-lm-suppress-shortcuts", "true");  // Lumino: no notebook shortcut here
  const fromModel = () => {
    if (box.value !== model.get("value")) box.value = model.get("value");
    box.placeholder = model.get("placeholder");
    box.disabled = model.get("disabled");
  };
  fromModel();
  box.addEventListener("input", () => {
    model.set("value", box.value);
    model.save_changes();
  });
  box.addEventListener("keydown", (event) => {
    event.stopPropagation();  // the notebook's own keys (Shift+Enter runs the cell) stay out
    const plainEnter = event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.altKey
      && !event.metaKey && !event.isComposing && event.keyCode !== 229;
    if (!plainEnter) return;
    event.preventDefault();
    if (box.disabled || !box.value.trim()) return;
    model.set("value", box.value);
    model.save_changes();
    model.send({ event: "submit", value: box.value });
  });
  model.on("change:value", fromModel);
  model.on("change:placeholder", fromModel);
  model.on("change:disabled", fromModel);
  el.classList.add("nemo-input");
  el.appendChild(box);
  return () => {
    model.off("change:value", fromModel);
    model.off("change:placeholder", fromModel);
    model.off("change:disabled", fromModel);
  };
}
export default { render };
"""


class ChatInput(anywidget.AnyWidget):
    """A multi-line message box with `on_submit(callback)`, called with the text on Enter."""

    _esm = _ESM
    value = traitlets.Unicode("").tag(sync=True)
    placeholder = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    rows = traitlets.Int(3).tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._submit_handlers: list[Callable[[str], None]] = []
        self.on_msg(self._on_message)

    def on_submit(self, callback: Callable[[str], None]) -> None:
        self._submit_handlers.append(callback)

    def submit(self) -> None:
        """What Enter does in the browser (for scripts and tests)."""
        self._on_message(self, {"event": "submit", "value": self.value}, [])

    def _on_message(self, _widget: Any, content: dict[str, Any], _buffers: list[Any]) -> None:
        if not isinstance(content, dict) or content.get("event") != "submit" or self.disabled:
            return
        text = str(content.get("value", self.value))
        self.value = text  # the message carries the text: it may overtake the value's own sync
        for handler in list(self._submit_handlers):
            handler(text)
