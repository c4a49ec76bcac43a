"""One wave computed in one process, from the same functions the Snakemake rules call.

Used by the reconstruction check; the Snakemake rules run the same steps as separate jobs.
"""

from pathlib import Path

import pandas as pd
import yaml

from .area import area_figures
from .caseworker_tables import admin_help_table, case_type_table, coordination_table, single_type_table
from .reading import ingest
from .tables import compliance_table, method_figures, summary_table
from .waves import area_labels, area_settings


def compute_wave(config: dict, wave: str, root: Path = Path(".")) -> dict:
    settings = config["waves"][wave]
    tidy = ingest(root / settings["export"], root / settings["codebook"], settings, config["open_answers"])
    answers, respondents = tidy["answers"], tidy["respondents"]
    rows, bins, assessments = [], {}, {}
    for area in config["waves"][wave]["areas"]:
        s = area_settings(config, wave, area)
        row, current, suggested, levels = area_figures(answers, area, s.bins_current, s.bins_suggested,
                                               s.guideline, config["main_range"]["min_share"],
                                                       config["precision"])
        rows.append(row)
        bins[(area, "current")], bins[(area, "suggested")] = current, suggested
        assessments[area] = levels
    area_stats = pd.DataFrame(rows)
    history = pd.read_csv(root / config["history"])
    result = {
        **{k: v for k, v in tidy.items() if k != "unmapped"},
        "area_stats": area_stats, "bins": bins, "assessments": assessments,
        "summary": summary_table(area_stats, history, settings.get("previous_wave"), area_labels(config)),
        "compliance": compliance_table(area_stats),
        "method": method_figures(respondents, area_stats, settings.get("invited")),
    }
    if settings["instrument"] == "sagsbehandlere":
        result.update(caseworker_tables(config, wave, tidy))
    return result


def caseworker_tables(config: dict, wave: str, tidy: dict) -> dict:
    """The caseworker design's extra tables (case types, single type, coordination, admin help)."""
    areas = list(config["waves"][wave]["areas"])
    width, share = config["default_bin_width"], config["main_range"]["min_share"]
    kinds = [c for c in tidy["respondents"].columns if c.startswith("coordination_")]
    return {
        "case_type_table": case_type_table(tidy["case_types"], areas, config["case_types"], width, share),
        "single_type": single_type_table(tidy["respondents"], areas, config["case_types"], width, share),
        "coordination": coordination_table(tidy["respondents"], areas, [k.removeprefix("coordination_") for k in kinds],
                                           width, share),
        "admin_help": admin_help_table(tidy["respondents"]),
    }


def load_yaml(path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)
