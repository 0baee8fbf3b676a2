"""Reading questions as figure queries: every operation, the defaults, and what cannot be answered."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.tools.figures import FigureQuery, FigureReading, Impossible, NotFigure, Unsettled
from assistant.types import Answer
from tests.assistant.tools.figures.conftest import AREAS, BOARD, TA23, TA24, TP22, TS25, TS26

Query = Callable[[str], FigureQuery]
Read = Callable[[str], FigureReading]
Ask = Callable[[str], Answer]


def shape(q: FigureQuery) -> tuple[object, ...]:
    return (q.operation, q.rows, q.areas, q.columns)


@pytest.mark.parametrize(
    ("question", "rows", "areas", "columns"),
    [
        ("Mitkä ovat varhaiskasvatuksen henkilöstökulut TS 2025:ssä?", ("Henkilöstökulut",), ("VAKA",), (TS25,)),
        ("paljonko varhaiskasvtuksen palkat ovat ensi vuonna", ("Henkilöstökulut",), ("VAKA",), (TS25,)),
        ("Paljonko päiväkodit maksavat 2026?", ("Toimintakulut",), ("VAKA",), (TS26,)),
        ("Mitkä olivat kirjaston menot tilinpäätöksessä?", ("Toimintakulut",), ("VIRE",), (TP22,)),
        ("Paljonko palkkoihin menee opetuksessa 2023?", ("Henkilöstökulut",), ("OPKOU",), (TA23,)),
        ("Mikä on hyten budjetti?", ("Toimintakulut", "Toimintatuotot", "Toimintakate"), ("HYTE",), (TA24,)),
        ("Mikä on toimialan toimintakate TS 2025?", ("Toimintakate",), (BOARD,), (TS25,)),
        ("Paljonko tuloja hyvinvointilautakunnalla on tänä vuonna?", ("Tulot",), (BOARD,), (TA24,)),
        ("Mitkä ovat koulujen nettomenot viime vuonna?", ("Toimintakate",), ("OPKOU",), (TA23,)),
        ("Mitkä ovat toimialan tulot ja menot?", ("Tulot", "Menot"), (BOARD,), (TA24,)),
        ("Paljonko hyvinvointilautakunnan varhaiskasvatuksen kulut ovat?", ("Toimintakulut",), ("VAKA",), (TA24,)),
        ("Mitkä ovat varhaiskasvatuksen menot vuosina 2024-2026?", ("Toimintakulut",), ("VAKA",), (TA24, TS25, TS26)),
        ("Paljonko investoinneille on budjetoitu 2025?", ("Investoinnit: Menot",), (BOARD,), (TS25,)),
        ("palvelualueittain henkilöstökulut 2023", ("Henkilöstökulut",), AREAS, (TA23,)),
        ("Paljonko HYTE:n menot ovat TS 2026:ssa?", ("Toimintakulut",), ("HYTE",), (TS26,)),
        ("mikä on nuorisotyön nettokustannus 2025", ("Toimintakate",), ("VIRE",), (TS25,)),
        ("paljonko koulut käyttää henkilöstöön 2023", ("Henkilöstökulut",), ("OPKOU",), (TA23,)),
        # investments are a table of their own: the costs "ilman investointeja" are the costs as they stand
        ("toimialan menot ilman investointeja 2026", ("Menot",), (BOARD,), (TS26,)),
        ("paljonko hyten palvelujenostot on 2025", ("Palvelujen ostot",), ("HYTE",), (TS25,)),  # written as one word
        # an area and a row in one compound: the area's stem, then the row's head
        ("paljonko opetuskulut ovat 2025", ("Toimintakulut",), ("OPKOU",), (TS25,)),
        ("varhaiskasvatusmaksut 2026", ("Maksutuotot",), ("VAKA",), (TS26,)),  # the stem runs on: "varhaiskasvat|us"
    ],
)
def test_lookup(query: Query, question: str, rows: tuple[str, ...], areas: tuple[str, ...], columns: tuple) -> None:
    assert shape(query(question)) == ("lookup", rows, areas, columns)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("mikä palvelualue sai eniten myyntituottoja 2023", ("Myyntituotot",)),
        ("paljonko toimialan tuloista tulee myynnistä 2024", ("Myyntituotot",)),
        ("muiden toimintatuottojen määrä vakassa 2024", ("Muut toimintatuotot",)),
        ("mitkä ovat toimialan kulut palvelujen ostoihin 2025", ("Palvelujen ostot",)),
        ("paljonko kuluja aineista ja tarvikkeista tulee kouluille 2024", ("Aineet, tarvikkeet ja tavarat",)),
        ("toimialan rahoitustuotot ja -kulut 2022", ("Rahoitustuotot ja -kulut",)),
        ("Mitkä ovat toimialan tulot ja henkilöstökulut 2024?", ("Tulot", "Henkilöstökulut")),
    ],
)
def test_a_named_row_wins_over_the_concept_it_repeats(query: Query, question: str, rows: tuple[str, ...]) -> None:
    assert query(question).rows == rows


@pytest.mark.parametrize(
    ("question", "defaults"),
    [
        ("Paljonko museon kulut ovat?", ("column",)),
        ("Paljonko henkilöstökulut ovat 2025?", ("area",)),
        ("henkilöstökulut", ("area", "column")),
    ],
)
def test_defaults_are_recorded(query: Query, question: str, defaults: tuple[str, ...]) -> None:
    reading = query(question)
    assert reading.defaults == defaults
    assert (BOARD in reading.areas) == ("area" in defaults) and (reading.columns == (TA24,)) == ("column" in defaults)


@pytest.mark.parametrize(
    ("question", "note"),
    [("Paljonko kirjaston kulut ovat?", "Kirjasto"), ("uimahallin menot 2025", "Uimahalli"), ("nuorisotyön kulut", "Nuorisotyö")],
)
def test_a_sub_service_is_its_area_with_a_note(query: Query, question: str, note: str) -> None:
    reading = query(question)
    assert reading.areas == ("VIRE",) and [n.name for n in reading.notes] == [note]


@pytest.mark.parametrize("question", ["peruskoulujen menot 2024", "paljonko yläkoulu maksaa", "alakoulun henkilöstökulut"])
def test_the_everyday_names_of_basic_education_are_its_sub_service(query: Query, question: str) -> None:
    reading = query(question)
    assert reading.areas == ("OPKOU",) and [n.name for n in reading.notes] == ["Perusopetus"]


@pytest.mark.parametrize(
    ("question", "columns"),
    [
        ("Miten opetuksen menot muuttuvat 2023-2024?", (TA23, TA24)),
        ("Paljonko varhaiskasvatuksen kulut kasvavat ensi vuonna?", (TA24, TS25)),
        ("Kuinka paljon henkilöstökulut nousevat vuodesta 2022 vuoteen 2026?", (TP22, TS26)),
        ("Paljonko hyten kulut ovat 2025 verrattuna edellisvuoteen?", (TA24, TS25)),
        ("koulujen kulujen muutos 2026 vs 2024", (TA24, TS26)),
        ("onko menot suuremmat 2026 kuin 2025", (TS25, TS26)),
        ("paljonko kirjaston kulut nousee kahtena seuraavana vuonna", (TA24, TS26)),  # from the year before them
        ("paljonko opetuksen kulut muuttuvat kolmessa vuodessa", (TA24, TS26)),  # the plan year and the next two
    ],
)
def test_change(query: Query, question: str, columns: tuple) -> None:
    reading = query(question)
    assert (reading.operation, reading.columns) == ("change", columns)


def test_a_change_without_years_asks_which_years(read: Read) -> None:
    reading = read("Paljonko koulujen menot kasvavat?")
    assert isinstance(reading, Unsettled) and reading.missing == ("vuodet",)
    assert len(reading.suggestions) == 3 and all(s.operation == "change" and s.areas == ("OPKOU",) for s in reading.suggestions)


@pytest.mark.parametrize(
    ("question", "columns"),
    [
        ("Miten varhaiskasvatuksen kulut kehittyvät?", (TP22, TA23, TA24, TS25, TS26)),
        ("miten toimialan tulot kehittyvät vuodesta 2024 vuoteen 2026", (TA24, TS25, TS26)),
        ("kirjaston menot vuosittain", (TP22, TA23, TA24, TS25, TS26)),
        ("miten hyten tulot kehittyvät vuodesta 2024 eteenpäin", (TA24, TS25, TS26)),
        ("Miten hyten menot muuttuvat?", (TP22, TA23, TA24, TS25, TS26)),
        ("miten hyvinvointilautakunnan toimintakate kehittyy 2022-2026", (TP22, TA23, TA24, TS25, TS26)),
    ],
)
def test_trend(query: Query, question: str, columns: tuple) -> None:
    reading = query(question)
    assert (reading.operation, reading.columns) == ("trend", columns)


@pytest.mark.parametrize(
    ("question", "rows", "areas", "columns", "along"),
    [
        ("Paljonko varhaiskasvatus ja opetus maksavat yhteensä 2024?", ("Toimintakulut",), ("VAKA", "OPKOU"), (TA24,), "areas"),
        ("Paljonko kirjaston kulut ovat yhteensä 2024–2026?", ("Toimintakulut",), ("VIRE",), (TA24, TS25, TS26), "columns"),
        ("Paljonko toimialan maksu- ja myyntituotot ovat yhteensä 2023?", ("Maksutuotot", "Myyntituotot"), (BOARD,), (TA23,), "rows"),
        # HYTE's table prints no depreciation: all areas are those that have the row
        ("kaikkien palvelualueiden poistot yhteensä 2025", ("Poistot ja arvonalentumiset",), ("OPKOU", "VAKA", "VIRE"), (TS25,), "areas"),
        # a vague "budjetti" summed is its costs: costs, revenue and their net added together mean nothing
        ("paljonko toimialan budjetti on yhteensä 2025-2026", ("Menot",), (BOARD,), (TS25, TS26), "columns"),
        ("vireen budjetti yhteensä 2024 ja 2025", ("Toimintakulut",), ("VIRE",), (TA24, TS25), "columns"),
        ("paljonko vakan kulut on yhteensä kolmena vuonna", ("Toimintakulut",), ("VAKA",), (TA24, TS25, TS26), "columns"),
        ("hyten menot yhteensä kahden seuraavan vuoden aikana", ("Toimintakulut",), ("HYTE",), (TS25, TS26), "columns"),
    ],
)
def test_sum(query: Query, question: str, rows: tuple, areas: tuple, columns: tuple, along: str) -> None:
    reading = query(question)
    assert (*shape(reading), reading.along) == ("sum", rows, areas, columns, along)


@pytest.mark.parametrize(
    ("question", "areas", "columns", "along"),
    [
        ("Paljonko toimialan tulot ovat keskimäärin vuodessa 2023-2025?", (BOARD,), (TA23, TA24, TS25), "columns"),
        ("Mitkä ovat opetuksen menot keskimäärin vuotta kohti?", ("OPKOU",), (TP22, TA23, TA24, TS25, TS26), "columns"),
        ("paljonko palvelualueilla on keskimäärin henkilöstökuluja 2025", AREAS, (TS25,), "areas"),
        # "palvelualueen" right after the area names that area, it does not ask over all areas
        ("paljonko vakan palvelualueen menot ovat keskimäärin vuodessa", ("VAKA",), (TP22, TA23, TA24, TS25, TS26), "columns"),
        # several areas with one year: their mean that year, not each one's mean over all the years
        ("paljonko vakan ja museon menot ovat keskimäärin 2025", ("VAKA", "VIRE"), (TS25,), "areas"),
    ],
)
def test_average(query: Query, question: str, areas: tuple, columns: tuple, along: str) -> None:
    reading = query(question)
    assert (reading.operation, reading.areas, reading.columns, reading.along) == ("average", areas, columns, along)


@pytest.mark.parametrize(
    ("question", "rows", "areas", "along"),
    [
        # a line item of an area's total, in either word order
        ("kuinka suuri osa varhaiskasvatuksen kuluista on henkilöstökuluja 2025", ("Henkilöstökulut", "Toimintakulut"), ("VAKA",), "rows"),
        ("montako prosenttia palvelujen ostot ovat koulujen toimintakuluista 2024", ("Palvelujen ostot", "Toimintakulut"), ("OPKOU",), "rows"),
        ("maksutuottojen osuus vireen tuloista 2024", ("Maksutuotot", "Toimintatuotot"), ("VIRE",), "rows"),
        # the board's "menot" is its operating costs: the part is the row named, never the whole's own row
        ("kuinka suuri osa toimialan menoista on palvelujen ostoja 2025", ("Palvelujen ostot", "Toimintakulut"), (BOARD,), "rows"),
        # an area of the whole board
        ("Kuinka suuri osa toimialan menoista on kirjaston 2024?", ("Toimintakulut",), ("VIRE", BOARD), "areas"),
        ("montako prosenttia toimialan henkilöstökuluista on hyten 2024", ("Henkilöstökulut",), ("HYTE", BOARD), "areas"),
        ("mikä on varhaiskasvatuksen osuus 2024 henkilöstökuluista", ("Henkilöstökulut",), ("VAKA", BOARD), "areas"),
        # the investments of a year: of the operating costs, and of the whole period
        ("montako prosenttia investoinnit ovat toimialan menoista 2025", ("Investoinnit: Menot", "Menot"), (BOARD,), "rows"),
        ("kuinka suuri osa investoinneista on vuodelle 2024", ("Investoinnit: Menot",), (BOARD,), "columns"),
        # one row in proportion to another ("suhteessa", "suhde")
        ("paljonko hyte saa tuloja suhteessa kuluihin 2025", ("Toimintatuotot", "Toimintakulut"), ("HYTE",), "rows"),
    ],
)
def test_share(query: Query, question: str, rows: tuple, areas: tuple, along: str) -> None:
    reading = query(question)
    assert (reading.operation, reading.rows, reading.areas, reading.along) == ("share", rows, areas, along)


@pytest.mark.parametrize(
    ("question", "columns"),
    [
        ("paljonko vireen menot ovat muuttuneet viime vuodesta", (TA23, TA24)),  # from the year named to the plan's
        ("kuinka paljon hyten tulot kasvaa vuodesta 2022", (TP22, TA24)),
        ("paljonko opetuksen menot muuttuvat 2025:stä", (TS25, TS26)),  # after the plan's year: to the next
        ("paljonko vireen menot muuttui viime vuonna", (TP22, TA23)),  # the change within that year, as ever
    ],
)
def test_a_change_from_a_year_named_in_the_elative_runs_from_it(query: Query, question: str, columns: tuple) -> None:
    reading = query(question)
    assert (reading.operation, reading.columns) == ("change", columns)


def test_a_share_is_not_read_as_a_change(query: Query) -> None:
    reading = query("kuinka monta prosenttia koulujen menoista on palvelujen ostoja 2025")
    assert (reading.operation, reading.columns) == ("share", (TS25,))


@pytest.mark.parametrize(
    ("question", "rows", "areas", "along"),
    [
        ("paljonko enemmän varhaiskasvatuksella on menoja kuin vireellä 2024", ("Toimintakulut",), ("VAKA", "VIRE"), "areas"),
        ("mikä on koulujen ja hyten henkilöstökulujen erotus 2026", ("Henkilöstökulut",), ("OPKOU", "HYTE"), "areas"),
        ("Kummalla on suuremmat tulot 2023, vakalla vai opkoulla?", ("Toimintatuotot",), ("VAKA", "OPKOU"), "areas"),
        ("kuinka paljon vähemmän toimialalla on avustuksia kuin palvelujen ostoja 2024",
         ("Avustukset", "Palvelujen ostot"), (BOARD,), "rows"),
        # "A ilman B": one row less another, not a row that is missing
        ("opetuksen toimintakulut ilman henkilöstökuluja 2025", ("Toimintakulut", "Henkilöstökulut"), ("OPKOU",), "rows"),
    ],
)
def test_difference(query: Query, question: str, rows: tuple, areas: tuple, along: str) -> None:
    reading = query(question)
    assert (reading.operation, reading.rows, reading.areas, reading.along, len(reading.columns)) == (
        "difference", rows, areas, along, 1)


def test_an_operation_without_a_row_asks_which_figure(read: Read) -> None:
    reading = read("paljonko ne pienenevät?")
    assert isinstance(reading, Unsettled) and "rivi" in reading.missing
    assert {s.rows for s in reading.suggestions} == {("Menot",), ("Tulot",), ("Netto",)}
    assert all(s.operation == "change" and len(s.columns) == 2 for s in reading.suggestions)


def test_a_difference_with_one_side_asks_what_to_compare_with(read: Read) -> None:
    reading = read("paljonko enemmän vireellä on maksutuottoja 2024")
    assert isinstance(reading, Unsettled) and reading.missing == ("vertailukohde",)
    assert {s.areas for s in reading.suggestions} == {("VIRE", "OPKOU"), ("VIRE", "VAKA")}  # HYTE has no such row


@pytest.mark.parametrize(
    ("question", "along", "order", "top", "measure"),
    [
        ("Millä palvelualueella on suurimmat henkilöstökulut?", "areas", "desc", None, "amount"),
        ("Mikä palvelualue saa vähiten tuloja 2025?", "areas", "asc", None, "amount"),
        ("Mikä on varhaiskasvatuksen suurin kuluerä?", "rows", "desc", None, "amount"),
        ("Mihin kirjastossa menee eniten rahaa?", "rows", "desc", None, "amount"),
        ("kaksi suurinta kuluerää opetuksessa 2025", "rows", "desc", 2, "amount"),
        ("mitkä kaksi aluetta saa eniten myyntituottoja 2026", "areas", "desc", 2, "amount"),
        ("mikä palvelualue on kallein 2025", "areas", "desc", None, "amount"),  # the most and the costs at once
        ("mikä palvelualue oli halvin 2023", "areas", "asc", None, "amount"),
        ("mikä oli hyten kallein vuosi", "columns", "desc", None, "amount"),
        ("millä palvelualueella on eniten menoja vuonna 2025", "areas", "desc", None, "amount"),  # the figures' year
        ("millä alueella on kolmanneksi pienimmät tulot 2026", "areas", "asc", 3, "amount"),  # the third (of three shown)
        ("mikä vireen kuluerä kasvaa eniten 2023-2025", "rows", "desc", None, "change"),  # rows by their change
        ("minä vuonna vakan menot ovat pienimmät", "columns", "asc", None, "amount"),
        ("mikä on isoin kuluerä", "rows", "desc", None, "amount"),
        ("kumman menot kasvavat vähemmän 2024-2026, vireen vai hyten", "areas", "asc", None, "change"),  # which of two  # no area named: the board's rows, not its areas
        ("mikä tuloerä pienenee eniten 2024-2026", "rows", "asc", None, "change"),
        ("Millä palvelualueella henkilöstökulut kasvavat eniten 2023-2024?", "areas", "desc", None, "change"),
        ("missä palvelualueessa menot kasvavat prosentteina eniten 2024-2025", "areas", "desc", None, "percent"),
        ("millä palvelualueella tulot vähenevät eniten 2024-2025", "areas", "asc", None, "change"),
    ],
)
def test_ranking(query: Query, question: str, along: str, order: str, top: int | None, measure: str) -> None:
    reading = query(question)
    assert (reading.operation, reading.along, reading.order, reading.top, reading.measure) == (
        "ranking", along, order, top, measure)
    assert reading.nth == ("kolmanneksi" in question or "toiseksi" in question)  # a place, not the first few


@pytest.mark.parametrize(
    ("question", "order"),
    [
        ("mikä alue ostaa eniten palveluja 2025", "desc"),
        ("millä alueella ostetaan vähiten palveluita 2024", "asc"),
    ],
)
def test_row_read_across_an_operation_word(query: Query, question: str, order: str) -> None:
    """'eniten' between the verb and the noun of a row's name says how the row is asked; the row stays named."""
    reading = query(question)
    assert (reading.operation, reading.rows, reading.along, reading.order) == ("ranking", ("Palvelujen ostot",), "areas", order)


@pytest.mark.parametrize(
    ("question", "areas", "negated"),
    [
        ("millä palvelualueilla ei ole maksutuottoja", AREAS, True),
        ("minkä palvelualueen taulukossa ei ole vuosikatetta", AREAS, True),
        ("onko hyten taulukossa poistoja ollenkaan", ("HYTE",), False),
        ("onko vireellä rahoitustuottoja ja -kuluja 2024", ("VIRE",), False),
    ],
)
def test_existence(query: Query, question: str, areas: tuple, negated: bool) -> None:
    reading = query(question)
    assert (reading.operation, reading.areas, reading.negated) == ("existence", areas, negated)


def test_existence_in_one_named_area_asks_that_area_only(query: Query) -> None:
    reading = query("onko vireen palvelualueella lainkaan tukia ja avustuksia")
    assert (reading.operation, reading.areas) == ("existence", ("VIRE",))


def test_existence_without_a_year_looks_at_every_column(query: Query) -> None:
    reading = query("onko opetuksella koskaan ollut rahoituskuluja")
    assert (reading.operation, reading.areas, reading.columns, reading.defaults) == (
        "existence", ("OPKOU",), (TP22, TA23, TA24, TS25, TS26), ("columns",))


@pytest.mark.parametrize(
    ("question", "row", "area"),
    [
        ("mistä toimintakate koostuu", "Toimintakate", BOARD),
        ("Mistä varhaiskasvatuksen tilikauden tulos muodostuu 2025?", "Tilikauden tulos", "VAKA"),
        ("miten toimialan netto lasketaan", "Netto", BOARD),
        ("mistä opetuksen kulut koostuvat", "Toimintakulut", "OPKOU"),
        ("mitä vakan toimintakate tarkoittaa", "Toimintakate", "VAKA"),  # what a row means: what it is made of
    ],
)
def test_identity(query: Query, question: str, row: str, area: str) -> None:
    reading = query(question)
    assert (reading.operation, reading.rows, reading.areas) == ("identity", (row,), (area,))


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Paljonko Kirkkiksen koulu maksaa 2024?", ("Kirkkiksen koulu",)),
        ("paljonko tommola-talon menot ovat", ("Tommola-talo",)),
        ("paljonko oppilasruokailu maksaa", ("oppilasruokailu",)),
        ("Paljonko opetus maksaa oppilasta kohden?", ("oppilasta", "kohden")),
        ("paljonko kaupunginmuseon kulut ovat 2024", ("Heinolan kaupunginmuseo",)),  # named as the plan prints it
        ("paljonko koulukyydit maksavat", ("koulukyydit",)),
        ("varhaiskasvatuksen investoinnit 2025", ("Varhaiskasvatus: investoinnit",)),
        ("museo-oppaan palkka 2024", ("museo-oppaan",)),
        ("paljonko opetuksen vuokratuotot ovat 2025", ("vuokratuotot",)),  # a kind of income, head of the word
        ("vaka siivouskulut 2024", ("siivouskulut",)),
        ("frisbeegolfradan menot 2025", ("frisbeegolfradan",)),  # whose costs, in the genitive before the row
        ("frisbeegolfradan uusimisen kustannukset", ("frisbeegolfradan",)),  # among the genitives before it
        ("frisbeegolfradan rakentamisen hinta", ("frisbeegolfradan",)),  # the price of a thing, no area named
        ("paljonko museon kattoremontti maksaa", ("museon kattoremontti",)),  # named with its area's genitive
        ("mitä bändikämppä maksaa vuodessa", ("bändikämppä",)),  # "mitä … maksaa": its price
        ("mitä kirjaston uudistaminen maksaa 2025", ("Kirjaston uudistaminen",)),  # a project the prose names
        ("kaupungin museon menot ensi vuonna", ("Heinolan kaupunginmuseo",)),  # a one-word name written apart
        ("raviradan pukutilan hinta", ("Kippikselle", "pukutilan")),  # the place's other name, printed with a slash
        ("liikuntapaikkojen siivous kulut 2025", ("liikuntapaikkojen siivous",)),  # its genitive is no second thing
    ],
)
def test_narrower_than_a_row_is_not_itemised(read: Read, question: str, words: tuple[str, ...]) -> None:
    reading = read(question)
    assert isinstance(reading, Impossible) and (reading.reason, reading.values) == ("not_itemised", words)
    assert reading.fallback is not None  # the area's figure, offered clearly labelled


def test_a_thing_not_itemised_in_a_question_left_unsettled_offers_no_figure(read: Read, ask: Ask) -> None:
    """"paljonko opettajien palkat on enemmän" compares with nothing: no area's figure stands in for the answer."""
    reading = read("paljonko opettajien palkat on enemmän")
    assert isinstance(reading, Impossible) and (reading.reason, reading.fallback) == ("not_itemised", None)
    assert ask("paljonko opettajien palkat on enemmän").kind == "not_found"  # answered, not raised


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("kummalla on isommat menot 2025, uimahallilla vai jäähallilla", ("Jäähalli", "Uimahalli")),
        ("mikä osuus vireen kuluista menee museolle", ("Museotoiminta",)),
    ],
)
def test_sub_services_of_one_area_set_against_each_other_have_no_figures(read: Read, question: str, words: tuple[str, ...]) -> None:
    reading = read(question)  # the area's one total would answer neither
    assert isinstance(reading, Impossible) and (reading.reason, reading.values, reading.fallback) == ("not_itemised", words, None)


@pytest.mark.parametrize(
    "question",
    ["paljonko enemmän päiväkodit maksaa kuin koulut 2024", "kuinka suuri osa lukion kuluista on henkilöstökuluja 2024"],
)
def test_sub_services_of_different_areas_or_rows_of_one_are_read_on_their_areas(query: Query, question: str) -> None:
    reading = query(question)
    assert reading.operation in ("difference", "share") and reading.notes


def test_money_spent_is_the_costs_not_the_whole_budget(query: Query) -> None:
    reading = query("paljonko kaupunki käyttää rahaa nuorisopalveluihin 2025")
    assert reading.rows == ("Toimintakulut",) and reading.areas == ("VIRE",)


def test_what_something_costs_asks_its_figure(read: Read) -> None:
    reading = read("mitä kirkkiksen koulu maksaa kuukaudessa")  # "mitä … maksaa": a price, not prose about the school
    assert isinstance(reading, Impossible) and reading.reason == "not_itemised"


def test_a_unit_is_named_once_with_its_head_noun(read: Read) -> None:
    reading = read("paljonko aschanin talon lämmitys maksaa 2025")  # "talon" is the name's own head noun
    assert isinstance(reading, Impossible) and reading.values == ("Lääninkivalteri Aschanin talo", "lämmitys")


def test_a_thing_the_prose_of_one_area_tells_of_is_offered_that_areas_figure(read: Read, corpus) -> None:
    told = {u.section_id.rpartition("/")[2].upper() for u in corpus.units if u.kind == "sentence" and "bändikämpp" in u.text}
    reading = read("mitä bändikämppä maksaa vuodessa")
    assert isinstance(reading, Impossible) and reading.fallback is not None
    assert len(told) == 1 and reading.fallback.areas == tuple(told)
    nowhere = read("paljonko frisbeegolfrata maksaa")  # the plan never tells of it: the board's, labelled
    assert isinstance(nowhere, Impossible) and nowhere.fallback is not None and nowhere.fallback.areas == (BOARD,)


def test_a_compound_spelt_right_is_no_typo_of_a_row(read: Read) -> None:
    # "henkilöstöpulaa" (staff shortage) is one edit from the stem of "henkilöstökulut"
    assert isinstance(read("onko varhaiskasvatuksessa henkilöstöpulaa"), NotFigure)
    assert isinstance(read("henkilstökulut 2025"), FigureQuery)  # a misspelt row still is the row


@pytest.mark.parametrize("question", ["paljonko opetuksesta leikataan 2025", "paljonko vakasta säästetään vuonna 2025"])
def test_money_cut_from_an_area_is_the_change_of_its_costs(query: Query, question: str) -> None:
    reading = query(question)  # no row named: what is cut is spending
    assert (reading.operation, reading.rows) == ("change", ("Toimintakulut",)) and reading.columns == (TA24, TS25)


def test_a_reason_asked_is_no_figure_question(read: Read) -> None:
    assert isinstance(read("miksi lapsimäärä vähenee"), NotFigure)  # a change word, and a count that is no row
    assert isinstance(read("paljonko lapsimäärä vähenee"), Unsettled)  # the same words asking an amount ask back


def test_a_compound_of_an_area_and_no_row_names_a_thing_in_the_area(read: Read) -> None:
    reading = read("paljonko kirjastoauto maksaa")  # "auto" is no row: the bus is not itemised
    assert isinstance(reading, Impossible) and reading.values == ("kirjastoauto",)


def test_a_word_sharing_only_a_short_beginning_with_the_prose_is_told_nowhere(read: Read, corpus) -> None:
    # "vuokriin" (rents) and the prose's "vuoksi" (because of) share four letters; "riin" is no ending
    shared = {u.section_id for u in corpus.units if u.kind == "sentence" and "vuoksi" in u.text.lower()}
    reading = read("paljonko vuokriin menee")
    assert shared and isinstance(reading, Impossible) and reading.fallback is not None
    assert reading.fallback.areas == (BOARD,)


def test_money_a_unit_costs_the_town_is_the_units_not_the_towns(read: Read) -> None:
    reading = read("paljonko kailaan koulu maksaa kaupungille vuodessa")  # "kaupungille": who pays, not whose figures
    assert isinstance(reading, Impossible) and (reading.reason, reading.values) == ("not_itemised", ("Kailaan koulu",))
    assert reading.fallback is not None and reading.fallback.areas == ("OPKOU",)
    town = read("paljonko kaupungille jää rahaa vuonna 2025")
    assert isinstance(town, Impossible) and town.reason == "outside_board"


@pytest.mark.parametrize(
    ("question", "units"),
    [
        ("paljonko tommola-talon sähkölasku on", ("Tommola-talo",)),  # an amount, though no row of the tables
        ("onko kailaan koululle rahaa ensi vuodelle", ("Kailaan koulu",)),  # money, asked yes or no
        ("mitä tommola-talolle tapahtuu 2026", ()),  # what happens: not an amount
        ("paljonko hyvinvointikertomus maksaa", ()),  # no unit of the plan's
    ],
)
def test_units_asked_an_amount_of(tool, analyser, question: str, units: tuple[str, ...]) -> None:
    assert tool.units_asked(analyser.analyse(question)) == units


def test_comparing_words_say_a_spending_verb_means_the_costs(query: Query) -> None:
    reading = query("kumpi maksaa vähemmän, vire vai hyte")
    assert reading.operation == "difference" and set(reading.areas) == {"VIRE", "HYTE"}


def test_a_column_kind_asked_of_an_area_is_its_headline_figures_there(query: Query) -> None:
    reading = query("mikä oli vireen tilinpäätös 2022")  # as "vireen budjetti 2024" is for the budget
    assert (reading.operation, reading.areas, reading.columns) == ("lookup", ("VIRE",), (TP22,))
    assert reading.rows == ("Toimintakulut", "Toimintatuotot", "Toimintakate")


@pytest.mark.parametrize("question", ["paljonko vaka vie rahaa 2025", "montako prosenttia opetus vie toimialan menoista"])
def test_a_verb_of_taking_money_is_spending_not_a_thing(read: Read, question: str) -> None:
    assert isinstance(read(question), FigureQuery)


@pytest.mark.parametrize("word", ["kokonaismenot", "vuosimenot", "henkilöstömenot", "toimintamenot"])
def test_a_modifier_of_the_plans_own_words_keeps_the_row(read: Read, word: str) -> None:
    assert isinstance(read(f"paljonko ovat opetuksen {word} 2024"), FigureQuery)


def test_a_named_unit_falls_back_to_its_own_area(read: Read) -> None:
    reading = read("paljonko rainion päiväkoti maksaa 2025")
    assert isinstance(reading, Impossible) and reading.fallback is not None
    assert (reading.fallback.areas, reading.fallback.rows) == (("VAKA",), ("Toimintakulut",))


@pytest.mark.parametrize(
    ("question", "reason", "values"),
    [
        ("Paljonko kirjaston menot ovat vuonna 2028?", "year_outside_plan", ("2028",)),
        ("paljonko opetus maksoi 2020", "year_outside_plan", ("2020",)),
        ("Paljonko kulut kasvavat 2024-2029?", "year_outside_plan", ("2029",)),
        ("Paljonko teknisen toimialan budjetti on?", "outside_board", ("tekninen toimiala",)),
        ("Mitkä ovat soten menot?", "outside_board", ("sosiaali- ja terveyspalvelut",)),
        ("Mikä oli henkilöstökulujen tilinpäätös 2025?", "no_such_column", ("TP 2025",)),
        ("Mikä on varhaiskasvatuksen TA 2026?", "no_such_column", ("TA 2026",)),
        ("Paljonko kaupunki käyttää rahaa 2024?", "outside_board", ("koko kaupunki",)),
        ("Paljonko hyten maksutuotot ovat 2025?", "row_missing", ("Maksutuotot", "HYTE")),
    ],
)
def test_impossible(read: Read, question: str, reason: str, values: tuple[str, ...]) -> None:
    reading = read(question)
    assert isinstance(reading, Impossible) and (reading.reason, reading.values) == (reason, values)


@pytest.mark.parametrize(
    "question",
    [
        "Kuka vastaa harrastemallista?", "Mitä kirjastolle tapahtuu?", "Paljonko museokohteita on?", "Miksi menot pienenevät?",
        "Montako opettajaa opetuspalveluissa on?", "montako asiakasta kirjastossa käy", "Mitä investointeja tehdään?",
        "Sisältyvätkö museon menot vireen budjettiin?", "onko nuorisotyössä tarpeeksi rahaa ja ohjaajia 2025",
        "mikä on esiopetuksen asiakasmaksu",  # one fee is a price, not the fee revenue of the tables
        "miten koulujen henkilökuntaa koulutetaan 2024",  # a word of the language, no misspelt "henkilöstökulut"
        "mihin investoinnit menevät?",  # the tables give no parts of the investments: the prose tells
        "mihin eskari menee remontin ajaksi",  # "menee" goes somewhere: no money without a money word or "paljonko"
        "miten koulujen oppimateriaalit hankitaan",  # how something is done is no figure ("miten X kehittyy" is)
        "milloin kirjaston uudistaminen valmistuu",  # a project of the investments prose, asked no money of
    ],
)
def test_not_a_figure_question(read: Read, question: str) -> None:
    assert isinstance(read(question), NotFigure)


@pytest.mark.parametrize(
    "question",
    ["järjestä alueet henkilöstökulujen mukaan suurimmasta pienimpään 2024", "mitkä alueet ovat kalleimpia 2025"],
)
def test_a_superlative_ranks_in_any_case_form(query: Query, question: str) -> None:
    assert query(question).operation == "ranking"


@pytest.mark.parametrize("question", ["mihin varhaiskasvatuksen menot menevät 2024", "mistä hyten tulot tulevat 2025"])
def test_where_a_figure_goes_to_or_comes_from_is_its_parts_largest_first(query: Query, question: str) -> None:
    reading = query(question)
    assert (reading.operation, reading.along, reading.order) == ("ranking", "rows", "desc") and len(reading.rows) >= 2


def test_a_verb_the_tables_lack_is_no_thing_narrower_than_a_row(query: Query) -> None:
    reading = query("miten palkat jakautuvat palvelualueittain 2025")
    assert reading.rows == ("Henkilöstökulut",) and len(reading.areas) == 4


def test_the_words_that_set_each_slot_are_kept(query: Query) -> None:
    reading = query("Paljonko varhaiskasvatuksen henkilöstökulut kasvavat 2024-2026?")
    slots = {(w.slot, w.value): w.words for w in reading.words}
    assert slots[("areas", "VAKA")] == "varhaiskasvatuksen"
    assert slots[("rows", "Henkilöstökulut")] == "henkilostokulut"
    assert "kasvavat" in slots[("operation", "change")]


def _valid(reading: FigureReading) -> bool:
    if isinstance(reading, FigureQuery):
        return bool(reading.areas and reading.rows and reading.columns)
    return isinstance(reading, (NotFigure, Impossible, Unsettled))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_read_never_raises_on_arbitrary_text(read: Read, text: str) -> None:
    assert _valid(read(text))


_WORDS = st.sampled_from(
    "paljonko menot kulut tulot 2022 2024 2025 2027 TA TP TS ensi vuonna vaka opetus kirjasto hyte toimiala osuus "
    "eniten vähiten yhteensä muutos kasvaa verrattuna - – % € investoinnit budjetti palkat kumpi enemmän kuin ei "
    "koostuu keskimäärin kehittyy erotus kolme mistä millä palvelualueella".split()
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=14).map(" ".join))
def test_plan_like_word_salad_reads_as_a_valid_query(read: Read, text: str) -> None:
    reading = read(text)
    assert _valid(reading)
    if isinstance(reading, FigureQuery) and reading.operation == "change":
        assert len(reading.columns) == 2 and reading.columns[0] < reading.columns[-1]


def test_a_row_of_one_area_as_a_share_of_another_areas_total_offers_its_readings(read: Read) -> None:
    reading = read("mikä on opetuksen palvelujen ostojen osuus toimialan menoista 2025")
    assert isinstance(reading, Unsettled) and reading.suggestions
    assert {(s.operation, s.along) for s in reading.suggestions} <= {("share", "areas"), ("share", "rows")}


def test_rows_ranked_by_their_change_take_both_columns(query: Query) -> None:
    reading = query("mikä opetuksen kuluerä kasvaa eniten 2024-2026")
    assert reading.column_labels == ("TA 2024", "TS 2026") and reading.measure == "change"
