"""The shipped 2023 export is what the seeded generator makes, and it meets the published figures."""

from pathlib import Path

import pyreadstat
import pytest
from conftest import copy_project

from sagstal.tools.reconstruct.__main__ import check, main

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data/raw/2023/sagstal-2023.sav"


def test_generator_reproduces_the_shipped_export(tmp_path):
    rebuilt = tmp_path / "rebuilt.sav"
    assert main(["--wave", "2023", "--root", str(ROOT), "--output", str(rebuilt)]) == 0
    shipped, shipped_meta = pyreadstat.read_sav(str(SHIPPED))
    again, again_meta = pyreadstat.read_sav(str(rebuilt))
    assert shipped.equals(again)  # the .sav header's timestamp differs, the contents do not
    assert shipped_meta.column_names_to_labels == again_meta.column_names_to_labels
    assert shipped_meta.variable_value_labels == again_meta.variable_value_labels


@pytest.mark.e2e
def test_shipped_export_meets_every_published_figure(tmp_path):
    # the check runs the Snakefile's own jobs up to the audit, in a copy of the project
    assert check("2023", copy_project(tmp_path)) == []
    assert (tmp_path / "reports/2023/audit.csv").exists() and not (tmp_path / "reports/2023/rapport.html").exists()


def test_shipped_export_is_labelled_as_reconstructed():
    _, meta = pyreadstat.read_sav(str(SHIPPED), metadataonly=True)
    assert "REKONSTRUERET" in meta.file_label
    assert meta.variable_value_labels["Q1_2"] == {1.0: "For lavt", 2.0: "Passende", 3.0: "For højt"}
