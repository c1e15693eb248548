"""Inputs that once took super-linear time finish quickly (issue 15); bench/bench_adversarial.py measures growth."""

from __future__ import annotations

import time

import pytest

from checker.claims.sentences import MAX_SENTENCE, index_sentences
from checker.report.sarif import align_replacement
from checker.text.ingest import document_from_text
from checker.triage.status import find_suppressions

# Each input below took 25–60 s before the fix; a generous limit keeps the tests stable on slow machines.
LIMIT_S = 3.0


def _timed(step):
    """Run step and return its result, failing when it takes longer than LIMIT_S."""
    began = time.perf_counter()
    result = step()
    assert time.perf_counter() - began < LIMIT_S
    return result


def test_sarif_alignment_of_a_huge_figure_is_bounded():
    """A range with an 80-digit number is aligned at once, and left as it stands."""
    number = "9" * 80
    text = f"产值从{number}亿元增长到{number}亿元。"
    start = text.index("增长")
    end = start + 2 + len(number) + 2
    assert _timed(lambda: align_replacement(text, start, end, f"增长了{number}亿元")) == (start, end)


def test_sarif_alignment_still_widens_over_repeated_words():
    """A short suggestion that repeats the verb before the figure still takes the verb in."""
    text = "产量增长22.2倍。"
    assert align_replacement(text, 4, 9, "增长到22.2倍") == (2, 9)


def test_unclosed_disable_comment_is_read_at_once():
    """An unclosed <!-- hedui-disable followed by 4 KB of spaces silences nothing and costs nothing."""
    doc = document_from_text("a.md", "产值12亿元。\n\n<!-- hedui-disable " + " " * 4000 + "x")
    assert _timed(lambda: find_suppressions(doc)) == []


@pytest.mark.parametrize(("comment", "rules", "reason"), [
    ("<!-- hedui-disable growth: 引用原文 -->", ("growth",), "引用原文"),
    ("<!-- hedui-disable a.b, c-d -->", ("a.b", "c-d"), ""),
    ("<!--\nhedui-disable-file all : 全文转载\n-->", ("all",), "全文转载"),
])
def test_disable_comments_still_parse(comment, rules, reason):
    """Closed comments give their rules and reason as before."""
    found = find_suppressions(document_from_text("a.md", comment + "\n产值12亿元。\n"))
    assert [(s.rules, s.reason) for s in found] == [(rules, reason)]


def test_comment_that_names_no_rules_is_ignored():
    """A comment with other words after hedui-disable is an ordinary comment."""
    assert find_suppressions(document_from_text("a.md", "<!-- hedui-disable 说明（见上文） -->\n")) == []


def test_run_on_sentence_is_cut_into_bounded_pieces():
    """One figure per wrapped line makes one long sentence, cut into pieces of at most MAX_SENTENCE characters."""
    reading = "产值增长到12亿元" * 2000
    sentences = index_sentences(reading).sentences
    assert all(s.end - s.start <= MAX_SENTENCE for s in sentences)
    assert sentences[0].start == 0 and sentences[-1].end == len(reading)
    assert all(a.end == b.start for a, b in zip(sentences, sentences[1:], strict=False))
    # The cut keeps figures whole: no piece starts or ends between two digits.
    assert not any(reading[s.start - 1].isdigit() and reading[s.start].isdigit() for s in sentences[1:])


def test_run_on_is_cut_after_a_clause_mark():
    """A long sentence of clauses is cut right after a comma."""
    reading = "某区产值从3亿元增长到12亿元，" * 200 + "。"
    sentences = index_sentences(reading).sentences
    assert len(sentences) > 1
    assert all(reading[s.end - 1] == "，" for s in sentences[:-1])


def test_normal_sentences_are_not_cut():
    """Sentences of ordinary length stay whole."""
    reading = "全市规上工业增加值增长6.2%，" * 30 + "增速居全省第一。"
    assert len(index_sentences(reading).sentences) == 1


@pytest.mark.parametrize("unit", [
    lambda n: "产值增长到12亿元\n" * n,
    lambda n: "今年全市规上工业产值" + " " * (10 * n) + "x增长到12亿元。\n",
], ids=["figure-per-line", "whitespace-run"])
def test_adversarial_articles_are_analysed_in_linear_time(unit, analyse):
    """A run-on sentence of figures or a whitespace run costs time in proportion to its length.

    Compared, not timed: four times the input may take at most eight times as long (a quadratic step takes
    sixteen), best of two runs each, so a busy machine slows both sizes alike.
    """
    def cost(n: int) -> float:
        """The best of two analyses of the input of size n, in seconds."""
        doc = document_from_text("a.md", unit(n))
        runs = []
        for _ in range(2):
            began = time.perf_counter()
            analyse(doc)
            runs.append(time.perf_counter() - began)
        return min(runs)

    small, large = cost(300), cost(1200)
    assert large < 8 * small + 0.05, (small, large)


@pytest.fixture(scope="module")
def analyse():
    """Analyse a document with the default rule pack and resources."""
    from checker.extract.resources import load_resources
    from checker.run.pipeline import analyze_document, load_pack_and_lexicon

    resources = load_resources()
    pack, lexicon = load_pack_and_lexicon([])
    return lambda doc: analyze_document(doc, resources, lexicon, pack)
