"""Entry point: `python -m assistant ask "KYSYMYS"`."""

import sys

from assistant.cli import main

if __name__ == "__main__":
    sys.exit(main())
