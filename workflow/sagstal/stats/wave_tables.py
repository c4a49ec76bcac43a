"""Cross-area tables of a wave: the summary table, compliance per area and overall, method figures."""

import pandas as pd

from ..core.rounding import percent_half_up, percent_one_decimal
from ..core.tables import ROW_ID
from .precision import wilson

OVERALL = "alle"


def summary_table(area_stats: pd.DataFrame) -> pd.DataFrame:
    """The report's summary table: answers, mean, share too high... (the previous wave's mean and
    the change since are in changes.csv, rule changes: they need the earlier waves)."""
    rows = []
    for stats in area_stats.to_dict("records"):
        has_guideline = pd.notna(stats["guideline_max"])
        rows.append({
            "area": stats["area"],
            "answers": stats["n_current"],
            "mean_current": stats["mean_current"],
            "mean_current_ci_low": stats.get("mean_current_ci_low"),
            "mean_current_ci_high": stats.get("mean_current_ci_high"),
            "n_assessed": stats["n_assessed"],
            "too_high_pct": stats["too_high_pct"],
            "too_high_pct_ci_low": stats.get("too_high_pct_ci_low"),
            "too_high_pct_ci_high": stats.get("too_high_pct_ci_high"),
            "mean_suggested": stats["mean_suggested"],
            "guideline": f"{stats['guideline_min']:g}-{stats['guideline_max']:g}" if has_guideline else None,
            "mean_within_guideline": (stats["mean_current"] <= stats["guideline_max"])
            if has_guideline and pd.notna(stats["mean_current"]) else None,  # an area with no answers: none
            "low_base": stats.get("low_base"),
        })
    return pd.DataFrame(rows)


def compliance_table(area_stats: pd.DataFrame, confidence: float = 0.95) -> pd.DataFrame:
    """Compliance per area with a guideline, and overall over those areas (the report's 280 of 533)."""
    with_guideline = area_stats[area_stats["guideline_max"].notna()]
    columns = ["area", "n_current", "compliant_n", "compliant_pct", "noncompliant_n", "noncompliant_pct",
               "compliant_pct_ci_low", "compliant_pct_ci_high"]
    table = with_guideline[columns].copy()
    answers = int(with_guideline["n_current"].sum())
    compliant = int(with_guideline["compliant_n"].sum())
    overall = {
        "area": OVERALL, "n_current": answers,
        "compliant_n": compliant, "compliant_pct": percent_half_up(compliant, answers),
        "noncompliant_n": answers - compliant,
        "noncompliant_pct": percent_half_up(answers - compliant, answers),
    }
    overall["compliant_pct_ci_low"], overall["compliant_pct_ci_high"] = wilson(compliant, answers, confidence)
    return pd.concat([table, pd.DataFrame([overall])], ignore_index=True)


def method_figures(respondents: pd.DataFrame, area_stats: pd.DataFrame, invited: int | None) -> pd.DataFrame:
    """The method section's figures: respondents, response rate, municipalities, answers, regions."""
    included = respondents[respondents["included"].astype(str).str.lower() == "true"]
    n = len(included)
    figures = [
        ("rows_read", len(respondents)),
        ("respondents", n),
        ("invited", invited),
        ("response_rate_pct", percent_one_decimal(n, invited) if invited else None),
        ("municipalities", included["municipality"].nunique()),
        ("answers", int(area_stats["n_current"].sum())),
    ]
    if len(respondents) and respondents["respondent_id"].astype(str).str.startswith(ROW_ID).all():
        figures.append(("ids_from_export_rows", 1))  # the export had no respondent id (the method says so)
    if "area" in included:  # caseworker design: respondents per primary area
        for area, count in included["area"].value_counts().sort_index().items():
            figures.append((f"primary_area.{area}", int(count)))
    for region, count in included["region"].dropna().value_counts().sort_index().items():
        figures.append((f"regions.{region}.n", int(count)))
        figures.append((f"regions.{region}.pct", percent_half_up(int(count), n)))
    return pd.DataFrame(figures, columns=["figure", "value"])
