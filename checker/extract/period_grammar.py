"""The regular expressions of the time grammar, compiled once from a period lexicon.

One scanner joins every alternative (full numeric dates, anchored periods, as-of words, fixed and
counted durations, and a skip alternative for numbers that are not times) with the longest match
first; each alternative is also compiled alone with its named groups, to read a match. The small
numerals the patterns match are read by checker/extract/numerals.py, the one numeral reader.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from checker.extract.numerals import BIG_UNITS, CHINESE_DIGITS, DECIMAL_DIGITS, SMALL_UNITS, ZEROS, parse_numeral

if TYPE_CHECKING:  # the lexicon imports this module to compile itself
    from checker.extract.period_lexicon import PeriodLexicon, RelativeWord

# The one numeral reader's digits (checker/extract/numerals.py) as the grammar's classes: 一 … 九 (no 两), their
# values, 十, and the other way to write two (两).
_DIGITS = "".join(digit for digit in DECIMAL_DIGITS if CHINESE_DIGITS[digit])
_VALUE = {CHINESE_DIGITS[digit]: digit for digit in _DIGITS}
_TEN = next(word for word, value in SMALL_UNITS.items() if value == 10)
_TWO = "".join(digit for digit in CHINESE_DIGITS if digit not in DECIMAL_DIGITS)
_PLACES = "".join(SMALL_UNITS)


def _up_to(value: int) -> str:
    """The plain digits from one to value (一二 for 2), as a class body."""
    return "".join(_VALUE[n] for n in range(1, value + 1))


_CN_NUMERALS = ZEROS + _DIGITS + _TEN + _TWO
_BOUNDARY = r"\s，。；：！？、,.;:!?“”\"‘’'（）()《》【】\[\]—…·"
_AR = r"(?<![0-9.．])[0-9]{1,3}(?:\.[0-9]+)?(?![0-9])"
_Y4 = r"(?<![0-9.．])(?:19[0-9]{2}|20[0-9]{2}|2100)(?![0-9]|[.．][0-9])"
_CY = rf"(?<![{ZEROS}{_DIGITS}{_TEN}])[{ZEROS}{_DIGITS}]{{4}}"
_SP = "[ \u3000]?"
# a bare year range (2025-2027) is not part of an identifier: GB/T 2022-2024, ISO 2022-1994, A2025
_NOT_AFTER_ID = r"(?<![A-Za-z_/\\-])(?<![A-Za-z/][ \u3000])"
_NOT_BEFORE_ID = r"(?![A-Za-z_]|[-/.．:：_][0-9A-Za-z])"
_DAY = (
    r"(?:(?<![0-9])(?:3[01]|[12][0-9]|0?[1-9])"
    rf"|{_VALUE[3]}{_TEN}{_VALUE[1]}?|{_VALUE[2]}{_TEN}[{_DIGITS}]?|{_TEN}[{_DIGITS}]?|[{_DIGITS}])"
)
_DOT_MONTH = r"(?<![0-9.．·•・])(?:1[0-2]|[1-9])"
_DOT_DAY = r"(?:3[01]|[12][0-9]|[1-9])"
_N12 = rf"(?:1[0-2]|[1-9]|{_TEN}[{_up_to(2)}]?|[{_DIGITS}{_TWO}])"
_FULLNUM = (
    r"(?<![0-9.．])(?:19|20)[0-9]{2}(?:-[0-9]{1,2}-|/[0-9]{1,2}/|\.[0-9]{1,2}\.)[0-9]{1,2}(?![0-9])"
)


@attrs.frozen
class Grammar:
    """The compiled expressions: one scanner and one reader per alternative."""

    scan: re.Pattern[str]
    readers: Mapping[str, re.Pattern[str]]


def compile_grammar(lexicon: PeriodLexicon) -> Grammar:
    """Compile the scanner and the readers from the lexicon's words."""
    fixed = _words(word for word, _ in lexicon.fixed_durations)
    readers = {  # in order of preference where two could start at the same character
        "fullnum": _FULLNUM,
        "anchored": _anchored_pattern(lexicon),
        "asof": _words(lexicon.asof_words),
        "fixed": f"(?P<dpre>{_words(lexicon.duration_prefixes)})?(?P<fixed>{fixed})",
        "counted": _counted_pattern(lexicon),
        "skip": _skip_pattern(lexicon),
    }
    alternation = "|".join(f"(?P<{name}>{_unnamed(body)})" for name, body in readers.items())
    # the lookahead lets the scanner pass over most characters after a single set test
    scan = re.compile(f"(?=[{_first_chars(lexicon)}])(?:{alternation})")
    # A plain dict (never mutated) so that cached resources can be pickled.
    return Grammar(scan, {name: re.compile(body) for name, body in readers.items()})


def _anchored_pattern(lexicon: PeriodLexicon) -> str:
    """Return the pattern of anchored periods: [截至] simple [connector simple | suffix]."""
    conn = _words(lexicon.range_connectors)
    suffixes = _alternatives(
        re.escape(s.word) + (f"(?![{re.escape(s.not_before)}])" if s.not_before else "")
        for s in sorted(lexicon.suffixes, key=lambda s: -len(s.word))
    )
    # a bare day after the first end (25日至27日) shares its month: tried before a second full end
    second = f"(?:(?P<dd>{_DAY})[日号]|{_simple_pattern(lexicon, '2')})"
    return (
        f"(?P<pre>{_words(lexicon.asof_prefixes)})?{_simple_pattern(lexicon, '1')}"
        f"(?:(?P<conn>{conn}){second})?(?P<suf>{suffixes})?(?P<clock>{_clock_pattern(lexicon)})?"
    )


def _year_range_pattern(conn: str, tag: str) -> str:
    """Return the pattern of a year range: 2025-2027年, 2025年至2027年, or a bare 2025—2027."""
    # the identifier guards apply to a bare range only: 2025-2027年 names its years whatever precedes
    written = f"{_Y4}{_SP}年|{_Y4}(?:{_SP}年)?{conn}{_Y4}{_SP}年"
    return (
        f"(?:(?={written})|{_NOT_AFTER_ID})"
        f"(?P<ya{tag}>{_Y4})(?:{_SP}年)?{conn}(?P<yb{tag}>{_Y4})(?:{_SP}年|{_NOT_BEFORE_ID})"
    )


def _simple_pattern(lexicon: PeriodLexicon, tag: str) -> str:
    """Return the pattern of one end of a period: a year, a month or day, a year part, or both."""
    conn = _words(lexicon.range_connectors)
    relative = _alternatives(_guarded(w) for w in sorted(lexicon.relative_years, key=lambda w: -len(w.word)))
    plans = _words(p.name for p in lexicon.plans)
    year = (
        f"{_year_range_pattern(conn, tag)}"
        f"|(?P<y{tag}>{_Y4}){_SP}年度?|(?P<cy{tag}>{_CY})年|(?P<rel{tag}>{relative})"
        f"|[“\"‘']?(?P<plan{tag}>{plans})[”\"’']?"
        # 08年, ’98年: a two-digit year; 1357年: a year long past, unless a length (1500年历史)
        f"|(?P<yy{tag}>(?<=[’'])[0-9]{{2}}|(?<![0-9.．])0[0-9])年"
        f"|(?P<yf{tag}>(?<![0-9.．])1[0-8][0-9]{{2}})年(?!{_words(lexicon.far_year_not_before)})"
        # 90年代, 上世纪80年代: a decade of the twentieth century (90后 and 90年 are no decade)
        f"|(?:{_words(lexicon.century_prefixes)})?(?P<dec{tag}>(?<![0-9.．])[1-9]0)年代"
    )
    templates = [
        f"(?P<pt{tag}_{i}>{re.escape(p.word).replace(re.escape('{n}'), f'(?P<n{tag}_{i}>{_N12})')})"
        for i, p in enumerate(lexicon.year_parts)
        if "{n}" in p.word
    ]
    named = _words(p.word for p in lexicon.year_parts if "{n}" not in p.word)
    relative_months = _words(w.word for w in lexicon.relative_months)
    holidays = lexicon.holidays
    holiday = (
        f"[“\"‘']?(?P<hol{tag}>{_words(holidays.names)})"
        + (f"(?!{_words(holidays.not_before)})" if holidays.not_before else "")
        + f"[”\"’']?(?P<hsuf{tag}>{_words(holidays.suffixes)})?"
    )
    # 元月, 元至7月: January; never the currency after a figure (5元至7月底): no digit or numeral stands before it
    numerals = re.escape("".join([*CHINESE_DIGITS, *SMALL_UNITS, *BIG_UNITS, ZEROS]))
    january = f"|(?<![0-9.．{numerals}])(?:{_words(lexicon.january_words)})" if lexicon.january_words else ""
    month = _month_pattern(lexicon)
    rest = (
        f"{holiday}"
        f"|(?P<ma{tag}>{month}{january})月?{conn}(?P<mb{tag}>{month})月份?"
        f"|(?:(?P<m{tag}>{month}{january})月份?|(?P<rm{tag}>{relative_months}))(?:(?P<d{tag}>{_DAY})[日号])?"
        # 3·15, 5·20: a month and day joined by a middle dot name that day (上涨1·8%: a dot for a decimal point)
        f"|(?P<dotm{tag}>{_DOT_MONTH})[·•・](?P<dotd{tag}>{_DOT_DAY})(?![0-9.．·•・%％‰])"
        f"|{'|'.join(templates + [f'(?P<part{tag}>{named})'])}"
        # 2018年第04周: an ordinal week of a year (the reader asks for the year)
        f"|(?P<wk{tag}>{_words(lexicon.ordinal_marks)}(?:5[0-3]|[1-4][0-9]|0?[1-9]))(?:{_words(lexicon.week_words)})"
        f"|{_day_pattern(lexicon, tag)}"
    )
    # at least one of year and rest: the lookahead stops the whole from matching nothing
    return f"(?=(?:{_unnamed(year)}|{_unnamed(rest)}))(?:{year})?(?:{rest})?"


def _day_pattern(lexicon: PeriodLexicon, tag: str) -> str:
    """Return the pattern of days and weeks: 昨日, 上周四, 下周, 星期一, a bare 29日."""
    weekday = _words(w.word for w in lexicon.weekdays)
    stop = f"(?!{_words(lexicon.day_not_before)})"
    return (
        f"(?:(?P<rd{tag}>{_words(w.word for w in lexicon.relative_days)})"
        f"|(?P<rw{tag}>{_words(w.word for w in lexicon.relative_weeks)})(?P<wd{tag}>{weekday})?"
        f"|(?P<wp{tag}>{_words(lexicon.weekday_prefixes)})(?P<wn{tag}>{weekday})"
        f"|(?P<bd{tag}>(?<![0-9.．])(?:3[01]|[12][0-9]|0?[1-9]))[日号]){stop}"
    )


def _counted_pattern(lexicon: PeriodLexicon) -> str:
    """Return the pattern of counted spans: durations (50天), ago (39年前) and recent (近五年)."""
    recent = _alternatives(_guarded(w) for w in sorted(lexicon.recent_prefixes, key=lambda w: -len(w.word)))
    # 90年代 (a decade), 三年级 (a school grade), 一周年 (an anniversary): no lengths of time (a unit's not_before)
    units = _alternatives(
        re.escape(u.word) + (f"(?![{re.escape(u.not_before)}])" if u.not_before else "")
        for u in sorted(lexicon.duration_units, key=lambda u: -len(u.word))
    )
    post = _words(lexicon.ago_suffixes + lexicon.recent_suffixes)
    return (
        f"(?:(?P<rpre>{recent}){_number_pattern(lexicon, 'r')}?"
        f"|(?P<dpre>{_words(lexicon.duration_prefixes)})?{_number_pattern(lexicon, 'd')})"
        f"(?P<unit>{units})(?P<post>{post})?"
    )


def _number_pattern(lexicon: PeriodLexicon, tag: str) -> str:
    """Return the pattern of a count: 11, 1.5, 三十, 十多, 十来, or a vague 数十 / 几."""
    # a round marker follows a round number only: 十来天, 20来年, but not 一来 (“firstly”)
    approx = f"(?:{_words(lexicon.approximate_markers)}|(?<=[{_TEN}0]){_words(lexicon.round_markers)})"
    vague = _words(lexicon.vague_numbers)
    exact = f"(?:(?P<ar{tag}>{_AR})|(?P<cn{tag}>{_count_numeral(lexicon)}))(?P<ap{tag}>{approx})?"
    return f"(?:{exact}|(?P<vg{tag}>{vague}[{_PLACES}]?))"


def _chars(words: Any) -> str:
    """The characters of some words, escaped for a class body (a lookbehind needs single characters)."""
    return re.escape("".join(words))


def _count_numeral(lexicon: PeriodLexicon) -> str:
    """A Chinese count of one to three characters (三, 十二, 两), not inside a word: 统一年, 同一年, 唯一月 (the
    lexicon's numeral_not_after) or a longer numeral."""
    before = ZEROS + _DIGITS + _TWO + _PLACES + "".join(BIG_UNITS)
    return rf"(?<![{before}{_chars(lexicon.numeral_not_after)}])[{_DIGITS}{_TEN}{_TWO}]{{1,3}}"


def _month_pattern(lexicon: PeriodLexicon) -> str:
    """A month's number (1 to 12, 一 to 十二), not inside a word (统一月) nor a weekday's (周一)."""
    after = _chars((*lexicon.numeral_not_after, *lexicon.month_numeral_not_after))
    return (
        r"(?:(?<![0-9.．])(?:1[0-2]|0?[1-9])"
        rf"|(?<![{ZEROS[::-1]}{_DIGITS}{_TEN}{after}])(?:{_TEN}[{_up_to(2)}]?|[{_DIGITS}]))"
    )


def _clock_pattern(lexicon: PeriodLexicon) -> str:
    """A clock time after a day keeps the day (3月5日15时30分, 今天下午3点): part of the surface, read no further."""
    hour, minute = _chars(lexicon.clock_hour_marks), _words(lexicon.clock_minute_marks)
    half = _words(lexicon.clock_half)
    if not hour:
        # A lexicon without hour marks reads no clock time.
        return "(?!)"
    return (
        rf"(?:(?<![0-9])(?:2[0-4]|[01]?[0-9])[{hour}](?:[0-5]?[0-9]{minute}|{half})?(?![0-9])"
        rf"|(?:{_VALUE[2]}{_TEN}[{_up_to(4)}]?|{_TEN}[{_DIGITS}]?|[{_DIGITS}])[{hour}]"
        rf"(?:{half}|[{_up_to(5)}]?{_TEN}?[{_DIGITS}]?{minute})?)"
        + (f"(?![{_chars(lexicon.clock_not_before)}])" if lexicon.clock_not_before else "")
    )


def _skip_pattern(lexicon: PeriodLexicon) -> str:
    """Numbers that are no time: an ordinal (第3, 第十二: the lexicon's ordinal_marks) or a digit run (3.5, 1/2)."""
    digits = r"[0-9]+(?:[.．/:：][0-9]+)*"
    if not lexicon.ordinal_marks:
        # A lexicon without ordinal marks skips digit runs only.
        return digits
    return f"{_words(lexicon.ordinal_marks)}[0-9{_DIGITS}{_PLACES}{_TWO}{ZEROS[::-1]}]+|{digits}"


def _guarded(word: RelativeWord) -> str:
    """Return a word's pattern with its clause-boundary and not-after guards."""
    guard = f"(?<![^{_BOUNDARY}])" if word.boundary else ""
    if word.not_after:
        guard += f"(?<![{re.escape(word.not_after)}])"
    return guard + re.escape(word.word)


def _words(words: Any) -> str:
    """Return an alternation of literal words, longest first, or a pattern that never matches."""
    return _alternatives(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _alternatives(patterns: Any) -> str:
    """Return a group of alternative patterns, or a pattern that never matches when there are none."""
    patterns = list(patterns)
    return "(?:" + "|".join(patterns) + ")" if patterns else "(?!)"


def _unnamed(pattern: str) -> str:
    """Return a pattern with its named groups made anonymous, to embed it twice."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _first_chars(lexicon: PeriodLexicon) -> str:
    """Return a character class body of every character a time expression can start with."""
    words = [p.name for p in lexicon.plans] + [p.word for p in lexicon.year_parts]
    words += [w.word for w in lexicon.relative_years + lexicon.relative_months + lexicon.recent_prefixes]
    words += [w.word for w in lexicon.relative_days + lexicon.relative_weeks] + list(lexicon.weekday_prefixes)
    words += lexicon.asof_words + lexicon.asof_prefixes + lexicon.duration_prefixes + lexicon.vague_numbers
    words += list(lexicon.century_prefixes)
    words += [word for word, _ in lexicon.fixed_durations]
    words += list(lexicon.holidays.names)
    words += list(lexicon.ordinal_marks)
    chars = set("0123456789“\"‘’'" + _CN_NUMERALS) | {w[0] for w in words if w}
    return "".join(re.escape(c) for c in sorted(chars))


# --- numerals ---------------------------------------------------------------------------------


def to_int(text: str) -> int:
    """Return the value of a whole Arabic or Chinese numeral (11, 十一, 两), raising ValueError if invalid."""
    number = parse_numeral(text)  # NumeralError is a ValueError
    if number.value != number.value.to_integral_value():
        raise ValueError(f"not a whole number: {text}")
    return int(number.value)


def chinese_int(text: str) -> int | None:
    """Return the value of a Chinese numeral (二十, 二〇二四), or None when it is not one."""
    try:
        return to_int(text)
    except ValueError:
        # 十十, 〇十 and other strings that only look like numerals
        return None
