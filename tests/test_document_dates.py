"""A page's address dates a text that states no date line of its own, after every date line the text states."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.text.docdate import infer_date
from checker.text.ingest import document_from_text


@pytest.mark.parametrize(("address", "date"), [
    ("https://covid-19.chinadaily.com.cn/dfpd/2010-05/11/content_9836401.htm", dt.date(2010, 5, 11)),
    ("http://district.ce.cn/newarea/roll/201308/09/t20130809_1162007.shtml", dt.date(2013, 8, 9)),
    ("http://news.cncjw.com.cn/toutiao/2022/0311/41654.html", dt.date(2022, 3, 11)),
    ("https://tjj.hunan.gov.cn/hntj/m/mxxgk/202401/t20240119_32629749.html", dt.date(2024, 1, 19)),
    ("http://jmdbq.gov.cn/art/2021/7/7/art_7924_578482.html", dt.date(2021, 7, 7)),
    ("https://100ppi.com/news/detail-20240627-3437018.html", dt.date(2024, 6, 27)),
    ("http://ddx.gubit.cn/gonggao/832317/202402240863.html", dt.date(2024, 2, 24)),
    ("http://news.xna8.com/mz/201507/35261.html", dt.date(2015, 7, 1)),  # a month alone
])
def test_an_address_dates_a_text_with_no_date(address, date):
    """…/2010-05/11/…, …/201308/09/…, …/2022/0311/…, …/t20240119_…: the address's first real date dates the page."""
    found = infer_date("1-4月，全市外贸进出口增长25.6%。", address=address)
    assert found is not None and found.date == date and "page address" in found.source


@pytest.mark.parametrize("address", [
    "", "https://maigoo.com/news/694709.html", "http://mpmpc.cn/news/show.php?itemid=31652",
    "http://example.com/2024/1399/a.html",  # no month 13
])
def test_an_address_without_a_date_dates_nothing(address):
    """An address of ids only (694709, itemid=31652), or digits that make no date, leaves the text undated."""
    assert infer_date("1-4月，全市外贸进出口增长25.6%。", address=address) is None


def test_a_date_line_of_the_text_wins_over_the_address():
    """The text's own page date line is trusted before the address; the address only bounds a dateline's year."""
    text = "时间：2023-03-20\n\n正文。"
    assert infer_date(text, address="http://a.cn/2022/0101/1.html").date == dt.date(2023, 3, 20)
    lead = infer_date("中国7月14日讯 国家统计局数据显示，今年夏粮增产。", address="http://a.cn/2021/0715/1.html")
    assert lead is not None and lead.date == dt.date(2021, 7, 14)


def test_an_address_years_after_the_text_is_a_repost():
    """A 2015 bulletin posted again in 2023: the address is a repost's, the text's own year stays the evidence."""
    text = "2015年，全县地区生产总值244394万元，比上年增长13.1%。"
    found = infer_date(text, address="https://www.qdndz.gov.cn/zwgk/202303/t20230321_78642252.html")
    assert found is not None and found.date.year == 2015
    # The same text posted the next spring is dated by its address.
    spring = infer_date(text, address="https://www.qdndz.gov.cn/zwgk/201603/t20160321_78642252.html")
    assert spring is not None and spring.date == dt.date(2016, 3, 21)


def test_front_matter_url_dates_the_document():
    """A front matter url (else source) is the address a document is dated by."""
    text = "---\ntitle: t\nsource: github:a/b\nurl: http://a.cn/html/2024-04/22/c.htm\n---\n\n一季度，产值增长。"
    dct = document_from_text("a.md", text).dct
    assert dct is not None and dct.date == dt.date(2024, 4, 22)


def test_a_lead_a_day_after_its_pages_address_day_is_of_the_same_year():
    """中新社上海7月22日电 on a page addressed …/2025-07-21/…: the mirror's day is the evening before, not a year
    later than the lead: the text is of July 2025, never of 2024."""
    found = infer_date("中新社上海7月22日电 上海海关22日发布的统计数据显示，上半年上海外贸进出口2.15万亿元。",
                       address="https://a.cn/auha3/2025-07-21/6841259_4860396")
    assert found is not None and abs((found.date - dt.date(2025, 7, 22)).days) <= 1


@pytest.mark.parametrize(("address", "date"), [
    ("http://3news.cn/html/2014/jingji_0723/2461.html", dt.date(2014, 7, 23)),  # a section's folder of the day
    ("https://tjj.example.gov.cn/html/tjj/2014/OPOEMFCL_0730/11767.html", dt.date(2014, 7, 30)),
    ("http://dayao.gov.cn/info/egovinfo/1007/overt_centent/dyx009-/2024-0516001.htm", dt.date(2024, 5, 16)),
])
def test_an_address_folder_or_serial_of_the_day_dates_the_page(address, date):
    """…/2014/jingji_0723/…, …/2024-0516001.htm: a folder named for the day, or the day before a serial number."""
    found = infer_date("4月，一般公共预算收入累计完成24627万元。", address=address)
    assert found is not None and found.date == date and "page address" in found.source


def test_a_hashed_address_names_no_day():
    """…/2023/art_2301aa1efb…: letters and digits of a hash after the folder are no month and day."""
    address = "https://hezheng.gov.cn/art/2023/art_2301aa1efb354693b24cf4132bf15c57.html"
    assert infer_date("1-4月，全市外贸进出口增长25.6%。", address=address) is None


@pytest.mark.parametrize(("text", "date"), [
    ("拉萨市上半年旅游实现“双升”\n\n27.07.2015  14:44\n\n记者获悉,今年上半年,拉萨市接待旅游者279.93万人次。",
     dt.date(2015, 7, 27)),  # day, month, year with dots
    ("07.05.2015\n\n五一假期,陇南市接待游客56.3万人次。", dt.date(2015, 5, 7)),
    ("来源: 最后更新:22-09-20 04:59:09\n\n全国人口共141178万人。", dt.date(2022, 9, 20)),  # a two-digit year
])
def test_page_date_lines_day_first_or_with_a_two_digit_year(text, date):
    """27.07.2015  14:44 is 27 July; 最后更新:22-09-20 04:59:09 is 2022-09-20: page date lines of the page."""
    found = infer_date(text)
    assert found is not None and found.date == date and "page date line" in found.source


def test_a_decimal_or_a_bare_two_digit_date_is_no_page_line():
    """Figures with dots (增长27.07%) and a two-digit date without a label or clock (22-09-20) date nothing."""
    assert infer_date("全市工业增加值增长27.07%。\n\n22-09-20\n") is None


def test_a_release_line_of_two_issuers_wins_over_a_repost_line():
    """A bulletin signed by two issuers on one line, then its date, is dated by that line, not by its repost's."""
    text = ("2022年宁夏回族自治区国民经济和社会发展统计公报\n\n2023年05月04日 09:44   来源:宁夏回族自治区统计局\n\n"
            "宁夏回族自治区统计局 国家统计局宁夏调查总队\n\n2023年4月26日\n\n2022年,全区经济运行总体平稳。")
    found = infer_date(text)
    assert found is not None and found.date == dt.date(2023, 4, 26) and "release line" in found.source


def test_a_photo_date_dates_no_text():
    """摄于2007年9月27日 is when a photo was taken: a caption's date is no evidence of the text's date."""
    text = "从绒布寺眺望珠穆朗玛峰风光(摄于2007年9月27日)。\n\n2009年1至2月,西藏累计接待国内外旅游者逾12万人次。"
    found = infer_date(text)
    assert found is None or found.date.year == 2009
