"""The app in a real headless Chromium: ask, read the source card and figure, browse the tabs, axe-core.

Needs Debian's `chromium` (apt-get install chromium chromium-driver) and axe-core (npm ci --prefix tests/ui).
Without them these tests skip, unless KAYTTO_REQUIRE_BROWSER=1 (CI), where they fail instead.
Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest

from assistant.language.cleaning import MAX_QUESTION_CHARS
from tests.ui.conftest import served
from ui import texts
from ui.handlers import AnswersQuestions
from tests.browser import launch_chromium, require

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ANSWER_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    yield from launch_chromium()


@pytest.fixture(scope="module")
def url(assistant: AnswersQuestions, browser: object) -> Iterator[str]:
    with served(assistant) as running:
        yield running


@pytest.fixture
def page(browser, url: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 1000})
    opened = context.new_page()
    opened.requests = []  # every URL the page fetched: all of them must be the local server
    opened.on("request", lambda request: opened.requests.append(request.url))
    opened.goto(url)
    opened.wait_for_selector("#question textarea")
    yield opened
    context.close()


def screenshot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def ask(page, question: str) -> None:  # type: ignore[no-untyped-def]
    """Type a question, send it with the button and wait for the assistant's reply."""
    replies = page.locator('#chat [data-testid="bot"]').count()
    page.fill("#question textarea", question)
    page.click("#ask")
    page.locator('#chat [data-testid="bot"]').nth(replies).wait_for(timeout=ANSWER_TIMEOUT_MS)


def open_tab(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("tab", name=name).click()


def choose(page, dropdown_id: str, option: str) -> None:  # type: ignore[no-untyped-def]
    """Pick an option of a Gradio dropdown the way a user does."""
    page.click(f"#{dropdown_id} input")
    page.locator(f"#{dropdown_id}").get_by_role("option", name=option, exact=True).click()


def test_question_gets_an_answer_with_a_source_card_and_a_figure(page, url: str, figure_question: str) -> None:  # type: ignore[no-untyped-def]
    ask(page, figure_question)
    assert page.locator('#chat [data-testid="user"]').inner_text().strip() == figure_question
    card = page.locator("#chat details.source-card").first
    summary = card.locator("summary").inner_text()
    assert re.match(r"\[1\] .+ \(rivit? \d+(–\d+)?\)$", summary.strip()), summary
    quote = card.locator("blockquote")
    assert not quote.is_visible()  # cards start closed
    card.locator("summary").click()
    assert quote.is_visible() and quote.inner_text().strip()
    figure_cells = page.locator("#chat table.figures tbody tr").first.locator("td").all_inner_texts()
    assert len(figure_cells) == 5 and re.fullmatch(r"−?\d{1,3}( \d{3})* €", figure_cells[-1].strip())
    screenshot(page, "kysy")
    assert all(request.startswith(url) for request in page.requests), "the page fetched something from outside"


@pytest.mark.parametrize("markup", ['<img src=x onerror="window.__pwned=1">', "<script>window.__pwned=1</script>"])
def test_markup_in_a_question_shows_as_text(page, markup: str) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    ask(page, f"Paljonko {markup} maksaa?")
    assert page.locator('#chat [data-testid="user"]').inner_text().strip() == f"Paljonko {markup} maksaa?"
    assert page.evaluate("window.__pwned") is None and dialogs == []
    assert page.locator("#chat img").count() == 0


def test_too_long_question_shows_the_limit_message(page) -> None:  # type: ignore[no-untyped-def]
    ask(page, "a" * (MAX_QUESTION_CHARS + 1))
    alert = page.locator('#chat [role="alert"]')
    assert str(MAX_QUESTION_CHARS) in alert.inner_text() and "Traceback" not in page.content()


def test_example_question_is_asked_on_click(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("#examples button").first.click()
    page.locator('#chat [data-testid="bot"]').first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert page.locator('#chat [data-testid="user"]').inner_text().strip() == texts.EXAMPLE_QUESTIONS[0]


def test_budget_tab_draws_the_chart_and_follows_the_area(page) -> None:  # type: ignore[no-untyped-def]
    open_tab(page, texts.TAB_BUDGET)
    bars = page.locator("#budget-chart .js-plotly-plot g.trace.bars g.point")
    bars.first.wait_for(timeout=20_000)
    values = page.locator("#budget-table td.num").all_inner_texts()[::2]  # euros column (the other is the line)
    assert bars.count() == sum(1 for value in values if value != texts.BUDGET_MISSING) == 5
    caption_before = page.locator("#budget-table caption").inner_text()
    choose(page, "budget-area", "Varhaiskasvatus")
    page.wait_for_function(
        "before => document.querySelector('#budget-table caption')?.innerText !== before", arg=caption_before
    )
    assert page.locator("#budget-table caption").inner_text().startswith("Varhaiskasvatus: ")
    page.wait_for_function(
        "() => document.querySelector('#budget-chart .gtitle')?.textContent.startsWith('Varhaiskasvatus: ')"
        " && !document.querySelector('#budget-chart .pending, #budget-table .pending')"
    )
    compare_bars = page.locator("#compare-chart .js-plotly-plot g.trace.bars g.point")
    assert compare_bars.count() >= 2
    screenshot(page, "talous")


def test_goals_tab_filters_by_owner(page) -> None:  # type: ignore[no-untyped-def]
    open_tab(page, texts.TAB_GOALS)
    rows = page.locator("#goals-table tbody tr")
    rows.first.wait_for()
    total = rows.count()
    owner = page.locator("#goals-table tbody tr td:nth-child(6)").first.inner_text().strip().splitlines()[0]
    choose(page, "goals-owner", owner)
    page.wait_for_function("total => document.querySelectorAll('#goals-table tbody tr').length < total", arg=total)
    assert all(owner in text for text in page.locator("#goals-table tbody tr td:nth-child(6)").all_inner_texts())
    page.locator("#goals-owner [role=listbox]").wait_for(state="detached")  # the list has closed
    screenshot(page, "tavoitteet")


def test_source_tab_toggles_the_original_ocr_text(page) -> None:  # type: ignore[no-untyped-def]
    open_tab(page, texts.TAB_SOURCE)
    page.locator("#source-text ol.source-text li").first.wait_for()
    repaired = page.locator("#source-text ol.source-text").inner_text()
    page.get_by_label(texts.SOURCE_SHOW_ORIGINAL).check()
    page.wait_for_function(
        "caption => document.querySelector('#source-text .source-caption')?.innerText.startsWith(caption)",
        arg=texts.SOURCE_ORIGINAL_CAPTION,
    )
    original = page.locator("#source-text ol.source-text").inner_text()
    assert original != repaired and len(original.splitlines()) == len(repaired.splitlines())
    screenshot(page, "lahde")


@pytest.mark.parametrize("tab", [texts.TAB_CHAT, texts.TAB_BUDGET, texts.TAB_GOALS, texts.TAB_SOURCE])
def test_no_serious_accessibility_violations(page, tab: str, figure_question: str) -> None:  # type: ignore[no-untyped-def]
    require(AXE.is_file(), f"{AXE} is missing: npm ci --prefix tests/ui")
    if tab == texts.TAB_CHAT:
        ask(page, figure_question)  # check the answer, its figure table and an open source card too
        page.locator("#chat details.source-card summary").first.click()
    else:
        open_tab(page, tab)
        page.wait_for_timeout(500)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
        }""",
        WCAG_21_AA,
    )
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    assert page.evaluate("document.documentElement.lang") == "fi"
