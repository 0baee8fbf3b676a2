"""Look and accessibility of the page: theme colours with enough contrast, CSS, and the page language."""

from __future__ import annotations

import gradio as gr

# Dark blue with white text passes WCAG AA contrast (the default orange does not).
PRIMARY = "#1f5f99"
PRIMARY_HOVER = "#174a78"


def build_theme() -> gr.themes.Base:
    """The default theme with accessible primary colours and system fonts (nothing fetched from the web)."""
    return gr.themes.Default(
        primary_hue=gr.themes.colors.blue,
        font=("system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"),
        font_mono=("ui-monospace", "DejaVu Sans Mono", "monospace"),
    ).set(
        button_primary_background_fill=PRIMARY,
        button_primary_background_fill_hover=PRIMARY_HOVER,
        button_primary_background_fill_dark=PRIMARY,
        button_primary_background_fill_hover_dark=PRIMARY_HOVER,
        button_primary_text_color="white",
        button_primary_text_color_dark="white",
        button_primary_border_color=PRIMARY,
        button_primary_border_color_dark=PRIMARY,
        link_text_color=PRIMARY,
    )


# The page is Finnish: screen readers pick their voice from <html lang>. Gradio also labels every chat
# message with its raw content (our HTML source); that label is dropped so the rendered text is read instead.
HEAD = """<script>
document.documentElement.lang = 'fi';
new MutationObserver(() => {
  document.querySelectorAll('[data-testid="bot"][aria-label], [data-testid="user"][aria-label]')
    .forEach((element) => element.removeAttribute('aria-label'));
}).observe(document.documentElement, {subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label']});
</script>"""

CSS = """
.answer p { margin: 0.25em 0; }
.answer-error { border-left: 4px solid #a4262c; padding-left: 0.6em; }
.answer .owners { margin-top: 0.5em; }
.answer table.figures { border-collapse: collapse; margin: 0.6em 0; font-size: 0.95em; }
.answer table.figures caption { text-align: left; font-weight: 600; padding-bottom: 0.2em; }
.answer table.figures th, .answer table.figures td { border: 1px solid #8a8a8a; padding: 0.25em 0.5em; text-align: left; }
.answer td.num, .budget-table td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
/* Phones: each figure row becomes a small card of "column: value" lines instead of a squeezed table. */
.answer .cell-label { display: none; }
@media (max-width: 640px) {
  .answer table.figures thead { display: none; }
  .answer table.figures, .answer table.figures caption, .answer table.figures tbody,
  .answer table.figures tr, .answer table.figures td { display: block; }
  .answer table.figures tr { border: 1px solid #8a8a8a; margin-bottom: 0.4em; }
  .answer table.figures td { border: none; text-align: left; white-space: normal; }
  .answer .cell-label { display: inline; font-weight: 600; }
}
.sources { margin-top: 0.6em; }
.sources-title { margin-bottom: 0.2em; }
details.source-card { border: 1px solid #8a8a8a; border-radius: 6px; padding: 0.3em 0.6em; margin: 0.3em 0; }
details.source-card summary { cursor: pointer; }
details.source-card .source-n { font-weight: 700; }
details.source-card blockquote { margin: 0.4em 0; padding-left: 0.6em; border-left: 3px solid #8a8a8a; }
details.source-card .source-meta { font-size: 0.9em; }
mark { background: #fff0a0; color: #111111; padding: 0 0.1em; border-radius: 2px; }
.suggestions ul { margin: 0.2em 0 0.4em 1.2em; }
.budget-table, .goals-table { border-collapse: collapse; width: 100%; }
.budget-table caption, .goals-table caption { text-align: left; font-weight: 600; padding: 0.3em 0; }
.budget-table th, .budget-table td, .goals-table th, .goals-table td {
  border: 1px solid #8a8a8a; padding: 0.3em 0.5em; text-align: left; vertical-align: top;
}
.table-scroll { overflow-x: auto; }
.table-scroll:focus { outline: 3px solid #1f5f99; outline-offset: 2px; }
.goals-table { min-width: 720px; }
.goals-table ul { margin: 0; padding-left: 1.1em; }
.source-scroll { max-height: 70vh; overflow: auto; border: 1px solid #8a8a8a; border-radius: 6px; }
.source-scroll:focus { outline: 3px solid #1f5f99; outline-offset: 2px; }
ol.source-text { font-family: var(--font-mono); font-size: 0.92em; padding-left: 4.5em; margin: 0.5em 0; }
ol.source-text li { white-space: pre-wrap; }
/* Gradio's footer links are light grey (1.9:1); WCAG AA needs 4.5:1. */
footer .show-api, footer .settings, footer a { color: #4a4a55 !important; }
ol.source-text li::marker { color: #4a4a4a; }
"""
