"""Benchmark: measured on this machine, in one run, printed and written to bench/RESULTS.md.

    make bench          # or: .venv/bin/python bench/run.py [--pairs 3] [--scales 10 100 1000] [--baseline REV]
                        #     [--redesign REV]

Table 1, the shipped waves, measured side by side in pairs (each build in a fresh copy of the
project): a cold full build with Snakemake (--cores all), the single-process reference
(`python -m sagstal.tools.reference`, the same DAG's jobs in one interpreter), and the reference
runner of the baseline commit (before the redesign, by default), with their ratios; then a no-op
rerun and a rebuild after one area's bins changed. The commit that completed the redesign (its
outputs the baseline's) is measured beside them too, reference and no-op: later issues added
outputs (Word documents, trends, breakdowns, the codebook), so the redesign's own speed-up is
read like for like there, and today's cost of the added outputs beside it. A workflow of one rule
gives the no-op floor: Snakemake's own start-up on the same machine. No-op reruns are measured
NOOP_RUNS times per pair, each beside the floor's and the redesign's, and the table gives what the
workflow adds to the floor run by run. Table 2, synthetic waves 10x, 100x and 1000x
the 2023 wave (bench/scale.py), full pipeline with Snakemake, with the growth per 10x more data.

Every measure is wall time, CPU seconds (user + system of the command and every process it
started) and peak memory (the largest resident set of any one of those processes), each taken by
a fresh helper process, so that one build's figures never mix with another's. A failing build
stops the benchmark with its error: a size that does not build is a result, not a gap.
"""

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import yaml
from scale import same_figures

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
COPIED = ("Snakefile", "config.yaml", "environment.yml", "profiles", "workflow", "data/raw", "data/reference")
BASELINE = "465a567"  # the last commit before the redesign into one DAG in layers (issue 12)
REDESIGN = "2461fc3"  # the redesign complete: the baseline's outputs, before later issues added more
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[2:], cwd=sys.argv[1], capture_output=True, text=True, env=json.loads(sys.stdin.read()))
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024,
                  "returncode": result.returncode, "stderr": result.stderr[-3000:]}))
"""


def fresh_project(source: Path, target: Path) -> Path:
    for item in COPIED:
        if not (source / item).exists():  # an older commit's tree (the baseline has no profiles/)
            continue
        (target / item).parent.mkdir(parents=True, exist_ok=True)
        if (source / item).is_dir():
            shutil.copytree(source / item, target / item, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source / item, target / item)
    return target


def measured(command, cwd: Path, pythonpath: Path | None = None) -> dict:
    """Wall, CPU and peak memory of one command, which must succeed."""
    env = dict(os.environ, PYTHONPATH=str(pythonpath)) if pythonpath else dict(os.environ)
    helper = subprocess.run([PYTHON, "-c", MEASURE, str(cwd), *map(str, command)], input=json.dumps(env),
                            capture_output=True, text=True, check=True)
    result = json.loads(helper.stdout)
    if result["returncode"] != 0:
        raise SystemExit(f"benchmark: FAILED in {cwd}: {' '.join(map(str, command))}\n{result['stderr']}")
    return result


SNAKEMAKE = [PYTHON, "-m", "snakemake", "--cores", "all", "--quiet", "all"]
REFERENCE = [PYTHON, "-m", "sagstal.tools.reference"]
BASELINE_REFERENCE = [PYTHON, "-m", "sagstal.build_all"]


def spread(values, unit="") -> str:
    return f"{statistics.median(values):.2f}{unit} (min {min(values):.2f}, max {max(values):.2f})"


def commit_tree(base: Path, revision: str, name: str) -> Path | None:
    """An earlier commit's files, or None (with the reason printed) where they cannot be had."""
    tree = base / name
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], capture_output=True)
    if archive.returncode != 0:
        print(f"benchmark: {name} {revision} not measured: {archive.stderr.decode().strip()}", file=sys.stderr)
        return None
    tree.mkdir()
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def baseline_tree(base: Path, revision: str) -> Path | None:
    """The baseline commit's files, or None (with the reason printed) where it cannot run here."""
    tree = commit_tree(base, revision, "baseline")
    probe = subprocess.run([PYTHON, "-c", "import scipy"], capture_output=True)
    if tree and probe.returncode != 0:
        print("benchmark: the baseline needs scipy (pip install scipy==1.17.1); not measured", file=sys.stderr)
        return None
    return tree


def change_bins(project: Path) -> None:
    config = yaml.safe_load((project / "config.yaml").read_text(encoding="utf-8"))
    bins = config["waves"]["2023"]["areas"]["sygedagpenge"]["bins_current"]
    bins[-1] = "81-95" if bins[-1] != "81-95" else "81-90"
    (project / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                         encoding="utf-8")


NOOP_RUNS = 5  # no-op reruns take 2 s and vary by a quarter on a shared machine: more runs, a steadier median
ONE_RULE = 'rule all:\n    output:\n        "done.txt",\n    shell:\n        "touch {output}"\n'


def one_rule_workflow(target: Path) -> Path:
    """A workflow of one rule: its no-op rerun is Snakemake's own start-up on this machine."""
    target.mkdir(parents=True, exist_ok=True)
    (target / "Snakefile").write_text(ONE_RULE, encoding="utf-8")
    return target


def shipped_waves(base: Path, pairs: int, baseline: Path | None,
                  redesign: Path | None = None) -> list[tuple[str, str, str, str]]:
    runs = {"snakemake": [], "reference": [], "baseline": [], "redesign": [], "noop": [], "redesign_noop": [],
            "floor": [], "bins": []}
    for i in range(pairs):
        project = fresh_project(ROOT, base / f"snake{i}")
        runs["snakemake"].append(measured(SNAKEMAKE, project))
        floor = one_rule_workflow(base / f"floor{i}")
        measured(SNAKEMAKE, floor)
        built = fresh_project(redesign, base / f"redesign-snake{i}") if redesign else None
        if built:
            measured(SNAKEMAKE, built)
        for _ in range(NOOP_RUNS):  # interleaved: a slow moment of the machine hits all of them alike
            runs["noop"].append(measured(SNAKEMAKE, project))
            runs["floor"].append(measured(SNAKEMAKE, floor))
            if built:
                runs["redesign_noop"].append(measured(SNAKEMAKE, built))
        change_bins(project)
        runs["bins"].append(measured(SNAKEMAKE, project))
        runs["reference"].append(measured(REFERENCE, fresh_project(ROOT, base / f"ref{i}"), ROOT / "workflow"))
        if baseline:
            runs["baseline"].append(measured(BASELINE_REFERENCE, fresh_project(baseline, base / f"old{i}"),
                                             baseline / "workflow"))
        if redesign:
            runs["redesign"].append(measured(REFERENCE, fresh_project(redesign, base / f"redesign{i}"),
                                             redesign / "workflow"))
    labels = {"snakemake": "Cold full build, Snakemake --cores all",
              "reference": "Cold full build, reference (`make reference`, one process)",
              "baseline": f"Cold full build, reference runner of the baseline ({BASELINE})",
              "redesign": f"Cold full build, reference at the end of the redesign ({REDESIGN}, the baseline's outputs)",
              "noop": f"No-op rerun, Snakemake ({NOOP_RUNS} runs per pair)",
              "redesign_noop": f"No-op rerun, Snakemake, at the end of the redesign ({REDESIGN}; {NOOP_RUNS} runs per pair)",
              "floor": "No-op rerun, Snakemake, a workflow of one rule (Snakemake's own start-up, for comparison)",
              "bins": "Rebuild after one area's bins changed, Snakemake"}
    rows = [(labels[name], spread([r["wall"] for r in found]), spread([r["cpu"] for r in found]),
             f"{max(r['peak_mib'] for r in found):.0f}") for name, found in runs.items() if found]
    added = [n["wall"] - f["wall"] for n, f in zip(runs["noop"], runs["floor"])]
    rows.append(("No-op rerun: what the workflow adds to Snakemake's start-up (wall, per run beside the "
                 "one-rule workflow)", spread(added), "", ""))
    ratio = [s["wall"] / r["wall"] for s, r in zip(runs["snakemake"], runs["reference"])]
    rows.append(("Ratio Snakemake / reference (wall, per pair)", spread(ratio, "x"), "", ""))
    if runs["baseline"]:
        speedup = [b["wall"] / r["wall"] for b, r in zip(runs["baseline"], runs["reference"])]
        rows.append(("Speed-up of the reference over the baseline's (wall, per pair)", spread(speedup, "x"), "", ""))
    if runs["baseline"] and runs["redesign"]:
        speedup = [b["wall"] / r["wall"] for b, r in zip(runs["baseline"], runs["redesign"])]
        rows.append((f"Speed-up of the redesign's reference ({REDESIGN}) over the baseline's, like for like "
                     "(wall, per pair)", spread(speedup, "x"), "", ""))
    return rows


def processed_figures(project: Path):
    folder = project / "data/processed/2023"
    return [pd.read_csv(folder / f"{name}.csv", encoding="utf-8-sig") for name in ("area_stats", "bins", "assessments")]


def scaled_waves(base: Path, scales, original) -> list[tuple[str, str, str, str, str]]:
    """Each size built with Snakemake, then checked against the 1x wave's figures (same_figures):
    a size that builds wrong figures fails the benchmark like one that does not build."""
    rows, previous = [], None
    for factor in scales:
        project = fresh_project(ROOT, base / f"x{factor}")
        export = project / "data/raw/2023/sagstal-2023.sav"
        subprocess.run([PYTHON, str(ROOT / "bench/scale.py"), "--factor", str(factor), "--source", str(export),
                        "--output", str(export)], check=True, capture_output=True)
        config = yaml.safe_load((project / "config.yaml").read_text(encoding="utf-8"))
        # no audit and no review decisions: the scaled wave is not the printed one, its points differ
        config["waves"] = {"2023": {k: v for k, v in config["waves"]["2023"].items() if k not in ("published", "review")}}
        (project / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                             encoding="utf-8")
        run = measured(SNAKEMAKE, project)
        problems = same_figures(original, processed_figures(project), factor)
        if problems:
            raise SystemExit(f"benchmark: FAILED: the {factor}x wave's figures differ from the 1x wave's: {problems[:5]}")
        growth = f"{run['wall'] / previous:.1f}x" if previous else ""
        rows.append((f"{factor}x ({217 * factor:,} rows)", f"{run['wall']:.1f}", f"{run['cpu']:.1f}",
                     f"{run['peak_mib']:.0f}", growth))
        previous = run["wall"]
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--scales", type=int, nargs="*", default=[10, 100, 1000])
    parser.add_argument("--baseline", default=BASELINE, help="commit whose reference runner is the baseline")
    parser.add_argument("--redesign", default=REDESIGN, help="commit that completed the redesign (same outputs)")
    parser.add_argument("--output", type=Path, default=ROOT / "bench/RESULTS.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sagstal-bench-") as folder:
        base = Path(folder)
        first = shipped_waves(base, args.pairs, baseline_tree(base, args.baseline),
                              commit_tree(base, args.redesign, "redesign"))
        second = scaled_waves(base, args.scales, processed_figures(base / "snake0"))
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        "# Benchmark results", "",
        f"Measured {dt.date.today().isoformat()} on {machine}, by `make bench` "
        f"(`bench/run.py --pairs {args.pairs}`), all in one run; regenerate with the same command.", "",
        "## Shipped waves (2023 and 2015), measured side by side", "",
        "| measure | wall time, s: median (min, max) | CPU time, s: median (min, max) | peak memory, MiB |",
        "|---|---|---|---:|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in first], "",
        "## Synthetic waves (the 2023 wave repeated), full pipeline with Snakemake", "",
        "Each size's means, shares, main ranges, bin percentages and compliance were checked equal to the 1x "
        "wave's (and its counts N times as large) before its time was recorded.", "",
        "| size | wall time (s) | CPU time (s) | peak memory, largest process (MiB) | growth vs previous size |",
        "|---|---:|---:|---:|---:|",
        *[f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in second], "",
    ]
    text = "\n".join(lines)
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
