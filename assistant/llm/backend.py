"""The optional language-model backend: llama-index function calling over the typed tools, behind a faithfulness guard.

The model sees the question, the numbered passages and the tools (plain typed functions). Its answer is used
only when every number, owner title and name in it is in a tool result or a passage it cites; on any error,
timeout or doubt the extractive answer is returned instead, marked `backend="extractive-fallback"`.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any
from urllib.parse import urlparse

import httpx
from llama_index.core.base.llms.types import ChatMessage, ChatResponse, MessageRole
from llama_index.core.llms.function_calling import FunctionCallingLLM
from llama_index.core.llms.llm import ToolSelection
from llama_index.core.tools import BaseTool, FunctionTool

from assistant.errors import ConfigError, LLMTimeout
from assistant.language.numbers import read_numbers
from assistant.llm.deadline import DeadlineTransport, deadline, deadline_client
from assistant.llm.evidence import EvidenceText
from assistant.llm.faithfulness import (
    CITATION_MARKER,
    MAX_ANSWER_CHARS,
    FaithfulnessReport,
    check_faithfulness,
    strip_citations,
)
from assistant.llm.llama_tools import MAX_TOOL_OUTPUT_CHARS, function_tool, render_tool_result
from assistant.settings import LLMSettings
from assistant.types import Answer, Citation, FigureRef

logger = logging.getLogger(__name__)

LLM_BACKEND = "llm"
FALLBACK_BACKEND = "extractive-fallback"
DEFAULT_OLLAMA_URL = "http://127.0.0.1:11434"
MAX_TOOL_CALLS = 4
MAX_PASSAGE_CHARS = 1500
MAX_ANSWER_TOKENS = 1024
CONTEXT_WINDOW = 8192
NOT_FOUND_PHRASE = "Tätä ei löydy käyttösuunnitelmasta."
TIMEOUT_NOTE = "Kielimalli ei vastannut ajoissa, joten vastaus on koottu suoraan suunnitelman tekstistä."
_THINKING = re.compile(r"<think>.*?(?:</think>|$)", re.DOTALL)

SYSTEM_PROMPT = "\n".join(
    (
        "Olet Heinolan kaupungin hyvinvointilautakunnan käyttösuunnitelman 2024 avustaja. "
        "Vastaa suomeksi, lyhyesti ja asiallisesti.",
        "",
        "Säännöt:",
        "1. Vastaa vain työkalujen tulosten ja käyttäjän viestissä numeroitujen lähdekohtien perusteella. "
        "Älä käytä muuta tietoa.",
        "2. Hae euromäärät, muutokset, järjestykset ja summat työkaluilla. Älä laske, pyöristä tai arvioi lukuja itse.",
        "3. Jokaisen luvun, päivämäärän ja vastuuhenkilön nimikkeen on löydyttävä sellaisenaan työkalun tuloksesta "
        "tai lähdekohdasta.",
        "4. Merkitse lähde hakasulkeisiin sen lauseen loppuun, jonka tieto on lähdekohdasta, esim. [1]. "
        "Käytä vain annettuja numeroita. Vastauksessa on oltava vähintään yksi viite.",
        "5. Kirjoita euromäärät suomalaisittain, esim. 32 611 450 €, ja kerro mitä saraketta luku koskee "
        "(TP = tilinpäätös, TA = talousarvio, TS = taloussuunnitelma).",
        f'6. Jos vastausta ei löydy työkaluista eikä lähdekohdista, vastaa täsmälleen: "{NOT_FOUND_PHRASE}"',
    )
)


@dataclass(frozen=True)
class ToolCallRecord:
    """One tool call the model made: the tool, its arguments as JSON, and the result text it was shown."""

    name: str
    arguments: str
    output: str
    is_error: bool = False


@dataclass(frozen=True)
class LLMOutcome:
    """What the backend did for one question: the answer returned and why (for logs and evaluation)."""

    answer: Answer
    used_fallback: bool
    reason: str = ""  # "" when the model's answer was used; otherwise one of FALLBACK_REASONS or "skipped"
    detail: str = ""
    draft: str = ""  # the model's own text, also when it was rejected
    tool_calls: tuple[ToolCallRecord, ...] = ()
    report: FaithfulnessReport | None = None


FALLBACK_REASONS = ("unavailable", "timeout", "empty", "too_long", "declined", "uncited", "unfaithful")


class _Rejected(Exception):
    """The model answered, but the answer may not be shown; carries the fallback reason."""

    def __init__(self, reason: str, detail: str, report: FaithfulnessReport | None = None) -> None:
        super().__init__(detail)
        self.reason = reason
        self.report = report


@dataclass(frozen=True)
class _Endpoint:
    llm: FunctionCallingLLM
    per_request_timeout: bool  # the OpenAI client takes a timeout per request; Ollama's is fixed per client


def _openai_like(settings: LLMSettings) -> _Endpoint:
    try:
        from llama_index.llms.openai_like import OpenAILike
    except ImportError as exc:  # pragma: no cover - the package is a declared dependency
        raise ConfigError(
            "backend 'openai' needs llama-index-llms-openai-like: pip install llama-index-llms-openai-like"
        ) from exc
    llm = OpenAILike(
        model=settings.model,
        api_base=settings.base_url.rstrip("/"),
        api_key=settings.api_key or "none",  # local servers ignore it, but the client insists on one
        is_chat_model=True,
        is_function_calling_model=True,
        context_window=CONTEXT_WINDOW,
        max_tokens=MAX_ANSWER_TOKENS,
        temperature=0.0,
        timeout=settings.timeout_s,
        max_retries=0,  # a retry with back-off would turn "server down" into seconds of waiting; we fall back instead
        http_client=deadline_client(settings.timeout_s),  # the timeout is a total deadline, not per read
    )
    return _Endpoint(llm, per_request_timeout=True)


def _ollama(settings: LLMSettings) -> _Endpoint:
    try:
        from llama_index.llms.ollama import Ollama
    except ImportError as exc:  # pragma: no cover - the package is a declared dependency
        raise ConfigError("backend 'ollama' needs llama-index-llms-ollama; pip install llama-index-llms-ollama") from exc
    from ollama import Client

    base_url = (settings.base_url or DEFAULT_OLLAMA_URL).rstrip("/")
    llm = Ollama(
        model=settings.model,
        base_url=base_url,
        request_timeout=settings.timeout_s,
        context_window=CONTEXT_WINDOW,  # set, so the client does not ask the server with an extra request
        temperature=0.0,
        is_function_calling_model=True,
        # The timeout is a total deadline, not per read (see assistant/llm/deadline.py).
        client=Client(host=base_url, timeout=settings.timeout_s, transport=DeadlineTransport()),
    )
    return _Endpoint(llm, per_request_timeout=False)


ENDPOINT_FACTORIES: Mapping[str, Callable[[LLMSettings], _Endpoint]] = {"openai": _openai_like, "ollama": _ollama}


def validate_llm_settings(settings: LLMSettings) -> None:
    """Raise ConfigError when enabled LLM settings cannot work (unknown backend, bad URL, no model, bad timeout)."""
    if settings.backend not in ENDPOINT_FACTORIES:
        valid = ", ".join(ENDPOINT_FACTORIES)
        raise ConfigError(f"unknown LLM backend {settings.backend!r}; valid: {valid} (or 'none' to turn it off)")
    if not settings.model.strip():
        raise ConfigError("KAYTTO_LLM_MODEL must name the model when an LLM backend is enabled, e.g. qwen2.5:7b")
    if not (math.isfinite(settings.timeout_s) and settings.timeout_s > 0):
        raise ConfigError(f"KAYTTO_LLM_TIMEOUT must be a positive number of seconds, got {settings.timeout_s!r}")
    if settings.backend == "openai" and not settings.base_url:
        raise ConfigError("KAYTTO_LLM_BASE_URL must be set for the 'openai' backend, e.g. http://127.0.0.1:8080/v1")
    if settings.base_url:
        parsed = urlparse(settings.base_url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ConfigError(
                f"KAYTTO_LLM_BASE_URL must be an http(s) URL, got {settings.base_url!r}, e.g. http://127.0.0.1:8080/v1"
            )
        if settings.backend == "ollama" and parsed.path.rstrip("/").endswith("/v1"):
            raise ConfigError(
                f"KAYTTO_LLM_BASE_URL {settings.base_url!r} is Ollama's OpenAI-compatible API; "
                "use backend 'openai' with it, or drop /v1 for the native 'ollama' backend"
            )


def create_llm_backend(settings: LLMSettings, max_tool_calls: int = MAX_TOOL_CALLS) -> LLMBackend | None:
    """The configured backend, or None when it is off (`backend = "none"`, the default)."""
    if not settings.enabled:
        return None
    return LLMBackend.from_settings(settings, max_tool_calls=max_tool_calls)


class LLMBackend:
    """Answers with a function-calling model over the given tools and passages; falls back to the extractive answer."""

    def __init__(
        self,
        llm: FunctionCallingLLM,
        timeout_s: float = 60.0,
        max_tool_calls: int = MAX_TOOL_CALLS,
        require_citation: bool = True,
        per_request_timeout: bool = False,
    ) -> None:
        # The model is always passed explicitly; nothing here reads llama-index's global Settings.llm,
        # so it can never fall back to OpenAI's hosted defaults.
        self.llm = llm
        self.timeout_s = timeout_s
        self.max_tool_calls = max_tool_calls
        self.require_citation = require_citation
        self._per_request_timeout = per_request_timeout
        self._tool_cache: dict[Callable[..., Any], FunctionTool] = {}

    @classmethod
    def from_settings(cls, settings: LLMSettings, max_tool_calls: int = MAX_TOOL_CALLS) -> LLMBackend:
        """Build from validated settings; raises ConfigError with the fix when they cannot work."""
        validate_llm_settings(settings)
        endpoint = ENDPOINT_FACTORIES[settings.backend](settings)
        return cls(endpoint.llm, settings.timeout_s, max_tool_calls, per_request_timeout=endpoint.per_request_timeout)

    def answer(
        self,
        question: str,
        tools: Sequence[Callable[..., Any] | BaseTool],
        evidence: Sequence[Citation],
        fallback: Answer,
        owners: Sequence[str] | None = None,
    ) -> Answer:
        """The model's answer if faithful to the tools and cited passages, else `fallback`; model failures never raise.

        `owners` are the plan's owner titles (the goals grid): a job title the answer names must be one of them.
        """
        return self.run(question, tools, evidence, fallback, owners).answer

    def run(
        self,
        question: str,
        tools: Sequence[Callable[..., Any] | BaseTool],
        evidence: Sequence[Citation],
        fallback: Answer,
        owners: Sequence[str] | None = None,
    ) -> LLMOutcome:
        """Like `answer`, with the reason, the draft and the tool calls kept for logs and evaluation."""
        if fallback.kind == "not_found":
            # "Not in the plan" was decided on calibrated retrieval scores; a model is not asked to overrule it.
            return LLMOutcome(fallback, used_fallback=False, reason="skipped", detail="extractive answer is not_found")
        function_tools = self._function_tools(tools)
        records: list[ToolCallRecord] = []
        raw_outputs: list[Any] = []
        draft = ""
        try:
            with deadline(self.timeout_s):  # one total deadline for every request of this question
                draft = self._converse(question, function_tools, evidence, records, raw_outputs)
            answer, report = self._accept(draft, evidence, records, raw_outputs, fallback, owners)
        except _Rejected as rejected:
            return self._fall_back(fallback, rejected.reason, str(rejected), draft, records, rejected.report)
        except Exception as exc:  # noqa: BLE001 - any failure of the endpoint or its client means: answer without it
            reason = "timeout" if _is_timeout(exc) else "unavailable"
            return self._fall_back(fallback, reason, f"{type(exc).__name__}: {exc}", draft, records, None)
        return LLMOutcome(answer, used_fallback=False, draft=draft, tool_calls=tuple(records), report=report)

    def _function_tools(self, tools: Sequence[Callable[..., Any] | BaseTool]) -> dict[str, BaseTool]:
        by_name: dict[str, BaseTool] = {}
        for tool in tools:
            if not isinstance(tool, BaseTool):
                if tool not in self._tool_cache:
                    self._tool_cache[tool] = function_tool(tool)
                tool = self._tool_cache[tool]
            name = tool.metadata.get_name()
            if name in by_name:
                raise ValueError(f"two tools are named {name!r}; tool names must be unique")
            by_name[name] = tool
        return by_name

    def _converse(
        self,
        question: str,
        tools: Mapping[str, BaseTool],
        evidence: Sequence[Citation],
        records: list[ToolCallRecord],
        raw_outputs: list[Any],
    ) -> str:
        """Run the bounded function-calling loop and return the model's final text."""
        deadline = time.monotonic() + self.timeout_s
        messages = [
            ChatMessage(role=MessageRole.SYSTEM, content=SYSTEM_PROMPT),
            ChatMessage(role=MessageRole.USER, content=_user_prompt(question, evidence)),
        ]
        calls_made = 0
        # Every round that asks for tools uses up at least one call, so this ends after max_tool_calls + 1 rounds.
        while True:
            use_tools = bool(tools) and calls_made < self.max_tool_calls
            response = self._chat(list(tools.values()) if use_tools else [], messages, deadline)
            selections = self._tool_selections(response) if use_tools else []
            if not selections:
                # Reasoning models served raw (llama.cpp, vLLM) may leave their scratchpad in the text.
                return _THINKING.sub("", response.message.content or "").strip()
            messages.append(response.message)
            for selection in selections:
                if calls_made >= self.max_tool_calls:
                    output = f"Työkalukutsujen enimmäismäärä ({self.max_tool_calls}) on käytetty; vastaa nyt."
                    messages.append(_tool_message(selection, output))
                    continue
                calls_made += 1
                record, raw = _call_tool(tools, selection)
                records.append(record)
                if not record.is_error:
                    raw_outputs.append(raw)
                messages.append(_tool_message(selection, record.output))

    def _chat(self, tools: Sequence[BaseTool], messages: list[ChatMessage], deadline: float) -> ChatResponse:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise LLMTimeout(f"the language model did not finish within {self.timeout_s:g} s")
        kwargs: dict[str, Any] = {"timeout": remaining} if self._per_request_timeout else {}
        if tools:
            # A copy: chat_with_tools appends to the history it is given.
            return self.llm.chat_with_tools(tools, chat_history=list(messages), allow_parallel_tool_calls=True, **kwargs)
        return self.llm.chat(list(messages), **kwargs)

    def _tool_selections(self, response: ChatResponse) -> list[ToolSelection]:
        return list(self.llm.get_tool_calls_from_response(response, error_on_no_tool_call=False))

    def _accept(
        self,
        draft: str,
        evidence: Sequence[Citation],
        records: Sequence[ToolCallRecord],
        raw_outputs: Sequence[Any],
        fallback: Answer,
        owners: Sequence[str] | None = None,
    ) -> tuple[Answer, FaithfulnessReport]:
        """The model's answer as an Answer, or _Rejected with the reason it may not be shown."""
        if not draft:
            raise _Rejected("empty", "the model returned no text")
        if len(draft) > MAX_ANSWER_CHARS:
            raise _Rejected("too_long", f"the answer has {len(draft)} characters; the limit is {MAX_ANSWER_CHARS}")
        if NOT_FOUND_PHRASE.rstrip(".").lower() in draft.lower():
            raise _Rejected("declined", "the model found no answer, but the extractive composer did")
        cited, _ = strip_citations(draft)
        if self.require_citation and evidence and not cited:
            raise _Rejected("uncited", "the answer cites none of the passages")
        valid = [n for n in cited if 1 <= n <= len(evidence)]
        # Evidence: the passages the answer cites, what the tools returned (typed, so that every figure keeps
        # its column, area and sign), and the extractive answer's own figures and owners.
        report = check_faithfulness(
            draft,
            [EvidenceText(_quote(evidence[n - 1]), evidence[n - 1].section) for n in valid],
            allowed_names=fallback.owners,
            citation_count=len(evidence),
            results=[*raw_outputs, *fallback.figures, *_untyped_outputs(records, raw_outputs)],
            owners=owners,
        )
        if not report.ok:
            raise _Rejected("unfaithful", _describe(report), report)
        renumbered = {old: new for new, old in enumerate(valid, start=1)}
        text = _renumber(draft, renumbered)
        citations = tuple(replace(evidence[old - 1], n=new) for old, new in renumbered.items())
        figures = _merge_figures(fallback.figures, _stated_figures(raw_outputs, text))
        answer = replace(fallback, answer=text, citations=citations, figures=figures, backend=LLM_BACKEND)
        return answer, report

    def _fall_back(
        self,
        fallback: Answer,
        reason: str,
        detail: str,
        draft: str,
        records: Sequence[ToolCallRecord],
        report: FaithfulnessReport | None,
    ) -> LLMOutcome:
        logger.info("LLM answer not used (%s): %s", reason, detail)
        answer = replace(fallback, backend=FALLBACK_BACKEND)
        if reason == "timeout":
            answer = replace(answer, notes=(*fallback.notes, TIMEOUT_NOTE))
        return LLMOutcome(answer, True, reason, detail, draft, tuple(records), report)


def _quote(citation: Citation) -> str:
    """A passage's quote as far as the model is shown it."""
    return citation.quote if len(citation.quote) <= MAX_PASSAGE_CHARS else citation.quote[:MAX_PASSAGE_CHARS] + " …"


def _passage_text(citation: Citation) -> str:
    """A passage as the model sees it: section, source lines, quote (the guard reads the quote and section only)."""
    return f"{citation.section} (rivit {citation.lines[0]}–{citation.lines[1]}): {_quote(citation)}"


def _untyped_outputs(records: Sequence[ToolCallRecord], raw_outputs: Sequence[Any]) -> list[str]:
    """Tool results that are no typed values (a plain number, dict or text), as the JSON the model was shown.

    Their numbers carry no column or area, so they count as bare numbers; typed results say more.
    """
    successful = [record for record in records if not record.is_error]  # raw_outputs holds exactly these
    return [record.output for record, raw in zip(successful, raw_outputs, strict=True) if not _typed(raw)]


def _typed(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return bool(value) and all(_typed(item) for item in value)
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def _is_timeout(error: BaseException) -> bool:
    """Whether a failure was the deadline running out (in any of the clients' own timeout types)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (LLMTimeout, TimeoutError, httpx.TimeoutException)) or "Timeout" in type(current).__name__:
            return True
        current = current.__cause__ or current.__context__
    return False


def _user_prompt(question: str, evidence: Sequence[Citation]) -> str:
    lines = [f"Kysymys: {question}", "", "Lähdekohdat:"]
    lines += [f"[{n}] {_passage_text(citation)}" for n, citation in enumerate(evidence, start=1)]
    if not evidence:
        lines.append("(ei lähdekohtia; käytä työkaluja)")
    return "\n".join(lines)


def _tool_message(selection: ToolSelection, output: str) -> ChatMessage:
    return ChatMessage(
        role=MessageRole.TOOL,
        content=output,
        additional_kwargs={"tool_call_id": selection.tool_id, "name": selection.tool_name},
    )


def _call_tool(tools: Mapping[str, BaseTool], selection: ToolSelection) -> tuple[ToolCallRecord, Any]:
    """Validate the model's arguments against the tool's schema, call it, and render the result as JSON."""
    arguments = selection.tool_kwargs if isinstance(selection.tool_kwargs, dict) else {}
    shown_arguments = json.dumps(arguments, ensure_ascii=False, default=str)
    tool = tools.get(selection.tool_name)
    if tool is None:
        output = f"Tuntematon työkalu {selection.tool_name!r}; käytettävissä: {', '.join(tools)}"
        return ToolCallRecord(selection.tool_name, shown_arguments, output, is_error=True), None
    try:
        schema = tool.metadata.fn_schema
        if schema is not None:
            # Coerces "2024" to 2024 and reports a missing argument to the model instead of crashing.
            validated = schema.model_validate(arguments)
            # Attributes, not model_dump(): a dataclass argument (a Column) must reach the tool as itself.
            arguments = {name: getattr(validated, name) for name in validated.model_fields_set}
        raw = tool(**arguments).raw_output  # a FunctionTool's __call__ is its call()
    except Exception as exc:  # noqa: BLE001 - a failing tool is reported to the model, which may try again
        output = f"Virhe: {type(exc).__name__}: {exc}"[:MAX_TOOL_OUTPUT_CHARS]
        return ToolCallRecord(selection.tool_name, shown_arguments, output, is_error=True), None
    return ToolCallRecord(selection.tool_name, shown_arguments, render_tool_result(raw)), raw


def _walk_figures(value: Any, depth: int = 0) -> list[FigureRef]:
    if depth > 6:
        return []
    if isinstance(value, FigureRef):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [f for field in dataclasses.fields(value) for f in _walk_figures(getattr(value, field.name), depth + 1)]
    if isinstance(value, (list, tuple)):
        return [f for item in value for f in _walk_figures(item, depth + 1)]
    return []


def _stated_figures(raw_outputs: Sequence[Any], text: str) -> list[FigureRef]:
    """Figures from tool results whose value the answer actually states."""
    stated = {m.amount for m in read_numbers(text) if m.kind == "amount"}
    return [f for raw in raw_outputs for f in _walk_figures(raw) if abs(Decimal(str(f.value))) in stated]


def _merge_figures(first: Sequence[FigureRef], more: Sequence[FigureRef]) -> tuple[FigureRef, ...]:
    return tuple(dict.fromkeys([*first, *more]))


def _renumber(text: str, mapping: Mapping[int, int]) -> str:
    """Rewrite [n] markers to the numbering of the kept citations."""

    def marker(match: re.Match[str]) -> str:
        numbers, _ = strip_citations(match.group(0))
        kept = [str(mapping[n]) for n in numbers if n in mapping]
        return f"[{', '.join(kept)}]" if kept else ""

    return CITATION_MARKER.sub(marker, text)


def _describe(report: FaithfulnessReport) -> str:
    parts = []
    if report.unsupported_numbers:
        parts.append("numbers not in the evidence: " + ", ".join(report.unsupported_numbers))
    if report.unsupported_names:
        parts.append("names not in the evidence: " + ", ".join(report.unsupported_names))
    if report.unsupported_citations:
        parts.append("citations past the list: " + ", ".join(map(str, report.unsupported_citations)))
    return "; ".join(parts)
