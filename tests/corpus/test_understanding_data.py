"""The plan's data for understanding: its lexicon, Voikko analyses stored at build time, named units, units of meaning."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.errors import ManifestError
from corpus.finnish_words import related_forms
from corpus.lexicon import load_lexicon
from corpus.manifest import discover_manifests, load_manifest
from corpus.morphology import WordForm, analyse, read_form_table, read_word_forms, write_word_forms
from corpus.store import load_corpus


@pytest.fixture(scope="module")
def document():
    return load_corpus().documents[0]


def test_the_lexicon_names_only_areas_the_manifest_has(document) -> None:
    codes = {document.manifest.board.code, *(a.code for a in document.manifest.areas)}
    assert {term.value for term in document.lexicon.areas} <= codes
    assert document.lexicon.concept_rows("@COSTS", "area") == ("Toimintakulut",)
    assert "mittari" in document.lexicon.grid_words("metric")


def test_a_lexicon_naming_an_unknown_area_is_refused(tmp_path: Path) -> None:
    source = discover_manifests()[0].folder
    folder = tmp_path / "doc"
    folder.mkdir()
    (folder / "manifest.toml").write_text((source / "manifest.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "lexicon.toml").write_text('[areas]\nXYZ = ["*xyz"]\n', encoding="utf-8")
    with pytest.raises(ManifestError, match="XYZ"):
        load_lexicon(load_manifest(folder))


def test_word_forms_round_trip_through_tsv(tmp_path: Path) -> None:
    forms = (WordForm("päiväkodin", ("paivakoti",), ("paiva", "koti"), ("nimisana",), ("omanto",)), WordForm("x", ()),
             WordForm("opetus", ("opetus",), roots=("opettaa",)))
    write_word_forms(forms, tmp_path / "w.tsv")
    assert read_word_forms(tmp_path / "w.tsv") == forms


def test_every_word_of_the_plan_has_a_stored_analysis(document) -> None:
    stored = {form.form for form in document.word_forms}
    for word in ("päiväkodin", "varhaiskasvatuksen", "kirjasto", "kailaan"):
        assert word in stored
    known = {form.form: form for form in document.word_forms}
    assert known["päiväkodin"].lemmas and "paivakoti" in known["päiväkodin"].lemmas


def test_the_gazetteer_holds_the_plan_s_named_units_with_their_area(document) -> None:
    units = {unit.name: unit for unit in document.gazetteer}
    for name, area in (("Kailaan koulu", "OPKOU"), ("Tommola-talo", "OPKOU"), ("Rainion päiväkoti", "VAKA"),
                       ("Kirkkiksen koulu", "OPKOU"), ("Heinolan taidemuseo", "VIRE")):
        assert units[name].area == area
    assert not {"Kirjasto", "Heinola", "alue"} & set(units)
    assert "raviradalle" in units["Kippikselle"].name_words  # "raviradalle/Kippikselle": one place, two names


def test_units_of_meaning_cover_every_sentence_goal_field_and_row(document) -> None:
    kinds = {}
    for unit in document.units:
        kinds[unit.kind] = kinds.get(unit.kind, 0) + 1
    assert kinds["goal"] == len(document.goals)
    assert kinds["owner"] == sum(len(goal.owners) for goal in document.goals)
    assert kinds["row"] == len({(c.section_id, c.area, c.item) for c in document.cells})
    assert len({unit.id for unit in document.units}) == len(document.units)
    assert all(unit.key.startswith(document.id + "#") for unit in document.units)


def test_every_sentence_has_a_window_of_it_and_its_neighbours(document) -> None:
    sentences = {(u.section_id, u.index): u for u in document.units if u.kind == "sentence"}
    windows = {(u.section_id, u.index): u for u in document.units if u.kind == "window"}
    assert windows.keys() == sentences.keys()
    for (section, index), window in windows.items():
        around = [sentences[(section, i)].text for i in (index - 1, index, index + 1) if (section, i) in sentences]
        assert window.text == " ".join(around)
        assert window.lines == sentences[(section, index)].lines


def test_a_form_table_is_looked_up_by_folded_form_and_reads_a_missing_column_as_empty(tmp_path: Path) -> None:
    forms = (WordForm("päiväkodeissa", ("paivakoti",), ("paiva", "koti"), ("nimisana",), ("sisaolento",), roots=("x",)),
             WordForm("rahaa", ("raha",)))
    write_word_forms(forms, tmp_path / "g.tsv")
    table = read_form_table(tmp_path / "g.tsv")
    assert table.get("paivakodeissa") == forms[:1] and table.get("auto") == () and tuple(table) == forms
    (tmp_path / "old.tsv").write_text("form\tlemmas\nrahaa\traha\n", encoding="utf-8")  # written before "roots"
    assert read_form_table(tmp_path / "old.tsv").get("rahaa") == (WordForm("rahaa", ("raha",)),)


def test_voikko_names_the_roots_a_word_is_derived_from() -> None:
    assert analyse("toiminta").roots == ("toimia",)
    assert analyse("opettajat").roots == ("opettaa",)
    assert analyse("toimii").roots == ()  # a verb's own form: its base form is its root


def test_words_of_finnish_at_large_are_kept_when_related_to_the_plan_s_words() -> None:
    plan = [analyse(word) for word in ("opetus", "määrärahat", "päiväkodin")]
    kept = {form.form for form in related_forms(plan, ["opettajat", "rahaa", "päiväkodeissa", "auto", "opetus"])}
    # a root ("opettaa"), a compound's head ("raha" of "määräraha"), a base form ("päiväkoti"); not what is unrelated,
    # nor a form the plan prints itself
    assert kept == {"opettajat", "rahaa", "päiväkodeissa"}


def test_the_committed_related_words_cover_everyday_forms_of_the_plan_s_words(document) -> None:
    related = {form.form: form for form in document.general_forms}
    assert {"opettajat", "rahaa"} <= set(related)
    assert not {form.form for form in document.word_forms} & set(related)
