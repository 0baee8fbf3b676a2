"""Scoring answers against hand-made gold rows: each check passes and fails where it should."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.types import Answer, Citation
from evals.gold import AnswerItem, AnswerPart
from evals.scoring import answer_operation, cited_sections, normalize_fact, score_answer, unit_key
from tests.evals.fakes import RicherAnswer


def item(kind: str = "figure", **fields: object) -> AnswerItem:
    values: dict[str, object] = {
        "id": "t001",
        "question": "Paljonko toimialan menot ovat 2024?",
        "kind": kind,
        "category": {"figure": "figure-lookup", "owner": "owner", "text": "text", "not_found": "not_found",
                     "multi": "multi", "clarify": "clarify"}[kind],
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


# --- what the Answer type gains: parts, an interpretation, units not itemised -------------------


class Interpretation:
    def __init__(self, operation: str) -> None:
        self.operation = operation


SHARE = item(category="figure-share", operation="share", numbers=(8_409_500, 32_611_450), facts=("25,8",),
             sections=(("palvelualuelaskelmat/vaka",), ("talousarvio", "tuloslaskelma")))  # fmt: skip
SHARE_TEXT = "Varhaiskasvatus 8 409 500 € on 25,8 % toimialan menoista 32 611 450 € [1][2]."
SHARE_CITED = (cite("palvelualuelaskelmat/vaka"), cite("talousarvio", 2))


@pytest.mark.parametrize(
    ("interpretation", "passed"),
    [
        (Interpretation("share"), True),
        ({"operation": "share", "area": "VAKA"}, True),
        (Interpretation("lookup"), False),
        ({"area": "VAKA"}, False),
        (None, False),  # an answer that shows no interpretation cannot show the operation
    ],
)
def test_the_operation_check_reads_the_interpretation(interpretation: object, passed: bool) -> None:
    given = RicherAnswer("q", "figure", SHARE_TEXT, citations=SHARE_CITED, interpretation=interpretation)
    score = score_answer(SHARE, given)
    assert [check.name for check in score.checks] == ["kind", "numbers", "facts", "citations", "operation"]
    assert score.passed is passed
    assert score.failed == (() if passed else ("operation",))


def test_an_answer_without_the_new_attributes_is_scored_too() -> None:
    plain = answer(SHARE_TEXT, citations=SHARE_CITED)
    assert answer_operation(plain) is None
    assert score_answer(SHARE, plain).failed == ("operation",)
    assert score_answer(item(numbers=(8_409_500,), sections=(("palvelualuelaskelmat/vaka",),)), plain).passed


UNIT = item(kind="not_found", category="unit-not-itemised", not_itemised=("Kippis", "Rainion päiväkoti"))


@pytest.mark.parametrize(
    ("named", "missing"),
    [
        (("Kippiksen ravirata", "Rainion päiväkodin"), ()),  # inflected: the first word's first five letters
        (("Heinolan Kippis-halli", "Rainion päiväkodin"), ()),  # every word of the name inside a longer one
        (("päiväkoti Kippis",), ("Rainion päiväkoti",)),  # half of a name does not name it
        (("RAINIO",), ("Kippis",)),
        ((), ("Kippis", "Rainion päiväkoti")),
    ],
)
def test_the_not_itemised_check_wants_every_unit_named(named: tuple[str, ...], missing: tuple[str, ...]) -> None:
    given = RicherAnswer("q", "not_found", "Suunnitelmassa ei ole näille omaa lukua.", not_itemised=named)
    score = score_answer(UNIT, given)
    assert [check.name for check in score.checks] == ["kind", "not_itemised"]
    assert score.failed == (("not_itemised",) if missing else ())
    assert score.checks[1].missing == missing
    assert unit_key("Päiväkoti Rainio") == "paiva"


MULTI = item(
    kind="multi",
    parts=(
        AnswerPart("figure", (32_611_450,), (), (), (("talousarvio", "tuloslaskelma"),), operation="lookup"),
        AnswerPart("owner", (), ("Liikuntapalvelujohtaja",), (), (("tavoitteet/taulukko",),)),
    ),
)
FIGURE_PART = RicherAnswer("q", "figure", "Menot 32 611 450 € [1].", citations=(cite("talousarvio"),),
                           interpretation={"operation": "lookup"})  # fmt: skip
OWNER_PART = RicherAnswer("q", "owner", "Vastaa liikuntapalvelujohtaja [1].", citations=(cite("tavoitteet/taulukko"),),
                          owners=("Liikuntapalvelujohtaja",))  # fmt: skip


@pytest.mark.parametrize("parts", [(FIGURE_PART, OWNER_PART), (OWNER_PART, FIGURE_PART)], ids=["in-order", "swapped"])
def test_a_multi_answer_passes_when_every_part_is_met(parts: tuple[Answer, ...]) -> None:
    score = score_answer(MULTI, RicherAnswer("q", "multi", "…", parts=parts))
    assert [check.name for check in score.checks] == ["kind", "parts"]
    assert score.passed


def test_a_multi_answer_names_what_each_part_misses() -> None:
    wrong_owner = RicherAnswer("q", "owner", "Vastaa koulutusjohtaja [1].", citations=(cite("tavoitteet/taulukko"),),
                               owners=("Koulutusjohtaja",))  # fmt: skip
    score = score_answer(MULTI, RicherAnswer("q", "multi", "…", parts=(FIGURE_PART, wrong_owner)))
    assert score.failed == ("parts",)
    assert score.checks[1].missing == ("2. owners: Liikuntapalvelujohtaja",)
    one_part = score_answer(MULTI, RicherAnswer("q", "multi", "…", parts=(FIGURE_PART,)))
    assert one_part.checks[1].missing == ("2. owner: vastauksessa ei ole tätä osaa",)


def test_a_single_answer_to_a_multi_question_fails_its_kind_and_parts() -> None:
    text = "Menot 32 611 450 € [1]. Vastaa liikuntapalvelujohtaja [2]."
    given = answer(text, citations=(cite("talousarvio"), cite("tavoitteet/taulukko", 2)), owners=("Liikuntapalvelujohtaja",))
    assert score_answer(MULTI, given).failed == ("kind", "parts")


@pytest.mark.parametrize(("kind", "passed"), [("clarify", True), ("not_found", False), ("figure", False)])
def test_clarify_rows_check_only_the_kind(kind: str, passed: bool) -> None:
    score = score_answer(item(kind="clarify"), answer("Mitä lukua tarkoitat?", kind=kind))
    assert [check.name for check in score.checks] == ["kind"]
    assert score.passed is passed
