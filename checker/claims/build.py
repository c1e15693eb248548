"""Turn a document's mentions into claims: subject, metric, period, modality and relation."""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

import attrs

from checker.claims.enumeration import OPEN_LIST
from checker.claims.lexicon import ClaimLexicon
from checker.claims.places import (
    CITY_REF,
    PROVINCE_REF,
    ArticlePlaces,
    correct_main,
    find_article_places,
    find_publisher_county,
)
from checker.claims.sentences import Sentence, SentenceIndex, clause_bounds, index_sentences, quoted_alone
from checker.extract.numerals import BIG_UNITS, CHINESE_DIGITS, SMALL_UNITS, ZEROS
from checker.model import Claim, Document, Interval, Mention, Metric, Modality, Relation, Source, Understanding
from checker.text.docdate import page_date_spans

PREFIX_REACH = 300  # characters of a clause or sentence before a figure read for its subject and metric
LEAD_REACH = 300  # characters of an article's title and lead that name the company it is about
CONTEXT_REACH = 2000  # characters of the paragraph before a sentence read for its subject (a bounded look-back)
CJK_RUN = re.compile(r"[\u4e00-\u9fff]+$")
CJK_WORDS = re.compile(r"[\u4e00-\u9fff]+")
QUOTED_NAME_OPEN = re.compile(r"“[\u4e00-\u9fff]?$")  # a quote opening right before a figure (“新九条”)
QUOTED_NAME_REST = re.compile(r"[\u4e00-\u9fff]{0,6}”")  # words closing the quote after it: a name, no statement
LIST_MARK = re.compile(r"[、，,；;]")  # marks between the items of a list or the clauses of a sentence
LISTED_LAST = re.compile(r"、[\u4e00-\u9fff]+\s*$")  # the last item of a list (水电、风电、光伏) before a measure
QUOTED_AFTER = re.compile(r"[“\"]([^“”\"\n，。；]{2,16})[”\"]")  # a quoted name right after a count (196个“两重”)
ASIDE_BEFORE = re.compile(r"[（(][^（()）\n]{1,40}[）)]\s*$")  # an aside ending right before a figure: (GDP)
ASIDE = re.compile(r"[（(][^（()）]{0,40}[）)]")  # a short aside in brackets (按可比口径计算)
CLAUSE_END = re.compile(r"[，,。；;：:、（）()“”\"\s\d]")
HEADING_NUMERALS = frozenset((*CHINESE_DIGITS, *SMALL_UNITS))  # 一、 十二、: the numbers of a numbered heading
# The number opening an item of a numbered list: 二、 (三) 4. 5、
LIST_NUMBER = re.compile(
    r"[ \t　]*(?:[（(]?[" + "".join(sorted(HEADING_NUMERALS)) + r"]{1,3}[、）)]|[（(]?\d{1,2}[、.．）)])")
LIST_CHAIN = 20  # items of one list at most that a paragraph's time reaches through (一、…二、…三、…)
YEAR_GUESS = 0.4  # the confidence at most of a document date guessed from the years its text names (docdate)
RELEASE_LAG_DAYS = 120  # releases and reports follow the period they report on by weeks, an annual report by months
ANNUAL_RELEASE_LAG_DAYS = 240  # a year's statistical bulletin may come out as late as the next summer
SHORT_NAME = 4  # characters at least in a company's short name (隆基绿能); 宁德 alone is a city
MODIFIER_REACH = 20  # characters from a place to the later place its phrase describes (湖南第二大市、湘中的衡阳)
PHRASE_BREAK = re.compile(r"[，,。；;：:！!？?\n]")  # marks that end a describing phrase
FRAME_REACH = 40  # characters of a clause either side of a time read for the comparison frame around it (同…相比)

NEVER = re.compile(r"(?!x)x")  # a pattern for words the lexicon does not name
RAW_WORDS_MOST = 12  # characters at most of the raw words before a measure read as its industry
LINE_REACH = 40  # characters at most between a figure and the next line's that continues it (收入…亿元⏎⏎同比增长20%)
SHARE_WHOLE_MOST = 12  # characters at most of the whole a bare share names (同期我省外贸总值)
# A Chinese number opens with a digit or ten (零 opens none; 百 and 千 alone are rarely figures: 百分之, 千瓦时)
OPENING_NUMERALS = "".join(d for d in CHINESE_DIGITS if d not in ZEROS) + "".join(
    u for u, v in SMALL_UNITS.items() if v == 10)
COUNT_NUMERALS = "".join(d for d in CHINESE_DIGITS if d not in ZEROS) + "".join((*SMALL_UNITS, *BIG_UNITS))
# a title's bracketed aside names its outlet, not its topic (…上涨1.9%（新华社，浙江在线转载）)
TITLE_ASIDE = re.compile(r"[（(][^（）()]*[）)]")
NUMBER_START = re.compile(rf"[\d０-９.{OPENING_NUMERALS}]")  # a figure's first character (高于全国1.7个百分点)
CLAUSE_MARK = re.compile(r"[，,。；;：:！!？?\n]")  # marks that end a clause
RATIO_DIMENSION = "[ratio]"  # the dimension of % and 成 in rules/units.txt: a ratio, no amount


def build_claims(
    doc: Document, mentions: tuple[Mention, ...], lexicon: ClaimLexicon, units=None, periods=None
) -> tuple[Claim, ...]:
    """Build one claim per quantity mention, give each its unit's dimension, and tie changes together.

    `periods` (the period lexicon) lets a figure that no sentence, paragraph or heading dates take the period
    the article reports on (its data period: 2023年 in a 2023 bulletin's lead). `mentions` are find_mentions' of
    the document, with that same period lexicon (a short text's lead reuses their times).
    """
    from checker.claims.company import short_company_name, titled_company_name
    from checker.claims.distribute import distribute_items
    from checker.claims.groups import group_claims

    sentences = index_sentences(doc.reading)
    # A front-matter title (2016年一季度陕西省财政收支情况) names the place of a body that says only 全省.
    mentioned = _subject_counts(doc.reading, lexicon) + _subject_counts(doc.meta.get("title") or "", lexicon)
    # 全市, 全县, 全区 refer to the article's place: they are no subjects of their own.
    named = Counter({name: count for name, count in mentioned.items()
                     if name not in (CITY_REF, PROVINCE_REF, "@unknown", "@county", "@region")})
    titled = _subject_counts(TITLE_ASIDE.sub("", doc.meta.get("title") or ""), lexicon)
    places = find_article_places(named, lexicon, _publisher_counts(doc, lexicon), titled)
    main, main_source = _main_subject(Counter(named), lexicon)
    main, main_source = correct_main(main, main_source, mentioned, places, lexicon, titled)
    county = _lead_county(doc.title + "\n" + doc.reading[:LEAD_REACH], named, lexicon)
    if county and named.get(county, 0) + 1 >= named.get(main, 0):
        # A county's bulletin (衡阳县2022年…统计公报) is about the county its title or lead names, though it names its
        # city too.
        main, main_source = county, "context"
    elif not county and _names_itself_a_county(mentioned, lexicon, main, named.get(main, 0)):
        # 全县/全区… in a bulletin that never names its county or district: the county its title or outlet names
        # (安化县人民政府网), else unknown, never the country or the province a note names.
        main = find_publisher_county(doc.title + "\n" + (doc.meta.get("outlet") or ""), lexicon)
        main_source = "context" if main else "none"
    company = _article_company(doc.reading, lexicon)
    # 隆基绿能2024年营收…: a title opening with a company's name before its report's year is that company's report,
    # whatever place or exchange it names (上海…/美通社/, 香港联合交易所).
    title_company = titled_company_name(TITLE_ASIDE.sub("", doc.meta.get("title") or ""), lexicon)
    known_as = short_company_name(doc.title + "\n" + doc.reading[:LEAD_REACH], lexicon) or title_company or company
    if known_as and (known_as != company and main_source == "guessed" or main and main in company
                     or known_as == title_company):
        # A company's report (国联股份:2023年年度报告摘要) is about the company, not the place its full name opens
        # with (北京国联视讯…) nor the country. A lead naming it only in full may report on many (上市公司营业收入…).
        main, main_source = known_as, "context"
    times_by_sentence: dict[int, list[Mention]] = {}
    bases_by_sentence: dict[int, list[Mention]] = {}
    targets_by_sentence: dict[int, list[Mention]] = {}  # 完成全年500万人目标: a time naming a target's period
    later_by_sentence: dict[int, Mention] = {}  # 20年后: a span of years after the paragraph's time
    stamps = page_date_spans(doc.reading)
    for mention in mentions:
        if mention.period is not None and mention.period.kind == "duration" and doc.reading.startswith(
                tuple(lexicon.grammar.get("later_marks", ())), mention.reading_end):
            found = sentences.containing(mention.reading_start)
            if found is not None:
                later_by_sentence.setdefault(found.start, mention)
        if mention.period is None or mention.period.kind == "duration":
            continue
        found = sentences.containing(mention.reading_start)
        if found is None:
            # A time outside every sentence dates nothing.
            continue
        if any(start <= mention.reading_start < end for start, end in stamps):
            # 发布时间:2024-11-22 11:35:29, 时间:2025-10-09: the page's own date, no time its figures speak of.
            continue
        if quoted_alone(doc.reading, mention.reading_start, mention.reading_end):
            # 葫芦岛“8·20”灾后…: a day quoted alone names what happened that day and dates no figure near it.
            continue
        # 比2019年, 2019年同期 name a comparison's base: they date no figure of the sentence but the base itself.
        kept = bases_by_sentence if _names_a_base(doc.reading, mention, lexicon) else (
            targets_by_sentence if _target_end(doc.reading, mention, lexicon) else times_by_sentence)
        kept.setdefault(found.start, []).append(mention)
    dated = sorted((t for ts in times_by_sentence.values() for t in ts), key=lambda t: t.reading_start)
    dated_starts = [t.reading_start for t in dated]
    reported = _data_period_mention(doc, dated, periods, mentions)
    published = _publication_mention(doc) if periods is not None else None
    claims = []
    contexts: dict[int, _Context] = {}  # by sentence start: every figure of a sentence shares one context
    for mention in mentions:
        if mention.quantity is None:
            continue
        sentence = sentences.containing(mention.reading_start)
        if sentence is None:
            # A mention outside every sentence can only be whitespace-adjacent noise.
            continue
        if _in_quoted_name(doc.reading, mention):
            # “四个意识”, “十二个奋力推进”: a numeral inside a short quoted name is part of the name, no figure.
            continue
        if doc.reading.startswith(_numeral_names(lexicon), mention.reading_start):
            # 三次产业结构, 二人转: a term that opens with a numeral states no figure.
            continue
        if sentence.start not in contexts:
            contexts[sentence.start] = _context(doc.reading, sentence, sentences, lexicon)
        # 进口天然气887万吨，增长11.1%，1—2月份为下降9.4%: a time after the figure that another figure follows in its
        # own clause is that figure's, never this one's.
        times = [t for t in times_by_sentence.get(sentence.start, [])
                 if not _dates_a_later_figure(doc.reading, mention, t)]
        target = [t for t in targets_by_sentence.get(sentence.start, [])
                  if t.reading_end <= mention.reading_start < _target_end(doc.reading, t, lexicon)]
        if target:
            # 全年500万人目标: the target's figure is of the target's period, which dates no other figure.
            times = target
        inherited = not times
        if inherited:
            # A sentence that names no time speaks of the one its paragraph or section named last.
            times = _context_time(doc.reading, sentence, sentences, dated, dated_starts, lexicon)
            later = later_by_sentence.get(sentence.start)
            if later is not None:
                # 这一年（2001年）…。20年后，安徽GDP超过4万亿元: the paragraph's year moved on by the span, or no time.
                times = [shifted for shifted in (_later_by(t, later) for t in times[-1:]) if shifted is not None]
        from_document = inherited and not times and (reported or published) is not None and not sentence.heading
        if from_document:
            # Nothing near the figure names a time: it speaks of the period the article reports on, else (a news
            # report of an event) of the state on the day it was published. A headline compresses its body's
            # statement and is compared with it by its own rule: it keeps no period it does not name.
            times = [t for t in (reported or published,) if t is not None]
        bases = bases_by_sentence.get(sentence.start, [])
        claim = _claim(doc, mention, sentence, contexts[sentence.start], times, lexicon, places,
                       (main, main_source), _Dating(inherited, from_document, tuple(bases)), units)
        claims.append(_dated_by_base(doc.reading, claim, bases, lexicon))
    times = [m for m in mentions if m.period is not None]
    claims = _carry_metrics(doc.reading, _mark_joined(doc.reading, claims, lexicon), lexicon, times)
    claims = distribute_items(doc.reading, claims, lexicon, functools.partial(_item_metric, lexicon=lexicon), times)
    # An enumeration's 大/项 counts list items: it has no physical unit, so no dimension.
    claims += _enumerations(doc, sentences, lexicon, places)
    claims = _name_by_company_name(_name_the_company(claims, known_as, (main, main_source)), company, known_as,
                                   doc.reading)
    return group_claims(doc, tuple(claims), mentions, lexicon)


def _later_by(time: Mention, span: Mention) -> Mention | None:
    """A year's time moved on by a span of whole years (2001年 + 20年后 = 2021), or None for any other pair."""
    period, length = time.period, span.period.length if span.period is not None else None
    years = re.fullmatch(r"P(\d+)Y", length or "")
    if period is None or period.start is None or period.end is None or period.granularity != "year" or not years:
        # Only a whole year moved on by whole years is a year again; anything else dates nothing known.
        return None
    step = int(years.group(1))
    moved = attrs.evolve(period, start=period.start.replace(year=period.start.year + step),
                         end=period.end.replace(year=period.end.year + step), relative=False)
    return attrs.evolve(span, period=moved)


@functools.lru_cache(maxsize=8)
def _numeral_names(lexicon: ClaimLexicon) -> tuple[str, ...]:
    """Terms that open with a numeral and state no figure (三次产业), as one tuple for str.startswith."""
    return tuple(lexicon.grammar.get("numeral_names", ()))


def _in_quoted_name(reading: str, mention: Mention) -> bool:
    """True for a figure inside a short quoted name with words beside it (“两个维护”, “新九条”)."""
    if mention.quantity is not None and mention.quantity.unit in ("%", "％", "‰"):
        # A rate is no part of a name: “0.4%的正增长” quotes a statement.
        return False
    opening = QUOTED_NAME_OPEN.search(reading, max(0, mention.reading_start - 2), mention.reading_start)
    rest = QUOTED_NAME_REST.match(reading, mention.reading_end)
    # A quote holding the figure alone (“40条”) may quote a statement; words beside it make a name.
    return opening is not None and rest is not None and len(opening.group()) + len(rest.group()) > 2


@attrs.frozen
class _Dating:
    """Where a figure's times came from: its paragraph or heading (inherited), or the document itself."""

    inherited: bool = False  # the sentence names no time: the paragraph's or heading's, or the document's
    from_document: bool = False  # nothing near names one: the data period or the publication day
    bases: tuple[Mention, ...] = ()  # the times of the sentence that name a comparison's base (比7月份)


def _mark_joined(reading: str, claims: list[Claim], lexicon: ClaimLexicon) -> list[Claim]:
    """Figures joined by nothing but a joiner (A、B产量占40%和70%) are distributed over listed items, as with 分别."""
    joined = {"、", *lexicon.grammar.get("joiners", ())}
    marked = set()
    for earlier, later in zip(claims, claims[1:], strict=False):
        between = reading[earlier.mention.reading_end:later.mention.reading_start].strip()
        if earlier.sentence_start == later.sentence_start and between in joined:
            marked |= {id(earlier), id(later)}
    return [attrs.evolve(c, grammar=tuple(dict.fromkeys((*c.grammar, "distributed")))) if id(c) in marked else c
            for c in claims]


def _item_metric(head: str, unit: str, lexicon: ClaimLexicon) -> tuple[Metric, Source]:
    """The metric the words of one listed item name (原煤产量), read alone (no paragraph's industry), and its source."""
    metric = _metric(head, head, _Context("", head, lexicon, with_industry=False), None, lexicon, unit)
    return metric, metric_source(metric)


def _data_period_mention(doc: Document, dated: list[Mention], periods,
                         mentions: tuple[Mention, ...]) -> Mention | None:
    """The time mention of the lead that names the article's data period, or None (mentions: find_mentions' own)."""
    from checker.extract.data_period import find_data_period

    if periods is None:
        # Without the period lexicon the data period cannot be read: figures stay undated.
        return None
    # A date guessed from the years a text names (2019年 in a bulletin's title) cannot tell whether that year had
    # closed when the text was written: the lead's first span is the data period, as in an undated text.
    known = doc.dct is not None and doc.dct.confidence > YEAR_GUESS
    dct = doc.dct.date if doc.dct and known else None
    # The times found in the reading (with the same date) are the lead's own when the lead is all of it.
    read = [(t.reading_start, t.reading_end, t.period) for t in mentions if t.period is not None] if (
        dct == (doc.dct.date if doc.dct else None)) else None
    found = find_data_period(doc.reading, dct, periods, read)
    title = doc.meta.get("title") or ""
    in_title = found is None and bool(title)
    if in_title:
        # A body naming no span under a front-matter title that does (2016年一季度陕西省财政收支情况) reports on
        # the title's.
        found = find_data_period(title, dct, periods)
    if found is None:
        # The lead names no closed span (a plan, a single day): the census or survey it names, if any, dates it.
        return _reference_day_mention(doc, title, periods)
    period, surface = found
    lag = RELEASE_LAG_DAYS if period.granularity not in ("year", "years") else ANNUAL_RELEASE_LAG_DAYS
    if doc.dct is not None and period.end is not None and (doc.dct.date - period.end).days > lag:
        # A lead's period long closed at publication (2020年 in a 2025 event report) is history, not the data; a
        # census the title or lead names (与2010年…相比 in a report on 第七次全国人口普查) still dates the figures.
        return _reference_day_mention(doc, title, periods)
    if in_title:
        # The title stands outside the reading text: its time is a mention of its words at the text's start.
        return Mention(doc.path, doc.span_of(0, 0), surface, 0, 0, period=period)
    return next((t for t in dated if t.text == surface and t.period == period), None)


def _reference_day_mention(doc: Document, title: str, periods) -> Mention | None:
    """The reference day of the census its title or lead names (第七次全国人口普查主要数据), as a time of no words.

    A census's figures are as of its reference day however long after it a page reprints them: no release lag applies.
    """
    from checker.extract.data_period import find_reference_day

    found = find_reference_day(title, periods) or find_reference_day(doc.reading, periods)
    if found is None:
        # No census or survey named: no data period to inherit.
        return None
    # Like a title's time, the census stands outside the sentences it dates: a mention of its name at the text's start.
    return Mention(doc.path, doc.span_of(0, 0), found[1], 0, 0, period=found[0])


def _publication_mention(doc: Document) -> Mention | None:
    """The day an article was published as a time of no words (its text is ''), or None when undated."""
    day = _publication_day(doc)
    if day is None:
        # An undated article gives its undated figures no day.
        return None
    return Mention(doc.path, doc.span_of(0, 0), "", 0, 0, period=day)


def _carry_metrics(reading: str, claims: list[Claim], lexicon: ClaimLexicon, times: list[Mention]) -> list[Claim]:
    """A figure with no words of its own after another (5.2万亿元、增长5.4%) measures that figure's metric.

    Between the two may stand a joiner (上涨1.3%和1.2%), an aside in brackets, and the base of another comparison
    (增长3.8%，比2019年同期增长41.3%): `times` are the document's time mentions, in text order.
    """
    out: list[Claim] = []
    starts = [time.reading_start for time in times]
    if starts != sorted(starts):
        # Times out of text order are all read, in their order.
        starts = []
    for claim in claims:
        previous = out[-1] if out else None
        whole = _share_whole(reading, previous, claim, lexicon) if previous is not None else None
        if previous is not None and whole is not None:
            # 外商投资企业进出口509.4亿元，增长10.7%，占53.5%: a share with no words of its own but its whole is the
            # share of the figure before it, its part; the whole it names (占生产总值的比重) keeps it apart as a scope.
            mark = "".join(lexicon.grammar.get("share_whole_mark", ()))
            scopes = tuple(sorted({*previous.metric.scopes, *([mark + whole] if whole else [])}))
            understood = attrs.evolve(claim.understood, metric=previous.understood.metric)
            out.append(attrs.evolve(claim, metric=attrs.evolve(previous.metric, scopes=scopes), understood=understood))
            continue
        if (previous is None or claim.metric or not previous.metric or previous.metric.enumeration
                or previous.sentence_start != claim.sentence_start and not _continued_line(reading, previous, claim)):
            out.append(claim)
            continue
        between = reading[previous.mention.reading_end:claim.mention.reading_start]
        if between.strip() in ("(", "（"):
            # 增加888万吨(178亿斤): a figure in brackets restates the one before in another unit, role and all.
            understood = attrs.evolve(claim.understood, metric=previous.understood.metric)
            out.append(attrs.evolve(claim, metric=previous.metric, relation=previous.relation, understood=understood))
            continue
        after_increment = previous.relation == "increment"
        if (previous.relation == "level" and previous.value is not None and claim.value is not None
                and previous.value.unit in _rate_units(lexicon) and claim.value.unit not in _rate_units(lexicon)):
            # 较均衡进度慢0.48%，较上年同期增收2113万元: a rate stated as a level is a ratio; an amount is never
            # a value or a change of it.
            out.append(claim)
            continue
        if any(mark in between for mark in "；;：:"):
            # 甲X，增长a%；乙Y: a semicolon opens another item, which names its own metric.
            out.append(claim)
            continue
        for time in _times_between(times, starts, previous.mention.reading_end, claim.mention.reading_start):
            # 比2019年1—11月份: the base of another comparison, words and all (a bare time starts a new statement,
            # 预计2025年达…, which names its own metric).
            between = _without_base_frame(between, time.text, lexicon)
            for word in lexicon.change.get("base_before", ()):
                between = between.replace(word + time.text, " ")
        between = ASIDE.sub(" ", between)
        for word in _between_words(lexicon):
            between = between.replace(word, " ")
        if claim.relation in ("points", "gap"):
            # 增长7.6%，高于全国1.7个百分点: a gap in points compares the rate before with a yardstick's.
            between = lexicon.subject_re.sub(" ", between)
            for word in lexicon.grammar.get("comparatives", ()):
                between = between.replace(word, " ")
        if claim.relation == "rank":
            # 粮食产量840亿斤、居全国第5位: a rank with no words of its own ranks the figure before it.
            between = lexicon.subject_re.sub(" ", _without_rank_mark(between, lexicon))
            for word in _rank_frame(lexicon):
                between = between.replace(word, " ")
        per = _per_unit(between, lexicon) if claim.relation in ("level", "change_pct", "change_pct_down") else ""
        opens = between.strip(" ，,、").startswith(per) if per else False
        if per and (claim.relation != "level" and opens or claim.relation == "level" and previous.relation == "level"
                    and previous.figure.unit == claim.figure.unit):
            # 发送旅客3.56亿人次，日均880万人次: a figure per day (person, year) of the metric before it; 同比增长4.2%，
            # 日均环比增长4.4%: the change of that daily figure.
            between = between.replace(per, " ")
        else:
            # 年均 inside another clause's words (PM2.5年均浓度…、同比下降5%) makes no figure per year.
            per = ""
        if CJK_RUN.search(lexicon.trailing_filler_re.sub("", between.rstrip(" 、，,"))):
            # Words of their own stand between the figures: not a continuation.
            out.append(claim)
            continue
        # 增加70.2亿元，增长12.4%: a rate after an increment measures the level's metric too, yet the level it
        # changes stands one figure further: its metric is a guess, checked against no levels.
        understood = attrs.evolve(claim.understood, metric="guessed" if after_increment else previous.understood.metric)
        metric = previous.metric
        if previous.relation == "share" and claim.relation not in ("share", "points", "gap", "rank"):
            # 占年度预算的21.62%，比上年同期增长5.02%: a rate after a share changes its part, not the share.
            mark = "".join(lexicon.grammar.get("share_whole_mark", ()))
            metric = attrs.evolve(metric, scopes=tuple(s for s in metric.scopes if not mark or not s.startswith(mark)))
        out.append(attrs.evolve(claim, metric=_per_metric(metric, per), understood=understood))
    return out


def _without_base_frame(between: str, time: str, lexicon: ClaimLexicon) -> str:
    """The words between two figures with a comparison's base frame around a time left out (与去年同期相比)."""
    for frame in lexicon.change.get("base_frames", ()):
        opener, _, closer = frame.partition("…")
        for after in ("", *lexicon.change.get("base_after", ())):
            between = between.replace(f"{opener}{time}{after}{closer}", " ")
    return between


def _continued_line(reading: str, previous: Claim, claim: Claim) -> bool:
    """True when a figure's sentence is a line continuing the figure before it, no mark ending a sentence between
    (a table of lines: 收入137716亿元⏎⏎同比增长20%)."""
    if claim.mention.reading_start - previous.mention.reading_end > LINE_REACH:
        # Figures far apart are no table's lines.
        return False
    between = reading[previous.mention.reading_end:claim.mention.reading_start]
    return "\n" in between and not any(mark in between for mark in "。！？!?；;")


def _share_whole(reading: str, previous: Claim, claim: Claim, lexicon: ClaimLexicon) -> str | None:
    """The whole a share names right after its part's figure (，占生产总值的比重为 → 地区生产总值; 占比 → ''), or None
    when the share is no bare share of that figure (another clause, words of its own, no share word)."""
    if (claim.relation != "share" or not _sure(previous.metric) or previous.sentence_start != claim.sentence_start
            or previous.relation in ("share", "points", "gap", "rank")):
        # Only a share right after a figure of a known metric in its sentence is that figure's: not after a gap
        # (高出外贸整体增速2个百分点，占…) nor after other shares (分别为22.2%、20.5%，合计占55%).
        return None
    between = ASIDE.sub(" ", reading[previous.mention.reading_end:claim.mention.reading_start])
    if any(mark in between for mark in "；;：:。") or not lexicon.share_re.search(between):
        # A semicolon opens another item; words without 占/比重 are no share's frame.
        return None
    words = between.strip(" ，,、（）()")
    fillers = _share_fillers(lexicon)
    while opener := next((word for word in fillers if words.startswith(word)), ""):
        # 分别占, 同期占: words of no meaning before the share word.
        words = words[len(opener):].lstrip()
    opening = lexicon.share_re.match(words)
    if opening is None:
        # 绿色电力占比达36%: words before the share word name the share's own part, not the figure before.
        return None
    whole, rest = "", words[opening.end():]
    if opening.group() in lexicon.grammar.get("share_whole_mark", ()):
        # 占生产总值的比重为: the words after 占 name the whole, up to 的 or a share noun.
        whole = re.split("|".join((lexicon.share_re.pattern, *map(re.escape, lexicon.grammar.get(
            "relative_marks", ())))), rest, maxsplit=1)[0]
        rest = rest[len(whole):]
        whole = _plain_whole(lexicon.trailing_filler_re.sub("", whole).strip(), lexicon)
    rest = lexicon.share_re.sub(" ", rest)
    for word in fillers:
        rest = rest.replace(word, " ")
    if (CJK_WORDS.search(rest) or whole and not CJK_WORDS.fullmatch(whole) or len(whole) > SHARE_WHOLE_MOST
            or _change_verbs(lexicon).search(whole)):
        # Words of their own after the frame, a figure, a long phrase or a change (占比提高到55%): no bare share.
        return None
    return lexicon.measures.get(whole, whole)


def _sure(metric: Metric) -> bool:
    """True for a metric read from the lexicon or the segmenter, no raw words of a guess (?韩国分别|进出口)."""
    return bool(metric) and not metric.enumeration and (metric.measure_known or metric.segmented) and (
        metric.industry_known or metric.industry_segmented or not metric.industry)


def _plain_whole(whole: str, lexicon: ClaimLexicon) -> str:
    """A share's whole without the words that only say whose and when (同期我省外贸总值 → 外贸总值); a whole that is
    nothing but a place (全国) stays."""
    plain = lexicon.subject_re.sub("", _without_places(whole, lexicon).replace(" ", ""))
    while opener := next((word for word in lexicon.metric_filler if plain.startswith(word)), ""):
        plain = plain[len(opener):]
    return plain if len(plain) >= 2 else whole


@functools.lru_cache(maxsize=8)
def _share_fillers(lexicon: ClaimLexicon) -> tuple[str, ...]:
    """Words around a share's frame that name nothing (分别, 的, 为, 达到, 稳定), longest first."""
    words = {*lexicon.grammar.get("trailing_filler", ()), *lexicon.grammar.get("relative_marks", ()),
             *lexicon.metric_filler} - set(lexicon.grammar.get("share", ()))
    return tuple(sorted(words, key=len, reverse=True))


def _times_between(times: list[Mention], starts: list[int], begin: int, end: int) -> Iterator[Mention]:
    """The times standing wholly between two offsets, in their order; `starts` are their offsets when they are in
    text order (a bisection finds the first), else empty (all are tried)."""
    first = bisect.bisect_left(starts, begin) if starts else 0
    for time in times[first:]:
        if starts and time.reading_start > end:
            # In text order, every time from here on starts after the end.
            return
        if begin <= time.reading_start and time.reading_end <= end:
            yield time


def _per_metric(metric: Metric, per: str) -> Metric:
    """A metric per day, person or year (日均 + 铁路发送旅客), never the total it is an average of."""
    if not per:
        return metric
    if metric.segmented:
        return attrs.evolve(metric, measure=per + metric.measure)
    return attrs.evolve(metric, industry=per + metric.industry, industry_known=False)


@functools.lru_cache(maxsize=8)
def _rank_frame(lexicon: ClaimLexicon) -> tuple[str, ...]:
    """The verbs and fields of a rank's frame (居, 全球), longest first."""
    words = (*lexicon.grammar.get("rank_verbs", ()), *lexicon.grammar.get("rank_fields", ()))
    return tuple(sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=8)
def _between_words(lexicon: ClaimLexicon) -> tuple[str, ...]:
    """Words that may stand between a figure and the next of the same metric, longest first (同比 before 比)."""
    groups = (lexicon.change.get(group, ()) for group in ("to", "down", "by", "particles", "base_after"))
    words = {word for group in groups for word in group} | set(lexicon.grammar.get("joiners", ())) | set(
        lexicon.grammar.get("asides", ()))
    return tuple(sorted(words, key=len, reverse=True))


def _claim(
    doc: Document, mention: Mention, sentence: Sentence, context: _Context,
    times: list[Mention], lexicon: ClaimLexicon, places: ArticlePlaces, main: tuple[str, Source] = ("", "none"),
    dating: _Dating = _Dating(), units=None,
) -> Claim:
    """Read one figure's claim from its clause, sentence and section heading; `units` give its unit's dimension."""
    assert mention.quantity is not None, "claims are read from quantity mentions only"
    reading = doc.reading
    left, _ = clause_bounds(reading, sentence, mention.reading_start, mention.reading_end)
    start = mention.reading_start
    aside = ASIDE_BEFORE.search(reading, max(sentence.start, start - 48), start) if left == start else None
    if aside is not None:
        # 地区生产总值(GDP)235.28亿元: an aside in brackets right before the figure; its clause runs on before it.
        left = clause_bounds(reading, sentence, aside.start(), aside.start())[0]
    inner = None
    if aside is None and left > sentence.start and reading[left - 1] in ")）":
        inner = ASIDE_BEFORE.search(reading, max(sentence.start, left - 48), left)
    if inner is not None and NUMBER_START.search(inner.group()):
        # 增速比全国（8.1%）快: a figure in brackets is a statement of its own, which ends the clause.
        inner = None
    if inner is not None:
        # 固定资产投资（不含农户）同比增长8.9%: an aside in brackets inside the clause; its clause runs on before it.
        left = clause_bounds(reading, sentence, inner.start(), inner.start())[0]
    period = _period_for(mention, sentence, left, times)
    # A clause or sentence without punctuation may run for pages: read a bounded reach of it (linear time).
    prefix_start = max(left, start - PREFIX_REACH)
    clause_prefix = reading[prefix_start:aside.start() if aside else start]
    if inner is not None and inner.start() >= prefix_start:
        # The aside's words (不含农户) name no metric: blanks keep the offsets of the times in the clause.
        at = inner.start() - prefix_start
        blank = " " * (inner.end() - inner.start())
        clause_prefix = clause_prefix[:at] + blank + clause_prefix[inner.end() - prefix_start:]
    for base in dating.bases:
        if prefix_start <= base.reading_start and base.reading_end <= prefix_start + len(clause_prefix):
            # 比7月份下降0.9个百分点: the base's time names no metric (月份), as the figure's own time does not.
            at, end = base.reading_start - prefix_start, base.reading_end - prefix_start
            word = max((len(w) for w in lexicon.change.get("base_before", ()) if clause_prefix[:at].endswith(w)),
                       default=0)
            if not word:
                # 恢复至2019年同期的56.3% (no 比 before it) is a ratio to the base, whose words name no metric of
                # the figure's own: they stay, and keep it from taking the words before them.
                continue
            clause_prefix = clause_prefix[:at - word] + " " * (end - at + word) + clause_prefix[end:]
    sentence_prefix = reading[max(sentence.start, start - PREFIX_REACH):start]
    # The topic opens the sentence; the figure follows each prefix, so a place right before it reads as a
    # yardstick (高于全国0.7个百分点).
    opening = reading[sentence.start:min(start, sentence.start + PREFIX_REACH)]
    subject, subject_source = _subject(clause_prefix + mention.text, opening + mention.text,
                                       context, lexicon, places, main[0])
    if subject_source != "lexicon" and len(opening) < start - sentence.start:
        # A long sentence may name its subject past the opening: look right before the figure too.
        nearer = _first_subject(sentence_prefix + mention.text, lexicon)
        if nearer and nearer not in (CITY_REF, PROVINCE_REF, "@unknown", "@region", "@company", "@county"):
            subject, subject_source = nearer, "lexicon"
    if subject_source == "none" and main[0]:
        # A figure that names no subject, in an article about one place (or a national release), is about it.
        subject, subject_source = main
    metric = _counted_after(reading, mention, context, lexicon) or _metric(
        clause_prefix, sentence_prefix, context, period, lexicon, mention.quantity.unit)
    relation, role_source = _relation(mention, clause_prefix, lexicon)
    if (not metric and relation in ("level", "increment") and mention.quantity.unit not in _rate_units(lexicon)
            and not _qualifies_a_noun(mention, clause_prefix, lexicon)):
        # 完成46.1万亩高标准农田建设, 让242万偏远农村居民喝上干净水: nothing before the figure names it, the noun
        # after it names what is measured or counted.
        metric = _counted_after(reading, mention, context, lexicon, any_unit=True)
    if _changes_a_change(clause_prefix, lexicon):
        # 中长期贷款增加2.15万亿元，同比少增3419亿元: the words before name the increment's fact, not this figure's,
        # and no word names a change of it: no metric, so it never links with a level or an increment.
        metric = Metric()
    group = _group_before(sentence_prefix, lexicon)
    if metric and not metric.enumeration and not metric.industry and group and group[1] not in metric.label:
        # 四大传统支柱产业合计主营业务收入…；利润总额890.3亿元: the group's figure, never the whole place's (a figure
        # naming an industry of its own, 先进材料产值, is that industry's).
        metric = attrs.evolve(metric, scopes=tuple(sorted({*metric.scopes, group[0]})))
    places_group = _place_group_before(clause_prefix, lexicon)
    if metric and not metric.enumeration and places_group:
        # 全国13个粮食主产省(区)粮食总产量43422万吨: the group's figure, never the whole country's (57121万吨), whatever
        # it measures.
        metric = attrs.evolve(metric, scopes=tuple(sorted({*metric.scopes, places_group})))
    if dating.inherited and (relation == "cagr" or any(word in clause_prefix
                                                       for word in lexicon.grammar.get("over_span", ()))):
        # 年均增长6.1%, 累计实施2.15万个 under 一、“十四五”时期和2025年工作回顾: over the span, not its last year.
        period = next((t for t in reversed(times) if _spans_years(t)), period)
    elif dating.inherited:
        # 粮食产量515.6亿斤 under 一、2025年和“十四五”时期工作回顾: a figure said of no span is the named year's,
        # whichever the heading names first.
        period = next((t for t in reversed(times) if not _spans_years(t)), period)
    if relation != "points":
        # 累计收窄18.7个百分点: points summed over months of changes, no running total since January.
        period = _year_to_month(reading, period, mention, lexicon)
    modality = _modality(sentence_prefix, period, doc, lexicon)
    stated = period
    if dating.from_document and modality != "actual":
        # A target or forecast with no time of its own is no figure of the (closed) data period.
        stated = None
    # The pint dimension and base-unit factor of the unit (米 is 0.001 of the 公里 base).
    dimension, factor = units.base_of(mention.quantity.unit) if units is not None else ("", 1.0)
    return Claim(
        doc=doc.path,
        mention=mention,
        subject=subject,
        metric=metric,
        period=stated.period if stated else None,
        period_text=stated.text if stated else "",
        modality=modality,
        relation=relation,
        sentence=context.stripped,
        sentence_start=sentence.start,
        heading=sentence.heading,
        dimension=dimension,
        base_factor=factor,
        understood=Understanding(role_source, metric_source(metric), subject_source,
                                 "context" if dating.inherited and stated and stated.period else "lexicon"),
        grammar=("distributed",) * context.distributed + ("against_last_year",) * (
            context.against_last_year and not _against_another_base(sentence_prefix, lexicon)),
    )


def _group_before(sentence_prefix: str, lexicon: ClaimLexicon) -> tuple[str, str] | None:
    """The last group of industries a sentence names before a figure (四大传统支柱产业) and its words without the
    count (传统支柱产业), or None when none stands there, a verb makes it an object (打造四大产业) or a subject
    comes after it (全省, 山西)."""
    found = next(reversed(list(_group_re(lexicon).finditer(sentence_prefix))), None)
    if found is None or lexicon.subject_re.search(sentence_prefix[found.end():]):
        # No group, or a place named after it: the figure is that place's.
        return None
    if sentence_prefix[:found.start()].endswith(lexicon.enumeration.get("verbs", ())):
        # 重点打造四大产业集群，力争…突破8000亿元: a group that is built or grown is what the sentence plans, not the
        # figures' topic.
        return None
    return found.group(), found.group(1)


def _place_group_before(clause_prefix: str, lexicon: ClaimLexicon) -> str:
    """The last group of places a clause names before a figure (13个粮食主产省(区), 南方五省区, 两省), or '' when none
    stands there or a subject comes after it (13个省份中，河南…)."""
    found = next(reversed(list(_place_group_re(lexicon).finditer(clause_prefix))), None)
    if found is None or lexicon.subject_re.search(found.group()) or lexicon.subject_re.search(
            clause_prefix[found.end():]):
        # No group; words that hold a subject are none (3个月全市); a place named after it owns the figure.
        return ""
    return found.group()


@functools.lru_cache(maxsize=8)
def _place_group_re(lexicon: ClaimLexicon) -> re.Pattern[str]:
    """A group of places: a count before words ending in a place head (13个粮食主产省(区)), a numeral right before one
    (五省区), or a word of a group (粮食主产区)."""
    grammar = lexicon.grammar
    heads, words = grammar.get("place_group_heads", ()), grammar.get("place_group_words", ())
    numerals, counters = grammar.get("place_group_numerals", ()), grammar.get("place_group_counters", ())
    if not (heads and numerals and counters):
        # A lexicon without the words of a group of places names none.
        return re.compile(r"(?!x)x")
    not_after = grammar.get("place_group_not_after", ())
    end = f"(?!{_one_of(not_after)})" if not_after else ""
    head = f"{_one_of(tuple(sorted(heads, key=len, reverse=True)))}{end}"
    aside = r"(?:[(（][\u4e00-\u9fff\u3001]{1,6}[)）])?"
    counted = rf"(?:\d+|{_one_of(numerals)}+){_one_of(counters)}[\u4e00-\u9fff]{{0,8}}?{head}{aside}"
    bare = f"{_one_of(numerals)}+{head}{aside}"
    named = f"|{_one_of(words)}" if words else ""
    return re.compile(f"{counted}|{bare}{named}")


@functools.lru_cache(maxsize=8)
def _group_re(lexicon: ClaimLexicon) -> re.Pattern[str]:
    """A group of industries: a count, a group mark and words ending in a group head (六大高耗能行业), no ordinal."""
    numerals = "".join(lexicon.enumeration.get("count_numerals", ()))
    marks, heads = lexicon.grammar.get("group_marks", ()), lexicon.grammar.get("group_heads", ())
    if not (numerals and marks and heads):
        # A lexicon without the words of a group names none.
        return re.compile(r"(?!x)x")
    ordinals = "".join(lexicon.grammar.get("ordinal_marks", ()))
    not_ordinal = f"(?<![{re.escape(ordinals)}])" if ordinals else ""
    return re.compile(f"{not_ordinal}(?:\\d+|[{re.escape(numerals)}]+)(?:{_one_of(marks)})"
                      rf"([\u4e00-\u9fff]{{0,8}}?(?:{_one_of(heads)}))")


def _against_another_base(prefix: str, lexicon: ClaimLexicon) -> bool:
    """True when the comparison nearest before a figure is not with a year earlier (环比, 由上月)."""
    others = _other_bases(lexicon)
    last_other = max((m.end() for m in others.finditer(prefix)), default=-1)
    last_year = max((m.end() for m in lexicon.against_last_year_re.finditer(prefix) if not others.fullmatch(m.group())),
                    default=-1)
    return last_other > last_year


@functools.lru_cache(maxsize=8)
def _other_bases(lexicon: ClaimLexicon) -> re.Pattern[str]:
    """Words of a comparison with a base other than a year earlier (环比, 比上月), longest first.

    A base named with its year (比2019年同期) is told apart by the agreement rule's own base words.
    """
    words = sorted(lexicon.grammar.get("other_bases", ()), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else re.compile(r"(?!x)x")


def metric_source(metric: Metric) -> Source:
    """Where a metric came from: the lexicon's measures, the segmenter's noun phrase, raw words, or nothing."""
    if metric.industry_segmented:
        return "segmenter"
    if metric.enumeration or metric.known:
        return "lexicon"
    if metric.segmented:
        return "segmenter"
    return "guessed" if metric.measure else "none"


@attrs.frozen(slots=False)
class _Context:
    """What the text before a sentence says of its figures: the first subject and the last industry named.

    Both are read on first use only: most figures name their own subject, and a paragraph is long to scan.
    """

    text: str  # the nearest heading above the sentence and the paragraph before it
    sentence_text: str  # the sentence itself
    lexicon: ClaimLexicon = attrs.field(eq=False, repr=False)
    with_industry: bool = True  # False: a noun read alone (19家整车企业), no industry of the paragraph
    topic: str = ""  # the heading and the paragraph's opening sentence, where a paragraph names its topic

    @functools.cached_property
    def subject(self) -> str:
        """The first subject the heading or the paragraph's opening sentence names."""
        # The whole of an opening share counts (西南四省市共增产夏粮186万吨，约占全国夏粮增产总量的60%，…云南、贵州…):
        # it names the field the paragraph's figures lie in, where a list of its parts names none of them.
        found = _first_entity(self.topic, self.lexicon, wholes=True)
        return found.name if found is not None else ""

    @functools.cached_property
    def stripped(self) -> str:
        """The sentence without the blanks around it, as claims quote it."""
        return self.sentence_text.strip()

    @functools.cached_property
    def distributed(self) -> bool:
        """True when the sentence distributes its figures over listed items (分别)."""
        return self.lexicon.distributed_re.search(self.sentence_text) is not None

    @functools.cached_property
    def against_last_year(self) -> bool:
        """True when the sentence compares with a year earlier somewhere (同比, 比上年)."""
        return self.lexicon.against_last_year_re.search(self.sentence_text) is not None

    @functools.cached_property
    def industry(self) -> str:
        """The last industry the heading or the paragraph names, or '' for a noun read alone."""
        return _last_run(self.lexicon.industry_re, self.text) if self.with_industry else ""


def _context(reading: str, sentence: Sentence, sentences: SentenceIndex, lexicon: ClaimLexicon) -> _Context:
    """Read the nearest heading above the sentence, then the paragraph before it (at most CONTEXT_REACH characters)."""
    heading = sentences.heading_before(sentence.start)
    window = max(0, sentence.start - CONTEXT_REACH)
    paragraph_start = reading.rfind("\n", window, sentence.start) + 1 or window
    heading_text = reading[heading.start:heading.end] if heading else ""
    text = heading_text + "\n" + reading[paragraph_start:sentence.start]
    opening = sentences.containing(paragraph_start)
    # A place a later sentence of the paragraph names (太原地铁1号线开通运营。) is that sentence's: the figures of the
    # next sentences, naming none, are the paragraph's topic's, which its opening sentence or the heading names.
    topic_end = min(opening.end, sentence.start) if opening is not None else paragraph_start
    return _Context(text, reading[sentence.start:sentence.end], lexicon,
                    topic=heading_text + "\n" + reading[paragraph_start:topic_end])


def _context_time(
    reading: str, sentence: Sentence, sentences: SentenceIndex, dated: list[Mention], starts: list[int],
    lexicon: ClaimLexicon,
) -> list[Mention]:
    """The last time named before a sentence in its paragraph, else in the heading above it (一、2025年工作回顾).

    A paragraph that continues the one before (其中…, or after a paragraph ending 分别如下：) is part of it.
    `dated` are the document's dated time mentions in text order (no durations, no bases); `starts` their offsets.
    """
    paragraph = reading.rfind("\n", 0, sentence.start) + 1
    index = bisect.bisect_left(starts, sentence.start) - 1
    if index >= 0 and dated[index].reading_start >= paragraph:
        return [dated[index]]
    heading = sentences.heading_before(sentence.start)
    # All the heading's times: the last dates a figure (…时期和2025年工作回顾 → 2025年), a span dates an average.
    # A dateline on a line of its own (生意社01月02日讯) is no heading of a section: its day dates no figure.
    headed = [t for t in dated[bisect.bisect_left(starts, heading.start):bisect.bisect_left(starts, heading.end)]
              if not _dateline(lexicon).match(reading, t.reading_start)] if heading is not None else []
    link, end = _continued_paragraph(reading, paragraph, lexicon), paragraph
    while link is not None:
        previous, sibling = link
        if not sibling:
            before = bisect.bisect_left(starts, end) - 1
            if before >= 0 and dated[before].reading_start >= previous and (end == paragraph or not headed):
                # 其中，稻谷产量… continues the paragraph before, which named the time; a list's later item (二、…)
                # the paragraph that introduced the list (…总产量如下：), not the items before it, whose times are
                # theirs, unless a heading above names the section's time.
                return [dated[before]]
            break
        end, link = previous, _continued_paragraph(reading, previous, lexicon)
    # No heading above, or one naming no time: the sentence stays undated.
    return headed


def _continued_paragraph(
    reading: str, paragraph: int, lexicon: ClaimLexicon, items: int = 0
) -> tuple[int, bool] | None:
    """Where the paragraph before starts, when the one at `paragraph` continues it (其中…, after …如下：), and
    whether it is the item before in one list; else None.

    An item of a list (二、 after 一、, or after an item ending in ；) continues the item before it when that one
    continues a paragraph itself: `items` counts the items already walked back over, at most LIST_CHAIN.
    """
    end = paragraph
    while end > 0 and reading[end - 1].isspace():
        end -= 1
    if end == 0:
        # The first paragraph continues nothing.
        return None
    start = reading.rfind("\n", 0, end) + 1
    opens = reading[paragraph:paragraph + 8].lstrip().startswith(lexicon.grammar.get("continuations", ()))
    if opens or reading[end - 1] in "：:":
        return start, False
    numbered = LIST_NUMBER.match(reading, paragraph) and LIST_NUMBER.match(reading, start)
    item = reading[end - 1] in "；;" or bool(numbered)
    if not item or items >= LIST_CHAIN:
        # A paragraph of its own, or a list too long to walk back over: it continues nothing.
        return None
    return (start, True) if _continued_paragraph(reading, start, lexicon, items + 1) is not None else None


def _dated_by_base(reading: str, claim: Claim, bases: list[Mention], lexicon: ClaimLexicon) -> Claim:
    """A figure right after a comparison's base time is that time's (比2023年的10.5亿件, 较去年同期4.5亿元).

    Only a base earlier than the figure's own period counts: a base is what a later figure is compared with.
    """
    before = [base for base in bases if base.reading_end <= claim.mention.reading_start]
    base = before[-1] if before else None
    if base is None or base.period is None or base.period.start is None:
        # No dated base time before the figure: its period stays the one its clause names.
        return claim
    # 由上月上涨1.6%转为下降1.2%: the figure right after 由上月 and its verb is the state the change starts from.
    from_state = reading[max(0, base.reading_start - 1):base.reading_start] in lexicon.grammar.get(
        "from", ()) and _from_state_gap_re(lexicon).fullmatch(reading, base.reading_end,
                                                                     claim.mention.reading_start) is not None
    if not from_state and (claim.relation != "level" or claim.dimension == RATIO_DIMENSION):
        # 恢复至2019年同期的73.9%, 较2020年翻两番: a ratio to the base or a multiple is this period's figure.
        return claim
    framed = (PHRASE_BREAK.search(reading, base.reading_end, claim.mention.reading_start) is None
              and _in_base_frame(reading, claim.mention, lexicon))
    if not from_state and not framed and not _base_gap_re(lexicon).fullmatch(
            reading, base.reading_end, claim.mention.reading_start):
        # 比2019年同期增长5%: words between the base and the figure make it another figure (the change); only inside
        # a frame (同…2010年11月1日零时的133972万人相比) does the base's figure stand apart from its time.
        return claim
    own = claim.period.start if claim.period is not None else None
    if own is not None and base.period.start >= own:
        # 2013年…较去年同期X in a text dated 2014 reads 去年 as 2013: no earlier base, so nothing is known.
        return claim
    understood = attrs.evolve(claim.understood, period="lexicon")
    return attrs.evolve(claim, period=base.period, period_text=base.text, understood=understood)


@functools.lru_cache(maxsize=8)
def _from_state_gap_re(lexicon: ClaimLexicon) -> re.Pattern[str]:
    """What may stand between 由<time> and the state it names: a verb of change and its particles (由上月上涨)."""
    verbs = sorted({w for group in ("to", "down", "by") for w in lexicon.change.get(group, ())}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, verbs)) + ")?") if verbs else re.compile("")


@functools.lru_cache(maxsize=8)
def _base_gap_re(lexicon: ClaimLexicon) -> re.Pattern[str]:
    """What may stand between a base time and its figure: 同期 and 的 (比2023年同期的)."""
    words = [*lexicon.change.get("base_after", ()), *lexicon.grammar.get("relative_marks", ())]
    return re.compile("(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")*")


def _names_a_base(reading: str, time: Mention, lexicon: ClaimLexicon) -> bool:
    """True for a period that names a comparison's base (比2019年, 恢复到2019年同期的), not the figure's period."""
    before = reading[max(0, time.reading_start - 3):time.reading_start]
    after = reading[time.reading_end:time.reading_end + 3]
    return (any(before.endswith(word) for word in lexicon.change.get("base_before", ()))
            or any(after.startswith(word) or time.text.endswith(word) for word in lexicon.change.get("base_after", ()))
            or _in_base_frame(reading, time, lexicon))


def _in_base_frame(reading: str, time: Mention, lexicon: ClaimLexicon) -> bool:
    """True for a time inside a comparison's base frame of its clause (同2010年第六次全国人口普查相比, 和上年相比)."""
    frames = [frame.partition("…")[::2] for frame in lexicon.change.get("base_frames", ())]
    openers = tuple(opener for opener, _ in frames)
    head = PHRASE_BREAK.split(reading[max(time.reading_start - FRAME_REACH, 0):time.reading_start])[-1]
    tail = PHRASE_BREAK.split(reading[time.reading_end:time.reading_end + FRAME_REACH], maxsplit=1)[0]
    for opener, closer in frames:
        at = tail.find(closer)
        if at < 0:
            # No closing word in the clause: no frame of this pair.
            continue
        inside = tail[:at]
        for word in lexicon.change.get("base_after", ()):
            # 与2019年同期水平相比: 同期 belongs to the base, it opens no frame.
            inside = inside.replace(word, " ")
        if any(word in inside for word in openers):
            # The closing word closes a later frame (同时2024年产量与上年相比).
            continue
        rest = tail[at + len(closer):]
        if rest[:1].isdigit() or rest.startswith(tuple(lexicon.grammar.get("base_time_starts", ()))):
            # 相比2023年, 相比上年: the word opens a base of its own, it closes no frame around this time.
            continue
        if head.endswith(opener) or head.lstrip().startswith(opener):
            # 同2010年…相比 right after the opening word, or 同第六次全国人口普查2010年…相比 opening the clause.
            return True
    return False


def _target_end(reading: str, time: Mention, lexicon: ClaimLexicon) -> int:
    """Where the target noun ends that a time after a completion verb names the period of (完成全年500万人目标的58%:
    after 目标), or 0 when no completion verb stands before the time or no target noun follows it in its clause."""
    if not reading[max(0, time.reading_start - TARGET_REACH):time.reading_start].endswith(
            tuple(lexicon.grammar.get("completion_verbs", ()))):
        # 全年目标是…, “十五五”时期主要目标: a plan's own time, which dates its figures.
        return 0
    clause = reading[time.reading_end:time.reading_end + TARGET_REACH]
    end = next((i for i, ch in enumerate(clause) if ch in "，,。；;\n"), len(clause))
    found = _target_nouns(lexicon).search(clause, 0, end)
    return time.reading_end + found.end() if found else 0


@functools.lru_cache(maxsize=8)
def _target_nouns(lexicon: ClaimLexicon) -> re.Pattern[str]:
    """The nouns of a target (目标任务, 目标), longest first; never matching if none."""
    words = sorted(lexicon.grammar.get("target_nouns", ()), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else re.compile(r"(?!x)x")


def _spans_years(time: Mention) -> bool:
    """True for a time of more than one calendar year (十四五, 2021—2025年)."""
    period = time.period
    return period is not None and period.start is not None and period.end is not None and (
        period.end.year > period.start.year)


def _period_for(mention: Mention, sentence: Sentence, clause_start: int, times: list[Mention]) -> Mention | None:
    """The time expression that dates a figure: nearest before it in its clause, else in its sentence.

    `times` holds the sentence's own dated mentions (no durations), in text order.
    """
    before = [t for t in times if t.reading_start < mention.reading_start]
    # 一季度，…在近几年高位运行的基础上完成X: a vague span of no start (近几年, 多年来) sets the scene; a placed time
    # the sentence names dates the figure.
    before = [t for t in before if not _vague(t)] or before
    in_clause = [t for t in before if t.reading_start >= clause_start]
    if in_clause:
        return in_clause[-1]
    if before:
        return before[-1]
    after = [t for t in times if mention.reading_end <= t.reading_start]
    # A date after the figure (…达95.3万辆，为2024年…) is weaker evidence; take it only when alone.
    return after[0] if len(after) == 1 else None


def _year_to_month(reading: str, time: Mention | None, mention: Mention, lexicon: ClaimLexicon) -> Mention | None:
    """A month with 累计 between it and the figure (4月，收入累计完成24627万元) is the year up to that month's end."""
    period = time.period if time is not None else None
    if (time is None or period is None or period.start is None or period.end is None or period.cumulative
            or period.granularity != "month" or period.start.day != 1 or period.start.month == 1
            or (period.start.year, period.start.month) != (period.end.year, period.end.month)):
        # Only one whole month after January runs on from the year's start (1-4月 and 年初 are spans already).
        return time
    between = reading[time.reading_end:mention.reading_start]
    if "\n" in between or not any(word in between for word in lexicon.grammar.get("over_span", ())):
        # No 累计 between them, or a paragraph apart: the month's own figure.
        return time
    return attrs.evolve(time, period=attrs.evolve(period, start=period.start.replace(month=1), cumulative=True))


def _dates_a_later_figure(reading: str, mention: Mention, time: Mention) -> bool:
    """True for a time after the figure whose own clause goes on to state a figure (…，1—2月份为下降9.4%)."""
    if time.reading_start < mention.reading_end:
        # A time before the figure may date it.
        return False
    clause = CLAUSE_MARK.search(reading, time.reading_end)
    end = clause.start() if clause is not None else len(reading)
    return NUMBER_START.search(reading, time.reading_end, min(end, time.reading_end + PREFIX_REACH)) is not None


def _vague(time: Mention) -> bool:
    """True for a vague span with no start (近几年, 多年来): it names no period a figure could be of."""
    return time.period is not None and time.period.approximate and time.period.start is None


def _subject(
    clause: str, sentence: str, context: _Context | str, lexicon: ClaimLexicon, places: ArticlePlaces,
    main: str = "",
) -> tuple[str, Source]:
    """The entity a figure is about and where it was read: the clause, else the sentence, else the heading.

    `context` is the sentence's context (its subject read only when the clause and sentence name none), or a name.
    """
    # The topic of a Chinese clause comes first: 两江新区…是重庆…的主阵地 is about 两江新区.
    # A figure in its sentence's first clause reads the same text twice: once is enough.
    text, entity = clause, _first_entity(clause, lexicon)
    if entity is None and sentence != clause:
        text, entity = sentence, _first_entity(sentence, lexicon)
    found = entity.name if entity is not None else ""
    if entity is not None and _a_part(text, entity, lexicon) and any(
            mark in clause for mark in lexicon.grammar.get("share_whole_mark", ())):
        # 秦州、麦积两区…，占全市总接待人次的62.8%: a share of a group of the whole's parts is the whole's figure, as
        # the group's other figures are; the place after 占 names it. (A share whose part names no place is the
        # article's place's, read from the context: 其中，出口…，占我国出口总值的15.8%.)
        found = _whole_place(clause, lexicon) or found
    source: Source = "lexicon" if found else "context"
    in_context = "" if found else context if isinstance(context, str) else context.subject
    national = _national(lexicon)
    if not found and in_context == national and main not in ("", national):
        # 进入全国前8位 in the paragraph before: in an article about a place, 全国 there is a yardstick.
        in_context = ""
    found = found or in_context
    if found == "@region":
        # 全区 in a report of an autonomous region (宁夏) or a district's bulletin (东宝区) is the region or district;
        # elsewhere a district named before.
        found = main if main in _regions(lexicon) or main.endswith(tuple(lexicon.grammar.get(
            "region_ref_suffixes", ()))) and lexicon.levels.get(main) == "county" \
            else "@unknown"
    if found == "@county":
        # 全县, 我县 in a county's bulletin or report are the county; elsewhere a county named before.
        found = main if lexicon.levels.get(main) == "county" else "@unknown"
    if found == "@unknown":
        # 全区, 该区: a district named elsewhere; too unsure to guess, and no fallback on the article's place.
        return "", "guessed"
    if found == CITY_REF and places.source_of(places.city) != "context" and lexicon.levels.get(main) == "county":
        # 全市 in a county's text is the city the county belongs to, which the text does not name.
        return "", "guessed"
    if found in (CITY_REF, PROVINCE_REF):
        # 全市/我市 name the article's city, 全省 its province: read from the whole article.
        found = places.resolve(found)
        source = places.source_of(found)
    if found == "@company":
        # 该公司 names the article's company, read from the whole article.
        source = "context"
    return found, source if found else "none"


@functools.lru_cache(maxsize=8)
def _regions(lexicon: ClaimLexicon) -> frozenset[str]:
    """The subjects of the autonomous regions (宁夏, 广西), whose 全区 is the whole province."""
    return frozenset(subject for name, subject in lexicon.subjects.items()
                     if name.endswith(tuple(lexicon.grammar.get("autonomous_suffixes", ())))
                     and lexicon.levels.get(subject) == "province")


def _is_place(text: str, match: re.Match[str], lexicon: ClaimLexicon) -> bool:
    """True for a real place name (沙坪坝区, 武汉市), not 园区, 城区 or 2025年园区."""
    name = match.group("name")
    if match.group("suffix") + text[match.end():match.end() + 1] in lexicon.grammar.get("suffix_words", ()):
        # 航空运输市场, 合理区间: the suffix begins a word of its own.
        return False
    # 全省地区, 实现地区: a name ending in a word such as 地区 or 园区 is no place.
    not_places = lexicon.not_places
    return (match.group() not in not_places and name[-1] not in lexicon.grammar.get("not_name_ends", ())
            and name[-1] + match.group("suffix") not in not_places
            and not any(ch in lexicon.grammar.get("non_name_chars", ()) for ch in name))


def _is_zone_of_place(match: re.Match[str], lexicon: ClaimLexicon) -> bool:
    """True for a zone named after a division (成都高新区, 西安经开区): a place of its own, not its city."""
    whole, zones = match.group(), lexicon.grammar.get("zones", ())
    return whole.endswith(zones) and any(whole.endswith(zone) and lexicon.subjects.get(whole[:-len(zone)]) in
                                         lexicon.levels for zone in zones)


def _national(lexicon: ClaimLexicon) -> str:
    """The subject of the whole country (全国, which 我国 names too), or '' when the lexicon names none."""
    return next(iter(lexicon.grammar.get("national", ())), "")


def _unit_group(lexicon: ClaimLexicon, group: str) -> tuple[str, ...]:
    """The units of a group of the lexicon's grammar: percent_units (%), points_units (个百分点), times_units (倍)."""
    return lexicon.grammar.get(group, ())


@functools.lru_cache(maxsize=8)
def _rate_units(lexicon: ClaimLexicon) -> frozenset[str]:
    """The units of rates and ratios (%, 个百分点, 倍): no noun after them is what they measure."""
    return frozenset(unit for group in ("percent_units", "points_units", "times_units")
                     for unit in _unit_group(lexicon, group))


@functools.lru_cache(maxsize=8)
def _continues(lexicon: ClaimLexicon) -> re.Pattern[str]:
    """A clause that only moves on to a new value (突飞猛进到95.3万辆): a few words, a verb of the lexicon's
    continue_verbs, and a few more characters."""
    verbs = lexicon.grammar.get("continue_verbs", ())
    return re.compile(rf"^[\u4e00-\u9fff]{{0,6}}?{_one_of(verbs)}[\s\S]{{0,12}}$") if verbs else NEVER


@functools.lru_cache(maxsize=8)
def _per_count(lexicon: ClaimLexicon) -> re.Pattern[str]:
    """A per word that takes a number and a classifier after it (每10股, 每百元, 每万人)."""
    words = lexicon.grammar.get("per_count", ())
    return re.compile(rf"{_one_of(words)}[\d{COUNT_NUMERALS}]*[\u4e00-\u9fff]") if words else NEVER


@functools.lru_cache(maxsize=8)
def _genitive_blanks(genitives: tuple[str, ...]) -> dict[int, str]:
    """A translation table blanking every character of the genitive words (的, 中的, 之)."""
    return {ord(ch): " " for word in genitives for ch in word}


@functools.lru_cache(maxsize=8)
def _dateline(lexicon: ClaimLexicon) -> re.Pattern[str]:
    """A dateline's day right after a place (北京1月17日电, 生意社01月02日讯): month, day and a mark of the lexicon's;
    never matching without marks."""
    grammar = lexicon.grammar
    marks, months, days = (grammar.get(key, ()) for key in ("dateline_marks", "month_marks", "day_marks"))
    if not (marks and months and days):
        return re.compile(r"(?!x)x")
    number = "(?:\\d{1,2}|[" + "".join(sorted(HEADING_NUMERALS)) + "]{1,3})"
    return re.compile(rf"\s*{number}{_one_of(months)}{number}{_one_of(days)}{_one_of(marks)}")


def _comparative_length(text: str, at: int, lexicon: ClaimLexicon) -> int:
    """The length of a comparative word starting at `at` (高 in 比全省高1.9个百分点), else 0."""
    return next((len(word) for word in lexicon.grammar.get("comparatives", ()) if text.startswith(word, at)), 0)


@functools.lru_cache(maxsize=8)
def _ranked_in(lexicon: ClaimLexicon) -> re.Pattern[str]:
    """A rank right after a place (全省排位第五, 全省第8位, 全省第一): a verb and mark, or a mark, a number and a rank's
    end word or no word (第一产业 is no rank); never matching without marks."""
    verbs, marks, ends = (lexicon.grammar.get(key, ()) for key in ("rank_verbs", "rank_marks", "rank_ends"))
    if not marks:
        return re.compile(r"(?!x)x")
    # 全省第一 ending its clause or line ranks too; 全省第一产业 goes on with a word.
    numbered = _one_of(marks) + r"[\d" + "".join(sorted(HEADING_NUMERALS)) + "]+(?:" + "|".join(
        [*map(re.escape, ends), r"(?!\w)"]) + ")"
    verbal = _one_of(verbs) + _one_of(marks) if verbs else ""
    return re.compile("|".join(pattern for pattern in (verbal, numbered) if pattern) or r"(?!x)x")


def _one_of(words: tuple[str, ...]) -> str:
    """An alternation of words as a group of a pattern."""
    return "(?:" + "|".join(map(re.escape, words)) + ")"


def _is_source(text: str, match: re.Match[str], lexicon: ClaimLexicon) -> bool:
    """True for a place named as a source, a dateline or a yardstick (据杭州海关统计, 北京1月17日电, 在全国占比)."""
    before = text[max(0, match.start() - 1):match.start()]
    marks = lexicon.grammar
    if (before in marks.get("source_marks", ()) or lexicon.source_re.match(text, match.end())
            or _dateline(lexicon).match(text, match.end())):
        # 新华社北京1月17日电: the place a report was filed from is not what its figures are about.
        return True
    if before in marks.get("gap_marks", ()) and NUMBER_START.match(
            text, match.end() + _comparative_length(text, match.end(), lexicon)):
        # 高于全国1.7个百分点, 比全省高1.9个百分点: the place a gap is measured against.
        return True
    if _ranked_in(lexicon).match(text, match.end()):
        # 全省排位第五, 全省第8位: the field a figure is ranked in.
        return True
    return before in marks.get("yardstick_marks", ()) and bool(lexicon.yardstick_re.match(text, match.end()))


def _names_a_whole(text: str, match: re.Match[str], lexicon: ClaimLexicon) -> bool:
    """True for a place right after 占 (粮食增产量111.5亿斤，占全国总增产量的22.5%): it names the whole a share is of,
    whatever words of that whole follow it; whose share it is stands before 占. (It still says where the article
    is, so it counts among the places an article names.)"""
    return text[max(0, match.start() - 1):match.start()] in lexicon.grammar.get("share_whole_mark", ())


def _first_subject(text: str, lexicon: ClaimLexicon) -> str:
    """The first entity in a text: a lexicon subject, or a place name ending in 市/省/县/区/新区, not the whole of a
    share (占全国)."""
    found = _first_entity(text, lexicon)
    return found.name if found is not None else ""


def _whole_place(text: str, lexicon: ClaimLexicon) -> str:
    """The place a share in a text names as its whole after 占 (占全市总接待人次的 → 全市), or ''."""
    marks = lexicon.grammar.get("share_whole_mark", ())
    return next((entity.name for entity in _entities(text, lexicon, wholes=True)
                 if text[max(0, entity.start - 1):entity.start] in marks), "")


def _a_part(text: str, entity: _Entity, lexicon: ClaimLexicon) -> bool:
    """True for a place the gazetteer does not know (产业功能县) or the first of a list of places (四川、广东…等省):
    a part of a larger whole, or a group of them, rather than one subject."""
    return entity.place and (entity.name not in lexicon.levels or text.startswith("、", entity.end))


def _first_entity(text: str, lexicon: ClaimLexicon, wholes: bool = False) -> _Entity | None:
    """The first entity in a text, the wholes of shares (占全国) left out unless `wholes`.

    A place inside a phrase describing a later place is not it: 湖南第二经济大市、位于湘中的衡阳 is about 衡阳.
    """
    entities = _entities(text, lexicon, wholes)
    found = next(entities, None)
    if found is None:
        # The text names no entity at all.
        return None
    heads = lexicon.grammar.get("modifier_ends", ())
    for later in entities:
        between = text[found.end:later.start]
        if len(between) > MODIFIER_REACH or PHRASE_BREAK.search(between):
            # A clause mark or a long stretch ends the phrase: a later place is a subject of its own.
            break
        if later.place and text[found.start:later.start].endswith(heads):
            # The phrase may end inside the place's own name: 湖南省会长沙 reads as 湖南 + 省会 + 长沙.
            found = later
        elif not between and ((found.name, later.name) in lexicon.within
                              or (found.name, later.name) in lexicon.in_prefecture):
            # 湖南长沙, 四川成都, 怀化市溆浦县: a province or city written right before a place within it names that
            # place.
            found = later
    return found


class _Entity(NamedTuple):
    """An entity named in a text: its canonical name, where it stands, and whether it is a place.

    A named tuple, not a frozen attrs value: a text's scans build one per name they read, and a tuple is built in
    a third less time (read only inside this module, by field name).
    """

    name: str
    start: int
    end: int
    place: bool


def _entities(text: str, lexicon: ClaimLexicon, wholes: bool = False) -> Iterator[_Entity]:
    """The entities a text names, left to right: lexicon subjects and place names, sources (and, unless `wholes`,
    the wholes of shares) left out.

    Subjects and places are read as far as the caller asks (the first subject of a paragraph is near its start);
    company references and runs of abbreviations, rare, are found at once.
    """
    subjects = lexicon.subjects
    names = ((m, subjects[m.group()]) for m in lexicon.subject_re.finditer(text)
             if not _is_source(text, m, lexicon) and (wholes or not _names_a_whole(text, m, lexicon)))
    refs, runs = _company_refs(lexicon), lexicon.abbreviation_re.finditer(text)
    others = [(m, "@company") for m in refs.finditer(text) if not _ends_a_word(text, m, lexicon)] if refs.search(
        text) else []
    # 川渝两地, 苏浙沪三省市: the provinces together, one subject
    others += [(m, "、".join(lexicon.abbreviations[c] for c in m.group())) for m in runs]
    # A stable sort keeps references before runs at one start; subjects come before both.
    known = _merged(names, sorted(others, key=lambda named: named[0].start())) if others else names
    places = (m for m in lexicon.place_re.finditer(text)
              if (_is_place(text, m, lexicon) or _is_zone_of_place(m, lexicon)) and not _is_source(text, m, lexicon)
              and (wholes or not _names_a_whole(text, m, lexicon))
              ) if _place_suffixes(lexicon).search(text) else iter(())
    name, place = next(known, None), next(places, None)
    while name is not None or place is not None:
        if place is not None and (name is None or place.start() < name[0].start()
                                  or place.start() == name[0].start() and place.end() > name[0].end()):
            # 西安高新区 is not 西安: the longer name starting at the same place wins.
            yield _Entity(_place_subject(place, lexicon), place.start(), place.end(), True)
            end, place = place.end(), next(places, None)
        else:
            assert name is not None, "a name is left when no place comes first"
            yield _Entity(name[1], name[0].start(), name[0].end(), name[1] in lexicon.levels)
            end, name = name[0].end(), next(known, None)
        # Names overlapping the one just read are parts of it.
        while name is not None and name[0].start() < end:
            name = next(known, None)
        while place is not None and place.start() < end:
            place = next(places, None)


_Named = tuple[re.Match[str], str]


def _merged(first: Iterator[_Named], second: list[_Named]) -> Iterator[_Named]:
    """Two runs of names in text order as one, the first's before the second's at one start."""
    index = 0
    for named in first:
        while index < len(second) and second[index][0].start() < named[0].start():
            yield second[index]
            index += 1
        yield named
    yield from second[index:]


@functools.lru_cache(maxsize=8)
def _place_suffixes(lexicon: ClaimLexicon) -> re.Pattern[str]:
    """Any place suffix (市, 新区): no place name stands in a text without one."""
    suffixes = lexicon.place_suffix
    return re.compile("|".join(map(re.escape, suffixes))) if suffixes else re.compile(r"(?!x)x")


def _ends_a_word(text: str, match: re.Match[str], lexicon: ClaimLexicon) -> bool:
    """True for a reference to the article's company that ends a longer word or a count (上市公司, 8家公司)."""
    before = text[max(0, match.start() - 1):match.start()]
    if not before:
        # A reference opening the text stands alone.
        return False
    grammar = lexicon.grammar
    # 8个公司, 3家公司 count companies; a word character before ends a word (上市公司), a time word does not.
    return (before.isdigit() or before in grammar.get("classifiers", ())
            or bool(CJK_RUN.match(before)) and before not in grammar.get("non_name_chars", ()))


@functools.lru_cache(maxsize=8)
def _company_refs(lexicon: ClaimLexicon) -> re.Pattern[str]:
    """The words that refer to the article's company (该公司, 公司), longest first; none without a lexicon list."""
    refs = lexicon.grammar.get("company_refs", ())
    return re.compile("|".join(map(re.escape, refs))) if refs else re.compile(r"(?!x)x")


def _article_company(reading: str, lexicon: ClaimLexicon) -> str:
    """The company an article is about: the first its title or lead names in full (长江电力股份有限公司 → 长江电力)."""
    suffixes = lexicon.grammar.get("company_suffixes", ())
    if not suffixes:
        # A lexicon without company suffixes names no company.
        return ""
    stops = re.escape("".join(lexicon.grammar.get("non_name_chars", ())))
    pattern = re.compile(rf"([^\W\d_{stops}]{{2,12}}?)(?:{'|'.join(map(re.escape, suffixes))})")
    found = pattern.search(reading[:LEAD_REACH])
    return found.group(1) if found else ""


def _name_the_company(claims: list[Claim], company: str, main: tuple[str, Source]) -> list[Claim]:
    """Give figures about 该公司/公司 the article's company as subject, else the article's main subject."""
    out = []
    for claim in claims:
        if claim.subject != "@company":
            out.append(claim)
            continue
        # An article that names no company in full (a report on many) speaks of its main subject, as before.
        named: tuple[str, Source] = (company, "context") if company else main
        subject, source = named
        understood = attrs.evolve(claim.understood, subject=source if subject else "none")
        out.append(attrs.evolve(claim, subject=subject, understood=understood))
    return out


def _name_by_company_name(claims: list[Claim], company: str, known_as: str, reading: str) -> list[Claim]:
    """Give figures whose clause names the article's company, in full or by a short name, that company as subject.

    A short name is the one the lead states (`known_as`: 国联股份) or the full name cut after at least SHORT_NAME
    characters (隆基绿能科技 → 隆基绿能). It replaces a subject the figure took from its context, or a place read
    inside the company's name (宁德 of 宁德时代, 北京 of 北京国联视讯); a place the clause names beside it stays.
    """
    if not company and not known_as:
        # An article that names no company has no short name to resolve.
        return claims
    forms = ([known_as] if known_as != company else []) + [
        company[:n] for n in range(len(company), min(SHORT_NAME, len(company)) - 1, -1)]
    out = []
    for claim in claims:
        start = claim.mention.reading_start
        clause = reading[max(claim.sentence_start, start - PREFIX_REACH):start]
        named = next((form for form in forms if form in clause), "")
        inside = bool(claim.subject) and claim.subject in named
        # 北京 read from a paragraph naming 北京国联视讯…: a place inside the company's name, not the figure's subject.
        from_name = claim.understood.subject == "context" and bool(claim.subject) and claim.subject in company
        if claim.subject == known_as or not from_name and (
                not named or not inside and claim.understood.subject == "lexicon"):
            # The clause names no form of the company, or names a place of its own beside it.
            out.append(claim)
            continue
        understood = attrs.evolve(claim.understood, subject="context")
        out.append(attrs.evolve(claim, subject=known_as, understood=understood))
    return out


def _place_subject(place: re.Match[str], lexicon: ClaimLexicon) -> str:
    """The subject a place name stands for: its lexicon name, else the name without 市/省, else the name."""
    name = place.group()
    if name in lexicon.subjects:
        return lexicon.subjects[name]
    for cut in range(2, len(name) - 1):
        # 湖南长沙县: a province written right before one of its counties names the county.
        province, rest = lexicon.subjects.get(name[:cut], ""), lexicon.subjects.get(name[cut:], "")
        if (province, rest) in lexicon.within:
            return rest
    # 武汉市 and 武汉 are one subject; districts and counties keep their suffix.
    return place.group("name") if place.group("suffix") in lexicon.plain_suffix else name


def _metric(clause: str, sentence: str, context: _Context, period: Mention | None, lexicon: ClaimLexicon,
            unit: str) -> Metric:
    """The metric a figure measures: [scope|]industry|measure, or the words before the figure."""
    head = lexicon.trailing_filler_re.sub("", clause)
    if head.endswith(_rank_marks(lexicon)):
        # 人均博物馆拥有量居全国第1位: a rank names what is ranked before its frame (居全国第).
        head = _without_rank_frame(head, lexicon)
    if period is not None and period.text:
        # The time's words name no metric (the publication day has none: "".replace would space every character).
        head = head.replace(period.text, " ")
    measures = list(lexicon.measure_re.finditer(head))
    if not measures and not lexicon.subject_re.search(head) and _continues(lexicon).search(head):
        # 产量从4.3万辆，突飞猛进到95.3万辆: a clause that only moves on to a new value continues the sentence's metric.
        head = lexicon.trailing_filler_re.sub("", sentence)
        if period is not None and period.text:
            head = head.replace(period.text, " ")
        measures = list(lexicon.measure_re.finditer(head))
    if not measures:
        # The lexicon knows no measure here: the noun phrase before the figure names it (open vocabulary).
        return segmented_metric(head, lexicon)
    measure_match = measures[-1]
    rest = _after_measure(head[measure_match.end():], lexicon)
    if rest:
        # 每百元营业收入中的成本为83.72元: the measure only qualifies the words after it, which name the figure.
        return segmented_metric(rest, lexicon)
    measure = lexicon.measures[measure_match.group()]
    allowed = lexicon.measure_units.get(measure)
    changes = (*_unit_group(lexicon, "times_units"), *_unit_group(lexicon, "points_units"))  # 倍, 个百分点
    if allowed is not None and unit not in allowed and unit not in ("", *changes):
        # 企业…各方近300位嘉宾, 千人口床位数6.4张: a figure in 位 or 张 does not count 企业 or 人口; the words
        # before the figure name it, when they name anything.
        return segmented_metric(head, lexicon)
    before_measure = head[:measure_match.start()]
    traded = _object_of(measure_match.group(), head[measure_match.end():], lexicon)
    if traded:
        # 出口钢材578.3亿元: the object of a trade measure names what is traded, not the words before it.
        return Metric(measure, traded, _scopes_in(before_measure, lexicon), industry_known=False,
                      industry_segmented=True)
    own = _own_words(before_measure, lexicon)
    industry = _last_run(lexicon.industry_re, before_measure)
    if not industry and not own and measure not in lexicon.grammar.get("measures_of_people", ()):
        # An industry named earlier in the sentence or paragraph qualifies its measures, never a count of people;
        # a semicolon opens another item (社会消费品零售总额增长5.1%；进出口增长4.5%): an industry of the items
        # before it is not this one's, the paragraph's still is.
        item = re.split(r"[；;]", sentence)[-1]
        industry = _last_run(lexicon.industry_re, item) or context.industry
    scopes = _scopes_in(before_measure, lexicon)
    per = "" if unit in _rate_units(lexicon) else _per_unit(head[measure_match.end():], lexicon)
    if per:
        # 新增就业年均超过1300万人 is a yearly average, never the total of one year: its raw words say so.
        return Metric(measure, per + (industry or own), scopes, industry_known=False)
    if industry:
        return Metric(measure, industry, scopes)
    if own:
        # Raw words the lexicon does not know: a noun phrase by the segmenter names the industry, else they stay
        # raw. The last item of a list (水电、风电、光伏发电量) shares the measure with the others, and words after
        # the measure (企业特色产业集群, 营收和利润) may name another figure: neither is certain.
        after = head[measure_match.start():]
        length = measure_match.end() - measure_match.start()
        phrase = "" if _ends_a_list(before_measure, lexicon) else _industry_phrase(
            _raw_words(before_measure, lexicon), lexicon)
        unsure = phrase and (measure_match.group() in lexicon.grammar.get("vague_measures", ())
                             or any(word in re.split(r"\d", after[length:], maxsplit=1)[0]
                                    for word in (*lexicon.grammar.get("joiners", ()), "、"))
                             or _noun_after_measure(after, length, lexicon) != "")
        phrase = "" if unsure else phrase
        return Metric(measure, phrase or own, scopes, industry_known=False, industry_segmented=bool(phrase))
    return Metric(measure, "", scopes)


def _object_of(measure: str, rest: str, lexicon: ClaimLexicon) -> str:
    """The noun phrase a measure that takes an object governs before the figure (钢材 of 出口钢材), or ''."""
    if measure not in lexicon.grammar.get("object_measures", ()):
        # 产量, 投资: what they measure stands before them.
        return ""
    words = lexicon.trailing_filler_re.sub("", rest).strip()
    if not words or not CJK_RUN.fullmatch(words) or words.endswith(lexicon.grammar.get("measure_tails", ())):
        # Nothing after the measure, marks and figures, or words restating it (出口总值, 进口货值, 贸易额).
        return ""
    return _industry_phrase(words, lexicon)


def _ends_a_list(before_measure: str, lexicon: ClaimLexicon) -> bool:
    """True when the words before a measure are the last item of a list (水电、风电、光伏发电量) that shares it.

    Figures between the marks (…1.55万家、科技型中小企业达2.8万家) make them clauses of their own, no list.
    """
    found = LISTED_LAST.search(before_measure)
    if found is None or re.search(r"\d", before_measure[:found.start()]):
        return False
    # 三、全国粮食总产量: the number of a numbered heading or item ends at the mark, no list item before it.
    opening = before_measure[:found.start()].strip()
    ordinals = "".join(lexicon.grammar.get("ordinal_marks", ()))
    return not opening or not all(ch in HEADING_NUMERALS for ch in opening[-3:].lstrip(ordinals))


def _industry_phrase(own: str, lexicon: ClaimLexicon) -> str:
    """The segmenter's noun phrase of an industry's raw words (欧盟实际 → 欧盟), or '' when they are none."""
    from checker.claims.segment import industry_phrase

    return industry_phrase(own, *_industry_words(lexicon), frozenset(lexicon.grammar.get("joiners", ())))


@functools.lru_cache(maxsize=8)
def _industry_words(lexicon: ClaimLexicon) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The words left out of an industry's name, the activities that may end it and the actions that may open it."""
    grammar = lexicon.grammar
    # Joiners stay: A和B before a measure names two industries, no one.
    drop = (frozenset(lexicon.metric_filler) | frozenset(grammar.get("company_refs", ()))) - frozenset(
        (*grammar.get("joiners", ()), *lexicon.enumeration.get("open_marks", ())))
    actions = frozenset((*lexicon.metric_filler, *grammar.get("industry_actions", ()),
                         *(word for group in ("to", "down", "by") for word in lexicon.change.get(group, ()))))
    return drop, frozenset(grammar.get("industry_activities", ())), actions


@functools.lru_cache(maxsize=8)
def _tail_words(lexicon: ClaimLexicon) -> frozenset[str]:
    """Words after a measure that leave it the figure's head: fillers, per-unit words and the measure's own tails."""
    return frozenset((*lexicon.metric_filler, *lexicon.per_unit, *lexicon.grammar.get("measure_tails", ())))


@functools.lru_cache(maxsize=8)
def _rank_marks(lexicon: ClaimLexicon) -> tuple[str, ...]:
    """The words right before a rank's number (第 of 第5位), longest first, as one tuple for str.endswith."""
    return tuple(sorted(lexicon.grammar.get("rank_marks", ()), key=len, reverse=True))


def _without_rank_mark(text: str, lexicon: ClaimLexicon) -> str:
    """A text without the rank mark that ends it (居全国第 → 居全国)."""
    found = next((mark for mark in _rank_marks(lexicon) if text.endswith(mark)), "")
    return text[:len(text) - len(found)]


def _without_rank_frame(head: str, lexicon: ClaimLexicon) -> str:
    """A head without the frame of a rank that ends it (居全国第, 从全国第10位升至第), so its metric words end it."""
    words = tuple(sorted((*lexicon.grammar.get("rank_verbs", ()), *lexicon.grammar.get("rank_fields", ())),
                         key=len, reverse=True))
    head = _without_rank_mark(head, lexicon)
    while True:
        place = lexicon.subject_re.search(head[-4:]) if head else None
        if place is not None and place.end() == len(head[-4:]):
            # 全国, 全省: the field a rank is counted in.
            head = head[:len(head) - len(place.group())]
            continue
        found = next((word for word in words if head.endswith(word)), None)
        if found is None:
            return head
        head = head[:-len(found)]


def _qualifies_a_noun(mention: Mention, clause_prefix: str, lexicon: ClaimLexicon) -> bool:
    """True for a figure that qualifies the noun after it rather than measuring it: an age or a span (80岁以上老年人,
    240小时过境), a class (千亿级产业集群, 亿元以上项目), a threshold passed (过10万亿元省份, 迈入万亿级城市) or a
    rate per head (每10万人口)."""
    assert mention.quantity is not None, "claims are read from quantity mentions only"
    grammar = lexicon.grammar
    before = clause_prefix.rstrip()
    return (mention.quantity.unit in grammar.get("qualifier_units", ())
            or mention.text.endswith(tuple(grammar.get("qualifier_tails", ())))
            or before.endswith(tuple((*grammar.get("thresholds", ()), *lexicon.per_unit))))


def _counted_after(reading: str, mention: Mention, context: _Context, lexicon: ClaimLexicon,
                   any_unit: bool = False) -> Metric:
    """What a count names right after its classifier (建成125个县域医共体, 19家整车企业), or no metric; with
    `any_unit`, what any figure names right after it (46.1万亩高标准农田建设, 242万偏远农村居民)."""
    from checker.claims.segment import noun_after_name, nouns_after, tag_words

    assert mention.quantity is not None, "claims are read from quantity mentions only"
    if not any_unit and mention.quantity.unit not in lexicon.grammar.get("classifiers", ()):
        # 254万辆, 5.2万亿元: an amount's noun comes before it (汽车产量254万辆).
        return Metric()
    window = reading[mention.reading_end:mention.reading_end + PREFIX_REACH // 6]
    quoted = QUOTED_AFTER.match(window)
    if quoted is not None:
        # 196个“两重”项目, 35项“高效办成一件事”: the quoted name, with the noun after it, is what is counted.
        rest = CLAUSE_END.split(window[quoted.end():], maxsplit=1)[0]
        return Metric(quoted.group(1) + noun_after_name(rest), measure_known=False, industry_known=False,
                      segmented=True)
    after = CLAUSE_END.split(reading[mention.reading_end:mention.reading_end + PREFIX_REACH // 10], maxsplit=1)[0]
    scope = next((word for word in lexicon.scopes if after.startswith(word)), "")
    words = tag_words(after[:SHORT_NAME]) if after else ()
    if words and words[0][0] in lexicon.grammar.get("counted_places", ()):
        # 16个区, 8个市: divisions counted, each named by one character (which no noun phrase is).
        return Metric(words[0][0], measure_known=False, industry_known=False, segmented=True)
    noun = nouns_after(after[len(scope):], frozenset(lexicon.grammar.get("relative_marks", ())))
    if any_unit and noun.startswith(tuple(lexicon.grammar.get("vague_names", ()))):
        # 突破3万亿元大关, 十一次全会: a milestone or a meeting's name after the figure names nothing it measures.
        return Metric()
    if len(noun) < 2:
        # 新增企业30家，: the figure ends its clause, its noun stands before it.
        return Metric()
    # The noun is read alone (规上零部件企业): an industry named earlier in the paragraph is not part of it.
    return _metric(scope + noun, scope + noun, attrs.evolve(context, with_industry=False), None, lexicon, "")


def _scopes_in(text: str, lexicon: ClaimLexicon) -> tuple[str, ...]:
    """The scopes a text names, each under its one wording (规模以上 → 规上), sorted."""
    return _aliased_scopes([s for s in lexicon.scopes if s in text], lexicon)


def _aliased_scopes(named: list[str], lexicon: ClaimLexicon) -> tuple[str, ...]:
    """Scope words, each under its one wording (规模以上 → 规上), sorted, once each."""
    return tuple(sorted({lexicon.scope_aliases.get(s, s) for s in named}))


def segmented_metric(head: str, lexicon: ClaimLexicon) -> Metric:
    """A metric the lexicon does not know: the last noun phrase of a head, cut by the segmenter, scopes apart."""
    from checker.claims.segment import noun_phrase

    if any(word in head for word in lexicon.change.get("base_after", ())):
        # 恢复至2019年同期的73.9%: a ratio to a base period, whose words name the base, not this figure.
        return Metric()
    if any(word in head for word in lexicon.grammar.get("contributions", ())) and any(
            word in head for word in lexicon.change.get("by", ())):
        # 第二产业…拉动经济增长2.73个百分点: a contribution to another figure's growth names that figure, not its own.
        return Metric()
    text = _without_places(lexicon.subject_re.sub(" ", lexicon.trailing_filler_re.sub("", head)), lexicon)
    per_unit = _per_unit(text, lexicon)
    named = [word for word in lexicon.scopes if word in text]
    scopes = _aliased_scopes(named, lexicon)
    for word in named:
        # 全国/全省/全市 are subjects (removed above), 规上/城镇 scopes: neither is part of the metric's name. The words
        # around a scope close up (家禽累计出栏 → 家禽出栏: a blank would leave only 出栏 to read).
        text = text.replace(word, "")
    # A verb of change ends the phrase that names what changes (铁路发送旅客增长 → 铁路发送旅客), unless it opens a
    # noun of a rate (自然增长率).
    text = _change_verbs(lexicon).sub(" ", text)
    run = CJK_RUN.search(text.rstrip())
    if run is None or len(run.group()) < 2:
        # No words right before the figure (a bare 增长5%): nothing names the metric.
        return Metric()
    name = noun_phrase(run.group(), frozenset(lexicon.metric_filler))
    if len(name) < 2 or name in lexicon.grammar.get("measure_tails", ()) or name in lexicon.grammar.get(
            "vague_names", ()):
        # 数量, 规模, 目标任务 alone name no metric: what they count stands elsewhere.
        return Metric()
    if name == per_unit:
        # 日均环比增长3.2%: 日均 alone says per what, not what is measured.
        return Metric()
    if per_unit and not name.startswith(per_unit):
        # 每10股派发现金红利2.13元 is per share, never the total 现金红利: the per-unit words stay in the name.
        name = per_unit + name
    return Metric(name, scopes=scopes, measure_known=False, industry_known=False, segmented=True)


def _without_places(text: str, lexicon: ClaimLexicon) -> str:
    """A text with its place names blanked, words that only end like one kept (老旧小区, 园区)."""
    text = lexicon.abbreviation_words_re.sub(" ", text)  # 川渝两地 names places together
    return lexicon.place_re.sub(
        lambda m: " " if _is_place(text, m, lexicon) or _is_zone_of_place(m, lexicon) else m.group(), text)


@functools.lru_cache(maxsize=8)
def _change_verbs(lexicon: ClaimLexicon) -> re.Pattern[str]:
    """The verbs of change, longest first, not where they open a rate's noun (增长率, 增长速度)."""
    words = sorted({w for group in ("to", "down", "by", "of_change") for w in lexicon.change.get(group, ())}, key=len,
                   reverse=True)
    nouns = "|".join(map(re.escape, lexicon.grammar.get("rate_nouns", ())))
    after = f"(?!{nouns})" if nouns else ""
    return re.compile(f"(?:{'|'.join(map(re.escape, words))}){after}") if words else re.compile(r"(?!x)x")


def _per_unit(text: str, lexicon: ClaimLexicon) -> str:
    """The per-unit words of a head (人均, 日均, 每10股, 每百元), or ''."""
    found = ""
    for word in lexicon.per_unit:
        at = text.rfind(word)
        if at >= 0:
            # 每 takes the number and classifier after it (每10股, 每百元, 每万人).
            counted = _per_count(lexicon).match(text, at) if word in lexicon.grammar.get("per_count", ()) else None
            found = max(found, counted.group() if counted else word, key=len)
    return found


def _after_measure(rest: str, lexicon: ClaimLexicon) -> str:
    """The words a measure qualifies (营业收入中的成本): what follows it after 的, before the figure, in one clause."""
    genitives = lexicon.grammar.get("genitives", ())
    if not rest.startswith(genitives) or re.search(r"[\d，,；;、。]", rest):
        # Only a genitive makes the measure a qualifier; 产量同步跃升至, 产量从4.3万辆… name the measure itself.
        return ""
    for group in ("to", "down", "by", "particles"):
        for word in lexicon.change.get(group, ()):
            rest = rest.replace(word, " ")
    run = CJK_RUN.search(rest.translate(_genitive_blanks(genitives)).rstrip())
    return run.group() if run and len(run.group()) >= 2 else ""


def _noun_after_measure(text: str, length: int, lexicon: ClaimLexicon) -> str:
    """The words that may name a figure when a noun phrase follows its measure (企业特色产业集群), or ''.

    `text` opens with the measure (`length` characters) and runs to the figure. After a list mark only the last
    item counts (产量全球第一、优质鲜切花占比); a tail that restates the measure (数量, 总额) leaves it the head.
    """
    from checker.claims.segment import industry_phrase, tag_words

    parts = LIST_MARK.split(text)
    last = parts[-1] if len(parts) > 1 else text[length:]
    words = lexicon.trailing_filler_re.sub("", last)
    if lexicon.share_re.search(words):
        # 增加值占地区生产总值比重: a share names its whole after the verb; the share rule reads it.
        return ""
    for group in ("to", "down", "by"):
        for word in lexicon.change.get(group, ()):
            words = words.replace(word, " ")
    words = words.strip()
    if re.search(r"[\d\s]", words):
        # Another figure or a verb of change stands after the measure: its noun, if any, is not this figure's.
        return ""
    skip = _tail_words(lexicon)
    if all(word in skip for word, _ in tag_words(words)):
        # Nothing but fillers after the measure (产量首次, 投资年均), or words of its own (企业数量): the measure
        # names the figure.
        return ""
    if not industry_phrase(words, skip, frozenset(), frozenset()):
        # 产量稳定在, 产值居全国: verbs and places after the measure say what happened to it, not what is counted.
        return ""
    return last if len(parts) > 1 else text


def _own_words(before_measure: str, lexicon: ClaimLexicon) -> str:
    """An industry the lexicon does not know, named right before the measure (光电子信息产业营业收入)."""
    places = lexicon.place_re.sub("", lexicon.abbreviation_words_re.sub("", before_measure))
    words = lexicon.generic_re.sub("", lexicon.subject_re.sub("", places))
    for scope in lexicon.scopes:
        words = words.replace(scope, "")
    run = CJK_RUN.search(words)
    return _whole_words_tail(run.group(), lexicon) if run and len(run.group()) >= 2 else ""


def _raw_words(before_measure: str, lexicon: ClaimLexicon) -> str:
    """The words right before a measure with places, subjects and scopes left out, generic words kept inside a name
    (有色金属, 全产业链), for the segmenter to read."""
    words = lexicon.subject_re.sub(" ", _without_places(before_measure, lexicon))
    for scope in lexicon.scopes:
        words = words.replace(scope, " ")
    # 通车总里程, 煤制油年产量: a prefix glued to the measure is part of it, not of the industry's name.
    words = words.removesuffix(next((p for p in lexicon.grammar.get("measure_prefixes", ()) if words.endswith(p)), "@"))
    run = CJK_RUN.search(words)
    if run is None or words[max(0, run.start() - 1):run.start()] in QUOTES:
        # 共建“一带一路”国家: a quoted name ends right before the words, which are only the tail of the name.
        return ""
    return _whole_words_tail(run.group(), lexicon)


def _whole_words_tail(words: str, lexicon: ClaimLexicon) -> str:
    """The last RAW_WORDS_MOST characters of raw words, cut where a word of the segmenter begins (新增国家级临床重点
    专科 → 国家级临床重点专科, never 增国家级…)."""
    from checker.claims.segment import tag_words

    if len(words) <= RAW_WORDS_MOST:
        return words
    tagged = list(tag_words(words[-2 * RAW_WORDS_MOST:]))
    starts, at = [], len(words)
    for word, _ in reversed(tagged):
        at -= len(word)
        starts.append((at, word))
    kept = [index for index, (at, _) in enumerate(starts) if len(words) - at <= RAW_WORDS_MOST]
    if not kept:
        # One word longer than the reach: its characters are all there is to cut.
        return words[-RAW_WORDS_MOST:]
    index = kept[-1]
    if index + 2 < len(starts) and starts[index + 1][1] in lexicon.grammar.get("joiners", ()):
        # 机电产品和劳动密集型产品: a cut right after a joiner would name one of two; the word before it joins too.
        index += 2
    return words[starts[index][0]:]


def _last_run(pattern: re.Pattern[str], text: str) -> str:
    """The last run of adjacent matches in a text, joined (智能终端+制造业), or ''."""
    run: list[str] = []
    end = -1
    for match in pattern.finditer(text):
        run = run + [match.group()] if match.start() == end else [match.group()]
        end = match.end()
    return "".join(run)


def _modality(sentence_prefix: str, period: Mention | None, doc: Document, lexicon: ClaimLexicon) -> Modality:
    """actual, target or forecast, from the sentence's words and the period's place in time."""
    aims: tuple[Modality, ...] = ("target", "forecast")
    for modality in aims:
        # 根据规划，到2027年…将达到: a plan word makes a target even when 将达 follows.
        if _words_of(lexicon, modality).search(sentence_prefix):
            return modality
    start = period.period.start if period is not None and period.period is not None else None
    if start and doc.dct is not None and start > doc.dct.date:
        # 到2027年… with no marker word still speaks of the future: a target.
        return "target"
    return "actual"


@functools.lru_cache(maxsize=8)
def _words_of(lexicon: ClaimLexicon, modality: Modality) -> re.Pattern[str]:
    """A modality's marker words as one pattern (found anywhere in a text where any of them is); never matching if
    none."""
    words = lexicon.modality.get(modality, ())
    return re.compile("|".join(map(re.escape, words))) if words else re.compile(r"(?!x)x")


def _relation(mention: Mention, clause_prefix: str, lexicon: ClaimLexicon) -> tuple[Relation, Source]:
    """How the figure relates to its metric (a level, a change, a share, a multiple) and what decided it."""
    quantity = mention.quantity
    assert quantity is not None, "claims are read from quantity mentions only"
    unit = quantity.unit
    tail = _tail(clause_prefix, lexicon)
    if clause_prefix.endswith(_rank_marks(lexicon)):
        # 从第13位升至第5位: a rank orders subjects; it is no level of the metric.
        return "rank", "lexicon"
    if unit in _unit_group(lexicon, "points_units"):
        # 高于全国0.5个百分点 is a gap between subjects; only a verb of change makes a change in points.
        return _change_direction(tail, lexicon, by="points", to="points", down="points", other="gap")
    if unit in _unit_group(lexicon, "times_units"):
        if mention.text.startswith(lexicon.change.get("doubling", ())):
            return "times_to", "lexicon"
        return _change_direction(tail, lexicon, by="times_by", to="times_to", down="times_down", other="times_to")
    if unit in _unit_group(lexicon, "percent_units") or (unit == "" and quantity.high is None and quantity.value < 1):
        if lexicon.share_re.search(clause_prefix):
            return "share", "lexicon"
        if lexicon.average_rate_re.search(clause_prefix):
            # 年均增长12.5%: an average per year, compounded, not the change over the whole span.
            return "cagr", "lexicon"
        return _change_direction(tail, lexicon, by="change_pct", to="level", down="change_pct_down", other="level")
    if _changes_a_change(clause_prefix, lexicon):
        # 同比少增3419亿元: how much an increment changed, itself an increment (of the increment), never a level.
        return "increment", "lexicon"
    # 比上年增加888万吨: an absolute change (an increment), never a base or a level.
    relation, source = _change_direction(tail, lexicon, by="increment", to="level", down="increment", other="level")
    # An amount with no verb of change is a level: its unit says so.
    return relation, "unit" if source == "guessed" else source


def _tail(clause_prefix: str, lexicon: ClaimLexicon) -> str:
    """The last characters of a clause prefix, marks after a verb of change left out (增长了“ → 增长了)."""
    return clause_prefix.rstrip("".join(lexicon.grammar.get("tail_marks", ())))[-6:]


def _changes_a_change(clause_prefix: str, lexicon: ClaimLexicon) -> bool:
    """True when the figure after a clause prefix states a change of a change (同比少增3419亿元, 同比多增)."""
    words = lexicon.change.get("of_change", ())
    return bool(words) and bool(_verb_at_end(words, lexicon.change.get("particles", ())).search(
        _tail(clause_prefix, lexicon)))


def _change_direction(
    tail: str, lexicon: ClaimLexicon, *, by: Relation, to: Relation, down: Relation, other: Relation
) -> tuple[Relation, Source]:
    """Classify the change verb that ends a clause prefix (增长到 before 增长: longest first); other is a guess."""
    choices: tuple[tuple[Relation, str], ...] = ((to, "to"), (down, "down"), (by, "by"))
    for relation, group in choices:
        if _verb_at_end(lexicon.change.get(group, ()), lexicon.change.get("particles", ())).search(tail):
            return relation, "lexicon"
    return other, "guessed"


@functools.lru_cache(maxsize=64)
def _verb_at_end(words: tuple[str, ...], particles: tuple[str, ...]) -> re.Pattern[str]:
    """One of the verbs ending a text, perhaps followed by one particle (了, 约); compiled once per word list."""
    if not words:
        # No verb of this reading: nothing ends with one.
        return re.compile(r"(?!x)x")
    verbs = "|".join(re.escape(word) for word in words)
    after = "|".join(re.escape(word) for word in sorted(particles, key=len, reverse=True))
    return re.compile(f"(?:{verbs})(?:{after})?$" if after else f"(?:{verbs})$")


def _main_subject(counts: Counter[str], lexicon: ClaimLexicon) -> tuple[str, Source]:
    """The subject of an article's figures that name none: its main place, or 全国 for a national release.

    全国 is named in most provincial reports as a yardstick (居全国首位), so a province counts twice, and a
    place needs five mentions to outweigh a release's 全国 (a dateline city or an example is named less).
    counts: how often the article names each subject (_subject_counts).
    """
    # 长三角, 中西部地区 group provinces: named in an article, they are still not the place it is about.
    counts = Counter({name: count for name, count in counts.items()
                      if name not in lexicon.grammar.get("grouped_places", ())})
    if not counts:
        # An article that names no place at all is a national release (国家统计局, 民航局): a guess.
        return _national(lexicon), "guessed"
    national = counts.pop(_national(lexicon), 0)
    places = [(count * (2 if lexicon.levels.get(name) == "province" else 1), name) for name, count in counts.items()
              if not name.endswith(lexicon.grammar.get("district_suffixes", ()))]
    weight, place = max(places, default=(0, ""))
    if place and (not national or weight > national and counts[place] >= 5):
        return place, "context"
    return (_national(lexicon), "context") if national else (place, "context")


def _lead_county(lead: str, counts: Counter[str], lexicon: ClaimLexicon) -> str:
    """The county (or district) a title or lead names that the article names most often, or ''."""
    named = {lexicon.subjects[m.group()] for m in lexicon.subject_re.finditer(lead)}
    counties = [(counts.get(name, 0), name) for name in named if lexicon.levels.get(name) == "county"]
    return max(counties)[1] if counties else ""


def _names_itself_a_county(refs: Counter[str], lexicon: ClaimLexicon, main: str, named: int) -> bool:
    """True when a text speaks of itself as a county (全县, 我县) at least twice in its opening, or as a district
    (全区) at least twice and as often as it names its main subject, which is no autonomous region.

    `refs` counts the subjects and references (@county, @region) of the opening (_subject_counts)."""
    districts = refs["@region"] if main not in _regions(lexicon) and refs["@region"] >= named else 0
    return refs["@county"] >= 2 or districts >= 2


def _subject_counts(reading: str, lexicon: ClaimLexicon) -> Counter[str]:
    """How often each canonical subject or reference (@county) is named in the article's opening, datelines and
    sources left out."""
    text = reading[:20000]
    return Counter(lexicon.subjects[m.group()] for m in lexicon.subject_re.finditer(text)
                   if not _is_source(text, m, lexicon))


def _publisher_counts(doc: Document, lexicon: ClaimLexicon) -> Counter[str]:
    """The places a page names as its source in its title and lead (安徽省统计局发布, 新华社合肥…电) or as its
    publisher (the front matter's outlet: 淮南市统计局网站)."""
    lead = (doc.meta.get("title") or "") + "\n" + doc.reading[:LEAD_REACH]
    outlet = doc.meta.get("outlet") or ""
    sources = [m.group() for m in lexicon.subject_re.finditer(lead) if _is_source(lead, m, lexicon)]
    return Counter(lexicon.subjects[name] for name in sources + lexicon.subject_re.findall(outlet))


# An enumeration's list is 12 items of 14 characters and their marks at most, then its last item; its count 5 at
# most (等十二项). Its count starts where the scan's `starts` finds one character (every such place: 等三大 and 三大
# overlap).
LIST_REACH, COUNT_REACH = 12 * (14 + 1) + 14, 5
@attrs.frozen
class EnumerationScan:
    """The patterns of an enumeration (A、B、C等三大X) built from the lexicon's words: the whole pattern, and the
    places where a count may start, around which alone it is tried."""

    pattern: re.Pattern[str]
    starts: re.Pattern[str]


@functools.lru_cache(maxsize=8)
def enumeration_scan(lexicon: ClaimLexicon) -> EnumerationScan:
    """An enumeration's patterns: a list, then 等 + a count + an item unit (等三项), or a count + a head unit (三大);
    never matching when the lexicon names no numerals, units or closing marks."""
    words = lexicon.enumeration
    numerals = "".join(words.get("count_numerals", ()))  # 一 counts nothing listed
    marks = "".join(mark for mark in words.get("open_marks", ()) if len(mark) == 1)
    items, heads = ("|".join(map(re.escape, words.get(key, ()))) for key in ("item_units", "head_units"))
    if not (numerals and marks and items and heads):
        return EnumerationScan(NEVER, NEVER)
    numeral = f"[{re.escape(numerals)}]"
    digits = rf"{numeral}{{1,3}}|[0-9]{{1,2}}"
    pattern = re.compile(
        r"((?:[\u4e00-\u9fffA-Za-z“”\"]{1,14}、){1,12}[\u4e00-\u9fffA-Za-z“”\"]{1,14}?)"
        rf"(?:(?P<etc>[{re.escape(marks)}])(?P<n>{digits})(?P<unit>{items})|\s?(?P<n2>{digits})(?P<unit2>{heads}))")
    number = f"(?:{digits})"
    starts = re.compile(
        rf"[{re.escape(marks)}\s{re.escape(numerals)}0-9](?:(?<=[{re.escape(marks)}])(?={number}(?:{items}))"
        rf"|(?<=\s)(?={number}(?:{heads}))|(?<={numeral})(?={numeral}{{0,2}}(?:{heads}))"
        rf"|(?<=[0-9])(?=[0-9]?(?:{heads})))")
    return EnumerationScan(pattern, starts)


CLAUSE_MARKS = "，。；\n"  # marks that no list of an enumeration holds
TARGET_REACH = 12  # a target word names a time's target within these characters after it (全年500万人目标)
ENUM_NOUN = re.compile(r"[\u4e00-\u9fff]{2,6}")


LIST_OPENERS = frozenset("，,。；;：:（(\n 　")
QUOTES = frozenset("“”\"「」《》‘’")


def _tight_list(reading: str, match: re.Match[str], items: tuple[str, ...], openers: tuple[str, ...],
                marks: tuple[str, ...] = ()) -> bool:
    """True when an enumeration is certainly a list of the items its count counts."""
    if QUOTES & set(reading[max(0, match.start() - 1):match.end() + 2]):
        # Quoted names (“十大工程”、“八大行动”) and titles count their own items, not the list's.
        return False
    if any(mark in item for mark in marks for item in items):
        # 健康消费等方面29项政策: the count is of something the list only illustrates.
        return False
    opened = match.start() == 0 or reading[match.start() - 1] in LIST_OPENERS
    # 重庆在A、B两项活动中: the list starts after the last verb or preposition that opens it.
    cuts = [items[0].rfind(word) + len(word) for word in openers if word in items[0]]
    first = items[0][max(cuts):] if cuts else None
    if not opened and first is None:
        # The first item begins inside a longer phrase: where the list starts is a guess.
        return False
    named = (first if first is not None else items[0],) + items[1:]
    return all(2 <= len(item) <= 12 for item in named)


def _items_counted(items: tuple[str, ...], stated: float, joiners: tuple[str, ...]) -> tuple[str, ...]:
    """The items, with a last item 'B和C' read as two when that is what the count says (A、B和C三大)."""
    parts = tuple(p for p in _joiner_re(joiners).split(items[-1]) if p)
    joined = items[:-1] + parts
    return joined if len(parts) > 1 and len(joined) == stated else items


@functools.lru_cache(maxsize=8)
def _joiner_re(joiners: tuple[str, ...]) -> re.Pattern[str]:
    """The joiners of a list's last item (和, 及, 与, 以及) as one pattern, longest first; never matching if none."""
    if not joiners:
        # No joiner in the lexicon: a last item stays whole.
        return re.compile(r"(?!x)x")
    return re.compile("|".join(re.escape(word) for word in sorted(joiners, key=len, reverse=True)))


def _publication_day(doc: Document):
    """An enumeration (5项专题对接活动) speaks of the state on the day it was published."""
    from checker.model import Period

    if doc.dct is None:
        # Without a date an enumeration cannot be compared with another article's.
        return None
    return Period("point", doc.dct.date, doc.dct.date, granularity="day")


def _enumeration_matches(reading: str, scan: EnumerationScan) -> Iterator[re.Match[str]]:
    """The scan's pattern's matches in a text, as finditer gives them, tried only in the clauses of a count.

    Tried everywhere, the pattern reads every list (A、B、C…) from each of its characters. A match is a run of list
    characters and its count: it starts at most LIST_REACH characters before its count, after the last clause mark
    before it, and no path the pattern tries from there reads past the first clause mark after the count (or
    LIST_REACH on) and a count's length. Windows around the counts hold every match, read as the whole text reads.
    """
    windows: list[list[int]] = []
    for count in scan.starts.finditer(reading):
        at = count.start()
        opens = max(at - LIST_REACH, *(reading.rfind(mark, 0, at) + 1 for mark in CLAUSE_MARKS))
        closes = min(at + LIST_REACH, *(_find_or_end(reading, mark, at) for mark in CLAUSE_MARKS)) + COUNT_REACH
        if windows and opens <= windows[-1][1]:
            # Windows that overlap are read as one.
            windows[-1][1] = max(windows[-1][1], closes)
        else:
            windows.append([opens, closes])
    position = 0
    for opens, closes in windows:
        for match in scan.pattern.finditer(reading, max(position, opens), closes):
            yield match
            position = match.end()


def _find_or_end(text: str, mark: str, start: int) -> int:
    """Where a mark first stands at or after start, else the text's end."""
    found = text.find(mark, start)
    return len(text) if found < 0 else found


def _enumerations(doc: Document, sentences: SentenceIndex, lexicon: ClaimLexicon, places: ArticlePlaces) -> list[Claim]:
    """Claims for enumerations 'A、B、C等三大X': the count stated and the items listed."""
    from checker.extract.numerals import NumeralError, parse_numeral
    from checker.model import Quantity

    claims = []
    for match in _enumeration_matches(doc.reading, enumeration_scan(lexicon)):
        items = tuple(i.strip("“”\"") for i in match.group(1).split("、"))
        number, unit = ("n", "unit") if match.group("n") else ("n2", "unit2")
        if unit == "unit2" and items[-1] in lexicon.enumeration.get("verbs", ()):
            # 做大A、提升4大B: the count belongs to the last verb phrase, not to the list.
            continue
        if not _tight_list(doc.reading, match, items, lexicon.enumeration.get("openers", ()),
                           lexicon.enumeration.get("open_marks", ())):
            # Names (“八项规定”), tallies (奖3项、奖4项) and cut-off phrases are no list of the count's items.
            continue
        try:
            stated = float(parse_numeral(match.group(number)).value)
        except NumeralError:
            continue
        items = _items_counted(items, stated, lexicon.grammar.get("joiners", ()))
        sentence = sentences.containing(match.start(number))
        if sentence is None:
            # Enumerations always sit inside a sentence; nothing to anchor otherwise.
            continue
        span = doc.span_of(match.start(number), match.end(unit))
        quantity = Quantity(stated, Interval(stated, stated), match.group(unit), "exact")
        mention = Mention(doc.path, span, doc.text[span.start:span.end], match.start(number), match.end(unit), quantity)
        noun = ENUM_NOUN.match(doc.reading, match.end(unit))
        # The list's first item often begins with its subject (两江新区深入实施A、B两项行动).
        subject = _subject("", doc.reading[sentence.start:match.start(number)], "", lexicon, places)[0] or (
            places.city if places.source_of(places.city) == "context" else "")
        claims.append(Claim(
            doc=doc.path, mention=mention, subject=subject,
            metric=Metric(noun.group(), enumeration=True) if noun else Metric(),
            period=_publication_day(doc), period_text="",
            modality="actual", relation="count", sentence=doc.reading[sentence.start:sentence.end].strip(),
            sentence_start=sentence.start, role="items",
            items=items + ((match.group("etc"),) if match.group("etc") else ()),
            heading=sentence.heading, understood=Understanding("lexicon", "lexicon", "lexicon" if subject else "none"),
            grammar=(OPEN_LIST,) if match.group("etc") else (),
        ))
    return claims
