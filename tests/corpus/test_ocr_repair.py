"""OCR repair of Finnish letters: precision on hand labels, and what repair must never touch."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.errors import SourceError
from corpus.ocr_repair import RepairChange, RepairResult, load_overrides, repair_lines, write_repair_log

DOC_DIR = Path(__file__).resolve().parents[2] / "corpus" / "documents" / "hyvinvointilautakunta-2024"
SOURCE = (DOC_DIR / "source.txt").read_text(encoding="utf-8").splitlines()
MIN_LABELS = 150
MIN_PRECISION = 0.98
# Without the override list the mechanisms alone still have to be nearly right.
MIN_PRECISION_WITHOUT_OVERRIDES = 0.97


@dataclass(frozen=True)
class Label:
    line: int
    column: int
    original: str
    correct: str


def _load_labels() -> list[Label]:
    rows = [line.split("\t") for line in (DOC_DIR / "repair_labels.tsv").read_text(encoding="utf-8").splitlines()]
    rows = [row for row in rows if row[0] and not row[0].startswith("#") and row[0] != "line"]
    return [Label(int(row[0]), int(row[1]), row[2], row[4]) for row in rows]


def _system_forms(result: RepairResult) -> dict[tuple[int, int, str], str]:
    return {(c.line, c.column, c.original): c.repaired for c in result.changes}


def _precision(labels: list[Label], result: RepairResult) -> tuple[int, int, list[str]]:
    """(right, changed, mistakes) over the labelled tokens the system changes now."""
    forms = _system_forms(result)
    keys = [(label, (label.line, label.column, label.original)) for label in labels]
    changed = [(label, forms[key]) for label, key in keys if key in forms]
    mistakes = [
        f"{label.line}: {label.original} -> {system} (want {label.correct})"
        for label, system in changed
        if system != label.correct
    ]
    return len(changed) - len(mistakes), len(changed), mistakes


@pytest.fixture(scope="module")
def labels() -> list[Label]:
    return _load_labels()


@pytest.fixture(scope="module")
def repaired() -> RepairResult:
    return repair_lines(SOURCE, load_overrides(DOC_DIR / "repair_overrides.tsv"))


@pytest.fixture(scope="module")
def repaired_without_overrides() -> RepairResult:
    return repair_lines(SOURCE)


def _repair_one(text: str, *context: str) -> str:
    return repair_lines([text, *context]).lines[0]


# --- the document --------------------------------------------------------------------------------


def test_labels_are_many_and_cover_the_changes(labels: list[Label], repaired: RepairResult) -> None:
    assert len(labels) >= MIN_LABELS
    labelled = {(label.line, label.column, label.original) for label in labels}
    changed = set(_system_forms(repaired))
    assert len(changed & labelled) >= 0.9 * len(changed), "label the new changes in repair_labels.tsv"


def test_precision_on_hand_labels(labels: list[Label], repaired: RepairResult) -> None:
    right, changed, mistakes = _precision(labels, repaired)
    assert changed >= MIN_LABELS
    assert right / changed >= MIN_PRECISION, mistakes


def test_precision_without_overrides(labels: list[Label], repaired_without_overrides: RepairResult) -> None:
    right, changed, mistakes = _precision(labels, repaired_without_overrides)
    assert changed >= MIN_LABELS
    assert right / changed >= MIN_PRECISION_WITHOUT_OVERRIDES, mistakes


def test_line_count_and_numbering_are_kept(repaired: RepairResult) -> None:
    assert len(repaired.lines) == len(SOURCE)
    for change in repaired.changes:
        assert SOURCE[change.line - 1][change.column - 1 :].startswith(change.original), change
        assert change.repaired in repaired.lines[change.line - 1], change


def _numeric_chunks(line: str) -> list[str]:
    """Whitespace-separated chunks that are numbers or codes: "-31791870", "=17", "1000e", "1.8.2024", "CAF2020-"."""
    return [chunk for chunk in line.split() if re.match(r"[-=]?\d", chunk) or re.search(r"\d\d", chunk)]


def test_numbers_are_untouched(repaired: RepairResult) -> None:
    for before, after in zip(SOURCE, repaired.lines, strict=True):
        assert _numeric_chunks(after) == _numeric_chunks(before)
    assert not [c for c in repaired.changes if any(ch.isdigit() for ch in c.repaired)]


NAMES_AND_ABBREVIATIONS = (
    "Kirkkiksen", "Tommola", "Kippiksen", "Kippikselle", "Rainion", "Heinola", "Heinolan", "Kailas", "Kailaan",
    "Aschanin", "Nepsytuen", "Valssin", "Salpaus", "HYTE", "Hyte", "Hyten", "OPKOU", "OPKOUL", "VAKA", "VIRE",
    "HVA", "TE", "TP", "TA", "TS", "CAF2020", "em", "ml", "esim", "wc", "Evaus", "evaus",
)


def test_names_and_abbreviations_are_untouched_in_the_document(repaired: RepairResult) -> None:
    touched = {c.original for c in repaired.changes} & set(NAMES_AND_ABBREVIATIONS)
    assert touched == set()


def test_repair_is_idempotent_on_the_document(repaired: RepairResult) -> None:
    again = repair_lines(repaired.lines, load_overrides(DOC_DIR / "repair_overrides.tsv"))
    assert again.changes == ()


# --- single words ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("Kayttosuunnitelma", "Käyttösuunnitelma"),
        ("paivdkoti", "päiväkoti"),
        ("jarjestamisesta", "järjestämisestä"),
        ("Luottamushenkiléhallintoon", "Luottamushenkilöhallintoon"),
        ("sek&d", "sekä"),
        ("muuttoliikkeess3", "muuttoliikkeessä"),
        ("perusnuorisoty0stéa", "perusnuorisotyöstä"),
        ("Kirkkiksen toiminta siirtyy vaisto6n", "Kirkkiksen toiminta siirtyy väistöön"),
        ("tehtidvana", "tehtävänä"),
        ("ehkiisevan", "ehkäisevän"),
        ("vdahentaminen", "vähentäminen"),
        ("viahenee", "vähenee"),
        ("elama, maara, etta, myos, tyo", "elämä, määrä, että, myös, työ"),
        ("TOIMINTAYMPARISTO JA SEN MUUTOKSET", "TOIMINTAYMPÄRISTÖ JA SEN MUUTOKSET"),
        ("maakunnan hyte-kéarkiin.", "maakunnan hyte-kärkiin."),
        ("KKl-liikuntapalveluita", "KKI-liikuntapalveluita"),
        ("lakisdateinen peruspalvelu", "lakisääteinen peruspalvelu"),
        ("lapsimaaraan", "lapsimäärään"),
    ],
)
def test_repairs_damaged_words(damaged: str, repaired: str) -> None:
    assert _repair_one(damaged) == repaired


@pytest.mark.parametrize(
    ("damaged", "context", "repaired"),
    [
        # Letters changed (not just dots) are trusted only when the document attests the word.
        ("Mitarit (vaikuttavuus):", "Mittari: julkaisujen maara", "Mittarit (vaikuttavuus):"),
        ("liilkuntapalveluiden", "Liikuntapalvelut tuottaa", "liikuntapalveluiden"),
        ("lilkkuntaa eri kohderyhmille", "Liikuntapalvelut tuottaa", "liikuntaa eri kohderyhmille"),
        # d is ä or ö: henkilöstä and henkilöstö are both words; the document says henkilöstö.
        ("Hyvinvoiva henkiléstd", "ja henkilésto", "Hyvinvoiva henkilöstö"),
    ],
)
def test_context_decides(damaged: str, context: str, repaired: str) -> None:
    assert _repair_one(damaged, context) == repaired


@pytest.mark.parametrize("damaged", ["Mitarit", "liilkuntapalveluiden"])
def test_letter_changes_need_the_document_to_attest_them(damaged: str) -> None:
    assert _repair_one(damaged) == damaged


@pytest.mark.parametrize(
    "line",
    [
        "Kirkkiksen koulun toiminta siirtyy Tommola-taloon 1.8.2024.",
        "Rainion päiväkodin toiminta lakkaa (hyvinvointilautakunta 26.9.2023, valtuusto 6.10.2023).",
        "Kailas-talon koulutoimintaa, Kippiksen radalle, Lääninkivalteri Aschanin talo",
        "HYTE: OPKOU OPKOUL VAKA VIRE HVA TE-uudistukseen Hyten rooli Hyte-palvelualueen",
        "varhaiskasvatuksen CAF2020-asiakirjaan, em. lisäksi (ml. seuratoiminta) esim. digiagentit, wc- ja pukutila",
        "Toimintakate =7 493 498 -8 037 400 =29 922 850 -31081000 Selite 1000e 1000e TP 2022 TA 2023",
        "bändikämppää, seikkailukeskusta ja skeittihallia; resurssiviisas; vastuutettu pääosin",
    ],
)
def test_leaves_names_numbers_abbreviations_and_known_words(line: str) -> None:
    assert repair_lines([line]).changes == ()


def test_known_real_word_errors_need_an_override() -> None:
    line = "siirtyy vaistoon. Vaistoon"
    assert repair_lines([line]).lines == (line,)
    result = repair_lines([line], {"vaistoon": "väistöön"})
    assert result.lines == ("siirtyy väistöön. Väistöön",)
    assert result.changes == (
        RepairChange(1, 9, "vaistoon", "väistöön", "override"),
        RepairChange(1, 19, "Vaistoon", "Väistöön", "override"),
    )


def test_changes_name_line_column_and_reason() -> None:
    result = repair_lines(["", "Toiminta ja  myds sek&d"])
    assert result.lines == ("", "Toiminta ja  myös sekä")
    assert [(c.line, c.column, c.original, c.repaired, c.reason) for c in result.changes] == [
        (2, 14, "myds", "myös", "voikko"),
        (2, 19, "sek&d", "sekä", "voikko"),
    ]


# --- files -------------------------------------------------------------------------------------------


def test_override_file_loads_and_skips_comments(tmp_path: Path) -> None:
    path = tmp_path / "overrides.tsv"
    path.write_text("original\trepaired\tcomment\n# why\nvaistoon\tväistöön\treal-word error\n\n", encoding="utf-8")
    assert load_overrides(path) == {"vaistoon": "väistöön"}


def test_document_override_file_loads() -> None:
    overrides = load_overrides(DOC_DIR / "repair_overrides.tsv")
    assert overrides["Virkkeellinen"] == "Virikkeellinen"
    assert all(original != repaired for original, repaired in overrides.items())


@pytest.mark.parametrize("content", ["vaistoon\n", "vaistoon\t\tno repair\n"])
def test_malformed_override_file_is_an_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "overrides.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError, match=r"overrides\.tsv:1: expected 'original<TAB>repaired"):
        load_overrides(path)


def test_missing_override_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read repair overrides"):
        load_overrides(tmp_path / "missing.tsv")


def test_repair_log_is_a_readable_tsv(tmp_path: Path) -> None:
    changes = (
        RepairChange(2, 1, "Kayttosuunnitelma", "Käyttösuunnitelma", "voikko"),
        RepairChange(9, 22, "sekd", "sekä", "voikko"),
    )
    path = tmp_path / "repair_log.tsv"
    write_repair_log(changes, path)
    assert path.read_text(encoding="utf-8").splitlines() == [
        "line\tcolumn\toriginal\trepaired\treason",
        "2\t1\tKayttosuunnitelma\tKäyttösuunnitelma\tvoikko",
        "9\t22\tsekd\tsekä\tvoikko",
    ]


# --- properties --------------------------------------------------------------------------------------

OCR_ALPHABET = "aäoödéeiklmnrstuvyhjpKT&0369 -.,:="


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=OCR_ALPHABET, max_size=30), max_size=4))
def test_repair_keeps_line_count_and_positions_on_ocr_like_text(lines: list[str]) -> None:
    result = repair_lines(lines)
    assert len(result.lines) == len(lines)
    for change in result.changes:
        assert lines[change.line - 1][change.column - 1 :].startswith(change.original)
    changed_lines = {change.line for change in result.changes}
    assert all(result.lines[i] == line for i, line in enumerate(lines) if i + 1 not in changed_lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.text(max_size=20), max_size=3),
    st.dictionaries(st.text(min_size=1, max_size=5), st.text(max_size=5), max_size=2),
)
def test_repair_never_raises_on_arbitrary_text(lines: list[str], overrides: dict[str, str]) -> None:
    assert len(repair_lines(lines, overrides).lines) == len(lines)
