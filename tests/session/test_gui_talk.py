from nemo_tui.core.gui_talk import translate


def test_click_export_becomes_a_command() -> None:
    assert translate("Done! Click the Export button to download.") == 'Done! type "export" to download.'


def test_chinese_click_export() -> None:
    assert "输入“导出”" in translate("完成了，点击导出按钮即可下载")


def test_drag_and_preview() -> None:
    out = translate("Drag the clip to the start, then preview in the timeline.")
    assert "Drag" not in out and "tell me to move" in out and 'type "status"' in out


def test_trailing_temporary_issue_is_noise_after_a_reply() -> None:
    assert translate("Added the title.\nI encountered a temporary issue, please retry.") == "Added the title."


def test_temporary_issue_alone_is_kept() -> None:
    assert translate("I encountered a temporary issue.") == "I encountered a temporary issue."


def test_content_is_kept() -> None:
    text = "Your 30-second video has 5 scenes with captions."
    assert translate(text) == text
