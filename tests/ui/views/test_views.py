"""The tabs' data: budget series and comparisons, goal filters, source sections, labels."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest

from corpus.records import BudgetCell, LineRange
from tests.ui.fakes import CELLS, GOALS, ORIGINAL, REPAIRED, fake_corpus
from ui import texts
from ui.labels import Labels
from ui.views.budget import BudgetView, area_matrix, item_key, points_figure, render_matrix, render_points_table
from ui.views.goals import ALL, area_choices, filter_goals, owner_choices, render_goals
from ui.views.page import page_title, render_footer, render_header
from ui.views.source import WHOLE_PLAN, render_hits, render_section, search, section_choices, section_of

CORPUS = fake_corpus()
LABELS = Labels.from_corpus(CORPUS)
VIEW = BudgetView(cells=CELLS, labels=LABELS)


def test_labels_come_from_the_manifest_cells_and_sections() -> None:
    assert LABELS.area("VAKA") == "Varhaiskasvatus"
    assert LABELS.area("TOIMIALA") == "Hyvinvointilautakunnan toimiala"
    assert LABELS.table("investoinnit/taulukko") == "Investoinnit"
    assert LABELS.area("XYZ") == "XYZ"
    assert LABELS.topics == ("Kuvaus toiminnasta", "Tavoitteet")  # top level only, no title page


def test_areas_start_with_the_whole_board_then_manifest_order() -> None:
    assert [code for _, code in VIEW.area_choices()] == ["TOIMIALA", "VAKA", "VIRE"]


def test_repeated_items_name_their_table() -> None:
    labels = [label for label, _ in VIEW.item_choices("TOIMIALA")]
    assert labels == ["Toimintakulut", "MENOT (Valtuuston hyväksymä talousarvio)", "MENOT (Investoinnit)"]


def test_series_has_the_five_columns_in_order_from_the_cells() -> None:
    points = VIEW.series("VAKA", item_key("palvelualuelaskelmat/vaka", "Henkilöstökulut"))
    assert [(p.label, p.cell.value if p.cell else None) for p in points] == [
        ("TP 2022", -5903322), ("TA 2023", -6211300), ("TA 2024", -5974300), ("TS 2025", -6059200), ("TS 2026", -6246500),
    ]
    assert all(p.cell and p.cell.area == "VAKA" and p.cell.item == "Henkilöstökulut" for p in points)


def test_series_of_an_unprinted_item_has_no_cells() -> None:
    points = VIEW.series("VIRE", item_key("palvelualuelaskelmat/vire", "Henkilöstökulut"))
    assert [p.cell for p in points] == [None] * 5
    assert render_points_table(points, "x", "Sarake") == f'<p class="budget-empty">{texts.BUDGET_EMPTY}</p>'


def test_comparison_puts_service_areas_side_by_side_without_the_board() -> None:
    points = VIEW.compare("Toimintakulut", "TA 2024")
    assert [(p.label, p.cell.value if p.cell else None) for p in points] == [
        ("Varhaiskasvatus", -8409500), ("Virikkeellinen elämä", -4947900),
    ]
    assert VIEW.comparable_items() == ["Toimintakulut"]  # Henkilöstökulut is printed for VAKA only here


def test_default_comparison_is_the_largest_line() -> None:
    view = BudgetView(cells=CELLS + _vaka_and_vire("Myyntituotot", 1000), labels=LABELS)
    assert view.comparable_items() == ["Toimintakulut", "Myyntituotot"]
    assert view.default_compare_item("TA 2024") == "Toimintakulut"
    small = BudgetView(cells=CELLS + _vaka_and_vire("Myyntituotot", 99_000_000), labels=LABELS)
    assert small.default_compare_item("TA 2024") == "Myyntituotot"
    assert BudgetView(cells=(), labels=LABELS).default_compare_item("TA 2024") is None


def _vaka_and_vire(item: str, value: int) -> tuple[BudgetCell, ...]:
    return tuple(
        replace(cell, item=item, value=value, line=cell.line + 100)
        for cell in CELLS
        if cell.item == "Toimintakulut" and cell.area in ("VAKA", "VIRE")
    )


def test_budget_table_and_chart_show_the_same_numbers() -> None:
    points = VIEW.compare("Toimintakulut", "TA 2024")
    table = render_points_table(points, "Toimintakulut, TA 2024", "Palvelualue")
    assert re.findall(r'<td class="num">([^<]*€)</td>', table) == ["−8 409 500 €", "−4 947 900 €"]
    # The chart draws costs as positive "menot" (its axis says so); the table keeps the printed sign.
    figure = points_figure(points, "otsikko")
    bar = figure.data[0]
    assert list(bar.x) == [8409500, 4947900] and list(bar.text) == ["8 409 500 €", "4 947 900 €"]
    assert list(bar.y) == ["Varhaiskasvatus", "Virikkeellinen<br>elämä"] and bar.orientation == "h"
    assert figure.layout.xaxis.title.text == texts.CHART_AXIS_COSTS
    assert figure.layout.font.size >= 12 and figure.layout.uniformtext.minsize >= 12


def test_a_chart_of_incomes_or_mixed_signs_keeps_the_printed_values() -> None:
    incomes = [replace(point, cell=replace(point.cell, value=-point.cell.value, item="Maksutuotot")) for point in VIEW.compare("Toimintakulut", "TA 2024")]
    figure = points_figure(incomes, "x")
    assert list(figure.data[0].x) == [8409500, 4947900] and figure.layout.xaxis.title.text == texts.CHART_AXIS
    net = [replace(point, cell=replace(point.cell, item="Toimintakate")) for point in VIEW.compare("Toimintakulut", "TA 2024")]
    assert list(points_figure(net, "x").data[0].x) == [-8409500, -4947900]


def test_chart_leaves_out_missing_values() -> None:
    points = VIEW.series("VAKA", item_key("palvelualuelaskelmat/vaka", "Toimintakulut"))
    figure = points_figure([points[0], type(points[0])("TA 2023", None)], "x")
    assert list(figure.data[0].y) == ["TP 2022"]


@pytest.mark.parametrize(
    ("area", "owner", "aim", "search", "expected"),
    [
        (ALL, ALL, ALL, "", ["kestava-talous/vaka", "vahva/opkou"]),
        ("VAKA", ALL, ALL, "", ["kestava-talous/vaka"]),
        (ALL, "Koulutusjohtaja", ALL, "", ["vahva/opkou"]),
        (ALL, ALL, "Kestävä talous", "", ["kestava-talous/vaka"]),
        (ALL, ALL, ALL, "henkilostomaara", ["kestava-talous/vaka"]),  # folds ä/ö, ignores case
        (ALL, ALL, ALL, "KÄSIKIRJAN", ["vahva/opkou"]),
        ("VAKA", "Koulutusjohtaja", ALL, "", []),
    ],
)
def test_goal_filters(area: str, owner: str, aim: str, search: str, expected: list[str]) -> None:
    assert [goal.id for goal in filter_goals(GOALS, area, owner, aim, search)] == expected


def test_goal_choices_start_with_all() -> None:
    assert area_choices(GOALS, LABELS) == [("Kaikki", ALL), ("Varhaiskasvatus", "VAKA"), ("Opetus- ja koulutuspalvelut", "OPKOU")]
    assert owner_choices(GOALS) == [("Kaikki", ALL), ("Koulutusjohtaja", "Koulutusjohtaja"), ("Varhaiskasvatusjohtaja", "Varhaiskasvatusjohtaja")]


def test_goals_table_shows_metric_target_owner_and_escapes() -> None:
    rendered = render_goals(GOALS, len(GOALS), LABELS)
    assert "Tavoitteet (2/2)" in rendered
    assert "Oppimisen tuen &lt;vaikuttavuus&gt;" in rendered and "<vaikuttavuus>" not in rendered
    first_row = re.search(r"<tbody><tr>(.*?)</tr>", rendered).group(1)  # type: ignore[union-attr]
    cells = re.findall(r'<td><span class="cell-label">(.*?): </span>(.*?)</td>', first_row)
    assert [label for label, _ in cells] == list(texts.GOALS_HEADERS)  # phones show each goal as a labelled card
    assert [html.unescape(re.sub(r"<[^>]+>", " ", cell)).split() for _, cell in cells] == [
        ["Varhaiskasvatus"],
        ["Kestävä", "talous", "Käyttötalouden", "tasapaino"],
        "Varhaiskasvatuksen palvelurakenne on suhteutettu palvelun käyttäjämäärään".split(),
        ["vapaiden", "paikkojen", "määrä"],
        ["Henkilöstömäärä", "mitoitetaan", "lapsimäärään"],
        ["Varhaiskasvatusjohtaja"],
        ["rivit", "6–8"],
    ]
    assert '<a class="source-jump" href="#lahde:tavoitteet/taulukko:6-8">rivit 6–8</a>' in first_row  # opens the plan there


def test_no_goals_found_is_said() -> None:
    assert texts.GOALS_EMPTY in render_goals([], 2, LABELS)


def test_sections_in_document_order_after_the_whole_plan() -> None:
    choices = section_choices(CORPUS.document())
    assert [value for _, value in choices] == [WHOLE_PLAN, "otsikko", "kuvaus", "kuvaus/vaka", "tavoitteet", "palvelualuelaskelmat/vaka"]
    assert (choices[2][0], choices[3][0]) == ("Kuvaus toiminnasta (rivit 3–5)", "Kuvaus toiminnasta › Varhaiskasvatus (rivit 4–5)")


@pytest.mark.parametrize(("original", "lines"), [(False, REPAIRED), (True, ORIGINAL)])
def test_source_lines_are_numbered_from_the_source_and_escaped(original: bool, lines: tuple[str, ...]) -> None:
    rendered = render_section(CORPUS.document(), "kuvaus", original=original)
    assert re.search(r'<ol class="source-text[^"]*" start="3">', rendered)
    assert re.findall(r'<li id="rivi-(\d+)"', rendered) == ["3", "4", "5"]
    repaired = [html.unescape(item) for item in re.findall(r'<span class="line-repaired">(.*?)</span>', rendered)]
    assert repaired == list(REPAIRED[2:5])
    beside = [html.unescape(item) for item in re.findall(r'<span class="line-original"><span class="visually-hidden">[^<]*</span>(.*?)</span>', rendered)]
    assert beside == (list(ORIGINAL[2:5]) if original else [])  # the OCR text beside the repaired one
    assert "<script>" not in rendered and "<b>" not in rendered


def test_whole_plan_shows_every_line() -> None:
    rendered = render_section(CORPUS.document(), WHOLE_PLAN)
    assert len(re.findall(r"<li ", rendered)) == len(REPAIRED)
    assert "Käyttösuunnitelma" in rendered and "Kayttosuunnitelma" not in rendered


def test_a_parent_section_shows_its_subsections_too() -> None:
    rendered = render_section(CORPUS.document(), "kuvaus")
    # The parent's own lines are only its heading (3-3); its subsection runs to line 5.
    assert '<ol class="source-text" start="3">' in rendered and len(re.findall(r"<li ", rendered)) == 3


def test_cited_lines_are_highlighted_and_the_first_is_the_scroll_target() -> None:
    rendered = render_section(CORPUS.document(), "kuvaus", cited=LineRange(4, 5))
    assert re.findall(r'<li id="rivi-(\d+)" class="line cited"', rendered) == ["4", "5"]
    assert re.findall(r'<li id="rivi-(\d+)"[^>]*tabindex="-1"', rendered) == ["4"]
    assert texts.SOURCE_CITED.format(lines="rivit 4–5") in rendered
    assert "cited" not in render_section(CORPUS.document(), "kuvaus")


@pytest.mark.parametrize(
    ("query", "lines"),
    [
        ("kayttosuunnitelma", [2]),  # no ä needed
        ("HENKILOSTOKULUT", [10]),
        ("varhaiskasvatusalue", [5]),  # an inflected form: "varhaiskasvatusaluetta"
        ("toimintakulut 2024", []),  # every word must occur: "2024" is not on line 9
        ("tavoite 2024", [6]),
        ("x", []),  # one letter is no search
    ],
)
def test_search_folds_letters_and_inflections(query: str, lines: list[int]) -> None:
    assert [hit.line for hit in search(CORPUS.document(), query)] == lines


def test_search_hits_link_to_their_section_and_mark_the_words() -> None:
    rendered = render_hits(CORPUS.document(), "kayttosuunnitelma")
    assert 'href="#lahde:otsikko:2-2"' in rendered and "<mark>Käyttösuunnitelma</mark>" in rendered
    assert texts.SOURCE_SEARCH_HITS.format(count=1, shown=1) in rendered
    assert texts.SOURCE_SEARCH_NONE.format(query="uimahalli") in render_hits(CORPUS.document(), "uimahalli")
    assert render_hits(CORPUS.document(), " ") == ""
    shown = render_section(CORPUS.document(), WHOLE_PLAN, query="henkilostokulut")
    assert re.findall(r"<mark>(.*?)</mark>", shown) == ["Henkilöstökulut"]


def test_a_line_belongs_to_its_innermost_section() -> None:
    assert [section_of(CORPUS.document(), line) for line in (1, 3, 4, 9)] == ["otsikko", "kuvaus", "kuvaus/vaka", "palvelualuelaskelmat/vaka"]


def test_area_matrix_has_every_item_by_column_in_print_order() -> None:
    rows = area_matrix(VIEW, "VAKA")
    assert [(row.item, row.lines, [c.value if c else None for c in row.cells]) for row in rows] == [
        ("Toimintakulut", (9,), [-8448544, -8989400, -8409500, -8502000, -8721800]),
        ("Henkilöstökulut", (10,), [-5903322, -6211300, -5974300, -6059200, -6246500]),
    ]
    rendered = render_matrix(VIEW, "VAKA")
    assert 'class="table-scroll" tabindex="0" role="region"' in rendered and "sticky-first" in rendered
    assert re.findall(r'<th scope="row">(.*?)</th>', rendered) == ["Toimintakulut", "Henkilöstökulut"]
    assert "−8 409 500" in rendered and '<abbr title="tilinpäätös">TP</abbr> 2022' in rendered


def test_header_names_plan_town_organisation_year_contact_and_links_to_the_plan() -> None:
    manifest = CORPUS.document().manifest
    header = render_header(manifest, '<a href="https://example.fi">Asiakaspalvelu</a>')
    text = html.unescape(re.sub(r"<[^>]+>", " ", header))
    for part in (manifest.title, manifest.municipality, manifest.organisation, str(manifest.year), texts.HEADER_DISCLAIMER, texts.HEADER_WHAT):
        assert part in text
    assert 'href="#lahde:*"' in header and '<a href="https://example.fi">Asiakaspalvelu</a>' in header
    assert manifest.municipality in page_title(manifest)
    footer = render_footer("Asiakaspalvelu")
    assert texts.FOOTER_ACCESSIBILITY_TITLE in footer and html.escape(texts.PRIVACY_NOTE) in footer and "{contact}" not in footer
