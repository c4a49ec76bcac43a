"""How precise the printed figures are: intervals for shares and means, and a low-base flag.

Shares: the Wilson score interval (good for small n and shares near 0 or 100 %). Means: a
percentile bootstrap with a fixed seed and a stated number of resamples, so reruns give the same
interval. Caseload answers take a few dozen distinct values, so each resample is one multinomial
draw over those values: its cost does not grow with the number of answers. Intervals are in
percent or cases with one decimal; they are for judging changes, not printed in the classic
appendix tables.
"""

import math
from statistics import NormalDist

import numpy as np

from ..core.rounding import one_decimal


def wilson(count: int, n: int, confidence: float = 0.95) -> tuple[float, float] | tuple[None, None]:
    """Wilson score interval of count/n, in percent with one decimal."""
    if n == 0:
        return None, None
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p = count / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return one_decimal(100 * (centre - half)), one_decimal(100 * (centre + half))


def bootstrap_mean(values, seed: int, resamples: int, confidence: float = 0.95):
    """Percentile bootstrap interval of the mean, one decimal; None where it cannot vary."""
    values = np.asarray(list(values), dtype=float)
    if len(values) < 2 or values.min() == values.max():
        return None, None
    distinct, counts = np.unique(values, return_counts=True)
    draws = np.random.default_rng(seed).multinomial(len(values), counts / len(values), size=resamples)
    means = draws @ distinct / len(values)
    tail = (1 - confidence) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return one_decimal(low), one_decimal(high)


def clear_change(previous_mean, ci_low, ci_high) -> bool:
    """A change from the previous wave is clear only when its mean lies outside this wave's interval.

    Earlier waves are known only by their means in history.csv, so this is the one test possible.
    """
    if ci_low is None or ci_high is None:
        return True
    return not ci_low <= previous_mean <= ci_high
