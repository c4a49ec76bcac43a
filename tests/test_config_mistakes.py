"""A mistake in config.yaml is one line before any job runs: the line, the key path, what is wrong
and the near miss; never a traceback."""

import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, copy_project

from sagstal.core.config_check import config_problems, key_lines

SCHEMA = yaml.safe_load((ROOT / "workflow/schemas/config.schema.yaml").read_text(encoding="utf-8"))
TEXT = (ROOT / "config.yaml").read_text(encoding="utf-8")


def problems_after(old: str, new: str) -> list[str]:
    assert TEXT.count(old) >= 1, old
    text = TEXT.replace(old, new, 1)
    return config_problems(yaml.safe_load(text), SCHEMA, text)


def line_of(text: str, fragment: str) -> int:
    return text[:text.index(fragment)].count("\n") + 1


def test_the_shipped_config_has_no_problem():
    assert config_problems(yaml.safe_load(TEXT), SCHEMA, TEXT) == []


def test_a_misspelt_key_names_its_line_and_the_key_meant():
    text = TEXT.replace("  min_share:", "  min_shar:", 1)
    assert config_problems(yaml.safe_load(text), SCHEMA, text) == [
        f"config.yaml line {line_of(text, '  min_shar:')}: main_range.min_shar: unknown key 'min_shar': "
        "did you mean min_share?"]


def test_a_reversed_bin_names_wave_and_area():
    [problem] = problems_after('bins_current: ["20-30"', 'bins_current: ["30-25"')
    assert problem.startswith("config.yaml line ") and "waves.2015.areas.sygedagpenge.bins_current" in problem
    assert "'30-25' has its upper bound below its lower bound (wave 2015, area sygedagpenge)" in problem


def test_a_misspelt_area_gets_the_near_miss():
    config = yaml.safe_load(TEXT)
    config["waves"]["2023"]["areas"]["sygedagpeng"] = config["waves"]["2023"]["areas"].pop("sygedagpenge")
    [problem] = config_problems(config, SCHEMA, TEXT)
    assert problem.endswith("waves.2023.areas.sygedagpeng: unknown area 'sygedagpeng': did you mean sygedagpenge?")


@pytest.mark.parametrize("key", ["invited", "fieldwork", "title"])
def test_a_todo_left_anywhere_says_todo_not_a_type_error(key):
    config = yaml.safe_load(TEXT)
    config["waves"]["2023"][key] = "TODO"
    [problem] = config_problems(config, SCHEMA, TEXT)
    assert problem == (f"config.yaml line {key_lines(TEXT)[('waves', '2023', key)]}: waves.2023.{key}: "
                       "still says TODO (left by make new-wave): decide it")


def test_a_wrong_choice_and_a_wrong_type_are_named():
    config = yaml.safe_load(TEXT)
    config["waves"]["2015"]["instrument"] = "sagsbehandler"
    config["waves"]["2015"]["invited"] = "mange"
    assert [p.split(": ", 1)[1] for p in config_problems(config, SCHEMA, TEXT)] == [
        "waves.2015.instrument: 'sagsbehandler' is not one of tillidsrepraesentanter, sagsbehandlere: "
        "did you mean sagsbehandlere?",
        "waves.2015.invited: 'mange' should be of type integer"]


@pytest.mark.e2e
def test_make_report_prints_the_mistake_and_no_traceback(tmp_path):
    work = copy_project(tmp_path)
    text = (work / "config.yaml").read_text(encoding="utf-8")
    (work / "config.yaml").write_text(text.replace("  min_share:", "  min_shar:", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "sagstal.tools.build", "--cores", "1", "--quiet", "rules"],
                            cwd=work, capture_output=True, text=True)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("sagstal: config.yaml line ") and "did you mean min_share?" in lines[0]
    assert lines[1:] == ["full output of this build: logs/make-report.log"]
    plain = subprocess.run([sys.executable, "-m", "snakemake", "-n"], cwd=work, capture_output=True, text=True)
    assert plain.returncode == 1 and "Traceback" not in plain.stdout + plain.stderr
    assert "did you mean min_share?" in plain.stderr
