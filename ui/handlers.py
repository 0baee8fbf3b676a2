"""Event handlers: each turns widget values into display values (the chat one calls the assistant once)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol

import plotly.graph_objects as go

from assistant.types import Answer
from assistant.errors import AssistantError
from assistant.messages_fi import finnish_message
from corpus.records import Goal
from corpus.store import Corpus, Document
from ui import texts
from ui.budget import BudgetView, points_figure, render_points_table
from ui.goals_view import ALL, filter_goals, render_goals
from ui.labels import Labels
from ui.render import render_answer, render_error, render_question
from ui.source_view import render_section

logger = logging.getLogger(__name__)

Message = dict[str, Any]


class AnswersQuestions(Protocol):
    """What the UI needs from the assistant: its corpus and `answer`."""

    corpus: Corpus

    def answer(self, question: str) -> Answer: ...


@dataclass(frozen=True)
class Views:
    """Everything the tabs show, derived once from the corpus."""

    labels: Labels
    budget: BudgetView
    goals: tuple[Goal, ...]
    document: Document
    examples: tuple[str, ...] = texts.EXAMPLE_QUESTIONS

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> Views:
        labels = Labels.from_corpus(corpus)
        document = corpus.document()
        board = document.manifest.board.code
        return cls(
            labels=labels,
            budget=BudgetView(cells=corpus.cells, labels=labels, board_code=board),
            goals=corpus.goals,
            document=document,
        )


@dataclass(frozen=True)
class Handlers:
    """The functions behind the page's events."""

    assistant: AnswersQuestions
    views: Views

    def reply(self, question: str) -> str:
        """The assistant's answer to one question as chat HTML; failures become a Finnish message."""
        try:
            answer = self.assistant.answer(question)
        except Exception as exc:  # the edge: nothing but a Finnish message reaches the page
            if not isinstance(exc, AssistantError):
                logger.exception("answering %r failed", question[:200])
            return render_error(finnish_message(exc))
        return render_answer(answer, self.views.labels, self.views.examples)

    def ask(self, question: str, history: list[Message] | None) -> tuple[list[Message], str]:
        """Append the question and its answer to the chat; empty the question box."""
        question = question or ""
        messages = list(history or [])
        if question.strip():
            messages.append({"role": "user", "content": render_question(question)})
        messages.append({"role": "assistant", "content": self.reply(question)})
        return messages, ""

    def answer_json(self, question: str) -> dict[str, Any]:
        """The answer's stable JSON, or {'error': Finnish message, 'error_type': class name}."""
        try:
            return self.assistant.answer(question).to_json()
        except Exception as exc:
            if not isinstance(exc, AssistantError):
                logger.exception("answering %r failed", question[:200])
            return {"error": finnish_message(exc), "error_type": getattr(exc, "code", type(exc).__name__)}  # served: stable code

    def budget_items(self, area: str) -> tuple[list[tuple[str, str]], str, str, go.Figure]:
        """An area's line-item choices, the first item's key, and that item's table and chart."""
        choices = self.views.budget.item_choices(area)
        key = choices[0][1] if choices else ""
        table, figure = self.budget_series(area, key)
        return choices, key, table, figure

    def budget_series(self, area: str, key: str) -> tuple[str, go.Figure]:
        """One item's five columns as a table and a bar chart."""
        budget = self.views.budget
        points = budget.series(area, key) if key else []
        label = next((name for name, value in budget.item_choices(area) if value == key), "")
        title = f"{self.views.labels.area(area)}: {label}"
        return (
            render_points_table(points, title, texts.BUDGET_COLUMN_HEADER),
            points_figure(points, title),
        )

    def budget_compare(self, item: str, column: str) -> tuple[str, go.Figure]:
        """One item in one column, service areas side by side."""
        points = self.views.budget.compare(item, column) if item and column else []
        title = f"{item}, {column}"
        return (
            render_points_table(points, title, texts.BUDGET_AREA_HEADER),
            points_figure(points, title, colour_by_point=True),
        )

    def goals(self, area: str, owner: str, aim: str, search: str) -> str:
        """The goals table filtered by the tab's selections."""
        shown = filter_goals(self.views.goals, area or ALL, owner or ALL, aim or ALL, search or "")
        return render_goals(shown, len(self.views.goals), self.views.labels)

    def source(self, section_id: str, original: bool) -> str:
        """One section of the plan, repaired or as the original OCR text."""
        return render_section(self.views.document, section_id, bool(original))
