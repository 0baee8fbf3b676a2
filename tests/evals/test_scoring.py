"""Scoring answers against hand-made gold rows: each check passes and fails where it should."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.types import Answer, Citation
from evals.gold import AnswerItem
from evals.scoring import cited_sections, normalize_fact, score_answer


def item(kind: str = "figure", **fields: object) -> AnswerItem:
    values: dict[str, object] = {
        "id": "t001",
        "question": "Paljonko toimialan menot ovat 2024?",
        "kind": kind,
        "category": {"figure": "figure-lookup", "owner": "owner", "text": "text", "not_found": "not_found"}[kind],
        "numbers": (),
        "owners": (),
        "facts": (),
        "sections": (),
        "tags": (),
        "notes": None,
        "path": "test",
        "line": 1,
    }
    values.update(fields)
    return AnswerItem(**values)  # type: ignore[arg-type]


def cite(section_id: str, n: int = 1) -> Citation:
    return Citation(n=n, section_id=section_id, section="Osio", quote="lainaus", lines=(1, 2))


def answer(text: str, kind: str = "figure", citations: tuple[Citation, ...] = (), owners: tuple[str, ...] = ()) -> Answer:
    return Answer(question="q", kind=kind, answer=text, citations=citations, owners=owners)  # type: ignore[arg-type]


FIGURE = item(numbers=(32_611_450,), sections=(("talousarvio", "tuloslaskelma"),))


@pytest.mark.parametrize(
    "text",
    [
        "Toimialan menot ovat TA 2024 (talousarvio) −32 611 450 € [1].",
        "Menot: 32\u00a0611\u00a0450 euroa [1].",
        "Menot: 32\u202f611\u202f450 € [1].",
        "Menot ovat -32 611 450 € [1].",
    ],
)
def test_figure_answer_passes_in_any_finnish_format(text: str) -> None:
    score = score_answer(FIGURE, answer(text, citations=(cite("tuloslaskelma"),)))
    assert score.passed
    assert [check.name for check in score.checks] == ["kind", "numbers", "citations"]


@pytest.mark.parametrize(
    ("given", "failed"),
    [
        (answer("Menot ovat 32 611 451 € [1].", citations=(cite("talousarvio"),)), ("numbers",)),
        (answer("Menot ovat 32 611 450 €.", citations=(cite("kuvaus/toimiala"),)), ("citations",)),
        (answer("Menot ovat 32 611 450 € [1].", kind="text", citations=(cite("talousarvio"),)), ("kind",)),
        (answer("Tätä ei löydy käyttösuunnitelmasta.", kind="not_found"), ("kind", "numbers", "citations")),
    ],
)
def test_figure_answer_fails_the_right_checks(given: Answer, failed: tuple[str, ...]) -> None:
    score = score_answer(FIGURE, given)
    assert not score.passed
    assert score.failed == failed


def test_missing_numbers_are_listed_formatted() -> None:
    row = item(category="figure-change", numbers=(8_989_400, 8_409_500, 579_900), sections=(("palvelualuelaskelmat/vaka",),))
    score = score_answer(row, answer("TA 2023 −8 989 400 € → TA 2024 −8 409 500 €", citations=(cite("palvelualuelaskelmat/vaka"),)))
    numbers = next(check for check in score.checks if check.name == "numbers")
    assert numbers.missing == ("579\u00a0900",)


OWNER = item(kind="owner", owners=("Palvelualuejohtaja", "Liikuntapalvelujohtaja"), facts=("vähintään 18",),
             sections=(("tavoitteet/taulukko",),))  # fmt: skip


def test_owner_answer_passes_with_titles_inside_longer_owner_strings() -> None:
    given = answer(
        "Tavoitteesta vastaavat palvelualuejohtaja ja liikuntapalvelujohtaja; tavoite on vahintaan 18 % [1].",
        kind="owner",
        citations=(cite("tavoitteet/taulukko"),),
        owners=("Palvelualuejohtaja, Virikkeellinen elämä", "LIIKUNTAPALVELUJOHTAJA"),
    )
    assert score_answer(OWNER, given).passed


def test_owner_answer_fails_when_an_owner_is_missing() -> None:
    given = answer("Vastaa palvelualuejohtaja. Tavoite: vähintään 18 % [1].", kind="owner",
                   citations=(cite("tavoitteet/taulukko"),), owners=("Palvelualuejohtaja",))  # fmt: skip
    score = score_answer(OWNER, given)
    assert score.failed == ("owners",)
    assert score.checks[1].missing == ("Liikuntapalvelujohtaja",)


def test_owner_named_only_in_text_is_not_an_owner() -> None:
    given = answer("Palvelualuejohtaja ja Liikuntapalvelujohtaja, vähintään 18 % [1].", kind="owner",
                   citations=(cite("tavoitteet/taulukko"),))  # fmt: skip
    assert score_answer(OWNER, given).failed == ("owners",)


TEXT = item(kind="text", facts=("1.8.2024", "Tommola-taloon"), sections=(("toimintaymparisto/vaka", "toimintaymparisto/opkou"),))


@pytest.mark.parametrize(
    ("text", "passed"),
    [
        ("Esiopetusryhmä siirtyy väistöön Tommola-taloon 1.8.2024 [1].", True),
        ("esiopetusryhma siirtyy TOMMOLA-TALOON 1.8.2024 [1].", True),  # case and ä/ö folded
        ("Esiopetusryhmä siirtyy Tommola-taloon\u00a0 1.8.2024 [1].", True),
        ("Esiopetusryhmä siirtyy Tommola-taloon syksyllä [1].", False),
        ("Esiopetusryhmä siirtyy 1.8.2024 [1].", False),
    ],
)
def test_text_answer_facts(text: str, passed: bool) -> None:
    score = score_answer(TEXT, answer(text, kind="text", citations=(cite("toimintaymparisto/opkou"),)))
    assert score.passed is passed


def test_every_required_citation_entry_must_be_met() -> None:
    row = item(category="figure-sum", numbers=(150_700, 553_500, 704_200),
               sections=(("palvelualuelaskelmat/hyte",), ("palvelualuelaskelmat/vire",)))  # fmt: skip
    text = "150 700 € + 553 500 € = 704 200 €"
    one = score_answer(row, answer(text, citations=(cite("palvelualuelaskelmat/hyte"),)))
    both = score_answer(row, answer(text, citations=(cite("palvelualuelaskelmat/hyte"), cite("palvelualuelaskelmat/vire", 2))))
    assert one.failed == ("citations",)
    assert one.checks[-1].missing == ("palvelualuelaskelmat/vire",)
    assert both.passed


def test_a_cited_child_section_meets_a_parent_requirement() -> None:
    row = item(numbers=(1,), sections=(("palvelualuelaskelmat",),))
    assert score_answer(row, answer("1 €", citations=(cite("palvelualuelaskelmat/vaka"),))).passed
    assert cited_sections(iter(["palvelualuelaskelmat/vaka"])) == {"palvelualuelaskelmat", "palvelualuelaskelmat/vaka"}


def test_a_cited_table_does_not_meet_its_prose_parent() -> None:
    # "tavoitteet" holds the intro text; citing the goals grid below it does not quote that text
    row = item(kind="text", facts=("hyvinvointilautakunta",), sections=(("tavoitteet",),))
    score = score_answer(row, answer("Tavoitteet hyväksyy hyvinvointilautakunta [1].", kind="text",
                                     citations=(cite("tavoitteet/taulukko"),)))  # fmt: skip
    assert score.failed == ("citations",)
    assert cited_sections(["tavoitteet/taulukko", "investoinnit/taulukko"]) == {"tavoitteet/taulukko", "investoinnit/taulukko"}


NOT_FOUND = item(kind="not_found")


@pytest.mark.parametrize(("kind", "passed"), [("not_found", True), ("figure", False), ("text", False)])
def test_not_found_rows_check_only_the_kind(kind: str, passed: bool) -> None:
    score = score_answer(NOT_FOUND, answer("Tätä ei löydy käyttösuunnitelmasta.", kind=kind))
    assert [check.name for check in score.checks] == ["kind"]
    assert score.passed is passed


def test_normalize_fact_folds_case_diacritics_and_spaces() -> None:
    assert normalize_fact("  Hyvinvointipäällikkö\u202fVÄHINTÄÄN\n 18 ") == "hyvinvointipaallikko vahintaan 18"


@given(
    text=st.text(max_size=200),
    owners=st.lists(st.text(max_size=30), max_size=3),
    cited=st.lists(st.sampled_from(["talousarvio", "tavoitteet/taulukko", "kuvaus/vaka", "x/y/z", ""]), max_size=3),
    kind=st.sampled_from(["figure", "owner", "text", "not_found"]),
)
def test_scoring_never_raises_and_passes_only_with_every_check(text: str, owners: list[str], cited: list[str], kind: str) -> None:
    row = item(kind="owner", owners=("Koulutusjohtaja",), facts=("digiagentit",), sections=(("tavoitteet/taulukko",),))
    citations = tuple(cite(section_id, n) for n, section_id in enumerate(cited, start=1))
    score = score_answer(row, answer(text, kind=kind, citations=citations, owners=tuple(owners)))
    assert score.passed == (not score.failed)
    assert [check.name for check in score.checks] == ["kind", "owners", "facts", "citations"]
