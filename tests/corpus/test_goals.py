"""The goals grid: goals.toml loads as Goal records, every string traces to the text, bad files fail clearly."""

from __future__ import annotations

import re
import shutil
from dataclasses import fields, replace
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.errors import ManifestError, SourceError
from corpus.goals import GOALS_FILE, SECTION_ID, Anchor, load_goals, read_goal_entries, trace_goal
from corpus.manifest import DOCUMENTS_DIR, MANIFEST_NAME, load_manifest
from corpus.records import Goal, LineRange, to_json
from corpus.text import fold, slugify

DOC_DIR = DOCUMENTS_DIR / "hyvinvointilautakunta-2024"
MANIFEST = load_manifest(DOC_DIR)
ORIGINAL = MANIFEST.read_source_lines()
ENTRIES = read_goal_entries(MANIFEST, len(ORIGINAL))
GOALS = [entry.goal for entry in ENTRIES]
GOAL_IDS = [goal.id for goal in GOALS]

# The job titles printed in the grid's Vastuu column.
KNOWN_OWNERS = (
    "Hyvinvointipäällikkö",
    "Koulutusjohtaja",
    "Varhaiskasvatusjohtaja",
    "Palvelualuejohtaja, Virikkeellinen elämä",
    "Liikuntapalvelujohtaja",
)
GRID_HEADING = "kayttosuunnitelman palvelualueittaiset tavoitteet"
AREA_LABEL = re.compile(r"\b(HYTE|OPKOUL?|VAKA|VIRE)\b:?\s*$")


@pytest.fixture(scope="module")
def repaired_lines() -> list[str]:
    ocr_repair = pytest.importorskip(
        "corpus.ocr_repair", reason="corpus.ocr_repair is not written yet; the lead enables this at integration"
    )
    overrides_path = DOC_DIR / "repair_overrides.tsv"
    overrides = ocr_repair.load_overrides(overrides_path) if overrides_path.is_file() else {}
    return list(ocr_repair.repair_lines(ORIGINAL, overrides).lines)


# --- the real grid -------------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", ENTRIES, ids=GOAL_IDS)
def test_goal_traces_in_ocr_text_folded(entry) -> None:
    assert trace_goal(entry.goal, ORIGINAL, fold=True, anchors=entry.anchor_map()) == []


@pytest.mark.parametrize("entry", ENTRIES, ids=GOAL_IDS)
def test_goal_traces_in_repaired_text_exactly(entry, repaired_lines: list[str]) -> None:
    assert trace_goal(entry.goal, repaired_lines, anchors=entry.anchor_map()) == []


def test_exact_mode_rejects_ocr_text_without_umlauts() -> None:
    entry = ENTRIES[GOAL_IDS.index("hyvinvoinnin-kasvu/hyte")]
    problems = trace_goal(entry.goal, ORIGINAL, anchors=entry.anchor_map())
    assert any("'Hyvinvointipäällikkö' is not printed starting on line 592 (exact)" in p for p in problems)


def test_goals_cover_every_printed_area_label_once() -> None:
    grid_start = next(i for i, line in enumerate(ORIGINAL, start=1) if fold(line).strip() == GRID_HEADING)
    labels = [n for n in range(grid_start, len(ORIGINAL) + 1) if AREA_LABEL.search(ORIGINAL[n - 1])]
    assert len(labels) == len(GOALS)
    for goal in GOALS:
        inside = [AREA_LABEL.search(ORIGINAL[n - 1]).group(1) for n in labels if n in goal.lines]
        assert len(inside) == 1, goal.id
        assert inside[0].startswith(goal.area), goal.id  # "OPKOUL" is the OCR's OPKOU


def test_goal_ranges_are_disjoint_and_in_file_order() -> None:
    ranges = [goal.lines for goal in GOALS]
    assert ranges == sorted(ranges)
    assert all(earlier.end < later.start for earlier, later in pairwise(ranges))


def test_owners_are_known_job_titles() -> None:
    owners = [owner for goal in GOALS for owner in goal.owners]
    assert set(owners) == set(KNOWN_OWNERS)


@pytest.mark.parametrize("area", [area.code for area in MANIFEST.areas])
def test_every_service_area_has_a_goal(area: str) -> None:
    assert any(goal.area == area for goal in GOALS)


def test_the_vire_wellbeing_goal_has_two_owners() -> None:
    shared = [goal for goal in GOALS if len(goal.owners) > 1]
    assert [(goal.id, goal.area, goal.owners) for goal in shared] == [
        ("hyvinvoinnin-kasvu/vire", "VIRE", ("Palvelualuejohtaja, Virikkeellinen elämä", "Liikuntapalvelujohtaja"))
    ]


def test_ids_are_unique_and_derived_from_aim_and_area() -> None:
    assert len(set(GOAL_IDS)) == len(GOAL_IDS)
    assert GOAL_IDS == [f"{slugify(goal.strategic_aim)}/{goal.area.lower()}" for goal in GOALS]


def test_load_goals_gives_records_of_the_goals_section() -> None:
    goals = load_goals(MANIFEST, ORIGINAL)
    assert goals == GOALS
    assert {(goal.doc_id, goal.section_id) for goal in goals} == {(MANIFEST.id, SECTION_ID)}
    row = to_json(goals[0])
    assert set(row) == {f.name for f in fields(Goal)}
    assert row["lines"] == {"start": goals[0].lines.start, "end": goals[0].lines.end}


# --- malformed goals.toml -----------------------------------------------------------------------------

VALID = """
[[goal]]
id = "hyvinvoinnin-kasvu/hyte"
area = "HYTE"
lines = [581, 604]
strategic_aim = { text = "Hyvinvoinnin kasvu", line = 585 }
sub_aims = ["Toimiva arki"]
goal = "Asukkaat saavat tukea, palveluohjausta ja tietoa."
owners = ["Hyvinvointipäällikkö"]
"""


@pytest.fixture()
def doc_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "doc"
    folder.mkdir()
    shutil.copy(DOC_DIR / MANIFEST_NAME, folder / MANIFEST_NAME)
    return folder


def _read(folder: Path, text: str) -> list:
    (folder / GOALS_FILE).write_text(text, encoding="utf-8")
    return read_goal_entries(load_manifest(folder), len(ORIGINAL))


def test_a_minimal_valid_file_loads(doc_folder: Path) -> None:
    [entry] = _read(doc_folder, VALID)
    assert entry.goal.sub_aims == ("Toimiva arki",)
    assert entry.goal.metrics == ()
    assert entry.anchor_map() == {"strategic_aim": Anchor(start=585)}


def test_a_document_without_goals_file_has_no_goals(doc_folder: Path) -> None:
    assert read_goal_entries(load_manifest(doc_folder)) == []


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('owners = ["Hyvinvointipäällikkö"]\n', "", r"goal #1 \('hyvinvoinnin-kasvu/hyte'\): required field 'owners'"),
        ('owners = ["Hyvinvointipäällikkö"]', 'owners = "Hyvinvointipäällikkö"', r"field 'owners' must be a list"),
        ("owners = [", "owner = [", r"unknown fields \['owner'\]"),
        ('area = "HYTE"', 'area = "HYT"', r"field 'area' must be one of .*got 'HYT'"),
        ("lines = [581, 604]", "lines = [604, 581]", r"field 'lines': invalid line range 604-581"),
        ("lines = [581, 604]", 'lines = "581-604"', r"field 'lines' must be \[start, end\]"),
        ('id = "hyvinvoinnin-kasvu/hyte"', 'id = "Hyvinvoinnin kasvu"', r"field 'id' must look like"),
        ("line = 585", "line = 50", r"field 'strategic_aim': lines \[50\] are outside the goal's lines 581-604"),
        ("line = 585", "lines = [590, 585]", r"field 'strategic_aim': 'lines' must be ascending"),
        ('"Toimiva arki"', '"Toimiva  arki"', r"field 'sub_aims\[0\]' has stray whitespace"),
        ('["Toimiva arki"]', '[{ line = 587 }]', r"field 'sub_aims\[0\]' must be a string or"),
        ("goal = ", "goal = 7\nnote = ", r"field 'goal' must be non-empty text"),
        ("[[goal]]", "[[goal]\n", r"malformed TOML"),
    ],
)
def test_malformed_file_names_the_file_entry_and_field(doc_folder: Path, old: str, new: str, message: str) -> None:
    assert old in VALID
    with pytest.raises(ManifestError, match=re.escape(str(doc_folder / GOALS_FILE)) + ".*" + message):
        _read(doc_folder, VALID.replace(old, new, 1))


def test_duplicate_ids_name_both_entries(doc_folder: Path) -> None:
    with pytest.raises(ManifestError, match=r"goal #2 \('hyvinvoinnin-kasvu/hyte'\): id already used by goal #1"):
        _read(doc_folder, VALID + VALID)


def test_a_range_past_the_end_of_the_text_is_a_source_error(doc_folder: Path) -> None:
    (doc_folder / GOALS_FILE).write_text(VALID, encoding="utf-8")
    with pytest.raises(SourceError, match=r"goal #1 .*runs past the end of the text \(600 lines\)"):
        load_goals(load_manifest(doc_folder), ORIGINAL[:600])


# --- tracing on small texts ---------------------------------------------------------------------------

TEXT = [
    "Hyvinvoinnin kasvu VAKA:",
    "» Hyvinvointi lisääntyy",
    "",
    "Lasten hyvinvoinnin lisääminen",
    "arviointi- ja laatutyötä sekä",
    "Mittari: Kansallisen",
    "varhaiskasvatuksen CAF2020-",
    "asiakirjaan sekä prosessiin",
    "Varhaiskasvatusjohtaja",
    "Koulutusjohtaja",
]


def _goal(**changes) -> Goal:
    base = Goal(
        doc_id="doc",
        id="hyvinvoinnin-kasvu/vaka",
        strategic_aim="Hyvinvoinnin kasvu",
        sub_aims=("Hyvinvointi lisääntyy",),
        area="VAKA",
        goal="Lasten hyvinvoinnin lisääminen arviointi- ja laatutyötä sekä",
        target_level=(),
        metrics=("Kansallisen varhaiskasvatuksen CAF2020-asiakirjaan sekä prosessiin",),
        owners=("Varhaiskasvatusjohtaja",),
        lines=LineRange(1, 9),
        section_id=SECTION_ID,
    )
    return replace(base, **changes)


def _ocr(lines: list[str]) -> list[str]:
    """The text as the OCR printed it: ä/ö lost or read as other glyphs."""
    return [line.replace("ää", "dd").replace("ä", "a").replace("ö", "é") for line in lines]


def test_wrapped_strings_trace_exactly() -> None:
    assert trace_goal(_goal(), TEXT) == []


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"goal": "Lasten hyvinvoinnin lisaaminen"}, "goal 'Lasten hyvinvoinnin lisaaminen' is not printed in lines 1-9"),
        ({"sub_aims": ("Hyvinvointi lisääntyy.",)}, None),  # punctuation is not a letter
        ({"sub_aims": ("hyvinvointi lisääntyy",)}, "sub_aims[0] 'hyvinvointi lisääntyy'"),
        ({"owners": ("Koulutusjohtaja",)}, "owners[0] 'Koulutusjohtaja' is not printed in lines 1-9"),
        ({"owners": ("Varhaiskasvatus",)}, "owners[0] 'Varhaiskasvatus'"),  # whole words only
        ({"metrics": ("CAF2020 asiakirjaan",)}, None),
        ({"lines": LineRange(1, 11)}, "lines 1-11 run past the end of the text (10 lines)"),
    ],
)
def test_exact_trace_reports_what_is_not_printed(changes: dict, problem: str | None) -> None:
    problems = trace_goal(_goal(**changes), TEXT)
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0], problems


def test_anchors_pin_where_a_string_starts() -> None:
    assert trace_goal(_goal(), TEXT, anchors={"goal": Anchor(start=4), "owners[0]": Anchor(start=9)}) == []
    problems = trace_goal(_goal(), TEXT, anchors={"goal": Anchor(start=5)})
    assert problems == [
        "hyvinvoinnin-kasvu/vaka: goal 'Lasten hyvinvoinnin lisääminen arviointi- ja laatutyötä sekä' "
        "is not printed starting on line 5 (exact)"
    ]


def test_anchor_lines_skip_another_columns_text() -> None:
    text = ["Mittari: harrastemalliin", "osallistuneiden määrä, joille", "Liikuntapalvelujohtaja", "harrastemalli on ainut harraste."]
    goal = _goal(
        strategic_aim="harrastemalliin",
        sub_aims=(),
        goal="harrastemalliin",
        metrics=("harrastemalliin osallistuneiden määrä, joille harrastemalli on ainut harraste.",),
        owners=("Liikuntapalvelujohtaja",),
        lines=LineRange(1, 4),
    )
    assert trace_goal(goal, text) == [
        "hyvinvoinnin-kasvu/vaka: metrics[0] 'harrastemalliin osallistuneiden määrä, joille harrastemalli on "
        "ainut harraste.' is not printed in lines 1-4 (exact)"
    ]
    assert trace_goal(goal, text, anchors={"metrics[0]": Anchor(start=1, lines=(1, 2, 4))}) == []


def test_folded_mode_reads_through_ocr_damage_but_not_wrong_words() -> None:
    ocr = _ocr(TEXT)
    assert trace_goal(_goal(), ocr) != []
    assert trace_goal(_goal(), ocr, fold=True) == []
    assert trace_goal(_goal(owners=("Koulutusjohtaja",)), ocr, fold=True) != []
    assert trace_goal(_goal(goal="Lasten hyvinvoinnin vähentäminen"), ocr, fold=True) != []


WORDS = st.text(alphabet="aäoöeiklmnprstuvyhj", min_size=2, max_size=12)


@settings(max_examples=60, deadline=None)
@given(words=st.lists(WORDS, min_size=1, max_size=12), breaks=st.lists(st.integers(0, 11), max_size=4), data=st.data())
def test_any_wrapping_of_a_string_traces(words: list[str], breaks: list[int], data) -> None:
    cuts = sorted({b for b in breaks if 0 < b < len(words)})
    lines = [" ".join(words[a:b]) for a, b in zip([0, *cuts], [*cuts, len(words)], strict=True)]
    text = ["Tavoitetaso:", *lines, "Koulutusjohtaja"]
    sentence = " ".join(words)
    goal = _goal(strategic_aim="Tavoitetaso", sub_aims=(), goal=sentence, metrics=(), owners=("Koulutusjohtaja",),
                 lines=LineRange(1, len(text)))
    assert trace_goal(goal, text) == []
    assert trace_goal(goal, text, anchors={"goal": Anchor(start=2)}) == []
    assert trace_goal(goal, _ocr(text), fold=True) == []
    if "ä" in sentence:
        at = data.draw(st.sampled_from([i for i, ch in enumerate(sentence) if ch == "ä"]))
        damaged = sentence[:at] + "a" + sentence[at + 1 :]
        assert trace_goal(replace(goal, goal=damaged), text) != []
