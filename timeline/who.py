"""Name who did what in an event's title: resolve 该计划 and 我市, and add a doer the dated clause leaves out.

The words come from rules/lexicon/timeline.yaml; nothing here knows Chinese vocabulary of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import attrs

from checker.model import Claim

LOOK_BACK = 1500  # characters of the article before an event that a 该X may point back to
MAX_NAME = 24  # characters of a name a demonstrative stands for
MAX_DOER = 16  # characters of a clause that only names a doer
NAME_LEAD = 8  # characters of a name that may stand between its date and its head word (2022年经济展望报告)


@attrs.frozen
class EventWords:
    """The timeline lexicon: demonstratives and the heads they point back with, local words, doers' suffixes."""

    pointer: re.Pattern[str]  # 该计划, 这项活动: group 1 is the head
    local: re.Pattern[str]
    national: frozenset[str]  # subjects that never stand for the writer's own place
    doer: re.Pattern[str]  # a clause that is only a name ending with a doer's suffix
    leading: re.Pattern[str]  # connectives a title never starts with
    dangling: re.Pattern[str]  # words a title never ends with when the date followed them
    trailing: re.Pattern[str]  # words that end a time phrase, not a happening
    attributive: re.Pattern[str]  # a particle that makes a date modify a noun, or be modified
    names_after: re.Pattern[str]  # words after a date that make it part of a document's name
    comparison_after: re.Pattern[str]  # words after a date in its clause that make it a yardstick
    frame: re.Pattern[str]  # a clause that only sets the scene: 面对…, 在…下
    statement: re.Pattern[str]  # a title that introduces a statement or a list: 主要预期目标是
    comment: re.Pattern[str]  # a title that comments on what was told before: 这说明…
    caption: re.Pattern[str]  # the words before a date that open a table's or chart's caption: 表1
    marks_after: re.Pattern[str] = re.compile("(?!)")  # dateline and caption marks right after a date (电, 摄)

    @classmethod
    def from_mapping(cls, raw: dict, source: str) -> EventWords:
        """Compile the lexicon's lists; a missing or empty list is an error naming the file and key."""
        lists = {}
        for key in ("demonstratives", "heads", "local", "national", "who_suffixes", "connectives", "dangling",
                    "trailing", "attributive", "names_after", "comparison_after", "yardstick_after", "statements",
                    "comments",
                    "captions"):
            words = raw.get(key)
            if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
                raise ValueError(f"{source}: key '{key}' must be a non-empty list of words")
            lists[key] = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        return cls(
            pointer=re.compile(f"(?:{lists['demonstratives']})({lists['heads']})"),
            local=re.compile(lists["local"]),
            national=frozenset(raw["national"]),
            doer=re.compile(f"^(?:.*(?:{lists['attributive']}))?((?:(?!{lists['attributive']})[^，,。；;：:])"
                            f"{{2,{MAX_DOER}}}?(?:{lists['who_suffixes']}))$"),
            leading=re.compile(f"^(?:{lists['connectives']})+"),
            dangling=re.compile(f"(?:{lists['dangling']})$"),
            trailing=re.compile(f"(?:{lists['trailing']})$"),
            attributive=re.compile(f"(?:{lists['attributive']})"),
            names_after=re.compile(f"(?:{lists['attributive']})?[^\\s，,。；;：:、]{{0,{NAME_LEAD}}}?(?:{lists['names_after']})"),
            comparison_after=re.compile(f"{lists['comparison_after']}|^(?:{lists['yardstick_after']})"),
            frame=_frame(raw.get("frames"), source),
            statement=re.compile(f"(?:{lists['statements']})$"),
            comment=re.compile(f"^(?:{lists['comments']})"),
            caption=re.compile(f"(?:{lists['captions']})\\s*\\d+\\s*"),
        )


def _frame(pairs: object, source: str) -> re.Pattern[str]:
    """Compile the scene-setting clauses (an opening word and a closing word, "" for any) into one pattern."""
    if not isinstance(pairs, list) or not pairs or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(w, str) for w in p) and p[0] for p in pairs):
        raise ValueError(f"{source}: key 'frames' must be a non-empty list of [opening word, closing word] pairs")
    shapes = "|".join(f"{re.escape(opens)}.*{re.escape(closes)}" for opens, closes in pairs)
    return re.compile(f"(?:{shapes})")


def load_event_words(rules_dir: Path) -> EventWords:
    """Read rules/lexicon/timeline.yaml safely, with the dateline and caption marks of document_dates.yaml."""
    from checker.text.datewords import load_date_words
    from checker.yamlio import load_yaml_mapping

    path = rules_dir / "lexicon" / "timeline.yaml"
    raw, _ = load_yaml_mapping(path)
    words = EventWords.from_mapping(raw, str(path))
    dates = load_date_words(rules_dir / "lexicon" / "document_dates.yaml")
    marks = "|".join(re.escape(m) for m in sorted((*dates.dateline_marks, *dates.caption_marks), key=len, reverse=True))
    # 新华社北京2月9日电, （5月14日摄）: the article's own dateline or a photo's date, never a happening's.
    return attrs.evolve(words, marks_after=re.compile(rf"[ \t\u3000]*(?:{marks})(?![\u3400-\u9fff])"))


def main_subject(claims: list[Claim], words: EventWords) -> str:
    """The place an article's figures are most often about (重庆), or "" when none is named."""
    counts = Counter(c.subject for c in claims if c.subject and c.subject not in words.national)
    return counts.most_common(1)[0][0] if counts else ""


def name_doers(title: str, reading: str, sentence_start: int, clause_start: int, words: EventWords,
               home: str) -> str:
    """Rewrite a title so it says who: names for 该X, the article's place for 我市, a doer for a bare verb."""
    named = words.pointer.sub(lambda m: _antecedent(reading, sentence_start, m.group(1)) or m.group(), title)
    if home:
        named = words.local.sub(home, named)
    if clause_start > sentence_start and not _starts_with_name(named, words):
        doer = _doer(reading[sentence_start:clause_start], words)
        if doer and doer not in named:
            named = doer + named
    return named


def _antecedent(reading: str, before: int, head: str) -> str:
    """The last quoted name ending with head in the LOOK_BACK characters before an offset, or "" when none."""
    window = reading[max(0, before - LOOK_BACK):before]
    quoted = re.findall(f"[“\"‘']([^“”\"‘’']{{1,{MAX_NAME}}}{re.escape(head)})[”\"’']", window)
    # Only a quoted name is surely a name: an unquoted run of words may be half a sentence.
    return f"“{quoted[-1]}”" if quoted else ""


def _starts_with_name(title: str, words: EventWords) -> bool:
    """True when the title already opens with a doer (a name with a doer's suffix in its first clause)."""
    first = re.split(r"[，,]", title, maxsplit=1)[0]
    return any(words.doer.match(first[:end]) for end in range(2, min(len(first), MAX_DOER + 8) + 1))


def _doer(before: str, words: EventWords) -> str:
    """The last clause before the dated one that only names a doer (他所创造的赛力斯集团 → 赛力斯集团)."""
    for clause in reversed(re.split(r"[，,；;：:]", before)):
        match = words.doer.match(clause.strip())
        if match:
            return match.group(1)
    return ""
