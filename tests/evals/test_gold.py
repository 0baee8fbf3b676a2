"""The gold sets: valid, stable-looking, balanced, and every expectation checkable in the source text."""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from functools import cache
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.manifest import DOCUMENTS_DIR
from corpus.text import fold, join_wrapped, squash_spaces
from evals.gold import (
    ANSWERS_DEV,
    ANSWERS_TEST,
    CONTENT_SECTION_IDS,
    CONVERSATIONS_DEV,
    CONVERSATIONS_TEST,
    RETRIEVAL_DEV,
    RETRIEVAL_TEST,
    SECTION_IDS,
    AnswerItem,
    AnswerPart,
    GoldError,
    RetrievalItem,
    answer_schema,
    conversation_schema,
    load_answer_gold,
    load_conversation_gold,
    load_retrieval_gold,
)

SOURCE = DOCUMENTS_DIR / "hyvinvointilautakunta-2024" / "source.txt"
REPAIRED = DOCUMENTS_DIR / "hyvinvointilautakunta-2024" / "derived" / "repaired.txt"
GOALS = DOCUMENTS_DIR / "hyvinvointilautakunta-2024" / "derived" / "goals.jsonl"
# Forms with a dropped ä/ö that Voikko cannot confirm: an abbreviation's case ending, a colloquial form, typos.
UNKNOWN_TO_VOIKKO = frozenset({"hytella", "pitais", "paivakodile", "yhtenaistamsita", "laaninkivalteri"})
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
    # Rahoitustuotot ja -kulut TP 2022 = Vuosikate - Toimintakate, printed "-1".
    11: ("tuloslaskelma", 28726260, (28726249,)),
}
OWNER_TITLES = (
    "Hyvinvointipäällikkö",
    "Koulutusjohtaja",
    "Varhaiskasvatusjohtaja",
    "Palvelualuejohtaja",
    "Liikuntapalvelujohtaja",
)
# The goals grid's own spelling of the VIRE area's director (the older rows write "Palvelualuejohtaja").
GRID_OWNER_TITLES = (*OWNER_TITLES, "Palvelualuejohtaja, Virikkeellinen elämä")
PERCENT = re.compile(r"^\d+,\d$")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@cache
def retrieval() -> tuple[RetrievalItem, ...]:
    """The retrieval dev split (written by hand; the test split is derived from the answer test rows)."""
    return load_retrieval_gold(RETRIEVAL_DEV)


@cache
def answers() -> tuple[AnswerItem, ...]:
    """Every answer row of both splits: the data checks below hold for all of them."""
    return load_answer_gold(ANSWERS_DEV) + load_answer_gold(ANSWERS_TEST)


@cache
def turns() -> tuple[AnswerItem, ...]:
    """Every conversation turn of both splits."""
    conversations = load_conversation_gold(CONVERSATIONS_DEV) + load_conversation_gold(CONVERSATIONS_TEST)
    return tuple(turn for conversation in conversations for turn in conversation.turns)


def figure_expectations() -> list[tuple[str, AnswerItem | AnswerPart]]:
    """(id, expectation) of every figure row, figure part of a multi row and figure turn, in both splits."""
    found: list[tuple[str, AnswerItem | AnswerPart]] = []
    for item in answers() + turns():
        for n, expected in enumerate(item.expectations, start=1):
            if expected.kind == "figure":
                found.append((item.id if expected is item else f"{item.id}-{n}", expected))
    return found


def operation_of(expected: AnswerItem | AnswerPart) -> str:
    """The operation a figure expectation asks: written, or named by its category ("figure-sum" -> "sum")."""
    if expected.operation is not None:
        return expected.operation
    return expected.category.removeprefix("figure-") if isinstance(expected, AnswerItem) else "lookup"


@cache
def source_lines() -> tuple[str, ...]:
    return tuple(SOURCE.read_text(encoding="utf-8").splitlines())


@cache
def folded_source() -> str:
    return fold(join_wrapped(list(source_lines())))


@cache
def folded_repaired() -> str:
    """The OCR-repaired text that answers quote, folded, wrapped lines joined."""
    return fold(join_wrapped(REPAIRED.read_text(encoding="utf-8").splitlines()))


@cache
def grid_owners() -> frozenset[str]:
    """The owners as the goals grid names them (the corpus build's goals.jsonl)."""
    goals = [json.loads(line) for line in GOALS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return frozenset(owner for goal in goals for owner in goal["owners"])


@cache
def table_text() -> dict[str, str]:
    lines = source_lines()
    starts = []
    for section, heading in TABLE_HEADINGS:
        found = [i for i, line in enumerate(lines) if line.strip() == heading]
        assert found, f"heading {heading!r} not in {SOURCE}"
        starts.append((section, found[0]))
    ranges = {}
    for (section, start), (_, end) in pairwise(starts):
        if section is not None:
            ranges[section] = "\n".join(lines[start:end])
    return ranges


def printed_in(value: int, text: str) -> bool:
    """Whether `value` is printed in `text` as in the tables: '32 611 450', '-32611450', '=29 922 850'."""
    digits = str(value)
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return re.search(r"(?<!\d)" + " ?".join(groups) + r"(?!\d)", text) is not None


def table_sections(item: AnswerItem | AnswerPart) -> str:
    ids = {s for options in item.sections for s in options}
    return "\n".join(table_text()[s] for s in ids if s in table_text())


def printed_operands(item: AnswerItem | AnswerPart) -> tuple[int, ...]:
    """The numbers of a figure expectation that must be printed cells (derived ones excluded)."""
    operation = operation_of(item)
    if operation in ("change", "difference"):
        return item.numbers[:2]
    if operation == "sum":
        return item.numbers[:-1]
    if operation == "share":
        return item.numbers[:1]  # the whole may be a sum (all five investment years)
    if operation in ("average", "ranking"):
        return ()  # a total or ranked changes are derived; checked by test_derived_figures_are_exact
    return item.numbers


def fact_in_source(fact: str) -> bool:
    """Whether a fact occurs in the plan: in the repaired text the answers quote, or in the OCR source, where
    an ä/ö may be damaged ('lapsimäärän' ~ 'lapsim&aran').

    Every other letter must match exactly, so a wrong inflection ('Tietokeskus' for 'Tietokeskuksen') is caught.
    """
    if fold(squash_spaces(fact)) in folded_repaired():
        return True
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
    return any(word in UNKNOWN_TO_VOIKKO or restorable(word) for word in words)


# --- the committed gold sets ---------------------------------------------------------------


def test_gold_sets_are_large_enough() -> None:
    for path, least in ((ANSWERS_DEV, 300), (ANSWERS_TEST, 200)):
        kinds = Counter(item.kind for item in load_answer_gold(path))
        assert sum(kinds.values()) >= least
        assert kinds["figure"] >= 45 and kinds["owner"] >= 18 and kinds["text"] >= 50 and kinds["not_found"] >= 18
        assert kinds["multi"] >= 10 and kinds["clarify"] >= 2
    assert len(retrieval()) >= 90
    assert len(turns()) >= 200


SPLIT_LOADERS = [
    (load_retrieval_gold, RETRIEVAL_DEV, r"r\d{3}"),
    (load_retrieval_gold, RETRIEVAL_TEST, r"t[a-z]\d{3}(-\d)?"),
    (load_answer_gold, ANSWERS_DEV, r"a\d{3}|t[a-z]\d{3}"),
    (load_answer_gold, ANSWERS_TEST, r"t[a-z]\d{3}"),
]


@pytest.mark.parametrize(("load", "path", "pattern"), SPLIT_LOADERS, ids=lambda v: getattr(v, "name", ""))
def test_ids_are_stable_looking_and_ascending(load: Any, path: Path, pattern: str) -> None:
    ids = [item.id for item in load(path)]
    assert [i for i in ids if not re.fullmatch(pattern, i)] == []
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(("load", "path", "pattern"), SPLIT_LOADERS, ids=lambda v: getattr(v, "name", ""))
def test_questions_are_not_repeated(load: Any, path: Path, pattern: str) -> None:
    # the parts of a multi row ("tm001-1", "tm001-2") share its question
    counts = Counter(squash_spaces(fold(item.question)) for item in load(path) if not item.id.endswith(("-2", "-3")))
    assert [q for q, n in counts.items() if n > 1] == []


@pytest.mark.parametrize(("load", "path", "pattern"), SPLIT_LOADERS, ids=lambda v: getattr(v, "name", ""))
def test_a_fifth_is_typed_without_diacritics(load: Any, path: Path, pattern: str) -> None:
    items = load(path)
    tagged = [item for item in items if "no-diacritics" in item.tags]
    assert [item.id for item in tagged if re.search("[äöåÄÖÅ]", item.question)] == []
    assert len(tagged) / len(items) >= 0.20


def test_no_diacritics_rows_really_drop_them() -> None:
    items = (*retrieval(), *answers(), *turns())
    fake = [item.id for item in items if "no-diacritics" in item.tags and not drops_diacritics(item.question)]
    assert fake == []


def test_a_tenth_of_retrieval_questions_have_typos_or_colloquial_forms() -> None:
    items = retrieval()
    informal = [item for item in items if {"typo", "colloquial"} & set(item.tags)]
    assert len(informal) / len(items) >= 0.10


def test_retrieval_covers_every_section() -> None:
    labelled = {s for item in retrieval() for s in item.sections}
    assert set(CONTENT_SECTION_IDS) - labelled == set()


@pytest.mark.parametrize("path", [RETRIEVAL_DEV, RETRIEVAL_TEST], ids=lambda p: p.name)
@pytest.mark.parametrize("category", ["prose", "table", "goal"])
def test_retrieval_categories_match_their_sections(category: str, path: Path) -> None:
    wanted = {"prose": None, "table": set(TABLE_SECTIONS), "goal": {"tavoitteet/taulukko"}}[category]
    rows = [item for item in load_retrieval_gold(path) if item.category == category]
    assert rows
    if wanted is not None:
        assert [item.id for item in rows if not wanted & item.relevant] == []


def test_answer_gold_covers_every_table_and_every_owner() -> None:
    for path in (ANSWERS_DEV, ANSWERS_TEST):
        items = load_answer_gold(path)
        figure_sections = {s for item in items if item.kind == "figure" for s in item.section_ids}
        assert set(TABLE_SECTIONS) - figure_sections == set(), path.name
    for title in OWNER_TITLES:
        categories = {item.category for item in answers() if any(o.startswith(title) for o in item.owners)}
        assert categories >= {"owner", "owner-reverse", "owner-metric"}, title


def test_categories_are_balanced() -> None:
    for path in (ANSWERS_DEV, ANSWERS_TEST):
        categories = Counter(item.category for item in load_answer_gold(path))
        for category in answer_schema()["$defs"]["category"]["enum"]:
            assert categories[category] >= 2, (path.name, category)


def test_owners_are_titles_printed_in_the_goals_grid() -> None:
    owners = {owner for item in (*answers(), *turns()) for owner in item.owners}
    owners |= {owner for item in answers() for part in item.parts for owner in part.owners}
    assert owners == set(GRID_OWNER_TITLES)
    assert [o for o in owners if o not in grid_owners() and fold(o) not in folded_source()] == []


@pytest.mark.parametrize(("row_id", "item"), figure_expectations(), ids=[i for i, _ in figure_expectations()])
def test_figure_operands_are_printed_in_their_tables(row_id: str, item: AnswerItem | AnswerPart) -> None:
    text = table_sections(item)
    assert text, f"{row_id} cites no table section"
    section_ids = {s for options in item.sections for s in options}
    for value in printed_operands(item):
        if value in ERRATA:
            section, total, others = ERRATA[value]
            assert section in section_ids
            assert all(printed_in(v, table_text()[section]) for v in (total, *others))
            assert total - sum(others) == value
        else:
            assert printed_in(value, text), f"{row_id}: {value} is not printed in {sorted(section_ids)}"


def percent(part: int, whole: int) -> str:
    """A percentage with one decimal, halves away from zero, decimal comma ('25,8')."""
    tenths, rest = divmod(abs(part) * 1000, abs(whole))
    tenths += 1 if rest * 2 >= abs(whole) else 0
    return f"{tenths // 10},{tenths % 10}"


@pytest.mark.parametrize(("row_id", "item"), figure_expectations(), ids=[i for i, _ in figure_expectations()])
def test_derived_figures_are_exact(row_id: str, item: AnswerItem | AnswerPart) -> None:
    numbers = item.numbers
    percents = [fact for fact in item.facts if PERCENT.match(fact)]
    operation = operation_of(item)
    if operation == "change":
        start, end, change = numbers
        assert change == abs(end - start) and change > 0
        assert all(fact == percent(change, start) for fact in percents)
    elif operation == "difference":
        a, b, difference = numbers
        assert difference == abs(a - b)
        assert percents == []
    elif operation == "sum":
        assert numbers[-1] == sum(numbers[:-1])
    elif operation == "share":
        part, whole = numbers
        assert percents == [percent(part, whole)]
    elif operation == "average":
        total, average = numbers[-2:]
        assert any(average == (total * 2 + years) // (years * 2) for years in range(2, 6)), row_id
    elif operation == "trend":
        assert len(numbers) == 5
    else:
        assert percents == []
    if operation in ("ranking", "existence", "identity"):
        assert item.facts or numbers, f"{row_id}: the answer must name what it found"


def asks_outside_the_plan_years(item: AnswerItem) -> bool:
    return any(int(year) not in PLAN_YEARS for year in YEAR.findall(item.question))


def test_figure_questions_stay_inside_the_plan_years() -> None:
    assert [i.id for i in answers() if i.kind == "figure" and asks_outside_the_plan_years(i)] == []
    assert len([i for i in answers() if i.kind == "not_found" and asks_outside_the_plan_years(i)]) >= 3


@pytest.mark.parametrize("item", [i for i in (*answers(), *turns()) if i.facts], ids=lambda i: i.id)
def test_facts_are_in_the_source_text(item: AnswerItem) -> None:
    facts = [fact for expected in (item, *item.parts) for fact in expected.facts]
    missing = [fact for fact in facts if not PERCENT.match(fact) and not fact_in_source(fact)]
    assert missing == []


def test_not_itemised_units_are_named_in_the_plan() -> None:
    units = {unit for item in (*answers(), *turns()) for unit in item.not_itemised}
    assert len(units) >= 10
    # the plan inflects the names ("Rainion päiväkodin", "Kippiksen"): the first word's first five letters
    assert [u for u in units if fold(u.split()[0])[:5] not in folded_source()] == []


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
        ({"category": "figure-trend", "numbers": [1, 2]}, "numbers"),
        ({"category": "figure-share", "numbers": [1, 2, 3], "facts": ["2,3"]}, "numbers"),
        ({"operation": "change"}, "operation"),
        ({"oos": "price"}, "oos"),
        ({"kind": "multi", "category": "multi"}, "parts"),
        ({"kind": "clarify", "category": "clarify"}, "numbers"),
        ({"kind": "not_found", "category": "unit-not-itemised", "numbers": [], "sections": []}, "not_itemised"),
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


# --- multi rows and conversations -----------------------------------------------------------

MULTI_ROW: dict[str, Any] = {
    "id": "x002",
    "question": "Paljonko toimialan menot ovat 2024 ja kuka vastaa harrastemallista?",
    "kind": "multi",
    "category": "multi",
    "numbers": [32611450],
    "owners": ["Liikuntapalvelujohtaja"],
    "facts": [],
    "sections": ["talousarvio|tuloslaskelma", "tavoitteet/taulukko"],
    "parts": [
        {"kind": "figure", "operation": "lookup", "numbers": [32611450], "owners": [], "facts": [],
         "sections": ["talousarvio|tuloslaskelma"]},
        {"kind": "owner", "numbers": [], "owners": ["Liikuntapalvelujohtaja"], "facts": [], "sections": ["tavoitteet/taulukko"]},
    ],
}  # fmt: skip
TURN = {key: value for key, value in VALID_ROW.items() if key != "id"}
CONVERSATION: dict[str, Any] = {
    "id": "k001",
    "turns": [TURN, {**TURN, "question": "entä 2025?", "numbers": [33346600], "tags": ["follow-up"],
                     "resolved_question": "Paljonko toimialan menot ovat 2025?"}],
    "tags": ["figures"],
}  # fmt: skip


def write_conversations(folder: Path, *rows: Any) -> Path:
    path = folder / "conversations.jsonl"
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def test_a_multi_row_loads_with_its_parts(tmp_path: Path) -> None:
    (item,) = load_answer_gold(write_rows(tmp_path, MULTI_ROW))
    assert [part.kind for part in item.parts] == ["figure", "owner"]
    assert item.parts[0] == AnswerPart("figure", (32611450,), (), (), (("talousarvio", "tuloslaskelma"),), "lookup")
    assert item.expectations == item.parts
    assert item.section_ids == {"talousarvio", "tuloslaskelma", "tavoitteet/taulukko"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"parts": MULTI_ROW["parts"][:1]}, "parts"),
        ({"parts": [MULTI_ROW["parts"][0], {**MULTI_ROW["parts"][1], "owners": []}]}, "parts[1].owners"),
        ({"parts": [MULTI_ROW["parts"][0], {**MULTI_ROW["parts"][1], "sections": ["tavoitteet/kirjasto"]}]},
         "parts[1].sections[0]"),
        ({"parts": [{**MULTI_ROW["parts"][0], "operation": "summa"}, MULTI_ROW["parts"][1]]}, "parts[0].operation"),
        ({"kind": "figure", "category": "figure-lookup"}, "parts"),
    ],
)  # fmt: skip
def test_bad_multi_rows_are_named_by_field(tmp_path: Path, change: dict[str, Any], field: str) -> None:
    with pytest.raises(GoldError) as caught:
        load_answer_gold(write_rows(tmp_path, {**MULTI_ROW, **change}))
    assert (caught.value.line, caught.value.field) == (1, field)


def test_a_conversation_loads_with_numbered_turns(tmp_path: Path) -> None:
    (conversation,) = load_conversation_gold(write_conversations(tmp_path, CONVERSATION))
    assert [turn.id for turn in conversation.turns] == ["k001.1", "k001.2"]
    assert conversation.turns[1].resolved_question == "Paljonko toimialan menot ovat 2025?"
    assert conversation.turns[1].line == 1 and conversation.tags == ("figures",)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"turns": [TURN]}, "turns"),
        ({"turns": [{**TURN, "resolved_question": "Paljonko menot ovat?"}, TURN]}, "turns[0].resolved_question"),
        ({"turns": [TURN, {**TURN, "kind": "luku"}]}, "turns[1].kind"),
        ({"turns": [TURN, {**TURN, "sections": ["menot"]}]}, "turns[1].sections[0]"),
        ({"turns": [TURN, {**TURN, "id": "x009"}]}, "turns[1].id"),
        ({"tags": ["Luvut"]}, "tags[0]"),
    ],
)
def test_bad_conversations_are_named_by_turn_and_field(tmp_path: Path, change: dict[str, Any], field: str) -> None:
    with pytest.raises(GoldError) as caught:
        load_conversation_gold(write_conversations(tmp_path, {**CONVERSATION, **change}))
    assert (caught.value.line, caught.value.field) == (1, field)


def test_conversation_turns_follow_the_answer_schema() -> None:
    turns_schema = conversation_schema()["properties"]["turns"]
    assert turns_schema["minItems"] == 2
    assert turns_schema["allOf"][0]["items"] == {"$ref": "answer_gold.schema.json#/$defs/turn"}
    assert answer_schema()["$defs"]["turn"]["allOf"] == answer_schema()["allOf"]  # the same rules as a row
