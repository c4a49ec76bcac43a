"""One figure explained, from the processed tables only: `make explain WAVE=2023 FIGURE=sygedagpenge.mean_current`.

    python -m sagstal.tools.explain --wave 2023 sygedagpenge.mean_current

A figure is `<area>.<column>` of area_stats.csv, `summary.<area>.<column>` of summary.csv,
`compliance.<area>.<column>` of compliance.csv (area `alle`: all areas), or any `figure` of
reports/<wave>/audit.csv (`sygedagpenge.current.mean`, `summary.invited`). It prints the value as
computed (and the report's, where audit.csv has it: this tool reads the audit's output, never the
transcription of the report), the exact computation (sum, n, the fraction,
the rounding half up; the counts of a share; the bins and shares of a main range), the answers
behind it by distinct value (typed text, number used, how read, export rows), the area's ledger
entries with their reasons, the rule, script and function that compute it, and the audit status.
A name it does not know lists the near ones. Reads data/processed/ and reports/ only (no run).
"""

import argparse
import difflib
import sys
from fractions import Fraction
from pathlib import Path

import pandas as pd

from ..core.danish import shown
from ..core.files import read_csv
from ..core.rounding import exact, exact_mean, half_up
from ..core.yaml_file import YamlError, load_mapping
from ..stats.unusual import fences

PROCESSED, REPORTS = Path("data/processed"), Path("reports")
SHOWN = 12  # distinct answers or ledger entries shown before "… and N more"

# Where each table's figures are computed: (rule, script, function).
MADE_BY = {
    "area_stats": ("statistics", "workflow/scripts/statistics.py",
                   "sagstal.stats.area.area_figures (stats.describe.describe, core.rounding)"),
    "summary": ("statistics", "workflow/scripts/statistics.py", "sagstal.stats.wave_tables.summary_table"),
    "compliance": ("statistics", "workflow/scripts/statistics.py",
                   "sagstal.stats.wave_tables.compliance_table (core.guidelines.compliance)"),
    "audit": ("audit", "workflow/scripts/audit.py", "sagstal.audit.compare"),
}
# An audit figure's part after the area -> the area_stats column that computes it.
AUDIT_COLUMNS = {
    "n": "n_current", "n_municipalities": "n_municipalities", "caps.n": "caps_n", "caps.values": "caps_values",
    "summary_table.too_high_pct": "too_high_pct", "summary_table.suggested_mean": "mean_suggested",
    **{f"{q}.{s}": f"{s}_{q}" for q in ("current", "suggested") for s in ("mean", "min", "max", "main_range")},
    **{f"assessment.{level}.{s}": f"{level}_{s}" for level in ("too_high", "about_right", "too_low")
       for s in ("n", "pct")},
    **{f"compliance.{c}": c for c in ("compliant_n", "compliant_pct", "noncompliant_n", "noncompliant_pct")},
}


class UnknownFigure(Exception):
    pass


def _tables(wave: str) -> dict[str, pd.DataFrame]:
    folder = PROCESSED / wave
    if not (folder / "area_stats.csv").exists():
        raise UnknownFigure(f"wave {wave} has no processed tables ({folder}/area_stats.csv): run make report first")
    tables = {name: read_csv(folder / f"{name}.csv") for name in ("area_stats", "summary", "compliance")}
    audit = REPORTS / wave / "audit.csv"
    tables["audit"] = read_csv(audit, dtype=str, keep_default_na=False) if audit.exists() else None
    return tables


def figure_names(tables: dict) -> list[str]:
    names = [f"{r}.{c}" for r in tables["area_stats"]["area"] for c in tables["area_stats"].columns if c != "area"]
    for table in ("summary", "compliance"):
        frame = tables[table]
        names += [f"{table}.{r}.{c}" for r in frame["area"] for c in frame.columns if c != "area"]
    if tables["audit"] is not None:
        known = set(names)
        names += [f for f in tables["audit"]["figure"] if f not in known]
    return names


def resolve(name: str, tables: dict) -> tuple[str, str | None, str | None, dict | None]:
    """(table, area, column, audit row) of a figure name; UnknownFigure lists the near names."""
    audit = tables["audit"]
    area, _, rest = name.partition(".")
    audited = [name] + [f"{area}.{part}" for part, column in AUDIT_COLUMNS.items() if column == rest]
    rows = audit[audit["figure"].isin(audited)] if audit is not None else []
    audit_row = rows.iloc[0].to_dict() if len(rows) else None
    stats = tables["area_stats"]
    if area in ("summary", "compliance"):
        frame = tables[area]
        inner_area, _, column = rest.partition(".")
        if inner_area in set(frame["area"]) and column in frame.columns:
            return area, inner_area, column, audit_row
    elif area in set(stats["area"]):
        column = rest if rest in stats.columns else AUDIT_COLUMNS.get(rest)
        if column:
            return "area_stats", area, column, audit_row
    if audit_row is not None:
        return "audit", area, None, audit_row
    names = figure_names(tables)
    near = difflib.get_close_matches(name, names, n=8, cutoff=0.6)
    raise UnknownFigure(f"no figure {name!r} in wave's tables" + (
        ": did you mean\n" + "\n".join(f"  {n}" for n in near) if near else
        f" (figures are <area>.<column> of area_stats.csv, summary.<area>.<column>, compliance.<area>.<column>, "
        f"or a figure of audit.csv; e.g. {names[0]})"))


def _fraction(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}" if value.denominator != 1 else str(value.numerator)


def answers_lines(answers: pd.DataFrame, question: str) -> list[str]:
    """The answers behind a figure by distinct number used: how many, typed as, how read, export rows.
    Where there are many, the lowest and the highest (where a stray "200" is), and each extreme
    answer marked by the review page's rule (stats.unusual.fences)."""
    used = answers[answers[question].notna()]
    lines = [f"answers behind it ({len(used)}, by the number used):"]
    groups = list(used.groupby(used[question].astype(float), sort=True))
    limits = fences(used[question].astype(float).tolist())
    half = SHOWN // 2
    shown_groups = groups if len(groups) <= SHOWN else [*groups[:half], None, *groups[-half:]]
    for item in shown_groups:
        if item is None:
            lines.append(f"  … {len(groups) - 2 * half} more distinct values between "
                         "(data/processed/<wave>/answers.csv) …")
            continue
        value, group = item
        typed = ", ".join(f"«{t}»" for t in list(dict.fromkeys(group[f"{question}_raw"].astype(str)))[:3]) \
            if f"{question}_raw" in group else ""
        how = ", ".join(dict.fromkeys(group[f"{question}_method"].astype(str))) if f"{question}_method" in group else ""
        rows = ", ".join(map(str, group["source_row"].tolist()[:6])) + (", …" if len(group) > 6 else "")
        factors = group["full_time_factor"].astype(float) if "full_time_factor" in group else pd.Series(dtype=float)
        part_time = f"; converted to full time (× {', '.join(map(shown, sorted(set(factors[factors != 1]))))})" \
            if (factors != 1).any() and question == "current" else ""
        extreme = "   <- extreme (outside the quartiles ± 3 × IQR: see gennemsyn.html)" \
            if limits and not limits[0] <= exact(value) <= limits[1] else ""
        lines.append(f"  {shown(value):>7} × {len(group):<3} typed {typed}; read as {how}{part_time}; "
                     f"export rows {rows}{extreme}")
    if question == "current" and "full_time_factor" in used:
        converted = int((used["full_time_factor"].astype(float) != 1).sum())
        if converted:
            lines.append(f"  {converted} of the {len(used)} answers converted to full time (caseload × standard "
                         "hours / weekly hours)")
    if limits:
        values = used[question].astype(float)
        kept = [v for v in values if limits[0] <= exact(v) <= limits[1]]
        if len(kept) < len(values) and kept:
            lines.append(f"  mean with the extreme answers {float(exact_mean(values)):.1f}, "
                         f"without them {float(exact_mean(kept)):.1f}")
    return lines


def computation_lines(column: str, row: dict, answers: pd.DataFrame, bins: pd.DataFrame, min_share) -> list[str]:
    """How the area_stats value follows from the answers, step by step, checked against the table."""
    question = "suggested" if "suggested" in column else "current"
    values = answers[question].dropna().astype(float)
    if column in (f"mean_{question}", "mean_current_one_decimal"):
        total = sum(exact(v) for v in values)
        mean = total / len(values) if len(values) else None
        if mean is None:
            return ["no answers: no mean"]
        lines = [f"sum of the {question} answers = {shown(float(total))}", f"n = {len(values)}",
                 f"mean = {shown(float(total))} / {len(values)} = {float(mean):.4f}"
                 + (f" (exactly {_fraction(mean)})" if mean.denominator < 10_000 else "")]
        lines.append(f"rounded half up = {half_up(mean)}" if column != "mean_current_one_decimal"
                     else f"to one decimal, half up = {half_up(mean * 10) / 10}")
        return lines
    if column == f"n_{question}":
        return [f"n = the answers with a {question} caseload = {len(values)}"]
    if column in (f"min_{question}", f"max_{question}"):
        return [f"{column[:3]} of the {len(values)} {question} answers = {shown(getattr(values, column[:3])())}"]
    if column.startswith("main_range") and not column.endswith("share"):
        own = bins[bins["question"] == question]
        total = int(own["count"].sum())  # every row, the "under"/"over" rows included: all answers
        least = f"{min_share:.0%}" if min_share is not None else "main_range.min_share (config.yaml)"
        lines = [f"the main range: the narrowest run of adjacent rows (the \"under\"/\"over\" rows included) "
                 f"holding at least {least} of all {total} answers (ties: more answers, then the lower run)", "rows:"]
        lines += [f"  {r.interval:>8}  {int(r['count']):>4}  {shown(r.percent)} %" for _, r in own.iterrows()]
        lines.append(f"chosen: {shown(row[column])}, holding {shown(row.get(column + '_share'))} % of the answers")
        return lines
    for level in ("too_high", "about_right", "too_low"):
        if column == f"{level}_n":
            return [f"answers assessing the load as {level} = {int(row[column])} of n_assessed = {int(row['n_assessed'])}"]
        if column == f"{level}_pct":
            count, base = int(row[f"{level}_n"]), int(row["n_assessed"])
            return [f"share = {count}/{base} = {100 * count / base:.4f} %" if base else "no assessments",
                    f"rounded half up = {half_up(Fraction(100 * count, base))}" if base else ""]
    if column in ("compliant_n", "noncompliant_n", "compliant_pct", "noncompliant_pct"):
        if pd.isna(row["guideline_max"]):
            return ["the area has no guideline caseload in force at fieldwork: no compliance"]
        maximum = float(row["guideline_max"])
        within = int((values <= maximum).sum())
        count = within if column.startswith("compliant") else len(values) - within
        lines = [f"answers at or below the guideline's maximum {shown(maximum)} = {within} of n = {len(values)}"]
        if column.endswith("_pct"):
            lines.append(f"share = {count}/{len(values)} = {100 * count / len(values):.4f} %, rounded half up = "
                         f"{half_up(Fraction(100 * count, len(values)))}")
        return lines
    return [f"{column} = {shown(row[column])} (area_stats.csv; see the function below for how)"]


def ledger_lines(ledger: pd.DataFrame, area: str) -> list[str]:
    own = ledger[ledger["area"] == area]
    lines = [f"ledger entries of {area} (exclusions.csv): {len(own)}"]
    for (scope, column, reason), group in own.groupby(["scope", "column", "reason"], dropna=False, sort=False):
        rows = ", ".join(map(str, group["source_row"].tolist()[:8])) + (", …" if len(group) > 8 else "")
        lines.append(f"  {len(group):>4} × {scope}, column {shown(column)}: {reason} (export rows {rows})")
    return lines


def explain(wave: str, name: str) -> list[str]:
    tables = _tables(wave)
    table, area, column, audit_row = resolve(name, tables)
    lines = [f"{name} (wave {wave})"]
    row = None
    if column is not None:
        frame = tables[table]
        row = frame[frame["area"] == area].iloc[0].to_dict()
        lines.append(f"  computed: {shown(row[column])}   ({table}.csv, area {area}, column {column})")
    if audit_row is not None:
        lines.append(f"  published: {shown(audit_row['published'])}   audit ({audit_row['figure']}): computed "
                     f"{shown(audit_row['computed'])}, "
                     f"status {audit_row['status']}" + (f" ({audit_row['explanation']})" if audit_row["explanation"] else ""))
    elif tables["audit"] is not None:
        lines.append("  published: not in the audit (audit.csv has no such figure)")
    else:
        lines.append("  published: wave has no published report to compare with")
    if table == "area_stats":
        folder = PROCESSED / wave
        answers = read_csv(folder / "answers.csv", dtype={"current_raw": str, "suggested_raw": str})
        answers = answers[answers["area"] == area]
        bins = read_csv(folder / "bins.csv")
        lines += ["", "how:"] + [f"  {line}" for line in computation_lines(
            column, row, answers, bins[bins["area"] == area], _main_range_share()) if line]
        question = "suggested" if "suggested" in column else "current"
        if question in answers:
            lines += [""] + answers_lines(answers, question)
        lines += [""] + ledger_lines(read_csv(folder / "exclusions.csv", dtype=str, keep_default_na=False), area)
    rule, script, function = MADE_BY[table]
    lines += ["", f"made by rule {rule} (workflow/rules/*.smk), script {script}, function {function}",
              f"rerun it alone: .venv/bin/snakemake --cores 1 --forcerun {rule} -- "
              + (f"reports/{wave}/audit.csv" if table == "audit" else f"data/processed/{wave}/{table}.csv")]
    return lines


def _main_range_share() -> float | None:
    """config.yaml's main_range.min_share: the one setting behind a figure no table records."""
    try:
        return float(load_mapping("config.yaml")["main_range"]["min_share"])
    except (YamlError, KeyError, TypeError, ValueError):
        return None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wave", required=True)
    parser.add_argument("figure")
    args = parser.parse_args(argv)
    try:
        print("\n".join(explain(args.wave, args.figure)))
    except UnknownFigure as error:
        print(f"sagstal explain: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
