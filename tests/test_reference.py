"""The reference runner (one process) writes the same files as the Snakemake run, file for file."""

import subprocess
import sys

import pytest
from conftest import assert_same_outputs, copy_project

pytestmark = pytest.mark.e2e


def test_reference_runner_writes_the_same_outputs(project, tmp_path):
    work = copy_project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "sagstal.tools.reference"], cwd=work, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert_same_outputs(project, work)
