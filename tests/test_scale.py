"""A wave N times the size of another, made of the same answers repeated, has the same figures:
means, shares, main ranges, bins' percentages, compliance. Only the intervals narrow. The fast lane
checks N = 10 in one process; `make bench` checks N = 1000 through Snakemake."""

import sys

import pyreadstat
import yaml
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from scale import same_figures, scaled_export  # noqa: E402

from sagstal.ingest.wave import read_wave  # noqa: E402
from sagstal.stats.wave import wave_figures  # noqa: E402

CONFIG = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))


def figures(export):
    wave = CONFIG["waves"]["2023"]
    settings = {"areas": sorted(wave["areas"]), "plausible_caseload": wave["plausible_caseload"]}
    answers = read_wave(export, ROOT / wave["codebook"], settings, "exclude")["answers"]
    areas = {a: {"bins_current": s["bins_current"], "bins_suggested": s["bins_suggested"]}
             for a, s in wave["areas"].items()}
    guidelines = {a: CONFIG["guidelines"].get(a, []) for a in wave["areas"]}
    return wave_figures(answers, areas, guidelines, wave["fieldwork"], CONFIG["main_range"]["min_share"],
                        CONFIG["precision"], wave["plausible_caseload"])


def test_ten_times_the_answers_give_the_same_figures(tmp_path):
    frame, labels, value_labels = scaled_export(ROOT / "data/raw/2023/sagstal-2023.sav", 10)
    pyreadstat.write_sav(frame, str(tmp_path / "x10.sav"), column_labels=labels, variable_value_labels=value_labels)
    one, ten = figures(ROOT / "data/raw/2023/sagstal-2023.sav"), figures(tmp_path / "x10.sav")
    assert same_figures(one, ten, 10) == []
    narrower = ten[0]["mean_current_ci_high"] - ten[0]["mean_current_ci_low"]
    wider = one[0]["mean_current_ci_high"] - one[0]["mean_current_ci_low"]
    assert (narrower < wider).all()


def test_a_changed_answer_is_caught_by_the_comparison(tmp_path):
    """The check can fail: one answer more in one area changes that area's figures."""
    one = figures(ROOT / "data/raw/2023/sagstal-2023.sav")
    stats, bins, levels = (t.copy() for t in one)
    stats.loc[0, "mean_current"] += 1
    assert same_figures(one, (stats, bins, levels), 1) == [f"{stats.loc[0, 'area']}: mean_current differs"]
