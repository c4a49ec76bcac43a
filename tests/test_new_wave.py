"""A new wave from its own export: the README's "Ny bølge" steps, with no hand edits beyond the TODOs."""

import re
import subprocess
import sys

import pandas as pd
import pyreadstat
import pytest
import yaml
from conftest import ROOT, copy_project, snakemake

from sagstal.tools.new_wave import build, main

OLD = yaml.safe_load((ROOT / "data/raw/2023/codebook.yaml").read_text(encoding="utf-8"))


def labelled_2023() -> pd.DataFrame:
    """The 2023 answers as a survey tool exports them with answer labels: 'For højt', 'Ja', 'Region Øst'."""
    frame, meta = pyreadstat.read_sav(str(ROOT / "data/raw/2023/sagstal-2023.sav"))
    for column, labels in meta.variable_value_labels.items():
        frame[column] = frame[column].map(labels)
    return frame


def semicolon_latin1_export(path):
    """Other spellings of the same names (case, spaces, punctuation), decimal commas, ';', Latin-1."""
    frame = labelled_2023().rename(columns=lambda c: {"RespondentID": "Respondent ID", "Kommune": "kommune",
                                                      "Region": "REGION"}.get(c, c.lower().replace("_", "-")))
    for column in [c for c in frame.columns if c.endswith(("-1", "-3", "-5"))]:
        frame[column] = frame[column].astype(str).str.replace(r"(\d)\.(\d)", r"\1,\2", regex=True).replace("nan", "")
    frame.to_csv(path, sep=";", index=False, encoding="latin-1")


def fill_config_todos(work, wave):
    """README step 3: the analyst decides title, fieldwork date and invited (the only TODOs left)."""
    text = (work / "config.yaml").read_text(encoding="utf-8")
    assert text.count(": TODO") == 3
    for todo, decided in (("title", f"Sagstalsundersøgelse {wave}"), ("fieldwork", f"'{wave}-03-01'"), ("invited", "429")):
        text = text.replace(f"    {todo}: TODO", f"    {todo}: {decided}")
    (work / "config.yaml").write_text(text, encoding="utf-8")


@pytest.mark.e2e
def test_the_readme_walkthrough_on_a_semicolon_latin1_csv_with_text_labels(tmp_path):
    work = copy_project(tmp_path / "project")
    semicolon_latin1_export(tmp_path / "sagstal-2025.csv")
    # README step 1: make new-wave (the command it runs)
    result = subprocess.run([sys.executable, "-m", "sagstal.tools.new_wave", "--wave", "2025", "--export",
                             str(tmp_path / "sagstal-2025.csv")], cwd=work, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "cp1252, separator ';', decimal commas" in result.stdout
    codebook = yaml.safe_load((work / "data/raw/2025/codebook.yaml").read_text(encoding="utf-8"))
    assert codebook["codes"]["assessment"] == {"For højt": "too_high", "For lavt": "too_low", "Passende": "about_right"}
    assert codebook["codes"]["region"] == {"Region Nord": "nord", "Region Syd": "syd", "Region Øst": "oest"}
    assert "TODO" not in str(codebook)
    # a run before the TODOs are decided stops, naming them
    stopped = snakemake(work, "-n")
    assert stopped.returncode != 0 and "TODO" in stopped.stdout + stopped.stderr
    fill_config_todos(work, "2025")
    # README step 4: make report
    result = snakemake(work, "reports/2025/rapport.html", "data/processed/2023/area_stats.csv")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    new = pd.read_csv(work / "data/processed/2025/area_stats.csv", encoding="utf-8-sig")
    old = pd.read_csv(work / "data/processed/2023/area_stats.csv", encoding="utf-8-sig")
    pd.testing.assert_frame_equal(new, old)  # the same answers, so the same figures
    summary = pd.read_csv(work / "data/processed/2025/run_summary.csv", encoding="utf-8-sig").fillna("")
    counts = summary[summary["reason"] == ""].set_index("measure")["count"]
    assert (counts["rows_read"], counts["rows_used"], counts["rows_excluded"]) == (217, 214, 3)
    assert len(list((work / "reports/2025/bilag").glob("*.xlsx"))) == 13


@pytest.mark.e2e
def test_an_xlsx_with_other_names_is_scaffolded_with_todos_to_fill(tmp_path):
    work = copy_project(tmp_path / "project")
    frame, _ = pyreadstat.read_sav(str(ROOT / "data/raw/2023/sagstal-2023.sav"))
    frame.rename(columns=lambda c: f"Spørgsmål {c}").to_excel(tmp_path / "sagstal-2026.xlsx", index=False)
    assert main(["--wave", "2026", "--export", str(tmp_path / "sagstal-2026.xlsx"), "--root", str(work)]) == 0
    path = work / "data/raw/2026/codebook.yaml"
    codebook = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert codebook["respondent_id"] == "TODO" and set(codebook["areas"]) == set(OLD["areas"])
    # README step 2: each TODO becomes the export's column name, and the codes what they mean
    codebook |= {key: f"Spørgsmål {OLD[key]}" for key in ("respondent_id", "municipality", "region")}
    codebook["areas"] = {a: {f: f"Spørgsmål {c}" for f, c in fields.items()} for a, fields in OLD["areas"].items()}
    codebook["codes"] = OLD["codes"]
    path.write_text(yaml.safe_dump(codebook, allow_unicode=True), encoding="utf-8")
    fill_config_todos(work, "2026")
    result = snakemake(work, "data/processed/2026/area_stats.csv", "data/processed/2023/area_stats.csv")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    pd.testing.assert_frame_equal(pd.read_csv(work / "data/processed/2026/area_stats.csv", encoding="utf-8-sig"),
                                  pd.read_csv(work / "data/processed/2023/area_stats.csv", encoding="utf-8-sig"))


def test_a_surveyxact_workbook_maps_by_question_text_and_labels(tmp_path):
    """SurveyXact names its variables itself; the Structure table's question texts are 2023's."""
    frame, meta = pyreadstat.read_sav(str(ROOT / "data/raw/2023/sagstal-2023.sav"), row_limit=40)
    names = {c: f"s_{i}" for i, c in enumerate(frame.columns)}
    labels = [{"Variable": names[c], "Value": int(k), "Label": v}
              for c, mapping in meta.variable_value_labels.items() for k, v in mapping.items()]
    structure = [{"Variable": names[c], "Label": text} for c, text in meta.column_names_to_labels.items()]
    with pd.ExcelWriter(tmp_path / "export.xlsx") as book:
        frame.rename(columns=names).to_excel(book, sheet_name="Dataset", index=False)
        pd.DataFrame(labels).to_excel(book, sheet_name="Labels", index=False)
        pd.DataFrame(structure).to_excel(book, sheet_name="Structure", index=False)
    codebook, entry, notes = build(ROOT, "2027", tmp_path / "export.xlsx", "2023")
    assert codebook["sheet"] == "Dataset"
    assert codebook["areas"]["sygedagpenge"]["current"] == names["Q9_1"]
    assert codebook["codes"]["assessment"] == {1: "too_low", 2: "about_right", 3: "too_high"}
    assert entry["title"] == entry["fieldwork"] == entry["invited"] == "TODO"
    assert entry["areas"]["sygedagpenge"]["bins_current"] == yaml.safe_load(
        (ROOT / "config.yaml").read_text(encoding="utf-8"))["waves"]["2023"]["areas"]["sygedagpenge"]["bins_current"]
    assert notes[0].startswith("read as surveyxact")


def test_only_the_areas_the_export_has_are_kept(tmp_path):
    frame = labelled_2023()
    frame.drop(columns=[c for c in frame.columns if re.match(r"Q1[0-3]_", c)]).to_excel(tmp_path / "e.xlsx",
                                                                                         index=False)
    codebook, entry, notes = build(ROOT, "2027", tmp_path / "e.xlsx", "2023")
    assert set(codebook["areas"]) == set(OLD["areas"]) - {"jobafklaring", "ressourceforloeb", "fleksjob", "integration"}
    assert set(entry["areas"]) == set(codebook["areas"])
    assert any("(left out): jobafklaring, ressourceforloeb, fleksjob, integration" in n for n in notes)


def test_a_failed_scaffold_writes_nothing_and_a_rerun_works(tmp_path, capsys):
    work = copy_project(tmp_path / "project")
    config_before = (work / "config.yaml").read_text(encoding="utf-8")
    (tmp_path / "broken.csv").write_bytes(b"")
    assert main(["--wave", "2025", "--export", str(tmp_path / "broken.csv"), "--root", str(work)]) == 1
    assert "Nothing was written" in capsys.readouterr().err
    assert not (work / "data/raw/2025").exists()
    assert (work / "config.yaml").read_text(encoding="utf-8") == config_before
    semicolon_latin1_export(tmp_path / "sagstal-2025.csv")
    assert main(["--wave", "2025", "--export", str(tmp_path / "sagstal-2025.csv"), "--root", str(work)]) == 0
    assert main(["--wave", "2025", "--export", str(tmp_path / "sagstal-2025.csv"), "--root", str(work)]) == 1
    assert "already has a wave '2025'" in capsys.readouterr().err


def test_scaffold_refuses_an_existing_wave(tmp_path):
    copy_project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "sagstal.tools.new_wave", "--wave", "2023",
                             "--export", str(ROOT / "data/raw/2023/sagstal-2023.sav")],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1 and "already has a wave '2023'" in result.stderr
