"""Rule changes: each area's trend over the survey waves and its change since the previous one.

A wave's figures come from its computed outputs where the pipeline has its answers ("beregnet"),
and from the list of earlier reports' means (history.csv) only where it has not ("publiceret"):
adding a wave to config.yaml updates every later wave's trend with no edit to history.csv. Which area of an earlier
wave an area continues is config's `area_lineage` (renamed, split or merged areas), else the area
of the same name.

The change since the previous comparable wave is tested on both waves' answers where both have
them (bootstrap interval of the difference of means, Newcombe intervals of the differences of
shares; "tydelig ændring" only when the interval excludes 0), and otherwise by whether the
earlier mean lies outside this wave's interval.
"""

import pandas as pd

from ..core.files import read_csv, write_csv
from .precision import bootstrap_difference, clear_change, excludes_zero, newcombe
from .wave_tables import OVERALL

COMPUTED, PUBLISHED = "beregnet", "publiceret"
BASIS_ANSWERS, BASIS_PUBLISHED = "svar", "publiceret gennemsnit"
TREND_COLUMNS = ["area", "year", "source", "from_area", "comparable", "note", "n", "mean", "mean_one_decimal",
                 "ci_low", "ci_high", "compliant_n", "compliant_pct", "too_high_n", "n_assessed", "too_high_pct"]
CHANGE_COLUMNS = [
    "area", "year", "previous_year", "previous_source", "basis", "mean_previous", "mean_current", "mean_change",
    "mean_diff", "mean_diff_ci_low", "mean_diff_ci_high", "change_is_clear",
    "compliant_pct_previous", "compliant_pct_current", "compliant_diff", "compliant_diff_ci_low",
    "compliant_diff_ci_high", "compliant_change_is_clear",
    "too_high_pct_previous", "too_high_pct_current", "too_high_diff", "too_high_diff_ci_low",
    "too_high_diff_ci_high", "too_high_change_is_clear",
]


def counterpart(lineage: dict, area: str, wave: str, wave_areas) -> dict | None:
    """{area, comparable, note}: what `area` was in an earlier `wave`, by config's area_lineage
    (null: no counterpart), else the area of the same name if that wave has one."""
    entries = lineage.get(area) or {}
    if wave in entries:
        entry = entries[wave]
        if entry is None:
            return None
        return {"area": entry["area"], "comparable": entry.get("comparable", True), "note": entry.get("note", "")}
    return {"area": area, "comparable": True, "note": ""} if area in set(wave_areas) else None


def _computed_point(stats: dict, area: str, year: str, origin: dict) -> dict:
    return {"area": area, "year": year, "source": COMPUTED, "from_area": origin["area"],
            "comparable": origin["comparable"], "note": origin["note"], "n": stats["n_current"],
            "mean": stats["mean_current"], "mean_one_decimal": stats["mean_current_one_decimal"],
            "ci_low": stats["mean_current_ci_low"], "ci_high": stats["mean_current_ci_high"],
            "compliant_n": stats["compliant_n"], "compliant_pct": stats["compliant_pct"],
            "too_high_n": stats["too_high_n"], "n_assessed": stats["n_assessed"], "too_high_pct": stats["too_high_pct"]}


def trend_table(wave: str, area_stats: pd.DataFrame, earlier: dict, history: pd.DataFrame, lineage: dict) -> pd.DataFrame:
    """Every area's points over the waves up to this one: earlier: {wave: its area_stats}."""
    now = area_stats.set_index("area", drop=False)
    rows = []
    for area in now.index:
        covered = set()
        for year, stats in earlier.items():
            origin = counterpart(lineage, area, year, stats["area"])
            if origin is None:
                continue
            found = stats[stats["area"] == origin["area"]]
            if len(found):
                rows.append(_computed_point(found.iloc[0].to_dict(), area, year, origin))
                covered.add(year)
        printed = history[(history["area"] == area) & (history["year"].astype(str) < wave)]
        rows += [{"area": area, "year": str(r.year), "source": PUBLISHED, "from_area": area, "comparable": True,
                  "note": r.source, "mean": r.mean} for r in printed.itertuples() if str(r.year) not in covered]
        rows.append(_computed_point(now.loc[area].to_dict(), area, wave, {"area": area, "comparable": True, "note": ""}))
    table = pd.DataFrame(rows, columns=TREND_COLUMNS)
    return table.sort_values(["area", "year"], kind="stable").reset_index(drop=True)


def _values(answers: pd.DataFrame, area: str) -> pd.Series:
    """The current caseloads the area's mean is of (as area_stats computes it)."""
    return answers.loc[(answers["area"] == area) & answers["current"].notna(), "current"].astype(float)


def _known(value):
    return None if value is None or pd.isna(value) else value


def _share_change(previous: dict, current: dict, count: str, base: str, pct: str, confidence: float) -> dict:
    """A share's change between two waves with its Newcombe interval; none where a side lacks it."""
    if not all(_known(side.get(count)) is not None and _known(side.get(base)) for side in (previous, current)):
        return {"previous": _known(previous.get(pct)), "current": _known(current.get(pct)),
                "diff": None, "low": None, "high": None, "clear": None}
    diff, low, high = newcombe(int(previous[count]), int(previous[base]), int(current[count]), int(current[base]),
                               confidence)
    return {"previous": previous[pct], "current": current[pct], "diff": diff, "low": low, "high": high,
            "clear": excludes_zero(low, high)}


def change_row(trend: pd.DataFrame, area: str, wave: str, answers: dict, precision: dict) -> dict | None:
    """The change of one area since its latest comparable earlier point; answers: {wave: answers}."""
    points = trend[(trend["area"] == area) & trend["comparable"].astype(bool)]
    current = points[points["year"] == wave]
    previous = points[points["year"] < wave]
    if current.empty or previous.empty or pd.isna(current.iloc[0]["mean"]):
        return None
    now, before = current.iloc[0].to_dict(), previous.iloc[-1].to_dict()
    row = {"area": area, "year": wave, "previous_year": before["year"], "previous_source": before["source"],
           "mean_previous": before["mean"], "mean_current": now["mean"], "mean_change": now["mean"] - before["mean"]}
    if before["source"] == COMPUTED:
        mean_diff, low, high = bootstrap_difference(_values(answers[before["year"]], before["from_area"]),
                                                    _values(answers[wave], area), precision["seed"],
                                                    precision["resamples"], precision["confidence"])
        row |= {"basis": BASIS_ANSWERS, "mean_diff": mean_diff, "mean_diff_ci_low": low, "mean_diff_ci_high": high,
                "change_is_clear": excludes_zero(low, high)}
        shares = {"compliant": _share_change(before, now, "compliant_n", "n", "compliant_pct", precision["confidence"]),
                  "too_high": _share_change(before, now, "too_high_n", "n_assessed", "too_high_pct",
                                            precision["confidence"])}
        for name, change in shares.items():
            row |= {f"{name}_pct_previous": change["previous"], f"{name}_pct_current": change["current"],
                    f"{name}_diff": change["diff"], f"{name}_diff_ci_low": change["low"],
                    f"{name}_diff_ci_high": change["high"], f"{name}_change_is_clear": change["clear"]}
    else:
        row |= {"basis": BASIS_PUBLISHED,
                "change_is_clear": clear_change(before["mean"], _known(now["ci_low"]), _known(now["ci_high"]))}
    return row


COMPLIANCE_TREND_COLUMNS = ["year", "source", "n_current", "compliant_n", "compliant_pct", "compliant_pct_ci_low",
                            "compliant_pct_ci_high", "note"]


def compliance_trend(wave: str, compliance: pd.DataFrame, earlier: dict, history: pd.DataFrame) -> pd.DataFrame:
    """Overall compliance per wave up to this one: computed (the `alle` row of each configured
    wave's compliance.csv, where it has a guideline) or from compliance_history.csv where not."""
    rows = []
    for year, table in [*earlier.items(), (wave, compliance)]:
        overall = table[(table["area"] == OVERALL) & (table["n_current"] > 0)]
        if len(overall):
            rows.append({**overall.iloc[0].to_dict(), "year": year, "source": COMPUTED, "note": ""})
    computed = {r["year"] for r in rows}
    rows += [{"year": str(r.year), "source": PUBLISHED, "compliant_pct": r.compliant_pct, "note": r.source}
             for r in history.itertuples() if str(r.year) < wave and str(r.year) not in computed]
    return pd.DataFrame(rows, columns=COMPLIANCE_TREND_COLUMNS).sort_values("year", kind="stable").reset_index(drop=True)


def changes_table(trend: pd.DataFrame, wave: str, answers: dict, precision: dict) -> pd.DataFrame:
    rows = [change_row(trend, area, wave, answers, precision) for area in trend["area"].unique()]
    return pd.DataFrame([r for r in rows if r], columns=CHANGE_COLUMNS)


class AnswersByWave(dict):
    """{wave: its answers.csv}, each read when a change first needs it: a change against a mean
    from history.csv needs no answers, and a large wave's answers are the job's costliest read."""

    def __init__(self, paths: dict):
        super().__init__()
        self.paths = paths

    def __missing__(self, wave):
        self[wave] = read_csv(self.paths[wave], dtype={"respondent_id": str, "municipality": str})
        return self[wave]


def changes(job) -> None:
    """Rule changes: trend.csv, changes.csv and compliance_trend.csv of a wave, from its and the
    earlier waves' outputs."""
    p = job.params
    answers = AnswersByWave({**{str(w): path for w, path in zip(p.earlier_waves, job.input.earlier_answers)},
                             p.wave: job.input.answers})
    earlier = {str(w): read_csv(path) for w, path in zip(p.earlier_waves, job.input.earlier_area_stats)}
    trend = trend_table(p.wave, read_csv(job.input.area_stats), earlier, read_csv(job.input.history), p.lineage)
    write_csv(trend, job.output.trend)
    write_csv(changes_table(trend, p.wave, answers, p.precision), job.output.changes)
    earlier_compliance = {str(w): read_csv(path) for w, path in zip(p.earlier_waves, job.input.earlier_compliance)}
    write_csv(compliance_trend(p.wave, read_csv(job.input.compliance), earlier_compliance,
                               read_csv(job.input.compliance_history)), job.output.compliance_trend)
