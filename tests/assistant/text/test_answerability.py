"""The answerability model: a standardised logistic regression read from JSON, the same in every process."""

from __future__ import annotations

from pathlib import Path

from assistant.text.answerability import FEATURE_NAMES, AnswerabilityFeatures, AnswerabilityModel, load_model


def features(**changes: float) -> AnswerabilityFeatures:
    base = dict(dense=0.85, dense_z=2.0, margin=0.2, coverage=0.8, missing_share=0.0, unknown_share=0.0,
                frame_demand=0.0, frame_ok=1.0, content_words=1.5, owner_route=0.0)
    base.update(changes)
    return AnswerabilityFeatures(**base)


def model_weighting(name: str, weight: float) -> AnswerabilityModel:
    weights = tuple(weight if feature == name else 0.0 for feature in FEATURE_NAMES)
    return AnswerabilityModel(weights=weights, bias=0.0, threshold=0.5)


def test_probability_follows_the_sign_of_a_weight() -> None:
    model = model_weighting("unknown_share", -2.0)
    assert model.probability(features(unknown_share=0.0)) > model.probability(features(unknown_share=1.0))
    assert model.answerable(features(unknown_share=-1.0)) and not model.answerable(features(unknown_share=1.0))


def test_features_are_standardised_with_the_fitted_means_and_scales() -> None:
    means = tuple(0.5 if name == "coverage" else 0.0 for name in FEATURE_NAMES)
    scales = tuple(0.25 if name == "coverage" else 1.0 for name in FEATURE_NAMES)
    model = AnswerabilityModel(
        weights=tuple(1.0 if name == "coverage" else 0.0 for name in FEATURE_NAMES), means=means, scales=scales
    )
    assert abs(model.probability(features(coverage=0.5)) - 0.5) < 1e-9
    assert model.probability(features(coverage=0.75)) > 0.73  # one scale above the mean: sigma(1)


def test_a_saved_model_loads_back_equal(tmp_path: Path) -> None:
    model = AnswerabilityModel(
        weights=tuple(float(i) for i in range(len(FEATURE_NAMES))), bias=-0.5, threshold=0.4, fitted_on="test",
        metrics={"precision": 0.9},
    )
    path = tmp_path / "model.json"
    model.save(path)
    assert load_model(path) == model


def test_without_a_model_file_evidence_counts_as_answerable(tmp_path: Path) -> None:
    assert load_model(tmp_path / "missing.json").answerable(features(coverage=0.0, dense=0.0))


def test_the_committed_model_is_fitted_on_the_dev_split() -> None:
    model = load_model()
    assert "dev" in model.fitted_on and model.features == FEATURE_NAMES
    assert model.probability(features(unknown_share=1.0, coverage=0.0, missing_share=1.0, dense_z=0.0)) < model.threshold


def test_a_model_fitted_on_noise_does_not_claim_precision_it_does_not_have() -> None:
    """The threshold and the precision it reports come from out-of-fold probabilities, not from the rows the
    model was fitted on (where noise looks like signal)."""
    import numpy as np

    from evals.fit_answerability import fit

    generator = np.random.default_rng(3)  # 40 rows of noise: fitted in-sample, its best threshold shows 0.9
    x = generator.normal(size=(40, len(FEATURE_NAMES)))
    y = generator.integers(0, 2, size=40)
    model = fit(x, y)
    assert model.metrics["precision"] < 0.7
