"""Event handlers: each turns widget values into display values (the chat one calls the assistant once)."""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import plotly.graph_objects as go

from assistant.errors import AssistantError, ConversationStateInvalid
from assistant.messages_fi import finnish_message
from assistant.types import Answer
from corpus.records import Goal, LineRange
from corpus.store import Corpus, Document
from ui import downloads, texts
from ui.answer.context import AnswerContext, Contact
from ui.answer.render import render_answer, render_error, render_question
from ui.errors import FeedbackStoreUnavailable, UIError
from ui.feedback.export import HEADERS as FEEDBACK_HEADERS
from ui.feedback.export import feedback_rows
from ui.feedback.store import FeedbackFilter, FeedbackStore
from ui.labels import Labels
from ui.messages_fi import message_for
from ui.views.budget import BudgetView, points_figure, render_matrix, render_points_table
from ui.views.feedback import render_feedback
from ui.views.goals import ALL, filter_goals, render_goals
from ui.views.source import WHOLE_PLAN, extent, known_section, render_hits, render_section, section_of

logger = logging.getLogger(__name__)

Message = dict[str, Any]
Session = dict[str, Any]  # per browser session (gr.State): the answers shown, the feedback given, the conversation
MAX_REMEMBERED = 100  # answers a session remembers for feedback (older ones can no longer be rated)
_TARGET = re.compile(r"^(?P<section>[^:\s]{1,200})(?::(?P<start>\d{1,6})-(?P<end>\d{1,6}))?$")
_VOTE = re.compile(r"^(?P<id>[0-9a-f]{8,32}):(?P<vote>yes|no)$")


class AnswersQuestions(Protocol):
    """What the UI needs from the assistant: its corpus and `answer`."""

    corpus: Corpus

    def answer(self, question: str, conversation: Any = None) -> Answer: ...


def new_session() -> Session:
    """The empty per-session state ("conversation": the state the last answer carried, as its JSON)."""
    return {"answers": {}, "feedback": {}, "comment_for": "", "conversation": None}


@dataclass(frozen=True)
class Views:
    """Everything the tabs show, derived once from the corpus."""

    labels: Labels
    budget: BudgetView
    goals: tuple[Goal, ...]
    document: Document
    context: AnswerContext = field(default_factory=AnswerContext)
    examples: tuple[str, ...] = texts.EXAMPLE_QUESTIONS
    downloads_dir: Path | None = None  # None: a folder under the system temp dir

    @classmethod
    def from_corpus(cls, corpus: Corpus, contact: Contact = Contact(), downloads_dir: Path | None = None) -> Views:
        labels = Labels.from_corpus(corpus)
        document = corpus.document()
        board = document.manifest.board.code
        return cls(
            labels=labels,
            budget=BudgetView(cells=corpus.cells, labels=labels, board_code=board),
            goals=corpus.goals,
            document=document,
            context=AnswerContext.from_corpus(corpus, examples=texts.EXAMPLE_QUESTIONS, contact=contact),
            downloads_dir=downloads_dir,
        )


@dataclass(frozen=True)
class Handlers:
    """The functions behind the page's events."""

    assistant: AnswersQuestions
    views: Views
    feedback_store: FeedbackStore | None = None

    # --- Kysy -----------------------------------------------------------------------------------------
    def reply(self, question: str, answer_id: str = "") -> str:
        """The assistant's answer to one question as chat HTML; failures become a Finnish message."""
        answer = self._answer(question)
        if isinstance(answer, str):
            return answer
        return render_answer(answer, self.views.context, answer_id)

    def ask(self, question: str, history: list[Message] | None, session: Session | None = None) -> tuple[list[Message], str, Session]:
        """Append the question and its answer to the chat; empty the question box; remember the answer."""
        question = question or ""
        session = _session(session)
        messages = list(history or [])
        if question.strip():
            messages.append({"role": "user", "content": render_question(question)})
        answer = self._answer(question, session.get("conversation"))
        if isinstance(answer, str):  # a failure: the conversation stays as it was
            messages.append({"role": "assistant", "content": answer})
            return messages, "", session
        answer_id = uuid.uuid4().hex[:16]
        answers = dict(session["answers"])
        answers[answer_id] = answer
        while len(answers) > MAX_REMEMBERED:
            answers.pop(next(iter(answers)))
        state = answer.conversation
        session = {**session, "answers": answers, "conversation": state.to_json() if hasattr(state, "to_json") else state}
        messages.append({"role": "assistant", "content": render_answer(answer, self.views.context, answer_id)})
        return messages, "", session

    def clear(self) -> tuple[list[Message], str, Session]:
        """"Tyhjennä keskustelu": no messages, an empty question box and a new session (the conversation forgotten)."""
        return [], "", new_session()

    def answer_json(self, question: str) -> dict[str, Any]:
        """The answer's stable JSON, or {'error': Finnish message, 'error_type': class name}."""
        try:
            return self.assistant.answer(question).to_json()
        except Exception as exc:
            if not isinstance(exc, AssistantError):
                logger.exception("answering %r failed", question[:200])
            return {"error": finnish_message(exc), "error_type": getattr(exc, "code", type(exc).__name__)}  # served: stable code

    def _answer(self, question: str, conversation: Any = None) -> Answer | str:
        try:
            if conversation is None:
                return self.assistant.answer(question)
            return self.assistant.answer(question, conversation=conversation)
        except Exception as exc:  # the edge: nothing but a Finnish message reaches the page
            if conversation is not None and _stale_state(exc):
                return self._answer(question)  # a state an older version wrote: the question starts over
            if not isinstance(exc, AssistantError):
                logger.exception("answering %r failed", question[:200])
            return render_error(finnish_message(exc))

    # --- Feedback -------------------------------------------------------------------------------------
    def feedback(
        self, vote: str, history: list[Message] | None, session: Session | None
    ) -> tuple[list[Message], Session, bool, str]:
        """Store 👍/👎 for one shown answer ("<answer id>:yes|no"); the answer then says thanks.

        Returns the chat, the session, whether to show the comment box, and a status line.
        """
        session = _session(session)
        messages = list(history or [])
        match = _VOTE.match(vote or "")
        answer = session["answers"].get(match["id"]) if match else None
        if match is None or answer is None:
            return messages, session, False, texts.FEEDBACK_EXPIRED
        answer_id, helpful = match["id"], match["vote"] == "yes"
        given = dict(session["feedback"])
        try:
            store = self._store()
            if answer_id in given:
                store.set_helpful(given[answer_id][0], helpful)
                row_id = given[answer_id][0]
            else:
                sections = [citation.section_id for citation in answer.citations]
                row_id = store.record(answer.question, answer.kind, sections, helpful)
        except UIError as exc:
            logger.warning("feedback not stored: %s", exc)
            return messages, session, False, message_for(exc)
        given[answer_id] = (row_id, helpful)
        session = {**session, "feedback": given, "comment_for": answer_id}
        rendered = render_answer(answer, self.views.context, answer_id, feedback=helpful)
        marker = f'id="vastaus-{answer_id}"'
        messages = [
            {**message, "content": rendered} if marker in _content(message) else message for message in messages
        ]
        return messages, session, True, texts.FEEDBACK_THANKS

    def comment(self, text: str, session: Session | None) -> tuple[Session, bool, str, str]:
        """Attach the optional comment to the last verdict; returns session, box shown, box text, status."""
        session = _session(session)
        answer_id = session.get("comment_for", "")
        given = session["feedback"].get(answer_id)
        if not (text or "").strip():
            return {**session, "comment_for": ""}, False, "", ""
        if given is None:
            return session, False, "", texts.FEEDBACK_EXPIRED
        try:
            self._store().add_comment(given[0], text)
        except UIError as exc:
            logger.warning("feedback comment not stored: %s", exc)
            return session, True, text, message_for(exc)
        return {**session, "comment_for": ""}, False, "", texts.FEEDBACK_COMMENT_SAVED

    def feedback_list(self, only_problems: bool, kind: str, search: str) -> tuple[str, str | None]:
        """The staff view: feedback filtered, as a table and a CSV file."""
        try:
            entries = self._store().rows(FeedbackFilter(only_problems=bool(only_problems), kind=kind or "", search=search or ""))
        except UIError as exc:
            return render_error(message_for(exc)), None
        rows = [list(FEEDBACK_HEADERS), *feedback_rows(entries)]
        return render_feedback(entries), str(downloads.write_csv(rows, "palaute", self.views.downloads_dir))

    def _store(self) -> FeedbackStore:
        if self.feedback_store is None:
            raise FeedbackStoreUnavailable("no feedback database is open (see the log at start-up)")
        return self.feedback_store

    # --- Lähde ----------------------------------------------------------------------------------------
    def jump(self, target: str, original: bool, query: str) -> tuple[str, str, str]:
        """Open a cited place ("<section>:<start>-<end>" or "<section>"): (section, cited lines, text)."""
        match = _TARGET.match((target or "").strip())
        document = self.views.document
        if match is None:
            return WHOLE_PLAN, "", self.source(WHOLE_PLAN, original, query, "")
        section = known_section(document, match["section"])
        cited = ""
        if match["start"]:
            start, end = sorted((int(match["start"]), int(match["end"])))
            last = len(document.repaired_lines)
            if 1 <= start <= last:
                cited = f"{start}-{min(end, last)}"
                if section != WHOLE_PLAN and start not in extent(document, document.section(section)):
                    section = section_of(document, start)  # the lines decide when the section does not hold them
        return section, cited, self.source(section, original, query, cited)

    def source(self, section_id: str, original: bool, query: str = "", cited: str = "") -> str:
        """One section of the plan (repaired, the original OCR beside it on request), cited lines highlighted."""
        section = known_section(self.views.document, section_id or WHOLE_PLAN)
        return render_section(self.views.document, section, bool(original), _lines(cited), query or "")

    def source_search(self, query: str, section_id: str, original: bool, cited: str) -> tuple[str, str]:
        """Search hits (linked) and the shown section with the words marked."""
        return render_hits(self.views.document, query or ""), self.source(section_id, original, query, cited)

    # --- Talous ---------------------------------------------------------------------------------------
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

    def budget_matrix(self, area: str) -> tuple[str, str]:
        """The area × years table and its CSV file."""
        rows = downloads.area_rows(self.views.budget, area)
        name = f"talous {self.views.labels.area(area)} vuodet"
        return render_matrix(self.views.budget, area), str(downloads.write_csv(rows, name, self.views.downloads_dir))

    def budget_compare(self, item: str, column: str) -> tuple[str, go.Figure]:
        """One item in one column, service areas side by side."""
        points = self.views.budget.compare(item, column) if item and column else []
        title = f"{item}, {column}"
        return (
            render_points_table(points, title, texts.BUDGET_AREA_HEADER),
            points_figure(points, title, colour_by_point=True),
        )

    def column_csv(self, column: str) -> str:
        """All service areas × one year (every comparable line item) as a CSV file."""
        rows = downloads.column_rows(self.views.budget, column)
        return str(downloads.write_csv(rows, f"talous palvelualueet {column}", self.views.downloads_dir))

    def cells_csv(self) -> str:
        """The whole cell table with source lines as a CSV file."""
        rows = downloads.cell_rows(self.views.budget.cells, self.views.labels)
        return str(downloads.write_csv(rows, "talous kaikki solut", self.views.downloads_dir))

    # --- Tavoitteet -----------------------------------------------------------------------------------
    def goals(self, area: str, owner: str, aim: str, search: str) -> tuple[str, str]:
        """The goals table filtered by the tab's selections, and the same rows as a CSV file."""
        shown = filter_goals(self.views.goals, area or ALL, owner or ALL, aim or ALL, search or "")
        rows = downloads.goal_rows(shown, self.views.labels)
        path = downloads.write_csv(rows, "tavoitteet", self.views.downloads_dir)
        return render_goals(shown, len(self.views.goals), self.views.labels), str(path)

    def goals_reset(self) -> tuple[str, str, str, str, str, str]:
        """Every filter back to "Kaikki" and the search emptied: (area, owner, aim, search, table, csv)."""
        table, path = self.goals(ALL, ALL, ALL, "")
        return ALL, ALL, ALL, "", table, path


def _stale_state(error: BaseException) -> bool:
    """Whether answering failed on the conversation state itself (directly or as the server's public failure)."""
    public = getattr(error, "public", None)
    return isinstance(error, ConversationStateInvalid) or getattr(public, "code", "") == "invalid_conversation"


def _session(session: Session | None) -> Session:
    return session if isinstance(session, dict) and "answers" in session else new_session()


def _content(message: Message) -> str:
    content = message.get("content", "")
    if isinstance(content, list):  # Gradio may hand the chat back as a list of parts
        return " ".join(str(part.get("text", "")) if isinstance(part, dict) else str(part) for part in content)
    return str(content)


def _lines(cited: str) -> LineRange | None:
    match = re.match(r"^(\d+)-(\d+)$", cited or "")
    if not match:
        return None
    start, end = int(match[1]), int(match[2])
    return LineRange(start, end) if 1 <= start <= end else None
