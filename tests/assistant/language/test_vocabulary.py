"""Resident vocabulary → plan terms, on inflected, compound, ä/ö-less and misspelt Finnish."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.language.vocabulary import (
    BOARD,
    BUDGET,
    COSTS,
    INVESTMENTS,
    NET,
    REVENUE,
    SPEND,
    column_for_year,
    find_areas,
    find_items,
    find_kinds,
    find_outside,
    find_years,
    osa_distance,
    pattern_score,
    plain_inflection_of_part,
    plan_columns,
    prefix_distance,
    tokenize,
)
from corpus.records import Column


def areas(text: str) -> list[str]:
    return list(dict.fromkeys(m.value for m in find_areas(text)))


def items(text: str) -> list[str]:
    return [m.value for m in find_items(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("päiväkotien kulut", ["VAKA"]),
        ("paivakodeissa", ["VAKA"]),
        ("Varhaiskasvatukselle", ["VAKA"]),
        ("varhaiskasvtuksen", ["VAKA"]),  # a letter missing
        ("perhepäivähoidon", ["VAKA"]),
        ("esiopetuksen", ["VAKA"]),  # not opetus: the longer stem wins
        ("VAKA:n", ["VAKA"]),
        ("koulujen", ["OPKOU"]),
        ("lukiolle", ["OPKOU"]),
        ("perusopetukseen", ["OPKOU"]),
        ("Opetus- ja koulutuspalveluiden", ["OPKOU"]),
        ("opkoun", ["OPKOU"]),
        ("kirjastolle", ["VIRE"]),
        ("kirjstolle", ["VIRE"]),  # a letter missing
        ("kirjoitus", []),
        ("taidemuseon", ["VIRE"]),
        ("uimahallissa", ["VIRE"]),
        ("liikuntapaikkojen", ["VIRE"]),
        ("nuorisotyöhön", ["VIRE"]),
        ("virikkeellisen elämän", ["VIRE"]),
        ("virkkeellinen elama", ["VIRE"]),
        ("hyten", ["HYTE"]),
        ("hyvinvoinnin ja terveyden edistämisen", ["HYTE"]),
        ("terveyden edistamiseen", ["HYTE"]),
        ("hyvinvointilautakunnan", [BOARD]),
        ("koko toimialan", [BOARD]),
        ("opetus ja varhaiskasvatus", ["OPKOU", "VAKA"]),
        ("Mitä kuuluu?", []),
    ],
)
def test_find_areas(text: str, expected: list[str]) -> None:
    assert areas(text) == expected


@pytest.mark.parametrize(
    ("text", "note"),
    [("kirjaston", "Kirjasto"), ("museon", "Museotoiminta"), ("uimahallin", "Uimahalli"), ("päiväkotien", "Päiväkodit")],
)
def test_sub_services_carry_a_note(text: str, note: str) -> None:
    assert [m.note for m in find_areas(text)] == [note]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("henkilöstökulut", ["Henkilöstökulut"]),
        ("henkilostokuluihin", ["Henkilöstökulut"]),
        ("henklöstökulut", ["Henkilöstökulut"]),  # typo
        ("henkilöstön kulut", ["Henkilöstökulut"]),
        ("palkat", ["Henkilöstökulut"]),
        ("palkkakuluihin", ["Henkilöstökulut"]),
        ("palkkoihin", ["Henkilöstökulut"]),
        ("ostopalveluihin", ["Palvelujen ostot"]),
        ("palvelujen ostot", ["Palvelujen ostot"]),
        ("palveluiden ostoihin", ["Palvelujen ostot"]),
        ("tarvikkeisiin", ["Aineet, tarvikkeet ja tavarat"]),
        ("tuet ja avustukset", ["Tuet ja avustukset"]),
        ("avustuksiin", ["Avustukset"]),
        ("muut toimintakulut", ["Muut toimintakulut"]),
        ("muihin kuluihin", ["Muut toimintakulut"]),
        ("toimintakulut", ["Toimintakulut"]),
        ("toimintatuottoja", ["Toimintatuotot"]),
        ("maksutuotot", ["Maksutuotot"]),
        ("asiakasmaksuista", ["Maksutuotot"]),
        ("myyntituotot", ["Myyntituotot"]),
        ("toimintakate", ["Toimintakate"]),
        ("vuosikatteen", ["Vuosikate"]),
        ("poistot", ["Poistot ja arvonalentumiset"]),
        ("tilikauden tulos", ["Tilikauden tulos"]),
        ("menot", [COSTS]),
        ("kuluihin", [COSTS]),
        ("kustannukset", [COSTS]),
        ("tulot", [REVENUE]),
        ("tuotoista", [REVENUE]),
        ("tuloslaskelma", []),  # a table name, not revenue
        ("nettomenot", [NET]),
        ("budjetti", [BUDGET]),
        ("määrärahat", [BUDGET]),
        ("maararahaa", [BUDGET]),
        ("maksaa", [SPEND]),
        ("investointeihin", [INVESTMENTS]),
        ("kouluruoka", []),
        # correctly spelt words that look like misspelt rows: "toiminta" + a case ending is not "toimintakate"
        ("toimintaan", []),
        ("toimintaa", []),
        ("henkilöstöä", []),
        ("toimintakatteet", ["Toimintakate"]),
        ("toimintakatte", ["Toimintakate"]),  # a letter missing
    ],
)
def test_find_items(text: str, expected: list[str]) -> None:
    assert items(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("teknisen toimialan", ["tekninen toimiala"]),
        ("tekniselle lautakunnalle", ["tekninen toimiala"]),
        ("sosiaali- ja terveyspalvelut", ["sosiaali- ja terveyspalvelut"]),
        ("soten", ["sosiaali- ja terveyspalvelut"]),
        ("hyvinvointialueen", ["hyvinvointialue"]),
        ("koko kaupungin", ["koko kaupunki"]),
        ("terveyden edistäminen", []),
        ("hyvinvointitoimialan", []),
        ("Heinolan verotulot", ["koko kaupunki"]),
        ("valtionosuudet", ["koko kaupunki"]),
    ],
)
def test_find_outside(text: str, expected: list[str]) -> None:
    assert list(dict.fromkeys(m.value for m in find_outside(text))) == expected


@pytest.mark.parametrize(
    ("text", "years", "kinds"),
    [
        ("vuonna 2024", [2024], [None]),
        ("TA 2025", [2025], ["TA"]),  # as written; whether the column exists is checked later
        ("ts2026", [2026], ["TS"]),
        ("TP-2022", [2022], ["TP"]),
        ("2024–2026", [2024, 2026], [None, None]),
        ("2024-26", [2024, 2026], [None, None]),
        ("ensi vuonna", [2025], [None]),
        ("tana vuonna", [2024], [None]),
        ("viime vuonna", [2023], [None]),
        ("edellisvuoteen", [2023], [None]),
        ("1.8.2024 alkaen", [], []),  # a date, not a column
        ("CAF2020-asiakirja", [], []),  # a code, not a year
        ("32 611 450 euroa", [], []),
    ],
)
def test_find_years(text: str, years: list[int], kinds: list[str | None]) -> None:
    found = find_years(text)
    assert [m.year for m in found] == years
    assert [m.kind for m in found] == kinds


@pytest.mark.parametrize(
    ("text", "expected"),
    [("tilinpäätöksessä", ("TP",)), ("toteuma", ("TP",)), ("talousarviossa", ("TA",)), ("taloussuunnitelman", ("TS",)), ("budjetti", ())],
)
def test_find_kinds(text: str, expected: tuple[str, ...]) -> None:
    assert find_kinds(text) == expected


@pytest.mark.parametrize(("year", "label"), [(2022, "TP 2022"), (2023, "TA 2023"), (2024, "TA 2024"), (2025, "TS 2025"), (2026, "TS 2026")])
def test_column_for_year(year: int, label: str) -> None:
    column = column_for_year(year)
    assert column is not None and column.label == label


@pytest.mark.parametrize("year", [2019, 2021, 2027, 2030])
def test_no_column_outside_the_plan(year: int) -> None:
    assert column_for_year(year) is None


def test_plan_columns_in_order() -> None:
    assert plan_columns() == tuple(Column(y, k) for y, k in ((2022, "TP"), (2023, "TA"), (2024, "TA"), (2025, "TS"), (2026, "TS")))


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("kitten", "sitting", 3), ("abcd", "acbd", 1), ("henkilosto", "henkilosto", 0), ("", "abc", 3), ("abc", "", 3)],
)
def test_osa_distance(a: str, b: str, distance: int) -> None:
    assert osa_distance(a, b, limit=5) == distance


def test_prefix_distance_ignores_the_inflected_tail() -> None:
    assert (prefix_distance("varhaiskasvtuksen", "varhaiskasvat", 1), prefix_distance("xyzzy", "varhaiskasvat", 1)) == (1, 2)


@pytest.mark.parametrize(
    ("pattern", "token", "matches"),
    [
        ("*kirjasto", "kirjastoauto", True),
        ("*kirjasto", "aluekirjasto", True),
        ("kirjasto", "aluekirjasto", False),  # no compound match without '*'
        ("=vaka|vakan", "vakan", True),
        ("=vaka|vakan", "vakanssi", False),
        ("hyte", "hyt", False),  # short stems tolerate no typos
    ],
)
def test_pattern_score(pattern: str, token: str, matches: bool) -> None:
    assert (pattern_score(pattern, token) > 0) is matches


def test_tokenize_folds_and_splits() -> None:
    assert tokenize("Päiväkotien MENOT 2024–2026, hyte-palvelualue!") == ("paivakotien", "menot", "2024", "2026", "hyte", "palvelualue")


@given(st.text(max_size=300))
def test_vocabulary_never_raises(text: str) -> None:
    find_areas(text)
    find_items(text)
    find_outside(text)
    find_kinds(text)
    for mention in find_years(text):
        assert 1900 <= mention.year <= 2099


@pytest.mark.parametrize(
    ("token", "stem", "expected"),
    [
        ("toimintaan", "toimintakat", True),  # toiminta + an
        ("henkilostoa", "henkilostokul", True),  # henkilöstö + a
        ("tuloissa", "tuloslaskelm", True),
        ("henklostokulut", "henkilostokul", False),  # a misspelling, not another word
        ("toimintakte", "toimintakat", False),
    ],
)
def test_plain_inflection_of_part(token: str, stem: str, expected: bool) -> None:
    assert plain_inflection_of_part(token, stem) is expected


@pytest.mark.parametrize(("text", "typo"), [("tuloihin", False), ("tiloihin", True), ("henkilöstökulut", False), ("henklöstökulut", True)])
def test_mentions_say_when_they_needed_a_typo(text: str, typo: bool) -> None:
    (mention,) = find_items(text)
    assert mention.typo is typo


def test_the_areas_full_name_is_one_mention() -> None:
    (mention,) = find_areas("virikkeellisen elämän palvelualuejohtaja")
    assert (mention.value, mention.words) == ("VIRE", "virikkeellisen elaman")
