"""The Gradio app: layout plus events around one assistant, and how it is launched."""

from __future__ import annotations

import logging

import gradio as gr

from assistant.settings import Settings
from ui.answer.context import Contact
from ui.answer.render import contact_html
from ui.errors import UIError
from ui.events import register_events
from ui.feedback.store import FeedbackStore, app_version, default_url
from ui.handlers import AnswersQuestions, Handlers, Views
from ui.layout import build_layout
from ui.theme import CSS, HEAD, build_theme
from ui.views.page import page_title

logger = logging.getLogger(__name__)
IN_MEMORY = "sqlite://"

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860


def build_app(
    assistant: AnswersQuestions,
    concurrency: int = 1,
    settings: Settings | None = None,
    feedback_store: FeedbackStore | None = None,
) -> gr.Blocks:
    """The page for `assistant` (views of its corpus are computed once, here).

    `settings` (default: the assistant's own) gives the contact and the feedback database; without any,
    feedback goes to an in-memory database (tests, fakes).
    """
    settings = settings or getattr(assistant, "settings", None)
    ui_settings = settings.ui if isinstance(settings, Settings) else None
    contact = Contact(ui_settings.contact_text, ui_settings.contact_url) if ui_settings else Contact()
    views = Views.from_corpus(assistant.corpus, contact=contact)
    store = feedback_store or open_feedback_store(settings)
    handlers = Handlers(assistant=assistant, views=views, feedback_store=store)
    with gr.Blocks(title=page_title(views.document.manifest), analytics_enabled=False) as app:
        components = build_layout(
            handlers, contact_html(views.context), feedback_view=bool(ui_settings and ui_settings.feedback_view)
        )
        register_events(components, handlers, concurrency=concurrency)
    app.queue(default_concurrency_limit=concurrency)
    return app


def open_feedback_store(settings: Settings | None) -> FeedbackStore | None:
    """The configured feedback database (SQLite under the data dir by default); None when it cannot open.

    A page without feedback still answers: voting then says, in Finnish, that feedback could not be saved.
    """
    if not isinstance(settings, Settings):
        return FeedbackStore.open(IN_MEMORY, app_version())
    url = settings.ui.feedback_db or default_url(settings.index.data_dir)
    try:
        return FeedbackStore.open(url, app_version())
    except UIError as exc:
        logger.warning("feedback disabled: %s", exc)
        return None


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
        footer_links=[],  # no Gradio "Settings" (English) nor the undocumented Gradio API page
        theme=build_theme(),
        css=CSS,
        head=HEAD,
    )
    return url
