"""The README's codebook reference, run: each example codebook loads with the pipeline's own loader
and reads a small export made here, giving the figures its rows say."""

import re

import pandas as pd
from conftest import ROOT

from sagstal.ingest.wave import read_wave

SECTION = (ROOT / "README.md").read_text(encoding="utf-8").split("## The codebook reference (both designs)", 1)[1]
SECTION = SECTION.split("\n## ", 1)[0]
UNION, CASEWORKERS = re.findall(r"```yaml\n(.*?)```", SECTION, re.S)


def test_the_union_example_reads_an_export(tmp_path):
    (tmp_path / "codebook.yaml").write_text(UNION, encoding="utf-8")
    export = tmp_path / "eksport.csv"
    export.write_text("kommune,region,sd_nu,sd_vurd,sd_forslag,sd_loft,sd_loft_antal\n"
                      "Aarhus,2,40,1,30,1,35\nOdense,3,50,9,35,2,\n", encoding="utf-8")
    tables = read_wave(export, tmp_path / "codebook.yaml", {"areas": {"sygedagpenge": {}}}, "exclude")
    answers = tables["answers"]
    assert answers["current"].tolist() == [40, 50] and answers["respondent_id"].tolist() == ["række 2", "række 3"]
    assert answers["assessment"].tolist()[0] == "too_high" and pd.isna(answers["assessment"].tolist()[1])
    assert answers["region"].tolist() == ["oest", "syd"] and answers["cap"].tolist() == ["yes", "no"]


def test_the_caseworker_example_reads_an_export(tmp_path):
    (tmp_path / "codebook.yaml").write_text(CASEWORKERS, encoding="utf-8")
    export = tmp_path / "eksport.csv"
    export.write_text("kommune,region,stilling,timer,omraade,sager,passende,vurdering,antal_jobafklaring\n"
                      "Aarhus,1,1,30 timer,1,30,25,1,10\nOdense,2,1,fuld tid,2,40,35,4,\n", encoding="utf-8")
    settings = {"areas": {"sygedagpenge": {}, "kontanthjaelp": {}},
                "full_time": {"standard_hours": 37, "missing": "assume_full_time", "above_standard": "cap"},
                "exclusions": [{"id": "kun-myndighed", "scope": "row", "field": "role",
                                "not_in": ["Socialrådgiver med myndighedsansvar"], "reason": "ikke myndighed"}]}
    tables = read_wave(export, tmp_path / "codebook.yaml", settings, "exclude")
    answers = tables["answers"].set_index("area")
    # 30 cases at 30 hours is 37 full-time; "fuld tid" is the standard; the rule compares the role's label
    assert answers.loc["sygedagpenge", "current"] == 37.0 and answers.loc["kontanthjaelp", "current"] == 40.0
    assert answers.loc["sygedagpenge", "assessment"] == "too_high" and pd.isna(answers.loc["kontanthjaelp", "assessment"])
    assert list(answers["hours_method"]) == ["number", "full_time"] and list(answers["region"]) == ["nord", "oest"]
    assert tables["respondents"]["included"].all()
    case_types = tables["case_types"]
    assert case_types[["case_type", "value"]].values.tolist() == [["jobafklaring", 10 * 37 / 30]]
