"""The words that date an article from its own text (rules/lexicon/document_dates.yaml), compiled once."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import attrs

from checker.errors import RuleFileError
from checker.text.rulesdir import find_rules_dir
from checker.text.textmap import CJK

_LIST_KEYS = (
    "dateline_marks", "page_labels", "caption_marks", "issuer_suffixes", "announce_words",
    "data_year_words", "event_words", "future_before", "future_after", "page_line_followers",
    "comparison_before", "span_before", "lead_followers", "byline_marks", "this_year", "whole_year", "since_before",
    "since_after", "since_span", "as_of", "shared_event_words", "caption_before",
)
_KEYS = (*_LIST_KEYS, "data_periods", "count_words", "base_spans", "english_months", "this_year_parts", "date_marks",
         "clock_marks", "span_numbers", "range_marks")
CJK_HAN = r"\u4e00-\u9fff"  # the common ideographs: an event's name is a run of them


@attrs.frozen
class DateWords:
    """Compiled patterns for datelines, release and page date lines, data periods and future dates."""

    dateline_marks: str
    caption_marks: tuple[str, ...]
    caption_before: tuple[str, ...]  # 摄于: a date after it is when a photo was taken, never the text's
    announce_words: tuple[str, ...]
    future_before: tuple[str, ...]
    future_after: tuple[str, ...]
    comparison_before: tuple[str, ...]
    span_before: tuple[str, ...]
    data_periods: dict[str, int]
    base_spans: dict[str, int]
    base_year: re.Pattern[str]
    page_line: re.Pattern[str]
    lead_date: re.Pattern[str]
    date_line: re.Pattern[str]
    release_line: re.Pattern[str]
    year_period: re.Pattern[str]
    bare_day: re.Pattern[str]
    event_year: re.Pattern[str]
    this_year: tuple[str, ...] = ()  # 今年: a report beside it on a whole year is about last year
    this_year_parts: dict[str, int] = attrs.field(factory=dict)  # 今年上半年 -> 6: the month a part of it ends in
    as_of: tuple[str, ...] = ()  # 截至: a date after it is past, never a target
    comma_year: re.Pattern[str] = re.compile("(?!)")  # 2024年， 2024年全年，: a whole year reported on
    since_years: re.Pattern[str] = re.compile("(?!)")  # 自2023年11月…以来…这两年: a span counted from a start
    this_year_month: re.Pattern[str] = re.compile("(?!)")  # 今年1-7月, 今年上半年: a month of the text's year
    shared_event: re.Pattern[str] = re.compile("(?!)")  # 中国产业转移发展对接活动: an event other articles may name
    english_months: dict[str, int] = attrs.field(factory=dict)  # lower-case name -> month: march -> 3
    english_line: re.Pattern[str] = re.compile("(?!)")  # a line without CJK holding March 5, 2024 or 5 Mar 2024
    byline_line: re.Pattern[str] = re.compile("(?!)")  # 文/陶媛  2026年第1期第2页  2026-01-28
    span_numbers: dict[str, int] = attrs.field(factory=dict)  # 这两年 -> 2: the number words of a span of years
    # the digit guard after a numeric date only: 2024年11月18日08:00 ends at 日
    full_date: re.Pattern[str] = re.compile("(?!)")  # 2024年11月18日, 2024-11-18, 2024/11/18
    year_month: re.Pattern[str] = re.compile("(?!)")  # 2024年11月, 2024年1-11月: never a month-day's
    month_day: re.Pattern[str] = re.compile("(?!)")  # 11月18日, not after a year
    stamp: re.Pattern[str] = re.compile("(?!)")  # 2024-03-22 20:30:47: a page's time stamp
    year: re.Pattern[str] = re.compile("(?!)")  # 2024年: a year written out, not inside a decimal
    day_first_line: re.Pattern[str] = re.compile("(?!)")  # 27.07.2015  14:44: day, month, year on a line alone
    short_year_line: re.Pattern[str] = re.compile("(?!)")  # 最后更新:22-09-20 04:59:09: a two-digit year, clocked

    @classmethod
    def from_mapping(cls, raw: dict[str, Any], path: str) -> DateWords:
        """Build the patterns from the lexicon's mapping, rejecting unknown or missing sections."""
        for key in raw:
            if key not in _KEYS:
                raise RuleFileError(path, None, str(key), f"unknown section; known: {', '.join(_KEYS)}")
        missing = [key for key in _KEYS if key not in raw]
        if missing:
            raise RuleFileError(path, None, missing[0], "missing section")
        words = {key: tuple(str(w) for w in raw[key]) for key in _LIST_KEYS}
        periods = {str(k): int(v) for k, v in raw["data_periods"].items()}
        alt = {key: "|".join(map(re.escape, sorted(w, key=len, reverse=True))) for key, w in words.items()}
        period_alt = "|".join(map(re.escape, sorted(periods, key=len, reverse=True)))
        parts = {str(k): int(v) for k, v in raw["this_year_parts"].items()}
        parts_alt = "|".join(map(re.escape, sorted(parts, key=len, reverse=True)))
        y, m, d = (re.escape(str(raw["date_marks"][part])) for part in ("year", "month", "day"))
        hour, minute, second = (re.escape(str(raw["clock_marks"][part])) for part in ("hour", "minute", "second"))
        ranges = "|".join(map(re.escape, sorted(map(str, raw["range_marks"]), key=len, reverse=True)))  # 1-7月, 1至7月
        spans = {str(k): int(v) for k, v in raw["span_numbers"].items()}
        # The number of years after 这/近/过去 (这两年, 近3年): a word of span_numbers or one or two digits.
        span_alt = "|".join(map(re.escape, sorted(spans, key=len, reverse=True))) + r"|\d{1,2}"
        # A full date as pages write it: 2024年12月13日, 2025-01-17, 2024/11/18, 2026年02月10日.
        date_value = rf"(\d{{4}})(?:{y}|-|/|\.)(\d{{1,2}})(?:{m}|-|/|\.)(\d{{1,2}})(?:{d})?"
        clock = (rf"(?:[ \t\u3000]*\d{{1,2}}(?:[:：]|{hour})\d{{1,2}}(?:(?:[:：]|{minute})\d{{1,2}})?"
                 rf"(?:{minute}|{second})?)?")  # 08:00, 07时41分, 10:56:08
        return cls(
            dateline_marks="".join(words["dateline_marks"]),
            caption_marks=words["caption_marks"],
            caption_before=words["caption_before"],
            announce_words=words["announce_words"],
            future_before=words["future_before"],
            future_after=words["future_after"],
            comparison_before=words["comparison_before"],
            span_before=words["span_before"],
            data_periods=periods,
            base_spans={str(k): int(v) for k, v in raw["base_spans"].items()},
            this_year=words["this_year"],
            this_year_parts=parts,
            as_of=words["as_of"],
            span_numbers=spans,
            comma_year=re.compile(rf"(?<!\d)(\d{{4}}){y}(?:{alt['whole_year']})?[，,]"),
            since_years=re.compile(
                rf"(?:{alt['since_before']})[^，。,！？]{{0,8}}?(\d{{4}}){y}(?:(\d{{1,2}}){m})?[^。！？]{{0,80}}?"
                rf"(?:{alt['since_after']})[^。！？]{{0,20}}?(?:{alt['since_span']})({span_alt}){y}"
            ),
            shared_event=re.compile(rf"[{CJK_HAN}]{{6,24}}?(?:{alt['shared_event_words']})"),
            this_year_month=re.compile(
                rf"(?:{alt['this_year']})(?:\d{{1,2}}(?:{ranges}))?(\d{{1,2}}){m}|(?:{alt['this_year']})({parts_alt})"
            ),
            full_date=re.compile(rf"(?<!\d)(\d{{4}})(?:{y}(\d{{1,2}}){m}(\d{{1,2}}){d}|([-/.])(\d{{1,2}})\4(\d{{1,2}})(?!\d))"),
            year_month=re.compile(rf"(?<!\d)(\d{{4}}){y}(?:\d{{1,2}}(?:{ranges}))?(\d{{1,2}}){m}(?!\d{{1,2}}{d})"),
            month_day=re.compile(rf"(?<!\d)(?<!\d{y})(\d{{1,2}}){m}(\d{{1,2}}){d}"),
            stamp=re.compile(rf"{date_value}[ \t\u3000]*\d{{1,2}}[:：]\d{{2}}"),
            year=re.compile(rf"(?<![\d.])(\d{{4}}){y}"),
            day_first_line=re.compile(
                rf"^[ \t\u3000]*(?<!\d)(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}})(?![\d.]){clock}[ \t\u3000]*$", re.MULTILINE),
            short_year_line=re.compile(
                rf"(?:^|[ \t\u3000|｜])(?:{alt['page_labels']})[ \t]*[:：]?\s{{0,8}}"
                rf"(?<!\d)(\d{{2}})-(\d{{1,2}})-(\d{{1,2}})[ \t\u3000]+\d{{1,2}}[:：]\d{{2}}",
                re.MULTILINE,
            ),
            english_months={str(k).lower(): int(v) for k, v in raw["english_months"].items()},
            english_line=_english_line(raw["english_months"]),
            byline_line=re.compile(
                rf"^[ \t\u3000]*(?:{alt['byline_marks']})[^\n]{{0,40}}?(?<!\d){date_value}{clock}[ \t\u3000]*$",
                re.MULTILINE,
            ),
            base_year=re.compile(rf"(?:{alt['comparison_before']})(\d{{4}}){y}"),
            lead_date=re.compile(
                rf"(?<!\d)(?<!\d{y})(\d{{1,2}}){m}(\d{{1,2}}){d}(?=[，,\s]|{alt['dateline_marks']}|{alt['lead_followers']})"
            ),
            page_line=re.compile(
                rf"(?:^|[ \t\u3000|｜])(?:{alt['page_labels']})[ \t]*[:：]?\s{{0,8}}{date_value}(?!\d)",
                re.MULTILINE,
            ),
            date_line=re.compile(
                rf"^[ \t\u3000]*(?:(?:{alt['page_line_followers']})[:：][^\n\d|｜]{{0,20}}?[ \t\u3000|｜]*)?"
                rf"{date_value}{clock}"
                rf"(?:[ \t\u3000|｜]*(?:{alt['page_line_followers']})[^\n]*)?[ \t\u3000]*$",
                re.MULTILINE,
            ),
            release_line=re.compile(
                # one issuer or two side by side (宁夏回族自治区统计局 国家统计局宁夏调查总队), then the date
                rf"^[ \t\u3000]*(?:[{CJK}（）()]{{1,24}}(?:{alt['issuer_suffixes']})[ \t\u3000]+)?"
                rf"[{CJK}（）()]{{1,24}}(?:{alt['issuer_suffixes']})[ \t\u3000]*\n?\s{{0,4}}"
                rf"{date_value}[ \t\u3000]*$",
                re.MULTILINE,
            ),
            year_period=re.compile(
                rf"(?<![\d.])(\d{{4}}){y}(?:({period_alt})|(?:\d{{1,2}}(?:{ranges}))?(\d{{1,2}}){m}|"
                rf"[^，。,.;；\d]{{0,10}}?({alt['data_year_words']})|[，,])"
            ),
            bare_day=re.compile(rf"(?<!\d)(?<!{m})(\d{{1,2}}){d}(?:[，,]|{alt['announce_words']})"),
            event_year=re.compile(
                rf"(?<![\d.])(\d{{4}})(?=[{CJK}])(?![{re.escape(str(raw['count_words']))}])"
                rf"[^\s，。,.;；:：！？!?]{{1,30}}?(?:{alt['event_words']})"
            ),
        )


def _english_line(months: dict[str, int]) -> re.Pattern[str]:
    """A page line in Latin script (Updated: March 5, 2024 / 5 Mar 2024 10:12) with its date's three parts."""
    names = "|".join(map(re.escape, sorted(map(str, months), key=len, reverse=True)))
    day = r"(\d{1,2})(?:st|nd|rd|th)?"
    date = rf"(?:({names})\.?[ \t]+{day},?[ \t]+(\d{{4}})|{day}[ \t]+({names})\.?,?[ \t]+(\d{{4}}))"
    return re.compile(rf"^[^\n{CJK}]*?\b{date}\b[^\n{CJK}]*$", re.MULTILINE | re.IGNORECASE)


def load_date_words(path: Path | None = None) -> DateWords:
    """Load the document-date lexicon at path (default: the shipped rules/lexicon/document_dates.yaml)."""
    return _load(str(path) if path else _default_path())


@functools.cache
def _default_path() -> str:
    """The shipped lexicon's path, found once: every article of a run asks for it."""
    return str(find_rules_dir() / "lexicon" / "document_dates.yaml")


@functools.cache
def _load(path: str) -> DateWords:
    """Read and compile one lexicon file; cached because every article of a run reads the same one."""
    from checker.yamlio import load_yaml_mapping

    raw, _lines = load_yaml_mapping(path)
    return DateWords.from_mapping(raw, path)
