"""The HTML report opened in headless Chromium: it renders offline, shows its parts, and is screenshotted.

Needs Debian's `chromium` and the playwright package; skips without them (fails under KAYTTO_REQUIRE_BROWSER=1).
The screenshot goes to artifacts/evals/report.png (gitignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from evals.run_files import write_run
from evals.runner import System, run_suite
from evals.summary import summarize
from tests.browser import launch_chromium
from tests.evals.fakes import HOSTILE_Q, ScriptedAnswerer, ScriptedSearch, good_answers, search_rankings, small_suite

pytestmark = [pytest.mark.browser]

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = REPO_ROOT / "artifacts" / "evals" / "report.png"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    yield from launch_chromium()


def test_report_renders_in_chromium(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    results = run_suite(small_suite(), System(ScriptedAnswerer(good_answers()), ScriptedSearch(search_rankings())), progress=False)
    files = write_run(tmp_path / "run", results, summarize(results, {"suite": "all", "backend": "extractive"}))
    context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(files.report_html.as_uri())
    try:
        assert page.title() == "Arviointiraportti: all"
        headings = page.locator("h2").all_inner_texts()
        assert headings[:6] == ["Yhteenveto", "Luokittain", "Mittarit", "Varmat väärät vastaukset (1)",
                                "Aiheettomat 'ei suunnitelmassa' -vastaukset (1)", "Viive"]  # fmt: skip
        page.get_by_role("link", name="answers/a002").click()  # a confident wrong answer leads to its failure
        assert page.url.endswith("#answers/a002")
        assert page.locator('section[id="answers/a002"]').is_visible()
        assert page.locator("section.failure").count() == sum(not r.passed for r in results)
        for chart in page.locator("svg.latency").all():
            box = chart.bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 100
        assert page.locator("svg.latency rect").count() > 0
        assert HOSTILE_Q in page.locator("body").inner_text()  # markup in a question is shown, not run
        assert requests == [files.report_html.as_uri()]  # self-contained: nothing else is fetched
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=True)
        assert SCREENSHOT.stat().st_size > 10_000
    finally:
        context.close()
