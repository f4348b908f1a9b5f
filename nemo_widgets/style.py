"""The workspace's stylesheet: one `<style>` that the live view carries (in a hidden HTML widget).

Why a stylesheet rather than inline styles:
- ipywidgets gives every HTML pane `line-height: var(--jp-widgets-inline-height)` (28 px), meant for
  one-line labels: it double-spaced the chat, made table rows 28-58 px tall and clipped the lane
  labels. It is reset here for the workspace's panes only.
- Colours come from the front end's theme (JupyterLab's `--jp-*` variables, which Notebook 7 shares),
  with VS Code's `--vscode-*` variables and fixed light colours as fallbacks (classic Notebook), so
  the dark theme is as readable as the light one. Tints are mixed from the theme's own background
  (`color-mix`), never a fixed pale colour under the theme's text colour.
- The live view hides the saved snapshot shown after it (see `snapshot.py`); a notebook reopened
  without the kernel has no live view, so its snapshot shows.
"""

from __future__ import annotations

STYLESHEET = """
.nemo-workspace {
  --nemo-fg: var(--jp-ui-font-color1, var(--vscode-editor-foreground, rgba(0, 0, 0, 0.87)));
  --nemo-fg-muted: var(--jp-ui-font-color2, var(--vscode-descriptionForeground, rgba(0, 0, 0, 0.6)));
  --nemo-bg: var(--jp-layout-color1, var(--vscode-editor-background, #fff));
  --nemo-bg-alt: var(--jp-layout-color2, var(--vscode-editorWidget-background, #eee));
  --nemo-border: var(--jp-border-color2, var(--vscode-panel-border, #e0e0e0));
  --nemo-brand: var(--jp-brand-color1, var(--vscode-focusBorder, #1976d2));
  --nemo-ok: var(--jp-success-color1, #388e3c);
  --nemo-warn: var(--jp-warn-color1, #f57c00);
  --nemo-error: var(--jp-error-color1, #d32f2f);
  --nemo-purple: var(--jp-mirror-editor-operator-color, #7800c2);
  --nemo-mono: var(--jp-code-font-family, monospace);
  color: var(--nemo-fg);
  border: 1px solid var(--nemo-border);
  border-radius: 4px;
  padding: 6px 8px;
  gap: 6px;
  font-size: var(--jp-ui-font-size1, 13px);
}
/* ipywidgets' one-line height leaks into every HTML pane: give them ordinary text spacing. */
.nemo-workspace .widget-html-content,
.nemo-workspace .jupyter-widget-html-content {
  line-height: 1.4;
}
.nemo-workspace .widget-html,
.nemo-workspace .jupyter-widget-html { margin: 0; }
.nemo-workspace p { margin: 0.2em 0; }
.nemo-workspace pre, .nemo-workspace code { font-family: var(--nemo-mono); font-size: 0.95em; }
.nemo-muted { color: var(--nemo-fg-muted); }
.nemo-heading { font-weight: 600; margin: 2px 0 4px; }

/* Layout: the chat takes the larger share; the side column wraps under it when narrow. */
.nemo-statusbar { justify-content: space-between; align-items: center; flex-wrap: wrap;
  gap: 4px 12px; border-bottom: 1px solid var(--nemo-border); padding-bottom: 4px; }
.nemo-main { flex-wrap: wrap; gap: 10px; align-items: flex-start; }
.nemo-chat { flex: 3 1 360px; min-width: 0; }
.nemo-side { flex: 2 1 280px; min-width: 0; max-width: 100%; }
.nemo-side .widget-html-content, .nemo-side .jupyter-widget-html-content { overflow-x: auto; }
.nemo-compose { display: flex; align-items: flex-start; gap: 6px; width: auto; margin: 0; }
.nemo-input-box { box-sizing: border-box; flex: 1 1 auto; min-width: 0; resize: vertical; min-height: 3.2em;
  font: inherit; color: var(--nemo-fg); background: var(--jp-input-background, var(--nemo-bg));
  border: 1px solid var(--jp-input-border-color, var(--nemo-border)); border-radius: 3px; padding: 4px 6px; }
.nemo-input-box:focus { outline: 2px solid var(--nemo-brand); outline-offset: -1px; }
.nemo-input-box:disabled { opacity: 0.6; }
.nemo-hint { font-size: 0.85em; }
.nemo-row { flex-wrap: wrap; gap: 6px; align-items: center; }
/* Buttons size to their labels (ipywidgets fixes them at 148 px and cuts the label short). */
.nemo-workspace .jupyter-button, .nemo-workspace .widget-button {
  width: auto; min-width: max-content; flex: 0 0 auto; margin: 0; }
.nemo-workspace .jupyter-widget-upload, .nemo-workspace .widget-upload { width: auto; }
.nemo-workspace .jupyter-widget-text, .nemo-workspace .widget-text { flex: 1 1 200px; max-width: 320px;
  min-width: 140px; width: auto; margin: 0; }

/* Chat */
.nemo-scroll { overflow-y: auto; display: flex; flex-direction: column-reverse; }
.nemo-msg { margin: 3px 0; padding: 4px 8px; border-radius: 3px; border-left: 3px solid transparent;
  color: var(--nemo-fg); overflow-wrap: anywhere; }
.nemo-msg > p:first-of-type { margin-top: 0; }
.nemo-msg > p:last-child { margin-bottom: 0; }
.nemo-who { display: block; font-weight: 600; font-size: 0.9em; }
.nemo-user { border-left-color: var(--nemo-brand); background: var(--nemo-bg-alt);
  background: color-mix(in srgb, var(--nemo-brand) 12%, var(--nemo-bg)); }
.nemo-assistant { border-left-color: var(--nemo-ok); background: var(--nemo-bg-alt);
  background: color-mix(in srgb, var(--nemo-ok) 10%, var(--nemo-bg)); }
.nemo-system { border-left-color: var(--nemo-border); color: var(--nemo-fg-muted); font-style: italic; }
.nemo-error { border-left-color: var(--nemo-error); background: var(--nemo-bg-alt);
  background: color-mix(in srgb, var(--nemo-error) 14%, var(--nemo-bg)); }
.nemo-partial { color: var(--nemo-fg-muted); padding: 2px 8px; }
.nemo-price { margin-top: -2px; padding: 0 8px 0 11px; color: var(--nemo-fg-muted); font-size: 0.9em;
  font-style: italic; }

/* Event log */
.nemo-event-log { font-family: var(--nemo-mono); font-size: 11px; }
.nemo-log-line { white-space: pre-wrap; word-break: break-word; }
.nemo-log-time { color: var(--nemo-fg-muted); }
.nemo-log-partial, .nemo-log-thought, .nemo-log-heartbeat { color: var(--nemo-fg-muted); }
.nemo-log-tool_call { color: var(--nemo-brand); }
.nemo-log-tool_result { color: var(--nemo-ok); }
.nemo-log-state_delta { color: var(--nemo-purple); }
.nemo-log-error { color: var(--nemo-error); }
.nemo-log-unknown { color: var(--nemo-warn); }
.nemo-log-turn { color: var(--nemo-fg-muted); border-top: 1px solid var(--nemo-border); margin-top: 2px; }

/* Timeline */
.nemo-summary { font-size: 11px; margin-bottom: 4px; }
.nemo-lane { display: flex; align-items: center; gap: 4px; margin: 2px 0; }
.nemo-lane-label { flex: 0 0 84px; font-size: 11px; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
.nemo-lane-track { position: relative; flex: 1 1 auto; height: 18px; background: var(--nemo-bg-alt); }
.nemo-seg { position: absolute; top: 1px; bottom: 1px; border-radius: 2px; overflow: hidden;
  white-space: nowrap; font-size: 10px; line-height: 16px; color: #fff; padding: 0 2px;
  box-sizing: border-box; text-shadow: 0 0 2px rgba(0, 0, 0, 0.6); }
.nemo-seg-changed { box-shadow: 0 0 0 2px var(--nemo-error); z-index: 1; }
.nemo-scale { text-align: right; font-size: 10px; color: var(--nemo-fg-muted); }
.nemo-segments { font-size: 11px; border-collapse: collapse; width: 100%; margin-top: 4px; }
.nemo-segments th, .nemo-segments td { text-align: left; padding: 1px 6px 1px 0; line-height: 1.35;
  vertical-align: top; border: 0; }
.nemo-segments th { color: var(--nemo-fg-muted); font-weight: 600; }
.nemo-segments td:nth-child(-n + 2), .nemo-segments td:nth-child(n + 4) { white-space: nowrap; }
.nemo-segments tr.nemo-changed td { color: var(--nemo-fg); background: var(--nemo-bg-alt);
  background: color-mix(in srgb, var(--nemo-warn) 28%, var(--nemo-bg)); }

/* Status bar and credits */
.nemo-dot-connected { color: var(--nemo-ok); }
.nemo-dot-connecting { color: var(--nemo-warn); }
.nemo-dot-offline, .nemo-dot-closed { color: var(--nemo-fg-muted); }
.nemo-credits { white-space: nowrap; }
.nemo-credits-bar { display: inline-flex; width: 80px; height: 8px; vertical-align: middle;
  background: var(--nemo-bg-alt); border: 1px solid var(--nemo-border); border-radius: 2px;
  overflow: hidden; }
.nemo-credits-available { background: var(--nemo-ok); }
.nemo-credits-low .nemo-credits-available { background: var(--nemo-error); }
.nemo-credits-frozen { background: var(--nemo-warn); opacity: 0.6; }
.nemo-credits-warning { color: var(--nemo-error); font-weight: 600; white-space: normal; }

/* The snapshot kept for a notebook opened without its kernel: hidden while the live view shows. */
.jp-OutputArea-child:has(.nemo-workspace) ~ .jp-OutputArea-child:has(.nemo-snapshot) { display: none; }
.nemo-snapshot:not(.jp-OutputArea .nemo-snapshot) { display: none; }
.nemo-workspace.nemo-closed { opacity: 0.85; }
"""


def style_tag() -> str:
    return f"<style>{STYLESHEET}</style>"
