"""Extraction over whole documents: properties, seed sanity, and the golden findings over seeds/."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import InputError
from checker.extract.mentions import find_mentions
from checker.text.ingest import document_from_text

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "seeds_findings.txt"

news_text = st.lists(
    st.one_of(
        st.text(max_size=20),
        st.sampled_from(["2024年", "超1200家", "95.3万辆", "增长22.2倍", "\n", "，", "。", "1至10月", "十四五",
                         "约10万人左右", "<b>", "&amp;", "---\n", "两万", "1/5", "60%至80%", "去\n年", "7000\n亿元级"]),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(news_text, st.sampled_from(["a.md", "a.txt", "a.html"]))
def test_extraction_never_raises_and_spans_slice_to_text(resources, text, name):
    """On arbitrary text, extraction never raises and every span slices the original to its text."""
    try:
        doc = document_from_text(name, text)
    except InputError:
        # NUL bytes make a file binary: a clear refusal is the right answer, not an extraction.
        return
    for mention in find_mentions(doc, resources):
        assert 0 <= mention.span.start < mention.span.end <= len(doc.text)
        assert doc.text[mention.span.start:mention.span.end] == mention.text
        if mention.quantity is not None:
            q = mention.quantity
            assert q.low is None or q.high is None or q.low <= q.value <= q.high or q.qualifier == "order"


def test_joined_mentions_keep_the_line_break_in_their_text(resources):
    """A figure broken across lines reads as one mention whose text is the original slice."""
    doc = document_from_text("a.txt", "全市电子信息产业迈上7000\n亿元级台阶，去\n年产值增长5%。")
    texts = {m.text: m for m in find_mentions(doc, resources)}
    assert "7000\n亿元级" in texts and texts["7000\n亿元级"].quantity.qualifier == "order"
    assert "去\n年" in texts and texts["去\n年"].period is not None


def test_no_false_figures_in_seed_names(resources):
    """Names in the seeds (问界M9, 三一重工, 33618, event names) yield no figure."""
    for path in sorted((ROOT / "seeds").iterdir()):
        doc = document_from_text(str(path), path.read_bytes())
        for mention in find_mentions(doc, resources):
            assert mention.text not in ("9", "33618", "三一", "一批", "零"), mention


def _golden_lines() -> list[str]:
    """path:line:col:rule-id:message for every finding of the default pack over seeds/."""
    from checker.extract.resources import load_resources
    from checker.report.text import line_col
    from checker.run.pipeline import check_documents, load_pack_and_lexicon

    pack, lexicon = load_pack_and_lexicon([])
    docs = [document_from_text(f"seeds/{p.name}", p.read_bytes()) for p in sorted((ROOT / "seeds").iterdir())]
    result = check_documents(docs, load_resources(), pack, lexicon)
    texts = {d.path: d.text for d in docs}
    lines = []
    for f in result.findings:
        if f.claims:
            doc, start = f.claims[-1].doc, f.claims[-1].mention.span.start
        else:
            doc, start = f.spans[0][0], f.spans[0][1].start
        line, col = line_col(texts[doc], start)
        lines.append(f"{doc}:{line}:{col}:{f.rule}:{f.message}")
    return sorted(lines)


def test_golden_findings_over_seeds():
    """The findings over seeds/ match the reviewed golden file (HEDUI_UPDATE_GOLDEN=1 refreshes it)."""
    lines = _golden_lines()
    if os.environ.get("HEDUI_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert lines == GOLDEN.read_text(encoding="utf-8").splitlines()


@settings(max_examples=80, deadline=None)
@given(st.lists(news_text, min_size=1, max_size=3))
def test_the_whole_check_never_raises(resources, texts):
    """Claims, linking and every rule run on arbitrary text without raising."""
    from checker.run.pipeline import check_documents

    pack, lexicon = _pack_and_lexicon()
    docs = []
    for index, text in enumerate(texts):
        try:
            docs.append(document_from_text(f"d{index}.md", text))
        except InputError:
            # A generated NUL byte makes the file binary: refused, not checked.
            continue
    result = check_documents(docs, resources, pack, lexicon)
    for finding in result.findings:
        assert finding.message and finding.severity in ("error", "warning", "info")


@functools.lru_cache(maxsize=1)
def _pack_and_lexicon():
    """The default pack and lexicon, loaded once for the property test."""
    from checker.run.pipeline import load_pack_and_lexicon

    return load_pack_and_lexicon([])


_OLD_DIGIT_SPACE = (r"(?<=\d)[ \t\u3000]++(?=[{cjk}])|(?<=[{cjk}])[ \t\u3000]++(?=\d)")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="12３年月增长 \t\u3000a%", max_size=30))
def test_digit_space_runs_match_the_pattern_they_replace(text):
    """Spaces between a digit and a CJK character are found exactly as the former lookbehind pattern found them."""
    import re

    from checker.text.textmap import _SPACE_RUN, CJK, _joins_digit_and_cjk

    old = re.compile(_OLD_DIGIT_SPACE.format(cjk=CJK))
    new = [m.span() for m in _SPACE_RUN.finditer(text) if _joins_digit_and_cjk(text, *m.span())]
    assert new == [m.span() for m in old.finditer(text)]
