"""WCAG 2.1 AA in a real Chromium: axe-core at 390, 768 and 1366 px in light and dark (0 violations of any
impact), visible focus and Finnish names on every control, 24 px targets, a keyboard-only question that
is followed into the plan, and the phone layout (no sideways scrolling, readable chart labels).

Screenshots of every tab at every size and scheme go to artifacts/screenshots/ (look at them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.browser import launch_chromium
from tests.ui.conftest import served
from tests.ui.pages import VIEWPORTS, ask, axe_violations, open_page, open_tab, screenshot
from ui import texts
from ui.handlers import AnswersQuestions

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TABS = (texts.TAB_CHAT, texts.TAB_BUDGET, texts.TAB_GOALS, texts.TAB_SOURCE)
# Names that libraries give their controls in English; none may reach a Finnish page.
ENGLISH = re.compile(r"^(copy|copied|clear|like|dislike|share|download|undo|retry|submit|settings|zoom|pan|reset|autoscale|fullscreen|remove|chatbot conversation)\b", re.I)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    yield from launch_chromium()


@pytest.fixture(scope="module")
def url(assistant: AnswersQuestions, browser: object) -> Iterator[str]:
    with served(assistant) as running:
        yield running


def _show_everything_on(page, tab: str, question: str) -> None:  # type: ignore[no-untyped-def]
    """Bring a tab into the state with the most to check (an answer with open details and source card)."""
    if tab == texts.TAB_CHAT:
        answer = ask(page, question)
        answer.locator("details.answer-more summary").click()
        answer.locator("details.source-card summary").first.click()
        ask(page, "Mitkä ovat uimahallin aukioloajat?")  # a not-found answer with its suggestions
    else:
        open_tab(page, tab)
        if tab == texts.TAB_BUDGET:  # charts draw after the tab opens
            page.locator("#compare-chart .js-plotly-plot g.trace.bars g.point").first.wait_for(timeout=20_000)
        page.wait_for_timeout(300)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_no_accessibility_violations_of_any_impact(browser, url: str, size: str, scheme: str, figure_question: str) -> None:  # type: ignore[no-untyped-def]
    width, height = VIEWPORTS[size]
    page = open_page(browser, url, width, height, scheme)
    found = {}
    for tab in TABS:
        _show_everything_on(page, tab, figure_question)
        found[tab] = axe_violations(page)
        # The whole plan is thousands of pixels tall: its first screen is what to look at.
        screenshot(page, f"{tab.lower().replace('ä', 'a')}-{width}-{scheme}", full_page=tab != texts.TAB_SOURCE)
    assert page.evaluate("document.body.classList.contains('dark') || document.querySelector('.dark') !== null") == (scheme == "dark")
    page.context.close()
    assert found == {tab: [] for tab in TABS}


@pytest.mark.parametrize("width", [360, 390, 414])
def test_every_tab_fits_a_phone_without_sideways_scrolling(browser, url: str, width: int, figure_question: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, url, width, 800)
    for tab in TABS:
        _show_everything_on(page, tab, figure_question)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, tab
        if tab == texts.TAB_BUDGET:
            sizes = page.evaluate(
                "[...document.querySelectorAll('.js-plotly-plot text')].filter(t => t.textContent.trim())"
                ".map(t => parseFloat(getComputedStyle(t).fontSize))"
            )
            assert sizes and min(sizes) >= 12, sorted(sizes)[:5]
    # The heading breaks between words only: each of its words is on one line.
    words = page.evaluate(
        """() => { const h = document.querySelector('#site-header h1'); const text = h.firstChild; const out = [];
           const re = /\\S+/g; let m; while ((m = re.exec(text.data))) { const r = document.createRange();
           r.setStart(text, m.index); r.setEnd(text, m.index + m[0].length); out.push(r.getClientRects().length); } return out; }"""
    )
    assert words and set(words) == {1}
    page.context.close()


def test_every_control_has_a_visible_focus_ring_a_finnish_name_and_a_24px_target(browser, url: str, figure_question: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, url, 1366, 768)
    ask(page, figure_question)
    page.locator("#chat details.source-card summary").first.click()
    problems = page.evaluate(
        """() => {
          const out = [];
          const controls = [...document.querySelectorAll('button, a[href], summary, textarea, input, [role="tab"]')]
            .filter(e => e.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true}) && e.getClientRects().length);
          for (const e of controls) {
            const name = (e.getAttribute('aria-label') || e.innerText || e.value || e.title || '').trim();
            const r = e.getBoundingClientRect();
            const inline = e.tagName === 'A' && getComputedStyle(e).display === 'inline';
            if (!inline && e.tagName !== 'INPUT' && e.tagName !== 'TEXTAREA' && (r.width < 24 || r.height < 24)) out.push(['small', e.outerHTML.slice(0, 80), r.width, r.height]);
            if (['BUTTON', 'A', 'SUMMARY'].includes(e.tagName) && !name) out.push(['unnamed', e.outerHTML.slice(0, 80)]);
            if (name) out.push(['name', name.slice(0, 40)]);
          }
          return out;
        }"""
    )
    assert [p for p in problems if p[0] != "name"] == [], [p for p in problems if p[0] != "name"]
    names = [p[1] for p in problems if p[0] == "name"]
    assert [name for name in names if ENGLISH.match(name)] == []
    # Tab through the page: every focused control shows a ring of at least 2 px (outline or box shadow).
    unringed = []
    page.locator("body").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        ring = page.evaluate(
            """() => { const e = document.activeElement; if (!e || e === document.body) return null;
               const s = getComputedStyle(e); const outline = s.outlineStyle !== 'none' ? parseFloat(s.outlineWidth) : 0;
               return [e.tagName + (e.id ? '#' + e.id : '') + '.' + (e.className || ''), outline, s.boxShadow]; }"""
        )
        if ring and ring[1] < 2 and ring[2] in ("none", ""):
            unringed.append(ring[0])
    assert unringed == []
    page.context.close()


def test_keyboard_only_ask_open_a_source_and_follow_it_to_the_plan(browser, url: str, figure_question: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, url, 1366, 768)
    page.keyboard.press("Tab")  # the first stop is the skip link
    assert page.evaluate("document.activeElement.textContent") == texts.SKIP_TO_QUESTION
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('#question') !== null")
    page.keyboard.type(figure_question)
    page.keyboard.press("Enter")
    page.locator("#chat .answer").first.wait_for(timeout=60_000)

    def tab_to(selector: str, key: str = "Tab", limit: int = 80) -> None:
        for _ in range(limit):
            page.keyboard.press(key)
            if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"{key} never reached {selector}")

    # The answer is above the question box: back up to its source card, open it, then on to its link.
    tab_to("#chat details.source-card summary", "Shift+Tab")
    page.keyboard.press("Enter")  # opens the card
    assert page.locator("#chat details.source-card").first.get_attribute("open") is not None
    tab_to("#chat details.source-card a.source-jump")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('#source-text li.cited')")
    assert page.locator('[role="tab"][aria-selected="true"]').inner_text().strip() == texts.TAB_SOURCE
    assert "Toimintakulut" in page.evaluate("document.activeElement.textContent")
    screenshot(page, "keyboard-lahde", full_page=False)
    page.context.close()
