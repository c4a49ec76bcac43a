"""All figures of one area in one wave: the row of area_stats.csv and the two bin tables."""

import pandas as pd

from ..core.binning import parse_bins
from ..core.caps import summarise
from ..core.guidelines import Guideline, compliance
from ..core.parsing import ASSESSMENTS
from ..core.rounding import one_decimal, percent_half_up
from .describe import describe
from .precision import bootstrap_mean, wilson

AREA_STATS_COLUMNS = [
    "area", "n_respondents", "n_current", "mean_current", "mean_current_one_decimal",
    "min_current", "max_current", "main_range_current",
    "main_range_current_share", "n_suggested", "mean_suggested", "min_suggested", "max_suggested",
    "main_range_suggested", "main_range_suggested_share", "n_assessed",
    "too_high_n", "too_high_pct", "about_right_n", "about_right_pct", "too_low_n", "too_low_pct",
    "caps_n", "caps_values", "n_municipalities", "guideline_min", "guideline_max",
    "compliant_n", "compliant_pct", "noncompliant_n", "noncompliant_pct",
    "implausible_kept", "outside_bins_current", "outside_bins_suggested",
    "mean_current_ci_low", "mean_current_ci_high", "too_high_pct_ci_low", "too_high_pct_ci_high",
    "compliant_pct_ci_low", "compliant_pct_ci_high", "low_base",
]


def _implausible_kept(values: pd.Series, plausible: dict | None) -> int:
    """Current caseloads outside the plausible range that config keeps in the figures (action: flag);
    the appendix says so. With action exclude (the default) ingest has already left them out."""
    if not plausible or plausible.get("action", "exclude") != "flag":
        return 0
    return int(((values < plausible["min"]) | (values > plausible["max"])).sum())


ASSESSMENT_COLUMNS = ["level", "n", "pct", "min_current", "max_current", "main_range_current",
                      "main_range_current_share"]


def assessment_table(answers: pd.DataFrame, bins_current, main_range_share: float) -> list[dict]:
    """Per assessment level: count, share of those assessed, and the current caseloads they have.

    The appendices say, for example, "58 ... for højt ... Disse har et aktuelt sagstal på mellem
    22 og 40 sager, hovedparten ligger mellem 25 og 38 sager".
    """
    assessed = answers[answers["assessment"].notna()]
    bins = parse_bins(bins_current)
    rows = []
    for level in ASSESSMENTS:
        group = assessed[assessed["assessment"] == level]
        now = describe(group["current"].dropna().astype(float), bins, main_range_share)
        rows.append({
            "level": level, "n": len(group), "pct": percent_half_up(len(group), len(assessed)),
            "min_current": now["min"], "max_current": now["max"],
            "main_range_current": now["main_range"], "main_range_current_share": now["main_range_share"],
        })
    return rows


def area_figures(answers: pd.DataFrame, area: str, bins_current, bins_suggested,
                 guideline: Guideline | None, main_range_share: float, precision: dict | None = None,
                 plausible: dict | None = None):
    """(area_stats row, current bin rows, suggested bin rows, assessment rows) for one area."""
    answers = answers[answers["area"] == area]
    current = answers.loc[answers["current"].notna(), "current"].astype(float)
    suggested = answers.loc[answers["suggested"].notna(), "suggested"].astype(float)
    now = describe(current, parse_bins(bins_current), main_range_share)
    proposed = describe(suggested, parse_bins(bins_suggested), main_range_share)
    assessed = answers["assessment"].dropna()
    caps = answers.loc[answers["cap"] == "yes", "cap_value_raw"].astype(object).fillna("").astype(str)
    row = {
        "area": area, "n_respondents": len(answers),
        "n_current": now["n"], "mean_current": now["mean"],
        "mean_current_one_decimal": one_decimal(current.mean()) if len(current) else None,
        "min_current": now["min"], "max_current": now["max"],
        "main_range_current": now["main_range"], "main_range_current_share": now["main_range_share"],
        "n_suggested": proposed["n"], "mean_suggested": proposed["mean"],
        "min_suggested": proposed["min"], "max_suggested": proposed["max"],
        "main_range_suggested": proposed["main_range"],
        "main_range_suggested_share": proposed["main_range_share"],
        "n_assessed": len(assessed),
        "caps_n": len(caps),
        "caps_values": summarise(caps),
        "n_municipalities": answers.loc[answers["current"].notna(), "municipality"].nunique(),
        "guideline_min": guideline.minimum if guideline else None,
        "guideline_max": guideline.maximum if guideline else None,
        **compliance(current, guideline),
        "implausible_kept": _implausible_kept(current, plausible),
        "outside_bins_current": len(now["outside_bins"]),
        "outside_bins_suggested": len(proposed["outside_bins"]),
    }
    for level in ASSESSMENTS:
        count = int((assessed == level).sum())
        row[f"{level}_n"] = count
        row[f"{level}_pct"] = percent_half_up(count, len(assessed))
    p = precision or {"confidence": 0.95, "resamples": 2000, "seed": 1, "low_base": 30}
    row["mean_current_ci_low"], row["mean_current_ci_high"] = bootstrap_mean(
        current, p["seed"], p["resamples"], p["confidence"])
    row["too_high_pct_ci_low"], row["too_high_pct_ci_high"] = wilson(row["too_high_n"], row["n_assessed"], p["confidence"])
    row["compliant_pct_ci_low"], row["compliant_pct_ci_high"] = (
        wilson(row["compliant_n"], row["n_current"], p["confidence"]) if guideline else (None, None))
    row["low_base"] = row["n_current"] < p["low_base"]
    levels = assessment_table(answers, bins_current, main_range_share)
    return {c: row[c] for c in AREA_STATS_COLUMNS}, now["bins"], proposed["bins"], levels
