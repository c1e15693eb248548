"""The store keeps each thing once: what an article's text gives back is not stored again, findings are compressed."""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path

import attrs
import pytest

from checker.run import cache
from checker.run.checksum import checksum
from tests.test_cli import WRONG, run

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))[:6]
CONFLICT = ("2024年，成都集成电路产业产值达到1200亿元。", "2024年，成都集成电路产业产值达到1500亿元。")
# A forecast and the actual figure that met it: a family whose claims differ (two modalities), with no finding.
MET = ("预计2025年，成都软件产业营业收入达到800亿元。", "2025年，成都软件产业营业收入达到800亿元。")


@pytest.fixture(scope="module")
def analyses():
    """Analyses of a few real articles (the seeds)."""
    from checker.extract.resources import load_resources
    from checker.run.pipeline import analyze_document, load_pack_and_lexicon
    from checker.text.ingest import read_document

    pack, lexicon = load_pack_and_lexicon([])
    resources = load_resources()
    return [analyze_document(read_document(str(path)), resources, lexicon, pack) for path in SEEDS]


def _stored(analysis) -> tuple[bytes, object]:
    """An analysis's stored JSON bytes and the analysis read back from the store's form."""
    full = cache.prepare_rows(analysis, "[]", "00" * 32).full
    inflate = zlib.decompressobj(zdict=cache._dictionary())
    return inflate.decompress(full) + inflate.flush(), cache._built(cache._full(full, checksum(full)))


def _same(back, analysis) -> bool:
    """True when an analysis read back is the one stored, field by field."""
    return (back.doc == analysis.doc and back.claims == analysis.claims and back.findings == analysis.findings
            and back.times == analysis.times)


def test_a_claim_sentence_is_stored_once_and_every_analysis_comes_back_equal(analyses):
    """A sentence stated by several claims is stored with the document's text only, not once more per claim."""
    shared = 0
    for analysis in analyses:
        raw, back = _stored(analysis)
        assert _same(back, analysis)
        claims = json.dumps(json.loads(raw)["DocAnalysis"][1], ensure_ascii=False)
        for sentence in {c.sentence for c in analysis.claims}:
            stated = sum(c.sentence == sentence for c in analysis.claims)
            if stated > 1 and len(sentence) > 10:
                shared += 1
                # The document's reading text holds it; no stored claim repeats it.
                assert sentence not in claims, sentence
    assert shared > 5


def test_fields_the_document_does_not_give_back_are_kept(analyses):
    """A claim whose sentence, path, mention text or span differs from what its document gives comes back as it was."""
    analysis = next(a for a in analyses if len(a.claims) > 3)
    odd = list(analysis.claims)
    first, second, third = odd[:3]
    odd[0] = attrs.evolve(first, sentence=first.sentence + "。", doc="other.md")
    mention = attrs.evolve(second.mention, text="另一个", span=attrs.evolve(second.mention.span, end=10**6))
    odd[1] = attrs.evolve(second, mention=mention)
    odd[2] = attrs.evolve(third, sentence_start=-1, mention=attrs.evolve(third.mention, reading_end=10**6))
    changed = attrs.evolve(analysis, claims=tuple(odd))
    raw, back = _stored(changed)
    assert _same(back, changed)
    assert b"other.md" in raw and "另一个".encode() in raw


def _json_form(blob: bytes) -> bytes:
    """The JSON form of a stored findings blob (compressed or not)."""
    try:
        inflate = zlib.decompressobj(zdict=cache._dictionary())
        return inflate.decompress(blob) + inflate.flush()
    except zlib.error:
        return blob  # stored as it is


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A folder with one document-scope error, a cross-article conflict and a forecast met."""
    monkeypatch.chdir(tmp_path)
    for name, text in zip("abcde", (WRONG * 3, *CONFLICT, *MET), strict=True):
        (tmp_path / f"{name}.md").write_text(text, encoding="utf-8")
    return tmp_path


def test_findings_are_stored_compressed_and_groups_without_findings_store_none(capsys, corpus):
    """A file's findings take fewer bytes than their JSON form; a remembered group without findings takes none."""
    first = run(capsys, "check", ".", "--format", "json")
    db = sqlite3.connect(corpus / ".hedui-cache" / "analysis.sqlite")
    stored = db.execute("SELECT findings FROM findings").fetchall()
    assert stored and all(len(blob) < len(_json_form(blob)) for blob, in stored)
    memo = db.execute("SELECT findings FROM memo").fetchall()
    assert b"" in {blob for blob, in memo} and any(memo_blob for memo_blob, in memo)
    db.close()
    # Read back (warm), the same report.
    assert run(capsys, "check", ".", "--format", "json") == first
