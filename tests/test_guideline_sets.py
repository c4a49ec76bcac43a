"""Guideline what-ifs, checked from the answers, not from figures typed into the test."""

import pandas as pd
import pytest
import yaml
from conftest import ROOT

from sagstal.core.guidelines import guideline_in_force
from sagstal.stats.guideline_sets import guideline_set, scenario_table, staffing_table

CONFIG = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
WAVE = CONFIG["waves"]["2023"]


def test_unnamed_areas_keep_the_range_in_force():
    revised = guideline_set(CONFIG["guideline_sets"]["revideret"], CONFIG["guidelines"], WAVE["fieldwork"],
                            list(WAVE["areas"]))
    assert revised["boerne-handicap"].label == "25-35" and revised["jobafklaring"].label == "35-45"
    assert revised["sygedagpenge"].label == "25-45" and revised["fleksjob"].label == "25-50"


def test_hand_made_answers():
    answers = pd.DataFrame({"area": ["a"] * 4, "current": [30, 40, 45, 50]})
    sets = {"old": {"label": "old", "ranges": {"a": "30-50"}}, "new": {"label": "new", "ranges": {"a": "25-40"}}}
    table = scenario_table(answers, sets, {}, "2023-01-01", ["a"]).set_index(["set", "area"])
    assert table.loc[("old", "a"), "compliant_n"] == 4 and table.loc[("new", "a"), "compliant_n"] == 2
    assert table.loc[("new", "alle"), "compliant_pct"] == 50


def test_overall_on_the_same_areas():
    # Area b has a guideline only in the new set: "alle" grows by its answers, "faelles" does not.
    answers = pd.DataFrame({"area": ["a"] * 4 + ["b"] * 2, "current": [30, 40, 45, 50, 10, 90]})
    sets = {"old": {"label": "old", "ranges": {"a": "30-50"}},
            "new": {"label": "new", "ranges": {"a": "25-40", "b": "20-40"}}}
    table = scenario_table(answers, sets, {}, "2023-01-01", ["a", "b"]).set_index(["set", "area"])
    assert table.loc[("old", "alle"), ["n", "compliant_n"]].tolist() == [4, 4]
    assert table.loc[("new", "alle"), ["n", "compliant_n", "compliant_pct"]].tolist() == [6, 3, 50]
    assert table.loc[("new", "faelles"), ["n", "compliant_n", "compliant_pct"]].tolist() == [4, 2, 50]
    assert table.loc[("old", "faelles"), "compliant_pct"] == 100


@pytest.mark.e2e
def test_revised_guidelines_lower_compliance_where_the_maximum_fell(project):
    answers = pd.read_csv(project / "data/processed/2023/answers.csv", encoding="utf-8-sig")
    table = pd.read_csv(project / "data/processed/2023/guideline_scenarios.csv", encoding="utf-8-sig")
    by = table.set_index(["set", "area"])
    fell = 0
    for area, text in CONFIG["guideline_sets"]["revideret"]["ranges"].items():
        old = guideline_in_force(CONFIG["guidelines"][area], WAVE["fieldwork"])
        new_max = float(text.split("-")[1])
        if old is None or new_max >= old.maximum:
            continue
        values = answers.loc[(answers["area"] == area) & answers["current"].notna(), "current"]
        between = ((values > new_max) & (values <= old.maximum)).sum()
        assert by.loc[("revideret", area), "compliant_n"] == by.loc[("i-kraft", area), "compliant_n"] - between
        fell += between > 0
    assert fell >= 4  # voksenhandicap, aktivitetsparate over/under 30, sygedagpenge
    assert by.loc[("i-kraft", "alle"), "compliant_n"] == 280  # the report's own compliance
    # On the same 533 answers (fleksjob has a guideline only in the revised set) compliance falls.
    assert by.loc[("revideret", "faelles"), "n"] == by.loc[("i-kraft", "faelles"), "n"] == 533
    assert by.loc[("revideret", "faelles"), "compliant_n"] < 280


def test_staffing_per_guideline_set():
    # Maximum 50: 55 needs 10 %, 75 needs 50 %; maximum 40 (revised): 45 -> 12.5 %, 55 -> 37.5 %, 75 -> 87.5 %.
    answers = pd.DataFrame({"area": ["a"] * 4, "current": [40, 45, 55, 75]})
    sets = {"old": {"label": "old", "ranges": {"a": "30-50"}}, "new": {"label": "new", "ranges": {"a": "25-40"}}}
    table = staffing_table(answers, sets, {}, "2023-01-01", ["a"]).set_index(["set", "target"])
    assert table.loc[("old", "maximum"), "mean_extra_pct"] == 30
    assert table.loc[("new", "maximum"), ["above_target", "mean_extra_pct", "median_extra_pct"]].tolist() == [3, 46, 38]
    # Midpoint of 25-40 is 32.5: shown half up as 33, computed exactly (40 -> 23.1 %).
    assert table.loc[("new", "midpoint"), "target_caseload"] == 33
    assert table.loc[("new", "midpoint"), "over_10_pct"] == 100
