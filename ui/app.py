"""The Gradio app: layout plus events around one assistant, and how it is launched."""

from __future__ import annotations

import gradio as gr

from ui import texts
from ui.events import register_events
from ui.handlers import AnswersQuestions, Handlers, Views
from ui.layout import build_layout
from ui.theme import CSS, HEAD, build_theme

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860


def build_app(assistant: AnswersQuestions, concurrency: int = 1) -> gr.Blocks:
    """The page for `assistant` (views of its corpus are computed once, here)."""
    handlers = Handlers(assistant=assistant, views=Views.from_corpus(assistant.corpus))
    with gr.Blocks(title=texts.PAGE_TITLE, analytics_enabled=False) as app:
        components = build_layout(handlers)
        register_events(components, handlers, concurrency=concurrency)
    app.queue(default_concurrency_limit=concurrency)
    return app


def launch(
    app: gr.Blocks,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    block: bool = True,
    quiet: bool = False,
) -> str:
    """Serve `app` on host:port without share links; returns the local URL (blocks unless `block=False`)."""
    _, url, _ = app.launch(
        server_name=host,
        server_port=port,
        share=False,
        prevent_thread_lock=not block,
        show_error=False,  # errors reach the page as Finnish messages from the handlers, never as traces
        quiet=quiet,
        footer_links=["api", "settings"],
        theme=build_theme(),
        css=CSS,
        head=HEAD,
    )
    return url
