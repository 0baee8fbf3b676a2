"""A small hand-made corpus and a stub assistant, for UI tests that must not depend on the real build."""

from __future__ import annotations

import time

from assistant.language.cleaning import clean_question
from assistant.types import Answer, Citation, FigureRef
from corpus.manifest import DOCUMENTS_DIR, load_manifest
from corpus.records import BudgetCell, Column, Goal, LineRange, Section
from corpus.store import Corpus, Document

DOC = "hyvinvointilautakunta-2024"
COLUMNS = (Column(2022, "TP"), Column(2023, "TA"), Column(2024, "TA"), Column(2025, "TS"), Column(2026, "TS"))

SECTIONS = (
    Section(DOC, "otsikko", "Hyvinvointilautakunnan toimiala", ("Hyvinvointilautakunnan toimiala",), "prose", LineRange(1, 2)),
    Section(DOC, "kuvaus", "Kuvaus toiminnasta", ("Kuvaus toiminnasta",), "prose", LineRange(3, 3)),
    Section(DOC, "kuvaus/vaka", "Varhaiskasvatus", ("Kuvaus toiminnasta", "Varhaiskasvatus"), "prose", LineRange(4, 5), "kuvaus"),
    Section(DOC, "tavoitteet", "Tavoitteet", ("Tavoitteet",), "goals", LineRange(6, 8)),
    Section(DOC, "palvelualuelaskelmat/vaka", "Varhaiskasvatus", ("Palvelualuettaiset laskelmat", "Varhaiskasvatus"), "table", LineRange(9, 10), "palvelualuelaskelmat"),
)

ORIGINAL = (
    "Hyvinvointilautakunnan toimiala",
    "Kayttosuunnitelma",
    "KUVAUS <b>TOIMINNASTA</b>",
    "Varhaiskasvatuspalvelut",
    "Heinolassa on viisi varhaiskasvatusaluetta <script>alert(1)</script>.",
    "Tavoite 2024",
    "VAKA: palvelurakenne",
    "Varhaiskasvatusjohtaja",
    "Toimintakulut -8 448 544 -8 989 400 -8 409 500 -8 502 000 -8 721 800",
    "Henkilostokulut -5 903 322 -6 211 300 -5 974 300 -6 059 200 -6 246 500",
)
REPAIRED = tuple(line.replace("Kayttosuunnitelma", "Käyttösuunnitelma").replace("Henkilostokulut", "Henkilöstökulut") for line in ORIGINAL)


def _cells(table: str, title: str, area: str, item: str, values: tuple[int, ...], line: int, section: str) -> list[BudgetCell]:
    return [
        BudgetCell(DOC, table, title, area, item, column, value, line, section, str(value))
        for column, value in zip(COLUMNS, values, strict=True)
    ]


CELLS = tuple(
    _cells("palvelualuelaskelmat/vaka", "Varhaiskasvatus", "VAKA", "Toimintakulut",
           (-8448544, -8989400, -8409500, -8502000, -8721800), 9, "palvelualuelaskelmat/vaka")
    + _cells("palvelualuelaskelmat/vaka", "Varhaiskasvatus", "VAKA", "Henkilöstökulut",
             (-5903322, -6211300, -5974300, -6059200, -6246500), 10, "palvelualuelaskelmat/vaka")
    + _cells("palvelualuelaskelmat/vire", "Virikkeellinen elämä", "VIRE", "Toimintakulut",
             (-4659253, -4874500, -4947900, -5024100, -5099700), 11, "palvelualuelaskelmat/vire")
    + _cells("tuloslaskelma", "Tuloslaskelma", "TOIMIALA", "Toimintakulut",
             (-31791870, -32839500, -32611450, -33346600, -34378200), 12, "tuloslaskelma")
    + _cells("talousarvio", "Valtuuston hyväksymä talousarvio", "TOIMIALA", "MENOT",
             (-31791870, -32839500, -32611450, -33346600, -34378200), 13, "talousarvio")
    + _cells("investoinnit/taulukko", "Investoinnit", "TOIMIALA", "MENOT",
             (-19, -319000, -270000, -70000, -235000), 14, "investoinnit/taulukko")
)

GOALS = (
    Goal(DOC, "kestava-talous/vaka", "Kestävä talous", ("Käyttötalouden tasapaino",), "VAKA",
         "Varhaiskasvatuksen palvelurakenne on suhteutettu palvelun käyttäjämäärään",
         ("Henkilöstömäärä mitoitetaan lapsimäärään",), ("vapaiden paikkojen määrä",), ("Varhaiskasvatusjohtaja",),
         LineRange(6, 8), "tavoitteet/taulukko"),
    Goal(DOC, "vahva/opkou", "Vahva kaupunkiyhteisö", (), "OPKOU", "Oppimisen tuen <vaikuttavuus>",
         ("Tukiprosessien täsmentäminen",), ("Käsikirjan kriteeristön toteutuminen",), ("Koulutusjohtaja",),
         LineRange(6, 7), "tavoitteet/taulukko"),
)


def fake_corpus() -> Corpus:
    """A tiny corpus with the real manifest, hand-made sections, cells and goals (markup in the text on purpose)."""
    manifest = load_manifest(DOCUMENTS_DIR / DOC)
    document = Document(
        manifest=manifest,
        original_lines=ORIGINAL,
        repaired_lines=REPAIRED,
        sections=SECTIONS,
        cells=CELLS,
        goals=GOALS,
        chunks=(),
    )
    return Corpus(documents=(document,))


class FakeAssistant:
    """Answers every question with the same figure answer, after the real question cleaning."""

    def __init__(self, corpus: Corpus | None = None, delay_s: float = 0.0) -> None:
        self.corpus = corpus or fake_corpus()
        self.delay_s = delay_s
        self.questions: list[str] = []

    def answer(self, question: str) -> Answer:
        cleaned = clean_question(question)
        self.questions.append(cleaned)
        if self.delay_s:
            time.sleep(self.delay_s)
        return Answer(
            question=cleaned,
            kind="figure",
            answer="Varhaiskasvatuksen toimintakulut ovat TA 2024 −8 409 500 € [1].",
            citations=(Citation(1, "kuvaus/vaka", "Kuvaus toiminnasta › Varhaiskasvatus", REPAIRED[4], (4, 5)),),
            figures=(FigureRef("palvelualuelaskelmat/vaka", "VAKA", "Toimintakulut", "TA 2024", -8409500, "€"),),
        )


class BrokenAssistant(FakeAssistant):
    """Fails with an unexpected error after cleaning the question (the UI must not show a trace)."""

    def answer(self, question: str) -> Answer:
        clean_question(question)
        raise RuntimeError("Traceback (most recent call last): secret internals")
