"""The evals' own number formatting (reading numbers lives in assistant.language.numbers)."""

from __future__ import annotations

from assistant.language.numbers import numbers_in
from evals.numbers_fi import format_number


def test_format_number_groups_with_no_break_spaces() -> None:
    assert format_number(32_611_450) == "32\u00a0611\u00a0450"
    assert numbers_in(format_number(32_611_450)) == {32_611_450}
