"""Rule breakdowns: each area's figures per group of a categorical column (config: breakdowns).

Per group x area: the answers, the mean, the main range, the share complying with DS' guideline
and the share rating the load too high, by the same functions as the area's own figures
(describe, compliance, the half-up percentage). Answers without a value in the column form the
group "uoplyst", so that the groups add up to the area's total. The table keeps every count:
hiding small groups is presentation (sagstal.render.privacy), done where the table is rendered.
"""

import pandas as pd

from ..core.binning import parse_bins
from ..core.files import read_csv, write_csv
from ..core.guidelines import compliance, guideline_in_force
from ..core.job import log
from ..core.rounding import percent_half_up
from .describe import describe

UNKNOWN_GROUP = "uoplyst"
BREAKDOWN_COLUMNS = ["breakdown", "group", "area", "n", "mean", "main_range", "main_range_share",
                     "guideline_max", "compliant_n", "compliant_pct", "n_assessed", "too_high_n", "too_high_pct", "within"]


def _within(chosen: pd.DataFrame, others) -> str:
    """'region=nord': the groups of other breakdowns that hold all of these answers. Where every group
    of one breakdown lies within a group of another, the report's privacy rule protects the finer
    groups within their parent's printed n (sagstal.render.privacy.suppress_breakdowns)."""
    inside = []
    for other in others:
        values = chosen[other].astype("string").fillna(UNKNOWN_GROUP).unique()
        if len(values) == 1:
            inside.append(f"{other}={values[0]}")
    return ";".join(inside)


def group_figures(answers: pd.DataFrame, bins, guideline, main_range_share: float) -> dict:
    """n, mean, main range, compliance and the share "for højt" of one group's answers in one area."""
    current = answers.loc[answers["current"].notna(), "current"].astype(float)
    now = describe(current, bins, main_range_share)
    assessed = answers["assessment"].dropna()
    too_high = int((assessed == "too_high").sum())
    return {"n": now["n"], "mean": now["mean"], "main_range": now["main_range"],
            "main_range_share": now["main_range_share"], "guideline_max": guideline.maximum if guideline else None,
            **{k: v for k, v in compliance(current, guideline).items() if k in ("compliant_n", "compliant_pct")},
            "n_assessed": len(assessed), "too_high_n": too_high,
            "too_high_pct": percent_half_up(too_high, len(assessed))}


def breakdown_table(answers: pd.DataFrame, column: str, areas: dict, guidelines: dict, fieldwork,
                    main_range_share: float, others=()) -> pd.DataFrame:
    """One row per group x area with an answer; empty where no answer has a value in `column`.
    `within` names the groups of the `others` breakdowns that hold all of a group's answers."""
    if answers[column].isna().all():
        return pd.DataFrame(columns=BREAKDOWN_COLUMNS)
    groups = answers[column].astype("string").fillna(UNKNOWN_GROUP)
    bins = {area: parse_bins(settings["bins_current"]) for area, settings in areas.items()}
    # the answers split by area and group once: a mask per group costs groups x answers
    split = dict(tuple(answers.groupby([answers["area"], groups], sort=False)))
    rows = []
    for area in areas:
        guideline = guideline_in_force(guidelines.get(area), fieldwork)
        for group in sorted(g for a, g in split if a == area):
            chosen = split[(area, group)]
            rows.append({"breakdown": column, "group": group, "area": area,
                         **group_figures(chosen, bins[area], guideline, main_range_share),
                         "within": _within(chosen, others)})
    return pd.DataFrame(rows, columns=BREAKDOWN_COLUMNS)


def looked_up(answers: pd.DataFrame, lookup: dict, table: pd.DataFrame, where: str) -> pd.Series:
    """Each answer's group from a reference table (config: breakdowns.<name>.lookup): its `key`
    column looked up in the table's `value` column. A key the table lacks is a config error."""
    for column, frame, name in ((lookup["key"], answers, "the answers"), (lookup["key"], table, where),
                                (lookup["value"], table, where)):
        if column not in frame.columns:
            raise ValueError(f"config.yaml breakdowns lookup: {column!r} is not a column of {name}")
    groups = dict(zip(table[lookup["key"]].astype(str), table[lookup["value"]].astype(str)))
    keys = answers[lookup["key"]].astype("string")
    missing = sorted(set(keys.dropna()) - set(groups))
    if missing:
        raise ValueError(f"{where}: no {lookup['value']!r} for {len(missing)} {lookup['key']} value(s) of the answers, "
                         f"e.g. {', '.join(missing[:3])}; add them to the table")
    return keys.map(groups)


def breakdowns(job) -> None:
    """Rule breakdowns: breakdowns.csv, every configured breakdown's groups x areas."""
    p = job.params
    columns = list(p.breakdowns)
    answers = read_csv(job.input.answers, dtype={"respondent_id": str, "municipality": str,
                                                  **{c: str for c in columns}})
    lookup_files = dict(zip([b["lookup"]["table"] for b in p.breakdowns.values() if b.get("lookup")],
                            job.input.lookups))
    for column, setting in p.breakdowns.items():
        if setting.get("lookup"):
            path = lookup_files[setting["lookup"]["table"]]
            answers[column] = looked_up(answers, setting["lookup"], read_csv(path, dtype=str), path)
    unknown = [c for c in columns if c not in answers.columns]
    if unknown:
        raise ValueError(f"config.yaml breakdowns: {', '.join(unknown)} is not a column of {job.input.answers} "
                         f"(its columns: {', '.join(answers.columns)}); or give a lookup")
    tables = []
    for column in columns:
        table = breakdown_table(answers, column, p.areas, p.guidelines, p.fieldwork, p.main_range_share,
                                [c for c in columns if c != column])
        if table.empty:
            log.warning("breakdown by %s: no answer has a value in that column; the breakdown is empty", column)
        tables.append(table)
    write_csv(pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=BREAKDOWN_COLUMNS),
              job.output.breakdowns)
