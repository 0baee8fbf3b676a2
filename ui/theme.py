"""Look and accessibility of the page: theme colours with enough contrast, the CSS and the page script
(ui/assets/), and the Finnish strings the script shows."""

from __future__ import annotations

import json
from pathlib import Path

import gradio as gr

from ui import texts

ASSETS = Path(__file__).resolve().parent / "assets"
# Dark blue with white text passes WCAG AA contrast (the default orange does not).
PRIMARY = "#1f5f99"
PRIMARY_HOVER = "#174a78"

# Plotly's toolbar names its buttons in English; page.js renames them.
PLOTLY_FI = {
    "Download plot as a png": "Lataa kaavio PNG-kuvana",
    "Download plot": "Lataa kaavio",
    "Zoom": "Suurenna alue",
    "Pan": "Siirrä",
    "Box Select": "Valitse alue",
    "Lasso Select": "Valitse vapaasti",
    "Zoom in": "Lähennä",
    "Zoom out": "Loitonna",
    "Autoscale": "Sovita näkymä",
    "Reset axes": "Palauta akselit",
    "Toggle Spike Lines": "Apuviivat päälle tai pois",
    "Show closest data on hover": "Näytä lähin arvo",
    "Compare data on hover": "Vertaa arvoja",
    "Produced with Plotly.js": "Tehty Plotly.js-kirjastolla",
}
# Gradio's own English labels that can reach the page.
GRADIO_FI = {
    "Clear": "Tyhjennä",
    "Copy": "Kopioi",
    "Copied!": "Kopioitu",
    "Copy message": "Kopioi viesti",
    "Download": "Lataa",
    "Fullscreen": "Koko näyttö",
    "Exit fullscreen mode": "Poistu koko näytöstä",
    "Remove": "Poista",
    "chatbot conversation": "Keskustelu",
}


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
        link_text_color_dark="#9cc3ff",
    )


def script_texts() -> dict[str, object]:
    """The Finnish strings page.js shows (copied conversation labels, status lines, toolbar names)."""
    return {
        "question": texts.COPY_QUESTION_LABEL,
        "answer": texts.COPY_ANSWER_LABEL,
        "copied": texts.COPIED,
        "copyFailed": texts.COPY_FAILED,
        "plotly": PLOTLY_FI,
        "gradio": GRADIO_FI,
    }


def _head() -> str:
    strings = json.dumps(script_texts(), ensure_ascii=False).replace("</", "<\\/")
    script = (ASSETS / "page.js").read_text(encoding="utf-8")
    return f"<script>window.kayttoTexts = {strings};</script>\n<script>\n{script}\n</script>"


# The page is Finnish: screen readers pick their voice from <html lang> (set first thing by page.js).
HEAD = _head()
CSS = (ASSETS / "page.css").read_text(encoding="utf-8")
