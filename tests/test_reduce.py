"""A group reduced before the corpus rules (checker.run.reduce) gives the same findings, naming the same claims."""

from __future__ import annotations

import datetime as dt
import functools

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.claims.link import index_facts
from checker.engine.runner import RunContext, run
from checker.model import DocumentDate, Quantity
from checker.run.reduce import build_reducer

# One sentence per article, all of one series (成都市集成电路产业产值) or its target: levels that agree and that
# conflict, a rate with and without its level, a preliminary and a final figure, a named base, targets and a forecast.
SENTENCES = (
    "2024年，成都市集成电路产业产值1120.4亿元。",
    "2024年，成都市集成电路产业产值1200亿元。",
    "2024年，成都市集成电路产业产值超过1100亿元。",
    "2023年，成都市集成电路产业产值1050.2亿元。",
    "2024年，成都市集成电路产业产值同比增长12.4%。",
    "2024年，成都市集成电路产业产值1120.4亿元，同比增长6.7%。",
    "据初步核算，2024年成都市集成电路产业产值1150亿元。",
    "经最终核实，2024年成都市集成电路产业产值为1120.4亿元。",
    "2024年，成都市集成电路产业产值比2019年增长45%。",
    "2024年，成都市集成电路产业产值增长12.4%。",
    "成都提出，力争2025年集成电路产业产值突破1500亿元。",
    "成都提出，力争2025年集成电路产业产值突破1600亿元。",
    "预计2025年，成都集成电路产业产值将达到1300亿元。",
    "2025年，成都集成电路产业产值为1320亿元。",
)
DATES = (None, dt.date(2025, 1, 20), dt.date(2025, 3, 2), dt.date(2026, 1, 10))


@functools.lru_cache(maxsize=1)
def _pack_and_claims():
    """The default pack and each sentence's linkable claims, read once as an article dated 2025-01-20."""
    from checker.extract.resources import load_resources
    from checker.run.pipeline import claims_of, load_pack_and_lexicon
    from checker.text.ingest import document_from_text

    pack, lexicon = load_pack_and_lexicon([])
    resources = load_resources()
    claims = []
    for number, text in enumerate(SENTENCES):
        doc = document_from_text(f"s{number}.txt", text, date_override=dt.date(2025, 1, 20))
        claims.append(tuple(c for c in claims_of(doc, resources, lexicon) if c.value is not None))
    return pack, tuple(claims)


def _findings(pack, claims, dates) -> list:
    """The corpus rules' findings over the claims, in the run's order."""
    documents = {}
    return run(pack, RunContext(index_facts(tuple(claims), dates), documents, None), scope="corpus")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(SENTENCES) - 1), st.integers(0, len(DATES) - 1)), min_size=1,
                max_size=40), st.booleans())
def test_a_reduced_group_gives_the_same_findings(articles, across_only):
    """Whatever articles state the series, the reduced claims give the same findings as all of them, in order (also
    when agreement compares only claims of different documents)."""
    pack, pool = _pack_and_claims()
    if across_only:
        pack = attrs.evolve(pack, rules=tuple(
            attrs.evolve(r, params=attrs.evolve(r.params, across_documents_only=True)) if r.kind == "agreement" else r
            for r in pack.rules))
    reduce = build_reducer(pack, lambda place: _date(DATES[articles[place][1]]))
    assert reduce is not None
    items, dates = [], {}
    for place, (sentence, day) in enumerate(articles):
        doc = f"a{place}.txt"
        dates[doc] = _date(DATES[day])
        items += [((place, index), attrs.evolve(claim, doc=doc), 0) for index, claim in enumerate(pool[sentence])]
    kept = list(reduce(iter(items)))
    assert [item[0] for item in kept] == sorted(item[0] for item in kept)
    assert set(map(id, kept)) <= set(map(id, items))
    assert _findings(pack, [c for _, c, _ in kept], dates) == _findings(pack, [c for _, c, _ in items], dates)


def test_many_articles_stating_one_figure_keep_a_few_claims():
    """A thousand articles stating one level alike, and one stating another, keep three claims, not a thousand."""
    pack, pool = _pack_and_claims()
    reduce = build_reducer(pack, lambda place: None)
    assert reduce is not None
    items = [((place, 0), attrs.evolve(pool[0][0], doc=f"a{place}.txt"), 7) for place in range(1000)]
    items.append(((1000, 0), attrs.evolve(pool[1][0], doc="b.txt"), 7))
    kept = list(reduce(iter(items)))
    assert [item[0] for item in kept] == [(0, 0), (1, 0), (1000, 0)]
    assert len(_findings(pack, [c for _, c, _ in kept], {})) == 1


def test_many_articles_stating_one_fact_differently_keep_its_extremes():
    """Articles each stating another value of one level keep the first, the last and the two extremes' first claims."""
    pack, pool = _pack_and_claims()
    reduce = build_reducer(pack, lambda place: None)
    assert reduce is not None
    values = [7, 3, 9, 9, 1, 5, 1, 8]
    level = pool[0][0]
    items = [((place, 0), attrs.evolve(level, doc=f"a{place}.txt", mention=attrs.evolve(
        level.mention, quantity=Quantity.point(value, level.figure.unit))), 3) for place, value in enumerate(values)]
    kept = [item[0][0] for item in reduce(iter(items))]
    assert kept == [0, 1, 2, 4, 7]  # first, another document's, the highest (first 9), the lowest (first 1), last


def test_a_rate_keeps_its_sentence():
    """A 同比 rate checked against levels is kept with the level before it in its sentence, however many repeat it."""
    pack, pool = _pack_and_claims()
    reduce = build_reducer(pack, lambda place: None)
    assert reduce is not None
    rate_sentence = pool[5]
    assert len(rate_sentence) == 2
    items = [((place, index), attrs.evolve(claim, doc=f"a{place}.txt"), 1)
             for place in range(50) for index, claim in enumerate(rate_sentence)]
    assert len(list(reduce(iter(items)))) == 100


def test_a_corpus_kind_that_does_not_say_what_it_reads_keeps_every_claim(monkeypatch):
    """Without a claim_view in every corpus kind the pack uses, no claim is left out (no reducer at all)."""
    from checker.engine.kinds import revision

    pack, _ = _pack_and_claims()
    monkeypatch.delattr(revision, "claim_view")
    assert build_reducer(pack, lambda place: None) is None


def _date(day: dt.date | None) -> DocumentDate | None:
    """A document date as the store gives it (front matter)."""
    return DocumentDate(day, "front matter", 1.0) if day is not None else None
