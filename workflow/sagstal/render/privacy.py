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


def suppress_context(context: dict, min_count: int) -> dict:
    """The appendix context with small counts hidden, for every renderer alike (0 = off).

    A count below min_count is not shown (None, rendered as "<min_count"), nor its percentage;
    values that describe single respondents (min, max, listed caps, the range of a small group)
    are not shown either. Statistics Denmark's rule is min_count = 3; DS publishes all counts,
    so the default is off.
    """
    if not min_count:
        return context
    hidden = f"<{min_count}"

    def cell(count):
        return count if count is None or count == 0 or count >= min_count else None

    c = {**context, "suppressed": hidden}
    for question in ("current", "suggested"):
        figures = dict(c[question])
        figures["bins"] = [{**b, "count": cell(b["count"]), "percent": b["percent"] if cell(b["count"]) is not None else None}
                           for b in figures["bins"]]
        figures["min"] = figures["max"] = None
        c[question] = figures
    c["assessment"] = [{**lvl, "n": cell(lvl["n"]), "pct": lvl["pct"] if cell(lvl["n"]) is not None else None,
                        "min_current": None, "max_current": None,
                        "main_range_current": lvl["main_range_current"] if cell(lvl["n"]) is not None else None}
                       for lvl in c["assessment"]]
    caps = c["caps"]
    if caps["n"] and caps["n"] < min_count:
        c["caps"] = {"n": None, "typed": [], "cells": []}
    else:
        c["caps"] = {**caps, "typed": [], "cells": []}
    for key in ("case_types", "single_type"):
        c[key] = [{**r, "n": cell(r["n"]), "min": None, "max": None,
                   "mean": r["mean"] if cell(r["n"]) is not None else None} for r in c.get(key, [])]
    c["quotes"] = [] if c["n"] is not None and c["n"] < min_count else c["quotes"]
    return c
