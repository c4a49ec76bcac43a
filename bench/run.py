"""Benchmark: measured on this machine, in one run, printed and written to bench/RESULTS.md.

    make bench                      # or: .venv/bin/python bench/run.py [--repeat 3] [--scales 10 100 1000]

Table 1, the shipped waves: a cold full build with Snakemake (--cores all) and with the
single-process reference runner (python -m sagstal.build_all), their ratio, a no-op rerun, and
a rebuild after changing one area's bins. Table 2, synthetic waves 10x, 100x and 1000x the 2023
wave (bench/scale.py): the full pipeline (ingest -> statistics -> rendering) with Snakemake,
wall time and peak memory, and the growth factor per 10x more data. Every build runs in a fresh
copy of the project under a temporary folder; medians of --repeat runs, with min and max.
Peak memory is the largest resident set of any single process of the build (getrusage of the
children), which is what must fit on the machine.
"""

import argparse
import datetime as dt
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
COPIED = ("Snakefile", "config.yaml", "environment.yml", "workflow", "data/raw", "data/reference")


def fresh_project(base: Path, name: str) -> Path:
    target = base / name
    for item in COPIED:
        source = ROOT / item
        (target / item).parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target / item, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / item)
    return target


def timed(command, cwd: Path) -> tuple[float, float]:
    """(seconds, peak MiB of the largest child process) of one command, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(map(str, command))}\n{result.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


SNAKEMAKE = [PYTHON, "-m", "snakemake", "--cores", "all", "--quiet", "all"]
REFERENCE = [PYTHON, "-m", "sagstal.build_all"]


def summary(values) -> str:
    return f"{statistics.median(values):.1f} (min {min(values):.1f}, max {max(values):.1f})"


def shipped_waves(base: Path, repeat: int) -> list[tuple[str, str]]:
    snake, reference, noop, one_area, peaks = [], [], [], [], []
    for i in range(repeat):
        project = fresh_project(base, f"snake{i}")
        seconds, peak = timed(SNAKEMAKE, project)
        snake.append(seconds)
        peaks.append(peak)
        noop.append(timed(SNAKEMAKE, project)[0])
        config = yaml.safe_load((project / "config.yaml").read_text(encoding="utf-8"))
        bins = config["waves"]["2023"]["areas"]["sygedagpenge"]["bins_current"]
        bins[-1] = "81-95" if bins[-1] != "81-95" else "81-90"
        (project / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                             encoding="utf-8")
        one_area.append(timed(SNAKEMAKE, project)[0])
        reference.append(timed(REFERENCE, fresh_project(base, f"ref{i}"))[0])
    ratio = [s / r for s, r in zip(snake, reference)]
    return [
        ("Cold full build, Snakemake --cores all (s)", summary(snake)),
        ("Cold full build, reference runner, one process (s)", summary(reference)),
        ("Ratio Snakemake / reference", summary(ratio)),
        ("No-op rerun, Snakemake (s)", summary(noop)),
        ("Rebuild after one area's bins changed (s)", summary(one_area)),
        ("Peak memory, largest process (MiB)", summary(peaks)),
    ]


def scaled_waves(base: Path, scales) -> list[tuple[str, str, str, str]]:
    rows, previous = [], None
    for factor in scales:
        project = fresh_project(base, f"x{factor}")
        export = project / "data/raw/2023/sagstal-2023.sav"
        subprocess.run([PYTHON, str(ROOT / "bench/scale.py"), "--factor", str(factor), "--source", str(export),
                        "--output", str(export)], check=True, capture_output=True)
        config = yaml.safe_load((project / "config.yaml").read_text(encoding="utf-8"))
        config["waves"] = {"2023": {k: v for k, v in config["waves"]["2023"].items() if k != "published"}}
        (project / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                             encoding="utf-8")
        seconds, peak = timed(SNAKEMAKE, project)
        growth = f"{seconds / previous:.1f}x" if previous else ""
        rows.append((f"{factor}x ({214 * factor:,} respondents)", f"{seconds:.1f}", f"{peak:.0f}", growth))
        previous = seconds
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scales", type=int, nargs="*", default=[10, 100, 1000])
    parser.add_argument("--output", type=Path, default=ROOT / "bench/RESULTS.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sagstal-bench-") as folder:
        first = shipped_waves(Path(folder), args.repeat)
        second = scaled_waves(Path(folder), args.scales)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        "# Benchmark results", "",
        f"Measured {dt.date.today().isoformat()} on {machine}, by `make bench` "
        f"(`bench/run.py --repeat {args.repeat}`); regenerate with the same command.", "",
        "## Shipped waves (2023 and 2015)", "", "| measure | median (min, max) |", "|---|---|",
        *[f"| {name} | {value} |" for name, value in first], "",
        "## Synthetic waves (the 2023 wave repeated), full pipeline with Snakemake", "",
        "| size | wall time (s) | peak memory, largest process (MiB) | growth vs previous size |",
        "|---|---:|---:|---:|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in second], "",
    ]
    text = "\n".join(lines)
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
