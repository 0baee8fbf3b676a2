"""The figure tools over hand-made cells: lookup, change, ranking, sums, and what does not exist."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.errors import FigureNotFound
from assistant.tools.figures.tools import ChangeResult, Figures, as_column
from corpus.records import BudgetCell, Column


@pytest.fixture()
def figures(sample_cells: list[BudgetCell]) -> Figures:
    return Figures(sample_cells)


def test_lookup_returns_the_cell_as_provenance(figures: Figures) -> None:
    result = figures.lookup_figure("VAKA", "Henkilöstökulut", "TA 2024")
    assert (result.value, result.cell.table, result.cell.line, result.cell.column) == (
        -5974300,
        "palvelualuelaskelmat/vaka",
        466,
        Column(2024, "TA"),
    )


@pytest.mark.parametrize("item", ["henkilöstökulut", "HENKILOSTOKULUT", " Henkilöstökulut "])
def test_lookup_is_tolerant_of_case_and_diacritics(figures: Figures, item: str) -> None:
    assert figures.lookup_figure("vaka", item, "ta2024").value == -5974300


def test_operating_table_wins_over_investments_unless_asked(figures: Figures) -> None:
    assert figures.lookup_figure("TOIMIALA", "Menot", "TA 2024").value == -32611450
    assert figures.lookup_figure("TOIMIALA", "Menot", "TA 2024", table="investoinnit").value == -270000


@pytest.mark.parametrize(
    ("area", "item", "column", "message"),
    [
        ("HYTE", "Maksutuotot", "TA 2024", r"area 'HYTE' has no row 'Maksutuotot'.*its rows: Henkilöstökulut"),
        ("VAKA", "Henkilöstökulut", "TP 2024", r"has no column TP 2024.*its columns: TP 2022, TA 2023"),
        ("TEKNINEN", "Menot", "TA 2024", r"no figures for area 'TEKNINEN'; areas: TOIMIALA"),
        ("VAKA", "Henkilöstökulut", "2024", r"not a column label"),
        ("TOIMIALA", "Henkilöstökulut", "TA 2024", r"no row 'Henkilöstökulut' in table 'investoinnit'"),
    ],
)
def test_missing_cells_raise_with_what_exists(figures: Figures, area: str, item: str, column: str, message: str) -> None:
    table = "investoinnit" if "investoinnit" in message else None
    with pytest.raises(FigureNotFound, match=message):
        figures.lookup_figure(area, item, column, table=table)


def test_change_of_costs_in_euros_and_percent(figures: Figures) -> None:
    change = figures.figure_change("VAKA", "Toimintakulut", "TA 2023", "TA 2024")
    assert (change.difference, change.magnitude_change, change.percent_tenths, change.percent) == (579900, -579900, -65, -6.5)
    assert [c.column.label for c in change.cells] == ["TA 2023", "TA 2024"]


def test_change_of_revenue(figures: Figures) -> None:
    change = figures.figure_change("TOIMIALA", "Tulot", "TA 2024", "TS 2025")
    assert (change.difference, change.magnitude_change, change.percent_tenths) == (-423000, -423000, -157)


@pytest.mark.parametrize(
    ("start", "end", "tenths"),
    [("TA 2023", "TA 2024", None), ("TP 2022", "TA 2023", -1000), ("TS 2025", "TS 2026", None)],
)
def test_percent_is_undefined_from_zero_or_across_a_sign_flip(figures: Figures, start: str, end: str, tenths: int | None) -> None:
    assert figures.figure_change("HYTE", "Rahoitustuotot ja -kulut", start, end).percent_tenths == tenths


def test_share_of_the_board(figures: Figures) -> None:
    share = figures.figure_share("VAKA", "Henkilöstökulut", "TA 2024")
    assert (share.part.value, share.whole.value, share.percent_tenths, share.percent) == (-5974300, -19327000, 309, 30.9)


def test_share_needs_the_board_row(figures: Figures) -> None:
    with pytest.raises(FigureNotFound, match="'TOIMIALA' has no row 'Maksutuotot'"):
        figures.figure_share("VAKA", "Maksutuotot", "TA 2024")


def test_rank_areas_by_amount_largest_first(figures: Figures) -> None:
    ranking = figures.rank_areas("Henkilöstökulut", "TA 2024")
    assert [(c.area, c.value) for c in ranking.cells] == [("VAKA", -5974300), ("HYTE", -463600)]
    assert ranking.missing == ()


def test_rank_areas_smallest_first_and_missing_areas(figures: Figures) -> None:
    ranking = figures.rank_areas("Maksutuotot", "TA 2024", descending=False)
    assert ([c.area for c in ranking.cells], ranking.missing) == (["VAKA"], ("HYTE",))


def test_rank_areas_never_includes_the_whole_board(figures: Figures) -> None:
    assert "TOIMIALA" not in [c.area for c in figures.rank_areas("Henkilöstökulut", "TA 2024").cells]


def test_rank_items_within_an_area(figures: Figures) -> None:
    ranking = figures.rank_items("VAKA", ["Maksutuotot", "Henkilöstökulut", "Palvelujen ostot"], "TA 2024")
    assert ([c.item for c in ranking.cells], ranking.missing) == (["Henkilöstökulut", "Maksutuotot"], ("Palvelujen ostot",))


def test_rank_of_a_row_no_area_has_raises(figures: Figures) -> None:
    with pytest.raises(FigureNotFound, match="no area has row 'Vuosikate'"):
        figures.rank_areas("Vuosikate", "TA 2024")


def test_sum_over_areas_and_columns(figures: Figures) -> None:
    result = figures.sum_figures(["VAKA", "HYTE"], ["Toimintakulut"], ["TA 2024", "TS 2025"])
    assert result.total == -8409500 - 709000 - 8502000 - 725200
    assert len(result.cells) == 4


def test_sum_with_a_missing_cell_raises(figures: Figures) -> None:
    with pytest.raises(FigureNotFound, match="Maksutuotot"):
        figures.sum_figures(["VAKA", "HYTE"], ["Maksutuotot"], ["TA 2024"])


def test_what_exists(figures: Figures) -> None:
    assert figures.areas()[0] == "TOIMIALA"
    assert set(figures.service_areas()) == {"VAKA", "HYTE"}
    assert figures.items("HYTE") == ("Henkilöstökulut", "Toimintakulut", "Rahoitustuotot ja -kulut")
    assert figures.items("TOIMIALA", table="investoinnit") == ("Menot",)
    assert figures.columns("VAKA", "Toimintakulut")[0] == Column(2022, "TP")


@pytest.mark.parametrize(("label", "column"), [("TA 2024", Column(2024, "TA")), ("ts2026", Column(2026, "TS")), ("tp-2022", Column(2022, "TP"))])
def test_as_column(label: str, column: Column) -> None:
    assert as_column(label) == column


def _cell(value: int, column: Column) -> BudgetCell:
    return BudgetCell("d", "t", "T", "VAKA", "Toimintakulut", column, value, 1, "t", str(value))


@given(st.integers(-10**9, 10**9), st.integers(-10**9, 10**9))
def test_change_arithmetic_is_exact(start: int, end: int) -> None:
    figures = Figures([_cell(start, Column(2023, "TA")), _cell(end, Column(2024, "TA"))])
    change: ChangeResult = figures.figure_change("VAKA", "Toimintakulut", "TA 2023", "TA 2024")
    assert change.difference == end - start
    assert change.magnitude_change == abs(end) - abs(start)
    if start == 0 or start * end < 0:
        assert change.percent_tenths is None
    else:
        assert change.percent_tenths is not None
        assert abs(change.percent_tenths * abs(start) - change.magnitude_change * 1000) * 2 <= abs(start)
