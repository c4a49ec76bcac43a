"""A wave nobody printed, whose answers reach beyond the earlier wave's bins and hold a stray "200":
scaffolded from a SurveyXact export made here (its own wording and codes), built, and every main
range checked against the oracle over all answers (tests/oracle.py); then with the earlier wave's
narrower bins kept, so that answers fall outside the table: the main ranges still rest on every
answer, the review page lists the answers outside the bins and the extreme one, and make explain
shows the stray answer."""

import subprocess
import sys
from fractions import Fraction

import oracle
import pandas as pd
import pytest
import yaml
from conftest import copy_project, snakemake
from exports import answers, write_surveyxact_files
from test_new_wave import decide_config, scaffold

STRAY = 200


def people_with_a_stray_answer() -> list[dict]:
    people = answers(seed=31, rows=150)
    first = next(p for p in people if "sygedagpenge" in p["areas"])
    first["areas"]["sygedagpenge"].update(current=str(STRAY), current_value=STRAY)
    return people


def expected_main_ranges(people, bins: dict, min_share: Fraction) -> dict:
    """(area, question) -> (label, share) by the oracle, over every answer."""
    ranges = {}
    for area, settings in bins.items():
        given = [p["areas"][area] for p in people if area in p["areas"]]
        for question in ("current", "suggested"):
            values = [Fraction(str(a[f"{question}_value"])) for a in given]
            ranges[area, question] = oracle.main_range(values, settings[f"bins_{question}"], min_share)
    return ranges


def computed_main_ranges(work) -> dict:
    stats = pd.read_csv(work / "data/processed/2025/area_stats.csv", encoding="utf-8-sig").set_index("area")
    return {(area, q): (stats.loc[area, f"main_range_{q}"], stats.loc[area, f"main_range_{q}_share"])
            for area in stats.index for q in ("current", "suggested")}


def wave_bins(work) -> dict:
    config = yaml.safe_load((work / "config.yaml").read_text(encoding="utf-8"))
    return config, config["waves"]["2025"]["areas"]


@pytest.mark.e2e
def test_an_unseen_wave_beyond_the_earlier_bins(tmp_path):
    work = copy_project(tmp_path / "project")
    people = people_with_a_stray_answer()
    scaffold(work, write_surveyxact_files(tmp_path / "download", people))
    decide_config(work, "2025")
    config, bins = wave_bins(work)
    earlier = config["waves"]["2023"]["areas"]["boerne-familie"]["bins_current"]
    assert bins["boerne-familie"]["bins_current"] != earlier  # the 2023 bins do not hold 15-42
    result = snakemake(work, "data/processed/2025/area_stats.csv", "data/processed/2025/unusual.csv")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    share = Fraction(str(config["main_range"]["min_share"]))
    assert computed_main_ranges(work) == expected_main_ranges(people, bins, share)
    unusual = pd.read_csv(work / "data/processed/2025/unusual.csv", encoding="utf-8-sig")
    assert set(unusual["kind"]) == {"extreme"}  # the proposed bins leave no answer outside
    stray = unusual[(unusual["area"] == "sygedagpenge") & (unusual["question"] == "current")]
    assert stray["value"].tolist() == [STRAY]

    # The analyst keeps 2023's narrower bins for børne-familie: answers fall under and over them.
    config["waves"]["2025"]["areas"]["boerne-familie"]["bins_current"] = earlier
    (work / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = snakemake(work, "data/processed/2025/area_stats.csv", "reports/2025/gennemsyn.html")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    _, bins = wave_bins(work)
    expected = expected_main_ranges(people, bins, share)
    assert computed_main_ranges(work) == expected
    given = [p["areas"]["boerne-familie"]["current_value"] for p in people if "boerne-familie" in p["areas"]]
    under, over = sum(v < 20 for v in given), sum(v > 40 for v in given)
    assert under and over
    points = pd.read_csv(work / "reports/2025/gennemsyn.csv", encoding="utf-8-sig")
    section = points[points["section"] == "Svar uden for intervallerne og ekstreme svar"]
    texts = dict(zip(section["point"], section["rows"]))
    label = config["areas"]["boerne-familie"]["label"]
    assert texts[f"{label}, aktuelt sagstal: {under} svar under det første interval i tabellen; de står i en "
                 "«under»/«over»-række og tæller med i procenterne og hovedparten. Tilføj et interval i config.yaml "
                 "(bins_…), hvis de skal have deres eget."] == under
    assert any(t.startswith(f"{label}, aktuelt sagstal: {over} svar over det sidste") for t in texts)
    stray_point = next(t for t in texts if t.startswith(config["areas"]["sygedagpenge"]["label"] + ", aktuelt"))
    with_stray = [Fraction(str(p["areas"]["sygedagpenge"]["current_value"])) for p in people
                  if "sygedagpenge" in p["areas"]]
    without = [v for v in with_stray if v != STRAY]
    mean_with, mean_without = (f"{oracle.half_up(sum(v) / len(v) * 10) / 10:.1f}".replace(".", ",")
                               for v in (with_stray, without))
    assert f"gennemsnit {mean_with} med det, {mean_without} uden" in stray_point
    page = (work / "reports/2025/gennemsyn.html").read_text(encoding="utf-8")
    assert "ekstremt svar" in page and f"{STRAY}: række" in page

    explained = subprocess.run([sys.executable, "-m", "sagstal.tools.explain", "--wave", "2025",
                                "sygedagpenge.mean_current"], cwd=work, capture_output=True, text=True)
    assert explained.returncode == 0, explained.stderr
    line = next(x for x in explained.stdout.splitlines() if x.strip().startswith(f"{STRAY} ×"))
    assert "extreme" in line
    main = subprocess.run([sys.executable, "-m", "sagstal.tools.explain", "--wave", "2025",
                           "boerne-familie.main_range_current"], cwd=work, capture_output=True, text=True)
    label, share_pct = expected["boerne-familie", "current"]
    assert f"chosen: {label}, holding {share_pct:g} % of the answers" in main.stdout, main.stdout
    assert f"of all {len(given)} answers" in main.stdout
