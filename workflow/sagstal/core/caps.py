"""Municipal caps as the survey gives them: typed answers ("25", "35-40", "ca. 40").

A wave's caps are kept as their distinct values with how many gave each ("20; 25 ×11; 35-40"),
so the list grows with the number of different caps, never with the number of respondents.
"""

from collections import Counter

from .parsing import AnswerError, parse_caseload

TIMES = " ×"


def cap_text(typed: str) -> str:
    """A cap as data: a plain number as a number ("25.0" from a CSV or .sav export is 25, "32,5" is
    32.5); anything else (a range, "ca. 40") as typed. The Danish form is the renderers' job."""
    try:
        parsed = parse_caseload(typed)
    except AnswerError:
        return typed
    return f"{parsed.value:g}" if parsed.method == "number" else typed


def cap_sort_key(text: str):
    """Order typed cap values by their parsed value, then as text ("35-40" sorts at 37.5)."""
    try:
        value = parse_caseload(text).value
    except AnswerError:
        value = None
    return (value is None, value or 0.0, text)


def summarise(typed_caps) -> str:
    """'20; 25 ×11; 35-40': each distinct cap once, in order, with how many gave it (when more than one)."""
    counts = Counter(cap_text(c) for c in typed_caps if c)
    return "; ".join(f"{text}{TIMES}{n}" if n > 1 else text
                     for text, n in sorted(counts.items(), key=lambda item: cap_sort_key(item[0])))


def distinct(summary) -> list[tuple[str, int]]:
    """[(cap, how many gave it)] from a summary."""
    pairs = []
    for part in filter(None, str(summary or "").split("; ")):
        text, _, times = part.partition(TIMES)
        pairs.append((text, int(times) if times else 1))
    return pairs


def every(summary) -> list[str]:
    """Every cap given, one per respondent (for the audit's comparison with a printed list)."""
    return [text for text, n in distinct(summary) for _ in range(n)]
