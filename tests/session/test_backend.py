import pytest

from nemo_tui.core.backend import Backend


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8765", True),
        ("http://localhost:1", True),
        ("https://mega-api-prod.nemovideo.ai", False),
    ],
)
def test_export_polling_is_fast_only_on_this_machine(url: str, local: bool) -> None:
    assert Backend(url=url, key=url, label="x").on_this_machine is local
