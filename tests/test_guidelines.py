"""Guidelines in force at a date, and compliance = answer at or below the maximum."""

import datetime as dt

from sagstal.core.guidelines import Guideline, compliance, guideline_in_force

ENTRIES = [
    {"from": "2016-01-01", "min": 25, "max": 35},
    {"from": "2020-01-01", "min": 20, "max": 30},
]


def test_the_entry_in_force_at_the_fieldwork_date():
    assert guideline_in_force(ENTRIES, "2019-03-01").maximum == 35
    assert guideline_in_force(ENTRIES, dt.date(2023, 2, 15)).maximum == 30
    assert guideline_in_force(ENTRIES, "2020-01-01").maximum == 30
    assert guideline_in_force(ENTRIES, "2015-09-01") is None


def test_a_null_entry_ends_the_guideline():
    entries = ENTRIES + [{"from": "2024-01-01", "min": None, "max": None}]
    assert guideline_in_force(entries, "2024-06-01") is None
    assert guideline_in_force(None, "2024-06-01") is None


def test_compliance_at_exactly_the_maximum():
    guideline = Guideline(20, 30, dt.date(2020, 1, 1))
    # 30 complies (at the maximum), 30.5 does not; 15 (below the minimum) complies.
    result = compliance([15, 25, 30, 30.5, 40], guideline)
    assert result == {"compliant_n": 3, "compliant_pct": 60, "noncompliant_n": 2, "noncompliant_pct": 40}


def test_the_reports_worked_example():
    # Method section: 30 of 52 answers comply: 30/52*100 = 58 %, 22/52*100 = 42 %.
    guideline = Guideline(25, 35, dt.date(2020, 1, 1))
    result = compliance([35] * 30 + [36] * 22, guideline)
    assert (result["compliant_pct"], result["noncompliant_pct"]) == (58, 42)


def test_no_guideline_no_compliance():
    assert compliance([40, 50], None)["compliant_n"] is None
