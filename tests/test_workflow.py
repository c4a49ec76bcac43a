"""The workflow keeps Snakemake's promise: a config edit reruns exactly the jobs that show it, every
rule depends on all the code it runs, and every job runs from its own files alone."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project, planned_jobs, snakemake

from sagstal.core.imports import PACKAGE, code_files

pytestmark = pytest.mark.e2e

OLD_LABEL = "Børne-familieområdet"
NEW_LABEL = "Børne- og familieområdet (redigeret)"
OLD_NOTE = "Svarene er et gennemsnit af de svar, som den enkelte TR har modtaget fra sine kolleger."
NEW_NOTE = "Hvert svar er TR's gennemsnit af kollegernes svar (redigeret note)."


def texts_under(folder: Path):
    """Every text a person can read under folder: md, html, csv, svg, and the XML inside workbooks."""
    for path in sorted(folder.rglob("*")):
        if path.suffix in {".md", ".html", ".csv", ".svg"}:
            yield path, path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                yield path, " ".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml"))


def edit_config(project: Path, change) -> None:
    path = project / "config.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(config)
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_label_and_a_note_edited_in_config_leave_no_old_text_after_one_rerun(built):
    showing = {path for path, text in texts_under(built / "reports") if OLD_LABEL in text or OLD_NOTE in text}
    assert len(showing) > 10  # appendices, charts (svg), the report and the workbooks show them

    def change(config):
        config["areas"]["boerne-familie"]["label"] = NEW_LABEL
        config["texts"]["instruments"]["tillidsrepraesentanter"]["answer_note"] = NEW_NOTE

    edit_config(built, change)
    # 2023's presentation only (the report and the review page): no figure is recomputed
    assert planned_jobs(built) == {"render": 1, "review": 1}
    assert snakemake(built).returncode == 0
    stale = [str(p.relative_to(built)) for p, t in texts_under(built / "reports") if OLD_LABEL in t or OLD_NOTE in t]
    assert stale == []
    assert any(NEW_LABEL in t for _, t in texts_under(built / "reports/2023/bilag"))
    assert any(NEW_NOTE in t for _, t in texts_under(built / "reports/2023/bilag"))


@pytest.mark.parametrize("change, expected", [
    (lambda c: c["privacy"].update(min_count=3), {"render": 2, "review": 2}),
    (lambda c: c["guideline_sets"]["revideret"].update(label="Revideret"), {"render": 2}),
    (lambda c: c["guideline_sets"]["revideret"]["ranges"].update(sygedagpenge="25-40"),
     {"guideline_sets": 2, "render": 2}),
    (lambda c: c["precision"].update(resamples=1000), {"statistics": 2, "method": 2, "changes": 2, "audit": 2, "render": 2,
                                                             "review": 2}),
    (lambda c: c["waves"]["2015"].update(invited=919), {"method": 1, "audit": 1, "render": 1, "review": 1}),
    (lambda c: c["texts"]["regions"].update(syd="Region Syddanmark"), {"render": 2, "review": 2}),  # breakdown groups
], ids=["min_count", "set label", "set range", "resamples", "invited 2015", "region name"])
def test_a_config_edit_reruns_exactly_the_jobs_that_show_it(built, change, expected):
    edit_config(built, change)
    assert planned_jobs(built) == expected


def test_a_config_the_schema_rejects_stops_the_run_though_a_valid_one_was_cached(built):
    assert (built / ".snakemake/sagstal/validated-config.pickle").exists()  # the build's config passed
    edit_config(built, lambda c: c["main_range"].update(min_share=2))
    result = snakemake(built, "-n")
    assert result.returncode != 0
    message = result.stdout + result.stderr  # Snakemake logs errors to stdout
    assert "min_share" in message and "maximum" in message


def test_a_plain_snakemake_run_takes_the_workflow_profile_with_the_greedy_scheduler(built):
    result = snakemake(built, "-n")
    assert "Using workflow specific profile profiles/default" in result.stdout + result.stderr
    profile = yaml.safe_load((built / "profiles/default/config.yaml").read_text(encoding="utf-8"))
    assert profile["scheduler"] == "greedy"


def test_every_rule_depends_on_every_module_its_script_runs():
    """The walker's list equals the package modules Python loads for the script's imports."""
    for script in sorted((ROOT / "workflow/scripts").glob("*.py")):
        imports = [line for line in script.read_text(encoding="utf-8").splitlines()
                   if line.startswith(("from sagstal", "import sagstal"))]
        assert imports, script
        probe = "\n".join([*imports, "import sys",
                           "print('\\n'.join(m.__file__ for m in list(sys.modules.values())",
                           "      if (getattr(m, '__file__', None) or '').startswith(sys.argv[1])))"])
        loaded = subprocess.run([sys.executable, "-c", probe, str(PACKAGE)], capture_output=True, text=True,
                                check=True, env={**os.environ, "PYTHONPATH": str(PACKAGE.parent)}).stdout.split()
        assert sorted(map(Path, loaded)) == code_files(script), script.name


def test_the_reference_runner_reads_no_global_config(tmp_path):
    """It hands each script an empty config: a script that read config instead of its params fails."""
    work = copy_project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "sagstal.tools.reference", "data/processed/2015/area_stats.csv"],
                            cwd=work, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "reference: 2 jobs done in one process" in result.stdout


def test_every_job_runs_as_a_separate_process_through_the_cluster_executor(tmp_path):
    """Each job submitted as its own process (as on Slurm), with only its files: the whole workflow of
    one wave (every rule runs for it; a second wave would only repeat them and double the test's time)."""
    work = copy_project(tmp_path)
    config = yaml.safe_load((work / "config.yaml").read_text(encoding="utf-8"))
    config["waves"] = {"2015": config["waves"]["2015"]}
    (work / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    submit = tmp_path / "submit.sh"
    submit.write_text('#!/bin/sh\nnohup sh "$1" > "$1.log" 2>&1 &\necho $!\n', encoding="utf-8")
    submit.chmod(0o755)
    result = subprocess.run([sys.executable, "-m", "snakemake", "--executor", "cluster-generic",
                             "--cluster-generic-submit-cmd", str(submit), "--jobs", "2", "--latency-wait", "10",
                             "--seconds-between-status-checks", "1",
                             "--quiet", "rules"], cwd=work, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    audit = (work / "reports/2015/audit.md").read_text(encoding="utf-8")
    assert "| AFVIGER UDEN FORKLARING | 0 |" in audit
    assert (work / "reports/2015/rapport.html").stat().st_size > 0 and not (work / "reports/2023").exists()


def test_a_plain_make_lists_every_target_with_what_it_does():
    import re

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    documented = re.findall(r"^## ([a-z-]+):", makefile, re.MULTILINE)
    shown = subprocess.run(["make", "-s"], cwd=ROOT, capture_output=True, text=True).stdout
    assert shown.startswith("help: ") and {"report", "test", "new-wave", "pdf"} <= set(documented)
    assert all(f"\n{target}: " in "\n" + shown for target in documented)
