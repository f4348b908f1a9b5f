"""The message box and its Send button: Enter sends, Shift+Enter starts a new line, as chat boxes in
Jupyter do.

ipywidgets' `Textarea` sends no key events and its `Text` is one line only, so the box is a small
anywidget: a `<textarea>` and a Send button in one view. Enter (not while an input method is
composing, not with Shift, Ctrl, Alt or Meta held) and the button both send a `submit` message that
carries the text as shown. Carrying it matters: ipywidgets holds back value updates while the kernel
is busy and sends them later, so a separate Button's click could reach the kernel before the last
keystrokes (a stale message), and a clear sent by the kernel could be overwritten by them. The box
clears itself when it submits; the kernel puts the text back if the send fails. Keydown events stop
at the box, so JupyterLab's own shortcuts (Shift+Enter runs the cell) never see them.
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
  const send = document.createElement("button");
  send.className = "nemo-send jupyter-widgets jupyter-button widget-button mod-primary";
  send.title = "Send (Enter)";
  send.innerHTML = '<i class="fa fa-paper-plane"></i>Send';
  const sync = () => {
    if (box.value !== model.get("value")) box.value = model.get("value");
    box.placeholder = model.get("placeholder");
    box.disabled = model.get("disabled");
    send.disabled = model.get("disabled") || model.get("busy");
  };
  const submit = () => {
    if (send.disabled || !box.value.trim()) return;
    const text = box.value;
    box.value = "";
    model.set("value", "");
    model.save_changes();
    model.send({ event: "submit", value: text });
  };
  box.addEventListener("input", () => {
    model.set("value", box.value);
    model.save_changes();
  });
  box.addEventListener("keydown", (event) => {
    event.stopPropagation();  // the notebook's own keys (Shift+Enter runs the cell) stay out
    const plainEnter = event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.altKey
      && !event.metaKey && !event.isComposing && event.keyCode !== 229;
    if (plainEnter) {
      event.preventDefault();
      submit();
    }
  });
  send.addEventListener("click", submit);
  const names = ["value", "placeholder", "disabled", "busy"];
  for (const name of names) model.on(`change:${name}`, sync);
  sync();
  el.classList.add("nemo-compose");
  el.append(box, send);
  return () => { for (const name of names) model.off(`change:${name}`, sync); };
}
export default { render };
"""


class ChatInput(anywidget.AnyWidget):
    """A multi-line message box with a Send button; `on_submit(callback)` gets the text sent."""

    _esm = _ESM
    value = traitlets.Unicode("").tag(sync=True)
    placeholder = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)  # the whole box (a closed workspace)
    busy = traitlets.Bool(False).tag(sync=True)  # a message is being sent: Send waits
    rows = traitlets.Int(3).tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._submit_handlers: list[Callable[[str], None]] = []
        self.on_msg(self._on_message)

    def on_submit(self, callback: Callable[[str], None]) -> None:
        self._submit_handlers.append(callback)

    def submit(self) -> None:
        """What Enter or the Send button does in the browser, with the box's current text."""
        self._on_message(self, {"event": "submit", "value": self.value}, [])

    def _on_message(self, _widget: Any, content: object, _buffers: list[Any]) -> None:
        if not isinstance(content, dict) or content.get("event") != "submit":
            return
        text = str(content.get("value", ""))
        for handler in list(self._submit_handlers):
            handler(text)
