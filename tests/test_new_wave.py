"""A new wave from exports nobody derived from the shipped waves: `make new-wave`, only a person's
decisions (title, fieldwork, invited; one area per group where the export has no question texts),
then a build whose figures match the ones computed here from the answers themselves."""

import subprocess
import sys

import pandas as pd
import pytest
import yaml
from conftest import ROOT, copy_project, snakemake
from exports import (
    AREAS,
    PREFIXES,
    answers,
    expected,
    write_prefix_csv,
    write_qualtrics_csv,
    write_spss,
    write_surveyxact_files,
    write_surveyxact_workbook,
)

from sagstal.tools.new_wave import build, main

PEOPLE = answers()
EXPECTED = expected(PEOPLE)
PREFIX_DECISIONS = [f"--area={prefix}={area}" for area, prefix in PREFIXES.items()]


def decide_config(work, wave):
    """The person's decisions in config.yaml: title, fieldwork date and invited (the only TODOs)."""
    text = (work / "config.yaml").read_text(encoding="utf-8")
    assert text.count(": TODO") == 3
    for todo, decided in (("title", f"Sagstalsundersøgelse {wave}"), ("fieldwork", f"'{wave}-03-01'"),
                          ("invited", "300")):
        text = text.replace(f"    {todo}: TODO", f"    {todo}: {decided}")
    (work / "config.yaml").write_text(text, encoding="utf-8")


def scaffold(work, export, *decisions):
    result = subprocess.run([sys.executable, "-m", "sagstal.tools.new_wave", "--wave", "2025", "--export",
                             str(export), *decisions], cwd=work, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    codebook_text = (work / "data/raw/2025/codebook.yaml").read_text(encoding="utf-8")
    assert "TODO" not in codebook_text.replace("a TODO is for you", "")
    return yaml.safe_load(codebook_text), result.stdout


def check_figures(work):
    stats = pd.read_csv(work / "data/processed/2025/area_stats.csv", encoding="utf-8-sig").set_index("area")
    assert set(stats.index) == set(AREAS)
    for area, figures in EXPECTED.items():
        assert {k: stats.loc[area, k] for k in figures} == figures, area


@pytest.mark.e2e
def test_surveyxact_export_from_scaffold_to_report(tmp_path):
    work = copy_project(tmp_path / "project")
    dataset = write_surveyxact_files(tmp_path / "download", PEOPLE)
    codebook, out = scaffold(work, dataset)
    assert "no respondent id" in out and codebook["respondent_id"] is None
    assert codebook["codes"]["region"] == {1: "oest", 2: "syd", 3: "nord"}
    assert codebook["codes"]["assessment"] == {1: "too_high", 2: "about_right", 3: "too_low", 9: "no_answer"}
    assert codebook["areas"]["sygedagpenge"] == {"current": "s_3", "assessment": "s_4", "suggested": "s_5",
                                                 "cap": "s_6", "cap_value": "s_7", "comment": "s_8"}
    assert sorted(p.name for p in (work / "data/raw/2025").iterdir()) == [
        "citater.yaml", "codebook.yaml", "dataset.csv", "gennemsyn.yaml", "labels.csv", "structure.csv"]
    stopped = snakemake(work, "-n")
    assert stopped.returncode != 0 and "TODO" in stopped.stdout + stopped.stderr
    decide_config(work, "2025")
    result = snakemake(work, "reports/2025/rapport.html", "reports/2025/kodebog.xlsx", "reports/2025/gennemsyn.html")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    check_figures(work)
    # nothing chosen yet: no appendix quotes a comment, and the review page lists every one as waiting,
    # beside one point per area (and for the respondent's fields and each code list) new-wave mapped
    quotes = pd.read_csv(work / "data/processed/2025/quotes.csv", encoding="utf-8-sig")
    assert len(quotes) > 0 and set(quotes["decision"]) == {"awaiting"}
    assert not any("Citater" in p.read_text(encoding="utf-8") for p in (work / "reports/2025/bilag").glob("*.md"))
    points = pd.read_csv(work / "reports/2025/gennemsyn.csv", encoding="utf-8-sig")
    waiting = points[points["section"] == "Kommentarer, der venter på en beslutning"]
    assert len(waiting) == quotes["area"].nunique() and waiting["rows"].sum() == len(quotes)  # one point per area
    mapped = points.loc[points["section"] == "Hvad make new-wave koblede af sig selv", "point"]
    config = yaml.safe_load((work / "config.yaml").read_text(encoding="utf-8"))
    labels = [config["areas"][area]["label"] for area in codebook["areas"]]
    assert sorted(p for p in mapped if p.split(":")[0] in labels) == sorted(
        f"{label}: {len(codebook['areas'][area])} kobling(er)" for label, area in zip(labels, codebook["areas"]))
    assert any(p.startswith("Koder: assessment:") for p in mapped)
    page = (work / "reports/2025/gennemsyn.html").read_text(encoding="utf-8")
    blocking = points[points["blocking"] & points["state"].eq("uafgjort")]
    assert f">{len(blocking)} punkter skal afgøres før udgivelse<" in page
    assert all(f"- {quote_id}" in page for quote_id in quotes["quote_id"])
    # a figure of a wave nobody published is explained from its own tables
    explained = subprocess.run([sys.executable, "-m", "sagstal.tools.explain", "--wave", "2025",
                                "sygedagpenge.mean_current"], cwd=work, capture_output=True, text=True)
    assert explained.returncode == 0, explained.stderr
    lines = explained.stdout.splitlines()
    assert lines[1].split()[:2] == ["computed:", str(EXPECTED["sygedagpenge"]["mean_current"])]
    assert "wave has no published report to compare with" in lines[2]
    summary = pd.read_csv(work / "data/processed/2025/run_summary.csv", encoding="utf-8-sig").fillna("")
    counts = summary[summary["reason"] == ""].set_index("measure")["count"]
    assert counts["rows_read"] == len(PEOPLE) == counts["rows_used"] + counts["rows_excluded"]
    # background variables (names, e-mails) reach no output; the municipality's codes are decoded
    for folder in ("data/processed/2025", "reports/2025"):
        for path in (work / folder).rglob("*"):
            if path.suffix in (".csv", ".md", ".html"):
                text = path.read_text(encoding="utf-8-sig")
                assert "Testesen" not in text and "eksempel-kommune.dk" not in text, path
    respondents = pd.read_csv(work / "data/processed/2025/respondents.csv", encoding="utf-8-sig")
    assert respondents["municipality"].isin(pd.read_csv(ROOT / "data/reference/kommuner.csv")["municipality"]).all()


@pytest.mark.e2e
@pytest.mark.parametrize("layout", ["spss", "prefix_csv", "qualtrics"])
def test_other_layouts_from_scaffold_to_figures(tmp_path, layout):
    work = copy_project(tmp_path / "project")
    if layout == "spss":
        export, decisions = write_spss(tmp_path / "sagstal-2025.sav", PEOPLE), []
    elif layout == "prefix_csv":
        export, decisions = write_prefix_csv(tmp_path / "sagstal-2025.csv", PEOPLE), PREFIX_DECISIONS
    else:
        export, decisions = write_qualtrics_csv(tmp_path / "qualtrics.csv", PEOPLE), []
    scaffold(work, export, *decisions)
    decide_config(work, "2025")
    result = snakemake(work, "data/processed/2025/area_stats.csv")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    check_figures(work)
    if layout == "spss":  # the "Ved ikke" (999) caseload is no answer, and the ledger says so
        ledger = pd.read_csv(work / "data/processed/2025/exclusions.csv", encoding="utf-8-sig", dtype=str)
        declared = ledger[ledger["scope"] == "user_missing"]
        assert set(declared["raw_value"]) == {"999", "9"}
        assert (declared["column"] == "antal1").sum() == 1 and declared["column"].str.match("antal1|vurd").all()


def test_a_prefix_coded_csv_asks_one_decision_per_group(tmp_path, capsys):
    work = copy_project(tmp_path / "project")
    export = write_prefix_csv(tmp_path / "sagstal-2025.csv", PEOPLE)
    assert main(["--wave", "2025", "--export", str(export), "--root", str(work)]) == 1
    err = capsys.readouterr().err
    assert "5 group(s)" in err and "Nothing was written" in err
    for prefix in PREFIXES.values():
        assert f"  {prefix} (current: {prefix}_aktuelt" in err
    assert not (work / "data/raw/2025").exists()


def test_a_surveyxact_workbook_maps_like_its_files(tmp_path):
    workbook = write_surveyxact_workbook(tmp_path / "export.xlsx", PEOPLE)
    files = write_surveyxact_files(tmp_path / "files", PEOPLE)
    from_book, entry, _, _, _ = build(ROOT, "2999", workbook, "2023")
    from_files, _, _, _, _ = build(ROOT, "2999", files, "2023")
    assert "sheet: Dataset" in from_book and "labels: Labels" in from_book
    body = from_book.split("respondent_id:", 1)[1]
    assert body == from_files.split("respondent_id:", 1)[1]
    assert set(entry["areas"]) == set(AREAS)
    assert entry["title"] == entry["fieldwork"] == entry["invited"] == "TODO"


def test_a_failed_scaffold_writes_nothing_and_a_rerun_works(tmp_path, capsys):
    work = copy_project(tmp_path / "project")
    config_before = (work / "config.yaml").read_text(encoding="utf-8")
    (tmp_path / "broken.csv").write_bytes(b"")
    assert main(["--wave", "2025", "--export", str(tmp_path / "broken.csv"), "--root", str(work)]) == 1
    assert "Nothing was written" in capsys.readouterr().err
    assert not (work / "data/raw/2025").exists()
    assert (work / "config.yaml").read_text(encoding="utf-8") == config_before
    export = write_qualtrics_csv(tmp_path / "export.csv", PEOPLE)
    assert main(["--wave", "2025", "--export", str(export), "--root", str(work)]) == 0
    assert main(["--wave", "2025", "--export", str(export), "--root", str(work)]) == 1
    assert "already has a wave '2025'" in capsys.readouterr().err


def test_scaffold_refuses_an_existing_wave(tmp_path):
    copy_project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "sagstal.tools.new_wave", "--wave", "2023",
                             "--export", str(ROOT / "data/raw/2023/sagstal-2023.sav")],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1 and "already has a wave '2023'" in result.stderr


def test_the_tests_copy_only_the_shipped_waves(tmp_path, monkeypatch):
    """make test tests the project, not the analyst's config: an added wave is left out of the copies."""
    import conftest

    root = copy_project(tmp_path / "analyst")
    export = write_qualtrics_csv(tmp_path / "export.csv", PEOPLE)
    assert main(["--wave", "2025", "--export", str(export), "--root", str(root)]) == 0
    monkeypatch.setattr(conftest, "ROOT", root)
    copied = conftest.copy_project(tmp_path / "copy")
    assert set(yaml.safe_load((copied / "config.yaml").read_text(encoding="utf-8"))["waves"]) == {"2015", "2023"}
    assert not (copied / "data/raw/2025").exists()


def test_a_scaffold_whose_config_entry_was_lost_can_be_redone(tmp_path):
    """The folder holds only what the scaffold writes (export, companions, codebook): rerunning redoes it."""
    work = copy_project(tmp_path / "project")
    config_before = (work / "config.yaml").read_text(encoding="utf-8")
    dataset = write_surveyxact_files(tmp_path / "download", PEOPLE)
    assert main(["--wave", "2025", "--export", str(dataset), "--root", str(work)]) == 0
    (work / "config.yaml").write_text(config_before, encoding="utf-8")
    assert main(["--wave", "2025", "--export", str(dataset), "--root", str(work)]) == 0
    (work / "config.yaml").write_text(config_before, encoding="utf-8")
    (work / "data/raw/2025/notes.txt").write_text("the analyst's own file", encoding="utf-8")
    assert main(["--wave", "2025", "--export", str(dataset), "--root", str(work)]) == 1


@pytest.mark.e2e
def test_a_txt_export_scaffolds_and_its_wave_passes_the_config_check(tmp_path):
    work = copy_project(tmp_path / "project")
    scaffold(work, write_qualtrics_csv(tmp_path / "export.txt", PEOPLE))
    decide_config(work, "2025")
    result = snakemake(work, "-n", "data/processed/2025/area_stats.csv")
    assert result.returncode == 0, (result.stdout + result.stderr)[-2000:]


def test_proposed_bins_leave_implausible_answers_to_the_ledger():
    """A typed "1.200" (1200, outside 1-500, excluded by the build) stretches no bin."""
    from sagstal.ingest.reader import Export, Reading
    from sagstal.tools.new_wave import answers_of, proposed_bins

    export = Export(pd.DataFrame({"nu": ["30", "35", "1.200", "40", "ca. 45"]}), 2, Reading(format="csv"))
    values = answers_of(export, "nu", {"min": 1, "max": 500})
    assert values == [30, 35, 40, 45] and proposed_bins(values, None)[-1] == "41-45"
