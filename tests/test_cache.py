"""The analysis cache is data, verified end to end: damage is rebuilt, never trusted; nothing in it runs."""

from __future__ import annotations

import json
import pickle
import random
import sqlite3

import pytest

from checker.run import codec
from tests.test_cli import RIGHT, WRONG, run

CONFLICT = ("2024年，成都集成电路产业产值达到1200亿元。", "2024年，成都集成电路产业产值达到1500亿元。")


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A folder with one error, one consistent article and a cross-article conflict."""
    monkeypatch.chdir(tmp_path)
    for name, text in zip("abcd", (WRONG, RIGHT, *CONFLICT), strict=True):
        (tmp_path / f"{name}.md").write_text(text, encoding="utf-8")
    return tmp_path


class _Planted:
    """An object whose unpickling would leave a marker file behind."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_planted_pickle_in_the_cache_folder_never_runs(capsys, corpus):
    """Pickles planted in .hedui-cache (as a pull request could) are never loaded."""
    marker = corpus / "pwned"
    (corpus / ".hedui-cache").mkdir()
    for name in ("pack-0.pickle", "resources-0.pickle", "analysis.pickle"):
        (corpus / ".hedui-cache" / name).write_bytes(pickle.dumps(_Planted(str(marker))))
    assert run(capsys, "check", ".", "--format", "json")[0] == 1
    assert run(capsys, "check", ".", "--format", "json")[0] == 1
    assert not marker.exists()


def test_the_cache_folder_ignores_itself(capsys, corpus):
    """The cache folder carries its own .gitignore, so it is never committed."""
    run(capsys, "check", ".", "--format", "json")
    assert (corpus / ".hedui-cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def _tamper(folder, *statements: str) -> None:
    """Run SQL statements against the cache database in a folder, as an attacker or a bad disk would."""
    db = sqlite3.connect(folder / ".hedui-cache" / "analysis.sqlite")
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()


def test_a_store_another_run_holds_is_kept(capsys, corpus):
    """A store locked by another hedui (an editor's and a terminal's run at once) is used by neither twice: the second
    run goes on without it, says so, and finds the same; the store and its entries stay for the next run."""
    first = run(capsys, "check", ".", "--format", "json")
    (corpus / "e.md").write_text(RIGHT, encoding="utf-8")  # a new file: the run must open the store to analyse it
    expected = run(capsys, "check", ".", "--format", "json", "--no-cache")
    holder = sqlite3.connect(corpus / ".hedui-cache" / "analysis.sqlite")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, out, err = run(capsys, "check", ".", "--format", "json")
    finally:
        holder.rollback()
        holder.close()
    assert (code, out) == expected[:2]
    assert "不使用缓存" in err
    stored = sqlite3.connect(corpus / ".hedui-cache" / "analysis.sqlite")
    assert stored.execute("SELECT count(*) FROM files").fetchone()[0] == 4  # a, b, c, d from the first run
    stored.close()
    assert first[0] == code
    assert run(capsys, "check", ".", "--format", "json")[:2] == expected[:2]


def test_an_edited_column_is_detected(capsys, corpus):
    """Editing a plain column of a row (not only its blob) rebuilds the cache instead of trusting it."""
    first = run(capsys, "check", ".", "--format", "json")
    _tamper(corpus, "UPDATE facts SET low = 0, high = 1e300",
            "UPDATE files SET claim_count = 0, suppressions = '[{\"rule\": \"growth\"}]'")
    assert run(capsys, "check", ".", "--format", "json") == first


def test_a_damaged_blob_is_detected(capsys, corpus):
    """A stored analysis or findings blob, or a fact's claim, that no longer matches its checksum is never trusted."""
    first = run(capsys, "check", ".", "--format", "json")
    _tamper(corpus, "UPDATE files SET full = X'80049500'", "UPDATE facts SET sentence = sentence + 1",
            "UPDATE findings SET findings = X'00'")
    assert run(capsys, "check", ".", "--format", "json") == first
    assert "agreement.conflicting-values" in first[1] and first[0] == 1


@pytest.mark.parametrize("statement", [
    "UPDATE facts SET low = low * (1 + 1e-15) WHERE id = (SELECT MAX(id) FROM facts WHERE low != 0)",
    "UPDATE facts SET family = family + 1 WHERE id = (SELECT MIN(id) FROM facts)",
    "UPDATE facts SET value = 1 WHERE id = (SELECT MIN(id) FROM facts WHERE value IS NULL)",
    "DELETE FROM facts WHERE id = (SELECT MAX(id) FROM facts)",
    "INSERT INTO facts SELECT id + 999, family, topic, modality, value, low, high, sentence, relation, start, end"
    " FROM facts WHERE id = (SELECT MAX(id) FROM facts)",
])
def test_a_damaged_fact_row_alone_is_detected(capsys, corpus, statement):
    """A fact row changed in its last digit, changed, removed or added (no other row touched) is never used: a run
    whose cross-article step is remembered does not read it, the next run that reads the facts rebuilds the store."""
    first = run(capsys, "check", ".", "--format", "json")
    _tamper(corpus, statement)
    assert run(capsys, "check", ".", "--format", "json")[:2] == first[:2]
    # Another article: the step over these files was never run, so every file's facts are read (and verified).
    (corpus / "e.md").write_text(RIGHT, encoding="utf-8")
    code, out, err = run(capsys, "check", ".", "--format", "json", "--verbose")
    assert "缓存已损坏" in err and (code, out) == run(capsys, "check", ".", "--format", "json", "--no-cache")[:2]
    # Rebuilt: the next run finds nothing damaged.
    assert "缓存已损坏" not in run(capsys, "check", ".", "--format", "json", "--verbose")[2]


def test_random_byte_damage_never_changes_the_report(capsys, corpus):
    """Fifty trials of random byte flips in the cache file give the same report as a clean run."""
    first = run(capsys, "check", ".", "--format", "json")
    path = corpus / ".hedui-cache" / "analysis.sqlite"
    pristine = path.read_bytes()
    rng = random.Random(15)
    for _ in range(50):
        damaged = bytearray(pristine)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path.write_bytes(bytes(damaged))
        assert run(capsys, "check", ".", "--format", "json") == first


def test_codec_round_trips_a_whole_analysis(corpus):
    """An analysis stored as JSON comes back equal, offsets and infinite interval ends included."""
    from checker.extract.resources import load_resources
    from checker.run.pipeline import analyze_document, load_pack_and_lexicon
    from checker.text.ingest import read_document

    pack, lexicon = load_pack_and_lexicon([])
    analysis = analyze_document(read_document(str(corpus / "a.md")), load_resources(), lexicon, pack)
    back = codec.loads(codec.dumps(analysis))
    assert back.doc == analysis.doc and back.claims == analysis.claims and back.findings == analysis.findings
    assert json.loads(codec.dumps(float("inf"))) == {"@f": "inf"}


def test_codec_refuses_unknown_types():
    """A stored form naming a class outside the known values is an error, never an import."""
    with pytest.raises(codec.CodecError):
        codec.decode({"@": "os.system", "command": "true"})
