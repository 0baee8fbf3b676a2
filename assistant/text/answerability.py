"""Is this in the plan? A small logistic model over features of the best evidence, fitted on the dev split.

`python -m evals.fit_answerability` fits it (scikit-learn) and writes `answerability.json` beside this module;
answering only reads the coefficients (numpy), so the decision is the same in every process.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

MODEL_FILE = Path(__file__).resolve().parent / "answerability.json"


@dataclass(frozen=True)
class AnswerabilityFeatures:
    """What the evidence says about a question (the route's best sentence or goal)."""

    dense: float  # cosine similarity of the question to the best evidence
    dense_z: float  # the same relative to all candidates of its kind
    margin: float  # best minus runner-up score
    coverage: float  # rarity-weighted share of the question's content words the evidence covers
    missing_share: float  # share of content words found nowhere in the evidence
    unknown_share: float  # share of content words the plan never uses at all
    frame_demand: float  # 1 when the frame asks for a date, a reason, a count or an amount
    frame_ok: float  # 1 when the evidence has what the frame asks for (or nothing is asked)
    content_words: float  # log(1 + number of content words)
    owner_route: float  # 1 for the goals grid, 0 for prose

    def vector(self) -> list[float]:
        return [float(getattr(self, name)) for name in FEATURE_NAMES]


FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in fields(AnswerabilityFeatures))


@dataclass(frozen=True)
class AnswerabilityModel:
    """Standardised logistic regression: P(answerable) = σ(bias + Σ wᵢ (xᵢ − meanᵢ) / scaleᵢ)."""

    weights: tuple[float, ...] = field(default_factory=lambda: tuple(0.0 for _ in FEATURE_NAMES))
    means: tuple[float, ...] = field(default_factory=lambda: tuple(0.0 for _ in FEATURE_NAMES))
    scales: tuple[float, ...] = field(default_factory=lambda: tuple(1.0 for _ in FEATURE_NAMES))
    bias: float = 0.0
    threshold: float = 0.5
    features: tuple[str, ...] = FEATURE_NAMES
    fitted_on: str = "not fitted"
    metrics: dict[str, float] = field(default_factory=dict)

    def probability(self, features: AnswerabilityFeatures) -> float:
        values = dict(zip(FEATURE_NAMES, features.vector(), strict=True))
        z = self.bias
        for name, weight, mean, scale in zip(self.features, self.weights, self.means, self.scales, strict=True):
            z += weight * (values.get(name, 0.0) - mean) / (scale or 1.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def answerable(self, features: AnswerabilityFeatures) -> bool:
        return self.probability(features) >= self.threshold

    def save(self, path: Path = MODEL_FILE) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def load_model(path: Path = MODEL_FILE) -> AnswerabilityModel:
    """The committed model; without one, every question with evidence counts as answerable."""
    if not path.is_file():
        return AnswerabilityModel(bias=5.0)
    data = json.loads(path.read_text(encoding="utf-8"))
    return AnswerabilityModel(
        weights=tuple(data["weights"]),
        means=tuple(data["means"]),
        scales=tuple(data["scales"]),
        bias=float(data["bias"]),
        threshold=float(data.get("threshold", 0.5)),
        features=tuple(data["features"]),
        fitted_on=str(data.get("fitted_on", "")),
        metrics=dict(data.get("metrics", {})),
    )
