"""README's "Et nyt sagsområde", run as written: its make commands (the export put where the README
says, under a home folder made here), then its guideline snippet added to config.yaml, which the
config check must accept and the statistics must use."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import ROOT, copy_project
from exports_areas import people, write_workbook
from test_new_wave import decide_config

SECTION = (ROOT / "README.md").read_text(encoding="utf-8").split("## Et nyt sagsområde", 1)[1].split("\n## ", 1)[0]


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", SECTION, re.S)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_the_readme_walk_through_of_a_new_area(tmp_path):
    work = copy_project(tmp_path / "project")
    home = tmp_path / "home"
    export = home / "Hentet/sagstal 2031.xlsx"
    export.parent.mkdir(parents=True)
    write_workbook(export, people(), ROOT)
    stamp = tmp_path / "installed"
    stamp.touch()
    commands = [line for line in blocks("sh")[0].splitlines() if line.startswith("make ")]
    assert len(commands) == 2 and '~/Hentet/sagstal 2031.xlsx' in commands[0]
    environment = {**os.environ, "HOME": str(home)}
    results = []
    for command in commands:
        words = re.findall(r'(\w+="[^"]*"|\S+)', command)[1:]  # make's own arguments, quotes as a shell takes them
        words = [re.sub(r'^(\w+)="(.*)"$', r"\1=\2", w) for w in words]
        results.append(subprocess.run(["make", "-s", "-f", str(ROOT / "Makefile"), "-C", str(work),
                                       f"BIN={Path(sys.executable).parent}", f"STAMP={stamp}", *words],
                                      capture_output=True, text=True, env=environment))
    asked, added = results
    assert asked.returncode != 0 and "s_16 (current: s_16" in asked.stderr and "s_28 (current: s_28" in asked.stderr
    assert added.returncode == 0, added.stderr
    config_text = (work / "config.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(config_text)["areas"]["misbrug"]["short_label"] == "Misbrug"

    snippet = blocks("yaml")[0]
    config_text = config_text.replace("\nguidelines:\n", "\nguidelines:\n" + snippet, 1)
    (work / "config.yaml").write_text(config_text, encoding="utf-8")
    decide_config(work, "2031")
    report = next(line for line in SECTION.splitlines() if "`make report`" in line)
    assert report.startswith("Then `make report`")
    result = subprocess.run(["make", "-s", "-f", str(ROOT / "Makefile"), "-C", str(work),
                             f"BIN={Path(sys.executable).parent}", f"STAMP={stamp}", "report"],
                            capture_output=True, text=True, env=environment)
    assert result.returncode == 0, (result.stdout + result.stderr)[-2000:]
    assert "Gennemsyn 2031:" in result.stdout
    compliance = pd.read_csv(work / "data/processed/2031/compliance.csv", encoding="utf-8-sig")
    assert "misbrug" in set(compliance["area"]) and "udsatte-voksne" not in set(compliance["area"])
    assert "make report" in SECTION
