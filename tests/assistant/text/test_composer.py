"""The extractive composer: numbered citations per section, quotes only, helpful not-found text."""

from __future__ import annotations

from assistant.text.composer import PLAN_COVERS_FI, compose_not_found, compose_text_answer, select_sentences
from assistant.text.passages import Candidate
from corpus.records import Chunk, LineRange


def chunk(section_id: str, path: tuple[str, ...] = ("Osa", "Alaosa")) -> Chunk:
    return Chunk(doc_id="doc", id=f"doc:{section_id}", section_id=section_id, section_path=path, kind="prose",
                 text="…", lines=LineRange(1, 50))


def candidate(section_id: str, text: str, line: int, score: float, matched: tuple[str, ...] = ("a",), **extra) -> Candidate:
    return Candidate(chunk(section_id), text, LineRange(line, line), 1, score, matched, **extra)


def test_best_sentence_first_and_weak_ones_left_out() -> None:
    selection = select_sentences([
        candidate("a", "Paras lause.", 10, 1.0),
        candidate("b", "Heikko lause.", 20, 0.3, ("b",)),
    ])
    assert [c.text for c in selection.sentences] == ["Paras lause."]


def test_supporting_sentence_that_adds_question_words_is_kept() -> None:
    selection = select_sentences([
        candidate("a", "Ensimmäinen.", 10, 1.0, ("a",)),
        candidate("b", "Toinen lisää sanan.", 30, 0.8, ("b",)),
        candidate("c", "Kolmas ei lisää mitään.", 40, 0.8, ("a",)),
    ])
    assert [c.text for c in selection.sentences] == ["Ensimmäinen.", "Toinen lisää sanan."]


def test_citations_are_numbered_per_section_and_never_past_the_end() -> None:
    selection = select_sentences([
        candidate("a", "Yksi.", 10, 1.0, ("a",)),
        candidate("a", "Kaksi.", 11, 0.9, ("b",)),
        candidate("b", "Kolme.", 40, 0.9, ("c",)),
    ])
    answer = compose_text_answer("kysymys", selection)
    assert [(c.n, c.section_id, c.lines) for c in answer.citations] == [(1, "a", (10, 11)), (2, "b", (40, 40))]
    assert answer.citations[0].quote == "Yksi. … Kaksi."
    assert answer.answer == "Käyttösuunnitelman mukaan: Yksi. [1] Kaksi. [1] Kolme. [2]"
    assert answer.kind == "text"


def test_a_sentence_that_refers_back_brings_the_previous_one() -> None:
    with_context = candidate("a", "Sen tehtäviin kuuluu edunvalvonta.", 33, 1.0, context="Opetus vastaa koulutuksesta.", context_start=31)
    answer = compose_text_answer("kenen tehtävä", select_sentences([with_context]))
    assert answer.citations[0].quote == "Opetus vastaa koulutuksesta. Sen tehtäviin kuuluu edunvalvonta."
    assert answer.citations[0].lines == (31, 33)


def test_the_answer_only_quotes_its_evidence() -> None:
    selection = select_sentences([candidate("a", "Kirjasto sijaitsee Kauppakadulla.", 55, 1.0)])
    answer = compose_text_answer("missä kirjasto on", selection)
    stripped = answer.answer.replace("Käyttösuunnitelman mukaan:", "").replace("[1]", "").strip()
    assert stripped == answer.citations[0].quote


def test_not_found_says_so_and_what_the_plan_covers() -> None:
    answer = compose_not_found("Mitkä ovat uimahallin aukioloajat?", "Suunnitelmassa ei ole aukioloaikoja.")
    assert answer.kind == "not_found"
    assert answer.answer.startswith("Tähän kysymykseen ei löydy vastausta käyttösuunnitelmasta.")
    assert "aukioloaikoja" in answer.answer and PLAN_COVERS_FI in answer.answer
    assert answer.citations == () and answer.figures == ()


def test_nothing_to_select_gives_an_empty_selection() -> None:
    assert select_sentences([]).sentences == ()
