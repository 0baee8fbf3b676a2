"""Event wiring: which handler runs when, reading and writing which components."""

from __future__ import annotations

import html
from typing import Any

import gradio as gr

from ui import texts
from ui.handlers import Handlers, Message, Session
from ui.layout import Components

# Answer events share one concurrency group so the limit counts every route into the assistant.
ASSISTANT_GROUP = "assistant"


def take_js(inputs: int) -> str:
    """The js step of a bridge event: page.js's pending value replaces the first of `inputs` inputs."""
    names = [f"v{i}" for i in range(inputs)]
    return f"({', '.join(names)}) => [window.kaytto.take(), {', '.join(names[1:])}]"


def register_events(c: Components, handlers: Handlers, concurrency: int = 1) -> None:
    """Connect the components to the handlers; `/ask` and `/answer` are the public API."""
    answer_events: dict[str, Any] = {"concurrency_limit": concurrency, "concurrency_id": ASSISTANT_GROUP}
    private: dict[str, Any] = {"api_visibility": "private"}
    chat_in, chat_out = [c.question, c.chatbot, c.session], [c.chatbot, c.question, c.session]
    c.ask.click(handlers.ask, chat_in, chat_out, api_name="ask", **answer_events)
    c.question.submit(handlers.ask, chat_in, chat_out, **private, **answer_events)
    for button, example in zip(c.examples, handlers.views.examples, strict=True):
        button.click(
            lambda history, session, example=example: handlers.ask(example, history, session),
            inputs=[c.chatbot, c.session],
            outputs=chat_out,
            **private,
            **answer_events,
        )
    # A related question clicked inside an answer.
    c.bridge_ask.click(handlers.ask, [c.bridge, c.chatbot, c.session], chat_out, js=take_js(3), **private, **answer_events)
    c.clear.click(
        lambda: (*handlers.clear(), gr.Column(visible=False), ""),
        outputs=[c.chatbot, c.question, c.session, c.comment_box, c.status],
        queue=False,
        **private,
    )
    c.copy_all.click(None, js="() => window.kaytto.copyConversation()", **private)
    gr.api(handlers.answer_json, api_name="answer", **answer_events)

    _feedback_events(c, handlers, private)
    _source_events(c, handlers, private)
    _budget_events(c, handlers, private)
    _goals_events(c, handlers, private)
    if c.feedback_table is not None:
        _staff_events(c, handlers, private)


def _feedback_events(c: Components, handlers: Handlers, private: dict[str, Any]) -> None:
    def vote(value: str, history: list[Message], session: Session) -> tuple[Any, ...]:
        messages, session, ask_comment, status = handlers.feedback(value, history, session)
        return messages, session, gr.Column(visible=ask_comment), _status(status)

    c.bridge_vote.click(
        vote, [c.bridge, c.chatbot, c.session], [c.chatbot, c.session, c.comment_box, c.status], js=take_js(3), queue=False, **private
    ).then(None, js="() => window.kaytto.focusComment()", **private)

    def comment(text: str, session: Session) -> tuple[Any, ...]:
        session, keep_open, box, status = handlers.comment(text, session)
        return session, gr.Column(visible=keep_open), box, _status(status)

    comment_out = [c.session, c.comment_box, c.comment, c.status]
    c.comment_send.click(comment, [c.comment, c.session], comment_out, queue=False, **private)
    c.comment.submit(comment, [c.comment, c.session], comment_out, queue=False, **private)
    c.comment_skip.click(lambda session: comment("", session), [c.session], comment_out, queue=False, **private)


def _source_events(c: Components, handlers: Handlers, private: dict[str, Any]) -> None:
    def jump(target: str, original: bool, query: str) -> tuple[Any, ...]:
        section, cited, text = handlers.jump(target, original, query)
        return gr.Tabs(selected="lahde"), section, cited, text

    c.bridge_jump.click(
        jump,
        [c.bridge, c.source_original, c.source_query],
        [c.tabs, c.source_section, c.source_cited, c.source_text],
        js=take_js(3),
        queue=False,
        **private,
    ).then(None, js="() => window.kaytto.showCited()", **private)
    c.source_section.input(
        lambda section, original, query: (handlers.source(section, original, query, ""), ""),
        [c.source_section, c.source_original, c.source_query],
        [c.source_text, c.source_cited],
        queue=False,
        **private,
    )
    c.source_original.input(
        handlers.source, [c.source_section, c.source_original, c.source_query, c.source_cited], [c.source_text], queue=False, **private
    )
    c.source_query.change(
        handlers.source_search,
        [c.source_query, c.source_section, c.source_original, c.source_cited],
        [c.source_hits, c.source_text],
        queue=False,
        trigger_mode="always_last",
        **private,
    )


def _budget_events(c: Components, handlers: Handlers, private: dict[str, Any]) -> None:
    def area_changed(area: str) -> tuple[Any, ...]:
        choices, key, table, figure = handlers.budget_items(area)
        matrix, path = handlers.budget_matrix(area)
        label = texts.DOWNLOAD_AREA.format(area=handlers.views.labels.area(area))
        return gr.Dropdown(choices=choices, value=key or None), table, figure, matrix, gr.DownloadButton(label=label, value=path)

    # The tabs' own events are UI only: not part of the public API, and (but for the charts) not queued.
    c.budget_area.input(
        area_changed, [c.budget_area], [c.budget_item, c.budget_table, c.budget_chart, c.budget_matrix, c.download_area], **private
    )
    c.budget_item.input(handlers.budget_series, [c.budget_area, c.budget_item], [c.budget_table, c.budget_chart], **private)
    compare_in, compare_out = [c.compare_item, c.compare_column], [c.compare_table, c.compare_chart]
    for trigger in compare_in:
        trigger.input(handlers.budget_compare, compare_in, compare_out, **private)
    c.compare_column.input(
        lambda column: gr.DownloadButton(label=texts.DOWNLOAD_COLUMN.format(column=column), value=handlers.column_csv(column)),
        [c.compare_column],
        [c.download_column],
        queue=False,
        **private,
    )


def _goals_events(c: Components, handlers: Handlers, private: dict[str, Any]) -> None:
    goal_filters = [c.goals_area, c.goals_owner, c.goals_aim, c.goals_search]
    goal_out = [c.goals_table, c.download_goals]
    for trigger in (c.goals_area, c.goals_owner, c.goals_aim):
        trigger.input(handlers.goals, goal_filters, goal_out, queue=False, **private)
    c.goals_search.change(handlers.goals, goal_filters, goal_out, queue=False, **private)
    c.goals_reset.click(handlers.goals_reset, None, [*goal_filters, *goal_out], queue=False, **private)


def _staff_events(c: Components, handlers: Handlers, private: dict[str, Any]) -> None:
    filters = [c.feedback_problems, c.feedback_kind, c.feedback_search]
    out = [c.feedback_table, c.download_feedback]
    for trigger in (c.feedback_problems, c.feedback_kind):
        trigger.input(handlers.feedback_list, filters, out, queue=False, **private)  # type: ignore[union-attr, arg-type]
    c.feedback_search.change(handlers.feedback_list, filters, out, queue=False, **private)  # type: ignore[union-attr, arg-type]
    c.feedback_refresh.click(handlers.feedback_list, filters, out, queue=False, **private)  # type: ignore[union-attr, arg-type]


def _status(message: str) -> str:
    return f'<p class="status-message">{html.escape(message)}</p>' if message else ""
