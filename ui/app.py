"""The Gradio app: layout plus events around one assistant, and the options it is served with."""

from __future__ import annotations

import logging
from typing import Any

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


def build_app(
    assistant: AnswersQuestions,
    concurrency: int = 1,
    max_queue: int | None = None,
    settings: Settings | None = None,
    feedback_store: FeedbackStore | None = None,
) -> gr.Blocks:
    """The page for `assistant` (views of its corpus are computed once, here); at most `max_queue` events wait.

    `settings` (default: the assistant's own) gives the contact and the feedback database; without any,
    feedback goes to an in-memory database (tests, fakes).
    """
    settings = settings or getattr(assistant, "settings", None)
    ui_settings = settings.ui if isinstance(settings, Settings) else None
    contact = Contact(ui_settings.contact_text, ui_settings.contact_url) if ui_settings else Contact()
    views = Views.from_corpus(assistant.corpus, contact=contact)
    store = feedback_store or open_feedback_store(settings)
    handlers = Handlers(assistant=assistant, views=views, feedback_store=store)
    # delete_cache: any temporary file Gradio makes for a session is removed within two hours.
    with gr.Blocks(title=page_title(views.document.manifest), analytics_enabled=False, delete_cache=(3600, 3600)) as app:
        components = build_layout(
            handlers, contact_html(views.context), feedback_view=bool(ui_settings and ui_settings.feedback_view)
        )
        register_events(components, handlers, concurrency=concurrency)
    app.queue(default_concurrency_limit=concurrency, max_size=max_queue)
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


def page_options() -> dict[str, Any]:
    """How the page is served (`gr.mount_gradio_app` keywords): theme, CSS, head, footer, no error traces."""
    return {
        # No Gradio footer: its "Settings" is English and its "API" page is not the documented /api/docs
        # (the page's own footer links to that).
        "footer_links": [],
        "theme": build_theme(),
        "css": CSS,
        "head": HEAD,
        "show_error": False,  # errors reach the page as Finnish messages from the handlers, never as traces
    }
