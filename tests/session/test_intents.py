from pathlib import Path

import pytest

from nemo_tui.core.intents import Action, route


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("export", Action.EXPORT),
        ("Export it", Action.EXPORT),
        ("please export the video", Action.EXPORT),
        ("download", Action.EXPORT),
        ("send me the video", Action.EXPORT),
        ("导出", Action.EXPORT),
        ("请导出视频", Action.EXPORT),
        ("credits", Action.CREDITS),
        ("balance?", Action.CREDITS),
        ("how many credits do I have", Action.CREDITS),
        ("积分", Action.CREDITS),
        ("余额", Action.CREDITS),
        ("status", Action.STATE),
        ("show tracks", Action.STATE),
        ("状态", Action.STATE),
        ("generate a 30-second promo video and export it", Action.CHAT),
        ("add lo-fi music at 35%", Action.CHAT),
        ("make the credits roll slower", Action.CHAT),
        ("what's the status of my title? make it bigger", Action.CHAT),
        ("加标题 城市之梦", Action.CHAT),
    ],
)
def test_routing_table(text: str, action: Action) -> None:
    assert route(text).action is action


def test_upload_with_paths_quoted_and_plain() -> None:
    intent = route("upload '/tmp/my clip.mp4' ~/a.png")
    assert intent.action is Action.UPLOAD
    assert intent.paths == [Path("/tmp/my clip.mp4"), Path("~/a.png").expanduser()]


def test_an_unquoted_path_with_spaces_that_exists_is_one_file(tmp_path: Path) -> None:
    logo = tmp_path / "my logo 中文.png"
    logo.write_bytes(b"x")
    assert route(f"upload {logo}").paths == [logo]
    two = route(f"upload {tmp_path}/a.png {tmp_path}/b.png")  # files that do not exist: split as usual
    assert two.paths == [tmp_path / "a.png", tmp_path / "b.png"]


def test_files_given_means_upload_whatever_the_text() -> None:
    intent = route("use these", files=[Path("x.png")])
    assert intent.action is Action.UPLOAD and intent.paths == [Path("x.png")]


def test_chinese_upload_keyword() -> None:
    intent = route("上传 /tmp/a.mp3")
    assert intent.action is Action.UPLOAD and intent.paths == [Path("/tmp/a.mp3")]
