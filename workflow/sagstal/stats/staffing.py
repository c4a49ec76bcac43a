"""What compliance would take in staff: extra caseworkers for a target caseload, and their cost.

The rule, as a municipal budget note applies it (../shared/seeds/kk-budgetnotat-lavere-sagsstammer.md):

    staff to hire = cases / target caseload - current full-time staff, ROUNDED UP
    (fewer could not bring the caseload down to the target), never below 0
    cost per year = staff to hire x yearly cost per caseworker
    first year    = cost per year x months left from the start month / 12 (start in September: 4/12)

Per survey answer (a workplace's average caseload), the extra staff a workplace needs to reach a
target is current / target - 1 (55 cases at a target of 50: 10 % more staff).
"""

import math
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from ..core.rounding import exact, half_up, percent_half_up


@dataclass(frozen=True)
class Hiring:
    hire: int
    cost_per_year: Fraction
    first_year_cost: Fraction
    caseload_after: Fraction


def staff_to_hire(cases, current_staff, target) -> int:
    needed = exact(cases) / exact(target) - exact(current_staff)
    return max(0, math.ceil(needed))


def hiring(cases, current_staff, target, cost_per_caseworker, start_month: int = 1) -> Hiring:
    if not 1 <= start_month <= 12:
        raise ValueError(f"start month must be 1-12, not {start_month}")
    hire = staff_to_hire(cases, current_staff, target)
    per_year = hire * exact(cost_per_caseworker)
    return Hiring(hire, per_year, per_year * Fraction(13 - start_month, 12),
                  exact(cases) / (exact(current_staff) + hire))


def extra_staff_share(current, target) -> Fraction:
    """current / target - 1: the extra staff a workplace needs to bring its caseload to the target."""
    return exact(current) / exact(target) - 1


def workplace_needs(values, target) -> dict:
    """Over the workplaces above the target: how much more staff they need (mean and median percent,
    half up) and the shares of all answers needing more than 10 % and more than 25 % more staff."""
    counts = Counter(float(v) for v in values)  # each distinct caseload worked out once
    answers = sum(counts.values())
    needs = sorted((extra_staff_share(v, target), n) for v, n in counts.items() if exact(v) > exact(target))
    above = sum(n for _, n in needs)
    return {
        "answers": answers,
        "above_target": above,
        "mean_extra_pct": half_up(100 * sum(share * n for share, n in needs) / above) if needs else None,
        "median_extra_pct": half_up(100 * _median(needs, above)) if needs else None,
        "over_10_pct": percent_half_up(sum(n for share, n in needs if share > Fraction(1, 10)), answers),
        "over_25_pct": percent_half_up(sum(n for share, n in needs if share > Fraction(1, 4)), answers),
    }


def _median(sorted_counts: list[tuple[Fraction, int]], total: int) -> Fraction:
    """The median of values given as (value, how often) in order: the middle one, or the mean of
    the two middle ones."""
    def at(position):  # the value at a 0-based position of the expanded list
        for value, n in sorted_counts:
            if position < n:
                return value
            position -= n
        raise IndexError(position)

    middle = total // 2
    return at(middle) if total % 2 else (at(middle - 1) + at(middle)) / 2
