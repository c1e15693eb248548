"""Infer an article's date (DCT) from its text: dateline, release line, page date line, then weaker evidence."""

from __future__ import annotations

import datetime as dt
import re

import attrs

from checker.model import DocumentDate
from checker.text.datewords import DateWords, load_date_words

_DATELINE_NEAR = 400  # a lead's month-day sits in the first few hundred characters
_DATELINE_FAR = 2000  # ... or opens a paragraph, or follows a byline, a little further on
_PAGE_SLACK_DAYS = 3  # a lead's day this many days after its page's date is still of the page's year
_MIRROR_GAP = 45  # a page date this many days after the lead's own date is a mirror's crawl time
_CENTURY_PIVOT = 50  # a page line's two-digit year below it is this century's (22-09-20), else the last one's
_SENTENCE_END = "。！？!?\n"
# A date in a page's address (…/2010-05/11/content_…, …/201308/09/…, …/2022/0311/…, …/t20240119_…,
# …/2014/jingji_0723/…, …/2024-0516001.htm): the day the publisher filed the page, tried after every date the text
# states. A year and month alone (…/201507/35261.html) date the page to its month, more weakly.
_ADDRESS_DAYS = (
    re.compile(r"(?<!\d)((?:19|20)\d{2})[-/](\d{1,2})[-/](\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})/(\d{2})(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})/(\d{2})(\d{2})(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})/[A-Za-z]+_(\d{2})(\d{2})(?![0-9A-Za-z])"),  # a section's folder of the day
    re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})(\d{2})"),  # the year, then month and day before a serial number
)
_ADDRESS_MONTH = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})/")
_ADDRESS_CONFIDENCE = 0.55  # below any date line of the text, above a year guessed from the years it names
_REPOST_YEARS = 1  # an address more years after the text's latest year than this is a later repost's
YEAR_MONTH_CONFIDENCE = 0.45  # a month without its day, still above a year guess (docdate's 0.4 at most)


@attrs.frozen
class _Evidence:
    """A year (and maybe month and day) read from the text, with the phrase that states it."""

    year: int
    month: int | None
    day: int | None
    phrase: str


def infer_date(reading: str, words: DateWords | None = None, address: str = "") -> DocumentDate | None:
    """Infer the document date from a dateline, a release or page date line, then weaker evidence.

    `address` is the page's address (its URL), whose date bounds a dateline's year and, failing every date line
    of the text, dates the page.
    """
    words = words or load_date_words()
    stated = _find_release_date(reading, words) or _find_page_date(reading, words)
    addressed = _find_address_date(address)
    page = stated or addressed
    lead = _find_dateline(reading, words)
    if lead and page and "release" in page[2] and _reprinted(lead, page[0]):
        # 生意社01月02日讯 above 国家统计局⏎2018年12月29日: an outlet's reprint of the issuer's release.
        return DocumentDate(page[0], f'inferred: release line "{page[1]}" (reprinted "{lead.group()}")', 0.8)
    dated = _date_dateline(reading, lead, page, words) if lead else None
    if dated is not None:
        strong = reading[lead.end() : lead.end() + 1] in words.dateline_marks if lead else False
        # A page date well after a plain lead is a mirror's; a page date close to it is the page's own.
        if strong or page is None or (page[0] - dated.date).days > _MIRROR_GAP:
            return dated
    if stated is not None:
        return DocumentDate(stated[0], f'inferred: {stated[2]} "{stated[1]}"', 0.8 if "release" in stated[2] else 0.75)
    weaker = _date_from_weaker(reading, words)
    reposted = weaker is not None and addressed is not None and addressed[0].year - weaker.date.year > _REPOST_YEARS
    if addressed is not None and (weaker is None or weaker.confidence < _ADDRESS_CONFIDENCE) and not reposted:
        # No date line, only years the text names (or nothing): the page's address dates it better, unless the
        # address is years after every year the text names (a 2015 bulletin posted again in 2023).
        return DocumentDate(addressed[0], f'inferred: {addressed[2]} "{addressed[1]}"',
                            _ADDRESS_CONFIDENCE if "day" in addressed[2] else YEAR_MONTH_CONFIDENCE)
    return weaker


def _find_address_date(address: str) -> tuple[dt.date, str, str] | None:
    """The first date a page's address holds (…/2010-05/11/…, …/t20240119_…), else its first year and month."""
    days = sorted((match for pattern in _ADDRESS_DAYS for match in pattern.finditer(address)),
                  key=lambda match: match.start())
    for match in days:
        date = _to_date(*match.group(1, 2, 3))
        if date is not None:
            return date, match.group(), "page address day"
    for match in _ADDRESS_MONTH.finditer(address):
        if _is_valid_date(int(match.group(1)), int(match.group(2))):
            return dt.date(int(match.group(1)), int(match.group(2)), 1), match.group(), "page address month"
    return None  # the address names no date


def _reprinted(lead: re.Match[str], released: dt.date) -> bool:
    """True when the lead's month-day falls shortly after the release's date (a reprint's dateline)."""
    month, day = int(lead.group(1)), int(lead.group(2))
    year = released.year if (month, day) >= (released.month, released.day) else released.year + 1
    if not _is_valid_date(year, month, day):
        return False  # 2月30日: no day at all
    return 0 < (dt.date(year, month, day) - released).days <= _MIRROR_GAP


def _date_from_weaker(reading: str, words: DateWords) -> DocumentDate | None:
    """Date a text without dateline or date line: full dates, an announcement day, years, a start date."""
    full_dates = _find_past_dates(reading, words, full_only=True)
    if full_dates:
        latest = max(full_dates, key=_sort_key)
        date = dt.date(latest.year, latest.month or 1, latest.day or 1)
        return DocumentDate(date, f'inferred: latest full date "{latest.phrase}"', 0.6)
    return _date_announcement(reading, words) or _date_from_years(reading, words) or _date_start(reading, words)


def _find_release_date(reading: str, words: DateWords) -> tuple[dt.date, str, str] | None:
    """Find the issuer's release line (国家统计局⏎2024年12月13日) and its date."""
    for match in words.release_line.finditer(reading):
        date = _to_date(match.group(1), match.group(2), match.group(3))
        if date is not None:
            return date, match.group().strip(), "release line"
    return None  # no issuer signs the text with a date


def _find_page_date(reading: str, words: DateWords) -> tuple[dt.date, str, str] | None:
    """Find the page's own date line (发布时间：…, 时间：2026-02-02, or a line that is only a date)."""
    found = [(m, _to_date(*m.groups()[:3])) for pattern in (words.page_line, words.date_line, words.byline_line)
             for m in pattern.finditer(reading)]
    found += [(m, _english_date(m, words)) for m in words.english_line.finditer(reading)]
    found += [(m, _to_date(m.group(3), m.group(2), m.group(1))) for m in words.day_first_line.finditer(reading)]
    found += [(m, _to_date(str(_full_year(int(m.group(1)))), m.group(2), m.group(3)))
              for m in words.short_year_line.finditer(reading)]
    for match, date in sorted(found, key=lambda pair: pair[0].start()):
        if date is not None:
            return date, match.group().strip(), "page date line"
    return None  # the page states no date line




def page_date_spans(reading: str, words: DateWords | None = None) -> list[tuple[int, int]]:
    """The spans of the text's page and release date lines, bylines and time stamps (发布时间:2024-11-22 11:35,
    新京报2024-03-22 20:30:47): dates of the page, which date no figure of the text."""
    words = words or load_date_words()
    patterns = (words.page_line, words.date_line, words.byline_line, words.release_line, words.english_line,
                words.stamp, words.day_first_line, words.short_year_line)
    return sorted(m.span() for pattern in patterns for m in pattern.finditer(reading))


def _full_year(short: int) -> int:
    """The year a page line's two-digit year names (22 -> 2022, 98 -> 1998)."""
    return short + (2000 if short < _CENTURY_PIVOT else 1900)


def _english_date(match: re.Match[str], words: DateWords) -> dt.date | None:
    """The date of a Latin-script page line: March 5, 2024 or 5 Mar 2024."""
    month, day, year = match.group(1, 2, 3) if match.group(1) else match.group(5, 4, 6)
    return _to_date(year, str(words.english_months[month.lower()]), day)


def _find_dateline(reading: str, words: DateWords) -> re.Match[str] | None:
    """Find the lead's month-day: early in the text, opening a paragraph, or after a byline."""
    for match in words.lead_date.finditer(reading, 0, _DATELINE_FAR):
        before = reading[: match.start()].rstrip(" \t\u3000")
        if match.start() >= _DATELINE_NEAR and before and before[-1] not in "\n）)" + words.dateline_marks:
            continue  # a month-day deep in a paragraph is an event in the story, not the lead
        if before.endswith(words.span_before):
            continue  # 7月1日至8月31日: the end of a span the story reports on, not the lead
        if not _is_caption(reading, match, words):
            return match
    return None


def _is_caption(reading: str, match: re.Match[str], words: DateWords) -> bool:
    """True when the paragraph holding the match ends with a photographer's credit (记者 王鼎 摄)."""
    end = reading.find("\n", match.end())
    paragraph = reading[match.start() : end if end >= 0 else len(reading)].rstrip(" \t\u3000)）")
    return paragraph.endswith(words.caption_marks)


def _date_dateline(
    reading: str, dateline: re.Match[str], page: tuple[dt.date, str, str] | None, words: DateWords
) -> DocumentDate | None:
    """Give the dateline's month-day the year the text most plausibly implies."""
    month, day = int(dateline.group(1)), int(dateline.group(2))
    guesses = [_year_of_sentence(reading, dateline, month, words), _year_before(page, month, day)]
    usable = [g for g in guesses if g is not None and _is_valid_date(g[0], month, day)]
    # The lead's own year wins unless it would date the text after its page line.
    if usable and page is not None and dt.date(usable[0][0], month, day) > page[0]:
        usable = usable[1:]
    guess = usable[0] if usable else _guess_dateline_year(reading, month, words)
    if guess is None or not _is_valid_date(guess[0], month, day):
        return None  # no year is implied, or 2月30日 is no date: this dateline dates nothing
    year, phrase, confidence = guess
    source = f'inferred: "{dateline.group()}" + year from "{phrase}"'
    return DocumentDate(dt.date(year, month, day), source, confidence)


def _year_before(page: tuple[dt.date, str, str] | None, month: int, day: int) -> tuple[int, str, float] | None:
    """The year that puts month-day on or before the page's date line, at most a year earlier; a month-day a few
    days after it is of the same year (中新社上海7月22日电 on a page addressed …/2025-07-21/…: a mirror's or the
    previous evening's date, never the year before)."""
    if page is None:
        return None  # no page date bounds the lead
    year = page[0].year
    if (month, day) > (page[0].month, page[0].day) and not (
            _is_valid_date(year, month, day) and (dt.date(year, month, day) - page[0]).days <= _PAGE_SLACK_DAYS):
        year -= 1
    return year, page[1], 0.8


def _year_of_sentence(
    reading: str, match: re.Match[str], month: int, words: DateWords
) -> tuple[int, str, float] | None:
    """The year the match's own sentence states: 2024年春运 is 2024; 2023年全年 is reported in 2024."""
    start = max(reading.rfind(c, 0, match.start()) for c in _SENTENCE_END) + 1
    ends = [i for i in (reading.find(c, match.end()) for c in _SENTENCE_END) if i >= 0]
    sentence = reading[start : min(ends, default=len(reading))]
    for found in words.year.finditer(sentence):
        year = int(found.group(1))
        if not _is_valid_date(year) or _is_future(sentence, found, words):
            continue  # a count or a target year says nothing of when the text was written
        if sentence[: found.start()].endswith(words.comparison_before):
            continue  # 比2019年增长: a comparison base, long past
        ends_in = _period_end(sentence, found.start(), words)
        # A period that ends after the lead's month is reported on in the following year.
        return (year if month >= ends_in else year + 1), found.group() + sentence[found.end() : found.end() + 6], 0.7
    return None  # the lead's sentence names no year


def _period_end(text: str, start: int, words: DateWords) -> int:
    """The month the data period at start ends in (12 for a whole year reported on), or 0 for a name."""
    match = words.year_period.match(text, start)
    if match is None:
        return 0  # 2024年春运: the year names something, it is not a period reported on
    if match.group(2):
        return words.data_periods[match.group(2)]
    if match.group(3):
        return min(12, int(match.group(3)))
    return 12  # 2023年， or 2023年国民经济和社会发展统计公报: the whole year


def _date_announcement(reading: str, words: DateWords) -> DocumentDate | None:
    """Date "23日发布 … 2021年前三季度" as the 23rd of the month after the latest data period."""
    day_match = words.bare_day.search(reading, 0, _DATELINE_NEAR)
    periods = [
        (int(m.group(1)), _period_end(reading, m.start(), words))
        for m in words.year_period.finditer(reading)
        if not _is_future(reading, m, words)
    ]
    if day_match is None or not periods:
        return None  # no announcement day, or no data period to place it after
    year, ends_in = max(periods)
    year, month = (year + 1, 1) if ends_in == 12 else (year, ends_in + 1)
    day = int(day_match.group(1))
    if not _is_valid_date(year, month, day):
        return None  # 31日 in a 30-day month: not a day of that month
    source = f'inferred: "{day_match.group()}" after the data period {year}年{month - 1 or 12}月'
    return DocumentDate(dt.date(year, month, day), source, 0.5)


def _date_start(reading: str, words: DateWords) -> DocumentDate | None:
    """Date a text that only announces a start (2017年春运从1月13日起) at that start, weakly."""
    for match in words.month_day.finditer(reading, 0, _DATELINE_FAR):
        if reading[match.end() : match.end() + 1] not in words.future_after:
            continue  # only a start (1月13日起) dates an announcement made just before it
        month, day = int(match.group(1)), int(match.group(2))
        guess = _year_of_sentence(reading, match, month, words)
        if guess is not None and _is_valid_date(guess[0], month, day):
            return DocumentDate(dt.date(guess[0], month, day), f'inferred: start "{match.group()}起"', 0.3)
    return None  # nothing starts on a stated day


def _guess_dateline_year(reading: str, month: int, words: DateWords) -> tuple[int, str, float] | None:
    """Return the year for a dateline in month from the rest of the text, the phrase, and a confidence."""
    event = _find_event_year(reading, words)
    if event is not None:
        return event.year, event.phrase, 0.8  # "2025中国…活动" names the year of the event reported
    past = _find_past_dates(reading, words, full_only=False)
    if past:
        latest = max(past, key=_sort_key)
        # A dateline month before the latest past month means the year has turned since.
        year = latest.year if month >= (latest.month or 1) else latest.year + 1
        return year, latest.phrase, 0.7
    weaker = (
        (_find_since_years(reading, words), 0.6),
        (_find_base_span_year(reading, words), 0.6),
        (_guess_from_full_year(reading, words), 0.5),
    )
    for guess, confidence in weaker:
        if guess is not None:
            return guess.year, guess.phrase, confidence  # weaker evidence, in order of strength
    return None  # no year is stated as past or present


def _date_from_years(reading: str, words: DateWords) -> DocumentDate | None:
    """Infer a month-level date from year references when no day is stated."""
    latest_past = max(_find_past_dates(reading, words, full_only=False), key=_sort_key, default=None)
    candidates = [
        (evidence, confidence)
        for evidence, confidence in (
            (_find_since_years(reading, words), 0.4),
            (latest_past, 0.3),
            (_guess_from_full_year(reading, words), 0.3),
        )
        if evidence is not None
    ]
    if not candidates:
        return None  # no year is stated as past or present: the date is unknown
    evidence, confidence = max(candidates, key=lambda pair: _sort_key(pair[0]))
    month = evidence.month or _find_latest_month_this_year(reading, words)
    date = dt.date(evidence.year, month or 7, 15 if month else 1)
    return DocumentDate(date, f'inferred: year from "{evidence.phrase}"', confidence)


def _find_event_year(reading: str, words: DateWords) -> _Evidence | None:
    """Find the first event named with a leading year, as in "2025中国产业转移发展对接活动"."""
    for match in words.event_year.finditer(reading):
        if _is_valid_date(int(match.group(1))):
            return _Evidence(int(match.group(1)), None, None, match.group())
    return None


def _find_past_dates(reading: str, words: DateWords, *, full_only: bool) -> list[_Evidence]:
    """Collect full dates (and year-months unless full_only) that are not stated as future."""
    found = []
    for match in words.full_date.finditer(reading):
        year, month, day = (int(g) for g in match.groups() if g and g.isdigit())
        if reading[: match.start()].endswith(words.caption_before):
            continue  # 摄于2007年9月27日: the day a photo was taken, not the day the text was written
        if _is_valid_date(year, month, day) and not _is_future(reading, match, words):
            found.append(_Evidence(year, month, day, match.group()))
    for match in () if full_only else words.year_month.finditer(reading):
        year, month = int(match.group(1)), int(match.group(2))
        if _is_base(reading, match, words):
            continue  # 比2019年1-7月: a comparison's base says nothing of the year reported on
        if _is_valid_date(year, month) and not _is_future(reading, match, words):
            found.append(_Evidence(year, month, None, match.group()))
    return found


def _is_base(reading: str, match: re.Match[str], words: DateWords) -> bool:
    """True when a year-month is the base of a comparison (比2019年1-7月增长), not a period reported on."""
    return reading[max(0, match.start() - 3) : match.start()].endswith(words.comparison_before)


def _find_base_span_year(reading: str, words: DateWords) -> _Evidence | None:
    """Read "比2019年…两年平均增长" as two years after the base: the year the text reports on."""
    for match in words.base_year.finditer(reading):
        end = min([i for i in (reading.find(c, match.end()) for c in _SENTENCE_END) if i >= 0], default=len(reading))
        span = next((n for word, n in words.base_spans.items() if word in reading[match.end() : end]), None)
        if span is not None and _is_valid_date(int(match.group(1)) + span):
            return _Evidence(int(match.group(1)) + span, None, None, reading[match.start() : end])
    return None  # no comparison base with a span of years to count from


def _find_since_years(reading: str, words: DateWords) -> _Evidence | None:
    """Read "自2023年11月…以来…这两年" as the year and month two years after the start."""
    for match in words.since_years.finditer(reading):
        span, month = match.group(3), int(match.group(2) or 1)
        year = int(match.group(1)) + (int(span) if span.isdigit() else words.span_numbers[span])
        if _is_valid_date(year, month):
            return _Evidence(year, month if match.group(2) else None, None, match.group())
    return None


def _guess_from_full_year(reading: str, words: DateWords) -> _Evidence | None:
    """Guess the year after the latest "2024年，…" report when the text also speaks of 今年."""
    years = [
        int(m.group(1))
        for m in words.comma_year.finditer(reading)
        if _is_valid_date(int(m.group(1))) and not _is_future(reading, m, words)
    ]
    if not years:
        return None  # no whole year is reported on
    # A whole-year report beside 今年 is about last year; without 今年 it may be this year.
    this_year = next((word for word in words.this_year if word in reading), "")
    shift = 1 if this_year else 0
    return _Evidence(max(years) + shift, None, None, f"{max(years)}年，" + f"…{this_year}" * shift)


def _find_latest_month_this_year(reading: str, words: DateWords) -> int | None:
    """Return the latest month the text mentions as 今年M月 (or 今年上半年, 今年前三季度)."""
    months = [
        int(m.group(1)) if m.group(1) else words.this_year_parts[m.group(2)]
        for m in words.this_year_month.finditer(reading)
    ]
    return max((m for m in months if 1 <= m <= 12), default=None)


def _is_future(reading: str, match: re.Match[str], words: DateWords) -> bool:
    """True when a date is introduced as a target or deadline (到2027年, 力争, 1月1日起)."""
    before = reading[max(0, match.start() - 4) : match.start()]
    if any(word in before for word in words.as_of):
        return False  # 截至 introduces an as-of date, which is past
    after = reading[match.end() : match.end() + 1]
    return any(word in before for word in words.future_before) or after in words.future_after


def _to_date(year: str, month: str, day: str) -> dt.date | None:
    """The date of three digit strings, or None when it is no real date of a plausible year."""
    return dt.date(int(year), int(month), int(day)) if _is_valid_date(int(year), int(month), int(day)) else None


def _is_valid_date(year: int, month: int = 1, day: int = 1) -> bool:
    """True for real dates in years a news article could be dated in."""
    try:
        return 1900 <= dt.date(year, month, day).year <= 2100
    except ValueError:
        return False


def _sort_key(evidence: _Evidence) -> tuple[int, int, int]:
    """Order evidence by the date it states, unknown parts first."""
    return evidence.year, evidence.month or 0, evidence.day or 0

