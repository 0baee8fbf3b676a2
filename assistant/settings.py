"""One typed settings object, built once at the entry point from the environment and an optional file."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError
from index.settings import IndexSettings

CONFIG_ENV = "KAYTTO_CONFIG"
LLM_BACKENDS = ("none", "openai", "ollama")

OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
}


def apply_offline_environment() -> None:
    """Make every library stay offline and quiet (call before importing them)."""
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)


@dataclass(frozen=True)
class LLMSettings:
    """The optional language-model backend; off by default."""

    backend: str = "none"  # none | openai (any OpenAI-compatible server) | ollama
    base_url: str = ""
    model: str = ""
    api_key: str = field(default="", repr=False)  # only from the environment
    timeout_s: float = 60.0

    @property
    def enabled(self) -> bool:
        return self.backend != "none"


@dataclass(frozen=True)
class UISettings:
    """The web page's own settings: where residents can ask a person, and where feedback is stored."""

    contact_text: str = ""  # e.g. "Hyvinvointitoimialan asiakaspalvelu, puh. 03 123 4567"; "" = a generic line
    contact_url: str = ""  # a page or mailto: link shown with the contact text
    feedback_db: str = ""  # any SQLAlchemy URL; "" = SQLite file feedback.sqlite3 under the data dir
    feedback_view: bool = False  # the staff tab listing feedback (only for an internal instance)


@dataclass(frozen=True)
class Settings:
    """Everything configurable; the defaults work offline with nothing configured."""

    index: IndexSettings = field(default_factory=lambda: IndexSettings.from_env({}))
    top_k: int = 8
    llm: LLMSettings = LLMSettings()
    ui: UISettings = UISettings()
    answer_deadline_s: float = 5.0  # total time a server waits for one answer before a Finnish "try again"

    def with_llm(self, **changes: Any) -> Settings:
        return replace(self, llm=replace(self.llm, **changes))


def load_settings(env: Mapping[str, str] | None = None, config_file: Path | None = None) -> Settings:
    """Settings from an optional TOML file (`KAYTTO_CONFIG`) overridden by `KAYTTO_*` variables."""
    env = os.environ if env is None else env
    path = config_file or (Path(env[CONFIG_ENV]) if env.get(CONFIG_ENV) else None)
    data = _read_config(path) if path else {}
    llm_data = data.get("llm", {})
    ui_data = data.get("ui", {})
    settings = Settings(
        index=IndexSettings.from_env(
            env,
            **{key: data[key] for key in ("data_dir", "chroma_url", "embedder") if key in data and not env.get(f"KAYTTO_{key.upper()}")},
        ),
        top_k=_int(env.get("KAYTTO_TOP_K") or data.get("top_k", 8), "top_k"),
        llm=LLMSettings(
            backend=env.get("KAYTTO_LLM_BACKEND") or llm_data.get("backend", "none"),
            base_url=env.get("KAYTTO_LLM_BASE_URL") or llm_data.get("base_url", ""),
            model=env.get("KAYTTO_LLM_MODEL") or llm_data.get("model", ""),
            api_key=env.get("KAYTTO_LLM_API_KEY", ""),
            timeout_s=float(env.get("KAYTTO_LLM_TIMEOUT") or llm_data.get("timeout_s", 60.0)),
        ),
        ui=UISettings(
            contact_text=env.get("KAYTTO_CONTACT_TEXT") or ui_data.get("contact_text", ""),
            contact_url=env.get("KAYTTO_CONTACT_URL") or ui_data.get("contact_url", ""),
            feedback_db=env.get("KAYTTO_FEEDBACK_DB") or ui_data.get("feedback_db", ""),
            feedback_view=_bool(env.get("KAYTTO_FEEDBACK_VIEW") or ui_data.get("feedback_view", False), "feedback_view"),
        ),
        answer_deadline_s=_positive(env.get("KAYTTO_ANSWER_DEADLINE") or data.get("answer_deadline_s", 5.0), "answer_deadline_s"),
    )
    if settings.llm.backend not in LLM_BACKENDS:
        raise ConfigError(f"unknown LLM backend {settings.llm.backend!r}; valid: {', '.join(LLM_BACKENDS)}")
    if settings.llm.enabled and not (settings.llm.base_url or settings.llm.backend == "ollama"):
        raise ConfigError("KAYTTO_LLM_BASE_URL must be set for the 'openai' backend, e.g. http://127.0.0.1:8080/v1")
    if settings.llm.enabled and not settings.llm.model:
        raise ConfigError("KAYTTO_LLM_MODEL must name the model when an LLM backend is enabled")
    return settings


def _read_config(path: Path) -> dict:
    if not path.is_file():
        raise ConfigError(f"config file {path} does not exist (named by {CONFIG_ENV})")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: malformed TOML: {exc}") from exc


def _positive(value: object, name: str) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ConfigError(f"{name} must be a number of seconds, got {value!r}") from None
    if not number > 0:
        raise ConfigError(f"{name} must be more than 0 seconds, got {value!r}")
    return number


def _int(value: object, name: str) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise ConfigError(f"{name} must be an integer, got {value!r}") from None


def _bool(value: object, name: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on", "kylla", "kyllä"):
        return True
    if text in ("", "0", "false", "no", "off", "ei"):
        return False
    raise ConfigError(f"{name} must be true or false, got {value!r}")
