"""What happens to real builds: killed hard, stopped with Ctrl-C, a job failing, the disk full, two
started at once. Each time a plain `make report` (sagstal.tools.build, through the workflow
profile) finishes the build, and the outputs equal a clean build's."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import assert_same_outputs

from sagstal.core.one_build import PARTIAL

pytestmark = pytest.mark.e2e

BUILD = [sys.executable, "-m", "sagstal.tools.build", "--cores", "2", "--quiet", "rules"]


def make_report(work, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run([*BUILD, *arguments], cwd=work, capture_output=True, text=True)


def start_report(work, *arguments) -> subprocess.Popen:
    """make report in its own process group, as a terminal starts it."""
    return subprocess.Popen([*BUILD, *arguments], cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)


def wait_until_running(work: Path, rule: str, wave: str, timeout: float = 60) -> None:
    """Until the job has started: its log is written anew (each job truncates its own)."""
    log, started = work / f"logs/{wave}/{rule}.log", time.time()
    while time.time() - started < timeout:
        if log.exists() and log.stat().st_mtime >= started:
            return
        time.sleep(0.02)
    raise AssertionError(f"{rule} of {wave} did not start within {timeout} s")


def no_partial_files(work: Path) -> list[Path]:
    return [p for folder in ("data/processed", "reports") for p in (work / folder).rglob(PARTIAL)]


def test_the_build_wrapper_shows_only_progress_and_says_nothing_was_to_be_done(built):
    result = make_report(built)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "Nothing to be done (all requested files are present and up to date)."
    assert "SNAKEMAKE" in (built / "logs/make-report.log").read_text(encoding="utf-8")  # the banner: in the log


# Each redoes one job of the smaller wave, 2015 (its ingest, its render), and is interrupted in it.
@pytest.mark.parametrize(("rule", "target", "how"), [
    ("ingest", "data/processed/2015/answers.csv", signal.SIGKILL),
    ("render", "reports/2015/rapport.html", signal.SIGKILL),
    ("render", "reports/2015/rapport.html", signal.SIGINT)])
def test_an_interrupted_build_is_finished_by_the_next_plain_run(project, built, rule, target, how):
    build = start_report(built, "--forcerun", rule, "--", target)
    wait_until_running(built, rule, "2015")
    os.killpg(build.pid, how)
    build.communicate(timeout=60)
    if how == signal.SIGKILL:  # what a hard kill leaves: Snakemake's lock, and jobs marked incomplete
        assert list((built / ".snakemake/locks").glob("*.lock"))
        assert list((built / ".snakemake/incomplete").iterdir())
    result = make_report(built)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Traceback" not in result.stdout
    assert_same_outputs(project, built)
    assert not no_partial_files(built)


def test_a_failed_job_once_fixed_is_finished_by_the_next_plain_run(project, built):
    codebook = built / "data/raw/2015/codebook.yaml"
    original = codebook.read_text(encoding="utf-8")
    codebook.write_text(original.replace("  current: Hvor mange", "  current: Mangler Hvor mange", 1),
                        encoding="utf-8")  # a column the export does not have
    failed = make_report(built)
    assert failed.returncode != 0
    lines = failed.stdout.strip().splitlines()
    assert lines[-1] == "full output of this build: logs/make-report.log"
    assert any(line.startswith("sagstal:") for line in lines[-4:]), lines[-6:]
    assert "Traceback" not in failed.stdout and "Error in rule" not in failed.stdout
    codebook.write_text(original, encoding="utf-8")
    result = make_report(built)
    assert result.returncode == 0, result.stdout[-3000:]
    assert_same_outputs(project, built)


def test_two_builds_at_once_both_end_with_one_complete_tree(project, built):
    first, second = (start_report(built, "--forcerun", "audit") for _ in range(2))
    outputs = [first.communicate(timeout=300)[0], second.communicate(timeout=300)[0]]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert sum("another build is running in this folder" in out for out in outputs) == 1, outputs
    assert not any("Traceback" in out or "LockException" in out for out in outputs)
    assert_same_outputs(project, built)


@pytest.fixture
def small_disk(built):
    """reports/2015/ of the built project on a 1 MB tmpfs (root only): too small for its reports."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    reports = built / "reports/2015"
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(reports)], capture_output=True)
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield reports
    finally:
        subprocess.run(["umount", "-l", str(reports)], check=False)


def test_a_full_disk_is_one_line_and_the_next_run_finishes(project, built, small_disk):
    failed = make_report(built, "--forcerun", "render", "--", "reports/2015/rapport.html")
    assert failed.returncode != 0
    said = [line for line in failed.stdout.splitlines() if line.startswith("sagstal:")]
    assert len(said) >= 1 and all("no space left on device writing reports/2015/" in line and
                                  line.endswith(": free space and run make report again") for line in said), said
    assert "Traceback" not in failed.stdout + failed.stderr
    assert not no_partial_files(built)
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)  # space freed
    result = make_report(built)
    assert result.returncode == 0, result.stdout[-3000:]
    assert_same_outputs(project, built)
    assert not no_partial_files(built)
