"""Per-area statistics of one question: n, mean, range and the main range ("hovedparten")."""

from dataclasses import dataclass

from ..core.binning import Bin, bin_table, bound_text, tail_rows
from ..core.rounding import exact, mean_half_up, one_decimal, percent_one_decimal


@dataclass(frozen=True)
class MainRange:
    label: str  # "26-35": the run's lowest to highest bound (see main_range)
    count: int
    share_pct: float  # share of all answers of the question the run covers, one decimal


@dataclass(frozen=True)
class Row:
    """One printed row of a binned table and the interval it spans: a bin spans its lower bound
    (the previous bin's upper bound, or its own printed lower bound for the first) to its upper
    bound; the "under"/"over" rows span the answers they hold, lowest to highest."""

    count: int
    low: float  # where a run starting here begins (its width is measured from here)
    high: float  # where a run ending here ends
    low_text: float  # the number a label starting here prints
    high_text: float


def table_rows(counts: list[int], bins: list[Bin], outside=()) -> list[Row]:
    """The rows of the printed table, tails included, each with its span: the bins' counts and the
    answers outside them (which lie below the first bin or above the last: the bins are contiguous)."""
    above = [v for v in outside if v > bins[-1].upper]
    below = [v for v in outside if v <= bins[-1].upper]
    rows = [tail_row(below)] if below else []
    rows += [Row(c, b.lower, b.upper, b.label_low, b.upper) for b, c in zip(bins, counts)]
    rows += [tail_row(above)] if above else []
    return rows


def tail_row(values: list[float]) -> Row:
    """An "under"/"over" row: it spans its lowest to its highest answer, printed to one decimal
    (a full-time caseload such as 30.8333 prints as 30,8)."""
    low, high = min(values), max(values)
    return Row(len(values), low, high, one_decimal(low), one_decimal(high))


def main_range(counts: list[int], bins: list[Bin], min_share: float, outside=()) -> MainRange | None:
    """The narrowest run of adjacent table rows holding at least min_share of ALL answers.

    The report's "hovedparten" is a judgement; this is the documented rule that replaces it.
    The base is every answer to the question, including those outside the bins; the rows are the
    printed table's, so the "under"/"over" rows may join a run (a run starting in "under 20"
    begins at the lowest answer, one ending in "over 110" ends at the highest, each printed to one
    decimal, half up).
    Narrowest is the length of the interval the run spans (end of its last row minus start of
    its first), so 20-25 and 26-30 are equally wide; ties go to the run holding more answers,
    then to the lower run. The label runs from the first row's printed lower number to the last
    row's upper bound (a single number when they are equal).
    """
    rows = table_rows(counts, bins, [float(v) for v in outside])
    total = sum(r.count for r in rows)
    if total == 0:
        return None
    needed = exact(min_share) * total
    best = None
    for start in range(len(rows)):
        running = 0
        for end in range(start, len(rows)):
            running += rows[end].count
            if running >= needed:
                key = (exact(rows[end].high) - exact(rows[start].low), -running, start)
                if best is None or key < best[0]:
                    best = (key, start, end, running)
                break
    _, start, end, running = best
    low, high = bound_text(rows[start].low_text), bound_text(rows[end].high_text)
    label = low if low == high else f"{low}-{high}"  # a tail of one distinct answer: "12"
    return MainRange(label, running, percent_one_decimal(running, total))


def describe(values, bins: list[Bin], min_share: float) -> dict:
    """n, mean (half up), min, max, main range and the bin table of one question's answers."""
    values = [float(v) for v in values]
    rows, outside = bin_table(values, bins)
    below, above = tail_rows(outside, bins, len(values))
    run = main_range([r["count"] for r in rows], bins, min_share, outside)
    return {
        "n": len(values),
        "mean": mean_half_up(values),
        "min": min(values) if values else None,
        "max": max(values) if values else None,
        "main_range": run.label if run else None,
        "main_range_share": run.share_pct if run else None,
        "bins": below + [{**r, "tail": ""} for r in rows] + above,  # rows add up to n
        "outside_bins": outside,
    }
