"""Helpers for driving the app in Chromium: open it at a size and colour scheme, ask, pick, screenshot, axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser import require

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ANSWER_TIMEOUT_MS = 60_000
VIEWPORTS = {"phone": (390, 844), "tablet": (768, 1024), "desktop": (1366, 768)}


def open_page(browser: Any, url: str, width: int = 1280, height: int = 1000, scheme: str = "light") -> Any:
    """A fresh context and page on `url` (Finnish locale, the given size and colour scheme), once ready."""
    context = browser.new_context(
        locale="fi-FI", viewport={"width": width, "height": height}, color_scheme=scheme, accept_downloads=True
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    page = context.new_page()
    page.requests = []  # every URL the page fetched: all of them must be the local server
    page.on("request", lambda request: page.requests.append(request.url))
    page.goto(f"{url}?__theme={scheme}")
    page.wait_for_selector("#question textarea")
    page.wait_for_function("() => document.getElementById('bridge-jump') && window.kaytto")
    return page


def screenshot(page: Any, name: str, full_page: bool = True) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def ask(page: Any, question: str) -> Any:
    """Type a question, send it with the button and return the new answer element."""
    answers = page.locator("#chat .answer").count()
    page.fill("#question textarea", question)
    page.click("#ask")
    answer = page.locator("#chat .answer").nth(answers)
    answer.wait_for(timeout=ANSWER_TIMEOUT_MS)
    return answer


def open_tab(page: Any, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()


def choose(page: Any, dropdown_id: str, option: str) -> None:
    """Pick an option of a Gradio dropdown the way a user does."""
    page.click(f"#{dropdown_id} input")
    page.locator(f"#{dropdown_id}").get_by_role("option", name=option, exact=True).click()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations of the whole page, of any impact."""
    require(AXE.is_file(), f"{AXE} is missing: npm ci --prefix tests/ui")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
        }""",
        WCAG_21_AA,
    )
