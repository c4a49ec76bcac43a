"""End to end: Snakemake on the shipped 2023 wave, in a copy of the project, checked against the report."""

from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import copy_project, planned_jobs, snakemake

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = yaml.safe_load((ROOT / "data/raw/2023/published.yaml").read_text(encoding="utf-8"))
EXPLAINED = {f for c in PUBLISHED["contradictions"] for f in c["figures"]}
pytestmark = pytest.mark.e2e


def processed(project, name):
    return pd.read_csv(project / "data/processed/2023" / name, encoding="utf-8-sig")


def expect(figure, computed, printed):
    """Equal to the printed figure, unless the report contradicts itself there (then the audit explains)."""
    if figure in EXPLAINED:
        return
    assert computed == printed, f"{figure}: computed {computed}, published {printed}"


def test_area_stats_equal_the_published_figures(project):
    stats = processed(project, "area_stats.csv").set_index("area")
    assert len(stats) == 13
    for area, figures in PUBLISHED["areas"].items():
        row = stats.loc[area]
        expect(f"{area}.n", row["n_current"], figures["n"])
        expect(f"{area}.n_municipalities", row["n_municipalities"], figures["n_municipalities"])
        for question in ("current", "suggested"):
            for name in ("mean", "min", "max"):
                expect(f"{area}.{question}.{name}", row[f"{name}_{question}"], figures[question][name])
        for level, printed in figures["assessment"].items():
            expect(f"{area}.assessment.{level}.n", row[f"{level}_n"], printed["n"])
        expect(f"{area}.caps.n", row["caps_n"], figures["caps"]["n"])
        if "compliance" in figures:
            for name in ("compliant_n", "noncompliant_n", "compliant_pct", "noncompliant_pct"):
                expect(f"{area}.compliance.{name}", row[name], figures["compliance"][name])
        else:
            assert pd.isna(row["compliant_n"])  # fleksjob: no guideline in 2023


def test_every_bin_count_of_the_26_tables(project):
    tables = 0
    everything = processed(project, "bins.csv")
    for area, figures in PUBLISHED["areas"].items():
        for question in ("current", "suggested"):
            bins = everything[(everything["area"] == area) & (everything["question"] == question)]
            assert list(bins["interval"]) == [b[0] for b in figures[question]["bins"]]
            for (label, printed, _), computed in zip(figures[question]["bins"], bins["count"]):
                expect(f"{area}.{question}.bins.{label}.count", computed, printed)
            tables += 1
    assert tables == 26


def test_overall_compliance_is_280_of_533(project):
    overall = processed(project, "compliance.csv").set_index("area").loc["alle"]
    assert (overall["compliant_n"], overall["n_current"], overall["compliant_pct"]) == (280, 533, 53)


def test_audit_explains_every_difference(project):
    audit = pd.read_csv(project / "reports/2023/audit.csv", encoding="utf-8-sig")
    assert not (audit["status"] == "UNEXPLAINED").any(), audit[audit["status"] == "UNEXPLAINED"]
    assert (audit["status"] == "match").sum() > 750
    explained = audit[audit["status"] == "explained"]
    assert set(explained["figure"]) <= EXPLAINED and len(explained) >= 8
    text = (project / "reports/2023/audit.md").read_text(encoding="utf-8")
    assert "Rapportens egne uoverensstemmelser" in text and "summerer til 48" in text


def test_run_summary_accounts_for_every_raw_row(project):
    summary = processed(project, "run_summary.csv").fillna("")
    counts = summary[summary["reason"] == ""].set_index("measure")["count"]
    assert counts["rows_read"] == counts["rows_used"] + counts["rows_excluded"]
    assert counts["rows_used"] == 214
    assert len(processed(project, "exclusions.csv")) >= counts["rows_excluded"]


def test_second_run_does_nothing(project):
    result = snakemake(project, "-n")
    assert result.returncode == 0
    assert "Nothing to be done" in result.stdout + result.stderr


def test_a_code_change_reruns_what_depends_on_it(built):
    # A real edit: Snakemake compares checksums, so touching a file without changing it reruns nothing.
    module = built / "workflow/sagstal/stats/wave_tables.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert planned_jobs(built) == {"statistics": 2, "method": 2, "changes": 2, "audit": 2, "render": 2, "review": 2}


def test_an_edit_to_a_module_imported_deep_down_reruns_the_rules_that_run_it(built):
    # No rule names rounding.py; every computing rule runs it through the modules it imports.
    module = built / "workflow/sagstal/core/rounding.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert planned_jobs(built) == {"ingest": 2, "statistics": 2, "method": 2, "guideline_sets": 2, "caseworker_tables": 1,
                                   "changes": 2, "breakdowns": 2, "audit": 2, "render": 2, "review": 2, "quotes": 2}


@pytest.mark.parametrize("edited", ["workflow/sagstal/render/charts.py", "workflow/sagstal/render/excel.py",
                                    "workflow/sagstal/core/danish.py", "workflow/templates/_sentences.j2"])
def test_editing_presentation_code_plans_no_job_that_writes_data(built, edited):
    path = built / edited
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    # the review page shows numbers in Danish too (core.danish), not the report's sentences
    assert planned_jobs(built) == {"render": 2, **({"review": 2} if edited.endswith("danish.py") else {})}


def test_a_wrong_config_key_fails_naming_it(project, tmp_path):
    config = yaml.safe_load((project / "config.yaml").read_text(encoding="utf-8"))
    config["main_range"]["min_shar"] = 0.5
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = snakemake(project, "-n", "--configfile", str(bad))
    assert result.returncode != 0
    assert "min_shar" in result.stdout + result.stderr


def test_a_broken_codebook_stops_with_a_clear_message_and_no_outputs(tmp_path):
    copy_project(tmp_path)
    codebook = tmp_path / "data/raw/2023/codebook.yaml"
    codebook.write_text(codebook.read_text(encoding="utf-8").replace("Q3_1,", "Q3_1x,"), encoding="utf-8")
    result = snakemake(tmp_path, "--quiet", "rules")
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "sagstal: data/raw/2023/sagstal-2023.sav: column(s) 'Q3_1x' (voksenhandicap current)" in out
    assert "Traceback" not in out
    assert not (tmp_path / "data/processed/2023/answers.csv").exists()
    assert not (tmp_path / "reports/2023").exists()
