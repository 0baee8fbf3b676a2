"""Splitting multi-part questions: where a new ask starts, what stays one ask, and how a leaning part is completed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.language.analysis import Analyser
from assistant.routing.split import split_question
from assistant.tools.figures import FigureTool

Split = Callable[[str], tuple[str, ...]]


@pytest.fixture(scope="module")
def split(analyser: Analyser, tool: FigureTool) -> Split:
    return lambda question: split_question(analyser.analyse(question), tool.slot_kind)


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("Paljonko hyten menot ovat 2025? Entä 2026?",
         ("Paljonko hyten menot ovat 2025?", "Paljonko hyten menot ovat 2026?")),
        ("Paljonko koulujen tulot ovat 2024, entä vakan?",
         ("Paljonko koulujen tulot ovat 2024?", "Paljonko vakan tulot ovat 2024?")),
        ("Mikä on museon budjetti ja milloin taidemuseo avataan?",
         ("Mikä on museon budjetti?", "Milloin taidemuseo avataan?")),
        ("Paljonko poistot kasvavat 2025, kuka vastaa investoinneista?",
         ("Paljonko poistot kasvavat 2025?", "Kuka vastaa investoinneista?")),
        ("Millä palvelualueella on eniten tuloja 2023 ja millä vähiten?",
         ("Millä palvelualueella on eniten tuloja 2023?", "Millä palvelualueella on vähiten tuloja 2023?")),
        ("kuka vastaa liikuntapaikoista? mitkä ovat sen tavoitteet?",
         ("Kuka vastaa liikuntapaikoista?", "Mitkä ovat sen (liikuntapaikoista) tavoitteet?")),
    ],
)
def test_two_asks_are_split_and_completed(split: Split, question: str, parts: tuple[str, ...]) -> None:
    assert split(question) == parts


@pytest.mark.parametrize(
    "question",
    [
        "paljonko hyten ja vireen tulot ovat yhteensä 2025",
        "Kummalla on enemmän henkilöstökuluja 2026, opetuksella vai varhaiskasvatuksella?",
        "Mitkä ovat toimialan tulot ja menot 2023?",
        "paljonko ja miksi menot kasvavat",
        "Mitä kirjastolle ja museolle tapahtuu?",
        "nuorisotilojen aukiolo, kuka siitä päättää",  # a topic in front, then the one ask about it
        "kerrotaanko suunnitelmassa siitä, miten koulukuljetukset järjestetään",  # the clause completes "siitä"
    ],
)
def test_one_ask_stays_whole(split: Split, question: str) -> None:
    assert split(question) == (question,)


def test_a_pronoun_keeps_what_it_stands_for(split: Split) -> None:
    first, second = split("Paljonko nuorisotyö maksaa 2024 ja kenen tehtävä siitä huolehtiminen on?")
    assert first == "Paljonko nuorisotyö maksaa 2024?" and "nuorisotyö" in second and second.startswith("Kenen tehtävä")


def test_a_change_to_a_later_year_starts_from_the_year_the_earlier_ask_named(split: Split) -> None:
    _, change = split("Paljonko kirjaston tulot ovat 2024 ja kuinka paljon ne kasvavat 2026 mennessä?")
    assert change.endswith("2026 mennessä (vuodesta 2024)?")
    _, earlier = split("Paljonko kirjaston tulot ovat 2026 ja kuinka paljon ne kasvoivat 2024?")
    assert "vuodesta" not in earlier  # a change to an earlier year: the plan's own previous column


def test_without_slot_kinds_only_years_are_completed(analyser: Analyser) -> None:
    parts = split_question(analyser.analyse("Paljonko hyten menot ovat 2025? Entä 2026?"))
    assert parts == ("Paljonko hyten menot ovat 2025?", "Paljonko hyten menot ovat 2026?")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from("paljonko kuka mikä ja sekä entä , ? menot vaka 2024 2025 vastaa miksi on".split()),
                max_size=12).map(" ".join))
def test_splitting_never_raises_and_never_returns_nothing(analyser: Analyser, tool: FigureTool, text: str) -> None:
    parts = split_question(analyser.analyse(text), tool.slot_kind)
    assert len(parts) >= 1 and all(isinstance(part, str) for part in parts)
