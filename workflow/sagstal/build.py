"""One wave computed in one process, from the same functions the Snakemake rules call.

Used by the reconstruction check; the Snakemake rules run the same steps as separate jobs.
"""

from pathlib import Path

import pandas as pd
import yaml

from .area import area_figures
from .ingest import load_codebook, read_export, tidy
from .tables import compliance_table, method_figures, summary_table
from .waves import area_labels, area_settings


def ingest_wave(config: dict, wave: str, root: Path = Path(".")):
    settings = config["waves"][wave]
    codebook = load_codebook(root / settings["codebook"])
    export = root / settings["export"]
    frame, first_row = read_export(export, codebook.encoding, codebook.sheet)
    return tidy(frame, codebook, export, first_row, config["open_answers"], settings["areas"])


def compute_wave(config: dict, wave: str, root: Path = Path(".")) -> dict:
    answers, exclusions, respondents = ingest_wave(config, wave, root)
    rows, bins, assessments = [], {}, {}
    for area in config["waves"][wave]["areas"]:
        s = area_settings(config, wave, area)
        row, current, suggested, levels = area_figures(answers, area, s.bins_current, s.bins_suggested,
                                               s.guideline, config["main_range"]["min_share"])
        rows.append(row)
        bins[(area, "current")], bins[(area, "suggested")] = current, suggested
        assessments[area] = levels
    area_stats = pd.DataFrame(rows)
    history = pd.read_csv(root / config["history"])
    settings = config["waves"][wave]
    return {
        "answers": answers, "exclusions": exclusions, "respondents": respondents,
        "area_stats": area_stats, "bins": bins, "assessments": assessments,
        "summary": summary_table(area_stats, history, settings.get("previous_wave"), area_labels(config)),
        "compliance": compliance_table(area_stats),
        "method": method_figures(respondents, area_stats, settings.get("invited")),
    }


def load_yaml(path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)
