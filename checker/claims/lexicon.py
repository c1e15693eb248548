"""The claim lexicon (measures, industries, scopes, subjects, modality and change words) from YAML."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from checker.errors import RuleFileError
from checker.yamlio import load_yaml_mapping

LIST_KEYS = ("industries", "scopes", "place_suffix", "plain_suffix", "gazetteer", "metric_filler", "per_unit")
MAP_KEYS = ("measures", "subjects", "scope_aliases")
GROUP_KEYS = ("modality", "change", "measure_units", "enumeration", "grammar")
KNOWN_KEYS = LIST_KEYS + MAP_KEYS + GROUP_KEYS
MUNICIPALITIES = ("11", "12", "31", "50")  # GB/T 2260 codes of 北京, 天津, 上海, 重庆: their 全区 is a district


@attrs.frozen(eq=False)
class ClaimLexicon:
    """Words that turn figures into claims; every list is longest first."""

    measures: dict[str, str]
    industries: tuple[str, ...]
    scopes: tuple[str, ...]
    subjects: dict[str, str]
    place_suffix: tuple[str, ...]
    plain_suffix: tuple[str, ...]
    modality: dict[str, tuple[str, ...]]
    change: dict[str, tuple[str, ...]]
    measure_units: dict[str, tuple[str, ...]]
    enumeration: dict[str, tuple[str, ...]]
    measure_re: re.Pattern[str]
    industry_re: re.Pattern[str]
    subject_re: NamePattern  # every subject name and alias, longest first (thousands with the gazetteer)
    place_re: re.Pattern[str]  # a place name: two to four characters and a place suffix (沙坪坝区, 两江新区)
    fall_re: re.Pattern[str]  # a verb of falling ending a prefix, one list for % and 个百分点 (下降了, 收窄)
    metric_filler: tuple[str, ...] = ()  # words never part of a metric's name (实现, 实际, 继续)
    per_unit: tuple[str, ...] = ()  # 人均, 日均, 每: a figure per person, day or unit, never a total
    scope_aliases: dict[str, str] = attrs.field(factory=dict)  # 规模以上 → 规上: one scope, two wordings
    grammar: dict[str, tuple[str, ...]] = attrs.field(factory=dict)  # words that tie figures together
    share_re: re.Pattern[str] = re.compile(r"(?!x)x")  # a share of a whole (占, 比重)
    average_rate_re: re.Pattern[str] = re.compile(r"(?!x)x")  # 年均增长 ending a prefix: a yearly average rate
    from_re: re.Pattern[str] = re.compile(r"(?!x)x")  # 从/由 introducing this figure (no other figure between)
    distributed_re: re.Pattern[str] = re.compile(r"(?!x)x")  # 分别: figures distributed over listed items
    against_last_year_re: re.Pattern[str] = re.compile(r"(?!x)x")  # 同比, 比上年: against a year earlier
    not_places: frozenset[str] = frozenset()  # words ending like a place that are none (园区, 城区, 全市)
    levels: dict[str, str] = attrs.field(factory=dict)  # gazetteer subject -> province | prefecture | county
    # (province, subject) for each prefecture and county of a province: 湖南长沙 names 长沙, in 湖南
    within: frozenset[tuple[str, str]] = frozenset()
    # (prefecture, county) for each county of a prefecture: 怀化市溆浦县 names 溆浦县, in 怀化
    in_prefecture: frozenset[tuple[str, str]] = frozenset()
    # a run of one-character province abbreviations before a group word (川渝两地, 苏浙沪三地): the provinces together
    abbreviation_re: re.Pattern[str] = re.compile(r"(?!x)x")
    abbreviations: dict[str, str] = attrs.field(factory=dict)  # 川 -> 四川: one-character province abbreviations
    # such a run with its group word, or ending the text (川渝 before 地区生产总值): no words of a metric
    abbreviation_words_re: re.Pattern[str] = re.compile(r"(?!x)x")
    trailing_filler_re: re.Pattern[str] = re.compile(r"(?!x)x")  # words ending a prefix that name nothing (同比, 达到)
    yardstick_re: re.Pattern[str] = re.compile(r"(?!x)x")  # after a place: it is a yardstick (在全国占比, 居全国首位)
    source_re: re.Pattern[str] = re.compile(r"(?!x)x")  # after a place: it is a source (杭州海关, 市统计局)
    generic_re: re.Pattern[str] = re.compile(r"(?!x)x")  # words before a measure that name no industry (全市, 产业)
    compared_re: re.Pattern[str] = re.compile(r"(?!x)x")  # 比/是 introducing a figure: the base of a comparison
    clause_marks_re: re.Pattern[str] = re.compile(r"(?!x)x")  # marks between clauses (，；)

    def read_change_verb(self, prefix: str, figure: str) -> ChangeVerb | None:
        """The verb of change right before a figure and its reading, or None when the lexicon knows no such verb."""
        if figure.startswith(self.change.get("doubling", ())):
            # 翻两番 carries its own verb: B = 2ⁿ·A.
            return ChangeVerb(figure[:1], "to", self._rewrite_verb())
        tail = self._without_particles(prefix)
        for reading in ("to", "down", "by"):
            # The same order as claim building: 增长到 is a to-verb before 增长 is a by-verb.
            for word in self.change.get(reading, ()):
                if tail.endswith(word):
                    return ChangeVerb(word, reading, self._bare_verb(word))
        clause = re.split(r"[，,；;。]", tail)[-1]
        for frame in self.change.get("to_frames", ()):
            head, _, end = frame.partition("…")
            if clause.endswith(end) and head in clause[:len(clause) - len(end)]:
                return ChangeVerb(frame, "to", self._rewrite_verb())
        return None

    def _without_particles(self, prefix: str) -> str:
        """A prefix without the particles that may follow its verb (增长了约 → 增长)."""
        particles = self.change.get("particles", ())
        while True:
            found = next((p for p in particles if prefix.endswith(p)), None)
            if found is None:
                return prefix
            prefix = prefix[:-len(found)]

    def _bare_verb(self, word: str) -> str:
        """The by-verb a change word is built on (增长到 → 增长, 扩大了 → 扩大), for rewrites that add or drop 到."""
        by = self.change.get("by", ())
        shorter = [w for w in by if w != word and word.startswith(w)]
        if shorter:
            return max(shorter, key=len)
        return word if word in by else self._rewrite_verb()

    def _rewrite_verb(self) -> str:
        """The verb a rewrite uses when the article's own wording has none that takes 到."""
        return next(iter(self.change.get("rewrite", ())), "")


@attrs.frozen
class ChangeVerb:
    """A verb of change as written, its reading (by, to or down) and the by-verb a rewrite is built on."""

    word: str
    reading: str
    bare: str


def load_claim_lexicon(paths: list[Path]) -> ClaimLexicon:
    """Merge lexicon files in order (later files add to and override earlier ones)."""
    merged: dict[str, Any] = {key: ({} if key not in LIST_KEYS else []) for key in KNOWN_KEYS}
    for path in paths:
        raw, lines = load_yaml_mapping(path)
        for key, value in raw.items():
            _merge_key(merged, str(key), value, str(path), lines.get(str(key)))
        for name in raw.get("gazetteer") or ():
            # A gazetteer file lies next to the lexicon that names it; its places come before the lexicon's own
            # subjects, which may rename them (a user's 渝 → 重庆).
            places = load_gazetteer(path.parent / name)
            merged["subjects"] = {**places.names, **merged["subjects"]}
            merged["levels"] = {**merged.get("levels", {}), **places.levels}
            merged["within"] = merged.get("within", frozenset()) | places.within
            merged["in_prefecture"] = merged.get("in_prefecture", frozenset()) | places.in_prefecture
            merged["abbreviations"] = {**merged.get("abbreviations", {}), **places.abbreviations}
    return _compile(merged)


@attrs.frozen
class Gazetteer:
    """The places of a gazetteer file: names, levels, provinces' abbreviations and which province holds what."""

    names: dict[str, str]  # every name of two or more characters -> subject
    levels: dict[str, str]  # subject -> municipality | province | prefecture | county
    abbreviations: dict[str, str]  # a province's one-character abbreviation -> the province (湘 -> 湖南)
    within: frozenset[tuple[str, str]]  # (province, subject) for each prefecture and county
    in_prefecture: frozenset[tuple[str, str]] = frozenset()  # (prefecture, county) for each county of a prefecture


def load_gazetteer(path: Path) -> Gazetteer:
    """Read a gazetteer of places (code, full name, subject, short forms): names, levels, abbreviations, provinces."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RuleFileError(str(path), None, "gazetteer", f"cannot read the gazetteer: {error.strerror}") from error
    names: dict[str, str] = {}
    levels: dict[str, str] = {}
    abbreviations: dict[str, str] = {}
    provinces: dict[str, str] = {}  # the first two digits of a province's code -> the province
    prefectures: dict[str, str] = {}  # the first four digits of a prefecture's code -> the prefecture
    within: set[tuple[str, str]] = set()
    counties: set[tuple[str, str]] = set()  # (prefecture, county)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 3 or not fields[1] or not fields[2]:
            raise RuleFileError(str(path), number, "gazetteer", "expected: code, full name, subject, short forms")
        subject = fields[2]
        code = fields[0]
        levels.setdefault(subject, "municipality" if code[:2] in MUNICIPALITIES else "province"
                          if code.endswith("0000") else "prefecture" if code.endswith("00") else "county")
        shorts = [s for s in (fields[3].split(",") if len(fields) > 3 else []) if s]
        if code.endswith("0000"):
            provinces[code[:2]] = subject
        elif code[:2] in provinces:
            within.add((provinces[code[:2]], subject))
        if code.endswith("00") and not code.endswith("0000"):
            prefectures[code[:4]] = subject
        elif not code.endswith("00") and code[:4] in prefectures:
            counties.add((prefectures[code[:4]], subject))
        for name in (fields[1], subject, *shorts):
            if len(name) >= 2:
                names.setdefault(name, subject)
            elif code.endswith("0000"):
                # A one-character abbreviation (湘) is too ambiguous to be read as a subject on its own: only in a
                # run of them before a group word (川渝两地).
                abbreviations.setdefault(name, subject)
    return Gazetteer(names, levels, abbreviations, frozenset(within), frozenset(counties))


def _merge_key(merged: dict[str, Any], key: str, value: Any, path: str, line: int | None) -> None:
    """Add one top-level key of a lexicon file to the merged lexicon, checking its shape."""
    if key not in KNOWN_KEYS:
        raise RuleFileError(path, line, key, f"unknown key (expected one of: {', '.join(KNOWN_KEYS)})")
    if key in LIST_KEYS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RuleFileError(path, line, key, "must be a list of words")
        merged[key] = list(dict.fromkeys(merged[key] + value))
    elif key in MAP_KEYS:
        if not isinstance(value, dict):
            raise RuleFileError(path, line, key, "must be a mapping of word -> canonical name")
        merged[key].update({str(k): str(v) for k, v in value.items()})
    else:
        if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
            raise RuleFileError(path, line, key, "must map each group to a list of words")
        for group, words in value.items():
            merged[key][str(group)] = list(dict.fromkeys(merged[key].get(str(group), []) + [str(w) for w in words]))


def _longest_first(words: Any) -> tuple[str, ...]:
    """Sort words longest first so that alternations prefer the longest match."""
    return tuple(sorted(words, key=len, reverse=True))


@attrs.frozen
class NamePattern:
    """Thousands of names found fast: a scan for their first characters, then that character's own trie pattern."""

    first: re.Pattern[str]  # the characters names start with
    tries: dict[str, re.Pattern[str]]  # by first character: its names, branching on each character, longest first

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Non-overlapping longest names, left to right, as re.finditer would give them."""
        position = 0
        while (start := self.first.search(text, position)) is not None:
            found = self.tries[start.group()].match(text, start.start())
            if found is None:
                position = start.start() + 1
                continue
            yield found
            position = found.end()

    def search(self, text: str) -> re.Match[str] | None:
        """The first name in a text, or None."""
        return next(self.finditer(text), None)

    def sub(self, replacement: str, text: str) -> str:
        """The text with every name replaced."""
        parts, end = [], 0
        for found in self.finditer(text):
            parts += [text[end:found.start()], replacement]
            end = found.end()
        return "".join(parts) + text[end:]

    def findall(self, text: str) -> list[str]:
        """Every name found, in order."""
        return [found.group() for found in self.finditer(text)]


def _trie_pattern(words: Any) -> NamePattern:
    """Compile words into a NamePattern (one trie per first character), longest first."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    if not trie:
        return NamePattern(re.compile(r"(?!x)x"), {})
    tries = {char: re.compile(re.escape(char) + _trie_regex(child)) for char, child in trie.items()}
    # A name starts where its first character stands before a character that is second in some name (or where a
    # one-character name stands): the scan skips, in C, most positions a trie would try and fail.
    alone = sorted(char for char, child in trie.items() if "" in child)
    seconds = sorted({second for child in trie.values() for second in child if second})
    first = _char_class(sorted(trie)) + (f"(?={_char_class(seconds)})" if seconds else "")
    return NamePattern(re.compile(f"{_char_class(alone)}|{first}" if alone else first), tries)


def _char_class(chars: list[str]) -> str:
    """A regex character class of the given characters."""
    return "[" + "".join(re.escape(char) for char in chars) + "]"


def _trie_regex(node: dict[str, Any]) -> str:
    """The regex of one trie node: its branches, the longer ones before the end of a word."""
    branches = [re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return "(?:" + body + ")?"
    return body


def _alternation(words: Any) -> re.Pattern[str]:
    """Compile an alternation of words, longest first; a pattern that never matches when empty."""
    ordered = _longest_first(words)
    if not ordered:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(re.escape(w) for w in ordered))


def _compile(merged: dict[str, Any]) -> ClaimLexicon:
    """Freeze the merged lexicon and compile its look-up patterns."""
    grammar = merged["grammar"]
    return ClaimLexicon(
        measures=merged["measures"],
        industries=_longest_first(merged["industries"]),
        scopes=_longest_first(merged["scopes"]),
        subjects=merged["subjects"],
        place_suffix=_longest_first(merged["place_suffix"]),
        plain_suffix=_longest_first(merged["plain_suffix"]),
        modality={k: _longest_first(v) for k, v in merged["modality"].items()},
        change={k: _longest_first(v) for k, v in merged["change"].items()},
        measure_units={k: tuple(v) for k, v in merged["measure_units"].items()},
        enumeration={k: _longest_first(v) for k, v in merged["enumeration"].items()},
        measure_re=_alternation(merged["measures"]),
        industry_re=_alternation(merged["industries"]),
        subject_re=_trie_pattern(merged["subjects"]),
        place_re=_place_pattern(merged["place_suffix"]),
        # 下降了1.5个百分点, 回落0.3%: a fall word, then at most two characters before the figure.
        metric_filler=tuple(merged["metric_filler"]),
        per_unit=_longest_first(merged["per_unit"]),
        scope_aliases=merged["scope_aliases"],
        grammar={k: _longest_first(v) for k, v in merged["grammar"].items()},
        share_re=_alternation(merged["grammar"].get("share", [])),
        average_rate_re=re.compile("(?:" + _alternation(merged["grammar"].get("average_rate", [])).pattern
                                   + r")[^，,。]{0,4}$"),
        from_re=re.compile("(?:" + _alternation(merged["grammar"].get("from", [])).pattern
                           + _words_before_figure(grammar.get("year_marks", []))),
        distributed_re=_alternation(merged["grammar"].get("distributed", [])),
        against_last_year_re=_alternation(merged["grammar"].get("against_last_year", [])),
        not_places=frozenset(merged["grammar"].get("not_places", [])),
        levels=merged.get("levels", {}),
        in_prefecture=merged.get("in_prefecture", frozenset()),
        within=merged.get("within", frozenset()),
        abbreviations=merged.get("abbreviations", {}),
        abbreviation_re=_abbreviation_pattern(merged.get("abbreviations", {}), grammar.get("abbreviation_groups", [])),
        abbreviation_words_re=_abbreviation_pattern(merged.get("abbreviations", {}),
                                                    grammar.get("abbreviation_groups", []), words=True),
        fall_re=re.compile("(?:" + _alternation(merged["change"].get("down", [])).pattern + r")[^，,。]{0,2}$"),
        # (?<!\s): a match never starts inside a run of spaces (an earlier start would match too), so a long run
        # of spaces before a non-filler character costs one pass, not one per space.
        trailing_filler_re=re.compile(r"(?<!\s)(?:" + _alternation(grammar.get("trailing_filler", [])).pattern
                                      + r"|\s)+$"),
        yardstick_re=re.compile("(?:" + _alternation(grammar.get("relative_marks", [])).pattern + ")?(?:"
                                + _alternation(grammar.get("yardstick_words", [])).pattern + ")"),
        source_re=re.compile("(?:" + _alternation(merged["plain_suffix"]).pattern + ")?(?:"
                             + _alternation(grammar.get("source_words", [])).pattern + ")"),
        generic_re=_alternation(grammar.get("generic_words", [])),
        compared_re=_compared_pattern(grammar.get("compared", []), grammar.get("not_compared", []),
                                      grammar.get("year_marks", [])),
        clause_marks_re=_alternation(grammar.get("clause_marks", [])),
    )


def _words_before_figure(year_marks: list[str]) -> str:
    """The end of a pattern for a word introducing a figure: up to 12 characters of one clause, no figure between but
    a year (从2020年的…, 比2019年)."""
    year = "|\\d{4}(?:" + _alternation(year_marks).pattern + ")" if year_marks else ""
    return rf")(?:[^，,。；\d]{year}){{0,12}}$"


def _compared_pattern(words: list[str], exceptions: list[str], year_marks: list[str]) -> re.Pattern[str]:
    """比/较/是/为 introducing a figure (no other figure between, a year may), unless part of an exception word.

    An exception word starting with a compared word (比例, 较大) or ending with one (成为, 认为) is no comparison.
    """
    if not words:
        return re.compile(r"(?!x)x")
    branches = []
    for word in _longest_first(words):
        behind = "".join(f"(?<!{re.escape(e[:-len(word)])})" for e in exceptions if e.endswith(word) and e != word)
        ahead = "|".join(re.escape(e[len(word):]) for e in exceptions if e.startswith(word) and e != word)
        branches.append(behind + re.escape(word) + (f"(?!{ahead})" if ahead else ""))
    return re.compile("(?:" + "|".join(branches) + _words_before_figure(year_marks))


def _abbreviation_pattern(abbreviations: dict[str, str], groups: list[str], words: bool = False) -> re.Pattern[str]:
    """Two or more one-character province abbreviations right before a group word (川渝两地, 苏浙沪三省市).

    With `words`, the group word is part of the match, and a run ending the text matches too.
    """
    if not abbreviations or not groups:
        return re.compile(r"(?!x)x")
    run, group = f"{_char_class(sorted(abbreviations))}{{2,}}", _alternation(groups).pattern
    return re.compile(f"{run}(?:{group}|$)" if words else f"{run}(?={group})")


def _place_pattern(suffixes: Any) -> re.Pattern[str]:
    """A place name: the shortest run of two to four characters before a place suffix (longest suffix first)."""
    return re.compile(r"(?P<name>[\u4e00-\u9fff]{2,4}?)(?P<suffix>" + _alternation(suffixes).pattern + ")")
