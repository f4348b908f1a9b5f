"""The Textual workspace. `nemo-tui` with no arguments calls `nemo_tui.tui.app.run_app`.

Modules: `app` (NemoApp, run_app, workers, actions), `workspace` (the main screen: layout and the map
from controller updates to panes), one module per pane (`chat`, `composer`, `event_log`,
`timeline_tree`, `credits_bar`, `status_line`, `export_progress`), the dialogs (`upload_screen`,
`sessions_screen`, `help_screen`) and `commands` (the one table behind keys, palette and help).
"""
