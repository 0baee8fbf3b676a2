"""Round trip over the whole plan: FigureQuery → Finnish question from the query's words → read → the same query.

The queries are generated from every row × area × column of the plan and every operation (examples.all_queries),
not hand-listed; the question for each is written by phrase.question_for, the same text a suggestion shows.
"""

from __future__ import annotations

from collections import Counter

from assistant.language.analysis import Analyser
from assistant.tools.figures import FigureTool
from assistant.tools.figures.examples import all_queries
from assistant.tools.figures.query import OPERATIONS

MIN_CASES = 5000  # the plan has 6 676 today; fewer means the generator lost a dimension


def test_every_generated_query_reads_back_as_itself(tool: FigureTool, analyser: Analyser) -> None:
    counts: Counter[str] = Counter()
    mismatches: list[tuple[str, object, object]] = []
    for query in all_queries(tool.plan):
        counts[query.operation] += 1
        question = tool.question_for(query)
        reading = tool.read(analyser.analyse(question))
        if reading != query:
            mismatches.append((question, query, reading))
    assert not mismatches[:5], f"{len(mismatches)} of {sum(counts.values())} did not read back"
    assert sum(counts.values()) >= MIN_CASES
    assert set(counts) == set(OPERATIONS)  # every operation is covered


def test_the_generated_queries_cover_every_row_area_and_column(tool: FigureTool) -> None:
    plan = tool.plan
    seen = {(area, row, column) for q in all_queries(plan) for area in q.areas for row in q.rows for column in q.columns}
    every = {(area, row, column) for (area, row, column) in plan.cells}
    assert every <= seen


def test_every_answer_begins_with_its_reading_and_carries_the_query(tool: FigureTool, analyser: Analyser) -> None:
    queries = list(all_queries(tool.plan))
    for query in queries[:: max(1, len(queries) // 400)]:
        analysis = analyser.analyse(tool.question_for(query))
        answer = tool.answer(analysis, tool.read(analysis))
        assert answer.kind == "figure"
        assert answer.interpretation is not None
        assert answer.answer.splitlines()[0] == answer.interpretation.text
        assert answer.interpretation.text.startswith("Tulkinta: ")
        got = answer.interpretation
        assert (got.operation, got.rows, got.areas, got.columns) == (
            query.operation, query.rows, query.areas, query.column_labels)
