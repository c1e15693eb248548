"""Read an article into a Document: decoding, front matter, reading text and document date."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import sys
from typing import Any

import attrs
import yaml

from checker.errors import InputError
from checker.model import Document, DocumentDate
from checker.text.textmap import CJK, decode_text, map_html, map_plain, split_front_matter

MAX_BYTES = 200 * 1024 * 1024  # larger files are not articles
_HTML_SUFFIXES = (".html", ".htm")

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TEXT_DATE = re.compile(r"(\d{4})(?:年(\d{1,2})月(\d{1,2})日|([-/.])(\d{1,2})\4(\d{1,2}))")

# Evidence for the document date, found in the reading text.
_FULL_DATE = re.compile(rf"(?<!\d){_TEXT_DATE.pattern}(?!\d)")
_YEAR_MONTH = re.compile(r"(?<!\d)(\d{4})年(?:\d{1,2}[—–\-~～至到])?(\d{1,2})月(?!\d{1,2}日)")
_DATELINE = re.compile(r"(?<!\d)(?<!\d年)(\d{1,2})月(\d{1,2})日(?=[，,\s]|电|上午|下午|晚|早|凌晨|中午)")
_EVENT_WORDS = (
    "活动|大会|论坛|博览会|交易会|洽谈会|推介会|对接会|发布会|峰会|年会|会议|展览会|展会|"
    "运动会|锦标赛|马拉松|艺术节|文化节|电影节|旅游节|购物节|音乐节|大赛|赛事|嘉年华"
)
_COUNT_WORDS = "年月日号届天家个名人位项件台辆元万亿吨米场次款户只条座所套张份多余"
_EVENT_YEAR = re.compile(
    rf"(?<![\d.])(\d{{4}})(?=[{CJK}])(?![{_COUNT_WORDS}])"
    rf"[^\s，。,.;；:：！？!?]{{1,30}}?(?:{_EVENT_WORDS})"
)
_COMMA_YEAR = re.compile(r"(?<!\d)(\d{4})年(?:全年)?[，,]")
_SINCE_YEARS = re.compile(
    r"[自从][^，。,！？]{0,8}?(\d{4})年(?:(\d{1,2})月)?[^。！？]{0,80}?以来[^。！？]{0,20}?"
    r"(?:这|近|过去)([两二三四五六七八九十]|\d{1,2})年"
)
_THIS_YEAR_MONTH = re.compile(r"今年(?:\d{1,2}[—–\-~～至到])?(\d{1,2})月|今年(上半年|前三季度)")
_FUTURE_BEFORE = ("到", "至", "力争", "预计", "计划", "将", "目标", "争取", "有望", "预期")
_FUTURE_AFTER = ("前", "起")
_NUMERALS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_PARTS_OF_YEAR = {"上半年": 6, "前三季度": 9}
_DATELINE_NEAR = 400  # a lead's month-day sits in the first few hundred characters
_DATELINE_FAR = 2000  # ... or opens a paragraph, or follows a byline, a little further on


@attrs.frozen
class _Evidence:
    """A year (and maybe month and day) read from the text, with the phrase that states it."""

    year: int
    month: int | None
    day: int | None
    phrase: str


def read_document(path: str, *, date_override: dt.date | None = None) -> Document:
    """Read and decode the file at path into a Document."""
    return document_from_text(path, _read_bytes(path), date_override=date_override)


def document_from_text(
    path: str, raw: bytes | str, *, date_override: dt.date | None = None
) -> Document:
    """Build a Document from the contents (bytes, or text already decoded) of the file at path."""
    text, encoding = decode_text(path, raw)
    yaml_source, body_start = split_front_matter(text)
    fields = parse_front_matter(path, yaml_source) if yaml_source is not None else {}
    meta = {str(key): _to_meta_string(value) for key, value in fields.items()}
    stated = None
    if fields.get("date") not in (None, ""):  # `date:` left empty states no date
        stated = _to_date(path, fields["date"], yaml_source or "")
        meta["date"] = stated.isoformat()
    if path.lower().endswith(_HTML_SUFFIXES):
        textmap, title = map_html(text, body_start)
        if title and not meta.get("title"):
            meta["title"] = title  # front matter states the title; <title> is the fallback
    else:
        textmap = map_plain(text, body_start)
    if date_override is not None:
        dct: DocumentDate | None = DocumentDate(date_override, "--date", 1.0)
    elif stated is not None:
        dct = DocumentDate(stated, "front matter", 1.0)
    else:
        dct = infer_date(textmap.reading)
    return Document(path, text, textmap.reading, textmap.offsets, dct, meta, encoding)


def _read_bytes(path: str) -> bytes:
    """Return the bytes of the regular file at path, or raise InputError saying why it cannot be read.

    The file is opened without blocking and checked on the open descriptor, so a FIFO or device
    named *.md is refused at once instead of waiting forever for a writer.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    info = os.fstat(descriptor)
    problem = None
    if stat.S_ISDIR(info.st_mode):
        problem = "is a directory, not an article"
    elif not stat.S_ISREG(info.st_mode):
        problem = "不是普通文件（FIFO、设备或套接字），不能作为文章读取"
    elif info.st_size > MAX_BYTES:
        problem = f"file too large ({info.st_size} bytes; limit 200 MB)"
    if problem is not None:
        os.close(descriptor)
        raise InputError(f"{path}: {problem}")
    with os.fdopen(descriptor, "rb") as handle:
        try:
            raw = handle.read(MAX_BYTES + 1)
        except OSError as error:
            raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    if len(raw) > MAX_BYTES:
        raise InputError(f"{path}: file too large (limit 200 MB)")
    return raw


def parse_front_matter(path: str, source: str) -> dict[Any, Any]:
    """Load front matter with a safe loader; raise InputError naming the line when malformed.

    Front matter with a YAML alias is ignored with a warning on stderr (the article is still checked):
    a few hundred bytes of nested aliases would expand into gigabytes.
    """
    from checker.yamlio import find_alias, safe_loader

    try:
        alias = find_alias(source)
        if alias is not None:
            # An alias bomb must never be built; the body is still worth checking without the metadata.
            problem = "文件头（front matter）使用了 YAML 别名（*name），已忽略整个文件头"
            print(f"hedui: warning: {path}:{alias + 1}: {problem}", file=sys.stderr)
            return {}
        data = yaml.load(source, Loader=safe_loader())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 2  # +1 for the `---` line, +1 as lines count from 1
        raise InputError(f"{path}:{line}: malformed front matter: {error.problem}") from None
    except yaml.YAMLError as error:
        raise InputError(f"{path}:2: malformed front matter: {error}") from None
    except ValueError as error:  # YAML reads 2025-13-01 as a timestamp, then fails to build it
        line = _find_bad_date_line(source)
        raise InputError(f"{path}:{line}: malformed front matter: {error}") from None
    if data is None:
        return {}  # an empty front matter block states nothing
    if not isinstance(data, dict):
        raise InputError(f"{path}:2: front matter is not a mapping of keys to values")
    return data


def _find_bad_date_line(source: str) -> int:
    """Return the file line of the first impossible YYYY-MM-DD date in the front matter."""
    for number, line in enumerate(source.splitlines(), start=2):
        for match in _ISO_DATE.finditer(line):
            try:
                dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                return number
    return 2  # not found: point at the first line of the front matter


def _to_meta_string(value: Any) -> str:
    """Write a front matter value as a string for Document.meta."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _to_date(path: str, value: Any, source: str) -> dt.date:
    """Convert the front matter `date` value to a date, or raise InputError naming the key."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _TEXT_DATE.fullmatch(str(value).strip())
    if match:
        numbers = [int(g) for g in match.groups() if g and g.isdigit()]
        try:
            return dt.date(*numbers)
        except ValueError:
            pass  # a well-formed but impossible date is reported below
    line = next((i + 2 for i, ln in enumerate(source.splitlines()) if ln.startswith("date")), 2)
    raise InputError(f"{path}:{line}: front matter key 'date' is not a date: {value!r}")


def infer_date(reading: str) -> DocumentDate | None:
    """Infer the document date from a dateline, explicit dates and year references in the text."""
    dateline = _find_dateline(reading)
    found = _date_dateline(reading, dateline) if dateline else None
    if found is not None:
        return found  # a news lead's own date is the best evidence
    full_dates = _find_past_dates(reading, full_only=True)
    if not full_dates:
        return _date_from_years(reading)  # no day is stated anywhere: settle for a month or year
    latest = max(full_dates, key=_sort_key)
    date = dt.date(latest.year, latest.month or 1, latest.day or 1)
    return DocumentDate(date, f'inferred: latest full date "{latest.phrase}"', 0.6)


def _find_dateline(reading: str) -> re.Match[str] | None:
    """Find the lead's month-day: early in the text, opening a paragraph, or after a byline."""
    for match in _DATELINE.finditer(reading, 0, _DATELINE_FAR):
        before = reading[: match.start()].rstrip(" \t\u3000")
        if match.start() < _DATELINE_NEAR or not before or before[-1] in "\n）)讯":
            return match
    return None


def _date_dateline(reading: str, dateline: re.Match[str]) -> DocumentDate | None:
    """Give the dateline's month-day the year the text most plausibly implies."""
    month, day = int(dateline.group(1)), int(dateline.group(2))
    guess = _guess_dateline_year(reading, month)
    if guess is None or not _is_valid_date(guess[0], month, day):
        return None  # no year is implied, or 2月30日 is no date: this dateline dates nothing
    year, phrase, confidence = guess
    source = f'inferred: "{dateline.group()}" + year from "{phrase}"'
    return DocumentDate(dt.date(year, month, day), source, confidence)


def _guess_dateline_year(reading: str, month: int) -> tuple[int, str, float] | None:
    """Return the year for a dateline in month, the phrase it comes from, and a confidence."""
    event = _find_event_year(reading)
    if event is not None:
        return event.year, event.phrase, 0.8  # "2025中国…活动" names the year of the event reported
    past = _find_past_dates(reading, full_only=False)
    if past:
        latest = max(past, key=_sort_key)
        # A dateline month before the latest past month means the year has turned since.
        year = latest.year if month >= (latest.month or 1) else latest.year + 1
        return year, latest.phrase, 0.7
    weaker = ((_find_since_years(reading), 0.6), (_guess_from_full_year(reading), 0.5))
    for guess, confidence in weaker:
        if guess is not None:
            return guess.year, guess.phrase, confidence  # weaker evidence, in order of strength
    return None  # no year is stated as past or present


def _date_from_years(reading: str) -> DocumentDate | None:
    """Infer a month-level date from year references when no day is stated."""
    latest_past = max(_find_past_dates(reading, full_only=False), key=_sort_key, default=None)
    candidates = [
        (evidence, confidence)
        for evidence, confidence in (
            (_find_since_years(reading), 0.4),
            (latest_past, 0.3),
            (_guess_from_full_year(reading), 0.3),
        )
        if evidence is not None
    ]
    if not candidates:
        return None  # no year is stated as past or present: the date is unknown
    evidence, confidence = max(candidates, key=lambda pair: _sort_key(pair[0]))
    month = evidence.month or _find_latest_month_this_year(reading)
    date = dt.date(evidence.year, month or 7, 15 if month else 1)
    return DocumentDate(date, f'inferred: year from "{evidence.phrase}"', confidence)


def _find_event_year(reading: str) -> _Evidence | None:
    """Find the first event named with a leading year, as in "2025中国产业转移发展对接活动"."""
    for match in _EVENT_YEAR.finditer(reading):
        if _is_valid_date(int(match.group(1))):
            return _Evidence(int(match.group(1)), None, None, match.group())
    return None


def _find_past_dates(reading: str, *, full_only: bool) -> list[_Evidence]:
    """Collect full dates (and year-months unless full_only) that are not stated as future."""
    found = []
    for match in _FULL_DATE.finditer(reading):
        year, month, day = (int(g) for g in match.groups() if g and g.isdigit())
        if _is_valid_date(year, month, day) and not _is_future(reading, match):
            found.append(_Evidence(year, month, day, match.group()))
    for match in () if full_only else _YEAR_MONTH.finditer(reading):
        year, month = int(match.group(1)), int(match.group(2))
        if _is_valid_date(year, month) and not _is_future(reading, match):
            found.append(_Evidence(year, month, None, match.group()))
    return found


def _find_since_years(reading: str) -> _Evidence | None:
    """Read "自2023年11月…以来…这两年" as the year and month two years after the start."""
    for match in _SINCE_YEARS.finditer(reading):
        span, month = match.group(3), int(match.group(2) or 1)
        year = int(match.group(1)) + (int(span) if span.isdigit() else _NUMERALS[span])
        if _is_valid_date(year, month):
            return _Evidence(year, month if match.group(2) else None, None, match.group())
    return None


def _guess_from_full_year(reading: str) -> _Evidence | None:
    """Guess the year after the latest "2024年，…" report when the text also speaks of 今年."""
    years = [
        int(m.group(1))
        for m in _COMMA_YEAR.finditer(reading)
        if _is_valid_date(int(m.group(1))) and not _is_future(reading, m)
    ]
    if not years:
        return None  # no whole year is reported on
    # A whole-year report beside 今年 is about last year; without 今年 it may be this year.
    shift = 1 if "今年" in reading else 0
    return _Evidence(max(years) + shift, None, None, f"{max(years)}年，" + "…今年" * shift)


def _find_latest_month_this_year(reading: str) -> int | None:
    """Return the latest month the text mentions as 今年M月 (or 今年上半年, 今年前三季度)."""
    months = [
        int(m.group(1)) if m.group(1) else _PARTS_OF_YEAR[m.group(2)]
        for m in _THIS_YEAR_MONTH.finditer(reading)
    ]
    return max((m for m in months if 1 <= m <= 12), default=None)


def _is_future(reading: str, match: re.Match[str]) -> bool:
    """True when a date is introduced as a target or deadline (到2027年, 力争, 1月1日起)."""
    before = reading[max(0, match.start() - 4) : match.start()]
    if "截至" in before:
        return False  # 截至 introduces an as-of date, which is past
    after = reading[match.end() : match.end() + 1]
    return any(word in before for word in _FUTURE_BEFORE) or after in _FUTURE_AFTER


def _is_valid_date(year: int, month: int = 1, day: int = 1) -> bool:
    """True for real dates in years a news article could be dated in."""
    try:
        return 1900 <= dt.date(year, month, day).year <= 2100
    except ValueError:
        return False


def _sort_key(evidence: _Evidence) -> tuple[int, int, int]:
    """Order evidence by the date it states, unknown parts first."""
    return evidence.year, evidence.month or 0, evidence.day or 0
