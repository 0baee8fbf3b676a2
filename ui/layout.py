"""The page's layout: the components of each tab with their initial values, and no event wiring."""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from ui import texts
from ui.goals_view import ALL, aim_choices, area_choices, owner_choices
from ui.handlers import Handlers
from ui.source_view import section_choices


# Side-by-side parts narrower than this wrap onto their own line (phones).
WIDE = 300


@dataclass(frozen=True)
class Components:
    """Handles to the components that events read or write."""

    chatbot: gr.Chatbot
    question: gr.Textbox
    ask: gr.Button
    clear: gr.Button
    examples: tuple[gr.Button, ...]
    budget_area: gr.Dropdown
    budget_item: gr.Dropdown
    budget_table: gr.HTML
    budget_chart: gr.Plot
    compare_item: gr.Dropdown
    compare_column: gr.Dropdown
    compare_table: gr.HTML
    compare_chart: gr.Plot
    goals_area: gr.Dropdown
    goals_owner: gr.Dropdown
    goals_aim: gr.Dropdown
    goals_search: gr.Textbox
    goals_table: gr.HTML
    source_section: gr.Dropdown
    source_original: gr.Checkbox
    source_text: gr.HTML


def build_layout(handlers: Handlers) -> Components:
    """Create every tab inside the current `gr.Blocks` context; initial values come from the handlers."""
    gr.Markdown(f"# {texts.HEADING}\n\n{texts.INTRO}", elem_id="intro")
    with gr.Tabs():
        with gr.Tab(texts.TAB_CHAT, id="kysy", elem_id="tab-kysy"):
            chat = _chat_tab(handlers)
        with gr.Tab(texts.TAB_BUDGET, id="talous", elem_id="tab-talous"):
            budget = _budget_tab(handlers)
        with gr.Tab(texts.TAB_GOALS, id="tavoitteet", elem_id="tab-tavoitteet"):
            goals = _goals_tab(handlers)
        with gr.Tab(texts.TAB_SOURCE, id="lahde", elem_id="tab-lahde"):
            source = _source_tab(handlers)
    return Components(**chat, **budget, **goals, **source)


def _chat_tab(handlers: Handlers) -> dict:
    chatbot = gr.Chatbot(
        label=texts.CHAT_LABEL,
        elem_id="chat",
        height=560,
        render_markdown=False,  # messages are HTML built (and escaped) by ui.render
        sanitize_html=True,
        latex_delimiters=[],
        feedback_options=None,
        buttons=["copy", "copy_all"],  # no "share": it targets Hugging Face Spaces and has no accessible name
        placeholder=texts.CHAT_PLACEHOLDER,
        autoscroll=True,
    )
    with gr.Row(equal_height=True):
        question = gr.Textbox(
            label=texts.QUESTION_LABEL,
            placeholder=texts.QUESTION_PLACEHOLDER,
            lines=1,
            max_lines=4,
            scale=5,
            elem_id="question",
            autofocus=True,
        )
        ask = gr.Button(texts.ASK_BUTTON, variant="primary", scale=1, elem_id="ask")
    gr.Markdown(texts.CONTEXT_NOTE, elem_id="context-note")
    gr.Markdown(f"## {texts.EXAMPLES_HEADING}")
    with gr.Row(elem_id="examples"):
        examples = tuple(gr.Button(example, size="sm", elem_classes=["example"]) for example in handlers.views.examples)
    with gr.Row():
        clear = gr.Button(texts.CLEAR_BUTTON, size="sm", variant="secondary", scale=0, min_width=200, elem_id="clear")
    return {"chatbot": chatbot, "question": question, "ask": ask, "clear": clear, "examples": examples}


def _budget_tab(handlers: Handlers) -> dict:
    budget = handlers.views.budget
    gr.Markdown(f"## {texts.TAB_BUDGET}\n\n{texts.BUDGET_INTRO}")
    areas = budget.area_choices()
    area = areas[0][1] if areas else None
    items, item, table, figure = handlers.budget_items(area) if area else ([], "", "", None)
    with gr.Row():
        budget_area = gr.Dropdown(areas, value=area, label=texts.BUDGET_AREA, min_width=WIDE, elem_id="budget-area")
        budget_item = gr.Dropdown(items, value=item or None, label=texts.BUDGET_ITEM, min_width=WIDE, elem_id="budget-item")
    with gr.Row():
        with gr.Column(min_width=WIDE):
            budget_table = gr.HTML(table, elem_id="budget-table")
        with gr.Column(min_width=WIDE):
            budget_chart = gr.Plot(figure, label=texts.BUDGET_SERIES_CHART, elem_id="budget-chart")

    gr.Markdown(f"## {texts.BUDGET_COMPARE_HEADING}")
    compare_items = budget.comparable_items()
    columns = budget.column_choices()
    # Default to the plan's own year when it has a column, else the first column.
    default_column = next((value for _, value in columns if value.startswith("TA 2024")), columns[0][1] if columns else None)
    first_item = budget.default_compare_item(default_column) if default_column else None
    compare_html, compare_figure = handlers.budget_compare(first_item or "", default_column or "")
    with gr.Row():
        compare_item = gr.Dropdown(
            compare_items, value=first_item, label=texts.BUDGET_COMPARE_ITEM, min_width=WIDE, elem_id="compare-item"
        )
        compare_column = gr.Dropdown(
            columns, value=default_column, label=texts.BUDGET_COMPARE_COLUMN, min_width=WIDE, elem_id="compare-column"
        )
    with gr.Row():
        with gr.Column(min_width=WIDE):
            compare_table = gr.HTML(compare_html, elem_id="compare-table")
        with gr.Column(min_width=WIDE):
            compare_chart = gr.Plot(compare_figure, label=texts.BUDGET_COMPARE_CHART, elem_id="compare-chart")
    return {
        "budget_area": budget_area,
        "budget_item": budget_item,
        "budget_table": budget_table,
        "budget_chart": budget_chart,
        "compare_item": compare_item,
        "compare_column": compare_column,
        "compare_table": compare_table,
        "compare_chart": compare_chart,
    }


def _goals_tab(handlers: Handlers) -> dict:
    goals = handlers.views.goals
    labels = handlers.views.labels
    gr.Markdown(f"## {texts.TAB_GOALS}\n\n{texts.GOALS_INTRO}")
    with gr.Row():
        filters = {"value": ALL, "min_width": WIDE}
        goals_area = gr.Dropdown(area_choices(goals, labels), label=texts.GOALS_AREA, elem_id="goals-area", **filters)
        goals_owner = gr.Dropdown(owner_choices(goals), label=texts.GOALS_OWNER, elem_id="goals-owner", **filters)
        goals_aim = gr.Dropdown(aim_choices(goals), label=texts.GOALS_AIM, elem_id="goals-aim", **filters)
        goals_search = gr.Textbox(label=texts.GOALS_SEARCH, min_width=WIDE, elem_id="goals-search")
    goals_table = gr.HTML(handlers.goals(ALL, ALL, ALL, ""), elem_id="goals-table")
    return {
        "goals_area": goals_area,
        "goals_owner": goals_owner,
        "goals_aim": goals_aim,
        "goals_search": goals_search,
        "goals_table": goals_table,
    }


def _source_tab(handlers: Handlers) -> dict:
    gr.Markdown(f"## {texts.TAB_SOURCE}\n\n{texts.SOURCE_INTRO}")
    sections = section_choices(handlers.views.document)
    first = sections[0][1]
    with gr.Row():
        source_section = gr.Dropdown(
            sections, value=first, label=texts.SOURCE_SECTION, scale=3, min_width=WIDE, elem_id="source-section"
        )
        source_original = gr.Checkbox(False, label=texts.SOURCE_SHOW_ORIGINAL, scale=1, min_width=WIDE, elem_id="source-original")
    source_text = gr.HTML(handlers.source(first, False), elem_id="source-text")
    return {"source_section": source_section, "source_original": source_original, "source_text": source_text}
