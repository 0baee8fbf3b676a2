"""Years that step from the years in focus ("seuraavana vuonna", "edellisenä vuonna"), counts of years and years ago."""

from __future__ import annotations

import pytest

from assistant.language.years import find_years, starts_from, step_from, steps_in


@pytest.mark.parametrize(
    ("text", "years", "expected"),
    [
        ("entä seuraavana vuonna?", [2025], "entä 2026?"),
        ("ja sitä edellisenä vuonna", [2025], "ja sitä 2024"),
        ("entä seuraavana vuonna?", [2024, 2025], "entä 2026?"),  # after the last of a span
        ("mites edellisenä vuonna?", [2024, 2025], "mites 2023?"),  # before the first
        ("Seuraavasta vuodesta?", [2023], "2024?"),
        ("entä seuraavana vuonna?", [], "entä seuraavana vuonna?"),  # nothing in focus: unchanged
        ("paljonko ensi vuonna", [2026], "paljonko ensi vuonna"),  # "ensi" is from the plan year, not a step
        ("entäpä sitä seuraavana?", [2025], "entäpä sitä 2026?"),  # alone at the end of an elliptic follow-up
        ("entä sitä edellisenä", [2025], "entä sitä 2024"),
        ("entä seuraavana suurin", [2025], "entä seuraavana suurin"),  # not at the end: no year
    ],
)
def test_a_step_is_written_as_the_year_it_steps_to(text: str, years: list[int], expected: str) -> None:
    assert step_from(text, years) == expected


def test_steps_are_read_in_order_with_their_direction() -> None:
    assert steps_in("seuraavana vuonna ja edellisenä vuonna") == (1, -1)
    assert steps_in("ensi vuonna ja viime vuonna") == ()


def test_without_a_focus_the_next_year_is_the_year_after_the_plans() -> None:
    assert [mention.year for mention in find_years("paljonko seuraavana vuonna", 2024)] == [2025]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("yhteensä kolmena vuonna", [2024, 2026]),  # the plan year and the next two
        ("kolmen vuoden aikana", [2024, 2026]),
        ("kahtena seuraavana vuonna", [2025, 2026]),  # from the year after the plan's
        ("5 vuoden aikana", [2024, 2028]),
        ("budjetti kolmelle vuodelle", [2024, 2026]),  # allative and translative: for that many years
        ("kahdeksi seuraavaksi vuodeksi", [2025, 2026]),
    ],
)
def test_a_count_of_years_is_a_span_from_the_plan_year(text: str, years: list[int]) -> None:
    found = find_years(text, 2024)
    assert [mention.year for mention in found] == years and all(mention.span for mention in found)


@pytest.mark.parametrize(("text", "year"), [("kaksi vuotta sitten", 2022), ("vuosi sitten", 2023), ("kolme vuotta sitten", 2021)])
def test_years_ago_count_back_from_the_plan_year(text: str, year: int) -> None:
    assert [mention.year for mention in find_years(text, 2024)] == [year]


@pytest.mark.parametrize(
    ("text", "starts"),
    [("muutos vuodesta 2023", True), ("kasvu 2023:sta", True), ("muutos viime vuodesta", True),
     ("menot vuonna 2023", False), ("kasvu vuoteen 2026", False), ("viime vuonna", False), ("2023 menot", False)],
)
def test_a_year_in_the_elative_is_where_something_starts(text: str, starts: bool) -> None:
    (mention,) = find_years(text, 2024)
    assert starts_from(text, mention) is starts


@pytest.mark.parametrize("text", ["menot ens vuonna", "mitä tapahtuu ensvuonna", "ensi vuoden menot"])
def test_spoken_ens_is_the_year_after_the_plans(text: str) -> None:
    assert [mention.year for mention in find_years(text, 2024)] == [2025]
