"""Unknown requests get examples close to what was asked (`language/suggest.py`)."""

from __future__ import annotations

import pytest

from nemo_tui.engine.agent.language.suggest import EXAMPLES, nearest


@pytest.mark.parametrize(
    ("request_", "expected"),
    [
        ("make the letters look fancier, a nicer typeface", "change the font to something more elegant"),
        ("i want a different song", "replace the music with something calmer"),
        ("put our brand in the corner", "put 'Harbor Lane' in the top right corner"),
        ("字幕看不太清楚", "make the captions bigger"),
    ],
)
def test_the_nearest_examples_share_words_with_the_request(request_, expected) -> None:
    picked = [en for en, _ in nearest(request_)]
    assert len(picked) == 3 and expected in picked


def test_a_request_sharing_nothing_gets_the_most_asked_for_edits() -> None:
    assert [en for en, _ in nearest("what's the weather like?")] == [EXAMPLES[i][0] for i in (0, 5, 9)]
