"""make explain: every figure of the audit explained, its computed value the table's, the steps
adding up, and a misspelt name answered with the near ones."""

import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from sagstal.core.danish import shown
from sagstal.core.files import read_csv
from sagstal.tools import explain as explaining

pytestmark = pytest.mark.e2e


@pytest.fixture
def in_project(project, monkeypatch):
    """Explain in the built project, each table read once for the whole test (800 figures)."""
    monkeypatch.chdir(project)
    read = cache(lambda path, key: read_csv(path, **options_of[key]))
    options_of = {}

    def cached(path, **options):
        key = repr(sorted(options.items()))
        options_of[key] = options
        return read(str(path), key).copy()

    monkeypatch.setattr(explaining, "read_csv", cached)
    return project


def _computed(lines: list[str]) -> str | None:
    found = next((line for line in lines if line.strip().startswith("computed:")), None)
    return found.split("computed:")[1].split("(")[0].strip() if found else None


def test_every_audited_figure_of_2023_is_explained_with_the_tables_value(in_project):
    audit = read_csv(in_project / "reports/2023/audit.csv", dtype=str, keep_default_na=False)
    stats = read_csv(in_project / "data/processed/2023/area_stats.csv").set_index("area")
    tables, with_computation = explaining._tables("2023"), 0
    for figure, computed, status in audit[["figure", "computed", "status"]].itertuples(index=False):
        lines = explaining.explain("2023", figure)
        published = next(line for line in lines if line.strip().startswith("published:"))
        assert f"computed {computed or '–'}," in published and f"status {status}" in published, figure
        table, area, column, _ = explaining.resolve(figure, tables)
        if table == "area_stats":
            assert _computed(lines) == shown(stats.loc[area, column]), figure
            with_computation += 1
    assert with_computation > 250  # means, ranges, shares, counts of every area, not the audit's word alone


def test_a_mean_is_the_sum_over_n_rounded_half_up(in_project):
    lines = explaining.explain("2023", "sygedagpenge.mean_current")
    answers = read_csv(in_project / "data/processed/2023/answers.csv")
    current = answers.loc[(answers["area"] == "sygedagpenge") & answers["current"].notna(), "current"]
    text = "\n".join(lines)
    assert f"n = {len(current)}" in text
    assert f"sum of the current answers = {shown(float(current.sum()))}" in text
    mean = float(current.sum()) / len(current)
    assert re.search(rf"= {mean:.4f}", text) and f"rounded half up = {int(mean + 0.5)}" in text
    assert "rule statistics" in text and "sagstal.stats.area.area_figures" in text
    listed = sum(int(m) for m in re.findall(r"^\s+\S+ × (\d+)", text, re.MULTILINE))
    assert listed <= len(current) and "more distinct values" in text  # summarised by distinct value


def test_a_share_shows_its_counts_and_a_main_range_its_bins(in_project):
    share = "\n".join(explaining.explain("2023", "sygedagpenge.too_high_pct"))
    stats = read_csv(in_project / "data/processed/2023/area_stats.csv").set_index("area").loc["sygedagpenge"]
    assert f"share = {int(stats['too_high_n'])}/{int(stats['n_assessed'])}" in share
    main_range = "\n".join(explaining.explain("2023", "sygedagpenge.current.main_range"))
    bins = read_csv(in_project / "data/processed/2023/bins.csv")
    own = bins[(bins["area"] == "sygedagpenge") & (bins["question"] == "current")]
    assert all(interval in main_range for interval in own["interval"])
    assert "status judgement" in main_range  # the published main range is a judgement the audit names


def test_the_ledger_entries_of_the_area_are_listed(in_project):
    text = "\n".join(explaining.explain("2015", "kontanthjaelp.mean_current"))
    exclusions = read_csv(in_project / "data/processed/2015/exclusions.csv")
    assert f"ledger entries of kontanthjaelp (exclusions.csv): {int((exclusions['area'] == 'kontanthjaelp').sum())}" in text
    assert "converted to full time" in text  # 2015's part-time caseloads


def make_explain(work, figure: str) -> subprocess.CompletedProcess:
    """`make explain` in a private copy of the built project, with this checkout's virtual environment."""
    shutil.copy(ROOT / "Makefile", work / "Makefile")
    (work / ".installed").touch()  # newer than pyproject.toml and requirements.lock: nothing to install
    return subprocess.run(["make", "-s", "explain", "WAVE=2023", f"FIGURE={figure}",
                           f"BIN={Path(sys.executable).parent}", "STAMP=.installed"],
                          cwd=work, capture_output=True, text=True)


def test_a_misspelt_name_exits_non_zero_with_the_near_ones(built):
    result = make_explain(built, "sygedagpeng.mean_curent")
    assert result.returncode != 0
    assert "no figure 'sygedagpeng.mean_curent'" in result.stderr and "  sygedagpenge.mean_current" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_readme_command_runs(built):
    command = "make explain WAVE=2023 FIGURE=sygedagpenge.mean_current"
    assert command in (ROOT / "README.md").read_text(encoding="utf-8")
    result = make_explain(built, "sygedagpenge.mean_current")
    assert result.returncode == 0, result.stderr
    stats = pd.read_csv(built / "data/processed/2023/area_stats.csv", encoding="utf-8-sig").set_index("area")
    assert result.stdout.splitlines()[1].split() == ["computed:", "57", "(area_stats.csv,", "area", "sygedagpenge,",
                                                     "column", "mean_current)"]
    assert stats.loc["sygedagpenge", "mean_current"] == 57


def test_the_readme_debugger_command_runs_the_jobs_behind_the_file(built):
    """The tracing section's other command: the jobs behind area_stats.csv in one process, under pdb."""
    command = ".venv/bin/python -m pdb -m sagstal.tools.reference data/processed/2023/area_stats.csv"
    assert command in (ROOT / "README.md").read_text(encoding="utf-8")
    target = built / "data/processed/2023/area_stats.csv"
    before = target.read_bytes()
    target.unlink()
    result = subprocess.run([sys.executable, *command.split()[1:]], cwd=built, input="c\nq\n",
                            capture_output=True, text=True, timeout=300)
    assert "reference: 2 jobs done in one process" in result.stdout, result.stdout[-2000:] + result.stderr[-2000:]
    assert "Exit status: 0" in result.stdout and target.read_bytes() == before  # ingest and statistics, as built
