"""Full-time conversion with hand-computed cases."""

import pytest

from sagstal.ingest.fte import HoursError, conversion, to_full_time


def test_thirty_cases_at_thirty_hours_is_37_full_time():
    c = conversion(30)
    assert to_full_time(30, c.factor) == pytest.approx(37.0) and c.note == ""


def test_full_time_is_unchanged():
    assert to_full_time(55, conversion(37).factor) == 55


def test_half_time_doubles():
    # 20 cases at 18.5 hours = 40 full-time cases
    assert to_full_time(20, conversion("18,5").factor) == pytest.approx(40.0)


def test_missing_hours_follow_the_rule_and_are_logged():
    c = conversion(None)
    assert c.factor == 1 and "assumed full time" in c.note
    with pytest.raises(HoursError, match="missing"):
        conversion("", missing="exclude")


@pytest.mark.parametrize("hours", [0, -5, "mange"])
def test_impossible_hours_exclude_the_caseload(hours):
    with pytest.raises(HoursError):
        conversion(hours)


def test_hours_above_the_standard():
    c = conversion(40)
    assert c.factor == 1 and "not converted" in c.note
    # 40 cases at 40 hours -> 37 full-time cases when converting downwards too
    assert to_full_time(40, conversion(40, above_standard="convert").factor) == pytest.approx(37.0)


def test_missing_value_stays_missing():
    assert to_full_time(None, 1.2) is None


@pytest.mark.parametrize("typed, hours, method", [
    ("37", 37, "number"), ("37,0", 37, "number"), ("30,5", 30.5, "number"), ("37 timer", 37, "number"),
    ("37 t.", 37, "number"), ("37t", 37, "number"), ("32 timer/uge", 32, "number"), ("30 t. om ugen", 30, "number"),
    ("deltid 30", 30, "number"), ("deltid: 30", 30, "number"), ("30 (deltid)", 30, "number"),
    ("fuld tid", 37, "full_time"), ("Fuldtid", 37, "full_time"), ("fuldtidsansat", 37, "full_time"),
    ("", None, "missing"), ("ved ikke", None, "missing"), (None, None, "missing"),
])
def test_hours_as_people_type_them(typed, hours, method):
    from sagstal.ingest.fte import read_hours

    assert read_hours(typed) == (hours, method)


@pytest.mark.parametrize("typed", ["deltid", "30-32", "halv tid", "mange"])
def test_hours_that_cannot_be_read_exclude_the_caseload(typed):
    with pytest.raises(HoursError, match="is not a number"):
        conversion(typed)


def test_words_convert_as_their_number():
    c = conversion("30 timer")
    assert to_full_time(30, c.factor) == 37.0 and c.method == "number"
    assert conversion("fuld tid").factor == 1 and conversion("fuld tid").method == "full_time"


def test_a_mean_of_full_time_caseloads_is_exact_at_the_half():
    # 50 at 28 h, 62 at 31 h, 25 at 35 h: 925/14 + 74 + 185/7 = 333/2, mean exactly 55.5 -> 56 (a new
    # user's wave: the floats' sum fell just below 166.5 and rounded to 55)
    from sagstal.core.rounding import mean_half_up

    values = [to_full_time(c, conversion(h).factor) for c, h in ((50, "28"), (62, "31"), (25, "35"))]
    assert mean_half_up(values) == 56
