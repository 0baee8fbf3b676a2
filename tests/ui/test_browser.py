"""The app in a real headless Chromium, as a resident uses it: the landing, an answer and its source
followed into the plan, copying, feedback into the database, the CSV downloads, search and filters.

Needs Debian's `chromium` (apt-get install chromium chromium-driver) and axe-core (npm ci --prefix tests/ui).
Without them these tests skip, unless KAYTTO_REQUIRE_BROWSER=1 (CI), where they fail instead.
Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.language.cleaning import MAX_QUESTION_CHARS
from assistant.service import Assistant
from assistant.settings import UISettings
from corpus.store import load_corpus
from tests.browser import launch_chromium
from tests.ui.conftest import served
from tests.ui.pages import ANSWER_TIMEOUT_MS, ask, choose, open_page, open_tab, screenshot
from ui import texts
from ui.downloads import ENCODING
from ui.feedback.store import FeedbackFilter, FeedbackStore, default_url
from ui.handlers import AnswersQuestions

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CELLS = {(c.table_title, c.area, c.item, c.column.label): c for c in load_corpus().cells}


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    yield from launch_chromium()


@pytest.fixture(scope="module")
def url(assistant: AnswersQuestions, browser: object) -> Iterator[str]:
    with served(assistant) as running:
        yield running


@pytest.fixture
def page(browser, url: str):  # type: ignore[no-untyped-def]
    opened = open_page(browser, url)
    yield opened
    opened.context.close()


@pytest.fixture
def feedback(assistant: AnswersQuestions) -> FeedbackStore:
    """The database the served app writes its feedback to (under the test data dir)."""
    return FeedbackStore.open(default_url(assistant.settings.index.data_dir))  # type: ignore[attr-defined]


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_the_landing_does_not_scroll_and_says_whose_plan_this_is(browser, url: str, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, url, width, height)
    page.wait_for_timeout(500)
    assert page.evaluate("window.scrollY") == 0
    header = page.locator("#site-header").inner_text()
    for part in ("Hyvinvointilautakunnan toimialan käyttösuunnitelma 2024", "Heinola", "Hyvinvointilautakunta", "2024",
                 texts.HEADER_DISCLAIMER, texts.HEADER_CONTACT_LEAD):
        assert part in header
    assert page.get_by_role("link", name=texts.HEADER_PLAN_LINK).is_visible()
    assert page.locator("#source-file").is_visible()
    if width > 1000:  # on a desktop the question box is in the first screen
        box = page.locator("#question textarea").bounding_box()
        assert box is not None and box["y"] + box["height"] <= height
    footer = page.locator("footer").all_inner_texts()
    assert not any(word in " ".join(footer) for word in ("Settings", "Asetukset", "API"))
    assert page.evaluate("document.documentElement.lang") == "fi"
    assert page.get_by_role("tab", name=texts.TAB_FEEDBACK).count() == 0  # the staff view is off by default
    screenshot(page, f"landing-{width}", full_page=False)
    page.context.close()


def test_an_answer_leads_with_its_figure_and_its_source_opens_the_plan_at_the_cited_line(page, url: str, figure_question: str) -> None:  # type: ignore[no-untyped-def]
    answer = ask(page, figure_question)
    assert page.locator('#chat [data-testid="user"]').inner_text().strip() == figure_question
    lead = answer.locator(".answer-lead").inner_text()
    assert re.fullmatch(r"Varhaiskasvatus: toimintakulut ovat vuoden 2024 talousarviossa 8 409 500 €\. \[1\]", lead), lead
    assert_start_in_view(page, answer)
    assert not answer.locator("table.figures").is_visible()  # details start folded
    card = answer.locator("details.source-card").first
    summary = card.locator("summary").inner_text()
    assert re.match(r"\[1\] .+ \(rivit? \d+(–\d+)?\)$", summary.strip()), summary
    card.locator("summary").click()
    headers = card.locator("table.cited-row tbody th").all_inner_texts()
    assert headers == ["TP 2022", "TA 2023", "TA 2024", "TS 2025", "TS 2026"]
    assert card.locator("table.cited-row mark").inner_text() == "−8 409 500"
    line = int(re.search(r"rivi (\d+)", summary).group(1))  # type: ignore[union-attr]
    card.locator("a.source-jump").click()
    cited = page.locator(f"#source-text li#rivi-{line}")
    cited.wait_for()
    page.wait_for_function(f"() => document.activeElement && document.activeElement.id === 'rivi-{line}'")
    assert page.locator('[role="tab"][aria-selected="true"]').inner_text().strip() == texts.TAB_SOURCE
    assert "cited" in (cited.get_attribute("class") or "") and "Toimintakulut" in cited.inner_text()
    box, viewport = cited.bounding_box(), page.viewport_size
    assert box is not None and 0 <= box["y"] <= viewport["height"] - box["height"]
    assert page.locator("#source-section input").input_value().startswith("Palvelualuettaiset laskelmat")
    page.get_by_label(texts.SOURCE_SHOW_ORIGINAL).check()  # the original OCR beside it, still highlighted
    page.locator(f"#source-text li#rivi-{line}.cited .line-original").wait_for()
    screenshot(page, "lahde-cited", full_page=False)
    assert all(request.startswith(url) for request in page.requests), "the page fetched something from outside"


def assert_start_in_view(page, answer) -> None:  # type: ignore[no-untyped-def]
    """The answer's first line is on screen: near the top, or as far up as the page can scroll."""
    top, at_bottom = page.evaluate(
        "e => [e.getBoundingClientRect().top, scrollY + innerHeight >= document.documentElement.scrollHeight - 2]",
        answer.element_handle(),
    )
    assert 0 <= top < page.viewport_size["height"] / 2 and (top < 120 or at_bottom), (top, at_bottom)


def test_a_long_answer_on_a_phone_scrolls_to_its_first_line_not_its_end(browser, url: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, url, 390, 844)
    ask(page, "Paljonko varhaiskasvatuksen toimintakulut ovat vuonna 2024?")
    answer = ask(page, "Mitä tavoitteita koulutusjohtajalla on?")  # four goals
    height = answer.evaluate("e => e.getBoundingClientRect().height")
    assert height > 844  # longer than the screen
    top = answer.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < 120, top
    # No scroll box inside the page: the chat grows with its answers.
    assert page.evaluate("[...document.querySelectorAll('#chat, #chat *')].every(e => e.scrollHeight <= e.clientHeight + 2 || getComputedStyle(e).overflowY === 'visible')")
    screenshot(page, "kysy-phone-long", full_page=False)
    page.context.close()


def test_copy_gives_plain_text_and_the_conversation_has_finnish_labels(page, figure_question: str) -> None:  # type: ignore[no-untyped-def]
    answer = ask(page, figure_question)
    answer.locator("button.copy-answer").click()
    page.wait_for_function("() => window.kaytto.copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "<" not in copied and copied.startswith("Varhaiskasvatus: toimintakulut")
    assert re.search(r"^\[1\] .+, rivit? \d+.*: ”Toimintakulut", copied, re.M), copied
    page.click("#copy-all")
    page.wait_for_function("() => window.kaytto.copied && window.kaytto.copied.startsWith('Kysymys: ')")
    conversation = page.evaluate("navigator.clipboard.readText()")
    assert conversation.startswith(f"{texts.COPY_QUESTION_LABEL}: {figure_question}\n\n{texts.COPY_ANSWER_LABEL}: Varhaiskasvatus")
    assert "user:" not in conversation and "assistant:" not in conversation


def test_feedback_click_stores_a_row_and_takes_a_comment(page, feedback: FeedbackStore) -> None:  # type: ignore[no-untyped-def]
    question = "Mitkä ovat uimahallin aukioloajat testissä?"
    answer = ask(page, question)
    answer.locator("button.feedback-no").click()
    page.locator("#chat .feedback-done").wait_for()
    rows = [row for row in feedback.rows(FeedbackFilter(only_problems=False)) if row.question == question]
    assert [(row.answer_kind, row.helpful, row.comment) for row in rows] == [("not_found", False, "")]
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('#comment') !== null")
    assert "IP-osoitetta" in page.locator("#comment-box .privacy-note").inner_text()  # the privacy note is beside the box
    page.keyboard.type("Aukioloajat pitäisi löytyä. Minulle voi soittaa 040 123 4567.")
    page.click("#comment-send")
    page.get_by_text(texts.FEEDBACK_COMMENT_SAVED).wait_for()
    [row] = [row for row in feedback.rows() if row.question == question]
    assert row.comment == "Aukioloajat pitäisi löytyä. Minulle voi soittaa [poistettu]."
    assert not page.locator("#comment-box").is_visible()


def test_every_suggestion_in_a_not_found_answer_does_what_it_says(page) -> None:  # type: ignore[no-untyped-def]
    answer = ask(page, "Mitkä ovat uimahallin aukioloajat?")
    assert answer.locator(".answer-lead").inner_text().count(".") == 1
    items = answer.locator(".related li")
    assert 1 <= items.count() <= 3
    questions = answer.locator(".related button.ask-suggestion")
    places = answer.locator(".related a.source-jump")
    assert questions.count() + places.count() == items.count()
    if places.count():  # a place in the plan opens in Lähde
        places.first.click()
        page.wait_for_function("() => document.activeElement && document.activeElement.closest('#source-text')")
        assert page.locator('[role="tab"][aria-selected="true"]').inner_text().strip() == texts.TAB_SOURCE
        open_tab(page, texts.TAB_CHAT)
    if not questions.count():  # the assistant offered places only: the page still asks a question it renders
        answer.locator(".related ul").evaluate(
            "ul => ul.insertAdjacentHTML('beforeend', '<li><button type=\"button\" class=\"ask-suggestion\">"
            "Paljonko varhaiskasvatuksen toimintakulut ovat vuonna 2024?</button></li>')"
        )
    if questions.count():  # a question is asked
        text = questions.first.inner_text().strip()
        questions.first.click()
        page.locator("#chat .answer").nth(1).wait_for(timeout=ANSWER_TIMEOUT_MS)
        assert page.locator('#chat [data-testid="user"]').nth(1).inner_text().strip() == text


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
    page.locator("#chat .answer").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert page.locator('#chat [data-testid="user"]').inner_text().strip() == texts.EXAMPLE_QUESTIONS[0]


def _download(page, button_id: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    with page.expect_download() as info:
        page.click(f"#{button_id}")
    path = Path(info.value.path())
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode()) and info.value.suggested_filename.endswith(".csv")
    return list(csv.reader(io.StringIO(raw.decode(ENCODING)), delimiter=";"))


def test_every_talous_csv_downloads_and_equals_the_cells(page) -> None:  # type: ignore[no-untyped-def]
    open_tab(page, texts.TAB_BUDGET)
    cells = _download(page, "download-cells")
    header, body = cells[0], cells[1:]
    assert len(body) == len(CELLS)
    for row in body:
        record = dict(zip(header, row, strict=True))
        cell = CELLS[(record["taulukon_otsikko"], record["palvelualue_koodi"], record["rivi"], record["sarake"])]
        assert (int(record["arvo_euroa"]), int(record["lähderivi"])) == (cell.value, cell.line)

    choose(page, "budget-area", "Varhaiskasvatus")
    page.locator("#download-area").get_by_text("Varhaiskasvatus: kaikki vuodet").wait_for()
    area = _download(page, "download-area")
    columns = ["TP 2022", "TA 2023", "TA 2024", "TS 2025", "TS 2026"]
    assert area[0][:8] == ["palvelualue", "taulukko", "rivi", *columns]
    for row in area[1:]:
        for column, value in zip(columns, row[3:8], strict=True):
            cell = CELLS.get((row[1], "VAKA", row[2], column))
            assert value == (str(cell.value) if cell else "")
    assert len(area) - 1 == len({(t, i) for (t, a, i, _) in CELLS if a == "VAKA"})

    choose(page, "compare-column", "TS 2025 (taloussuunnitelma)")
    page.locator("#download-column").get_by_text("TS 2025").wait_for()
    by_year = _download(page, "download-column")
    areas = by_year[0][1:]
    assert "Varhaiskasvatus" in areas and "Hyvinvointilautakunnan toimiala" not in areas
    names = {"Hyvinvoinnin ja terveyden edistäminen": "HYTE", "Opetus- ja koulutuspalvelut": "OPKOU", "Varhaiskasvatus": "VAKA", "Virikkeellinen elämä": "VIRE"}
    for row in by_year[1:]:
        for name, value in zip(areas, row[1:], strict=True):
            cell = next((c for (t, a, i, col), c in CELLS.items() if a == names[name] and i == row[0] and col == "TS 2025"), None)
            assert value == (str(cell.value) if cell else "")
    screenshot(page, "talous")


def test_the_goals_csv_is_the_filtered_grid_and_reset_clears_the_filters(page) -> None:  # type: ignore[no-untyped-def]
    open_tab(page, texts.TAB_GOALS)
    rows = page.locator("#goals-table tbody tr")
    rows.first.wait_for()
    total = rows.count()
    owner = page.locator("#goals-table tbody tr td:nth-child(6)").first.inner_text().split(":", 1)[-1].strip().splitlines()[0]
    choose(page, "goals-owner", owner)
    page.wait_for_function("total => document.querySelectorAll('#goals-table tbody tr').length < total", arg=total)
    shown = page.locator("#goals-table tbody tr").count()
    goals = _download(page, "download-goals")
    assert len(goals) - 1 == shown and all(owner in row[6] for row in goals[1:])
    page.click("#goals-reset")
    page.wait_for_function("total => document.querySelectorAll('#goals-table tbody tr').length === total", arg=total)
    assert page.locator("#goals-owner input").input_value() == texts.GOALS_ALL
    screenshot(page, "tavoitteet")


def test_lahde_search_needs_no_umlauts_and_marks_the_hits(page) -> None:  # type: ignore[no-untyped-def]
    open_tab(page, texts.TAB_SOURCE)
    page.fill("#source-query textarea", "rainion paivakoti")
    page.locator("#source-hits li").first.wait_for()
    marks = page.locator("#source-hits li mark").all_inner_texts()
    assert "Rainion" in marks and any(mark.lower().startswith("päiväko") for mark in marks)
    page.locator("#source-hits a.source-jump").first.click()
    page.wait_for_function("() => document.activeElement && document.activeElement.classList.contains('cited')")
    assert "Rainion" in page.locator("#source-text li.cited").first.inner_text()
    assert page.locator("#source-text li.cited mark").count() >= 1  # the words stay marked in the plan


def test_the_staff_view_lists_problem_feedback_behind_its_setting(browser, assistant: AnswersQuestions, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = default_url(tmp_path)
    store = FeedbackStore.open(url)
    store.record("Mitkä ovat uimahallin aukioloajat?", "not_found", [], helpful=True)
    store.record("Paljonko kirjasto maksaa?", "figure", ["palvelualuelaskelmat/vire"], helpful=True)
    settings = replace(assistant.settings, ui=UISettings(feedback_db=url, feedback_view=True))  # type: ignore[attr-defined]
    staff = Assistant(settings, assistant.corpus)  # an internal instance: same plan and index, the staff view on
    with served(staff) as running:
        page = open_page(browser, running)
        open_tab(page, texts.TAB_FEEDBACK)
        rows = page.locator("#feedback-table tbody tr")
        rows.first.wait_for()
        assert rows.count() == 1 and "uimahallin" in rows.first.inner_text()
        store.record("Kuka vastaa harrastemallista?", "owner", [], helpful=False)  # arrives while the page is open
        page.click("#feedback-refresh")
        page.wait_for_function("() => document.querySelectorAll('#feedback-table tbody tr').length === 2")
        page.get_by_label(texts.FEEDBACK_VIEW_PROBLEMS).uncheck()
        page.wait_for_function("() => document.querySelectorAll('#feedback-table tbody tr').length === 3")
        exported = _download(page, "download-feedback")
        assert [row[1] for row in exported[1:]] == ["Kuka vastaa harrastemallista?", "Paljonko kirjasto maksaa?", "Mitkä ovat uimahallin aukioloajat?"]
        page.context.close()
