"""Bins hold (previous upper bound, upper bound]; the first holds [lower, upper]."""

import pytest

from sagstal.core.binning import bin_index, bin_table, parse_bins, tail_rows

BINS = parse_bins(["20-25", "26-30", "31-35", "36-40"])


@pytest.mark.parametrize("value, label", [
    (20, "20-25"), (25, "20-25"), (25.5, "26-30"), (30, "26-30"), (30.5, "31-35"), (40, "36-40"),
])
def test_bin_edges(value, label):
    assert BINS[bin_index(value, BINS)].label == label


@pytest.mark.parametrize("value", [19.5, 40.5, 0])
def test_values_outside_all_bins(value):
    assert bin_index(value, BINS) is None


def test_irregular_tail_bins_use_upper_bounds_only():
    bins = parse_bins(["61-65", "66-70", "95"])
    assert bins[bin_index(80, bins)].label == "95"
    bins = parse_bins(["101-105", "106-110", "111-140"])
    assert bins[bin_index(110.5, bins)].label == "111-140"


def test_overlapping_labels_follow_the_rule():
    # voksenhandicap's suggested table prints "35-40" then "40-45": 40 belongs to the first.
    bins = parse_bins(["35-40", "40-45"])
    assert bins[bin_index(40, bins)].label == "35-40"
    assert bins[bin_index(41, bins)].label == "40-45"


def test_bins_must_ascend():
    with pytest.raises(ValueError, match="does not end above"):
        parse_bins(["20-25", "21-24"])
    with pytest.raises(ValueError, match="not 'a-b'"):
        parse_bins(["20 til 25"])


def test_bin_table_counts_and_half_up_percent_of_all_answers():
    rows, outside = bin_table([20, 22, 26, 30, 31, 50], BINS)
    assert [r["count"] for r in rows] == [2, 2, 1, 0]
    # 2/6 = 33.3 -> 33; 1/6 = 16.7 -> 17; the value 50 is outside and still in the base
    assert [r["percent"] for r in rows] == [33, 33, 17, 0]
    assert outside == [50]


def test_answers_outside_the_bins_get_tail_rows_so_the_table_adds_up():
    bins = parse_bins(["20-25", "26-30"])
    values = [12, 19.5, 22, 30, 30.5, 44]
    rows, outside = bin_table(values, bins)
    below, above = tail_rows(outside, bins, len(values))
    assert below == [{"interval": "under 20", "count": 2, "percent": 33, "tail": "below"}]
    assert above == [{"interval": "over 30", "count": 2, "percent": 33, "tail": "above"}]
    assert sum(r["count"] for r in below + rows + above) == len(values)
    assert tail_rows([], bins, 4) == ([], [])


def test_describe_puts_the_tail_rows_at_the_ends_of_the_table():
    from sagstal.stats.describe import describe

    table = describe([10, 21, 27, 99], parse_bins(["20-25", "26-30"]), 0.5)["bins"]
    assert [r["interval"] for r in table] == ["under 20", "20-25", "26-30", "over 30"]
    assert [r["count"] for r in table] == [1, 1, 1, 1] and table[1]["tail"] == ""
