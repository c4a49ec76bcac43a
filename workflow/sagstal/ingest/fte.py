"""Part-time caseloads converted to full time, so that caseworkers can be compared.

    full-time caseload = caseload x standard hours / agreed weekly hours

(30 cases at 30 hours -> 37.0 at the 37-hour standard.) Converted: the total caseload and the
per-case-type counts. Not converted: the suggested caseload and the single-type assessment (the
questionnaire asks for them "i en fuldtidsstilling"), and coordination counts (a count of tasks,
not of the caseload). Edge cases follow config (`full_time`), and every application is logged:

| hours              | rule `missing` / `above_standard` | factor                       |
|--------------------|-----------------------------------|------------------------------|
| blank              | assume_full_time                  | 1 (logged)                   |
| blank              | exclude                           | caseload excluded (ledger)   |
| 0 or negative, or not a number | -                     | caseload excluded (ledger)   |
| above the standard | cap                               | 1: no upward correction (logged) |
| above the standard | convert                           | standard / hours (< 1)       |

Weekly hours as people type them (`read_hours`; the reading is `hours_method` in answers.csv):

| typed                                   | hours            | method      |
|-----------------------------------------|------------------|-------------|
| 37, 37,0, 30,5, 37.5                    | the number       | number      |
| 37 timer, 37 t., 37t, 32 timer/uge, 30 t. om ugen | the number | number |
| deltid 30, deltid: 30, 30 (deltid)      | 30               | number      |
| fuld tid, fuldtid, fuldtidsansat        | the standard (37) | full_time  |
| blank, ved ikke, -                      | missing (rule `missing`) | missing |
| anything else (deltid alone, 30-32)     | not read: the caseload is excluded, a ledger entry | - |
"""

import math
import re
from dataclasses import dataclass
from fractions import Fraction

from ..core.rounding import exact

MISSING_RULES = ("assume_full_time", "exclude")
HOURS_REASON = "caseload not converted to full time"  # the ledger's reason, and the quality gate's count
_HOURS_WORDS = re.compile(r"\b(?:timer?|t\.?|om ugen|pr\.? uge|/ ?uge|ugentlig|deltid)\b\.?|[():]", re.IGNORECASE)
_FULL_TIME = re.compile(r"^(?:fuld ?tid|fuldtids\w*|fuld tids\w*)$", re.IGNORECASE)
_NON_ANSWERS = {"", "-", "--", "?", "ved ikke", "vides ikke", "nan", "none"}
ABOVE_RULES = ("cap", "convert")


class HoursError(ValueError):
    """Weekly hours that make a caseload impossible to convert; the caseload is excluded."""


@dataclass(frozen=True)
class Conversion:
    factor: Fraction  # exact, so that 30 cases at 30 hours is 37, not 37.00000000000001
    note: str  # empty when the ordinary formula applied
    method: str = "number"  # how the hours were read (read_hours)


def read_hours(raw, standard: float = 37) -> tuple[Fraction | None, str]:
    """(hours, method) of weekly hours as typed (the module's table); HoursError when unreadable."""
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None, "missing"
    if isinstance(raw, (int, float)):
        return exact(raw), "number"
    text = " ".join(str(raw).strip().casefold().split())
    if text in _NON_ANSWERS:
        return None, "missing"
    if _FULL_TIME.match(text):
        return exact(standard), "full_time"
    number = " ".join(_HOURS_WORDS.sub(" ", re.sub(r"(\d)([a-zæøå])", r"\1 \2", text)).split())
    if re.fullmatch(r"\d+(?:[.,]\d+)?", number):
        return exact(number.replace(",", ".")), "number"
    raise HoursError(f"weekly hours {str(raw).strip()!r} is not a number")


def conversion(hours, standard: float = 37, missing: str = "assume_full_time",
               above_standard: str = "cap") -> Conversion:
    if missing not in MISSING_RULES or above_standard not in ABOVE_RULES:
        raise ValueError(f"unknown rule: missing={missing!r}, above_standard={above_standard!r}")
    hours, method = read_hours(hours, standard)
    if hours is None:
        if missing == "exclude":
            raise HoursError("weekly hours missing; config full_time.missing is 'exclude'")
        return Conversion(Fraction(1), f"weekly hours missing: assumed full time ({standard:g} hours)", method)
    if hours <= 0:
        raise HoursError(f"weekly hours {float(hours):g} is not positive")
    if hours > exact(standard) and above_standard == "cap":
        return Conversion(Fraction(1), f"weekly hours {float(hours):g} above the standard {standard:g}: not converted",
                          method)
    return Conversion(exact(standard) / hours, "", method)


def to_full_time(value, factor: Fraction):
    """The full-time caseload, computed exactly and stored as the nearest float (37/30 x 30 is 37.0)."""
    return None if value is None else float(exact(value) * factor)
