"""Rendering answers to chat HTML: escaping, answer first, folded details, followable sources, feedback."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace

import pytest

from assistant.types import Answer, Citation, FigureRef, Interpretation
from tests.ui.fakes import fake_corpus
from ui import texts
from ui.answer.context import AnswerContext, Contact
from ui.answer.render import (
    columns_html,
    figure_value,
    jump_href,
    render_answer,
    render_error,
    render_question,
)

HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "<a href='javascript:alert(1)'>linkki</a>",
    "&lt;script&gt; jo valmiiksi koodattu",
)
EXAMPLES = ("Paljonko varhaiskasvatuksen toimintakulut ovat vuonna 2024?", "Mitä kirjastolle tapahtuu vuonna 2024?")
CONTEXT = AnswerContext.from_corpus(fake_corpus(), examples=EXAMPLES, contact=Contact("Asiakaspalvelu, puh. 03 123", "https://example.fi/yhteys"))
VAKA_CITATION = Citation(1, "palvelualuelaskelmat/vaka", "Palvelualuettaiset laskelmat › Varhaiskasvatus", "Toimintakulut -8 448 544 …", (9, 9))
ALLOWED_TAGS = {
    "div", "p", "br", "table", "caption", "thead", "tbody", "tr", "th", "td", "strong", "details", "summary", "span",
    "blockquote", "mark", "ul", "li", "a", "abbr", "button", "svg", "path",
}


def tags_in(markup: str) -> set[str]:
    return {name.lower() for name in re.findall(r"<\s*([a-zA-Z][a-zA-Z0-9]*)", markup)}


def visible(markup: str) -> str:
    """The text a reader sees (the hidden plain-text copy removed)."""
    shown = re.sub(r'<div class="answer-plain" hidden>.*?</div>', "", markup, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", shown))


def figure_answer(value: int = -8409500, item: str = "Toimintakulut", **extra: object) -> Answer:
    return Answer(
        question="Paljonko varhaiskasvatuksen toimintakulut ovat vuonna 2024?",
        kind="figure",
        answer=(
            f"Varhaiskasvatus, {item}, TA 2024 (talousarvio): {value} € [1]\n"
            "Taulukot: [1] ”Varhaiskasvatus” (Palvelualuettaiset laskelmat › Varhaiskasvatus).\n"
            "Luvut ovat euroja (€). Kulut ja menot ovat taulukoissa negatiivisia."
        ),
        citations=(VAKA_CITATION,),
        figures=(FigureRef("palvelualuelaskelmat/vaka", "VAKA", item, "TA 2024", value, "€"),),
        **extra,  # type: ignore[arg-type]
    )


def hostile_answer(text: str) -> Answer:
    return Answer(
        question=f"Kysymys {text}",
        kind="text",
        answer=f"Vastaus {text} [1]. Toinen {text} virke [1].",
        citations=(Citation(1, "kuvaus", f"Kuvaus › {text}", f"Lainaus {text}.", (3, 5)),),
        figures=(FigureRef("tl", "VAKA", f"Rivi {text}", "TA 2024", -120, "€"),),
        owners=(f"Johtaja {text}",),
    )


@pytest.mark.parametrize("hostile", HOSTILE)
def test_document_and_user_text_is_escaped_everywhere(hostile: str) -> None:
    rendered = render_answer(hostile_answer(hostile), CONTEXT, "a1b2c3d4") + render_question(hostile) + render_error(hostile)
    assert tags_in(rendered) <= ALLOWED_TAGS
    assert re.search(r"<[^>]*(onerror|onload|javascript:)", rendered) is None
    assert html.escape(hostile) in rendered
    assert hostile not in rendered or hostile.startswith("&lt;")


@pytest.mark.parametrize("hostile", HOSTILE)
def test_question_shows_as_text(hostile: str) -> None:
    rendered = render_question(f"Paljonko {hostile} maksaa?")
    assert tags_in(rendered) == {"p"}
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)) == f"Paljonko {hostile} maksaa?"


def test_long_question_is_shortened_for_display_only() -> None:
    rendered = render_question("sana " * 500)
    assert texts.QUESTION_TRUNCATED in rendered and len(rendered) < 600


def test_a_cost_figure_is_answered_first_as_positive_euros_with_the_printed_value_in_the_details() -> None:
    rendered = render_answer(figure_answer(), CONTEXT)
    lead = re.search(r'<p class="answer-lead">(.*?)</p>', rendered).group(1)  # type: ignore[union-attr]
    assert visible(lead) == "Varhaiskasvatus: toimintakulut ovat vuoden 2024 talousarviossa 8 409 500 €. [1]"
    details = re.search(r'<details class="answer-more">(.*?)</details>', rendered, re.S).group(1)  # type: ignore[union-attr]
    assert "−8 409 500 €" in visible(details) and texts.SIGN_NOTE in visible(details)
    assert "Taulukot: [1]" in visible(details)  # the table names are folded away, not repeated on top
    assert rendered.index('class="answer-lead"') < rendered.index('class="answer-more"') < rendered.index('class="sources"')


@pytest.mark.parametrize(
    ("item", "value", "expected"),
    [
        ("Maksutuotot", 302800, "Varhaiskasvatus: maksutuotot ovat vuoden 2024 talousarviossa 302 800 €. [1]"),
        ("Toimintakate", -8232700, f"Varhaiskasvatus: toimintakate on vuoden 2024 talousarviossa −8 232 700 € {texts.NET_NEGATIVE}. [1]"),
    ],
)
def test_incomes_stay_positive_and_net_results_keep_their_sign(item: str, value: int, expected: str) -> None:
    rendered = render_answer(figure_answer(value, item), CONTEXT)
    assert visible(re.search(r'<p class="answer-lead">(.*?)</p>', rendered).group(1)) == expected  # type: ignore[union-attr]
    assert texts.SIGN_NOTE not in rendered


def test_figure_details_name_the_cell_and_link_its_source_line() -> None:
    rendered = render_answer(figure_answer(), CONTEXT)
    row = re.search(r'<table class="figures">.*?<tbody><tr>(.*?)</tr>', rendered, re.S).group(1)  # type: ignore[union-attr]
    cells = re.findall(r'<td[^>]*><span class="cell-label">(.*?): </span>(.*?)</td>', row)
    assert [(label, visible(text)) for label, text in cells] == [
        ("Palvelualue", "Varhaiskasvatus"), ("Rivi", "Toimintakulut"), ("Sarake", "TA 2024"),
        ("Suunnitelmassa", "−8 409 500 €"), ("Lähde", "rivi 9"),
    ]
    assert f'href="{jump_href("palvelualuelaskelmat/vaka", 9, 9)}"' in row
    assert '<abbr title="talousarvio">TA</abbr> 2024' in row


def test_the_cited_table_row_shows_its_column_headers_and_marks_the_answers_cell() -> None:
    rendered = render_answer(figure_answer(), CONTEXT)
    card = re.search(r'<details class="source-card">(.*?)</details>', rendered, re.S).group(1)  # type: ignore[union-attr]
    table = re.search(r'<table class="cited-row">(.*?)</table>', card, re.S).group(1)  # type: ignore[union-attr]
    headers = [visible(h) for h in re.findall(r"<tr><th scope=\"row\">(.*?)</th>", table)]
    assert headers == ["TP 2022", "TA 2023", "TA 2024", "TS 2025", "TS 2026"]
    assert re.findall(r"<mark>(.*?)</mark>", table) == ["−8 409 500"]
    assert texts.THOUSAND_NOTE in html.unescape(card)
    assert 'href="#lahde:palvelualuelaskelmat/vaka:9-9"' in card


def test_every_source_card_links_to_its_lines_in_the_plan() -> None:
    answer = Answer(
        question="Mitä kirjastolle tapahtuu?",
        kind="text",
        answer="Kirjasto siirtyy väistötiloihin [1]. Taidemuseo remontoidaan [2].",
        citations=(
            Citation(1, "kuvaus/vaka", "Kuvaus › Varhaiskasvatus", "Kirjastotoiminta siirtyy väistötiloihin.", (4, 5)),
            Citation(2, "kuvaus", "Kuvaus", "Taidemuseon remontti käynnistyy 2024.", (3, 3)),
        ),
    )
    rendered = render_answer(answer, CONTEXT)
    cards = re.findall(r'<details class="source-card"><summary>(.*?)</summary>(.*?)</details>', rendered, re.S)
    assert [visible(summary) for summary, _ in cards] == ["[1] Kuvaus › Varhaiskasvatus (rivit 4–5)", "[2] Kuvaus (rivi 3)"]
    assert re.findall(r'href="(#lahde:[^"]+)"', "".join(body for _, body in cards)) == ["#lahde:kuvaus/vaka:4-5", "#lahde:kuvaus:3-3"]
    assert re.findall(r"<mark>(.*?)</mark>", cards[0][1]) == ["Kirjastotoiminta"]


def test_a_text_answer_leads_with_its_first_sentence() -> None:
    answer = Answer(
        question="Mitä Rainion päiväkodille tapahtuu?",
        kind="text",
        answer="Käyttösuunnitelman mukaan: Rainion päiväkodin toiminta lakkaa 1.8.2024 lukien. [1] Lapset siirtyvät muihin yksiköihin. [1]",
        citations=(Citation(1, "kuvaus/vaka", "Kuvaus › Varhaiskasvatus", "…", (4, 5)),),
    )
    rendered = render_answer(answer, CONTEXT)
    assert visible(re.search(r'<p class="answer-lead">(.*?)</p>', rendered).group(1)) == (  # type: ignore[union-attr]
        "Käyttösuunnitelman mukaan: Rainion päiväkodin toiminta lakkaa 1.8.2024 lukien. [1]"
    )
    assert "Lapset siirtyvät muihin yksiköihin. [1]" in visible(rendered)


def test_an_owner_answer_names_owner_and_goal_in_one_sentence_with_the_metrics_folded() -> None:
    answer = Answer(
        question="Kuka vastaa oppimisen tuesta?",
        kind="owner",
        answer="Kysymystä vastaava tavoite…\n   Vastuu: Koulutusjohtaja\nVastuuhenkilöt: Koulutusjohtaja.",
        citations=(Citation(1, "tavoitteet/taulukko", "Tavoitteet › Tavoitetaulukko", "…", (6, 7)),),
        owners=("Koulutusjohtaja",),
    )
    rendered = render_answer(answer, CONTEXT)
    lead = visible(re.search(r'<p class="answer-lead">(.*?)</p>', rendered).group(1))  # type: ignore[union-attr]
    assert lead == "Koulutusjohtaja vastaa tavoitteesta ”Oppimisen tuen <vaikuttavuus>” (Opetus- ja koulutuspalvelut) [1]."
    assert visible(rendered).count("Koulutusjohtaja") == 2  # the sentence and the folded "Vastuu" line
    folded = re.search(r'<details class="goal-more">(.*?)</details>', rendered, re.S).group(1)  # type: ignore[union-attr]
    assert "Käsikirjan kriteeristön toteutuminen" in folded and "Tukiprosessien täsmentäminen" in folded


def test_a_metric_question_leads_with_the_assistants_answer_and_shows_each_goals_metrics() -> None:
    citations = (Citation(1, "tavoitteet/taulukko", "T", "…", (6, 7)), Citation(2, "tavoitteet/taulukko", "T", "…", (6, 8)))
    asked = Interpretation(route="owner", focus="metric")
    one = Answer("Millä sitä mitataan?", "owner", "…", citations[:1], owners=("Koulutusjohtaja",),
                 headline="Tavoitteen ”Oppimisen tuen <vaikuttavuus>” mittari: Käsikirjan kriteeristön toteutuminen; vastuu: Koulutusjohtaja.",
                 interpretation=asked)
    lead = visible(re.search(r'<p class="answer-lead">(.*?)</p>', render_answer(one, CONTEXT)).group(1))  # type: ignore[union-attr]
    assert lead == one.headline + " [1]"  # not "Koulutusjohtaja vastaa tavoitteesta …"
    both = replace(one, citations=citations, owners=("Koulutusjohtaja", "Varhaiskasvatusjohtaja"),
                   headline="Kysymystä vastaavat tavoitteet ja niiden mittarit:")
    shown = visible(re.sub(r'<details class="goal-more">.*?</details>', "", render_answer(both, CONTEXT), flags=re.S))
    assert "Käsikirjan kriteeristön toteutuminen" in shown and "vapaiden paikkojen määrä" in shown  # not folded away


def test_an_aim_question_shows_each_goals_strategic_aim() -> None:
    citations = (Citation(1, "tavoitteet/taulukko", "T", "…", (6, 7)), Citation(2, "tavoitteet/taulukko", "T", "…", (6, 8)))
    both = Answer("Mihin päämääriin ne kuuluvat?", "owner", "…", citations, owners=("Koulutusjohtaja", "Varhaiskasvatusjohtaja"),
                  headline="Kysymystä vastaavat tavoitteet ja niiden strategiset päämäärät:",
                  interpretation=Interpretation(route="owner", focus="aim"))
    shown = visible(re.sub(r'<details class="goal-more">.*?</details>', "", render_answer(both, CONTEXT), flags=re.S))
    assert shown.startswith(both.headline) and shown.count("Strateginen päämäärä") == 2


def test_owners_with_a_comma_in_their_title_are_separated_by_semicolons() -> None:
    answer = Answer(
        question="Kuka vastaa?",
        kind="owner",
        answer="…",
        citations=(Citation(1, "tavoitteet/taulukko", "T", "…", (6, 8)),),
        owners=("Palvelualuejohtaja, Virikkeellinen elämä", "Liikuntapalvelujohtaja"),
    )
    lead = visible(re.search(r'<p class="answer-lead">(.*?)</p>', render_answer(answer, CONTEXT)).group(1))  # type: ignore[union-attr]
    assert lead.startswith("Palvelualuejohtaja, Virikkeellinen elämä; Liikuntapalvelujohtaja vastaavat tavoitteesta")


def test_not_found_is_one_sentence_with_at_most_three_clickable_suggestions_and_a_contact() -> None:
    answer = Answer(
        question="Paljonko varhaiskasvatuksen uimahalli maksaa?",
        kind="not_found",
        answer="Tähän kysymykseen ei löydy vastausta käyttösuunnitelmasta. Suunnitelma kertoo palvelualueista, talousarviosta ja tavoitteista.",
    )
    rendered = render_answer(answer, CONTEXT)
    assert visible(re.search(r'<p class="answer-lead">(.*?)</p>', rendered).group(1)) == (  # type: ignore[union-attr]
        "Tähän kysymykseen ei löydy vastausta käyttösuunnitelmasta."
    )
    related = re.search(r'<div class="related">(.*?)</div>', rendered, re.S).group(1)  # type: ignore[union-attr]
    items = re.findall(r"<li>(.*?)</li>", related)
    assert 1 <= len(items) <= 3
    assert items[0] == f'<button type="button" class="ask-suggestion">{EXAMPLES[0]}</button>'  # shares "varhaiskasvatus"
    assert '<a href="https://example.fi/yhteys">Asiakaspalvelu, puh. 03 123</a>' in rendered
    folded = re.search(r'<details class="answer-more">(.*?)</details>', rendered, re.S).group(1)  # type: ignore[union-attr]
    assert "Suunnitelma kertoo palvelualueista" in folded


def test_an_unsafe_contact_url_is_not_linked() -> None:
    context = AnswerContext.from_corpus(fake_corpus(), contact=Contact("Kysy meiltä", "javascript:alert(1)"))
    rendered = render_answer(Answer(question="x", kind="not_found", answer="Ei löydy."), context)
    assert "javascript:" not in rendered and "Kysy meiltä" in rendered


@dataclass(frozen=True)
class Reading:
    """Stands for assistant.types.Interpretation: its `text` is the reading line."""

    text: str


@dataclass(frozen=True)
class RicherAnswer(Answer):
    """The fields the assistant's Answer is growing (headline, interpretation, notes, suggestions, …)."""

    headline: str = ""
    interpretation: Reading | None = None
    notes: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    not_itemised: tuple[str, ...] = ()
    resolved_question: str = ""
    parts: tuple[Answer, ...] = ()


def test_the_assistants_own_headline_reading_notes_and_suggestions_are_used_when_given() -> None:
    base = figure_answer()
    answer = RicherAnswer(
        **{field: getattr(base, field) for field in ("question", "kind", "answer", "citations")},
        figures=base.figures * 2,  # more than one figure: no single plain figure sentence to lead with
        headline="Varhaiskasvatuksen toimintakulut ovat vuoden 2024 talousarviossa 8 409 500 € [1].",
        interpretation=Reading("Tulkinta: Varhaiskasvatus · Toimintakulut · TA 2024"),
        not_itemised=("Rainion päiväkoti",),
        notes=("Luku koskee koko palvelualuetta.",),
        suggestions=("Entä vuonna 2025?", "Entä henkilöstökulut?"),
        resolved_question="Paljonko varhaiskasvatuksen toimintakulut ovat TA 2024?",
    )
    rendered = render_answer(answer, CONTEXT)
    assert visible(re.search(r'<p class="answer-lead">(.*?)</p>', rendered).group(1)) == answer.headline  # type: ignore[union-attr]
    details = visible(re.search(r'<details class="answer-more">(.*?)</details>', rendered, re.S).group(1))  # type: ignore[union-attr]
    assert "Tulkinta: Varhaiskasvatus · Toimintakulut · TA 2024" in details
    assert "Luku koskee koko palvelualuetta." in details and "Taulukot:" not in details
    assert texts.NOT_ITEMISED.format(names="Rainion päiväkoti") in details
    # a follow-up's reading is shown first, above the answer, not folded away
    resolved = re.search(r'<p class="resolved">(.*?)</p>', rendered)
    assert resolved is not None and rendered.index('class="resolved"') < rendered.index('class="answer-lead"')
    assert visible(resolved.group(1)) == "Tulkitsin: Paljonko varhaiskasvatuksen toimintakulut ovat TA 2024?"
    assert "Tulkitsin" not in details
    assert re.findall(r'<button type="button" class="ask-suggestion">(.*?)</button>', rendered) == list(answer.suggestions)


def test_one_printed_figure_leads_with_its_plain_sentence_over_the_assistants_headline() -> None:
    base = figure_answer()
    answer = RicherAnswer(
        **{field: getattr(base, field) for field in ("question", "kind", "answer", "citations", "figures")},
        headline="Varhaiskasvatus, Toimintakulut, TA 2024 (talousarvio): −8 409 500 €.",
    )
    lead = visible(re.search(r'<p class="answer-lead">(.*?)</p>', render_answer(answer, CONTEXT)).group(1))  # type: ignore[union-attr]
    assert lead.startswith("Varhaiskasvatus: toimintakulut ovat vuoden 2024 talousarviossa 8 409 500 €") and "−" not in lead


def test_a_caveat_before_the_figure_stays_before_its_plain_sentence() -> None:
    caveat = "Päiväkodit kuuluvat palvelualueeseen Varhaiskasvatus, jota suunnitelma ei jaa palveluittain."
    base = figure_answer()
    answer = replace(base, answer=f"Tulkinta: Varhaiskasvatus · Toimintakulut · TA 2024 · luku\n{caveat}\n{base.answer}")
    lead = visible(re.search(r'<p class="answer-lead">(.*?)</p>', render_answer(answer, CONTEXT)).group(1))  # type: ignore[union-attr]
    assert lead.startswith(caveat) and "8 409 500 €" in lead


def test_feedback_buttons_need_an_answer_id_and_turn_into_thanks() -> None:
    assert "feedback-yes" not in render_answer(figure_answer(), CONTEXT)
    asked = render_answer(figure_answer(), CONTEXT, "0123abcd")
    assert 'id="vastaus-0123abcd"' in asked and "feedback-yes" in asked and "feedback-no" in asked
    assert texts.FEEDBACK_QUESTION in asked
    thanked = render_answer(figure_answer(), CONTEXT, "0123abcd", feedback=False)
    assert "feedback-yes" not in thanked and texts.FEEDBACK_GIVEN[False] in thanked


def test_error_is_an_alert_with_the_message() -> None:
    assert render_error("Kysymys on tyhjä.") == (
        '<div class="answer answer-error" role="alert"><p><strong>Virhe:</strong> Kysymys on tyhjä.</p></div>'
    )


def test_column_labels_are_explained_and_amounts_do_not_break() -> None:
    assert columns_html("TS 2025: −19 095 300 €") == (
        '<abbr title="taloussuunnitelma">TS</abbr> 2025: <span class="amount">−19 095 300 €</span>'
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


def test_a_multi_part_question_shows_each_part_and_a_clarify_offers_its_choices() -> None:
    first, second = figure_answer(), figure_answer(302800, "Maksutuotot")
    multi = RicherAnswer(
        question="Paljonko toimintakulut ja maksutuotot?", kind="multi", answer="Kaksi vastausta.",  # type: ignore[arg-type]
        citations=(VAKA_CITATION,), parts=(replace(first, question="Toimintakulut?"), replace(second, question="Maksutuotot?")),
    )
    rendered = render_answer(multi, CONTEXT)
    parts = re.findall(r'<div class="answer-part">(.*?)</div>', rendered, re.S)
    assert [visible(part).split("?")[0] for part in parts] == ["Toimintakulut", "Maksutuotot"]
    assert "8 409 500 €" in visible(parts[0]) and "302 800 €" in visible(parts[1])
    clarify = RicherAnswer(question="Paljonko kulut?", kind="clarify", answer="Mitä kuluja tarkoitat?", suggestions=("Henkilöstökulut?", "Toimintakulut?"))  # type: ignore[arg-type]
    rendered = render_answer(clarify, CONTEXT)
    assert texts.CLARIFY_TITLE in rendered and rendered.count('class="ask-suggestion"') == 2


def test_suggestions_the_answer_text_lists_are_shown_once_as_buttons() -> None:
    offered = ("Paljonko kulut ovat 2024?", "Mitä tavoitteita on?")
    answer = RicherAnswer(
        question="Paljonko?", kind="clarify", answer="Mitä tarkoitat?\nTarkoititko jotakin näistä?\n1. Paljonko kulut ovat 2024?\n"
        "2. Mitä tavoitteita on?", suggestions=offered,  # type: ignore[arg-type]
    )
    rendered = render_answer(answer, CONTEXT)
    assert all(visible(rendered).count(question) == 1 for question in offered)
    assert rendered.count('class="ask-suggestion"') == 2 and visible(rendered).count(texts.CLARIFY_TITLE) == 1
    social = replace(answer, interpretation=Interpretation(route="clarify", reason="social"))
    assert texts.CLARIFY_TITLE not in visible(render_answer(social, CONTEXT))  # a greeting offers, it does not ask back


def test_a_suggestion_that_names_a_place_in_the_plan_opens_it_instead_of_asking_it() -> None:
    answer = RicherAnswer(
        question="Mitkä ovat aukioloajat?", kind="not_found", answer="Tähän ei löydy vastausta.",  # type: ignore[arg-type]
        suggestions=("Kuvaus toiminnasta › Varhaiskasvatus", "Paljonko kirjasto maksaa?"),
    )
    rendered = render_answer(answer, CONTEXT)
    assert f'<a class="source-jump" href="#lahde:kuvaus/vaka">{texts.NOT_FOUND_TOPIC.format(topic="Kuvaus toiminnasta › Varhaiskasvatus")}</a>' in rendered
    assert re.findall(r'<button type="button" class="ask-suggestion">(.*?)</button>', rendered) == ["Paljonko kirjasto maksaa?"]


def shown_under_headline(kind: str, text: str, headline: str) -> str:
    """The visible text of an answer whose assistant headline is given."""
    answer = RicherAnswer(question="?", kind=kind, answer=text, headline=headline)  # type: ignore[arg-type]
    return visible(render_answer(answer, CONTEXT))


def test_the_assistants_headline_is_not_repeated_by_the_text_below_it() -> None:
    shown = shown_under_headline(
        "text", "Opetus vastaa perusopetuksesta. [1] Sen tehtäviin kuuluu lukio. [1] Lisäksi musiikkiopisto. [2]",
        "Opetus vastaa perusopetuksesta. Sen tehtäviin kuuluu lukio.",
    )
    assert shown.count("Sen tehtäviin kuuluu lukio") == 1 and "Lisäksi musiikkiopisto. [2]" in shown
    assert "Sen tehtäviin kuuluu lukio. [1]" in shown  # the headline keeps the citation number of what it says


def test_a_ranked_list_keeps_every_place_under_a_headline_that_shares_its_digits() -> None:
    shown = shown_under_headline(
        "figure", "Pienin: Hyte, −725 200 €.\n1. Hyte: −725 200 € [1]\n2. Vire: −5 024 100 € [2]\n3. Vaka: −8 502 000 € [3]",
        "Pienin: Hyte, −725 200 €.",
    )
    assert all(place in shown for place in ("1. Hyte", "2. Vire", "3. Vaka"))
