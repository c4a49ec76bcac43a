"""The caseworker design's extra tables: case types, single-type assessment, coordination, admin help."""

import pandas as pd

from ..core.binning import parse_bins, regular_labels
from ..core.files import read_csv, write_csv
from ..core.rounding import percent_half_up
from .describe import describe

ANSWER_LEVELS = ("yes", "no", "dont_know")
TOTAL = "i-alt"
FIGURES = ["n", "mean", "min", "max", "main_range", "main_range_share"]


def _figures(values, bin_width: int, min_share: float) -> dict:
    values = [float(v) for v in values]
    if not values:
        return {"n": 0, "mean": None, "min": None, "max": None, "main_range": None, "main_range_share": None}
    bins = parse_bins(regular_labels(max(values), bin_width, start=int(min(min(values), 1))))
    d = describe(values, bins, min_share)
    return {k: d[k] for k in ("n", "mean", "min", "max", "main_range")} | {"main_range_share": d["main_range_share"]}


def case_type_table(case_types: pd.DataFrame, areas, case_type_settings: dict, bin_width: int,
                    min_share: float) -> pd.DataFrame:
    """Per area and case type of that area: respondents with such cases, min, max, mean, main range.
    Only the case types the wave's export has answers for: a wave shows its own types, not every
    type config knows (a type of an earlier questionnaire is no row of zeros)."""
    rows = []
    used = case_types[case_types["included"].astype(str).str.lower() == "true"]
    asked = set(case_types["case_type"])
    for area in areas:
        for slug, setting in case_type_settings.items():
            if setting.get("area") != area or slug not in asked:
                continue
            values = used[(used["area"] == area) & (used["case_type"] == slug)]["value"].dropna()
            rows.append({"area": area, "case_type": slug, **_figures(values, bin_width, min_share)})
    return pd.DataFrame(rows, columns=["area", "case_type", *FIGURES])  # a header even without rows


def single_type_table(respondents: pd.DataFrame, areas, case_type_settings: dict, bin_width: int,
                      min_share: float) -> pd.DataFrame:
    """The report's "Vurdering af passende sagstal på enkelte sagstyper", with each area's total row.

    A respondent's choice counts under the area its case type belongs to, whatever area the
    respondent works in. The total row leaves out answers that a config rule keeps out of it.
    """
    answered = respondents[respondents["included"].astype(str).str.lower().eq("true")
                           & respondents["single_type"].notna() & respondents["single_type_value"].notna()]
    rows = []
    for area in areas:
        types = [s for s, setting in case_type_settings.items() if setting.get("area") == area]
        for slug in types:
            values = answered[answered["single_type"] == slug]["single_type_value"]
            rows.append({"area": area, "case_type": slug, **_figures(values, bin_width, min_share)})
        in_total = answered[answered["single_type"].isin(types)
                            & answered["single_type_in_total"].astype(str).str.lower().eq("true")]
        rows.append({"area": area, "case_type": TOTAL,
                     **_figures(in_total["single_type_value"], bin_width, min_share)})
    return pd.DataFrame(rows, columns=["area", "case_type", *FIGURES])  # a header even without rows


def coordination_table(respondents: pd.DataFrame, areas, kinds, bin_width: int, min_share: float) -> pd.DataFrame:
    """Per area: coordinating yes / no / don't know, and the coordination cases of each kind."""
    rows = []
    base = respondents[respondents["included"].astype(str).str.lower().eq("true")]
    for area in areas:
        people = base[base["area"] == area]
        for level in ANSWER_LEVELS:
            rows.append({"area": area, "kind": level, "n": int((people["coordinating"] == level).sum())})
        coordinating = people[people["coordinating"] == "yes"]
        for kind in kinds:
            values = coordinating[f"coordination_{kind}"].dropna()
            values = values[values > 0]
            rows.append({"area": area, "kind": kind, **_figures(values, bin_width, min_share)})
    return pd.DataFrame(rows, columns=["area", "kind", *FIGURES])  # a header even without rows


def admin_help_table(respondents: pd.DataFrame) -> pd.DataFrame:
    """Administrative help (ja / nej / ved ikke) over all respondents in the base."""
    base = respondents[respondents["included"].astype(str).str.lower().eq("true")]
    counts = [int((base["admin_help"] == level).sum()) for level in ANSWER_LEVELS]
    return pd.DataFrame({"answer": ANSWER_LEVELS, "n": counts,
                         "pct": [percent_half_up(c, len(base)) for c in counts]})


def caseworker_tables(job) -> None:
    """Rule caseworker_tables: case types, single-type assessment, coordination and admin help."""
    respondents = read_csv(job.input.respondents, dtype={"respondent_id": str})
    case_types = read_csv(job.input.case_types, dtype={"respondent_id": str})
    p = job.params
    kinds = [c.removeprefix("coordination_") for c in respondents.columns if c.startswith("coordination_")]
    write_csv(case_type_table(case_types, p.areas, p.case_types, p.bin_width, p.main_range_share),
              job.output.case_types)
    write_csv(single_type_table(respondents, p.areas, p.case_types, p.bin_width, p.main_range_share),
              job.output.single_type)
    write_csv(coordination_table(respondents, p.areas, kinds, p.bin_width, p.main_range_share),
              job.output.coordination)
    write_csv(admin_help_table(respondents), job.output.admin_help)
