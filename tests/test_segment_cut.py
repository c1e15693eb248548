"""The segmenter's own cut gives exactly the words and tags jieba.posseg gives without its hidden Markov model."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import jieba.posseg
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.claims import segment
from checker.claims.segment import cut_words, load_dictionary, open_dictionary

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
    # Read per first character from the shards file, and loaded whole: the same words and tags.
    assert cut_words(text, _sharded()) == jieba_cut(text)
    assert cut_words(text, _whole()) == jieba_cut(text)


@functools.cache
def _sharded() -> segment.Dictionary:
    """A dictionary read from a shards file written by a first load into a folder of its own."""
    folder = Path(tempfile.mkdtemp(prefix="hedui-shards-"))
    assert open_dictionary(folder).shards is None
    dictionary = open_dictionary(folder)
    assert dictionary.shards is not None and not dictionary.tokenizer.FREQ
    return dictionary


@functools.cache
def _whole() -> segment.Dictionary:
    """A dictionary loaded whole: its folder does not exist, so no shards file is read or written."""
    dictionary = open_dictionary(Path(tempfile.gettempdir()) / "hedui-no-such-folder" / "x")
    assert dictionary.shards is None
    return dictionary


def test_shards_file_damaged_or_stale_is_written_again(tmp_path: Path) -> None:
    """A shards file cut short, with a changed byte, or of another dictionary is never read: loaded whole, rewritten."""
    open_dictionary(tmp_path)
    (path,) = tmp_path.glob("hedui-jieba.*.json")
    good = path.read_bytes()
    head, body = good.split(b"\n", 2)[1:]
    stale = good.replace(b'"stamp":"', b'"stamp":"0', 1)
    for damaged in (good[:len(good) // 2], good[:-10] + bytes([good[-10] ^ 1]) + good[-9:], stale):
        path.write_bytes(damaged)
        dictionary = open_dictionary(tmp_path)
        assert dictionary.shards is None and len(dictionary.tokenizer.FREQ) > 300_000
        assert path.read_bytes() == good
    assert head and body
    sharded = open_dictionary(tmp_path)
    assert cut_words("完成旅客运输量", sharded) == (("完成", "v"), ("旅客", "n"), ("运输量", "n"))
    # Only the parts of the characters cut were read.
    assert sharded.shards is not None and sharded.shards.loaded == set("完成旅客运输量")
    assert 0 < len(sharded.tokenizer.FREQ) < 10_000


def test_cut_examples() -> None:
    """A metric phrase, Latin and digits in a run, and text outside the runs get jieba's words and tags."""
    dictionary = load_dictionary()
    for text in ("完成旅客运输量", "30家参会的重点渝企", "5G基站12.5万个", "ab 12，c", "", "\r\n"):
        assert cut_words(text, dictionary) == jieba_cut(text)
    assert cut_words("完成旅客运输量", dictionary) == (("完成", "v"), ("旅客", "n"), ("运输量", "n"))
