"""The Gradio app: layout plus events around one assistant, and the options it is served with."""

from __future__ import annotations

from typing import Any

import gradio as gr

from ui import texts
from ui.events import register_events
from ui.handlers import AnswersQuestions, Handlers, Views
from ui.layout import build_layout
from ui.theme import CSS, HEAD, build_theme


def build_app(assistant: AnswersQuestions, concurrency: int = 1, max_queue: int | None = None) -> gr.Blocks:
    """The page for `assistant` (views of its corpus are computed once, here); at most `max_queue` events wait."""
    handlers = Handlers(assistant=assistant, views=Views.from_corpus(assistant.corpus))
    # delete_cache: any temporary file Gradio makes for a session is removed within two hours.
    with gr.Blocks(title=texts.PAGE_TITLE, analytics_enabled=False, delete_cache=(3600, 3600)) as app:
        components = build_layout(handlers)
        register_events(components, handlers, concurrency=concurrency)
    app.queue(default_concurrency_limit=concurrency, max_size=max_queue)
    return app


def page_options() -> dict[str, Any]:
    """How the page is served (`gr.mount_gradio_app` keywords): theme, CSS, head, footer, no error traces."""
    return {
        "footer_links": ["api", "settings"],
        "theme": build_theme(),
        "css": CSS,
        "head": HEAD,
        "show_error": False,  # errors reach the page as Finnish messages from the handlers, never as traces
    }
