"""The report's binned tables ("20-25", "26-30", ...).

A bin labelled "a-b" holds the values in (previous bin's upper bound, b]; the first bin holds
[a, b]. So 25.5 (a "25-26" answer) falls in 26-30 and 30 falls in 26-30, never in 31-35.
The report's irregular tail bins ("111-140", "95", "130-150") follow the same rule: only the
upper bounds decide. A single number ("95", "355") is a bin whose label bounds are both that number.
"""

import re
from collections import Counter
from dataclasses import dataclass

from .rounding import percent_half_up

_LABEL = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:-\s*(\d+(?:[.,]\d+)?))?\s*$")


@dataclass(frozen=True)
class Bin:
    label: str
    label_low: float  # the lower number printed in the label
    upper: float  # inclusive upper bound
    lower: float  # exclusive lower bound, or inclusive for the first bin
    lower_inclusive: bool

    def holds(self, value: float) -> bool:
        above = value >= self.lower if self.lower_inclusive else value > self.lower
        return above and value <= self.upper


def parse_bins(labels) -> list[Bin]:
    """Bins from their printed labels; upper bounds must strictly increase."""
    bins: list[Bin] = []
    for label in labels:
        match = _LABEL.match(str(label))
        if not match:
            raise ValueError(f"bin label {label!r} is not 'a-b' or a single number")
        low = float(match.group(1).replace(",", "."))
        high = float((match.group(2) or match.group(1)).replace(",", "."))
        if high < low:
            raise ValueError(f"bin label {label!r} has its upper bound below its lower bound")
        if bins and high <= bins[-1].upper:
            raise ValueError(
                f"bin {label!r} does not end above the previous bin {bins[-1].label!r}"
            )
        first = not bins
        bins.append(
            Bin(
                label=str(label),
                label_low=low,
                upper=high,
                lower=low if first else bins[-1].upper,
                lower_inclusive=first,
            )
        )
    return bins


def gap_before(index: int, bins: list[Bin]) -> bool:
    """Whether whole numbers lie between bin index-1's upper bound and bin index's printed lower
    bound ("66-70" then "80-90": 71 to 79). An answer there would be counted under a label that
    does not contain it; a fraction between two whole-number bins (40.47 between "36-40" and
    "41-45") has no such number and rightly goes up."""
    return index > 0 and bins[index].label_low > bins[index - 1].upper + 1


def answers_in_gaps(values, bins: list[Bin]) -> list[tuple[Bin, Bin, list[float]]]:
    """(previous bin, bin, the answers it would hold below its label) for every gap holding answers."""
    found = {}
    for value in set(values):
        index = bin_index(value, bins)
        if index is not None and gap_before(index, bins) and value < bins[index].label_low:
            found.setdefault(index, []).append(value)
    return [(bins[i - 1], bins[i], sorted(found[i])) for i in sorted(found)]


def bin_index(value: float, bins: list[Bin]) -> int | None:
    """Index of the bin holding value, or None when it lies outside all bins."""
    for index, bin_ in enumerate(bins):
        if bin_.holds(value):
            return index
    return None


def bin_table(values, bins: list[Bin]) -> tuple[list[dict], list[float]]:
    """Rows (interval, count, percent of all values) and the values outside every bin.

    Percentages are of all answers, including any outside the bins, so that an analyst sees
    at once that the table does not cover every answer.
    """
    values = list(values)
    counts = [0] * len(bins)
    outside = []
    for value, times in Counter(values).items():  # each distinct answer placed once
        index = bin_index(value, bins)
        if index is None:
            outside += [value] * times
        else:
            counts[index] += times
    rows = [
        {"interval": b.label, "count": c, "percent": percent_half_up(c, len(values))}
        for b, c in zip(bins, counts)
    ]
    return rows, sorted(outside)


def regular_labels(maximum: float, width: int, start: int = 1) -> list[str]:
    """Labels of equal-width bins covering start..maximum: '1-5', '6-10', ... (for tables with no printed bins)."""
    labels, low = [], start
    while True:
        labels.append(f"{low}-{low + width - 1}")
        if low + width - 1 >= maximum:
            return labels
        low += width


def tail_rows(outside, bins: list[Bin], total: int) -> tuple[list[dict], list[dict]]:
    """Rows for the answers outside every bin, so that a table's rows always add up to its total:
    "under 20" below the first bin, "over 110" above the last (only where there are such answers).
    Numbers as a Danish text prints them (decimal comma)."""
    above = [v for v in outside if v > bins[-1].upper]
    below = len(outside) - len(above)  # the bins are contiguous: the rest lie below the first

    def row(label, count, tail):
        return [{"interval": label, "count": count, "percent": percent_half_up(count, total), "tail": tail}]

    return (row(f"under {bound_text(bins[0].label_low)}", below, "below") if below else [],
            row(f"over {bound_text(bins[-1].upper)}", len(above), "above") if above else [])


def bound_text(value: float) -> str:
    """A bin bound as a label prints it: 30 as '30', 25.5 as '25,5'."""
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")
