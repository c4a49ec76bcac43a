"""The staffing rule against the Copenhagen budget note's figures, and its contradictions."""

from fractions import Fraction

import pytest

from sagstal.stats.staffing import extra_staff_share, hiring, staff_to_hire, workplace_needs

COST = 540_000  # "ca. 540.000 kr." per caseworker per year, 2019 prices (e.g. 17,800,000 / 33)


@pytest.mark.parametrize("cases, staff, target, printed", [
    (2600, 19, 45, 39),  # young, footnote 5: 2600/45 - 19 = 38.8 -> 39
    (2000, 23, 45, 22),  # resource courses, footnote 6: 44.4 - 23 = 21.4 -> 22
    (10000, 51, 120, 33),  # scenario 1, footnote 3: 83.3 - 51 = 32.3 -> 33
])
def test_the_notes_consistent_figures(cases, staff, target, printed):
    assert staff_to_hire(cases, staff, target) == printed


def test_the_notes_contradictions():
    # Footnote 7: "ca. 90 årsværk til knap 7.000 sygedagpengesager ... 54 årsværk" at target 45:
    # 7000/45 - 90 = 65.6 -> 66 (even 6,900 cases give 64), not 54.
    assert staff_to_hire(7000, 90, 45) == 66 and staff_to_hire(6900, 90, 45) == 64
    # Scenario 2: 10,000/45 - 51 = 171.2 -> 172, printed 174 (its own 225 x 45 = 10,125 cases).
    assert staff_to_hire(10000, 51, 45) == 172 and staff_to_hire(10125, 51, 45) == 174


@pytest.mark.parametrize("hire, printed_thousands", [(33, 17_800), (54, 29_200), (22, 11_800), (39, 20_900),
                                                     (174, 94_000)])
def test_yearly_cost_at_540000_per_caseworker(hire, printed_thousands):
    cost = hiring(cases=hire * 45, current_staff=0, target=45, cost_per_caseworker=COST).cost_per_year
    assert cost / 1000 == pytest.approx(printed_thousands, rel=0.01)


def test_first_year_is_a_third_when_hiring_starts_in_september():
    # Table 2: 5,900 in 2019 against 17,800 a year; table 3: 31,300 against 94,000.
    result = hiring(10000, 51, 120, COST, start_month=9)
    assert result.first_year_cost == result.cost_per_year / 3
    assert result.first_year_cost / 1000 == pytest.approx(5_900, rel=0.01)
    assert result.caseload_after == Fraction(10000, 84)  # 119.0 cases each after hiring 33


def test_no_hiring_below_the_target_and_a_bad_month():
    assert staff_to_hire(1000, 30, 45) == 0
    with pytest.raises(ValueError):
        hiring(1000, 20, 45, COST, start_month=13)


def test_workplace_needs():
    # Target 50: 55 needs 10 %, 60 needs 20 %, 75 needs 50 %; 40 and 50 need nothing.
    assert extra_staff_share(55, 50) == Fraction(1, 10)
    needs = workplace_needs([40, 50, 55, 60, 75], 50)
    assert needs == {"answers": 5, "above_target": 3, "mean_extra_pct": 27, "median_extra_pct": 20,
                     "over_10_pct": 40, "over_25_pct": 20}
