"""Typed caseload answers: the accepted forms of the parsing module's table."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sagstal.core.parsing import AnswerError, parse_caseload


@pytest.mark.parametrize("raw, value, method", [
    ("35", 35, "number"),
    (" 35 ", 35, "number"),
    (35, 35, "number"),
    (35.0, 35, "number"),
    ("35,5", 35.5, "number"),
    ("35.5", 35.5, "number"),
    ("30-35", 32.5, "range_midpoint"),
    ("30 - 35", 32.5, "range_midpoint"),
    ("30–35", 32.5, "range_midpoint"),
    ("30 til 35", 32.5, "range_midpoint"),
    ("ca. 40", 40, "approximate"),
    ("Ca 40", 40, "approximate"),
    ("cirka 40", 40, "approximate"),
    ("omkring 40", 40, "approximate"),
    ("~40", 40, "approximate"),
    ("ca. 30-35", 32.5, "approximate"),
    ("45 sager", 45, "number"),
    ("ca. 45 sager", 45, "approximate"),
    # a Danish thousands point is read as one, and says so in the method (the ledger's "how read")
    ("1.000", 1000, "number_thousands"),
    ("1.200", 1200, "number_thousands"),
    ("12.500", 12500, "number_thousands"),
    ("1.000,5", 1000.5, "number_thousands"),
    ("ca. 1.450", 1450, "approximate_thousands"),
    ("1.000-1.200", 1100, "range_midpoint_thousands"),
    # one or two digits after a point: a decimal point
    ("1.5", 1.5, "number"),
    ("27.25", 27.25, "number"),
])
def test_accepted_forms(raw, value, method):
    parsed = parse_caseload(raw)
    assert parsed.value == value
    assert parsed.method == method


@pytest.mark.parametrize("raw", ["", "  ", "-", "ved ikke", "Ved ikke", "?", None, float("nan")])
def test_non_answers_are_missing(raw):
    parsed = parse_caseload(raw)
    assert parsed.value is None and parsed.method == "non_answer"


@pytest.mark.parametrize("raw", ["40+", "over 40"])
def test_open_answers_follow_the_configured_rule(raw):
    with pytest.raises(AnswerError, match="open-ended"):
        parse_caseload(raw, open_answers="exclude")
    parsed = parse_caseload(raw, open_answers="lower_bound")
    assert (parsed.value, parsed.method) == (40, "open_lower_bound")


@pytest.mark.parametrize("raw, reason", [
    ("1,000", "ambiguous"),  # 1 to a Dane, 1000 to an English reader
    ("27,500", "ambiguous"),
    ("1.0000", "ambiguous"),
    ("1.00.0", "not a number"),
    ("mange", "not a number"),
    ("35-30", "lower end above"),
    ("30-35-40", "not a number"),
])
def test_unreadable_answers_raise_with_reason(raw, reason):
    with pytest.raises(AnswerError, match=reason):
        parse_caseload(raw)


def test_unknown_open_answer_rule_is_refused():
    with pytest.raises(ValueError, match="open_answers"):
        parse_caseload("40", open_answers="guess")


@given(st.integers(0, 999), st.integers(0, 999), st.sampled_from(["-", "–", " til ", " - "]))
def test_any_range_is_its_midpoint(a, b, dash):
    low, high = min(a, b), max(a, b)
    assert parse_caseload(f"{low}{dash}{high}").value == (low + high) / 2


@given(st.integers(0, 999), st.integers(0, 9), st.sampled_from([",", "."]))
def test_decimal_comma_or_point(whole, tenth, mark):
    assert math.isclose(parse_caseload(f"{whole}{mark}{tenth}").value, whole + tenth / 10)


@given(st.text(max_size=12))
def test_parser_never_fails_other_than_by_answer_error(text):
    try:
        parsed = parse_caseload(text)
    except AnswerError:
        return
    assert parsed.value is None or parsed.value >= 0
