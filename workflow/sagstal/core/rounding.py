"""Half-up rounding, as the report does it ("afrundet til nærmeste hele tal").

Python's built-in rounding and numpy/pandas round half to even (32.5 -> 32); the report rounds 32.5 -> 33.
All arithmetic here is exact (fractions), so 80.555...% can never become 80.5499...%.
"""

from collections import Counter
from decimal import Decimal
from fractions import Fraction
from math import floor

EXACT_DENOMINATOR = 10**6  # every answer is a ratio of small numbers: typed decimals, midpoints, x 37 / hours


def exact(value) -> Fraction:
    """An exact fraction from an int, a decimal string or a float as written (0.1 -> 1/10).

    A float is the nearest float to the value meant, which is a fraction with a small denominator
    (a typed 27.5, a full-time 50 x 37 / 28 = 925/14): it is that fraction, so that a mean of
    full-time caseloads of exactly 55.5 rounds half up to 56, not down on the float's last digit."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(value).limit_denominator(EXACT_DENOMINATOR)
    return Fraction(Decimal(str(value)))


def half_up(value) -> int:
    """Round to the nearest whole number, halves away from zero (32.5 -> 33, -2.5 -> -3)."""
    x = exact(value)
    if x < 0:
        return -half_up(-x)
    return floor(x + Fraction(1, 2))


def exact_mean(values) -> Fraction | None:
    """Sum of answers / number of answers, exactly. Answers repeat a few dozen values, so each
    distinct value is made exact once and weighted by how often it occurs."""
    counts = Counter(float(v) for v in values)
    total = sum(counts.values())
    if not total:
        return None
    return sum(exact(v) * n for v, n in counts.items()) / total


def mean_half_up(values) -> int | None:
    """The report's mean: sum of answers / number of answers, rounded half up."""
    mean = exact_mean(values)
    return None if mean is None else half_up(mean)


def percent_half_up(count: int, base: int) -> int | None:
    """count/base as a whole percent, rounded half up; None for an empty base."""
    if base == 0:
        return None
    return half_up(Fraction(100 * count, base))


def percent_one_decimal(count: int, base: int) -> float | None:
    """count/base as a percent with one decimal, rounded half up (214/429 -> 49.9)."""
    if base == 0:
        return None
    return half_up(Fraction(1000 * count, base)) / 10


def one_decimal(value) -> float:
    """One decimal, rounded half up (38.75 -> 38.8): intervals, and the unrounded staffing need."""
    return half_up(exact(value) * 10) / 10
