"""Retrieval over the corpus chunks: embedders, the Chroma store, Finnish BM25, fusion and the build command.

Entry points: `index.search.open_searcher()` (search), `index.build.build_index()` (`python -m index build`).
Kept import-free so that `index.hits` stays cheap for the layers above.
"""
