"""Answers a person must judge before publishing: those outside the printed bins, and extreme ones.

Both are correct by the rules and counted in every figure; neither is dropped. They are listed
(unusual.csv, and the review page) because a single typed "200" among answers around 50 moves an
area's mean, and an answer outside the bins sits in an "under"/"over" row nobody chose.

Extreme (Tukey's far-out rule): below Q1 - 3 x IQR or above Q3 + 3 x IQR of the same area's answers
to the same question, with Q1 and Q3 the quartiles by linear interpolation between the sorted
answers (Excel's KVARTIL.MEDTAG / QUARTILE.INC) and IQR = Q3 - Q1; only for 5 or more answers.
"""

from fractions import Fraction

import pandas as pd

from ..core.binning import bin_index, parse_bins
from ..core.rounding import exact, exact_mean, one_decimal

UNUSUAL_COLUMNS = ["area", "question", "kind", "value", "count", "source_rows", "typed", "low_fence",
                   "high_fence", "mean_with", "mean_without"]
FAR_OUT = 3
LEAST_ANSWERS = 5


def quartiles(values: list[float]) -> tuple[Fraction, Fraction]:
    """Q1 and Q3 by linear interpolation: position (n - 1) x p in the sorted answers (QUARTILE.INC)."""
    ordered = sorted(values)

    def at(p: Fraction) -> Fraction:
        position = (len(ordered) - 1) * p
        below = int(position)
        above = min(below + 1, len(ordered) - 1)
        low, high = exact(ordered[below]), exact(ordered[above])  # only the two answers it lies between
        return low + (high - low) * (position - below)

    return at(Fraction(1, 4)), at(Fraction(3, 4))


def fences(values: list[float]) -> tuple[Fraction, Fraction] | None:
    """(low, high): answers outside them are extreme; None for fewer than 5 answers."""
    if len(values) < LEAST_ANSWERS:
        return None
    q1, q3 = quartiles(values)
    return q1 - FAR_OUT * (q3 - q1), q3 + FAR_OUT * (q3 - q1)


def _rows(group: pd.DataFrame, question: str, kind: str, area: str, extra: dict) -> list[dict]:
    """One row per distinct value: how many, which export rows, what was typed."""
    rows = []
    for value, same in group.groupby(question, sort=True):
        rows.append({"area": area, "question": question, "kind": kind, "value": value, "count": len(same),
                     "source_rows": "; ".join(map(str, same["source_row"].tolist())),
                     "typed": "; ".join(dict.fromkeys(same[f"{question}_raw"].astype(str))), **extra})
    return rows


def unusual_answers(answers: pd.DataFrame, areas: dict) -> pd.DataFrame:
    """Per area and question: the answers outside the bins (kind below/above) and the extreme
    answers (kind extreme, with the fences and the mean with and without them, one decimal)."""
    rows = []
    for area, settings in areas.items():
        own = answers[answers["area"] == area]
        for question in ("current", "suggested"):
            used = own[own[question].notna()].assign(**{question: lambda t, q=question: t[q].astype(float)})
            if used.empty:
                continue
            bins = parse_bins(settings[f"bins_{question}"])
            distinct = used[question].unique()  # each distinct answer judged once: a large wave repeats few values
            outside = used[used[question].isin([v for v in distinct if bin_index(v, bins) is None])]
            above = outside[question] > bins[-1].upper
            rows += _rows(outside[~above], question, "below", area, {})
            rows += _rows(outside[above], question, "above", area, {})
            limits = fences(used[question].tolist())
            if limits is None:
                continue
            low, high = limits
            extreme = used[used[question].isin([v for v in distinct if not low <= exact(v) <= high])]
            if extreme.empty:
                continue
            rest = used.drop(extreme.index)[question]
            rows += _rows(extreme, question, "extreme", area, {
                "low_fence": one_decimal(low), "high_fence": one_decimal(high),
                "mean_with": one_decimal(exact_mean(used[question])),
                "mean_without": one_decimal(exact_mean(rest)) if len(rest) else None})
    return pd.DataFrame(rows, columns=UNUSUAL_COLUMNS)
