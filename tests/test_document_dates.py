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
