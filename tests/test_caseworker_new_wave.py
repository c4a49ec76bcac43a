"""A new wave of the caseworker design from SurveyXact's three files in their own words: scaffolded
(one question for the area answer that names no area), built after title, date and invited, and
its figures equal to the test's own computation; its trend rests on 2015 (the same design)."""

import subprocess
import sys

import pandas as pd
import pytest
import yaml
from conftest import ROOT, copy_project, snakemake
from exports_caseworkers import (
    AREA_SLUGS,
    HOURS,
    expected,
    expected_case_type_mean,
    people,
    write_three_files,
)
from test_new_wave import decide_config

PEOPLE = people()


@pytest.mark.e2e
def test_a_caseworker_wave_from_its_export_to_its_figures(tmp_path):
    work = copy_project(tmp_path / "project")
    export = write_three_files(tmp_path / "download", PEOPLE, ROOT)

    def new_wave(*args):
        return subprocess.run([sys.executable, "-m", "sagstal.tools.new_wave", "--wave", "2027", "--export",
                               str(export), "--like", "2015", *args], cwd=work, capture_output=True, text=True)

    asked = new_wave()
    assert asked.returncode == 1 and "s_5.4 («Andet»): which area?" in asked.stderr, asked.stderr
    done = new_wave("--area", "s_5.4=-")
    assert done.returncode == 0, done.stderr
    codebook = yaml.safe_load((work / "data/raw/2027/codebook.yaml").read_text(encoding="utf-8"))
    assert codebook["layout"] == "caseworkers" and codebook["columns"]["respondent_id"] is None
    assert {k: codebook["columns"][k] for k in ("municipality", "region", "role", "hours", "area", "current",
                                                "assessment", "suggested", "coordinating", "admin_help")} == {
        "municipality": "s_1", "region": "s_2", "role": "s_3", "hours": "s_4", "area": "s_5", "current": "s_6",
        "assessment": "s_7", "suggested": "s_8", "coordinating": "s_12", "admin_help": "s_13"}
    assert codebook["columns"]["comment"] == "s_15"
    config = yaml.safe_load((work / "config.yaml").read_text(encoding="utf-8"))
    for code, area in AREA_SLUGS.items():  # each area's bins from its own full-time caseloads, all inside
        highest = max(p["current_value"] * 37 / HOURS[p["hours"]] for p in PEOPLE
                      if p["area"] == code and p["current"] and HOURS[p["hours"]] is not None)
        last = config["waves"]["2027"]["areas"][area]["bins_current"][-1]
        assert highest <= int(last.split("-")[-1]), (area, last, float(highest))
    assert codebook["case_types"] == {"ydelsessager": "s_9", "ressourceforloeb": "s_10", "jobafklaring": "s_11"}
    assert codebook["codes"]["area"] == {1: "kontanthjaelp", 2: "sygedagpenge", 3: "ressourceforloeb-fleksjob",
                                         4: "ikke-analyseret"}
    assert codebook["codes"]["assessment"] == {1: "too_low", 2: "about_right", 3: "too_high", 4: "no_answer"}
    decide_config(work, "2027")
    built = snakemake(work, "reports/2027/rapport.html")
    assert built.returncode == 0, (built.stdout + built.stderr)[-3000:]
    stats = pd.read_csv(work / "data/processed/2027/area_stats.csv", encoding="utf-8-sig").set_index("area")
    for area, figures in expected(PEOPLE).items():
        assert {k: stats.loc[area, k] for k in figures} == figures, area
    case_types = pd.read_csv(work / "data/processed/2027/case_types.csv", encoding="utf-8-sig")
    jobafklaring = case_types[(case_types["area"] == "sygedagpenge") & (case_types["case_type"] == "jobafklaring")]
    assert jobafklaring["mean"].tolist() == [expected_case_type_mean(PEOPLE, 2, "jobafklaring")]
    answers = pd.read_csv(work / "data/processed/2027/answers.csv", encoding="utf-8-sig", dtype=str)
    assert {"number", "full_time"} <= set(answers["hours_method"].dropna())
    trend = pd.read_csv(work / "data/processed/2027/trend.csv", encoding="utf-8-sig", dtype={"year": str})
    sygedagpenge = trend[trend["area"] == "sygedagpenge"].set_index("year")
    assert bool(sygedagpenge.loc["2015", "comparable"]) and not bool(sygedagpenge.loc["2023", "comparable"])
    changes = pd.read_csv(work / "data/processed/2027/changes.csv", encoding="utf-8-sig", dtype={"previous_year": str})
    assert set(changes["previous_year"]) <= {"2015"}
    appendix = next((work / "reports/2027/bilag").glob("*-sygedagpenge.md")).read_text(encoding="utf-8")
    too_high = expected(PEOPLE)["sygedagpenge"]["too_high_n"]
    assert f"{too_high} sagsbehandlere vurderer, at de aktuelt har et for højt antal sager" in appendix
    assert "Sagstyper" not in appendix or "jobafklaring" in appendix.lower()
    page = (work / "reports/2027/rapport.html").read_text(encoding="utf-8")
    assert "eksempel.dk" not in page and set(AREA_SLUGS.values()) <= set(stats.index)
