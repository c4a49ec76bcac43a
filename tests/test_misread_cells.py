"""Cells a reader would misread in silence stop the read instead: formulas saved without their
value (a workbook saved by a tool other than Excel), and two columns of the same name."""

import pytest
from openpyxl import Workbook

from sagstal.core.errors import IngestError
from sagstal.ingest.reader import Reading, read_export


def test_formula_cells_without_values_stop_naming_sheet_and_cells(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Svar"
    sheet.append(["id", "BF_nu", "SD_nu"])
    sheet.append(["1", "=20+10", "45"])  # openpyxl, like LibreOffice scripts, stores no value with it
    sheet.append(["2", "31", "=SUM(40,2)"])
    path = tmp_path / "formler.xlsx"
    book.save(path)
    with pytest.raises(IngestError) as stopped:
        read_export(path, Reading(format="xlsx"))
    message = str(stopped.value)
    assert "sheet 'Svar': 2 cell(s) are formulas saved without their value (B2, C3)" in message
    assert "Open the workbook in Excel and save it" in message


def test_a_workbook_without_formulas_reads_as_before(tmp_path):
    book = Workbook()
    book.active.append(["id", "BF_nu"])
    book.active.append(["1", 30])
    path = tmp_path / "tal.xlsx"
    book.save(path)
    assert read_export(path, Reading(format="xlsx")).frame["BF_nu"].tolist() == ["30"]


def test_two_columns_of_the_same_name_stop_naming_both(tmp_path):
    path = tmp_path / "eksport.csv"
    path.write_text("id,Kommentar,BF_nu,Kommentar\n1,a,30,b\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"\('Kommentar' in columns B \(2\), D \(4\)\); rename one of them"):
        read_export(path, Reading(format="csv"))
