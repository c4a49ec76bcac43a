"""Respondents were promised anonymity: quotes lose municipality names, e-mails and phone numbers.

The report prints "i … kommune" where a respondent named their municipality; the same
ellipsis replaces every redacted piece here.
"""

import re
from functools import lru_cache

REDACTED = "…"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_PHONE = re.compile(r"(?<!\d)(?:\+45[\s-]?)?(?:\d{2}[\s-]?){3}\d{2}(?!\d)")


@lru_cache(maxsize=8)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern:
    # Longest first, so "Lyngby-Taarbæk" goes before a shorter name inside it; genitive -s too.
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})s?(?![\w-])", re.IGNORECASE | re.UNICODE)


def redact(text: str, municipalities) -> str:
    """The text with e-mail addresses, phone numbers and municipality names replaced by '…'."""
    if not text:
        return text
    text = _EMAIL.sub(REDACTED, text)
    text = _PHONE.sub(REDACTED, text)
    return _names_pattern(tuple(municipalities)).sub(REDACTED, text)
