"""Traditional Chinese folded onto Simplified, so one set of Chinese rules reads both scripts."""

import pytest

from contentcheck.text.hanzi import fold, has_han

from ..rulepack.test_sequence import ids, make_pack


def test_fold_maps_traditional_characters_one_for_one():
    text = "當然可以！作為一個人工智慧語言模型，我無法提供這類資訊。"
    folded = fold(text)
    assert folded == "当然可以！作为一个人工智慧语言模型，我无法提供这类资讯。"
    assert len(folded) == len(text)  # every offset of a finding still points into the original


@pytest.mark.parametrize("text", ["The bridge opened.", "", "Мост открыли.", "다리가 열렸다."])
def test_text_without_han_is_left_alone(text):
    assert not has_han(text)
    assert fold(text) is text


def test_a_simplified_entry_finds_traditional_text(tmp_path):
    pack = make_pack(tmp_path, """
    rules:
      - id: sure
        category: test-chat
        message: Sure
        kind: sequence
        scope: article
        classes:
          sure: ["当然可以"]
        sequences:
          - [sure]
    """)
    assert ids("當然可以！以下是您要的文章。\n", pack) == ["sure"]
    assert ids("当然可以！以下是您要的文章。\n", pack) == ["sure"]
    assert ids("他當然可以去。\n", pack) == []  # the rule's anchor: the start of a sentence
