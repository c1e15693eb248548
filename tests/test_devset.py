"""The development set of numerals, units, dates and periods (tests/devset): every case passes, or is a todo."""

from __future__ import annotations

import pytest

from tests.devset.score import case_id, iter_cases, load_devset, score_case

_DEVSET = load_devset()
_CASES = list(iter_cases(_DEVSET))


@pytest.mark.parametrize(("section", "case"), _CASES, ids=[case_id(s, c) for s, c in _CASES])
def test_devset_case(resources, section, case):
    """A case normalizes as written; a todo case is a known miss and must still fail."""
    reason = score_case(section, case, resources, _DEVSET["dct_default"])
    if case.get("todo"):
        assert reason is not None, f"todo case now passes, drop its todo: {case['todo']}"
        pytest.xfail(case["todo"])
    assert reason is None, reason
