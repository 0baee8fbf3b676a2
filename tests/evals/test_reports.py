"""The Markdown and HTML reports: per-category scores, failures side by side, latency chart, escaped text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from evals.latency_svg import histogram, latency_svg
from evals.report_html import render_html
from evals.report_md import md_text, render_markdown
from evals.results import QuestionResult
from evals.runner import System, run_suite
from evals.suites import SuiteProblem
from evals.summary import summarize
from tests.evals.fakes import (
    CONVERSATION,
    HOSTILE_Q,
    Remembering,
    ScriptedAnswerer,
    ScriptedSearch,
    good_answers,
    search_rankings,
    small_suite,
    suite_of,
)

PROBLEM = SuiteProblem("oma<x>.jsonl", 3, "numbers[0]", "'6 059 200' is not of type 'integer' <script>")


@pytest.fixture(scope="module")
def run() -> tuple[dict, tuple[QuestionResult, ...]]:
    results = run_suite(small_suite(), System(ScriptedAnswerer(good_answers()), ScriptedSearch(search_rankings())), progress=False)
    summary = summarize(results, {"suite": "all", "backend": "extractive", "problems": [PROBLEM.to_json()]})
    return summary, results


class Collector(HTMLParser):
    """Collects tags and text of a document; fails on unbalanced section/table tags."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    return collector


def test_html_escapes_every_question_answer_and_gold_text(run: tuple[dict, tuple[QuestionResult, ...]]) -> None:
    html = render_html(*run)
    doc = parse(html)
    assert "script" not in doc.tags  # the hostile question and problem message stay text
    assert HOSTILE_Q in "".join(doc.text)
    assert "<b>fakta</b>" in "".join(doc.text)  # a gold fact with markup is shown as written
    assert "&lt;script&gt;" in html


def test_html_is_self_contained(run: tuple[dict, tuple[QuestionResult, ...]]) -> None:
    html = render_html(*run)
    doc = parse(html)
    assert not {"script", "link", "img", "iframe"} & set(doc.tags)
    assert [name for name, _ in doc.attrs if name == "src"] == []
    assert [value for name, value in doc.attrs if name == "href" and not str(value).startswith("#")] == []  # in-page only
    assert re.findall(r"https?://[^\s\"'<>]+", html) == ["http://www.w3.org/2000/svg"] * html.count("<svg")


def test_html_has_categories_failures_side_by_side_and_charts(run: tuple[dict, tuple[QuestionResult, ...]]) -> None:
    summary, results = run
    html = render_html(summary, results)
    failed = [r for r in results if not r.passed]
    assert html.count('<section class="failure"') == len(failed) == 3
    assert html.count("<svg") == 2  # one latency chart per suite
    for category in ("figure-lookup", "owner", "not_found", "prose", "table"):
        assert f"<td>{category}</td>" in html
    owner_failure = html.split('id="answers/a002"')[1].split("</section>")[0]
    assert "Vastaus" in owner_failure and "Odotettu" in owner_failure
    assert "Liikuntapalvelujohtaja" in owner_failure  # what was answered
    assert "Palvelualuejohtaja" in owner_failure  # what was expected
    assert "oma&lt;x&gt;.jsonl:3" in html


def test_markdown_escapes_and_lists_failures(run: tuple[dict, tuple[QuestionResult, ...]]) -> None:
    md = render_markdown(*run)
    assert "<script>" not in md
    assert "\\<script\\>" in md
    assert "## Epäonnistuneet kysymykset (3)" in md
    assert "### answers/a002 (owner): kuka vastaa harrastemallista" in md
    assert "| answers.pass\\_rate | 0,600 |" in md
    table_rows = [line for line in md.splitlines() if line.startswith("| ")]
    header_cells = {line.count(" | ") for line in table_rows if "Vastaus" in line}
    assert header_cells == {1}  # the side-by-side table keeps two columns even with '|' in the question


@pytest.mark.parametrize(("text", "escaped"), [("a|b", "a\\|b"), ("<b>", "\\<b\\>"), ("rivi\nrivi", "rivi rivi"), ("*x*", "\\*x\\*")])
def test_md_text_escapes_markdown(text: str, escaped: str) -> None:
    assert md_text(text) == escaped


def test_histogram_bins_every_value() -> None:
    width, counts = histogram([0.0, 1.0, 2.0, 10.0], bins=5)
    assert width == 2.0
    assert counts == [2, 1, 0, 0, 1]
    assert sum(histogram([5.0] * 7)[1]) == 7


def test_latency_chart_marks_median_and_p95_and_escapes_title() -> None:
    svg = latency_svg([1.0, 2.0, 3.0, 40.0], "Haku <viive>")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "Haku &lt;viive&gt;" in svg
    assert "p50 2.0 ms" in svg and "p95 40.0 ms" in svg
    assert latency_svg([], "tyhjä").count("<rect") == 0


def test_both_reports_list_confident_wrong_and_false_not_found_answers(run: tuple[dict, tuple[QuestionResult, ...]]) -> None:
    summary, results = run
    assert summary["confident_wrong"] == {"answers": ["a002"]} and summary["false_not_found"] == {"answers": ["a005"]}
    md = render_markdown(summary, results)
    confident = md.split("## Varmat väärät vastaukset (1)")[1].split("## ")[0]
    assert "- answers/a002: kuka vastaa harrastemallista \\[vastuutahot\\]" in confident
    assert "answers/a005" in md.split("## Aiheettomat 'ei suunnitelmassa' -vastaukset (1)")[1].split("## ")[0]
    html = render_html(summary, results)
    listed = html.split("Varmat väärät vastaukset (1)</h2>")[1].split("<h2>")[0]
    assert '<a href="#answers/a002">answers/a002</a>' in listed
    assert 'id="answers/a002"' in html  # the link leads to the failure's section
    assert "Aiheettomat &#x27;ei suunnitelmassa&#x27; -vastaukset (1)" in html


def test_reports_show_conversation_turns() -> None:
    results = run_suite(suite_of("k", conversations=[CONVERSATION]), System(Remembering()), progress=False)
    summary = summarize(results, {"suite": "k"})
    md = render_markdown(summary, results)
    assert "## Keskustelut vuoroittain" in md
    assert "| conversations | 3 | 1 | 0 | 0,0 % |" in md
    assert "keskustelu: k001, vuoro 3" in md
    html = render_html(summary, results)
    assert "<h2>Keskustelut vuoroittain</h2>" in html and "k001, vuoro 3" in html
