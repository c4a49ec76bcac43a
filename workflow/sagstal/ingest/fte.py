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
"""

import math
from dataclasses import dataclass
from fractions import Fraction

from ..core.rounding import exact

MISSING_RULES = ("assume_full_time", "exclude")
ABOVE_RULES = ("cap", "convert")


class HoursError(ValueError):
    """Weekly hours that make a caseload impossible to convert; the caseload is excluded."""


@dataclass(frozen=True)
class Conversion:
    factor: Fraction  # exact, so that 30 cases at 30 hours is 37, not 37.00000000000001
    note: str  # empty when the ordinary formula applied


def conversion(hours, standard: float = 37, missing: str = "assume_full_time",
               above_standard: str = "cap") -> Conversion:
    if missing not in MISSING_RULES or above_standard not in ABOVE_RULES:
        raise ValueError(f"unknown rule: missing={missing!r}, above_standard={above_standard!r}")
    if hours is None or (isinstance(hours, float) and math.isnan(hours)) or str(hours).strip() == "":
        if missing == "exclude":
            raise HoursError("weekly hours missing; config full_time.missing is 'exclude'")
        return Conversion(Fraction(1), f"weekly hours missing: assumed full time ({standard:g} hours)")
    try:
        hours = exact(str(hours).strip().replace(",", "."))
    except (ValueError, ArithmeticError):
        raise HoursError(f"weekly hours {hours!r} is not a number") from None
    if hours <= 0:
        raise HoursError(f"weekly hours {float(hours):g} is not positive")
    if hours > exact(standard) and above_standard == "cap":
        return Conversion(Fraction(1), f"weekly hours {float(hours):g} above the standard {standard:g}: not converted")
    return Conversion(exact(standard) / hours, "")


def to_full_time(value, factor: Fraction):
    """The full-time caseload, computed exactly and stored as the nearest float (37/30 x 30 is 37.0)."""
    return None if value is None else float(exact(value) * factor)
