"""Answers to judge: outside the bins, and extreme by the quartiles ± 3 × IQR (hand-computed), and
their points on the review page."""

import pandas as pd
import pytest

from sagstal.render.review import unusual_section
from sagstal.stats.unusual import fences, quartiles, unusual_answers

BINS = {"sygedagpenge": {"bins_current": ["20-30", "31-40"], "bins_suggested": ["20-30", "31-40"]}}


def answers(values, typed=None):
    typed = typed or [str(v) for v in values]
    return pd.DataFrame({"area": "sygedagpenge", "source_row": range(2, 2 + len(values)), "current": values,
                         "current_raw": typed, "suggested": [25] * len(values), "suggested_raw": "25"})


def test_quartiles_by_linear_interpolation():
    # positions (n - 1) x 1/4 and x 3/4 of 10, 20, 30, 40, 50, 200: 1.25 -> 22.5, 3.75 -> 47.5 (QUARTILE.INC)
    assert quartiles([200, 10, 30, 20, 50, 40]) == (22.5, 47.5)
    # IQR 25: fences 22.5 - 75 and 47.5 + 75
    assert fences([10, 20, 30, 40, 50, 200]) == (-52.5, 122.5)
    assert fences([10, 20, 30, 40]) is None  # fewer than 5 answers: no rule


def test_outside_the_bins_and_extreme_with_the_mean_with_and_without():
    table = unusual_answers(answers([10, 20, 30, 40, 50, 200], typed=["10", "20", "30", "40", "ca. 50", "200"]),
                            BINS)
    rows = [(r.question, r.kind, r.value, r.count, r.source_rows) for r in table.itertuples()]
    assert rows == [("current", "below", 10, 1, "2"), ("current", "above", 50, 1, "6"),
                    ("current", "above", 200, 1, "7"), ("current", "extreme", 200, 1, "7")]
    extreme = table[table["kind"] == "extreme"].iloc[0]
    # 350 / 6 = 58.33 -> 58.3 with it, 150 / 5 = 30.0 without
    assert (extreme.mean_with, extreme.mean_without, extreme.low_fence, extreme.high_fence) == (58.3, 30.0, -52.5,
                                                                                                 122.5)
    assert table.loc[1, "typed"] == "ca. 50"


def test_answers_inside_the_bins_and_the_fences_are_not_listed():
    assert unusual_answers(answers([20, 25, 30, 35, 40]), BINS).empty


@pytest.mark.parametrize("values, fence", [([10, 20, 30, 40, 50, 200], "over 122,5"),
                                           # Q1 100.25, Q3 102.75, IQR 2.5: under 92.75, shown to one decimal
                                           ([1, 100, 101, 102, 103, 104], "under 92,8")])
def test_the_review_point_in_danish(values, fence):
    table = unusual_answers(answers(values), {"sygedagpenge": {"bins_current": ["1-200"], "bins_suggested": ["20-30"]}})
    section = unusual_section(table, {"sygedagpenge": "Sygedagpengeområdet"}, [], "unusual.csv")
    (extreme,) = section.points
    assert f"({fence}: uden for kvartilerne ± 3 × kvartilafstanden)" in extreme.text
    assert extreme.text.startswith("Sygedagpengeområdet, aktuelt sagstal: 1 ekstremt svar")


def test_a_typed_text_on_the_review_page_is_redacted():
    table = unusual_answers(answers([10, 25], typed=["10 i Aarhus Kommune", "25"]), BINS)
    section = unusual_section(table, {"sygedagpenge": "Sygedagpengeområdet"}, ["Aarhus"], "unusual.csv")
    (point,) = section.points
    assert point.text.startswith("Sygedagpengeområdet, aktuelt sagstal: 1 svar under det første interval")
    assert point.count == 1 and "Aarhus" not in " ".join(point.rows) and point.rows[0].startswith("10: række 2")
