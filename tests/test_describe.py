"""The main range rule and the description of one question's answers."""

from sagstal.core.binning import parse_bins
from sagstal.stats.describe import describe, main_range

BINS = parse_bins(["20-25", "26-30", "31-35", "36-40"])


def test_main_range_of_the_first_appendix():
    # Bilag 1: 12, 28, 16, 16 of 72. Pairs with >= 36: 20-30 (40) and 26-35 (44) are both 10
    # cases wide; the tie goes to the larger share: 26-35, 44/72 = 61.1 %, as the report says.
    run = main_range([12, 28, 16, 16], BINS, 0.5)
    assert (run.label, run.count, run.share_pct) == ("26-35", 44, 61.1)


def test_main_range_single_bin_when_it_holds_half():
    run = main_range([5, 30, 10, 5], BINS, 0.5)
    assert (run.label, run.count, run.share_pct) == ("26-30", 30, 60.0)


def test_main_range_equal_width_and_count_takes_the_lower_run():
    run = main_range([10, 10, 10, 10], BINS, 0.5)
    assert run.label == "20-30"


def test_main_range_measures_width_in_cases_not_bins():
    bins = parse_bins(["46-50", "51-55", "200-270"])
    # Both 46-55 and 200-270 hold 6 of 12; 46-55 covers 9 cases, 200-270 covers (55, 270].
    assert main_range([3, 3, 6], bins, 0.5).label == "46-55"


def test_main_range_share_is_configurable():
    # 80 % of 72 = 57.6 answers: 20-35 holds 56, too few; 26-40 holds 60 (83.3 %).
    run = main_range([12, 28, 16, 16], BINS, 0.8)
    assert (run.label, run.share_pct) == ("26-40", 83.3)
    assert main_range([0, 0, 0, 0], BINS, 0.5) is None


def test_describe():
    figures = describe([20, 25.5, 32.5, 40], BINS, 0.5)
    # mean (20 + 25.5 + 32.5 + 40) / 4 = 29.5 -> 30 (half up)
    assert (figures["n"], figures["mean"], figures["min"], figures["max"]) == (4, 30, 20, 40)
    assert [r["count"] for r in figures["bins"]] == [1, 1, 1, 1]
    assert figures["outside_bins"] == []


def test_main_range_share_is_of_every_answer_tails_included():
    # The case: 49 answers, 24 in 26-30, the rest spread. 24/49 < half, so 26-30 alone is
    # not the main range; 20-30 holds 38 of 49 = 77.6 %.
    bins = parse_bins(["20-25", "26-30", "31-35"])
    values = [10] * 5 + [22] * 14 + [28] * 24 + [33] * 3 + [60] * 3
    figures = describe(values, bins, 0.5)
    assert (figures["main_range"], figures["main_range_share"]) == ("20-30", 77.6)
    assert sum(r["count"] for r in figures["bins"]) == 49


def test_main_range_may_start_in_the_under_row_at_the_lowest_answer():
    # 6 answers under the bins (3, 4, 5 twice each), 2 in 20-25, 2 in 26-30: half is 5; the
    # under row alone holds 6 and spans 3-5.
    bins = parse_bins(["20-25", "26-30"])
    run = main_range([2, 2], bins, 0.5, outside=[3, 3, 4, 4, 5, 5])
    assert (run.label, run.count, run.share_pct) == ("3-5", 6, 60.0)


def test_main_range_through_the_over_row_ends_at_the_highest_answer():
    bins = parse_bins(["20-25", "26-30"])
    # 1 in 20-25, 3 in 26-30, 4 over 30 (41-44): 4 of 8 needed. 20-30 holds 4 and spans 10;
    # the over row holds 4 and spans 41-44 (3): narrower.
    run = main_range([1, 3], bins, 0.5, outside=[41, 42, 43, 44])
    assert (run.label, run.count, run.share_pct) == ("41-44", 4, 50.0)
    # 1, 2 in the bins, 31, 32, 33, 200 over: 26-30 with the over row holds 6 (25 to 200, 175);
    # the over row alone holds 4 of 7 (31 to 200, 169): "31-200".
    run = main_range([1, 2], bins, 0.5, outside=[31, 32, 33, 200])
    assert (run.label, run.count, run.share_pct) == ("31-200", 4, 57.1)
    # one distinct answer in the tail prints as a single number
    assert main_range([0, 1], bins, 0.5, outside=[70, 70]).label == "70"
