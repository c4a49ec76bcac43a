"""The reference runner (one process) writes the same files as the Snakemake run, file for file."""

import subprocess
import sys

import pytest
from conftest import copy_project
from openpyxl import load_workbook

pytestmark = pytest.mark.e2e


def cells(path):
    book = load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def words(path):
    from docx import Document

    document = Document(path)
    return ([p.text for p in document.paragraphs], [[c.text for c in row.cells] for t in document.tables for row in t.rows],
            len(document.inline_shapes))


def outputs(root):
    return sorted(p.relative_to(root) for folder in ("data/processed", "reports")
                  for p in (root / folder).rglob("*")
                  if p.is_file() and p.name != ".snakemake_timestamp")  # Snakemake's mark on directory outputs


def test_reference_runner_writes_the_same_outputs(project, tmp_path):
    work = copy_project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "sagstal.tools.reference"], cwd=work, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    produced = outputs(project)
    assert produced == outputs(work)
    for relative in produced:
        if relative.suffix == ".xlsx":  # the zip carries timestamps; the cells must agree
            assert cells(project / relative) == cells(work / relative), relative
        elif relative.suffix == ".docx":  # likewise: the texts, tables and pictures must agree
            assert words(project / relative) == words(work / relative), relative
        else:
            assert (project / relative).read_bytes() == (work / relative).read_bytes(), relative
