"""Exit codes of `python -m evals` (a contract for scripts and CI)."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1  # compare: a regression beyond the threshold; run: skipped suite lines or questions that raised
EXIT_USAGE = 2  # bad arguments, unknown suite, unreadable run folder, LLM backend not configured
