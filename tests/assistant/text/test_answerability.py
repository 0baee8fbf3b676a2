"""The calibrated not-found decision: thresholds, count questions, the committed fit."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.text.answerability import (
    AnswerabilityFeatures,
    Calibration,
    asks_count,
    load_calibration,
    states_number,
)


def features(weight: float, **extra) -> AnswerabilityFeatures:
    return AnswerabilityFeatures(term_weight=weight, sentence_weight=weight, dense_score=0.85, terms=3, **extra)


def test_threshold_separates_covered_from_uncovered_questions() -> None:
    calibration = Calibration(min_term_weight=0.4)
    assert calibration.answerable(features(0.6))
    assert not calibration.answerable(features(0.2))


def test_a_count_question_needs_a_number_in_its_evidence() -> None:
    calibration = Calibration(min_term_weight=0.1)
    assert not calibration.answerable(features(1.0, asks_count=True, best_has_number=False))
    assert calibration.answerable(features(1.0, asks_count=True, best_has_number=True))


@pytest.mark.parametrize(
    ("question", "expected"),
    [("Montako lasta päiväkodeissa on?", True), ("kuinka monta museokohdetta", True), ("Missä kirjasto on?", False)],
)
def test_count_questions_are_recognised(question: str, expected: bool) -> None:
    assert asks_count(question) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("Heinolassa on kolme museokohdetta.", True), ("Heinolassa on viisi varhaiskasvatusaluetta.", True),
     ("Toiminta lakkaa 1.8.2024.", True), ("Kirjasto sijaitsee Kauppakadulla.", False)],
)
def test_numbers_are_found_in_digits_and_words(sentence: str, expected: bool) -> None:
    assert states_number(sentence) is expected


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "calibration.json"
    Calibration(min_term_weight=0.33, fitted_on="test", precision=1.0, recall=0.9).save(path)
    assert load_calibration(path) == Calibration(min_term_weight=0.33, fitted_on="test", precision=1.0, recall=0.9)


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_calibration(tmp_path / "none.json") == Calibration()


def test_committed_calibration_was_fitted_on_the_gold_set() -> None:
    calibration = load_calibration()
    assert "answer_gold" in calibration.fitted_on
    assert 0.05 <= calibration.min_term_weight <= 0.9
