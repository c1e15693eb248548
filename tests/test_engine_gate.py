"""The engine keeps a finding loud only when every claim it combines was understood with certainty."""

from __future__ import annotations

import attrs

from checker.engine.kinds import average, growth
from checker.engine.runner import gate_loudness
from checker.model import Claim, Finding, Mention, Metric, Span, Understanding


def _claim(text: str, understood: Understanding, sentence_start: int = 0) -> Claim:
    """A bare claim with the given understanding, in the sentence starting at sentence_start."""
    mention = Mention(doc="a.md", span=Span(0, len(text)), text=text, reading_start=0, reading_end=len(text))
    return Claim(doc="a.md", mention=mention, subject="", metric=Metric(measure="产量"), period=None, period_text="",
                 modality="actual", relation="level", sentence=text, sentence_start=sentence_start,
                 understood=understood)


SURE = Understanding(role="lexicon", metric="lexicon", subject="lexicon")
GUESSED = Understanding(role="guessed", metric="guessed", subject="none")


def _finding(*claims: Claim, severity: str = "warning") -> Finding:
    """A finding of the growth kind over the claims."""
    return Finding(rule="growth.change-mismatch", kind="growth", severity=severity, message="m", claims=claims,
                   arithmetic="a")


def test_certain_claims_stay_loud():
    """Every claim certain: the severity is kept."""
    finding = _finding(_claim("10万辆", SURE), _claim("12万辆", SURE))
    assert gate_loudness(finding, growth) is finding


def test_one_guessed_claim_makes_it_info_and_says_why():
    """One guessed claim in another sentence: the finding becomes info and names the guessed figure."""
    gated = gate_loudness(_finding(_claim("10万辆", SURE), _claim("12万辆", GUESSED, sentence_start=40)), growth)
    assert gated.severity == "info"
    assert "“12万辆”" in gated.arithmetic and gated.arithmetic.startswith("a；")


def test_a_change_statement_in_one_sentence_keeps_its_severity():
    """从A增长到B，增长X in one sentence is tied by its words, whatever the metric was read as."""
    finding = _finding(_claim("10万辆", GUESSED), _claim("12万辆", GUESSED), _claim("30%", GUESSED))
    assert gate_loudness(finding, growth).severity == "warning"


def test_info_is_never_raised():
    """An info finding stays info even with certain claims."""
    finding = _finding(_claim("10万辆", SURE), severity="info")
    assert gate_loudness(finding, growth) is finding


def test_kinds_linked_by_grammar_keep_their_severity():
    """A kind that ties its figures by words (日均 after its total) keeps a loud finding."""
    finding = _finding(_claim("3.56亿人次", GUESSED), _claim("880万人次", GUESSED))
    assert gate_loudness(finding, average).severity == "warning"


def test_text_level_findings_pass_through():
    """A finding without claims (a wording rule's span) is not gated."""
    finding = attrs.evolve(_finding(), claims=())
    assert gate_loudness(finding, growth) is finding


def test_a_kind_may_tie_figures_by_grammar_for_one_problem_only():
    """total ties 分别为A、B，合计C by its words (stays loud) but not parts after 其中 (lowered to info)."""
    from checker.engine.kinds import total

    finding = _finding(_claim("10万辆", SURE), _claim("12万辆", GUESSED, sentence_start=40))
    listed = total.Params(list_words=("分别为",), sum_words=("合计",), problem="listed-parts-sum")
    assert gate_loudness(finding, total, listed) is finding
    assert gate_loudness(finding, total, total.Params(problem="parts-exceed-total")).severity == "info"


def test_a_kind_tied_by_arithmetic_stays_loud():
    """shares ties parts to the whole they add up to (shares summing to 100%): guessed metrics keep it loud."""
    from checker.engine.kinds import shares

    finding = _finding(_claim("10万辆", SURE), _claim("12万辆", GUESSED, sentence_start=40))
    assert gate_loudness(finding, shares) is finding
