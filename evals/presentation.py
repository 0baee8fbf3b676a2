"""Finnish labels and value formatting shared by the Markdown and HTML reports (plain text, unescaped)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from evals.numbers_fi import format_number
from evals.results import QuestionResult

SUITE_LABELS = {
    "answers-dev": "Vastaukset (dev)",
    "answers-test": "Vastaukset (testi)",
    "conversations-dev": "Keskustelut (dev)",
    "conversations-test": "Keskustelut (testi)",
    "retrieval-dev": "Haku (dev)",
    "retrieval-test": "Haku (testi)",
}
CHECK_LABELS = {
    "kind": "tyyppi",
    "numbers": "luvut",
    "owners": "vastuutahot",
    "facts": "avainasiat",
    "citations": "lähteet",
    "operation": "laskutoimitus",
    "not_itemised": "erittelemätön yksikkö",
    "parts": "osat",
    "recall@5": "oikea osio 5 parhaan joukossa",
}
CONFIDENT_WRONG_TITLE = "Varmat väärät vastaukset"
CONFIDENT_WRONG_NOTE = (
    "Vastaus on luku, vastuutaho, teksti tai moniosainen, se viittaa suunnitelmaan, ja silti rivi hylättiin "
    "(myös vastaukset kysymyksiin, joihin suunnitelma ei vastaa tai joissa olisi pitänyt kysyä tarkennusta)."
)
FALSE_NOT_FOUND_TITLE = "Aiheettomat 'ei suunnitelmassa' -vastaukset"
# The run context shown at the top of both reports.
META_FIELDS: tuple[tuple[str, str], ...] = (
    ("created", "Luotu"),
    ("backend", "Vastaaja"),
    ("retrieval_mode", "Hakutapa"),
    ("corpus_fingerprint", "Aineiston tunniste"),
    ("embedder", "Upotusmalli"),
    ("llm_model", "Kielimalli"),
)
KIND_LABELS = {
    "figure": "luku",
    "owner": "vastuutaho",
    "text": "teksti",
    "not_found": "ei suunnitelmassa",
    "multi": "moniosainen",
    "clarify": "tarkennuspyyntö",
}


def suite_label(suite: str) -> str:
    """The Finnish name of a built-in suite (a custom suite keeps its own name)."""
    return SUITE_LABELS.get(suite, suite)


def check_label(name: str) -> str:
    """The Finnish name of a check."""
    return CHECK_LABELS.get(name, name)


def kind_label(kind: str | None) -> str:
    """An answer kind with its Finnish meaning: 'figure (luku)'."""
    return "—" if kind is None else f"{kind} ({KIND_LABELS.get(kind, kind)})"


def percent(value: float) -> str:
    """A share as a Finnish percentage with one decimal: 0.973 -> '97,3 %'."""
    return f"{value * 100:.1f} %".replace(".", ",")


def decimal(value: float, places: int = 3) -> str:
    """A metric with a decimal comma: 0.9123 -> '0,912'."""
    return f"{value:.{places}f}".replace(".", ",")


def milliseconds(value: float) -> str:
    """A latency with a decimal comma: 12.34 -> '12,3 ms'."""
    return f"{value:.1f} ms".replace(".", ",")


def answer_lines(result: QuestionResult) -> list[tuple[str, str]]:
    """What the system returned, as (label, text) pairs."""
    if result.error is not None:
        return [("virhe", result.error)]
    if result.kind is None:  # a retrieval row
        return [
            ("haetut osiot", ", ".join(result.retrieved_ids[:10]) or "—"),
            ("ensimmäinen osuma", _rank_text(result.metrics.get("first_rank", 0.0))),
        ]
    lines = [("tyyppi", kind_label(result.kind)), ("vastaus", result.answer or "")]
    if result.turn is not None:
        lines.insert(0, ("keskustelu", f"{result.conversation}, vuoro {result.turn}"))
    if result.operation:
        lines.append(("laskutoimitus", result.operation))
    if result.owners:
        lines.append(("vastuutahot", ", ".join(result.owners)))
    lines.append(("lähteet", _cited(result.citations)))
    for n, part in enumerate(result.parts, start=1):
        lines.append((f"osa {n}", f"{kind_label(part.get('kind'))}: {part.get('answer') or ''} "
                                  f"(lähteet: {_cited(part.get('citations', ()))})"))  # fmt: skip
    return lines


def _cited(citations: Any) -> str:
    return ", ".join(f"[{c.get('n')}] {c.get('section_id')}" for c in citations) or "—"


def expected_lines(result: QuestionResult) -> list[tuple[str, str]]:
    """What the gold row expects, as (label, text) pairs (only what it expects)."""
    expected: dict[str, Any] = result.expected
    lines = _expected_values(expected)
    for n, part in enumerate(expected.get("parts", ()), start=1):
        lines.append((f"osa {n}", "; ".join(f"{label} {text}" for label, text in _expected_values(part))))
    return lines


def _expected_values(expected: dict[str, Any]) -> list[tuple[str, str]]:
    lines = []
    if expected.get("kind"):
        lines.append(("tyyppi", kind_label(expected["kind"])))
    if expected.get("operation"):
        lines.append(("laskutoimitus", str(expected["operation"])))
    if expected.get("numbers"):
        lines.append(("luvut", "; ".join(format_number(int(n)) for n in expected["numbers"])))
    if expected.get("owners"):
        lines.append(("vastuutahot", ", ".join(expected["owners"])))
    if expected.get("facts"):
        lines.append(("avainasiat", "; ".join(expected["facts"])))
    if expected.get("sections"):
        lines.append(("lähteet", ", ".join(expected["sections"])))
    if expected.get("not_itemised"):
        lines.append(("erittelemätön yksikkö", ", ".join(expected["not_itemised"])))
    return lines


def missing_lines(result: QuestionResult) -> list[tuple[str, str]]:
    """Each failed check and what it missed."""
    return [
        (check_label(check.name), "; ".join(check.missing) or "—") for check in result.checks if not check.passed
    ]


def _rank_text(rank: float) -> str:
    return f"sija {int(rank)}" if rank else "ei löytynyt"


TURN_GROUP_LABELS = {"first": "ensimmäiset vuorot", "follow_up": "jatkokysymykset"}
TURN_GROUP_HEADER = ["Sarja", "Vuorot", "Kysymyksiä", "Läpi", "Osuus", "Aiheeton 'ei suunnitelmassa'", "Varma väärä"]
TURN_HEADER = ["Vuoro", "Läpi", "Kysymys", "Tulkitsin (avustaja)", "Odotettu tulkinta"]


def turn_group_rows(summary: Mapping[str, Any]) -> list[list[str]]:
    """First turns apart from follow-ups, per conversation suite (plain text cells)."""
    return [
        [suite_label(suite), TURN_GROUP_LABELS.get(row["group"], row["group"]), str(row["questions"]), str(row["passed"]),
         percent(row["pass_rate"]), str(row["false_not_found"]), str(row["confident_wrong"])]
        for suite, rows in summary.get("turn_groups", {}).items() for row in rows
    ]  # fmt: skip


def turn_rows_of(results: Sequence[QuestionResult]) -> list[list[str]]:
    """Every conversation turn: where, passed, the question, how the system resolved it and how the gold did."""
    return [
        [f"{result.conversation}.{result.turn}", "✓" if result.passed else "✗", result.question,
         result.resolved_question or "—", str(result.expected.get("resolved_question") or "—")]
        for result in results if result.turn is not None
    ]  # fmt: skip
