"""A synthetic wave N times the size of the 2023 wave, with the same areas and answer distributions.

Each respondent of the reconstructed 2023 export is repeated N times with new ids, so every
distribution (and every published figure) stays exactly the same; only the volume grows.
"""

import argparse
from pathlib import Path

import pandas as pd
import pyreadstat


def scaled_export(source: Path, factor: int) -> tuple[pd.DataFrame, dict, dict]:
    frame, meta = pyreadstat.read_sav(str(source))
    copies = []
    for copy in range(factor):
        part = frame.copy()
        part["RespondentID"] = [f"{copy:04d}-{rid}" for rid in part["RespondentID"]]
        copies.append(part)
    return pd.concat(copies, ignore_index=True), meta.column_names_to_labels, meta.variable_value_labels


# The figures that must not change when every answer is repeated N times (counts scale by N).
SAME = ["mean_current", "min_current", "max_current", "main_range_current", "main_range_current_share",
        "mean_suggested", "min_suggested", "max_suggested", "main_range_suggested", "main_range_suggested_share",
        "too_high_pct", "about_right_pct", "too_low_pct", "guideline_min", "guideline_max", "compliant_pct",
        "noncompliant_pct"]
SCALED = ["n_current", "n_suggested", "n_assessed", "too_high_n", "compliant_n", "caps_n"]


def same_figures(one, many, factor: int) -> list[str]:
    """Where the N-times wave's (area_stats, bins, assessments) differ from the original's: []
    when every mean, share, main range, bin percentage and compliance figure is the same and
    every count is N times the original's."""
    stats_1, bins_1, levels_1 = (t.reset_index(drop=True) for t in one)
    stats_n, bins_n, levels_n = (t.reset_index(drop=True) for t in many)
    problems = []
    for i, area in enumerate(stats_1["area"]):
        for column in SAME:
            a, b = stats_1.loc[i, column], stats_n.loc[i, column]
            if not (pd.isna(a) and pd.isna(b)) and a != b:
                problems.append(f"{area}: {column} differs")
        for column in SCALED:
            a, b = stats_1.loc[i, column], stats_n.loc[i, column]
            if not (pd.isna(a) and pd.isna(b)) and a * factor != b:
                problems.append(f"{area}: {column} is not {factor} times")
    if not bins_1["percent"].equals(bins_n["percent"]) or not (bins_1["count"] * factor).equals(bins_n["count"]):
        problems.append("bins differ")
    if not levels_1["pct"].equals(levels_n["pct"]):
        problems.append("assessment shares differ")
    return problems


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--factor", type=int, required=True)
    parser.add_argument("--source", type=Path, default=Path("data/raw/2023/sagstal-2023.sav"))
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args(argv)
    frame, labels, value_labels = scaled_export(args.source, args.factor)
    pyreadstat.write_sav(frame, str(args.output), column_labels=labels, variable_value_labels=value_labels)
    print(f"wrote {args.output}: {len(frame)} rows")


if __name__ == "__main__":
    main()
