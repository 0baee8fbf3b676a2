"""The Chroma store under its former name: everything now lives in `index.store` (kept for existing imports)."""

from index.store import (  # noqa: F401
    SCHEMA,
    WRITE_BATCH,
    ActiveIndex,
    IndexInfo,
    LocalStore,
    ServerStore,
    Store,
    add_chunks,
    fetch_vectors,
    new_info,
    open_store,
    require_active,
)
