"""What feedback may keep: text trimmed to a limit, with e-mail addresses, phone numbers and personal
identity codes replaced, because residents sometimes type them although the note asks them not to."""

from __future__ import annotations

import re
import unicodedata

REDACTED = "[poistettu]"
QUESTION_LIMIT = 2000
COMMENT_LIMIT = 500

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Finnish phone numbers: +358 or a leading 0 and an area/operator code, then 5–9 more digits.
_PHONE = re.compile(r"(?<![\w])(?:\+358[\s-]?|0)\d{1,3}(?:[\s-]?\d){5,9}(?![\w])")
# Henkilötunnus: DDMMYY, a century sign, three digits and a check character.
_IDENTITY_CODE = re.compile(r"\b\d{6}[-+AaBbCcDdEeFfUuVvWwXxY]\d{3}[0-9A-Ya-y]\b")


def scrub(text: str, limit: int) -> str:
    """`text` without control characters, whitespace squashed, personal identifiers redacted, at most `limit` characters."""
    visible = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text or "")
    squashed = " ".join(visible.split())
    for pattern in (_EMAIL, _IDENTITY_CODE, _PHONE):
        squashed = pattern.sub(REDACTED, squashed)
    return squashed[:limit]
