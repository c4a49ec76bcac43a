"""The printed texts of the caseworker design: full-time values rounded as the report rounds,
whose compliance a share counts, Danish reasons, singular and plural."""

import pytest

from sagstal.core.danish import number, span
from sagstal.render import pages
from sagstal.render.review import danish_reason


@pytest.mark.parametrize("value, text", [(115.93333333, "115,9"), (39.1765, "39,2"), (27.25, "27,3"),
                                         (32.5, "32,5"), (34.0, "34"), (217000, "217.000")])
def test_a_printed_number_has_at_most_one_decimal_half_up(value, text):
    assert number(value) == text


def test_a_full_time_range_prints_rounded():
    assert span(34, 115.9333) == "34-115,9" and span(39.1765, 67.5) == "39,2-67,5"


def test_an_exclusion_rules_reason_is_printed_in_its_own_words():
    assert danish_reason("rule not-in-base: ikke menig socialrådgiver") == "ikke menig socialrådgiver"
    assert danish_reason("no answer in any area asked") == "intet svar på noget af de spurgte sagsområder"


def test_coordination_sentence_in_singular_and_without_a_label():
    source = (pages.TEMPLATES / "_sentences.j2").read_text(encoding="utf-8")
    line = next(x for x in source.splitlines() if "koordinerende" in x and "by.yes.n" in x)
    render = pages.environment().from_string(line)
    by = {"yes": {"n": 1}, "no": {"n": 5}, "dont_know": {"n": 0}}
    c = {"respondents": "sagsbehandlere", "respondent": "sagsbehandler",
         "coordination": [{"kind": "ressourceforloeb", "label": "", "n": 3, "min": 10, "max": 45.333}]}
    text = render.render(by=by, c=c)
    assert "1 sagsbehandler er også koordinerende sagsbehandler på sine sager." in text
    assert "3 er koordinerende med 10-45,3 sager." in text
    by["yes"]["n"] = 4
    assert "4 sagsbehandlere er også koordinerende sagsbehandlere på deres sager." in render.render(by=by, c=c)


def test_a_wave_shows_only_the_case_types_its_export_has():
    import pandas as pd

    from sagstal.stats.caseworker_tables import case_type_table

    answers = pd.DataFrame({"respondent_id": ["1", "2"], "source_row": [2, 3], "area": "sygedagpenge",
                            "case_type": ["jobafklaring", "jobafklaring"], "raw_value": ["10", "20"],
                            "value": [10.0, 20.0], "included": [True, True]})
    settings = {"jobafklaring": {"area": "sygedagpenge"}, "paragraf-56": {"area": "sygedagpenge"}}
    table = case_type_table(answers, ["sygedagpenge"], settings, 5, 0.5)
    assert table[["case_type", "n", "mean"]].values.tolist() == [["jobafklaring", 2, 15]]
