"""Exports read as they come: encodings, separators, title rows, workbooks, SPSS and SurveyXact."""

import csv
import io

import pandas as pd
import pytest

from sagstal.ingest.export import read_export
from sagstal.ingest.sniff import sniff_export

ROWS = [["Respondent", "Kommune", "Sygedagpenge: aktuelt"], ["1", "Tårnby", "45,5"], ["2", "Ærø", "50"]]


def write_csv(path, rows, separator, encoding, title=None):
    """As a spreadsheet saves it: CRLF lines, a value holding the separator in quotes."""
    buffer = io.StringIO()
    if title:
        buffer.write(title + "\r\n")
    csv.writer(buffer, delimiter=separator, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


@pytest.mark.parametrize("separator, encoding, expected_encoding", [
    (";", "cp1252", "cp1252"), (",", "utf-8-sig", "utf-8-sig"), ("\t", "utf-16", "utf-16"), (";", "utf-8", "utf-8"),
])
def test_csv_encoding_separator_and_decimal_comma_are_found(tmp_path, separator, encoding, expected_encoding):
    path = tmp_path / "export.csv"
    write_csv(path, ROWS, separator, encoding)
    sniffed = sniff_export(path)
    assert (sniffed.encoding, sniffed.separator, sniffed.header_row) == (expected_encoding, separator, 1)
    assert sniffed.decimal_comma
    assert list(sniffed.frame.columns) == ROWS[0] and sniffed.frame.iloc[0, 1] == "Tårnby"
    frame, first_row = read_export(path, sniffed.encoding, None, sniffed.separator, sniffed.header_row)
    assert frame.equals(sniffed.frame) and first_row == 2  # the pipeline reads it the same way


def test_a_title_row_above_the_header_is_skipped(tmp_path):
    path = tmp_path / "export.csv"
    write_csv(path, ROWS, ";", "cp1252", title="Sagstalsundersøgelse 2025 – eksport 3. marts")
    sniffed = sniff_export(path)
    assert sniffed.header_row == 2 and list(sniffed.frame.columns) == ROWS[0]
    frame, first_row = read_export(path, sniffed.encoding, None, ";", sniffed.header_row)
    assert list(frame.columns) == ROWS[0] and first_row == 3 and len(frame) == 2


def surveyxact_tables():
    dataset = pd.DataFrame({"respondent": ["1", "2"], "s_1": ["45", "50"], "s_2": ["3", "1"]})
    labels = pd.DataFrame({"Variable": ["s_2", "s_2", "s_2"], "Value": ["1", "2", "3"],
                           "Label": ["For lavt", "Passende", "For højt"]})
    structure = pd.DataFrame({"Variable": ["respondent", "s_1", "s_2"],
                              "Label": ["Respondent-id", "Aktuelt sagstal", "Er sagstallet for højt?"]})
    return dataset, labels, structure


def test_surveyxact_workbook(tmp_path):
    dataset, labels, structure = surveyxact_tables()
    with pd.ExcelWriter(tmp_path / "export.xlsx") as book:
        dataset.to_excel(book, sheet_name="Dataset", index=False)
        labels.to_excel(book, sheet_name="Labels", index=False)
        structure.to_excel(book, sheet_name="Structure", index=False)
    sniffed = sniff_export(tmp_path / "export.xlsx")
    assert sniffed.kind == "surveyxact" and sniffed.sheet == "Dataset"
    assert sniffed.value_labels["s_2"] == {"1": "For lavt", "2": "Passende", "3": "For højt"}
    assert sniffed.question_texts["s_1"] == "Aktuelt sagstal"


def test_surveyxact_as_files_beside_each_other(tmp_path):
    dataset, labels, structure = surveyxact_tables()
    dataset.to_csv(tmp_path / "dataset.csv", index=False, sep=";", encoding="cp1252")
    labels.to_csv(tmp_path / "labels.csv", index=False, sep=";", encoding="cp1252")
    structure.to_csv(tmp_path / "structure.csv", index=False, sep=";", encoding="cp1252")
    sniffed = sniff_export(tmp_path / "dataset.csv")
    assert sniffed.kind == "surveyxact" and sniffed.value_labels["s_2"]["3"] == "For højt"
    assert sniffed.question_texts["s_2"] == "Er sagstallet for højt?"
