"""The engine keeps a finding loud only when what its rule file declares ties the figures (linked-by) is certain."""

from __future__ import annotations

import attrs

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
    assert gate_loudness(finding, "grammar-in-one-sentence") is finding


def test_one_guessed_claim_makes_it_info_and_says_why():
    """One guessed claim in another sentence: the finding becomes info and names the guessed figure."""
    gated = gate_loudness(_finding(_claim("10万辆", SURE), _claim("12万辆", GUESSED, sentence_start=40)),
                          "grammar-in-one-sentence")
    assert gated.severity == "info"
    assert "“12万辆”" in gated.arithmetic and gated.arithmetic.startswith("a；")


def test_a_change_statement_in_one_sentence_keeps_its_severity():
    """从A增长到B，增长X in one sentence is tied by its words, whatever the metric was read as."""
    finding = _finding(_claim("10万辆", GUESSED), _claim("12万辆", GUESSED), _claim("30%", GUESSED))
    assert gate_loudness(finding, "grammar-in-one-sentence").severity == "warning"


def test_info_is_never_raised():
    """An info finding stays info even with certain claims."""
    finding = _finding(_claim("10万辆", SURE), severity="info")
    assert gate_loudness(finding, "grammar-in-one-sentence") is finding


def test_kinds_linked_by_grammar_keep_their_severity():
    """A kind that ties its figures by words (日均 after its total) keeps a loud finding."""
    finding = _finding(_claim("3.56亿人次", GUESSED), _claim("880万人次", GUESSED))
    assert gate_loudness(finding, "grammar").severity == "warning"


def test_text_level_findings_pass_through():
    """A finding without claims (a wording rule's span) is not gated."""
    finding = attrs.evolve(_finding(), claims=())
    assert gate_loudness(finding, "grammar-in-one-sentence") is finding


def test_meaning_lowers_a_guessed_claim_even_in_one_sentence():
    """A rule linked by meaning only is lowered for a guessed claim, however close the figures stand."""
    finding = _finding(_claim("10万辆", SURE), _claim("12万辆", GUESSED))
    assert gate_loudness(finding, "meaning").severity == "info"
    assert gate_loudness(finding).severity == "info"


def test_a_kind_tied_by_arithmetic_stays_loud():
    """Parts tied to the whole they add up to (shares summing to 100%): guessed metrics keep it loud."""
    finding = _finding(_claim("10万辆", SURE), _claim("12万辆", GUESSED, sentence_start=40))
    assert gate_loudness(finding, "arithmetic") is finding


def test_each_rule_of_a_kind_declares_its_own_tie():
    """total's two rules declare different ties: listed-parts-sum by grammar, parts-exceed-total by meaning."""
    from checker.engine.pack import load_pack
    from checker.text.rulesdir import find_rules_dir

    rules = find_rules_dir()
    pack = load_pack([rules], rules / "schema.json")
    assert pack.by_id("total.listed-parts-sum").linked_by == "grammar"
    assert pack.by_id("total.parts-exceed-total").linked_by == "meaning"
    assert pack.by_id("growth.change-mismatch").linked_by == "grammar-in-one-sentence"
    assert pack.by_id("shares.share-mismatch").linked_by == "arithmetic"


def test_an_unknown_tie_is_a_rule_file_error(tmp_path):
    """linked-by outside its four values is rejected with file, line and key, with or without the schema."""
    import pytest

    from checker.engine.pack import load_pack
    from checker.errors import RuleFileError
    from checker.text.rulesdir import find_rules_dir

    folder = tmp_path / "average"
    folder.mkdir()
    text = (find_rules_dir() / "average" / "per-day-mismatch.yaml").read_text(encoding="utf-8")
    (folder / "per-day-mismatch.yaml").write_text(text.replace("linked-by: grammar", "linked-by: proximity"),
                                                  encoding="utf-8")
    with pytest.raises(RuleFileError) as raised:
        load_pack([tmp_path], find_rules_dir() / "schema.json")
    assert raised.value.key == "linked-by" and raised.value.line is not None


def test_every_shipped_rule_declares_its_tie():
    """Every shipped rule file states linked-by, so no rule relies on the default by accident."""
    from checker.text.rulesdir import find_rules_dir

    missing = [p.name for p in find_rules_dir().glob("*/*.yaml")
               if p.parent.name != "lexicon" and "\nlinked-by:" not in p.read_text(encoding="utf-8")]
    assert not missing


def test_guessed_claims_of_different_articles_are_no_finding():
    """Figures of two articles tied only by a guessed reading give nothing, not even info; certain ones stay."""
    other = attrs.evolve(_claim("12万辆", GUESSED, sentence_start=40), doc="b.md")
    assert gate_loudness(_finding(_claim("10万辆", SURE), other)) is None
    assert gate_loudness(_finding(_claim("10万辆", SURE), other, severity="info")) is None
    sure = attrs.evolve(_claim("12万辆", SURE), doc="b.md")
    assert gate_loudness(_finding(_claim("10万辆", SURE), sure)).severity == "warning"
