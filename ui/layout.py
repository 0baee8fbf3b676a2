"""The page's layout: the header, each tab's components with their initial values, the footer; no event wiring."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from ui import texts
from ui.handlers import Handlers, new_session
from ui.views.goals import ALL, aim_choices, area_choices, owner_choices
from ui.views.page import render_footer, render_header
from ui.views.source import WHOLE_PLAN, section_choices

# Side-by-side parts narrower than this wrap onto their own line (phones).
WIDE = 300
KIND_CHOICES = [(texts.GOALS_ALL, ""), *((name, kind) for kind, name in texts.ANSWER_KIND_NAMES.items())]


@dataclass(frozen=True)
class Components:
    """Handles to the components that events read or write."""

    tabs: gr.Tabs
    session: gr.State
    chatbot: gr.Chatbot
    question: gr.Textbox
    ask: gr.Button
    clear: gr.Button
    copy_all: gr.Button
    status: gr.HTML
    examples: tuple[gr.Button, ...]
    comment_box: gr.Column
    comment: gr.Textbox
    comment_send: gr.Button
    comment_skip: gr.Button
    bridge: gr.Textbox
    bridge_ask: gr.Button
    bridge_vote: gr.Button
    bridge_jump: gr.Button
    budget_area: gr.Dropdown
    budget_item: gr.Dropdown
    budget_table: gr.HTML
    budget_chart: gr.Plot
    budget_matrix: gr.HTML
    compare_item: gr.Dropdown
    compare_column: gr.Dropdown
    compare_table: gr.HTML
    compare_chart: gr.Plot
    download_area: gr.DownloadButton
    download_column: gr.DownloadButton
    download_cells: gr.DownloadButton
    goals_area: gr.Dropdown
    goals_owner: gr.Dropdown
    goals_aim: gr.Dropdown
    goals_search: gr.Textbox
    goals_reset: gr.Button
    goals_table: gr.HTML
    download_goals: gr.DownloadButton
    source_section: gr.Dropdown
    source_original: gr.Checkbox
    source_query: gr.Textbox
    source_hits: gr.HTML
    source_text: gr.HTML
    source_cited: gr.State
    feedback_problems: gr.Checkbox | None = None
    feedback_kind: gr.Dropdown | None = None
    feedback_search: gr.Textbox | None = None
    feedback_refresh: gr.Button | None = None
    feedback_table: gr.HTML | None = None
    download_feedback: gr.DownloadButton | None = None


def build_layout(handlers: Handlers, contact_html: str = "", feedback_view: bool = False) -> Components:
    """Create the page inside the current `gr.Blocks` context; initial values come from the handlers."""
    manifest = handlers.views.document.manifest
    gr.HTML(render_header(manifest, contact_html), elem_id="site-header", padding=False)
    gr.DownloadButton(
        f"{texts.HEADER_SOURCE_FILE} ({manifest.source})",
        value=str(manifest.source_path),
        size="sm",
        variant="secondary",
        elem_id="source-file",
    )
    session = gr.State(new_session())
    with gr.Tabs(elem_id="tabs", overflow_behavior="wrap") as tabs:
        with gr.Tab(texts.TAB_CHAT, id="kysy", elem_id="tab-kysy"):
            chat = _chat_tab(handlers)
        with gr.Tab(texts.TAB_BUDGET, id="talous", elem_id="tab-talous"):
            budget = _budget_tab(handlers)
        with gr.Tab(texts.TAB_GOALS, id="tavoitteet", elem_id="tab-tavoitteet"):
            goals = _goals_tab(handlers)
        with gr.Tab(texts.TAB_SOURCE, id="lahde", elem_id="tab-lahde"):
            source = _source_tab(handlers)
        staff: dict = {}
        if feedback_view:
            with gr.Tab(texts.TAB_FEEDBACK, id="palaute", elem_id="tab-palaute"):
                staff = _feedback_tab(handlers)
    gr.HTML(render_footer(contact_html), elem_id="site-footer", padding=False)
    return Components(tabs=tabs, session=session, **chat, **budget, **goals, **source, **staff)


def _chat_tab(handlers: Handlers) -> dict:
    chatbot = gr.Chatbot(
        label=texts.CHAT_LABEL,
        elem_id="chat",
        height="auto",  # grows with the answers: the page scrolls, never a box inside it
        render_markdown=False,  # messages are HTML built (and escaped) by ui.answer.render
        sanitize_html=True,
        latex_delimiters=[],
        feedback_options=None,
        buttons=[],  # Gradio's copy buttons copy raw HTML with English labels; each answer has its own
        placeholder=texts.CHAT_PLACEHOLDER,
        autoscroll=False,  # ui/assets/page.js scrolls to the start of each new answer instead
    )
    with gr.Column(visible=False, elem_id="comment-box") as comment_box:
        comment = gr.Textbox(
            label=texts.FEEDBACK_COMMENT_LABEL,
            placeholder=texts.FEEDBACK_COMMENT_PLACEHOLDER,
            lines=2,
            max_lines=5,
            max_length=500,
            elem_id="comment",
        )
        with gr.Row():
            comment_send = gr.Button(texts.FEEDBACK_COMMENT_SEND, variant="primary", size="sm", elem_id="comment-send")
            comment_skip = gr.Button(texts.FEEDBACK_COMMENT_SKIP, variant="secondary", size="sm", elem_id="comment-skip")
        gr.HTML(f'<p class="privacy-note">{texts.PRIVACY_NOTE}</p>', padding=False)
    status = gr.HTML("", elem_id="status", padding=False)
    with gr.Row(equal_height=True, elem_id="ask-row"):
        question = gr.Textbox(
            label=texts.QUESTION_LABEL,
            info=texts.QUESTION_INFO,
            placeholder=texts.QUESTION_PLACEHOLDER,
            lines=1,
            max_lines=4,
            scale=5,
            min_width=280,  # on a phone the button goes below the box instead of squeezing it
            elem_id="question",
        )
        ask = gr.Button(texts.ASK_BUTTON, variant="primary", scale=1, min_width=120, elem_id="ask")
    with gr.Row(elem_id="chat-actions"):
        copy_all = gr.Button(texts.COPY_CONVERSATION, size="sm", variant="secondary", scale=0, min_width=200, elem_id="copy-all")
        clear = gr.Button(texts.CLEAR_BUTTON, size="sm", variant="secondary", scale=0, min_width=200, elem_id="clear")
    gr.Markdown(texts.CONTEXT_NOTE, elem_id="context-note")
    gr.Markdown(f"## {texts.EXAMPLES_HEADING}")
    with gr.Row(elem_id="examples"):
        examples = tuple(gr.Button(example, size="sm", elem_classes=["example"]) for example in handlers.views.examples)
    # The bridge: page.js puts a value here (a question, a vote, a place in the plan) and clicks a hidden button.
    bridge = gr.Textbox(visible="hidden", elem_id="bridge")
    bridge_ask = gr.Button(visible="hidden", elem_id="bridge-ask")
    bridge_vote = gr.Button(visible="hidden", elem_id="bridge-vote")
    bridge_jump = gr.Button(visible="hidden", elem_id="bridge-jump")
    return {
        "chatbot": chatbot,
        "question": question,
        "ask": ask,
        "clear": clear,
        "copy_all": copy_all,
        "status": status,
        "examples": examples,
        "comment_box": comment_box,
        "comment": comment,
        "comment_send": comment_send,
        "comment_skip": comment_skip,
        "bridge": bridge,
        "bridge_ask": bridge_ask,
        "bridge_vote": bridge_vote,
        "bridge_jump": bridge_jump,
    }


def _budget_tab(handlers: Handlers) -> dict:
    budget = handlers.views.budget
    gr.Markdown(f"## {texts.TAB_BUDGET}\n\n{texts.BUDGET_INTRO}\n\n{texts.THOUSAND_NOTE}")
    areas = budget.area_choices()
    area = areas[0][1] if areas else ""
    items, item, table, figure = handlers.budget_items(area) if area else ([], "", "", None)
    with gr.Row():
        budget_area = gr.Dropdown(areas, value=area or None, label=texts.BUDGET_AREA, min_width=WIDE, elem_id="budget-area")
        budget_item = gr.Dropdown(items, value=item or None, label=texts.BUDGET_ITEM, min_width=WIDE, elem_id="budget-item")
    with gr.Row():
        with gr.Column(min_width=WIDE):
            budget_table = gr.HTML(table, elem_id="budget-table", padding=False)
        with gr.Column(min_width=WIDE):
            budget_chart = gr.Plot(figure, label=texts.BUDGET_SERIES_CHART, elem_id="budget-chart")
    gr.Markdown(f"## {texts.BUDGET_MATRIX_HEADING}")
    matrix_html, area_csv = handlers.budget_matrix(area) if area else ("", None)
    budget_matrix = gr.HTML(matrix_html, elem_id="budget-matrix", padding=False)

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
            compare_table = gr.HTML(compare_html, elem_id="compare-table", padding=False)
        with gr.Column(min_width=WIDE):
            compare_chart = gr.Plot(compare_figure, label=texts.BUDGET_COMPARE_CHART, elem_id="compare-chart")

    gr.Markdown(f"## {texts.DOWNLOADS_HEADING}\n\n{texts.DOWNLOADS_NOTE}")
    with gr.Row(elem_id="budget-downloads"):
        download_area = gr.DownloadButton(
            texts.DOWNLOAD_AREA.format(area=handlers.views.labels.area(area)),
            value=area_csv,
            size="sm",
            elem_id="download-area",
        )
        download_column = gr.DownloadButton(
            texts.DOWNLOAD_COLUMN.format(column=default_column or ""),
            value=handlers.column_csv(default_column) if default_column else None,
            size="sm",
            elem_id="download-column",
        )
        download_cells = gr.DownloadButton(texts.DOWNLOAD_CELLS, value=handlers.cells_csv(), size="sm", elem_id="download-cells")
    return {
        "budget_area": budget_area,
        "budget_item": budget_item,
        "budget_table": budget_table,
        "budget_chart": budget_chart,
        "budget_matrix": budget_matrix,
        "compare_item": compare_item,
        "compare_column": compare_column,
        "compare_table": compare_table,
        "compare_chart": compare_chart,
        "download_area": download_area,
        "download_column": download_column,
        "download_cells": download_cells,
    }


def _goals_tab(handlers: Handlers) -> dict:
    goals = handlers.views.goals
    labels = handlers.views.labels
    gr.Markdown(f"## {texts.TAB_GOALS}\n\n{texts.GOALS_INTRO}")
    with gr.Row():
        filters: dict[str, Any] = {"value": ALL, "min_width": WIDE}
        goals_area = gr.Dropdown(area_choices(goals, labels), label=texts.GOALS_AREA, elem_id="goals-area", **filters)
        goals_owner = gr.Dropdown(owner_choices(goals), label=texts.GOALS_OWNER, elem_id="goals-owner", **filters)
        goals_aim = gr.Dropdown(aim_choices(goals), label=texts.GOALS_AIM, elem_id="goals-aim", **filters)
        goals_search = gr.Textbox(label=texts.GOALS_SEARCH, min_width=WIDE, elem_id="goals-search")
    table, path = handlers.goals(ALL, ALL, ALL, "")
    with gr.Row(elem_id="goals-actions"):
        goals_reset = gr.Button(texts.GOALS_RESET, size="sm", variant="secondary", scale=0, min_width=200, elem_id="goals-reset")
        download_goals = gr.DownloadButton(texts.DOWNLOAD_GOALS, value=path, size="sm", scale=0, min_width=200, elem_id="download-goals")
    goals_table = gr.HTML(table, elem_id="goals-table", padding=False)
    return {
        "goals_area": goals_area,
        "goals_owner": goals_owner,
        "goals_aim": goals_aim,
        "goals_search": goals_search,
        "goals_reset": goals_reset,
        "goals_table": goals_table,
        "download_goals": download_goals,
    }


def _source_tab(handlers: Handlers) -> dict:
    gr.Markdown(f"## {texts.TAB_SOURCE}\n\n{texts.SOURCE_INTRO}")
    sections = section_choices(handlers.views.document)
    with gr.Row():
        source_section = gr.Dropdown(
            sections, value=WHOLE_PLAN, label=texts.SOURCE_SECTION, scale=3, min_width=WIDE, elem_id="source-section"
        )
        source_original = gr.Checkbox(False, label=texts.SOURCE_SHOW_ORIGINAL, scale=1, min_width=WIDE, elem_id="source-original")
    source_query = gr.Textbox(label=texts.SOURCE_SEARCH, info=texts.SOURCE_SEARCH_INFO, elem_id="source-query")
    source_hits = gr.HTML("", elem_id="source-hits", padding=False)
    source_text = gr.HTML(handlers.source(WHOLE_PLAN, False), elem_id="source-text", padding=False)
    return {
        "source_section": source_section,
        "source_original": source_original,
        "source_query": source_query,
        "source_hits": source_hits,
        "source_text": source_text,
        "source_cited": gr.State(""),
    }


def _feedback_tab(handlers: Handlers) -> dict:
    gr.Markdown(f"## {texts.TAB_FEEDBACK}\n\n{texts.FEEDBACK_VIEW_INTRO}")
    with gr.Row():
        feedback_problems = gr.Checkbox(True, label=texts.FEEDBACK_VIEW_PROBLEMS, min_width=WIDE, elem_id="feedback-problems")
        feedback_kind = gr.Dropdown(KIND_CHOICES, value="", label=texts.FEEDBACK_VIEW_KIND, min_width=WIDE, elem_id="feedback-kind")
        feedback_search = gr.Textbox(label=texts.FEEDBACK_VIEW_SEARCH, min_width=WIDE, elem_id="feedback-search")
    # Callables: the list is read again on every page load, not frozen when the app starts.
    with gr.Row():
        feedback_refresh = gr.Button(texts.FEEDBACK_VIEW_REFRESH, size="sm", scale=0, min_width=160, elem_id="feedback-refresh")
        download_feedback = gr.DownloadButton(
            texts.DOWNLOAD_FEEDBACK, value=lambda: handlers.feedback_list(True, "", "")[1], size="sm", scale=0, min_width=200,
            elem_id="download-feedback",
        )
    feedback_table = gr.HTML(lambda: handlers.feedback_list(True, "", "")[0], elem_id="feedback-table", padding=False)
    return {
        "feedback_problems": feedback_problems,
        "feedback_kind": feedback_kind,
        "feedback_search": feedback_search,
        "feedback_refresh": feedback_refresh,
        "feedback_table": feedback_table,
        "download_feedback": download_feedback,
    }
