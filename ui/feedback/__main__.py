"""`python -m ui.feedback export --csv`: see ui.feedback.cli."""

from __future__ import annotations

import sys

from ui.feedback.cli import main

sys.exit(main())
