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


def _z(confidence: float) -> float:
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def wilson_bounds(count: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of count/n as proportions, unrounded (Newcombe's interval builds on it)."""
    z = _z(confidence)
    p = count / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return centre - half, centre + half


def wilson(count: int, n: int, confidence: float = 0.95) -> tuple[float, float] | tuple[None, None]:
    """Wilson score interval of count/n, in percent with one decimal."""
    if n == 0:
        return None, None
    low, high = wilson_bounds(count, n, confidence)
    return one_decimal(100 * low), one_decimal(100 * high)


def newcombe(count_before: int, n_before: int, count_after: int, n_after: int, confidence: float = 0.95):
    """(difference, low, high) of two independent shares, after minus before, in percentage points
    with one decimal: Newcombe's hybrid score interval (his method 10), which combines the two
    Wilson intervals and, unlike the plain Wald interval, behaves for small n and shares near 0 or
    100 %. None where a side has no answers."""
    if not n_before or not n_after:
        return None, None, None
    p1, p2 = count_before / n_before, count_after / n_after
    l1, u1 = wilson_bounds(count_before, n_before, confidence)
    l2, u2 = wilson_bounds(count_after, n_after, confidence)
    difference = p2 - p1
    low = difference - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    high = difference + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    return one_decimal(100 * difference), one_decimal(100 * low), one_decimal(100 * high)


def _resampled_means(values: np.ndarray, rng, resamples: int) -> np.ndarray:
    """The means of `resamples` bootstrap resamples of the values, drawn as multinomial counts."""
    distinct, counts = np.unique(values, return_counts=True)
    draws = rng.multinomial(len(values), counts / len(values), size=resamples)
    return draws @ distinct / len(values)


def _percentiles(draws: np.ndarray, confidence: float) -> tuple[float, float]:
    tail = (1 - confidence) / 2
    low, high = np.quantile(draws, [tail, 1 - tail])
    return one_decimal(low), one_decimal(high)


def bootstrap_mean(values, seed: int, resamples: int, confidence: float = 0.95):
    """Percentile bootstrap interval of the mean, one decimal; None where it cannot vary."""
    values = np.asarray(list(values), dtype=float)
    if len(values) < 2 or values.min() == values.max():
        return None, None
    return _percentiles(_resampled_means(values, np.random.default_rng(seed), resamples), confidence)


def bootstrap_difference(before, after, seed: int, resamples: int, confidence: float = 0.95):
    """(difference, low, high) of mean(after) - mean(before), one decimal: each wave's answers are
    resampled on their own (independent samples) and the interval is the percentiles of the
    resampled differences. None where a side has fewer than two answers."""
    before, after = (np.asarray(list(v), dtype=float) for v in (before, after))
    if len(before) < 2 or len(after) < 2:
        return None, None, None
    rng = np.random.default_rng(seed)
    differences = _resampled_means(after, rng, resamples) - _resampled_means(before, rng, resamples)
    return (one_decimal(after.mean() - before.mean()), *_percentiles(differences, confidence))


def excludes_zero(low, high) -> bool | None:
    """A difference is clear ("tydelig ændring") only when its whole interval lies on one side of 0."""
    if low is None or high is None:
        return None
    return low > 0 or high < 0


def clear_change(previous_mean, ci_low, ci_high) -> bool:
    """A change from a wave known only by its mean in history.csv is clear only when that
    mean lies outside this wave's interval: the one test possible without the earlier answers."""
    if ci_low is None or ci_high is None:
        return True
    return not ci_low <= previous_mean <= ci_high
