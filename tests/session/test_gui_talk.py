import pytest

from nemo_tui.core.gui_talk import translate


def test_click_export_becomes_a_command() -> None:
    # A sentence still starts with a capital after the rewrite.
    assert translate("Done! Click the Export button to download.") == 'Done! Type "export" to download.'


def test_chinese_click_export() -> None:
    assert "输入“导出”" in translate("完成了，点击导出按钮即可下载")


def test_drag_and_preview() -> None:
    out = translate("Drag the clip to the start, then preview in the timeline.")
    assert out == 'Tell me to move the clip to the start, then type "status" to see the tracks.'


@pytest.mark.parametrize(
    ("gui", "chat"),
    [
        # "drag and drop" is one action: one rewrite, not "tell me to move and tell me to move"
        ("You can drag and drop the clip to the start.", "You can tell me to move the clip to the start."),
        ("Drag & drop your logo onto the video.", "Tell me to move your logo onto the video."),
        ("Please check your account balance.", 'Please type "credits" to see your balance.'),
        ("Check your billing page to see your balance.", 'Type "credits" to see your balance.'),
        ("Open the Export panel to download your video.", 'Type "export" to download your video.'),
        ("Open the editor to see every track.", 'Type "status" to see every track.'),
        ("Click the Apply button to save.", 'Say "Apply" to save.'),
        ("请打开导出面板下载视频。", "请输入“导出”下载视频。"),
        ("请打开时间线查看效果。", "请输入“状态”查看效果。"),
        ("查看账户", "输入“积分”查看余额"),
        ("请查看您的账户余额。", "请输入“积分”查看余额。"),
        ("拖拽片段到开头", "告诉我移动片段到开头"),
    ],
)
def test_gui_talk_reads_naturally(gui: str, chat: str) -> None:
    assert translate(gui) == chat


def test_trailing_temporary_issue_is_noise_after_a_reply() -> None:
    assert translate("Added the title.\nI encountered a temporary issue, please retry.") == "Added the title."


def test_temporary_issue_alone_is_kept() -> None:
    assert translate("I encountered a temporary issue.") == "I encountered a temporary issue."


@pytest.mark.parametrize(
    "text",
    ["Your 30-second video has 5 scenes with captions.", "I added a drop shadow to the title."],
)
def test_content_is_kept(text: str) -> None:
    assert translate(text) == text
