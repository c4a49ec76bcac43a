"""Half-up rounding as the report does it; Python's built-in rounding gives 32 for 32.5."""

from fractions import Fraction

import pytest

from sagstal.core.rounding import half_up, mean_half_up, one_decimal, percent_half_up, percent_one_decimal


@pytest.mark.parametrize("value, expected", [
    (0.5, 1), (1.5, 2), (2.5, 3), (32.5, 33), (32.49, 32), (80.56, 81), (80.5, 81),
    (Fraction(161, 2), 81), (0, 0), (-2.5, -3), ("46.5", 47),
])
def test_half_up(value, expected):
    assert half_up(value) == expected


def test_half_up_is_not_bankers_rounding():
    assert round(32.5) == 32 and half_up(32.5) == 33


def test_mean_of_range_midpoint_rounds_up():
    # (30 + 35) / 2 = 32.5 -> 33
    assert mean_half_up([30, 35]) == 33
    assert mean_half_up([]) is None


def test_mean_is_exact_for_decimal_answers():
    # 0.1 + 0.2 + 0.7 = 1.0 exactly; 1.0/3 = 0.333 -> 0; and 3 x 32.5 / 3 -> 33
    assert mean_half_up([0.1, 0.2, 0.7]) == 0
    assert mean_half_up([32.5, 32.5, 32.5]) == 33


@pytest.mark.parametrize("count, base, expected", [
    (58, 72, 81),  # 80.56 % -> 81 % (the report prints 82)
    (14, 72, 19),  # 19.44 % -> 19 %
    (20, 43, 47),  # 46.51 % -> 47 % (the report prints 46)
    (76, 214, 36),  # 35.51 % -> 36 %
    (1, 8, 13),  # 12.5 % -> 13 %
    (280, 533, 53),
])
def test_percent_half_up(count, base, expected):
    assert percent_half_up(count, base) == expected


def test_percent_of_empty_base_is_none():
    assert percent_half_up(0, 0) is None


def test_response_rate_one_decimal():
    assert percent_one_decimal(214, 429) == 49.9  # 49.883 %
    assert percent_one_decimal(1, 8) == 12.5
    assert percent_one_decimal(1, 16) == 6.3  # 6.25 -> 6.3, half up


def test_one_decimal_half_up():
    assert one_decimal(38.75) == 38.8 and one_decimal(Fraction(2600, 45) - 19) == 38.8  # 38.777...
    assert one_decimal(0.25) == 0.3 and one_decimal(-0.25) == -0.3


def test_danish_numbers_print_integers_as_integers_with_points_from_five_digits():
    from sagstal.core.danish import number

    assert [number(v) for v in (25.0, 32.5, 2023, 9999, 217000.0, None)] == ["25", "32,5", "2023", "9999", "217.000", ""]


def test_intervals_print_with_one_decimal_on_both_ends():
    from sagstal.core.danish import interval

    assert interval(32.0, 35.9) == "32,0-35,9" and interval(51, 67.4) == "51,0-67,4" and interval(None, None) == "-"
