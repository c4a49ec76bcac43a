"""Per-area statistics of one question: n, mean, range and the main range ("hovedparten")."""

from dataclasses import dataclass

from ..core.binning import Bin, bin_table, bound_text, tail_rows
from ..core.rounding import mean_half_up, percent_one_decimal


@dataclass(frozen=True)
class MainRange:
    label: str  # "26-35": lower label bound of the first bin to upper bound of the last
    count: int
    share_pct: float  # share of all answers the run covers, one decimal


def main_range(counts: list[int], bins: list[Bin], min_share: float) -> MainRange | None:
    """The narrowest run of adjacent bins holding at least min_share of the answers.

    The report's "hovedparten" is a judgement; this is the documented rule that replaces it.
    Narrowest is the length of the interval the run covers (upper bound of the last bin minus
    the lower bound of the first), so 20-25 and 26-30 are equally wide; ties go to the run
    holding more answers, then to the lower run.
    """
    total = sum(counts)
    if total == 0:
        return None
    best = None
    for start in range(len(bins)):
        running = 0
        for end in range(start, len(bins)):
            running += counts[end]
            if running >= min_share * total:
                width = bins[end].upper - bins[start].lower
                key = (width, -running, start)
                if best is None or key < best[0]:
                    best = (key, start, end, running)
                break
    _, start, end, running = best
    label = f"{bound_text(bins[start].label_low)}-{bound_text(bins[end].upper)}"
    return MainRange(label, running, percent_one_decimal(running, total))


def describe(values, bins: list[Bin], min_share: float) -> dict:
    """n, mean (half up), min, max, main range and the bin table of one question's answers."""
    values = [float(v) for v in values]
    rows, outside = bin_table(values, bins)
    below, above = tail_rows(outside, bins, len(values))
    run = main_range([r["count"] for r in rows], bins, min_share)
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
