"""The 2015 caseworker wave: the report's figures end to end, and its rules with small hand-made cases."""


import pandas as pd
import pytest
from conftest import ROOT, copy_project

from sagstal.ingest.caseworkers import rule_applies
from sagstal.stats.caseworker_tables import admin_help_table, single_type_table
from sagstal.tools.reconstruct.__main__ import check, main


def read(project, name):
    return pd.read_csv(project / "data/processed/2015" / name, encoding="utf-8-sig")


@pytest.mark.e2e
def test_area_figures_as_printed(project):
    stats = read(project, "area_stats.csv").set_index("area")
    assert stats["n_respondents"].to_dict() == {"sygedagpenge": 80, "kontanthjaelp": 76, "ressourceforloeb-fleksjob": 44}
    syg = stats.loc["sygedagpenge"]
    assert (syg["mean_current"], syg["min_current"], syg["max_current"], syg["mean_suggested"]) == (55, 25, 120, 42)
    # the 450-case respondent is among the 44 but not in the figures (43 caseloads)
    assert stats.loc["ressourceforloeb-fleksjob", "n_current"] == 43
    method = read(project, "method.csv").set_index("figure")["value"]
    figures = ("rows_read", "respondents", "municipalities", "primary_area.andre")
    assert tuple(method[f] for f in figures) == (251, 210, 66, 10)


@pytest.mark.e2e
def test_caseworker_tables_as_printed(project):
    coordination = read(project, "coordination.csv").set_index(["area", "kind"])["n"]
    assert [coordination[(a, k)] for a in ("sygedagpenge", "kontanthjaelp", "ressourceforloeb-fleksjob")
            for k in ("yes", "no", "dont_know")] == [41, 34, 5, 50, 21, 5, 36, 7, 1]
    assert read(project, "admin_help.csv")["n"].tolist() == [47, 161, 2]
    single = read(project, "single_type.csv").set_index(["area", "case_type"])
    fleksjob = single.loc[("ressourceforloeb-fleksjob", "fleksjobloentilskud"), ["n", "mean", "min", "max"]]
    assert tuple(fleksjob) == (2, 175, 50, 300)
    # the 300 suggestion is left out of the area's total row by the config rule
    assert tuple(single.loc[("ressourceforloeb-fleksjob", "i-alt"), ["n", "mean"]]) == (37, 38)
    case_types = read(project, "case_types.csv").set_index(["area", "case_type"])
    assert tuple(case_types.loc[("sygedagpenge", "sygedagpenge-kategori-2"), ["n", "mean", "min", "max"]]) == (60, 44, 1, 120)


@pytest.mark.e2e
def test_audit_2015_explains_every_difference(project):
    audit = pd.read_csv(project / "reports/2015/audit.csv", encoding="utf-8-sig")
    assert not (audit["status"] == "UNEXPLAINED").any(), audit[audit["status"] == "UNEXPLAINED"]
    assert (audit["status"] == "match").sum() > 180
    assert set(audit.loc[audit["status"] == "explained", "figure"]) == {
        "sygedagpenge.single_type.sygedagpenge-kategori-1.mean"}


@pytest.mark.e2e
def test_every_exclusion_is_in_the_ledger(project):
    ledger = read(project, "exclusions.csv")
    reasons = ledger["reason"].str.extract(r"^rule ([\w-]+):")[0].value_counts().to_dict()
    assert reasons == {"not-in-base": 41, "mentor-visitation": 3, "fleksjob-450": 1, "single-type-over-250": 1}
    assert (ledger["reason"].str.startswith("weekly hours missing")).sum() == 2
    summary = read(project, "run_summary.csv").fillna("")
    counts = summary[summary["reason"] == ""].set_index("measure")["count"]
    assert counts["rows_read"] == counts["rows_used"] + counts["rows_excluded"] == 251


def test_rules():
    base = {"id": "b", "field": "role", "not_in": ["A", "B"]}
    assert rule_applies(base, {"role": "C"}) and not rule_applies(base, {"role": "A"})
    assert rule_applies({"field": "case_type_max", "greater_than": 400}, {"case_type_max": 450})
    assert not rule_applies({"field": "case_type_max", "greater_than": 400}, {"case_type_max": None})
    assert rule_applies({"field": "role", "equals": "B"}, {"role": "B"})
    with pytest.raises(ValueError, match="no condition"):
        rule_applies({"id": "x", "field": "role"}, {"role": "B"})


def test_single_type_total_row_by_hand():
    # Two respondents pick fleksjob (50, 300), one ressourceforløb (30); 300 is kept out of the total:
    # type rows 2 answers, mean 175; 1 answer, 30; total (50 + 30) / 2 = 40.
    people = pd.DataFrame({
        "included": [True, True, True], "single_type": ["fleks", "fleks", "res"],
        "single_type_value": [50.0, 300.0, 30.0], "single_type_in_total": [True, False, True]})
    types = {"fleks": {"area": "r"}, "res": {"area": "r"}}
    table = single_type_table(people, ["r"], types, 5, 0.5).set_index("case_type")
    assert tuple(table.loc["fleks", ["n", "mean", "min", "max"]]) == (2, 175, 50, 300)
    assert tuple(table.loc["i-alt", ["n", "mean"]]) == (2, 40)


def test_admin_help_percent_of_the_base():
    people = pd.DataFrame({"included": [True] * 3 + [False], "admin_help": ["yes", "no", "no", "yes"]})
    table = admin_help_table(people)
    assert table["n"].tolist() == [1, 2, 0] and table["pct"].tolist() == [33, 67, 0]


def test_generator_reproduces_the_shipped_2015_export(tmp_path):
    rebuilt = tmp_path / "rebuilt.xlsx"
    assert main(["--wave", "2015", "--root", str(ROOT), "--output", str(rebuilt)]) == 0
    shipped = pd.read_excel(ROOT / "data/raw/2015/sagstal-2015.xlsx", dtype=str)
    again = pd.read_excel(rebuilt, dtype=str)
    assert shipped.equals(again)


@pytest.mark.e2e
def test_shipped_2015_export_meets_every_published_figure(tmp_path):
    assert check("2015", copy_project(tmp_path)) == []
