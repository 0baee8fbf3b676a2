"""The page's header and footer: which plan this is, what the assistant can do, who to ask, and the
accessibility and privacy statements. Pure functions of the manifest and the configured contact."""

from __future__ import annotations

import html

from corpus.manifest import Manifest
from ui import texts
from ui.answer.render import jump_href
from ui.views.source import WHOLE_PLAN


def page_title(manifest: Manifest) -> str:
    """The browser tab's title."""
    return texts.PAGE_TITLE.format(title=manifest.title, municipality=manifest.municipality)


def render_header(manifest: Manifest, contact_html: str) -> str:
    """Title, organisation, town and year; what the assistant does; the plan, a disclaimer and a contact."""
    meta = texts.HEADER_META.format(municipality=manifest.municipality, organisation=manifest.organisation, year=manifest.year)
    return (
        f'<header class="site-header">'
        f'<a class="skip-link" href="#question">{texts.SKIP_TO_QUESTION}</a>'
        f'<p class="site-meta">{html.escape(meta)}</p>'
        f"<h1>{html.escape(manifest.title)}</h1>"
        f'<p class="site-what">{html.escape(texts.HEADER_WHAT)}</p>'
        f'<p class="site-disclaimer">{html.escape(texts.HEADER_DISCLAIMER)} '
        f'<a class="source-jump" href="{jump_href(WHOLE_PLAN)}">{texts.HEADER_PLAN_LINK}</a>.</p>'
        f'<p class="site-contact"><strong>{texts.HEADER_CONTACT_LEAD}</strong> {contact_html}</p>'
        "</header>"
    )


def render_footer(contact_html: str) -> str:
    """The accessibility statement and the privacy note, folded."""
    return (
        '<footer class="site-footer">'
        f"<details><summary>{texts.FOOTER_ACCESSIBILITY_TITLE}</summary>"
        f"<p>{html.escape(texts.FOOTER_ACCESSIBILITY).replace('{contact}', contact_html)}</p></details>"
        f"<details><summary>{texts.FOOTER_PRIVACY_TITLE}</summary><p>{html.escape(texts.PRIVACY_NOTE)}</p></details>"
        f'<p><a href="{texts.API_DOCS_URL}">{texts.FOOTER_API}</a></p>'
        "</footer>"
    )
