"""Tests for checker.text.ingest: decoding, front matter, HTML, hard-wrap joining, document dates."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import InputError
from checker.text import ingest
from checker.text.ingest import document_from_text, read_document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def assert_maps_back(doc, *, html=False):
    """Every reading char comes from its offset (up to HTML decoding), offsets strictly increase."""
    assert len(doc.offsets) == len(doc.reading)
    assert all(a < b for a, b in zip(doc.offsets, doc.offsets[1:], strict=False))
    assert all(0 <= o < len(doc.text) for o in doc.offsets)
    if not html:
        assert all(doc.text[o] == c for o, c in zip(doc.offsets, doc.reading, strict=True))


def without_space(text: str) -> str:
    """Drop every whitespace character."""
    return "".join(c for c in text if not c.isspace())


# --- decoding --------------------------------------------------------------------------------


def test_utf8_bytes_decode():
    """Plain UTF-8 decodes as utf-8."""
    doc = document_from_text("a.txt", "重庆产值1.2万亿元".encode())
    assert (doc.text, doc.reading, doc.encoding) == ("重庆产值1.2万亿元", "重庆产值1.2万亿元", "utf-8")


def test_bom_is_stripped_before_decoding():
    """A UTF-8 byte-order mark never reaches the text and offsets start at 0."""
    doc = document_from_text("a.txt", b"\xef\xbb\xbf" + "今年".encode())
    assert doc.text == "今年" and doc.offsets == (0, 1) and doc.encoding == "utf-8-sig"


def test_bom_in_str_input_is_stripped():
    """Text passed as str loses its BOM too."""
    assert document_from_text("a.txt", "\ufeff今年").text == "今年"


def test_gb18030_bytes_decode():
    """GBK/GB18030 bytes that are not UTF-8 decode as gb18030."""
    doc = document_from_text("a.txt", "增长了20多倍。".encode("gb18030"))
    assert doc.text == "增长了20多倍。" and doc.encoding == "gb18030"


def test_utf16_with_bom_decodes():
    """UTF-16 with a byte-order mark (Windows 'Unicode') decodes instead of looking binary."""
    doc = document_from_text("a.txt", "重庆".encode("utf-16"))
    assert doc.text == "重庆"


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"PK\x03\x04\x00\x00binary", "binary file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file"),
        (b"\x80\x81\xff\xfe\x80", "not UTF-8 or GB18030"),
        ("text\x00with nul", "binary file"),
    ],
)
def test_binary_or_undecodable_is_an_input_error(raw, words):
    """Binary or undecodable input raises one line naming the path."""
    with pytest.raises(InputError) as caught:
        document_from_text("dir/x.txt", raw)
    message = str(caught.value)
    assert message.startswith("dir/x.txt") and words in message and "\n" not in message


@pytest.mark.parametrize("raw", [b"", b"   \n\n\t  \r\n", b"\xef\xbb\xbf", "---\n---\n"])
def test_empty_documents_are_fine(raw):
    """Empty and whitespace-only files give a document without a date, never an error."""
    doc = document_from_text("e.md", raw)
    assert doc.reading.strip() == "" and doc.dct is None and doc.title == ""
    assert_maps_back(doc)


# --- files -----------------------------------------------------------------------------------


def test_read_document_reads_a_file(tmp_path):
    """read_document decodes the file and keeps its path."""
    path = tmp_path / "a.md"
    path.write_bytes("---\ndate: 2025-11-25\n---\n今年1至10月".encode("gb18030"))
    doc = read_document(str(path))
    assert doc.path == str(path) and doc.reading == "今年1至10月"
    assert doc.dct.date == dt.date(2025, 11, 25)


@settings(max_examples=50)
@given(st.binary(max_size=20000))
def test_read_bytes_returns_the_whole_file(tmp_path_factory, data):
    """read_bytes, sized by the file's stat, returns exactly the bytes written, whatever their length."""
    path = tmp_path_factory.mktemp("read") / "a.md"
    path.write_bytes(data)
    assert ingest.read_bytes(str(path)) == data


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs a file whose stat tells no size")
def test_a_file_longer_than_its_stat_is_read_to_its_end_within_the_limit(monkeypatch):
    """A file that holds more than its stat said (a /proc file says 0) is read to its end, and the limit holds."""
    assert os.stat("/proc/self/status").st_size == 0
    assert b"Name:" in ingest.read_bytes("/proc/self/status") and ingest.read_bytes("/proc/self/status").endswith(b"\n")
    monkeypatch.setattr(ingest, "MAX_BYTES", 8)
    with pytest.raises(InputError, match="too large"):
        ingest.read_bytes("/proc/self/status")


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda tmp: tmp / "missing.md", "no such file"),
        (lambda tmp: tmp, "is a directory"),
    ],
)
def test_unreadable_paths_are_input_errors(tmp_path, make, words):
    """Missing files and directories raise InputError naming the path."""
    path = str(make(tmp_path))
    with pytest.raises(InputError, match=words) as caught:
        read_document(path)
    assert str(caught.value).startswith(path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_is_an_input_error(tmp_path):
    """A file without read permission raises InputError."""
    path = tmp_path / "secret.md"
    path.write_text("x")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_document(str(path))


def test_too_large_file_is_an_input_error(tmp_path, monkeypatch):
    """Files over the size limit are refused before reading."""
    monkeypatch.setattr(ingest, "MAX_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_text("一二三四五六七八九十")
    with pytest.raises(InputError, match="file too large"):
        read_document(str(path))


# --- front matter ----------------------------------------------------------------------------

FRONT = (
    "---\ntitle: 重庆产业\ndate: 2025-11-26\noutlet: 重庆日报\nurl: https://example.cn/a\npage: 3\n"
    "---\n正文第一段。\n"
)


def test_front_matter_fields_go_to_meta_and_date():
    """Front matter keys become string metadata; its date is the DCT with full confidence."""
    doc = document_from_text("a.md", FRONT)
    assert doc.meta == {
        "title": "重庆产业",
        "date": "2025-11-26",
        "outlet": "重庆日报",
        "url": "https://example.cn/a",
        "page": "3",
    }
    assert doc.dct.date == dt.date(2025, 11, 26) and doc.dct.source == "front matter"
    assert not doc.dct.inferred and doc.title == "重庆产业"


def test_front_matter_is_not_reading_text():
    """The reading text starts after the closing `---`, and no offset points into front matter."""
    doc = document_from_text("a.md", FRONT)
    body = FRONT.index("正文")
    assert doc.reading == "正文第一段。\n" and min(doc.offsets) == body
    assert_maps_back(doc)


@pytest.mark.parametrize(
    "value", ["2025年11月26日", "'2025-11-26'", "2025/11/26", "2025-11-26 08:30:00"]
)
def test_front_matter_date_forms(value):
    """Dates as YAML dates, datetimes or Chinese/ISO strings are accepted."""
    doc = document_from_text("a.md", f"---\ndate: {value}\n---\n正文")
    assert doc.dct.date == dt.date(2025, 11, 26)


def test_date_override_wins_over_front_matter():
    """--date beats the front matter date."""
    doc = document_from_text("a.md", FRONT, date_override=dt.date(2024, 1, 2))
    assert (doc.dct.date, doc.dct.source) == (dt.date(2024, 1, 2), "--date")
    assert doc.dct.confidence == 1.0


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("---\ntitle: a\nurl: [unclosed\n---\n正文", "a.md:4", "malformed front matter"),
        ("---\ntitle: a\n  bad: indent\n---\n正文", "a.md:3", "malformed front matter"),
        ("---\n- a\n- b\n---\n正文", "a.md:2", "not a mapping"),
        ("---\ntitle: a\ndate: 下周\n---\n正文", "a.md:3", "key 'date'"),
        ("---\ntitle: a\ndate: 2025-13-01\n---\n正文", "a.md:3", "malformed front matter"),
        ("---\ndate: 2025年2月30日\n---\n正文", "a.md:2", "key 'date'"),
    ],
)
def test_bad_front_matter_names_the_line(text, where, words):
    """Malformed front matter raises one line naming the file and line."""
    with pytest.raises(InputError) as caught:
        document_from_text("a.md", text)
    assert str(caught.value).startswith(where + ":") and words in str(caught.value)


def test_unclosed_front_matter_is_text():
    """A first `---` line with no closing line is a Markdown rule, kept as text."""
    doc = document_from_text("a.md", "---\n正文：没有结束线。\n")
    assert doc.reading == doc.text and doc.meta == {}


def test_empty_date_key_states_no_date():
    """`date:` with no value is not an error and leaves the date to inference."""
    doc = document_from_text("a.md", "---\ndate:\n---\n正文")
    assert doc.dct is None


# --- HTML ------------------------------------------------------------------------------------

PAGE = (
    "<html><head><title>重庆 &amp; 两江</title><style>p{color:red}</style>"
    "<script>var s = '<p>不要</p>';</script></head>"
    "<body><h1>标题</h1><p>A&amp;B公司&#x4e2d;&#20013;产值达\n1.2万亿元&nbsp;。</p>"
    "<div>第二段<br>第三行&unknown;</div></body></html>"
)


def test_html_is_reduced_to_text():
    """Script, style and head are dropped; blocks become newlines; entities are decoded."""
    doc = document_from_text("p.html", PAGE)
    assert doc.reading == "标题\nA&B公司中中产值达1.2万亿元\xa0。\n第二段\n第三行&unknown;\n"
    assert "不要" not in doc.reading and "color" not in doc.reading
    assert doc.meta["title"] == "重庆 & 两江"
    assert_maps_back(doc, html=True)


def test_html_entities_map_to_their_start():
    """A decoded entity maps to the '&' that starts it; other chars map to themselves."""
    doc = document_from_text("p.htm", PAGE)
    for i, char in enumerate(doc.reading):
        source = doc.text[doc.offsets[i]]
        assert source == char or source in "&<" or (char == "\n")
    zhong = doc.reading.index("中")
    assert doc.text.startswith("&#x4e2d;", doc.offsets[zhong])
    assert doc.text.startswith("&#20013;", doc.offsets[zhong + 1])


def test_html_without_closing_head_keeps_body():
    """An omitted </head> does not swallow the body."""
    doc = document_from_text("p.html", "<head><title>t</title><body><p>正文。</p>")
    assert doc.reading == "正文。\n"


def test_markdown_keeps_its_markup():
    """Markdown is read as text: heading marks stay."""
    doc = document_from_text("a.md", "## 小标题\n\n正文。")
    assert doc.reading == "## 小标题\n\n正文。"


# --- hard wraps ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reads"),
    [
        ("园区产业规模超7000\n亿元级。", "7000亿元级"),
        ("总金额超\n过310亿元。", "超过310亿元"),
        ("到2025\n年，产量将超过150万辆。", "2025年"),
        ("比去\n年增长。", "去年"),
        ("仅用了11个\n月。", "11个月"),
        ("同比增长2.5\n%，材料产业", "2.5%"),
        ("同比增长2.5  \r\n  %，材料产业", "2.5%"),
        ("宁波华翔是A股上市企业,全\n\n球汽车零部件百强。", "全球汽车零部件"),
        ("力争到 2027 年，全市", "到2027年"),
        ("增长１０\n倍。", "１０倍"),
        ("行业协会、\n科研院所各方", "行业协会、科研院所"),
        ("打造“33618”\n现代制造业集群体系", "“33618”现代"),
        ("江津等12个区\n（开发区）的负责人", "12个区（开发区）"),
    ],
)
def test_hard_wraps_are_joined(text, reads):
    """A line break inside a word, number or sentence is removed from the reading text."""
    doc = document_from_text("a.txt", text)
    assert reads in doc.reading
    assert_maps_back(doc)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("产值增长10%。\n今年以来", "。\n今"),
        ("参会人士达成共识：\n在国内", "：\n在"),
        ("## 头部企业携手重庆\n正文开始", "庆\n正"),
        ("情况如下\n1. 第一项", "下\n1"),
        ("情况如下\n- 第一项", "下\n-"),
        ("Hello\nWorld", "o\nW"),
        ("蓬勃产业态势\n\n吸引一大批项目签约落地", "势\n\n吸"),
        ("他说：“好。”\n接着", "”\n接"),
        # a pull quote ends on a short line: not cut by a column end
        ("和专业能力，是国内一\n流的\n\n从7000亿迈向万亿", "的\n\n从"),
        # 、 alone makes a heading, not a sentence
        ("引入项目、培育生态锻造产业新高度\n\n承接产业转移", "度\n\n承"),
    ],
)
def test_real_breaks_are_kept(text, kept):
    """Breaks after sentences, before lists, after headings and between paragraphs stay."""
    assert kept in document_from_text("a.txt", text).reading


def test_crlf_reads_as_lf():
    """A kept CRLF reads as a single LF that maps to the LF."""
    doc = document_from_text("a.txt", "第一段。\r\n第二段。")
    assert doc.reading == "第一段。\n第二段。"
    assert_maps_back(doc)


def test_latin_and_cjk_spacing_is_otherwise_untouched():
    """Only spaces between digits and CJK go: Latin words keep theirs, full-width digits stay."""
    doc = document_from_text("a.txt", "low-e 节能玻璃 M7 新车 ２０２５ 年")
    assert doc.reading == "low-e 节能玻璃 M7新车２０２５年"


def test_joining_a_large_file_finishes():
    """Joining is linear: a megabyte of short wrapped lines is read at once."""
    text = "重庆新能源汽车产量从2020年的4.3万辆突飞猛进到\n2024年的95.3万辆，\n\n" * 20_000
    doc = document_from_text("big.txt", text)
    assert len(doc.reading) == len(text) - 20_000  # one wrap per repeat; "，\n\n" ends a paragraph


SOME_TEXT = st.text(
    alphabet=st.sampled_from(list("中国年月日亿元超过0123456789.%，。、：“”（）#-*>|abAB１ \t\u3000")),
    max_size=40,
)
BREAK = st.sampled_from(["\n", "\r\n", "\n\n", "  \n", "\n  \n", "\r", "\n\n\n"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(SOME_TEXT, BREAK), max_size=12))
def test_every_reading_char_maps_back(pieces):
    """With random line breaks, every reading char maps to an equal source char, in order."""
    text = "".join(words + brk for words, brk in pieces).lstrip("-")
    doc = document_from_text("r.md", text)
    assert_maps_back(doc)
    assert without_space(doc.reading) == without_space(doc.text)


MARKUP = ["<p>", "</p>", "<br>", "&amp;", "&#20013;", "<script>x<p>", "</script>", "&zz;", "<"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(SOME_TEXT, st.sampled_from(MARKUP)), max_size=15))
def test_any_html_maps_forward(pieces):
    """Any HTML soup yields strictly increasing in-range offsets."""
    assert_maps_back(document_from_text("r.html", "".join(pieces)), html=True)


# --- document dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "earliest", "latest", "evidence"),
    [
        ("000", dt.date(2025, 11, 25), dt.date(2025, 11, 26), ("11月25日", "2025中国产业转移发展对接活动")),
        ("001", dt.date(2025, 11, 25), dt.date(2025, 11, 26), ("11月25日", "2025中国产业转移发展对接活动")),
        ("002", dt.date(2023, 11, 20), dt.date(2023, 11, 21), ("11月20日", "2023中国产业转移发展对接活动")),
        # 003 states no day: "从2023年11月…以来,这两年" gives the month only.
        ("003", dt.date(2025, 11, 1), dt.date(2025, 11, 30), ("2023年11月", "这两年")),
        ("004", dt.date(2025, 12, 23), dt.date(2025, 12, 24), ("12月23日", "2025年12月1日")),
    ],
)
def test_seed_dates_are_inferred(seed, earliest, latest, evidence):
    """Each seed's date is inferred within its window, quoting its evidence, below certainty."""
    (path,) = SEEDS.glob(f"{seed}_*")
    dct = read_document(str(path)).dct
    assert earliest <= dct.date <= latest
    assert dct.source.startswith("inferred: ") and all(e in dct.source for e in evidence)
    assert dct.inferred and 0.3 <= dct.confidence <= 0.9


@pytest.mark.parametrize(
    ("text", "date", "confidence"),
    [
        ("本报讯（记者 王五）3月5日，2024重庆国际马拉松鸣枪开跑。", dt.date(2024, 3, 5), 0.8),
        ("新华社重庆1月5日电 去年，全市2024年12月新增企业千家。", dt.date(2025, 1, 5), 0.7),
        ("标题\n\n6月1日，会议召开。2024年，重庆产值增长。今年继续。", dt.date(2025, 6, 1), 0.5),
        ("2025年3月2日，项目开工；力争到2030年12月31日建成。", dt.date(2025, 3, 2), 0.6),
        ("该规定自2026年1月1日起施行。2025年6月，草案公布。", dt.date(2025, 6, 15), 0.3),
        ("2024年，全市产值增长。今年以来，今年8月，继续增长。", dt.date(2025, 8, 15), 0.3),
        ("会议于2025-11-25举行。", dt.date(2025, 11, 25), 0.6),
    ],
)
def test_date_inference_patterns(text, date, confidence):
    """Datelines, event years, year-months and whole-year reports each yield a date."""
    dct = document_from_text("a.txt", text).dct
    assert (dct.date, dct.confidence) == (date, confidence)


@pytest.mark.parametrize(
    "text",
    ["", "今年以来，产量增长。", "到2030年，产值突破1万亿元。", "2月30日，会议召开。", "2025年2月30日，开会。"],
)
def test_no_date_when_nothing_dates_the_text(text):
    """Without past years or a datable dateline the date is unknown."""
    assert document_from_text("a.txt", text).dct is None


@pytest.mark.parametrize(
    ("text", "date", "evidence"),
    [
        # A news dateline beats a mirror's repost line; the repost line only bounds the year.
        ("发布时间:2023-10-02 08:00:00 来源: mirror\n\n中新网 杭州3月8日电 全年产值增长。", dt.date(2023, 3, 8),
         "3月8日"),
        # 2月29日 exists only in a leap year: the latest one not after the page line.
        ("发布时间:2024-09-30 10:00\n\n经济日报北京2月29日电 公报发布。", dt.date(2024, 2, 29), "2月29日"),
        # A dateline's own sentence names the data period: 2022年一季度 is reported on in April 2022.
        ("某某社南宁4月18日电 2022年一季度，广西外贸增长。", dt.date(2022, 4, 18), "2022年一季度"),
        # A whole year reported on in a January dateline is last year's.
        ("本报福州1月20日讯 2022年，全省粮食增产。", dt.date(2023, 1, 20), "2022年"),
        # A year-end review in December is about the same year.
        ("新华社昆明12月28日电 2022年，云南新增企业万家。", dt.date(2022, 12, 28), "2022年"),
        # A year naming something (2019年秋运) is the year itself.
        ("9月10日，为期30天的2019年秋运启动。", dt.date(2019, 9, 10), "2019年秋运"),
        # An issuer signing the text with a date on its own line.
        ("全年产值增长8%。\n\n某省统计局\n\n2021年3月2日", dt.date(2021, 3, 2), "release line"),
        # A page date line, with the label and its value on separate lines.
        ("标题\n\n发表时间：\n\n2022-06-09 09:45:30\n\n正文讲2021年的事。", dt.date(2022, 6, 9), "page date line"),
        ("标题\n\n2020年05月06日 07时41分\n\n正文讲2019年的事。", dt.date(2020, 5, 6), "page date line"),
        # A photo caption's month-day is not a dateline: the page's own date line wins.
        ("标题\n\n时间：2023-03-20\n\n3月5日，大会开幕。 本报记者 张三 摄\n\n各位代表：", dt.date(2023, 3, 20),
         "page date line"),
        # A plain lead's month-day a few days before the page date: the page's own date wins.
        ("时间：2023-03-20\n\n3月12日，会议召开。", dt.date(2023, 3, 20), "page date line"),
        # ... but a page date months after the lead is a mirror's, and the lead wins.
        ("发布时间:2023-11-20 08:56:32\n\n8月30日，旅客进站。当日，暑运收官。", dt.date(2023, 8, 30), "8月30日"),
        # A bare day of an announcement after a data period: the month after the period ends.
        ("省统计局19日发布的数据显示，2020年前三季度产值增长。", dt.date(2020, 10, 19), "19日发布"),
        ("16日，新闻发布会介绍2019年全年经济运行。", dt.date(2020, 1, 16), "16日"),
        # Only a start is stated: the text is dated at the start, weakly.
        ("2016年春运从1月24日起至3月3日止。", dt.date(2016, 1, 24), "1月24日起"),
    ],
)
def test_document_date_evidence_in_order_of_trust(text, date, evidence):
    """Datelines, release lines and page date lines date a text in that order, naming their evidence."""
    dct = document_from_text("a.txt", text).dct
    assert dct is not None and dct.date == date and evidence in dct.source and dct.inferred


def test_dateline_confidence_exceeds_fallbacks():
    """A page date line is trusted more than a start date and less than certainty."""
    page = document_from_text("a.txt", "时间：2023-03-20\n\n正文。").dct
    start = document_from_text("a.txt", "2016年春运从1月24日起。").dct
    assert page is not None and start is not None and start.confidence < page.confidence < 1.0


def test_unknown_date_lexicon_section_is_a_rule_file_error(tmp_path):
    """A document-date lexicon with an unknown section names the file and the key."""
    from checker.errors import RuleFileError
    from checker.text.datewords import load_date_words

    path = tmp_path / "document_dates.yaml"
    path.write_text("dateline_mark: [电]\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="dateline_mark"):
        load_date_words(path)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # The page line carries its clock and source; the span's end 8月31日 is no lead.
        ("标题\n\n2022年09月05日 10:56:00  来源:某报\n\n今年暑运期间即7月1日至8月31日,客运量创新高。",
         dt.date(2022, 9, 5)),
        # 记者…从…获悉: a lead's month-day followed by a verb rather than a comma
        ("记者5月16日从民航局获悉，2022年4月份民航运输量增长。", dt.date(2022, 5, 16)),
        # 比2019年1-7月 is a base; 两年平均 after it counts two years on: the text reports on 2021
        ("本报讯（记者 王五）8月23日，市统计局发布经济运行情况。1-7月，投资比2019年1-7月增长20.5%，两年平均增长9.8%。",
         dt.date(2021, 8, 23)),
        # A page line may open with its source, or carry a clock glued to the date and a bar before the source.
        ("标题\n\n来源：某网 2021-11-18 08:00\n\n正文讲2020年的事。", dt.date(2021, 11, 18)),
        ("标题\n\n2021年11月18日08:00 | 来源：某网\n\n正文讲2020年的事。", dt.date(2021, 11, 18)),
        # 比2019年 is a comparison base: the dateline's year comes from the page line.
        ("时间：2023-03-01\n\n本报北京2月27日讯 客运量比2019年增长5%。", dt.date(2023, 2, 27)),
    ],
)
def test_spans_and_comparison_years_do_not_date_a_text(text, date):
    """A span's end is not a lead and a comparison year is not the text's year."""
    dct = document_from_text("a.txt", text).dct
    assert dct is not None and dct.date == date


@pytest.mark.parametrize(("front", "meta"), [
    ("title: 增长*倍\nscore: 3*4\n", {"title": "增长*倍", "score": "3*4"}),  # stars that are no alias
    ("base: &b 1\ncopy: *b\n", {}),  # an alias: the whole front matter is set aside
    ("title: 重庆\n", {"title": "重庆"}),  # no star: the alias scan is skipped
])
def test_front_matter_aliases_are_found_wherever_a_star_is(front, meta, capsys):
    """A front matter holding an alias is set aside; stars in plain values are text, with or without the scan."""
    doc = document_from_text("a.md", f"---\n{front}---\n正文。")
    assert doc.meta == meta
    assert ("别名" in capsys.readouterr().err) == (meta == {})
