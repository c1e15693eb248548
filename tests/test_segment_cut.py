"""The segmenter's own cut gives exactly the words and tags jieba.posseg gives without its hidden Markov model."""

from __future__ import annotations

import jieba.posseg
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.claims.segment import cut_words, load_dictionary

# Characters of metric phrases and what surrounds them: words of the dictionary, digits, Latin letters, the
# characters jieba keeps inside a run (+#&._), whitespace and punctuation it splits on.
PHRASE_WORDS = ["规模以上", "工业", "增加值", "旅客", "运输量", "新能源", "汽车", "产量", "县域医共体", "参会的",
                "重点", "企业", "集成电路", "建成", "覆盖", "GDP", "5G", "12.5", "亿元", "第三", "项目", "的"]
CHARACTERS = "一二三四五六七八九十百千万亿年月日省市县区的了和与及等新增长下降总额比重占" \
             "0123456789abcXYZ+#&._ \t\r\n，。、（）%％—"


def jieba_cut(text: str) -> tuple[tuple[str, str], ...]:
    """jieba.posseg's own words and tags of a text, without its hidden Markov model."""
    return tuple((pair.word, pair.flag) for pair in jieba.posseg.dt.lcut(text, HMM=False))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PHRASE_WORDS), st.sampled_from(list(CHARACTERS))), max_size=20))
def test_cut_is_jiebas_without_hmm(pieces: list[str]) -> None:
    """Any mix of dictionary words, digits, Latin letters, whitespace and punctuation is cut as jieba cuts it."""
    text = "".join(pieces)
    assert cut_words(text, load_dictionary()) == jieba_cut(text)


def test_cut_examples() -> None:
    """A metric phrase, Latin and digits in a run, and text outside the runs get jieba's words and tags."""
    dictionary = load_dictionary()
    for text in ("完成旅客运输量", "30家参会的重点渝企", "5G基站12.5万个", "ab 12，c", "", "\r\n"):
        assert cut_words(text, dictionary) == jieba_cut(text)
    assert cut_words("完成旅客运输量", dictionary) == (("完成", "v"), ("旅客", "n"), ("运输量", "n"))
