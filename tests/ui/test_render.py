"""Rendering answers to chat HTML: escaping, source cards, figures, highlighting, not-found suggestions."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.types import Answer, Citation, FigureRef
from ui import texts
from ui.highlight import highlight, matches, question_terms
from ui.labels import Labels, euros, percent
from ui.render import figure_value, render_answer, render_error, render_question

HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "<a href='javascript:alert(1)'>linkki</a>",
    "&lt;script&gt; jo valmiiksi koodattu",
)
LABELS = Labels(area_names={"VAKA": "Varhaiskasvatus"}, table_titles={"tl": "Tuloslaskelma"}, topics=("Talousarvio", "Tavoitteet"))


def answer_with(text: str) -> Answer:
    """An answer whose every free-text field carries `text`."""
    return Answer(
        question=f"Kysymys {text}",
        kind="figure",
        answer=f"Vastaus {text} [1]",
        citations=(Citation(1, "kuvaus", f"Kuvaus › {text}", f"Lainaus {text}.", (3, 5)),),
        figures=(FigureRef("tl", "VAKA", f"Rivi {text}", "TA 2024", -120, "€"),),
        owners=(f"Johtaja {text}",),
    )


def tags_in(markup: str) -> set[str]:
    return {name.lower() for name in re.findall(r"<\s*([a-zA-Z][a-zA-Z0-9]*)", markup)}


ALLOWED_TAGS = {"div", "p", "br", "table", "caption", "thead", "tbody", "tr", "th", "td", "strong", "details",
                "summary", "span", "blockquote", "mark", "ul", "li"}


@pytest.mark.parametrize("hostile", HOSTILE)
def test_document_and_user_text_is_escaped_everywhere(hostile: str) -> None:
    rendered = render_answer(answer_with(hostile), LABELS) + render_question(hostile) + render_error(hostile)
    assert tags_in(rendered) <= ALLOWED_TAGS
    assert re.search(r"<[^>]*(onerror|onload|javascript:)", rendered) is None
    # question, answer, section (summary and footer), item, owner, error; the quote gets <mark>s (property test below)
    assert rendered.count(html.escape(hostile)) == 7


@pytest.mark.parametrize("hostile", HOSTILE)
def test_question_shows_as_text(hostile: str) -> None:
    rendered = render_question(f"Paljonko {hostile} maksaa?")
    assert tags_in(rendered) == {"p"}
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)) == f"Paljonko {hostile} maksaa?"


def test_long_question_is_shortened_for_display_only() -> None:
    rendered = render_question("sana " * 500)
    assert texts.QUESTION_TRUNCATED in rendered
    assert len(rendered) < 600


def test_source_cards_are_numbered_expandable_and_carry_section_and_lines() -> None:
    answer = Answer(
        question="Mitä kirjastolle tapahtuu?",
        kind="text",
        answer="Kirjasto siirtyy väistötiloihin [1]. Taidemuseo remontoidaan [2].",
        citations=(
            Citation(1, "toimintaymparisto/vire", "Toimintaympäristö › Virikkeellinen elämä", "Kirjastotoiminta siirtyy väistötiloihin.", (120, 121)),
            Citation(2, "toimintaymparisto/vire", "Toimintaympäristö › Virikkeellinen elämä", "Taidemuseon remontti käynnistyy 2024.", (122, 122)),
        ),
    )
    rendered = render_answer(answer)
    cards = re.findall(r'<details class="source-card" data-n="(\d+)">(.*?)</details>', rendered)
    assert [n for n, _ in cards] == ["1", "2"]
    assert "[1]" in cards[0][1] and "rivit 120–121" in cards[0][1]
    assert "[2]" in cards[1][1] and "rivi 122" in cards[1][1]
    assert all("Toimintaympäristö › Virikkeellinen elämä" in body for _, body in cards)
    assert "<summary>" in cards[0][1] and "<blockquote" in cards[0][1]


def test_quote_marks_the_question_words() -> None:
    answer = Answer(
        question="Mitä kirjastolle tapahtuu?",
        kind="text",
        answer="…",
        citations=(Citation(1, "s", "S", "Kirjastotoiminta siirtyy väistötiloihin remontin ajaksi.", (1, 1)),),
    )
    assert re.findall(r"<mark>(.*?)</mark>", render_answer(answer)) == ["Kirjastotoiminta"]


def test_figure_answers_show_their_cells() -> None:
    rendered = render_answer(answer_with("x"), LABELS)
    row = re.search(r"<tbody><tr>(.*?)</tr>", rendered)
    assert row is not None
    cells = re.findall(r'<td[^>]*><span class="cell-label">(.*?): </span>(.*?)</td>', row.group(1))
    assert [(label, html.unescape(text)) for label, text in cells] == [
        ("Taulukko", "Tuloslaskelma"), ("Palvelualue", "Varhaiskasvatus"), ("Rivi", "Rivi x"), ("Sarake", "TA 2024"), ("Arvo", "−120 €"),
    ]


def test_not_found_says_so_and_suggests_what_the_plan_covers() -> None:
    answer = Answer(question="Paljonko maksaa uusi uimahalli?", kind="not_found", answer="Tätä ei löydy käyttösuunnitelmasta.")
    rendered = render_answer(answer, LABELS, examples=("Mitä tavoitteita varhaiskasvatuksella on?",))
    assert "Tätä ei löydy käyttösuunnitelmasta." in rendered
    assert texts.NOT_FOUND_LEAD in rendered and "<li>Talousarvio</li>" in rendered and "<li>Tavoitteet</li>" in rendered
    assert "<li>Mitä tavoitteita varhaiskasvatuksella on?</li>" in rendered


def test_suggestions_only_for_not_found() -> None:
    assert texts.NOT_FOUND_LEAD not in render_answer(answer_with("x"), LABELS)


def test_error_is_an_alert_with_the_message() -> None:
    assert render_error("Kysymys on tyhjä.") == (
        '<div class="answer answer-error" role="alert"><p><strong>Virhe:</strong> Kysymys on tyhjä.</p></div>'
    )


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        (FigureRef("t", "A", "i", "TA 2024", -32611450, "€"), "−32 611 450 €"),
        (FigureRef("t", "A", "i", "TA 2024", 2688600, "€"), "2 688 600 €"),
        (FigureRef("t", "A", "i", "TA 2024 − TP 2022", -4.2, "%"), "−4,2 %"),
        (FigureRef("t", "A", "i", "TA 2024", 1, "€", value_text="1 € (pyöristetty)"), "1 € (pyöristetty)"),
    ],
)
def test_figure_values_are_finnish(figure: FigureRef, expected: str) -> None:
    assert figure_value(figure) == expected


def test_number_helpers() -> None:
    assert (euros(0), euros(-19), percent(12.25), percent(0.0)) == ("0 €", "−19 €", "12,2 %", "0,0 %")


@pytest.mark.parametrize(
    ("question_word", "quote_word", "expected"),
    [
        ("varhaiskasvatus", "varhaiskasvatuksen", True),
        ("henkilöstökulut", "Henkilostokulut", True),
        ("kirjasto", "Kirjastopalvelut", True),
        ("päiväkoti", "päiväkodin", True),
        ("maksaa", "maksutuotot", False),
        ("paljonko", "palvelualue", False),
        ("mitä", "mitä", False),  # a stopword is never marked
    ],
)
def test_matching_follows_finnish_inflection(question_word: str, quote_word: str, expected: bool) -> None:
    assert matches(quote_word, question_terms(question_word)) is expected


@given(st.text(max_size=200), st.text(max_size=60))
def test_highlight_keeps_the_text_and_only_adds_marks(text: str, question: str) -> None:
    marked = highlight(text, question)
    assert tags_in(marked) <= {"mark"}
    assert html.unescape(marked.replace("<mark>", "").replace("</mark>", "")) == text
