"""Guideline what-ifs: compliance of the same answers under other named sets of guidelines,
and the staff the non-complying workplaces would need."""

import pandas as pd

from ..core.files import read_csv, write_csv
from ..core.guidelines import Guideline, compliance, guideline_in_force
from ..core.rounding import half_up, percent_half_up
from .staffing import workplace_needs

OVERALL = "alle"
COMMON = "faelles"  # the areas with a guideline in every set


def guideline_set(settings: dict, guidelines: dict, fieldwork, areas) -> dict:
    """{area: Guideline or None} for one named set: explicit ranges, others as in force at fieldwork."""
    in_force = {a: guideline_in_force(guidelines.get(a), fieldwork) for a in areas}
    chosen = {}
    for area in areas:
        text = (settings.get("ranges") or {}).get(area)
        if text:
            low, high = (float(x) for x in str(text).split("-"))
            chosen[area] = Guideline(low, high, in_force[area].effective if in_force[area] else None)
        else:
            chosen[area] = in_force[area]
    return chosen


def _overall(name: str, area: str, rows: list[dict]) -> dict:
    n = sum(r["n"] for r in rows)
    ok = sum(r["compliant_n"] for r in rows)
    return {"set": name, "area": area, "guideline": None, "n": n, "compliant_n": ok,
            "compliant_pct": percent_half_up(ok, n), "noncompliant_n": n - ok,
            "noncompliant_pct": percent_half_up(n - ok, n)}


def scenario_table(answers: pd.DataFrame, sets: dict, guidelines: dict, fieldwork, areas) -> pd.DataFrame:
    """Compliance per area and overall under each named guideline set.

    Two overall rows per set: `alle`, over the areas the set gives a guideline, and `faelles`,
    over the areas every set gives one, so that sets can be compared on the same answers.
    """
    chosen = {name: guideline_set(settings, guidelines, fieldwork, areas) for name, settings in sets.items()}
    common = [a for a in areas if all(chosen[name][a] for name in sets)]
    rows = []
    for name in sets:
        per_area = []
        for area in areas:
            values = answers.loc[(answers["area"] == area) & answers["current"].notna(), "current"].astype(float)
            g = chosen[name][area]
            per_area.append({"set": name, "area": area, "guideline": g.label if g else None, "n": len(values),
                             **compliance(values, g)})
        rows += per_area
        rows.append(_overall(name, OVERALL, [r for r in per_area if r["guideline"]]))
        rows.append(_overall(name, COMMON, [r for r in per_area if r["area"] in common]))
    return pd.DataFrame(rows)


STAFFING_COLUMNS = ["set", "area", "guideline", "target", "target_caseload", "answers", "above_target",
                    "mean_extra_pct", "median_extra_pct", "over_10_pct", "over_25_pct"]


def staffing_table(answers: pd.DataFrame, sets: dict, guidelines: dict, fieldwork, areas) -> pd.DataFrame:
    """Per guideline set and area with a guideline: extra staff needed to reach its maximum and midpoint."""
    rows = []
    for name, settings in sets.items():
        for area, g in guideline_set(settings, guidelines, fieldwork, areas).items():
            if g is None:
                continue
            values = answers.loc[(answers["area"] == area) & answers["current"].notna(), "current"].astype(float)
            for target_name, target in (("maximum", g.maximum), ("midpoint", (g.minimum + g.maximum) / 2)):
                rows.append({"set": name, "area": area, "guideline": g.label, "target": target_name,
                             "target_caseload": half_up(target) if target_name == "midpoint" else target,
                             **workplace_needs(values, target)})
    return pd.DataFrame(rows, columns=STAFFING_COLUMNS)


def guideline_sets(job) -> None:
    """Rule guideline_sets: compliance and staffing of the same answers under each named guideline set."""
    answers = read_csv(job.input.answers, dtype={"respondent_id": str})
    p = job.params
    write_csv(scenario_table(answers, p.sets, p.guidelines, p.fieldwork, p.areas), job.output.scenarios)
    write_csv(staffing_table(answers, p.sets, p.guidelines, p.fieldwork, p.areas), job.output.staffing)
