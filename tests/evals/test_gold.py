"""The gold sets: valid, stable-looking, balanced, and every expectation checkable in the source text."""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.manifest import DOCUMENTS_DIR
from corpus.text import fold, join_wrapped, squash_spaces
from evals.gold import (
    CONTENT_SECTION_IDS,
    SECTION_IDS,
    AnswerItem,
    GoldError,
    RetrievalItem,
    answer_schema,
    load_answer_gold,
    load_retrieval_gold,
)

SOURCE = DOCUMENTS_DIR / "hyvinvointilautakunta-2024" / "source.txt"
PLAN_YEARS = range(2022, 2027)
TABLE_SECTIONS = (
    "talousarvio",
    "tuloslaskelma",
    "palvelualuelaskelmat/hyte",
    "palvelualuelaskelmat/opkou",
    "palvelualuelaskelmat/vaka",
    "palvelualuelaskelmat/vire",
    "investoinnit/taulukko",
)
# Printed headings (OCR, upper case) that open each table section, in document order; a section
# runs to the next heading. The last one only closes the investment table.
TABLE_HEADINGS = (
    ("talousarvio", "VALTUUSTON HYVAKSYMA TALOUSARVIO"),
    ("tuloslaskelma", "TULOSLASKELMA, NETTOSITOVUUS"),
    (None, "PALVELUALUETTAISET LASKELMAT"),
    ("palvelualuelaskelmat/hyte", "HYVINVOINNIN JA TERVEYDEN EDISTAMISEN PALVELUALUE"),
    ("palvelualuelaskelmat/opkou", "OPETUS- JA KOULUTUKSEN PALVELUALUE"),
    ("palvelualuelaskelmat/vaka", "VARHAISKASVATUKSEN PALVELUALUE"),
    ("palvelualuelaskelmat/vire", "VIRIKKEELLINEN ELAMA -PALVELUALUE"),
    ("investoinnit/taulukko", "INVESTOINNIT"),
    (None, "KAYTTOSUUNNITELMAN PALVELUALUEITTAISET TAVOITTEET"),
)
# A value the OCR damaged, the section it belongs to, and the printed values that prove it:
# total minus the other lines of the same column.
ERRATA: dict[int, tuple[str, int, tuple[int, ...]]] = {
    # OPKOU Palvelujen ostot TP 2022, printed "-3 1569 257".
    3159257: ("palvelualuelaskelmat/opkou", 18164345, (11226038, 378260, 82120, 3318670)),
}
OWNER_TITLES = (
    "Hyvinvointipäällikkö",
    "Koulutusjohtaja",
    "Varhaiskasvatusjohtaja",
    "Palvelualuejohtaja",
    "Liikuntapalvelujohtaja",
)
PERCENT = re.compile(r"^\d+,\d$")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@cache
def retrieval() -> tuple[RetrievalItem, ...]:
    return load_retrieval_gold()


@cache
def answers() -> tuple[AnswerItem, ...]:
    return load_answer_gold()


@cache
def source_lines() -> tuple[str, ...]:
    return tuple(SOURCE.read_text(encoding="utf-8").splitlines())


@cache
def folded_source() -> str:
    return fold(join_wrapped(list(source_lines())))


@cache
def table_text() -> dict[str, str]:
    lines = source_lines()
    starts = []
    for section, heading in TABLE_HEADINGS:
        found = [i for i, line in enumerate(lines) if line.strip() == heading]
        assert found, f"heading {heading!r} not in {SOURCE}"
        starts.append((section, found[0]))
    ranges = {}
    for (section, start), (_, end) in zip(starts, starts[1:]):
        if section is not None:
            ranges[section] = "\n".join(lines[start:end])
    return ranges


def printed_in(value: int, text: str) -> bool:
    """Whether `value` is printed in `text` as in the tables: '32 611 450', '-32611450', '=29 922 850'."""
    digits = str(value)
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return re.search(r"(?<!\d)" + " ?".join(groups) + r"(?!\d)", text) is not None


def table_sections(item: AnswerItem) -> str:
    return "\n".join(table_text()[s] for s in item.section_ids if s in table_text())


def printed_operands(item: AnswerItem) -> tuple[int, ...]:
    """The numbers of a figure row that must be printed cells (derived ones excluded)."""
    if item.category == "figure-change":
        return item.numbers[:2]
    if item.category == "figure-sum":
        return item.numbers[:-1]
    return item.numbers


def fact_in_source(fact: str) -> bool:
    """Whether a fact occurs in the source; an ä/ö may be OCR-damaged ('lapsimäärän' ~ 'lapsim&aran').

    Every other letter must match exactly, so a wrong inflection ('Tietokeskus' for 'Tietokeskuksen')
    is caught: the answer quotes the repaired text, where the fact must occur as written.
    """
    pattern = "".join("[^ ]{1,2}" if ch in "äöÄÖ" else re.escape(fold(ch)) for ch in squash_spaces(fact))
    return re.search(pattern, folded_source()) is not None


@cache
def restorable(word: str) -> bool:
    """Whether putting back some ä/ö makes `word` a Finnish word Voikko knows ('paivakodit' -> 'päiväkodit')."""
    import pyvoikko  # loaded only by the test that needs it

    spots = [i for i, ch in enumerate(word) if ch in "ao"]
    if len(spots) > 8:
        return False
    for count in range(1, len(spots) + 1):  # fewest restorations first: most words need one or two
        for chosen in combinations(spots, count):
            letters = list(word)
            for spot in chosen:
                letters[spot] = "ä" if letters[spot] == "a" else "ö"
            if pyvoikko.analyse("".join(letters)):
                return True
    return False


def drops_diacritics(question: str) -> bool:
    """Whether some word of an ä/ö-free question is a Finnish word once its ä/ö are put back."""
    words = sorted(set(re.findall(r"[a-z]+", question.lower())), key=lambda w: sum(ch in "ao" for ch in w))
    return any(restorable(word) for word in words)


# --- the committed gold sets ---------------------------------------------------------------


def test_gold_sets_are_large_enough() -> None:
    kinds = Counter(item.kind for item in answers())
    assert len(retrieval()) >= 90
    assert len(answers()) >= 130
    assert kinds["figure"] >= 45
    assert kinds["owner"] >= 18
    assert kinds["text"] >= 50
    assert kinds["not_found"] >= 18


@pytest.mark.parametrize(
    ("load", "prefix"), [(load_retrieval_gold, "r"), (load_answer_gold, "a")], ids=["retrieval", "answer"]
)
def test_ids_are_stable_looking_and_ascending(load: Any, prefix: str) -> None:
    ids = [item.id for item in load()]
    assert [i for i in ids if not re.fullmatch(prefix + r"\d{3}", i)] == []
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("load", [load_retrieval_gold, load_answer_gold], ids=["retrieval", "answer"])
def test_questions_are_not_repeated(load: Any) -> None:
    counts = Counter(squash_spaces(fold(item.question)) for item in load())
    assert [q for q, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("load", [load_retrieval_gold, load_answer_gold], ids=["retrieval", "answer"])
def test_a_fifth_is_typed_without_diacritics(load: Any) -> None:
    items = load()
    tagged = [item for item in items if "no-diacritics" in item.tags]
    assert [item.id for item in tagged if re.search("[äöåÄÖÅ]", item.question)] == []
    assert len(tagged) / len(items) >= 0.20


@pytest.mark.parametrize("load", [load_retrieval_gold, load_answer_gold], ids=["retrieval", "answer"])
def test_no_diacritics_rows_really_drop_them(load: Any) -> None:
    fake = [item.id for item in load() if "no-diacritics" in item.tags and not drops_diacritics(item.question)]
    assert fake == []


def test_a_tenth_of_retrieval_questions_have_typos_or_colloquial_forms() -> None:
    items = retrieval()
    informal = [item for item in items if {"typo", "colloquial"} & set(item.tags)]
    assert len(informal) / len(items) >= 0.10


def test_retrieval_covers_every_section() -> None:
    labelled = {s for item in retrieval() for s in item.sections}
    assert set(CONTENT_SECTION_IDS) - labelled == set()


@pytest.mark.parametrize("category", ["prose", "table", "goal"])
def test_retrieval_categories_match_their_sections(category: str) -> None:
    wanted = {"prose": None, "table": set(TABLE_SECTIONS), "goal": {"tavoitteet/taulukko"}}[category]
    rows = [item for item in retrieval() if item.category == category]
    assert rows
    if wanted is not None:
        assert [item.id for item in rows if not wanted & item.relevant] == []


def test_answer_gold_covers_every_table_and_every_owner() -> None:
    figure_sections = {s for item in answers() if item.kind == "figure" for s in item.section_ids}
    assert set(TABLE_SECTIONS) - figure_sections == set()
    for title in OWNER_TITLES:
        categories = {item.category for item in answers() if title in item.owners}
        assert categories == {"owner", "owner-reverse"}, title


def test_categories_are_balanced() -> None:
    categories = Counter(item.category for item in answers())
    for category in ("figure-lookup", "figure-change", "figure-ranking", "figure-sum", "owner-reverse"):
        assert categories[category] >= 5, category


def test_owners_are_titles_printed_in_the_goals_grid() -> None:
    owners = {owner for item in answers() for owner in item.owners}
    assert owners == set(OWNER_TITLES)
    assert [o for o in owners if fold(o) not in folded_source()] == []


@pytest.mark.parametrize("item", [i for i in load_answer_gold() if i.kind == "figure"], ids=lambda i: i.id)
def test_figure_operands_are_printed_in_their_tables(item: AnswerItem) -> None:
    text = table_sections(item)
    assert text, f"{item.id} cites no table section"
    for value in printed_operands(item):
        if value in ERRATA:
            section, total, others = ERRATA[value]
            assert section in item.section_ids
            assert all(printed_in(v, table_text()[section]) for v in (total, *others))
            assert total - sum(others) == value
        else:
            assert printed_in(value, text), f"{item.id}: {value} is not printed in {sorted(item.section_ids)}"


@pytest.mark.parametrize("item", [i for i in load_answer_gold() if i.kind == "figure"], ids=lambda i: i.id)
def test_derived_figures_are_exact(item: AnswerItem) -> None:
    numbers = item.numbers
    percents = [fact for fact in item.facts if PERCENT.match(fact)]
    if item.category == "figure-change":
        start, end, change = numbers
        assert change == abs(end - start) and change > 0
        for fact in percents:
            assert fact == f"{abs(end - start) * 100 / start:.1f}".replace(".", ",")
    elif item.category == "figure-sum":
        assert numbers[-1] == sum(numbers[:-1])
    else:
        assert percents == []
    if item.category == "figure-ranking":
        assert item.facts, f"{item.id}: a ranking must name the winning area"


def asks_outside_the_plan_years(item: AnswerItem) -> bool:
    return any(int(year) not in PLAN_YEARS for year in YEAR.findall(item.question))


def test_figure_questions_stay_inside_the_plan_years() -> None:
    assert [i.id for i in answers() if i.kind == "figure" and asks_outside_the_plan_years(i)] == []
    assert len([i for i in answers() if i.kind == "not_found" and asks_outside_the_plan_years(i)]) >= 3


@pytest.mark.parametrize("item", [i for i in load_answer_gold() if i.facts], ids=lambda i: i.id)
def test_facts_are_in_the_source_text(item: AnswerItem) -> None:
    missing = [fact for fact in item.facts if not PERCENT.match(fact) and not fact_in_source(fact)]
    assert missing == []


def test_fact_check_is_not_vacuous() -> None:
    assert fact_in_source("lapsimäärän")  # printed "lapsim&aran"
    assert not fact_in_source("Tietokeskus")  # printed "Tietokeskuksen": the stem must be "Tietokesku"
    assert not fact_in_source("uimahallin aukioloajat")
    assert printed_in(32611450, "MENOT -31791870 -32 839 500 -32 611450")
    assert not printed_in(3159257, table_text()["palvelualuelaskelmat/opkou"])


# --- the loader ------------------------------------------------------------------------------

VALID_ROW: dict[str, Any] = {
    "id": "x001",
    "question": "Paljonko toimialan menot ovat 2024?",
    "kind": "figure",
    "category": "figure-lookup",
    "numbers": [32611450],
    "owners": [],
    "facts": [],
    "sections": ["talousarvio|tuloslaskelma"],
}


def write_rows(folder: Path, *rows: Any) -> Path:
    path = folder / "suite.jsonl"
    lines = [row if isinstance(row, str) else json.dumps(row, ensure_ascii=False) for row in rows]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": None}, "kind"),
        ({"kind": "luku"}, "kind"),
        ({"category": "text"}, "category"),
        ({"numbers": [-5]}, "numbers[0]"),
        ({"numbers": []}, "numbers"),
        ({"numbers": [1, 2]}, "numbers"),
        ({"numbers": ["32 611 450"]}, "numbers[0]"),
        ({"sections": ["talousarvio|menot"]}, "sections[0]"),
        ({"sections": ["Talousarvio"]}, "sections[0]"),
        ({"answer": "32 611 450 €"}, "answer"),
        ({"id": "A-1"}, "id"),
        ({"question": "   "}, "question"),
        ({"kind": "not_found", "category": "not_found", "numbers": [], "sections": [], "facts": ["x"]}, "facts"),
        ({"category": "figure-change"}, "numbers"),
        ({"kind": "owner", "category": "owner", "numbers": []}, "owners"),
        ({"tags": ["ascii"]}, "tags[0]"),
    ],
)
def test_bad_answer_rows_are_named_by_file_line_and_field(tmp_path: Path, change: dict[str, Any], field: str) -> None:
    row = {**VALID_ROW, **change}
    row = {key: value for key, value in row.items() if value is not None}
    path = write_rows(tmp_path, {**VALID_ROW, "id": "x000"}, row)
    with pytest.raises(GoldError) as caught:
        load_answer_gold(path)
    assert (caught.value.path, caught.value.line, caught.value.field) == (str(path), 2, field)
    assert str(caught.value).startswith(f"{path}:2: field '{field}': ")


@pytest.mark.parametrize(
    ("line", "field"),
    [("{not json", "<json>"), ('["a list"]', "<row>"), (json.dumps(VALID_ROW), "id")],
    ids=["json", "not-object", "duplicate-id"],
)
def test_broken_lines_are_reported(tmp_path: Path, line: str, field: str) -> None:
    path = write_rows(tmp_path, VALID_ROW, line)
    with pytest.raises(GoldError, match=re.escape(f"suite.jsonl:2: field '{field}'")):
        load_answer_gold(path)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="cannot read the gold file"):
        load_answer_gold(tmp_path / "nope.jsonl")


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({"id": "r001", "question": "kirjasto", "category": "prose"}, "sections"),
        ({"id": "r001", "question": "kirjasto", "category": "prose", "sections": ["kirjasto"]}, "sections[0]"),
        ({"id": "r001", "question": "kirjasto", "category": "kuva", "sections": ["kuvaus/vire"]}, "category"),
        ({"id": "r001", "question": "kirjasto", "category": "prose", "sections": ["kuvaus|kuvaus/vire"]}, "sections[0]"),
    ],
)
def test_bad_retrieval_rows_are_named(tmp_path: Path, row: dict[str, Any], field: str) -> None:
    path = write_rows(tmp_path, row)
    with pytest.raises(GoldError) as caught:
        load_retrieval_gold(path)
    assert (caught.value.line, caught.value.field) == (1, field)


def test_valid_rows_load_as_typed_records(tmp_path: Path) -> None:
    path = write_rows(tmp_path, VALID_ROW, "")
    (item,) = load_answer_gold(path)
    assert item == AnswerItem(
        id="x001",
        question="Paljonko toimialan menot ovat 2024?",
        kind="figure",
        category="figure-lookup",
        numbers=(32611450,),
        owners=(),
        facts=(),
        sections=(("talousarvio", "tuloslaskelma"),),
        tags=(),
        notes=None,
        path=str(path),
        line=1,
    )
    assert item.unmet_sections(["tuloslaskelma"]) == ()
    assert item.unmet_sections(["kuvaus/vaka"]) == ("talousarvio|tuloslaskelma",)


def test_schema_is_valid_and_documents_the_sign_convention() -> None:
    schema = answer_schema()
    assert "ABSOLUTE" in schema["description"]
    assert set(schema["required"]) == {"id", "question", "kind", "category", "numbers", "owners", "facts", "sections"}
    assert all(section.islower() for section in SECTION_IDS)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
row_like = st.fixed_dictionaries({}, optional={key: json_values for key in VALID_ROW}).map(
    lambda partial: {**VALID_ROW, **partial}
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(max_size=60) | json_values.map(json.dumps) | row_like.map(json.dumps), max_size=4))
def test_loader_only_ever_raises_gold_error(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "suite.jsonl"
        path.write_text("\n".join(line.replace("\n", " ") for line in lines), encoding="utf-8")
        try:
            items = load_answer_gold(path)
        except GoldError as error:
            assert error.line >= 0 and error.field
        else:
            assert all(isinstance(item, AnswerItem) for item in items)
