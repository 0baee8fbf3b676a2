"""Event wiring: which handler runs when, reading and writing which components."""

from __future__ import annotations

import gradio as gr

from ui.handlers import Handlers
from ui.layout import Components

# Answer events share one concurrency group so the limit counts every route into the assistant.
ASSISTANT_GROUP = "assistant"


def register_events(c: Components, handlers: Handlers, concurrency: int = 1) -> None:
    """Connect the components to the handlers; `/ask` and `/answer` are the public API."""
    answer_events = {"concurrency_limit": concurrency, "concurrency_id": ASSISTANT_GROUP}
    chat_io = {"fn": handlers.ask, "inputs": [c.question, c.chatbot], "outputs": [c.chatbot, c.question]}
    c.ask.click(api_name="ask", **chat_io, **answer_events)
    c.question.submit(api_visibility="private", **chat_io, **answer_events)
    for button, example in zip(c.examples, handlers.views.examples):
        button.click(
            lambda history, example=example: handlers.ask(example, history),
            inputs=[c.chatbot],
            outputs=[c.chatbot, c.question],
            api_visibility="private",
            **answer_events,
        )
    c.clear.click(lambda: ([], ""), outputs=[c.chatbot, c.question], api_visibility="private", queue=False)
    gr.api(handlers.answer_json, api_name="answer", **answer_events)

    def budget_items(area: str) -> tuple[gr.Dropdown, str, object]:
        choices, key, table, figure = handlers.budget_items(area)
        return gr.Dropdown(choices=choices, value=key or None), table, figure

    # The tabs' own events are UI only: not part of the public API, and (but for the charts) not queued.
    private = {"api_visibility": "private"}
    c.budget_area.input(budget_items, [c.budget_area], [c.budget_item, c.budget_table, c.budget_chart], **private)
    c.budget_item.input(handlers.budget_series, [c.budget_area, c.budget_item], [c.budget_table, c.budget_chart], **private)
    compare_in, compare_out = [c.compare_item, c.compare_column], [c.compare_table, c.compare_chart]
    for trigger in compare_in:
        trigger.input(handlers.budget_compare, compare_in, compare_out, **private)

    goal_filters = [c.goals_area, c.goals_owner, c.goals_aim, c.goals_search]
    for trigger in (c.goals_area, c.goals_owner, c.goals_aim):
        trigger.input(handlers.goals, goal_filters, [c.goals_table], queue=False, **private)
    c.goals_search.change(handlers.goals, goal_filters, [c.goals_table], queue=False, **private)

    source_in = [c.source_section, c.source_original]
    for trigger in source_in:
        trigger.input(handlers.source, source_in, [c.source_text], queue=False, **private)
