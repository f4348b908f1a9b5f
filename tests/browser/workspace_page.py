"""The workspace in a notebook page, driven as a person does: type, click, press Enter, look.

Selectors are the workspace's own classes (`nemo-…`, see nemo_widgets/style.py); Jupyter's own parts
are reached through `window.jupyterapp` only to run what a person picks from a menu (Run All, Save,
Shut Down Kernel, a theme).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .cdp import Page

CURRENT = "jupyterapp.shell.currentWidget"
WORKSPACE = ".nemo-workspace"

# In-page helpers: contrast of an element's text against the background it is drawn on.
CONTRAST_JS = r"""
window.nemoContrast = (el) => {
  const parse = (c) => {
    let m = c.match(/rgba?\(([^)]+)\)/);
    if (m) { const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
      return [p[0] / 255, p[1] / 255, p[2] / 255, p.length > 3 ? p[3] : 1]; }
    m = c.match(/color\(srgb ([^)]+)\)/);
    if (m) { const p = m[1].split(/[ \/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; }
    throw new Error("unknown colour " + c);
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const backdrop = (node) => {
    const layers = [];
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      const bg = parse(getComputedStyle(n).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] >= 1) break;
    }
    let colour = [1, 1, 1, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const lum = (c) => { const f = (v) => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const bg = backdrop(el);
  const fg = over(parse(getComputedStyle(el).color), bg);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
};
"""


def shots_dir() -> Path | None:
    """Where to save screenshots, when asked (`NEMO_BROWSER_SHOTS=/tmp/shots`); never committed."""
    folder = os.environ.get("NEMO_BROWSER_SHOTS")
    return Path(folder) if folder else None


class WorkspacePage:
    def __init__(self, page: Page) -> None:
        self.page = page

    async def open(self, url: str) -> None:
        await self.page.goto(url)
        await self.page.wait_for("window.jupyterapp && document.querySelector('.jp-Notebook .jp-Cell')", 60)
        await self.page.evaluate(CONTRAST_JS)

    async def wait_for_kernel(self, timeout: float = 60) -> None:
        """Until the notebook's kernel is ready, as the toolbar's "Idle" says."""
        ready = (
            f"(() => {{ const c = {CURRENT}.sessionContext; "
            "return c.isReady && c.session && c.session.kernel && c.session.kernel.status === 'idle'; })()"
        )
        await self.page.wait_for(ready, timeout, "the kernel to be idle")

    async def run_all(self) -> None:
        await self.page.evaluate("void jupyterapp.commands.execute('notebook:run-all-cells')")

    async def wait_connected(self, timeout: float = 90) -> None:
        await self.page.wait_for(
            f"document.querySelector('{WORKSPACE} .nemo-status')?.textContent.includes('connected')",
            timeout,
            "the workspace to connect to the local engine",
        )

    async def count(self, selector: str) -> int:
        return await self.page.evaluate(f"document.querySelectorAll({json.dumps(selector)}).length")

    async def text(self, selector: str) -> str:
        return await self.page.evaluate(
            f"Array.from(document.querySelectorAll({json.dumps(selector)})).map(e => e.innerText).join('\\n')"
        )

    async def type_message(self, text: str) -> None:
        """Click into the box and type; wait until the box shows the text (so a lost focus fails here)."""
        await self.page.click(f"{WORKSPACE} .nemo-input-box")
        before = await self.box_value()
        await self.page.type_text(text)
        box = f"document.querySelector('{WORKSPACE} .nemo-input-box')"
        expected = json.dumps(before + text)
        await self.page.wait_for(f"{box}.value === {expected}", 10, f"{text!r} to be typed into the box")

    async def box_value(self) -> str:
        return await self.page.evaluate(f"document.querySelector('{WORKSPACE} .nemo-input-box').value")

    async def send_and_wait(self, text: str, *, press_enter: bool = False, timeout: float = 90) -> str:
        """Type `text` (after what the box holds), send it (the Send button, or Enter), wait for the
        reply; the reply's text."""
        replies = f"{WORKSPACE} .nemo-transcript .nemo-assistant, {WORKSPACE} .nemo-transcript .nemo-system"
        before = await self.count(replies)
        errors = await self.count(f"{WORKSPACE} .nemo-error")
        await self.type_message(text)
        if press_enter:
            await self.page.press("Enter")
        else:
            await self.page.click(f"{WORKSPACE} .nemo-send")
        send = f"document.querySelector('{WORKSPACE} .nemo-send')"
        await self.page.wait_for(
            f"document.querySelectorAll({json.dumps(replies)}).length > {before} && !{send}.disabled"
            f" || document.querySelectorAll('{WORKSPACE} .nemo-error').length > {errors}",
            timeout,
            f"the reply to {text!r}",
        )
        shown = await self.text(f"{WORKSPACE} .nemo-error")
        assert await self.count(f"{WORKSPACE} .nemo-error") == errors, f"{text!r} failed: {shown}"
        return await self.page.evaluate(
            f"Array.from(document.querySelectorAll({json.dumps(replies)})).pop().innerText"
        )

    async def export_and_play(self, timeout: float = 120) -> dict:
        """Click Export MP4, wait for the player to load the export (served by Jupyter: a `/files/nemo-…`
        URL, not the preview's), play it (muted); what the video element says."""
        await self.page.click(f"{WORKSPACE} .nemo-export")
        video = f"document.querySelector('{WORKSPACE} .nemo-player video')"
        exported = f"{video}?.src.includes('/files/nemo-') && !{video}.src.includes('/files/nemo-previews/')"
        await self.page.wait_for(
            f"{exported} && ({video}.readyState >= 1 && {video}.duration > 0 || {video}.error)",
            timeout,
            "the exported video to load",
        )
        await self.page.evaluate(f"(() => {{ const v = {video}; v.muted = true; return v.play(); }})()")
        await self.page.wait_for(f"{video}.currentTime > 0 || {video}.error", 30, "the video to play")
        return await self.page.evaluate(
            f"(() => {{ const v = {video}; return {{readyState: v.readyState, duration: v.duration, "
            "videoWidth: v.videoWidth, videoHeight: v.videoHeight, currentTime: v.currentTime, "
            "error: v.error && v.error.message}; })()"
        )

    async def timeline_bars(self) -> list[dict]:
        """The editor timeline's bars as drawn: role, words shown, marked as changed, width in px."""
        return await self.page.evaluate(
            f"""Array.from(document.querySelectorAll('{WORKSPACE} .nemo-lane .nemo-bar')).map(b => ({{
              role: Array.from(b.classList).find(c => c.startsWith('nemo-bar-') && c !== 'nemo-bar-changed'),
              text: b.innerText, changed: b.classList.contains('nemo-bar-changed'),
              width: b.getBoundingClientRect().width,
              thumb: b.querySelector('img')?.naturalWidth ?? null }}))"""
        )

    async def click_timeline(self, fraction: float, drag_to: float | None = None) -> None:
        """A real click on the lanes at `fraction` of the timeline's width (dragged to `drag_to`)."""
        x, y = await self.page.evaluate(
            f"""(() => {{ const area = document.querySelector('{WORKSPACE} .nemo-tl-area');
              area.scrollIntoView({{block: 'center'}});
              const lanes = area.querySelector('.nemo-lanes').getBoundingClientRect();
              const r = area.getBoundingClientRect();
              return [r.left + r.width * {fraction}, lanes.top + Math.min(12, lanes.height / 2)]; }})()"""
        )
        mouse = "Input.dispatchMouseEvent"
        await self.page.send(mouse, {"type": "mouseMoved", "x": x, "y": y})
        press = {"x": x, "y": y, "button": "left", "buttons": 1, "clickCount": 1}
        await self.page.send(mouse, {"type": "mousePressed", **press})
        if drag_to is not None:
            width = await self.page.evaluate(
                f"document.querySelector('{WORKSPACE} .nemo-tl-area').getBoundingClientRect().width"
            )
            for step in range(1, 6):
                x = press["x"] + (drag_to - fraction) * width * step / 5
                await self.page.send(
                    mouse, {"type": "mouseMoved", "x": x, "y": y, "button": "left", "buttons": 1}
                )
        await self.page.send(mouse, {"type": "mouseReleased", **press, "x": x})

    async def save(self) -> None:
        await self.page.evaluate("jupyterapp.commands.execute('docmanager:save')")
        await self.page.wait_for(f"!{CURRENT}.context.model.dirty", 30, "the notebook to be saved")

    async def theme(self, name: str) -> None:
        light = "true" if "Light" in name else "false"
        await self.page.evaluate(
            f"void jupyterapp.commands.execute('apputils:change-theme', {{theme: '{name}'}})"
        )
        await self.page.wait_for(
            f"document.body.dataset.jpThemeLight === '{light}'"
            " && !document.querySelector('#jupyterlab-splash')",
            30,
            f"the {name} theme (and the splash screen shown while it loads to go)",
        )

    async def screenshot(self, name: str, at: str = f"{WORKSPACE}, .nemo-snapshot") -> None:
        """A screenshot with the first element `at` finds scrolled to the top, when asked for."""
        folder = shots_dir()
        if folder is not None:
            await self.page.evaluate(
                f"document.querySelector({json.dumps(at)})?.scrollIntoView({{block: 'start'}})"
            )
            await self.page.screenshot(folder / f"{name}.png")

    async def layout(self) -> dict:
        """Measurements of what was wrong before: spacing, clipping, the columns, the buttons."""
        return await self.page.evaluate(
            f"""(() => {{
            const ws = document.querySelector('{WORKSPACE}');
            const box = (s) => ws.querySelector(s).getBoundingClientRect();
            const all = (s) => Array.from(ws.querySelectorAll(s));
            const rows = all('.nemo-segments tr').map(r => r.getBoundingClientRect().height);
            const labels = Array.from(ws.querySelectorAll('.nemo-lane-label'));
            const buttons = Array.from(ws.querySelectorAll('button'));
            return {{
              rowHeights: rows,
              clippedLabels: labels.filter(l => l.scrollWidth > l.clientWidth + 1
                || l.scrollHeight > l.clientHeight + 1).map(l => l.textContent),
              messageLineHeight: parseFloat(getComputedStyle(ws.querySelector('.nemo-msg')).lineHeight),
              cellLineHeight: parseFloat(getComputedStyle(ws.querySelector('.nemo-segments td')).lineHeight),
              chatWidth: box('.nemo-chat').width,
              sideWidth: box('.nemo-side').width,
              cutButtons: buttons.filter(b => b.offsetParent && b.scrollWidth > b.clientWidth + 1)
                .map(b => b.innerText),
              overflowX: ws.scrollWidth > ws.clientWidth + 1,
            }};
            }})()"""
        )

    async def contrast(self, selector: str) -> float:
        """The lowest text contrast among the elements `selector` finds inside the workspace."""
        return await self.page.evaluate(
            f"Math.min(...Array.from(document.querySelectorAll('{WORKSPACE} ' + {json.dumps(selector)}))"
            ".map(window.nemoContrast))"
        )
