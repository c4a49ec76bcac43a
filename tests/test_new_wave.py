"""A new wave needs data and configuration only: the README's steps on a fresh export layout."""

import subprocess
import sys

import pandas as pd
import pyreadstat
import pytest
import yaml
from conftest import ROOT, copy_project, snakemake

pytestmark = pytest.mark.e2e
AREA_NAMES = {"Q1": "Boern_familie", "Q2": "Boern_handicap", "Q3": "Voksen_handicap", "Q4": "Voksen_psyk",
              "Q5": "Jobparat_o30", "Q6": "Aktparat_o30", "Q7": "JobUdd_u30", "Q8": "Aktparat_u30",
              "Q9": "Sygedagpenge", "Q10": "Jobafklaring", "Q11": "Ressource", "Q12": "Fleksjob", "Q13": "Integration"}
FIELDS = {"1": "aktuelt sagstal", "2": "vurdering", "3": "passende sagstal", "4": "loft", "5": "loftets størrelse",
          "6": "kommentar"}


def renamed(column: str) -> str:
    """The new survey tool's names: 'Q3_1' -> 'Voksen_handicap: aktuelt sagstal'."""
    if column == "RespondentID":
        return "Besvarelses-ID"
    if column in ("Kommune", "Region"):
        return f"{column} (baggrund)"
    question, field = column.split("_")
    return f"{AREA_NAMES[question]}: {FIELDS[field]}"


@pytest.fixture(scope="module")
def new_waves(tmp_path_factory):
    work = copy_project(tmp_path_factory.mktemp("newwave"))
    frame, _ = pyreadstat.read_sav(str(ROOT / "data/raw/2023/sagstal-2023.sav"))
    frame = frame.rename(columns=renamed)
    downloads = tmp_path_factory.mktemp("downloads")
    frame.to_csv(downloads / "sagstal-2025.csv", index=False, encoding="latin-1")
    frame.to_excel(downloads / "sagstal-2026.xlsx", index=False)
    old = yaml.safe_load((ROOT / "data/raw/2023/codebook.yaml").read_text(encoding="utf-8"))
    for wave, name in (("2025", "sagstal-2025.csv"), ("2026", "sagstal-2026.xlsx")):
        # README step 1: scaffold the folder and codebook from the export.
        result = subprocess.run([sys.executable, "-m", "sagstal.tools.new_wave", "--wave", wave,
                                 "--export", str(downloads / name), "--like", "2023"],
                                cwd=work, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        # README step 2: the analyst replaces each TODO with the export's column name.
        path = work / "data/raw" / wave / "codebook.yaml"
        codebook = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert codebook["respondent_id"].startswith("TODO")
        codebook["respondent_id"] = renamed(old["respondent_id"])
        codebook["municipality"] = renamed(old["municipality"])
        codebook["region"] = renamed(old["region"])
        codebook["areas"] = {area: {f: renamed(c) for f, c in fields.items()} for area, fields in old["areas"].items()}
        path.write_text(yaml.safe_dump(codebook, allow_unicode=True), encoding="utf-8")
        # README step 3: paste the printed block under `waves:` and set the fieldwork date.
        snippet = result.stdout.split("config.yaml (set fieldwork, check bins):\n\n", 1)[1]
        config = (work / "config.yaml").read_text(encoding="utf-8")
        config = config.replace("\nwaves:\n", "\nwaves:\n" + snippet.replace("TODO: YYYY-MM-DD", f"{wave}-03-01") + "\n", 1)
        (work / "config.yaml").write_text(config, encoding="utf-8")
    # README step 4: make report. Here only what these tests read, to keep the suite fast.
    targets = ["data/processed/2023/area_stats.csv"]
    for wave in ("2025", "2026"):
        targets += [f"reports/{wave}/rapport.html", f"data/processed/{wave}/run_summary.csv"]
    result = snakemake(work, *targets)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return work


@pytest.mark.parametrize("wave", ["2025", "2026"])
def test_a_new_layout_gives_the_full_report(new_waves, wave):
    reports = new_waves / "reports" / wave
    assert (reports / "rapport.html").exists() and (reports / "oversigt.xlsx").exists()
    assert len(list((reports / "bilag").glob("*.xlsx"))) == 13
    codebook = (new_waves / "data/raw" / wave / "codebook.yaml").read_text(encoding="utf-8")
    assert "TODO" not in codebook
    # the same answers as 2023, so the same figures
    new = pd.read_csv(new_waves / "data/processed" / wave / "area_stats.csv", encoding="utf-8-sig")
    old = pd.read_csv(new_waves / "data/processed/2023/area_stats.csv", encoding="utf-8-sig")
    pd.testing.assert_frame_equal(new, old)
    summary = pd.read_csv(new_waves / "data/processed" / wave / "summary.csv", encoding="utf-8-sig")
    assert summary["mean_previous"].tolist() == summary["mean_current"].tolist()  # 2023 as the previous wave


@pytest.mark.parametrize("wave", ["2025", "2026"])
def test_the_run_summary_adds_up(new_waves, wave):
    summary = pd.read_csv(new_waves / "data/processed" / wave / "run_summary.csv", encoding="utf-8-sig").fillna("")
    counts = summary[summary["reason"] == ""].set_index("measure")["count"]
    assert (counts["rows_read"], counts["rows_used"], counts["rows_excluded"]) == (217, 214, 3)


def test_scaffold_refuses_an_existing_wave(tmp_path):
    copy_project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "sagstal.tools.new_wave", "--wave", "2023",
                             "--export", str(ROOT / "data/raw/2023/sagstal-2023.sav")],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1 and "already has a wave '2023'" in result.stderr
