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
| 1.000 / 1.200 / 1.000,5    | 1000, 1200, 1000.5 | number_thousands (a Danish thousands point) |
| 40+ / over 40              | 40 or excluded, by config (open_answers) | open_lower_bound |
| blank, "-", "ved ikke", "?" | missing | non_answer    |

Dots and commas as typed in Denmark: a comma is the decimal mark ("27,5"); a point followed by
groups of exactly three digits is the thousands point ("1.000", "12.500", "1.000,5"); a point
followed by one or two digits is a decimal point ("27.5", "1.5"). Forms a Dane and an
English-speaker read differently are ambiguous and go to the ledger, never guessed: a comma
followed by exactly three digits ("1,000": 1 or 1000?) and a point followed by four or more digits.

Anything else raises AnswerError with the reason; the caller writes it to the exclusions ledger.
"""

import math
import re
from dataclasses import dataclass

NON_ANSWERS = {"", "-", "--", "?", "ved ikke", "ved ej", "vides ikke", "nan", "none", "ikke relevant"}
_NUMBER = r"\d+(?:[.,]\d+)*"  # what a number may look like; _number() decides what it is
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_DECIMAL = re.compile(r"^\d+(?:,\d+|\.\d{1,2})?$")
THOUSANDS = "_thousands"  # added to the method of an answer read with a thousands point
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


def _number(text: str) -> tuple[float, bool]:
    """(value, whether a thousands point was read) of one typed number, by the module's rule."""
    if re.fullmatch(r"\d{1,3},\d{3}", text) or re.fullmatch(r"\d+\.\d{4,}", text):
        raise AnswerError(f"ambiguous number ({text!r}): a Danish and an English reader differ; "
                          "the ledger keeps it for a person to decide")
    if _THOUSANDS.match(text):
        return float(text.replace(".", "").replace(",", ".")), True
    if _DECIMAL.match(text):
        return float(text.replace(",", ".")), False
    raise AnswerError(f"not a number, range or approximation ({text!r})")


def _plain(text: str, open_answers: str) -> ParsedAnswer:
    if re.fullmatch(_NUMBER, text):
        value, thousands = _number(text)
        return ParsedAnswer(value, "number" + THOUSANDS * thousands)
    match = _RANGE.match(text)
    if match:
        (low, low_thousands), (high, high_thousands) = _number(match.group(1)), _number(match.group(2))
        if low > high:
            raise AnswerError(f"range with its lower end above its upper end ({text!r})")
        return ParsedAnswer((low + high) / 2, "range_midpoint" + THOUSANDS * (low_thousands or high_thousands))
    match = _OPEN.match(text)
    if match:
        if open_answers == "lower_bound":
            value, thousands = _number(match.group(1) or match.group(2))
            return ParsedAnswer(value, "open_lower_bound" + THOUSANDS * thousands)
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
        return ParsedAnswer(inner.value, "approximate" + THOUSANDS * inner.method.endswith(THOUSANDS))
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
