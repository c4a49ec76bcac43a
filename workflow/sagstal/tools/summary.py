"""What a run did, per wave, on screen: `make report` ends with it.

    python -m sagstal.tools.summary [WAVE ...]          # default: every wave in data/processed/

Rows read, used and excluded (by reason), the quality gate (checks passed, warnings), the
export the figures come from (checksum, date), and how many areas changed clearly since the
previous wave: what an analyst checks before publishing; last, each wave's review page
(reports/<wave>/gennemsyn.html) with how many points need a decision. A wave
whose reports are marked as not rebuilt (after a failed run) is named as such.
"""

import argparse
import sys
from pathlib import Path

from ..core.files import read_csv
from ..core.job import NOT_BUILT, REPORTS
from ..render.review import headline

PROCESSED = Path("data/processed")


def wave_summary(wave: str) -> list[str]:
    folder = PROCESSED / wave
    if (REPORTS / wave / NOT_BUILT).exists():
        return [f"Wave {wave}: NOT REBUILT, see {REPORTS / wave / NOT_BUILT}; its reports must not be used."]
    if not (folder / "run_summary.csv").exists():
        return [f"Wave {wave}: not built yet."]
    source = read_csv(folder / "source.csv").iloc[0]
    run = read_csv(folder / "run_summary.csv", keep_default_na=False)
    quality = read_csv(folder / "quality.csv", keep_default_na=False)
    totals = run[run["reason"] == ""].set_index("measure")["count"]
    lines = [f"Wave {wave}: {source['export']} (sha256 {source['sha256'][:12]}…, {int(source['bytes']):,} bytes, "
             f"modified {source['modified']})",
             f"  rows read {totals['rows_read']} = used {totals['rows_used']} + excluded {totals['rows_excluded']}"]
    excluded = run[(run["reason"] != "") & run["measure"].isin(["rows_excluded", "cells_excluded", "flag_entries"])]
    lines += [f"    {r['count']:>5}  {r['measure'].replace('_', ' ')}: {r['reason']}" for _, r in excluded.iterrows()]
    passed = int((quality["status"] == "passed").sum())
    checks = int(quality["status"].isin(["passed", "failed"]).sum())
    warnings = quality[quality["status"] == "warning"]
    lines.append(f"  quality gate: {passed} of {checks} checks passed, {len(warnings)} warning(s)")
    lines += [f"    warning: {w['detail']}" for _, w in warnings.iterrows()]
    if (folder / "changes.csv").exists():
        lines += change_lines(read_csv(folder / "changes.csv", dtype={"previous_year": str}))
    return lines


def review_line(wave: str) -> str | None:
    """What the wave's review page says must be looked at before publishing, and where it is."""
    points = REPORTS / wave / "gennemsyn.csv"
    if (REPORTS / wave / NOT_BUILT).exists() or not points.exists():
        return None
    table = read_csv(points)
    still_open = table[table["blocking"].astype(str).eq("True") & ~table["state"].eq("godkendt")]
    return f"Gennemsyn {wave}: {headline(len(still_open))}: {points.with_suffix('.html')}"


def change_lines(changes) -> list[str]:
    """How many areas changed clearly since their previous comparable wave, and on what basis."""
    lines = []
    for (year, basis), group in changes.groupby(["previous_year", "basis"]):
        clear = int(group["change_is_clear"].astype(str).eq("True").sum())
        lines.append(f"  change in the mean since {year} ({basis}): clear in {clear} of {len(group)} area(s)")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("waves", nargs="*", help="waves to summarise (default: all in data/processed/)")
    args = parser.parse_args(argv)
    waves = args.waves or sorted(p.name for p in PROCESSED.iterdir() if p.is_dir()) if PROCESSED.is_dir() else []
    for wave in waves:
        print("\n".join(wave_summary(wave)))
    print("\n".join(filter(None, map(review_line, waves))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
