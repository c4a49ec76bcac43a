"""make new-wave never loses the analyst's config.yaml: killed at its write, out of disk, or run twice
at once; a wave name is checked before anything happens; any file name works, and nothing typed
after a make target runs as a command."""

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project
from exports import answers, write_surveyxact_files

from sagstal.tools import new_wave

PEOPLE = answers(seed=32, rows=40)

# Runs new-wave so that the process kills itself (SIGKILL: nothing cleans up) at the moment it
# writes config.yaml, however it writes it: opening it for writing (right after the open, which
# truncates) or putting another file in its place.
KILL_AT_CONFIG_WRITE = """
import builtins, io, os, signal, sys
def kill_if_config(path):
    if str(path).endswith("config.yaml"):
        os.kill(os.getpid(), signal.SIGKILL)
real_replace, real_open = os.replace, io.open
def replace(src, dst, *args, **kwargs):
    kill_if_config(dst)
    return real_replace(src, dst, *args, **kwargs)
def opened(file, mode="r", *args, **kwargs):
    handle = real_open(file, mode, *args, **kwargs)
    if any(m in mode for m in "wax+"):
        kill_if_config(file)
    return handle
os.replace, io.open, builtins.open = replace, opened, opened
from sagstal.tools.new_wave import main
sys.exit(main(sys.argv[1:]))
"""


# Runs new-wave with its file copies slowed down, so that two runs started together overlap
# between reading config.yaml and writing it.
SLOW_COPIES = """
import shutil, sys, time
real_copy = shutil.copy
def copy(*args, **kwargs):
    time.sleep(0.5)
    return real_copy(*args, **kwargs)
shutil.copy = copy
from sagstal.tools.new_wave import main
sys.exit(main(sys.argv[1:]))
"""


def run_new_wave(work: Path, *args, code: str | None = None):
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "sagstal.tools.new_wave", *args]
    return subprocess.run(command, cwd=work, capture_output=True, text=True)


@pytest.fixture
def work(tmp_path):
    return copy_project(tmp_path / "project")


@pytest.fixture
def export(tmp_path):
    return write_surveyxact_files(tmp_path / "Sagstal 2031", PEOPLE)


def waves_of(work: Path) -> set:
    return set(yaml.safe_load((work / "config.yaml").read_text(encoding="utf-8"))["waves"])


def test_killed_at_its_write_config_is_as_it_was_and_a_rerun_succeeds(work, export):
    before = (work / "config.yaml").read_bytes()
    killed = run_new_wave(work, "--wave", "2031", "--export", str(export), code=KILL_AT_CONFIG_WRITE)
    assert killed.returncode == -9
    assert (work / "config.yaml").read_bytes() == before
    rerun = run_new_wave(work, "--wave", "2031", "--export", str(export))
    assert rerun.returncode == 0, rerun.stderr
    assert "2031" in waves_of(work) and (work / "data/raw/2031/codebook.yaml").exists()
    assert not list(work.glob(".config.yaml.*")) and not list((work / "data/raw").glob(".new-wave-*"))


def test_a_full_disk_at_the_write_leaves_config_as_it_was_and_says_so_truly(work, export, monkeypatch, capsys):
    before = (work / "config.yaml").read_bytes()

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert new_wave.main(["--wave", "2031", "--export", str(export), "--root", str(work)]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Nothing was written" in err
    assert (work / "config.yaml").read_bytes() == before
    assert not (work / "data/raw/2031").exists() and not list(work.glob(".config.yaml.*"))
    monkeypatch.undo()
    assert new_wave.main(["--wave", "2031", "--export", str(export), "--root", str(work)]) == 0
    assert "2031" in waves_of(work)


def test_two_new_waves_at_once_keep_both(work, export, tmp_path):
    other = write_surveyxact_files(tmp_path / "other", answers(seed=33, rows=40))
    first, second = (subprocess.Popen([sys.executable, "-c", SLOW_COPIES, "--wave", wave, "--export", str(path)],
                                      cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for wave, path in (("2031", export), ("2032", other)))
    assert first.wait() == 0 and second.wait() == 0, (first.stderr.read(), second.stderr.read())
    assert {"2031", "2032"} <= waves_of(work)


@pytest.mark.parametrize("wave", ["../x", "../../../x", "2031; touch pwned", "x", "20311"])
def test_a_wave_that_is_no_wave_name_is_refused_before_anything_is_written(work, export, wave):
    before = sorted(p.relative_to(work) for p in work.rglob("*"))
    result = run_new_wave(work, "--wave", wave, "--export", str(export))
    assert result.returncode == 1 and "is not a wave name" in result.stderr
    assert sorted(p.relative_to(work) for p in work.rglob("*")) == before


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_passes_any_file_name_and_runs_nothing_typed(work, tmp_path):
    folder = tmp_path / "Sagstal 2031"
    folder.mkdir(exist_ok=True)
    dataset = write_surveyxact_files(tmp_path / "download", PEOPLE)
    for path in dataset.parent.iterdir():  # SurveyXact's three files under a name a browser gives them
        shutil.copy(path, folder / path.name.replace("dataset", "dataset (1)"))
    stamp = tmp_path / "installed"
    stamp.touch()  # newer than pyproject.toml: make does not build a venv here
    make = ["make", "-s", "-f", str(ROOT / "Makefile"), "-C", str(work), f"BIN={Path(sys.executable).parent}",
            f"STAMP={stamp}"]
    export = folder / "dataset (1).csv"
    result = subprocess.run([*make, "new-wave", "WAVE=2031", f"EXPORT={export}", "LIKE=2023; touch pwned"],
                            capture_output=True, text=True)
    assert not (work / "pwned").exists()
    assert result.returncode != 0 and "no wave '2023; touch pwned'" in result.stderr
    result = subprocess.run([*make, "new-wave", "WAVE=2031", f"EXPORT={export}"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (work / "data/raw/2031/dataset (1).csv").exists() and "2031" in waves_of(work)
    explained = subprocess.run([*make, "explain", "WAVE=2023", "FIGURE=x; touch pwned"], capture_output=True,
                               text=True)
    assert explained.returncode != 0 and not (work / "pwned").exists()
