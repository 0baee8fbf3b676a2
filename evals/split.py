"""The dev/test split of the gold sets: seeded, stratified, reproducible (issue 9: an evaluation that cannot be tuned to).

    python -m evals.split           # (re)write the six split files from the gold rows
    python -m evals.split --check   # verify the committed files are exactly what the rule gives (exit 1 if not)

The rule, applied to the pooled rows of every gold file in `evals/data/` (the split files themselves, and any
batch of new rows in `evals/data/new/`):
- the 178 answer rows a001…a178 and every retrieval row r001…: **dev**, since the product was tuned on them;
  so are the few new rows whose question the unit tests already asked (`SEEN_IN_UNIT_TESTS`);
- a row two writers wrote twice is kept once (`RETIRED` names the ids left out);
- every other answer row: stratified by `category`; within a category the rows are ordered by
  sha256("<SEED>:<id>") and the first round(40 %) go to dev, the rest to **test**;
- conversations the same way, stratified by their first tag (figures, goals, prose, mixed);
- twins stay together: rows whose standalone questions are near-duplicates (written by two writers, or a
  conversation opening with an answer row's question) all go where the first of them went, so that no
  question is in both dev and test;
- retrieval_test.jsonl is derived from the answer test rows that cite sections (each part of a multi row on its
  own): text → prose, owner → goal, figure → table, relevant sections = every cited id, alternatives included.
Rows are written verbatim (one JSON object per line, keys in the writer's order), sorted by id. The split is a
pure function of the rows, so rerunning it changes nothing; test is frozen: never tune on it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from corpus.text import fold, squash_spaces
from evals.gold import (
    ANSWERS_DEV,
    ANSWERS_TEST,
    CONVERSATIONS_DEV,
    CONVERSATIONS_TEST,
    DATA_DIR,
    RETRIEVAL_DEV,
    RETRIEVAL_TEST,
    jsonl_lines,
    parse_json_row,
)

SEED = "kaytto-issue-9"
DEV_SHARE = 0.4
NEW_DIR = DATA_DIR / "new"  # a batch of rows not yet placed (the question writers' files)
LEGACY_ANSWERS = DATA_DIR / "answer_gold.jsonl"  # the pre-split files, read when present
LEGACY_RETRIEVAL = DATA_DIR / "retrieval_gold.jsonl"
TUNED_ON = re.compile(r"^[ar][0-9]{3}$")  # a001…a178 and r001…: written before the split, tuned on
# New rows whose question (or a turn's resolved question) the unit tests already asked before the split was
# made (the leak check in tests/evals/test_splits.py found them): the product may have been tuned on them.
SEEN_IN_UNIT_TESTS: frozenset[str] = frozenset({
    "tt093",  # "kirkkiksen koulun rakennushanke?": tests/index/test_lexical.py, test_search.py
    "c055",  # opens with the same question
    "c034",  # turn 3 resolves to "mikä on harrastemallitavoitteen tavoitetaso": tests/assistant/tools/goals/test_owners.py
})  # fmt: skip
# Rows left out: two writers wrote the very same question (and expectation); the first id is kept.
RETIRED: dict[str, str] = {
    "to111": "the same question as tn040 (kuka on kailaan koulun rehtori)",
    "tu050": "the same question as to106 (kuka paatti rainion paivakodin lakkauttamisesta)",
}
RETRIEVAL_CATEGORY = {"text": "prose", "owner": "goal", "figure": "table"}
TWIN_RATIO = 95  # rapidfuzz ratio of two question keys from which they count as the same question
Row = dict[str, Any]


class SplitError(ValueError):
    """The gold rows cannot be split: a row is read twice with different content, or a file is malformed."""


@dataclass(frozen=True)
class Split:
    """The rows of every split file, each file's rows sorted by id."""

    answers_dev: tuple[Row, ...]
    answers_test: tuple[Row, ...]
    conversations_dev: tuple[Row, ...]
    conversations_test: tuple[Row, ...]
    retrieval_dev: tuple[Row, ...]
    retrieval_test: tuple[Row, ...]

    def files(self) -> dict[Path, tuple[Row, ...]]:
        return {
            ANSWERS_DEV: self.answers_dev,
            ANSWERS_TEST: self.answers_test,
            CONVERSATIONS_DEV: self.conversations_dev,
            CONVERSATIONS_TEST: self.conversations_test,
            RETRIEVAL_DEV: self.retrieval_dev,
            RETRIEVAL_TEST: self.retrieval_test,
        }


def order_key(row_id: str) -> str:
    """The seeded order of a row within its stratum."""
    return hashlib.sha256(f"{SEED}:{row_id}".encode()).hexdigest()


def dev_count(n: int) -> int:
    """How many of a stratum's n rows go to dev: 40 %, halves rounded up."""
    return int(n * DEV_SHARE + 0.5)


def stratified(rows: Iterable[Row], stratum: Any) -> tuple[list[Row], list[Row]]:
    """(dev, test): per stratum, the first 40 % of the rows in seeded order go to dev."""
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[stratum(row)].append(row)
    dev: list[Row] = []
    test: list[Row] = []
    for group in groups.values():
        ordered = sorted(group, key=lambda row: order_key(row["id"]))
        cut = dev_count(len(ordered))
        dev += ordered[:cut]
        test += ordered[cut:]
    return dev, test


def conversation_stratum(row: Mapping[str, Any]) -> str:
    tags = row.get("tags") or ["untagged"]
    return str(tags[0])


def question_key(question: str) -> str:
    """A question folded, without punctuation, spaces squashed: what twins are compared on."""
    return squash_spaces(re.sub(r"[^\w\s]", " ", fold(question)))


def are_twins(a: str, b: str) -> bool:
    """Near-duplicate questions (keys): almost the same letters, or, from four words up, one word apart."""
    if fuzz.ratio(a, b) >= TWIN_RATIO:
        return True
    words_a, words_b = a.split(), b.split()
    return min(len(words_a), len(words_b)) >= 4 and Levenshtein.distance(words_a, words_b) <= 1


def standalone_questions(answers: Iterable[Mapping[str, Any]], conversations: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """(row id, question) of every question that stands on its own: answer rows and the conversation turns
    that are not follow-ups (a follow-up such as "entä 2022?" means something only in its conversation)."""
    questions = [(str(row["id"]), str(row["question"])) for row in answers]
    for row in conversations:
        for turn in row["turns"]:
            if "follow-up" not in turn.get("tags", ()):
                questions.append((str(row["id"]), str(turn["question"])))
    return questions


def twin_groups(questions: Sequence[tuple[str, str]]) -> list[set[str]]:
    """Row ids whose standalone questions are twins, joined transitively (groups of two or more)."""
    parent: dict[str, str] = {row_id: row_id for row_id, _ in questions}

    def root(row_id: str) -> str:
        while parent[row_id] != row_id:
            parent[row_id] = parent[parent[row_id]]
            row_id = parent[row_id]
        return row_id

    keys = [(row_id, question_key(question)) for row_id, question in questions]
    for i, (id_a, key_a) in enumerate(keys):
        for id_b, key_b in keys[i + 1 :]:
            if id_a != id_b and are_twins(key_a, key_b):
                parent[root(id_a)] = root(id_b)
    groups: dict[str, set[str]] = defaultdict(set)
    for row_id, _ in questions:
        groups[root(row_id)].add(row_id)
    return [group for group in groups.values() if len(group) > 1]


def derived_retrieval(answers_test: Iterable[Mapping[str, Any]]) -> list[Row]:
    """Retrieval rows for the answer test rows that cite sections (a multi row gives one per cited part)."""
    rows = []
    for answer in answers_test:
        multi = answer["kind"] == "multi"
        expectations = answer["parts"] if multi else [answer]
        for n, expected in enumerate(expectations, start=1):
            category = RETRIEVAL_CATEGORY.get(expected["kind"])
            if category is None or not expected["sections"]:
                continue
            sections = list(dict.fromkeys(s for entry in expected["sections"] for s in entry.split("|")))
            part = f", part {n}" if multi else ""
            rows.append({
                "id": f"{answer['id']}-{n}" if multi else answer["id"],
                "question": answer["question"],
                "sections": sections,
                "category": category,
                "tags": list(answer.get("tags", [])),
                "notes": f"Derived from answers_test.jsonl {answer['id']}{part} ({expected['kind']}).",
            })  # fmt: skip
    return rows


def read_rows(paths: Iterable[Path]) -> list[Row]:
    """Every row of the files that exist, once (a row read twice must be the same row)."""
    seen: dict[str, tuple[Row, Path]] = {}
    for path in paths:
        if not path.is_file():
            continue
        for line, raw in jsonl_lines(path.read_text(encoding="utf-8")):
            row = parse_json_row(path, line, raw)
            if "id" not in row:
                raise SplitError(f"{path}:{line}: a row without an id")
            earlier = seen.get(row["id"])
            if earlier is not None and earlier[0] != row:
                raise SplitError(f"{path}:{line}: id {row['id']!r} is also in {earlier[1]} with other content")
            seen.setdefault(row["id"], (row, path))
    return [row for row, _ in seen.values()]


def pooled(data_dir: Path = DATA_DIR) -> tuple[list[Row], list[Row], list[Row]]:
    """(answer rows, conversation rows, tuned-on retrieval rows) from the split files and any new batch."""
    new = sorted((data_dir / "new").glob("*.jsonl")) if (data_dir / "new").is_dir() else []
    rows = read_rows([data_dir / ANSWERS_DEV.name, data_dir / ANSWERS_TEST.name, data_dir / LEGACY_ANSWERS.name,
                      data_dir / CONVERSATIONS_DEV.name, data_dir / CONVERSATIONS_TEST.name, *new])  # fmt: skip
    rows = [row for row in rows if row["id"] not in RETIRED]
    answers = [row for row in rows if "turns" not in row]
    conversations = [row for row in rows if "turns" in row]
    retrieval = read_rows([data_dir / RETRIEVAL_DEV.name, data_dir / LEGACY_RETRIEVAL.name])
    return answers, conversations, retrieval


def split(answers: Sequence[Row], conversations: Sequence[Row], retrieval: Sequence[Row]) -> Split:
    """Apply the rule (module docstring) to the pooled rows."""
    if not all(TUNED_ON.match(row["id"]) for row in retrieval):
        raise SplitError("retrieval rows other than r001… are derived from the answer test rows; do not write them")
    tuned = [row for row in answers if TUNED_ON.match(row["id"])]
    answers_dev, answers_test = stratified((r for r in answers if not TUNED_ON.match(r["id"])), lambda r: r["category"])
    conversations_dev, conversations_test = stratified(conversations, conversation_stratum)
    dev_ids = {row["id"] for row in [*tuned, *answers_dev, *conversations_dev]} | SEEN_IN_UNIT_TESTS
    # twins go where their first member (a tuned-on row first, then the lowest id) went
    for group in twin_groups(standalone_questions(answers, conversations)):
        leader = min(group, key=lambda row_id: (not TUNED_ON.match(row_id) and row_id not in SEEN_IN_UNIT_TESTS, row_id))
        dev_ids = dev_ids | group if leader in dev_ids else dev_ids - group
    everything = [*answers, *conversations]
    answers_dev = [r for r in answers if r["id"] in dev_ids and not TUNED_ON.match(r["id"])]
    answers_test = [r for r in answers if r["id"] not in dev_ids]
    conversations_dev = [r for r in conversations if r["id"] in dev_ids]
    conversations_test = [r for r in conversations if r["id"] not in dev_ids]
    if any(TUNED_ON.match(r["id"]) for r in answers_test) or len(everything) != len({r["id"] for r in everything}):
        raise SplitError("a tuned-on row would go to test, or an id is both an answer and a conversation")

    def by_id(rows: Iterable[Row]) -> tuple[Row, ...]:
        return tuple(sorted(rows, key=lambda row: row["id"]))

    test = by_id(answers_test)
    return Split(
        answers_dev=by_id([*tuned, *answers_dev]),
        answers_test=test,
        conversations_dev=by_id(conversations_dev),
        conversations_test=by_id(conversations_test),
        retrieval_dev=by_id(retrieval),
        retrieval_test=by_id(derived_retrieval(test)),
    )


def render(rows: Iterable[Mapping[str, Any]]) -> str:
    """JSON Lines: one object per line, keys in the writer's order, UTF-8 as written."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def differences(result: Split) -> list[str]:
    """The split files whose content is not what the rule gives."""
    wrong = []
    for path, rows in result.files().items():
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != render(rows):
            wrong.append(path.name)
    return wrong


def summary(result: Split) -> str:
    """Rows per file, and per category for the answer files."""
    lines = []
    for path, rows in result.files().items():
        lines.append(f"{path.name}: {len(rows)}")
        if "answers" in path.name:
            counts: dict[str, int] = defaultdict(int)
            for row in rows:
                counts[row["category"]] += 1
            lines.append("  " + ", ".join(f"{category} {n}" for category, n in sorted(counts.items())))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.split", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--check", action="store_true", help="only verify the committed split files")
    args = parser.parse_args(argv)
    try:
        result = split(*pooled())
    except (SplitError, ValueError) as exc:
        print(f"Virhe: {exc}", file=sys.stderr)
        return 2
    if args.check:
        wrong = differences(result)
        if wrong:
            print(f"Jako ei vastaa sääntöä: {', '.join(wrong)} (aja python -m evals.split)", file=sys.stderr)
            return 1
        print("Jako vastaa sääntöä.\n" + summary(result))
        return 0
    for path, rows in result.files().items():
        path.write_text(render(rows), encoding="utf-8")
    print(summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
