"""Reading caseload answers as respondents typed them.

Accepted forms (the report: "Nogle ... har valgt at svare, at der er 30-35 sager. I de tilfælde
er gennemsnittet 32,5 sager brugt"):

| typed                      | value | method          |
|----------------------------|-------|-----------------|
| 35                         | 35    | number          |
| 35,5  /  35.5              | 35.5  | number          |
| 30-35 / 30–35 / 30 til 35  | 32.5  | range_midpoint  |
| ca. 40 / cirka 40 / omkring 40 / ~40 | 40 | approximate |
| ca. 30-35                  | 32.5  | approximate     |
| 45 sager                   | 45    | number (the word is dropped) |
| 40+ / over 40              | 40 or excluded, by config (open_answers) | open_lower_bound |
| blank, "-", "ved ikke", "?" | missing | non_answer    |

Anything else raises AnswerError with the reason; the caller writes it to the exclusions ledger.
"""

import math
import re
from dataclasses import dataclass

NON_ANSWERS = {"", "-", "--", "?", "ved ikke", "ved ej", "vides ikke", "nan", "none", "ikke relevant"}
_NUMBER = r"\d+(?:[.,]\d+)?"
_APPROX = re.compile(r"^(?:ca\.?|cirka|omkring|~|ca)\s*(.+)$")
_RANGE = re.compile(rf"^({_NUMBER})\s*(?:-|–|—|til)\s*({_NUMBER})$")
_OPEN = re.compile(rf"^(?:({_NUMBER})\s*\+|(?:over|mere end|flere end)\s+({_NUMBER}))$")
_TRAILING_WORDS = re.compile(r"\s*(?:sager|sag|stk\.?|borgere)\s*$")

OPEN_ANSWER_RULES = ("exclude", "lower_bound")
ASSESSMENTS = ("too_high", "about_right", "too_low")  # the levels of "is your caseload too high?"


class AnswerError(ValueError):
    """A typed answer that is neither a number, a range, an approximation nor a non-answer."""


@dataclass(frozen=True)
class ParsedAnswer:
    value: float | None
    method: str


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _plain(text: str, open_answers: str) -> ParsedAnswer:
    if re.fullmatch(_NUMBER, text):
        return ParsedAnswer(_number(text), "number")
    match = _RANGE.match(text)
    if match:
        low, high = _number(match.group(1)), _number(match.group(2))
        if low > high:
            raise AnswerError(f"range with its lower end above its upper end ({text!r})")
        return ParsedAnswer((low + high) / 2, "range_midpoint")
    match = _OPEN.match(text)
    if match:
        if open_answers == "lower_bound":
            return ParsedAnswer(_number(match.group(1) or match.group(2)), "open_lower_bound")
        raise AnswerError(f"open-ended answer ({text!r}); config open_answers is 'exclude'")
    raise AnswerError(f"not a number, range or approximation ({text!r})")


def parse_caseload(raw, open_answers: str = "exclude") -> ParsedAnswer:
    """Parse one typed caseload answer into (value, method); raise AnswerError if unreadable."""
    if open_answers not in OPEN_ANSWER_RULES:
        raise ValueError(f"open_answers must be one of {OPEN_ANSWER_RULES}, not {open_answers!r}")
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return ParsedAnswer(None, "non_answer")
    if isinstance(raw, (int, float)):
        return ParsedAnswer(float(raw), "number")
    text = " ".join(str(raw).strip().lower().split())
    if text in NON_ANSWERS:
        return ParsedAnswer(None, "non_answer")
    text = _TRAILING_WORDS.sub("", text)
    match = _APPROX.match(text)
    if match:
        inner = _plain(match.group(1).strip(), open_answers)
        return ParsedAnswer(inner.value, "approximate")
    return _plain(text, open_answers)


def caseload_share(texts) -> float:
    """The share of the texts that read as a caseload (0 for none): how a column of numbers is told
    from one of codes or words."""
    texts = [t for t in texts if t]
    readable = 0
    for text in texts:
        try:
            readable += parse_caseload(text).value is not None
        except AnswerError:
            pass
    return readable / len(texts) if texts else 0.0
