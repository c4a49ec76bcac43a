"""Every printed table adds up to its total, on the shipped waves and on a wave whose bins do not
cover the answers; a failed rebuild leaves no report that passes as current."""

import pandas as pd
import pytest
import yaml
from conftest import snakemake
from openpyxl import load_workbook

from sagstal.core.job import NOT_BUILT

pytestmark = pytest.mark.e2e


def check_bins_add_up(project, wave):
    stats = pd.read_csv(project / f"data/processed/{wave}/area_stats.csv", encoding="utf-8-sig").set_index("area")
    bins = pd.read_csv(project / f"data/processed/{wave}/bins.csv", encoding="utf-8-sig")
    for (area, question), rows in bins.groupby(["area", "question"]):
        assert rows["count"].sum() == stats.loc[area, f"n_{question}"], (wave, area, question)
        # each percentage is rounded half up on its own, as the report prints them: their sum is 100
        # give or take half a point per bin with answers (fleksjob 2023 prints 97)
        assert abs(rows["percent"].sum() - 100) <= (rows["count"] > 0).sum() / 2, (wave, area, question)


def test_shipped_tables_add_up(project):
    for wave in ("2023", "2015"):
        check_bins_add_up(project, wave)


def sheet_total(path, sheet):
    rows = list(load_workbook(path)[sheet].iter_rows(min_row=4, values_only=True))
    body, total = [], None
    for row in rows:
        if row[0] == "I alt":
            total = row[1]
            break
        body.append(row)
    return sum(r[1] for r in body), total


def test_answers_outside_the_bins_and_kept_implausible_ones_are_in_the_tables_and_said(built):
    config = yaml.safe_load((built / "config.yaml").read_text(encoding="utf-8"))
    wave = config["waves"]["2023"]
    wave["areas"]["sygedagpenge"]["bins_current"] = ["50-55", "56-60", "61-65", "66-70"]  # answers run 40-90
    wave["plausible_caseload"] = {"min": 45, "max": 85, "action": "flag"}
    (built / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = snakemake(built)
    assert result.returncode == 0, result.stderr[-3000:]
    check_bins_add_up(built, "2023")
    bins = pd.read_csv(built / "data/processed/2023/bins.csv", encoding="utf-8-sig")
    rows = bins[(bins["area"] == "sygedagpenge") & (bins["question"] == "current")]
    assert rows["interval"].iloc[0] == "under 50" and rows["interval"].iloc[-1] == "over 70"
    shown, total = sheet_total(built / "reports/2023/bilag/09-sygedagpenge.xlsx", "Aktuelle sager")
    assert shown == total == 52
    text = (built / "reports/2023/bilag/09-sygedagpenge.md").read_text(encoding="utf-8")
    assert "| under 50 |" in text and "| over 70 |" in text
    stats = pd.read_csv(built / "data/processed/2023/area_stats.csv", encoding="utf-8-sig").set_index("area")
    kept = stats.loc["sygedagpenge", "implausible_kept"]
    assert kept > 0
    assert f"Gennemsnittet omfatter {kept} svar uden for det plausible interval på 45-85 sager" in text


def test_a_failed_rebuild_leaves_no_report_that_passes_as_current(built):
    export = built / "data/raw/2023/sagstal-2023.sav"
    export.write_bytes(export.read_bytes()[:5000])  # a truncated download
    result = snakemake(built)
    assert result.returncode != 0
    reports = built / "reports/2023"
    assert not (reports / "rapport.html").exists() and not (reports / "oversigt.xlsx").exists()
    assert "stoppede i reglen `ingest`" in (reports / NOT_BUILT).read_text(encoding="utf-8")
    assert (built / "reports/2015/rapport.html").exists()  # the other wave is untouched
