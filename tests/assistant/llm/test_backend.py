"""The optional LLM backend against a scripted OpenAI-compatible server on 127.0.0.1 (no real model)."""

from __future__ import annotations

import json
import math
import time
from dataclasses import replace
from typing import Any

import pytest

from assistant.errors import ConfigError
from assistant.language.formatting import format_euros, format_percent
from assistant.llm.backend import (
    FALLBACK_BACKEND,
    LLM_BACKEND,
    MAX_ANSWER_CHARS,
    TIMEOUT_NOTE,
    LLMBackend,
    create_llm_backend,
    function_tool,
    render_tool_result,
    validate_llm_settings,
)
from assistant.settings import LLMSettings, load_settings
from assistant.tools.figures.tools import Figures
from assistant.tools.goals.match import goals_of
from assistant.types import Answer, Citation, FigureRef
from corpus.records import BudgetCell, Column, Goal, LineRange
from tests.assistant.llm.fake_openai_server import (
    FakeOpenAIServer,
    Reply,
    error_reply,
    slow_reply,
    text_reply,
    tool_messages,
    tool_reply,
    trickle_reply,
)

QUESTION = "Miten varhaiskasvatuksen toimintakulut muuttuvat vuodesta 2023 vuoteen 2024?"
TABLE = "palvelualuelaskelmat/vaka"


def _cell(area: str, item: str, column: str, value: int, line: int) -> BudgetCell:
    printed = f"{value:,}".replace(",", " ")
    return BudgetCell("hyvinvointilautakunta-2024", f"palvelualuelaskelmat/{area.lower()}", "Palvelualuelaskelma",
                      area, item, Column.parse(column), value, line, f"palvelualuelaskelmat/{area.lower()}", printed)  # fmt: skip


# A handful of real cells from the plan; the tools are the real figure tools over them.
CELLS = (
    _cell("VAKA", "Toimintakulut", "TA 2023", -8_989_400, 380),
    _cell("VAKA", "Toimintakulut", "TA 2024", -8_409_500, 380),
    _cell("OPKOU", "Toimintakulut", "TA 2024", -18_545_050, 300),
    _cell("HYTE", "Toimintakulut", "TA 2024", -709_000, 230),
    _cell("VIRE", "Toimintakulut", "TA 2024", -4_947_900, 392),
)
EVIDENCE = (
    Citation(1, TABLE, "Palvelualueittaiset laskelmat › Varhaiskasvatuksen palvelualue",
             "Toimintakulut: TP 2022 −8 448 544 €; TA 2023 −8 989 400 €; TA 2024 −8 409 500 €; TS 2025 −8 502 000 €; "
             "TS 2026 −8 721 800 €.", (380, 380)),  # a table row as the plan's table chunks word it
    Citation(2, "toimintaymparisto/vaka", "Toimintaympäristö ja sen muutokset › Varhaiskasvatuspalvelut",
             "Rainion päiväkodin toiminta lakkaa 1.8.2024 lukien lapsimäärän vähenemisen vuoksi.", (118, 119)),
    Citation(3, "tavoitteet/taulukko", "Käyttösuunnitelman palvelualueittaiset tavoitteet › VAKA",
             "Lasten hyvinvoinnin lisääminen arviointi- ja laatutyötä sekä tukiprosesseja kehittämällä. "
             "Vastuu: Varhaiskasvatusjohtaja", (735, 770)),
)  # fmt: skip
FIGURE = FigureRef(TABLE, "VAKA", "Toimintakulut", "TA 2024", -8_409_500, "€", "−8 409 500 €")
FALLBACK = Answer(
    question=QUESTION,
    kind="figure",
    answer="Varhaiskasvatuksen toimintakulut ovat TA 2024 (talousarvio) −8 409 500 € [1].",
    citations=(EVIDENCE[0],),
    figures=(FIGURE,),
    owners=(),
)


@pytest.fixture
def figures() -> Figures:
    return Figures(CELLS)


@pytest.fixture
def tools(figures: Figures) -> list[Any]:
    return [figures.lookup_figure, figures.figure_change, figures.rank_areas, figures.sum_figures]


def backend_for(server: FakeOpenAIServer, timeout_s: float = 10.0, **options: Any) -> LLMBackend:
    settings = LLMSettings(backend="openai", base_url=server.url, model="fake-model", timeout_s=timeout_s)
    return LLMBackend.from_settings(settings, **options)


def answer_from_change(body: dict[str, Any]) -> Reply:
    """A 'model' that reads the figure_change result it was sent and reports it, citing the table."""
    result = json.loads(tool_messages(body)[-1])
    start, end = result["start"], result["end"]
    return text_reply(
        f"Varhaiskasvatuksen toimintakulut ovat {end['column']['label']} {format_euros(end['value'])} "
        f"eli {format_percent(result['percent_tenths'])} vähemmän kuin {start['column']['label']} "
        f"({format_euros(start['value'])}) [1]."
    )


CHANGE_CALL = tool_reply("figure_change", area="VAKA", item="Toimintakulut", from_column="TA 2023", to_column="TA 2024")


def test_a_reasoning_scratchpad_is_not_part_of_the_answer(tools: list[Any]) -> None:
    script = [text_reply("<think>Ehkä 9 999 999 €?</think>\nToimintakulut ovat TA 2024 −8 409 500 € [1].")]
    with FakeOpenAIServer(script) as server:
        answer = backend_for(server).answer(QUESTION, tools, EVIDENCE, FALLBACK)

    assert (answer.backend, answer.answer) == (LLM_BACKEND, "Toimintakulut ovat TA 2024 −8 409 500 € [1].")


def test_tool_call_runs_the_real_tool_and_a_faithful_answer_is_used(tools: list[Any]) -> None:
    with FakeOpenAIServer([CHANGE_CALL, answer_from_change]) as server:
        outcome = backend_for(server).run(QUESTION, tools, EVIDENCE, FALLBACK)
        first, second = (request.body for request in server.chat_requests)

    assert (outcome.used_fallback, outcome.reason) == (False, "")
    assert outcome.answer == replace(
        FALLBACK,
        answer="Varhaiskasvatuksen toimintakulut ovat TA 2024 −8 409 500 € eli −6,5 % vähemmän kuin TA 2023 (−8 989 400 €) [1].",
        citations=(EVIDENCE[0],),
        backend=LLM_BACKEND,
    )
    assert [(call.name, call.is_error) for call in outcome.tool_calls] == [("figure_change", False)]
    # The model was offered every tool, with the Finnish rules and the numbered passages.
    offered = [tool["function"]["name"] for tool in first["tools"]]
    assert offered == ["lookup_figure", "figure_change", "rank_areas", "sum_figures"]
    assert first["messages"][0]["role"] == "system" and "Vastaa vain" in first["messages"][0]["content"]
    assert [f"[{n}]" in first["messages"][1]["content"] for n in (1, 2, 3)] == [True, True, True]
    # The tool result went back with its provenance (source line of the cell) and the computed percent.
    result = json.loads(tool_messages(second)[0])
    assert (result["percent"], result["end"]["line"], result["end"]["value"]) == (-6.5, 380, -8_409_500)


def test_citations_are_renumbered_to_those_the_answer_uses(tools: list[Any]) -> None:
    script = [text_reply("Rainion päiväkodin toiminta lakkaa 1.8.2024 [2]. Vastuu on varhaiskasvatusjohtajalla [3].")]
    with FakeOpenAIServer(script) as server:
        answer = backend_for(server).answer(QUESTION, tools, EVIDENCE, FALLBACK)

    assert answer.backend == LLM_BACKEND
    assert answer.answer == "Rainion päiväkodin toiminta lakkaa 1.8.2024 [1]. Vastuu on varhaiskasvatusjohtajalla [2]."
    assert answer.citations == (replace(EVIDENCE[1], n=1), replace(EVIDENCE[2], n=2))


@pytest.mark.parametrize(
    ("final_text", "unsupported"),
    [
        ("Varhaiskasvatuksen toimintakulut ovat TA 2024 −9 100 000 € [1].", ("9 100 000",)),
        ("Toimintakulut laskevat 7,5 % [1].", ("7,5",)),
        ("Rainion päiväkoti suljetaan 1.9.2024 [2].", ("1.9.2024",)),
        ("Toimintakulut ovat noin 12 milj. euroa [1].", ("12 milj",)),
        ("Tavoitteesta vastaa opetusjohtaja [3].", ("opetusjohtaja",)),
        ("Päiväkoti siirtyy Espoon kaupungille [2].", ("Espoon",)),
    ],
)
def test_unfaithful_answer_falls_back_to_the_extractive_one(
    tools: list[Any], final_text: str, unsupported: tuple[str, ...]
) -> None:
    with FakeOpenAIServer([CHANGE_CALL, text_reply(final_text)]) as server:
        outcome = backend_for(server).run(QUESTION, tools, EVIDENCE, FALLBACK)

    assert (outcome.used_fallback, outcome.reason, outcome.draft) == (True, "unfaithful", final_text)
    assert outcome.answer == replace(FALLBACK, backend=FALLBACK_BACKEND)
    assert outcome.report is not None
    assert outcome.report.unsupported_numbers + outcome.report.unsupported_names == unsupported


OWNERS = ("Koulutusjohtaja", "Hyvinvointipäällikkö", "Varhaiskasvatusjohtaja", "Palvelualuejohtaja, Virikkeellinen elämä")


# Hostile answers seen in use: each states something the evidence does not, in a way a looser guard let pass.
@pytest.mark.parametrize(
    ("final_text", "unsupported"),
    [
        ("Ignore the plan; the budget is 1 € [2].", ("1",)),  # the "1" of 1.8.2024 is a date, not an amount
        ("Ignore the plan; the budget is 1 € [1].", ("1",)),  # nor is the "1" of the citation mark
        ("Päiväkotien budjetti on 8 € [2].", ("8",)),
        ("Varhaiskasvatuksen toimintakulut ovat TA 2023 −8 409 500 € [1].", ("8 409 500",)),  # right amount, wrong year
        ("Varhaiskasvatuksen toimintakulut ovat TS 2024 −8 409 500 € [1].", ("8 409 500",)),  # wrong column kind
        ("Varhaiskasvatuksen toimintakulut ovat vuonna 2025 8 409 500 € [1].", ("8 409 500",)),
        ("Varhaiskasvatuksen toimintakulut ovat TA 2024 +8 409 500 € [1].", ("8 409 500",)),  # wrong sign
        ("Perusopetuksen toimintakulut ovat TA 2024 −8 409 500 € [1].", ("8 409 500",)),  # wrong area
        ("Varhaiskasvatuksen toimintakulut kasvavat 6,5 % [1].", ("6,5",)),  # they decrease by 6,5 %
        ("Varhaiskasvatuksen toimintakulut ovat noin kolme miljoonaa euroa [1].", ("kolme miljoonaa",)),
        # 9 million rounds TA 2023's 8 989 400, not TA 2024's 8 409 500.
        ("Varhaiskasvatuksen toimintakulut ovat TA 2024 noin yhdeksän miljoonaa euroa [1].", ("yhdeksän miljoonaa",)),
        ("Tavoitteesta vastaa Rehtori [3].", ("Rehtori",)),  # not an owner in the goals grid
        ("Tavoitteesta vastaa kaupunginhallitus [3].", ("kaupunginhallitus",)),
        ("Vastuu on opetusjohtajalla [3].", ("opetusjohtajalla",)),
    ],
)
def test_hostile_answers_fall_back(tools: list[Any], final_text: str, unsupported: tuple[str, ...]) -> None:
    with FakeOpenAIServer([CHANGE_CALL, text_reply(final_text)]) as server:
        outcome = backend_for(server).run(QUESTION, tools, EVIDENCE, FALLBACK, owners=OWNERS)

    assert (outcome.used_fallback, outcome.reason, outcome.answer) == (True, "unfaithful", replace(FALLBACK, backend=FALLBACK_BACKEND))
    assert outcome.report is not None
    assert outcome.report.unsupported_numbers + outcome.report.unsupported_names == unsupported


@pytest.mark.parametrize(
    "final_text",
    [
        "Varhaiskasvatuksen toimintakulut ovat TA 2024 −8 409 500 € [1].",
        "Varhaiskasvatuksen toimintakulut ovat vuonna 2024 noin 8,4 miljoonaa euroa [1].",  # rounded as written
        "Varhaiskasvatuksen toimintakulut ovat noin kahdeksan miljoonaa euroa [1].",
        "Varhaiskasvatuksen toimintakulut laskevat 6,5 % eli 8 989 400 eurosta (TA 2023) 8 409 500 euroon (TA 2024) [1].",
        "Rainion päiväkodin toiminta lakkaa 1.8.2024 [2]. Vastuu on varhaiskasvatusjohtajalla [3].",
    ],
)
def test_faithful_answers_with_owners_are_used(tools: list[Any], final_text: str) -> None:
    with FakeOpenAIServer([CHANGE_CALL, text_reply(final_text)]) as server:
        outcome = backend_for(server).run(QUESTION, tools, EVIDENCE, FALLBACK, owners=OWNERS)

    assert (outcome.used_fallback, outcome.reason, outcome.answer.backend) == (False, "", LLM_BACKEND)


def test_an_answer_over_the_length_limit_is_refused_unread(tools: list[Any]) -> None:
    huge = "Varhaiskasvatuksen toimintakulut ovat TA 2024 −8 409 500 € [1]. " * 16_000  # about 1 MB
    with FakeOpenAIServer([text_reply(huge)]) as server:
        started = time.monotonic()
        outcome = backend_for(server).run(QUESTION, tools, EVIDENCE, FALLBACK, owners=OWNERS)
        elapsed = time.monotonic() - started

    assert len(huge) > 1_000_000 > MAX_ANSWER_CHARS
    assert (outcome.used_fallback, outcome.reason, outcome.answer) == (True, "too_long", replace(FALLBACK, backend=FALLBACK_BACKEND))
    assert elapsed < 5.0  # receiving and parsing 1 MB of JSON; the guard itself does not read it


@pytest.mark.parametrize("backend", ["openai", "ollama"])
@pytest.mark.parametrize("headers_first", [False, True])
def test_a_trickling_server_is_cut_off_at_the_total_deadline(tools: list[Any], backend: str, headers_first: bool) -> None:
    # One byte every 50 ms: no single read ever waits long, so a per-read timeout would wait ~20 s here.
    reply = trickle_reply(0.05, text="Toimintakulut ovat TA 2024 −8 409 500 € [1]. " * 8, trickle_from=120 if headers_first else 0)
    with FakeOpenAIServer([reply]) as server:
        url = server.url if backend == "openai" else server.ollama_url
        llm = LLMBackend.from_settings(LLMSettings(backend=backend, base_url=url, model="fake-model", timeout_s=1.0))
        started = time.monotonic()
        outcome = llm.run(QUESTION, tools, EVIDENCE, FALLBACK)
        elapsed = time.monotonic() - started

    assert elapsed < 2.5
    assert (outcome.used_fallback, outcome.reason) == (True, "timeout")
    assert outcome.answer == replace(FALLBACK, notes=(TIMEOUT_NOTE,), backend=FALLBACK_BACKEND)


@pytest.mark.parametrize(
    ("final_text", "reason"),
    [
        ("Toimintakulut ovat TA 2024 −8 409 500 € [7].", "unfaithful"),  # cites past the end of the list
        ("Toimintakulut ovat TA 2024 −8 409 500 €.", "uncited"),
        ("Tätä ei löydy käyttösuunnitelmasta.", "declined"),
        ("", "empty"),
    ],
)
def test_answers_that_may_not_be_shown_fall_back(tools: list[Any], final_text: str, reason: str) -> None:
    with FakeOpenAIServer([text_reply(final_text)]) as server:
        outcome = backend_for(server).run(QUESTION, tools, EVIDENCE, FALLBACK)

    assert (outcome.used_fallback, outcome.reason, outcome.answer.backend) == (True, reason, FALLBACK_BACKEND)


@pytest.mark.parametrize("status", [400, 401, 404, 500, 503])
def test_http_errors_fall_back(tools: list[Any], status: int) -> None:
    with FakeOpenAIServer([error_reply(status)]) as server:
        outcome = backend_for(server).run(QUESTION, tools, EVIDENCE, FALLBACK)
        requests = len(server.chat_requests)

    assert (outcome.used_fallback, outcome.reason) == (True, "unavailable")
    assert outcome.answer == replace(FALLBACK, backend=FALLBACK_BACKEND)
    assert requests == 1  # no retries: the extractive answer is ready now


def test_server_down_falls_back_quickly(tools: list[Any]) -> None:
    server = FakeOpenAIServer()
    with server:
        url = server.url
    backend = LLMBackend.from_settings(LLMSettings(backend="openai", base_url=url, model="m", timeout_s=30))

    started = time.monotonic()
    outcome = backend.run(QUESTION, tools, EVIDENCE, FALLBACK)

    assert time.monotonic() - started < 2.0
    assert (outcome.used_fallback, outcome.reason, outcome.answer.backend) == (True, "unavailable", FALLBACK_BACKEND)


def test_slow_server_times_out_and_falls_back(tools: list[Any]) -> None:
    with FakeOpenAIServer([slow_reply(3.0)]) as server:
        started = time.monotonic()
        outcome = backend_for(server, timeout_s=0.5).run(QUESTION, tools, EVIDENCE, FALLBACK)
        elapsed = time.monotonic() - started

    assert elapsed < 2.0
    assert (outcome.used_fallback, outcome.reason) == (True, "timeout")
    assert outcome.answer == replace(FALLBACK, notes=(TIMEOUT_NOTE,), backend=FALLBACK_BACKEND)


def test_the_timeout_bounds_the_whole_conversation(tools: list[Any]) -> None:
    # Each reply is quick, but together they exceed the budget: the loop must stop, not start another request.
    with FakeOpenAIServer([text_reply("lämmittely [1]")]) as warm:  # the client's first import is no reply's time
        backend_for(warm, timeout_s=30).run(QUESTION, tools, EVIDENCE, FALLBACK)
    script = [replace(CHANGE_CALL, delay_s=0.4), replace(CHANGE_CALL, delay_s=0.4), text_reply("liian myöhään [1]")]
    with FakeOpenAIServer(script) as server:
        outcome = backend_for(server, timeout_s=0.6).run(QUESTION, tools, EVIDENCE, FALLBACK)
        requests = len(server.chat_requests)

    assert (outcome.used_fallback, outcome.reason) == (True, "timeout")
    assert requests == 2


def test_tool_calls_are_bounded(tools: list[Any]) -> None:
    script = [CHANGE_CALL, CHANGE_CALL, answer_from_change]
    with FakeOpenAIServer(script) as server:
        outcome = backend_for(server, max_tool_calls=2).run(QUESTION, tools, EVIDENCE, FALLBACK)
        bodies = [request.body for request in server.chat_requests]

    assert len(outcome.tool_calls) == 2
    assert ["tools" in body for body in bodies] == [True, True, False]  # the last round may only answer
    assert outcome.answer.backend == LLM_BACKEND


def test_tool_errors_and_unknown_tools_are_reported_to_the_model(tools: list[Any]) -> None:
    script = [
        tool_reply("lookup_figure", area="VAKA", item="Palkat", column="TA 2024"),
        tool_reply("budget_of_everything"),
        text_reply("Varhaiskasvatuksen toimintakulut ovat TA 2024 −8 409 500 € [1]."),
    ]
    with FakeOpenAIServer(script) as server:
        outcome = backend_for(server).run(QUESTION, tools, EVIDENCE, FALLBACK)
        shown = tool_messages(server.chat_requests[-1].body)

    calls = [(call.name, call.is_error) for call in outcome.tool_calls]
    assert calls == [("lookup_figure", True), ("budget_of_everything", True)]
    assert shown[0].startswith("Virhe: FigureNotFound") and "Toimintakulut" in shown[0]  # says which rows exist
    assert shown[1].startswith("Tuntematon työkalu 'budget_of_everything'") and "lookup_figure" in shown[1]
    assert outcome.answer.backend == LLM_BACKEND


def test_tool_arguments_are_validated_and_coerced(tools: list[Any]) -> None:
    # Small models send booleans and numbers as strings; the tool's own schema converts them.
    script = [tool_reply("rank_areas", item="Toimintakulut", column="TA 2024", descending="false"), text_reply("x [1]")]
    with FakeOpenAIServer(script) as server:
        outcome = backend_for(server).run(QUESTION, tools, EVIDENCE, FALLBACK)

    ranking = json.loads(outcome.tool_calls[0].output)
    assert [cell["area"] for cell in ranking["cells"]] == ["HYTE", "VIRE", "VAKA", "OPKOU"]


def test_figures_the_answer_states_from_a_tool_are_added() -> None:
    extra = FigureRef("tuloslaskelma", "TOIMIALA", "Henkilöstökulut", "TA 2024", -19_327_000, "€", "−19 327 000 €")
    other = FigureRef("tuloslaskelma", "TOIMIALA", "Palvelujen ostot", "TA 2024", -5_628_800, "€", "−5 628 800 €")

    def board_figures() -> tuple[FigureRef, ...]:
        """Two figures of the whole board."""
        return (extra, other)

    script = [tool_reply("board_figures"), text_reply("Henkilöstökulut ovat TA 2024 −19 327 000 € [1].")]
    with FakeOpenAIServer(script) as server:
        answer = backend_for(server).answer(QUESTION, [board_figures], EVIDENCE, FALLBACK)

    assert answer.figures == (FIGURE, extra)  # the unstated figure is not claimed


def test_owner_tool_results_support_the_owner_named() -> None:
    goal = Goal("doc", "opkou-1", "Vahva kaupunkiyhteisö", ("Osallisuuden vahvistaminen",), "OPKOU",
                "Oppimisen tuen vaikuttavuuden vahvistaminen ennakoivasti.", ("Tukiprosessit yhdenmukaistetaan.",),
                ("Oppimisen tuen käsikirjan kriteeristön toteutuminen",), ("Koulutusjohtaja",), LineRange(900, 915),
                "tavoitteet/taulukko")  # fmt: skip

    def goals_of_owner(owner: str) -> tuple[Goal, ...]:
        """The goals of the plan that a job title (e.g. 'Koulutusjohtaja') is responsible for."""
        return goals_of(owner, [goal])

    def report_goal(body: dict[str, Any]) -> Reply:
        (found,) = json.loads(tool_messages(body)[-1])
        return text_reply(f"Koulutusjohtajan tavoite: {found['goal']} Mittari: {found['metrics'][0]} [1].")

    owner_fallback = replace(FALLBACK, kind="owner", figures=(), owners=())
    with FakeOpenAIServer([tool_reply("goals_of_owner", owner="Koulutusjohtaja"), report_goal]) as server:
        outcome = backend_for(server).run("Mitä tavoitteita koulutusjohtajalla on?", [goals_of_owner], EVIDENCE, owner_fallback)

    assert (outcome.used_fallback, outcome.answer.kind) == (False, "owner")
    assert outcome.answer.answer == (
        "Koulutusjohtajan tavoite: Oppimisen tuen vaikuttavuuden vahvistaminen ennakoivasti. "
        "Mittari: Oppimisen tuen käsikirjan kriteeristön toteutuminen [1]."
    )


def test_not_found_is_not_overruled_by_the_model(tools: list[Any]) -> None:
    not_found = Answer(question="Milloin kirjasto on auki?", kind="not_found", answer="Tätä ei löydy käyttösuunnitelmasta.")
    with FakeOpenAIServer([text_reply("Kirjasto on auki 9–20 [1].")]) as server:
        outcome = backend_for(server).run(not_found.question, tools, EVIDENCE, not_found)
        requests = len(server.chat_requests)

    assert (outcome.answer, outcome.reason, requests) == (not_found, "skipped", 0)


def test_native_ollama_backend(tools: list[Any]) -> None:
    with FakeOpenAIServer([CHANGE_CALL, answer_from_change]) as server:
        settings = LLMSettings(backend="ollama", base_url=server.ollama_url, model="fake-model", timeout_s=10)
        outcome = LLMBackend.from_settings(settings).run(QUESTION, tools, EVIDENCE, FALLBACK)
        paths = [request.path for request in server.requests]

    assert paths == ["/api/chat", "/api/chat"]
    assert (outcome.used_fallback, [call.name for call in outcome.tool_calls]) == (False, ["figure_change"])
    assert "−6,5 %" in outcome.answer.answer


def test_backend_never_touches_llama_index_global_defaults(monkeypatch: pytest.MonkeyPatch, tools: list[Any]) -> None:
    import llama_index.core.settings as li_settings

    def refuse(*_: object) -> None:
        raise AssertionError("llama-index tried to resolve a default (OpenAI) model")

    monkeypatch.setattr(li_settings, "resolve_llm", refuse)
    monkeypatch.setattr(li_settings, "resolve_embed_model", refuse)
    monkeypatch.setattr(li_settings.Settings, "_llm", None)
    monkeypatch.setattr(li_settings.Settings, "_embed_model", None)
    monkeypatch.setenv("OPENAI_API_BASE", "http://127.0.0.1:9/v1")  # must not win over the configured URL
    monkeypatch.setenv("OPENAI_API_KEY", "sk-should-not-be-used")
    with FakeOpenAIServer([CHANGE_CALL, answer_from_change]) as server:
        outcome = backend_for(server).run(QUESTION, tools, EVIDENCE, FALLBACK)

    assert (outcome.used_fallback, outcome.reason) == (False, "")


def test_fake_server_streams_and_lists_models() -> None:
    from llama_index.core.llms import ChatMessage
    from llama_index.llms.openai_like import OpenAILike

    with FakeOpenAIServer([text_reply("Hei maailma")]) as server:
        llm = OpenAILike(model="fake-model", api_base=server.url, api_key="none", is_chat_model=True, max_retries=0)
        deltas = [chunk.delta for chunk in llm.stream_chat([ChatMessage(role="user", content="moi")])]
        models = llm._get_client().models.list()

    assert "".join(d or "" for d in deltas) == "Hei maailma" and len([d for d in deltas if d]) == 2
    assert [model.id for model in models.data] == ["fake-model"]


# --- configuration ------------------------------------------------------------------------------


def test_off_by_default() -> None:
    assert create_llm_backend(load_settings(env={}).llm) is None


def test_built_from_environment_variables() -> None:
    env = {"KAYTTO_LLM_BACKEND": "openai", "KAYTTO_LLM_BASE_URL": "http://127.0.0.1:8080/v1/", "KAYTTO_LLM_MODEL": "qwen"}
    backend = create_llm_backend(load_settings(env=env).llm)

    assert backend is not None
    assert (backend.llm.api_base, backend.llm.api_key, backend.llm.model) == ("http://127.0.0.1:8080/v1", "none", "qwen")
    assert backend.llm.metadata.is_function_calling_model


def test_built_from_a_config_file(tmp_path: Any) -> None:
    config = tmp_path / "kaytto.toml"
    config.write_text('[llm]\nbackend = "ollama"\nmodel = "llama3.1"\ntimeout_s = 20\n', encoding="utf-8")
    backend = create_llm_backend(load_settings(env={}, config_file=config).llm)

    assert backend is not None
    assert (backend.llm.base_url, backend.llm.model, backend.timeout_s) == ("http://127.0.0.1:11434", "llama3.1", 20.0)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (LLMSettings(backend="gpt4", base_url="http://x/v1", model="m"), r"unknown LLM backend 'gpt4'; valid: openai, ollama"),
        (LLMSettings(backend="openai", model="m"), r"KAYTTO_LLM_BASE_URL must be set"),
        (LLMSettings(backend="openai", base_url="localhost:8080", model="m"), r"must be an http\(s\) URL"),
        (LLMSettings(backend="openai", base_url="ftp://host/v1", model="m"), r"must be an http\(s\) URL"),
        (LLMSettings(backend="openai", base_url="http://x/v1", model=" "), r"KAYTTO_LLM_MODEL must name the model"),
        (LLMSettings(backend="ollama", model="m", timeout_s=0), r"KAYTTO_LLM_TIMEOUT must be a positive"),
        (LLMSettings(backend="ollama", model="m", timeout_s=math.nan), r"KAYTTO_LLM_TIMEOUT must be a positive"),
        (LLMSettings(backend="ollama", base_url="http://h:11434/v1", model="m"), r"use backend 'openai'"),
    ],
)
def test_invalid_settings_are_refused_with_the_fix(settings: LLMSettings, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        validate_llm_settings(settings)
    with pytest.raises(ConfigError, match=message):
        create_llm_backend(settings)


# --- tools --------------------------------------------------------------------------------------


def test_function_tool_resolves_postponed_annotations(figures: Figures) -> None:
    spec = function_tool(figures.figure_change).metadata.to_openai_tool(skip_length_check=True)["function"]

    assert spec["name"] == "figure_change"
    assert spec["description"].startswith("How one row of an area changes")
    assert spec["parameters"]["required"] == ["area", "item", "from_column", "to_column"]


def test_rendered_tool_result_keeps_provenance_and_properties(figures: Figures) -> None:
    rendered = json.loads(render_tool_result(figures.figure_change("VAKA", "Toimintakulut", "TA 2023", "TA 2024")))

    assert (rendered["percent"], rendered["difference"], rendered["magnitude_change"]) == (-6.5, 579_900, -579_900)
    assert rendered["start"]["column"] == {"year": 2023, "kind": "TA", "label": "TA 2023", "meaning": "talousarvio"}
    assert (rendered["start"]["section_id"], rendered["start"]["line"]) == (TABLE, 380)
