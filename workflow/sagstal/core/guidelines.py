"""DS' guideline caseloads (vejledende sagstal), dated, and compliance with them.

Compliance (the report's method section): an answer at or below the guideline's maximum
complies; an answer above it does not. Answers below the minimum still comply.
"""

import datetime as dt
from dataclasses import dataclass

import numpy as np

from .rounding import percent_half_up


@dataclass(frozen=True)
class Guideline:
    minimum: float
    maximum: float
    effective: dt.date

    @property
    def label(self) -> str:
        return f"{self.minimum:g}-{self.maximum:g}"


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def guideline_in_force(entries, on: dt.date) -> Guideline | None:
    """The guideline in force on a date: the latest entry that took effect on or before it.

    An entry with min and max null means the area has no guideline from that date.
    """
    on = _as_date(on)
    in_force = [e for e in entries or [] if _as_date(e["from"]) <= on]
    if not in_force:
        return None
    latest = max(in_force, key=lambda e: _as_date(e["from"]))
    if latest.get("max") is None:
        return None
    return Guideline(float(latest["min"]), float(latest["max"]), _as_date(latest["from"]))


def compliance(values, guideline: Guideline | None) -> dict:
    """Counts and half-up percentages of answers at or below / above the guideline maximum."""
    values = list(values)
    if guideline is None:
        return {
            "compliant_n": None,
            "compliant_pct": None,
            "noncompliant_n": None,
            "noncompliant_pct": None,
        }
    compliant = int((np.asarray(values, dtype=float) <= guideline.maximum).sum())
    noncompliant = len(values) - compliant
    return {
        "compliant_n": compliant,
        "compliant_pct": percent_half_up(compliant, len(values)),
        "noncompliant_n": noncompliant,
        "noncompliant_pct": percent_half_up(noncompliant, len(values)),
    }
