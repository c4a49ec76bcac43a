"""The one reader of exports: what detect() finds is what read_export() reads, in every layout."""

import csv
import io
import os
from pathlib import Path

import pytest
from conftest import ROOT
from exports import ASSESSMENT, answers, write_qualtrics_csv, write_spss, write_surveyxact_files, write_surveyxact_workbook

from sagstal.core.errors import IngestError
from sagstal.ingest.reader import detect, read_export

ROWS = [["Respondent", "Kommune", "Sygedagpenge: aktuelt"], ["1", "Tårnby", "45,5"], ["2", "Ærø", "50"]]
PEOPLE = answers(rows=40)


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
    reading = detect(path)
    assert (reading.encoding, reading.separator, reading.header_row) == (expected_encoding, separator, 1)
    export = read_export(path, reading)
    assert export.decimal_comma and export.first_row == 2
    assert list(export.frame.columns) == ROWS[0] and export.frame.iloc[0, 1] == "Tårnby"


def test_bytes_cp1252_does_not_define_are_read_as_latin1_by_both(tmp_path):
    """0x81 is undefined in cp1252: the scaffold must not pick an encoding ingest then fails on."""
    path = tmp_path / "export.csv"
    path.write_bytes("id;navn\r\n1;a\x81b\r\n".encode("latin-1"))
    reading = detect(path)
    assert reading.encoding == "latin-1"
    assert read_export(path, reading).frame.iloc[0, 1] == "a\x81b"


def test_a_title_row_above_the_header_is_skipped(tmp_path):
    path = tmp_path / "export.csv"
    write_csv(path, ROWS, ";", "cp1252", title="Sagstalsundersøgelse 2025 – eksport 3. marts")
    reading = detect(path)
    assert reading.header_row == 2
    export = read_export(path, reading)
    assert list(export.frame.columns) == ROWS[0] and export.first_row == 3 and len(export.frame) == 2


def test_a_txt_export_is_read_by_ingest_as_the_scaffold_reads_it(tmp_path):
    path = tmp_path / "export.txt"
    write_csv(path, ROWS, "\t", "utf-16")
    assert len(read_export(path, detect(path)).frame) == 2


@pytest.mark.parametrize("separator, encoding", [(",", "cp1252"), (";", "cp1252"), ("\t", "utf-16"), (",", "utf-8")])
def test_surveyxact_three_files_in_every_layout(tmp_path, separator, encoding):
    dataset = write_surveyxact_files(tmp_path, PEOPLE, separator, encoding)
    reading = detect(dataset)
    assert (reading.format, reading.labels, reading.structure) == ("surveyxact", "labels.csv", "structure.csv")
    export = read_export(dataset, reading)
    assert len(export.frame) == len(PEOPLE) and export.first_row == 2
    written = (tmp_path / "labels.csv").read_bytes().decode(encoding).splitlines()
    assert sum(map(len, export.value_labels.values())) == len(written)  # labels have no header: none lost
    assert export.value_labels["stato_1"] == {"0": "Ikke valgt", "1": "Valgt"}
    assert export.value_labels["s_4"] == {str(k): v for k, v in ASSESSMENT.items()}
    assert export.question_texts["s_3"].startswith("Hvor mange sager har en fuldtidsansat")
    assert export.question_types["s_4"] == "Closed Single"
    assert export.companions == [tmp_path / "labels.csv", tmp_path / "structure.csv"]


def test_surveyxact_workbook_with_a_headerless_labels_sheet(tmp_path):
    path = write_surveyxact_workbook(tmp_path / "export.xlsx", PEOPLE)
    reading = detect(path)
    assert (reading.format, reading.sheet, reading.labels, reading.structure) == (
        "surveyxact", "Dataset", "Labels", "Structure")
    export = read_export(path, reading)
    assert len(export.frame) == len(PEOPLE)
    assert export.value_labels["stato_1"] == {"0": "Ikke valgt", "1": "Valgt"}  # the first label is kept
    assert export.value_labels["s_2"] == {"1": "Øst", "2": "Syd", "3": "Nord"}


def test_a_dataset_row_with_more_filled_fields_than_the_header_still_stops(tmp_path):
    dataset = write_surveyxact_files(tmp_path, PEOPLE)
    lines = dataset.read_bytes().decode("cp1252").split("\r\n")
    lines[3] += ',"stray"'
    dataset.write_bytes("\r\n".join(lines).encode("cp1252"))
    with pytest.raises(IngestError, match=r"row 4 has"):
        read_export(dataset, detect(dataset))


def test_qualtrics_question_text_and_import_id_rows_are_not_respondents(tmp_path):
    path = write_qualtrics_csv(tmp_path / "export.csv", PEOPLE)
    reading = detect(path)
    assert (reading.header_row, reading.extra_header_rows, reading.question_text_row) == (1, 2, 2)
    export = read_export(path, reading)
    assert len(export.frame) == len(PEOPLE) and export.first_row == 4
    assert export.frame["ResponseId"].str.startswith("R_").all()
    assert export.question_texts["Q3_1"].startswith("Sygedagpengeområdet - Hvor mange sager")


def test_spss_user_missing_values_are_read_as_declared(tmp_path):
    path = write_spss(tmp_path / "export.sav", PEOPLE)
    export = read_export(path, detect(path))
    assert export.missing["antal1"] == {"999"} and export.missing["vurd1"] == {"9"}
    assert export.question_texts["antal1"].endswith("Sygedagpengeområdet")
    assert export.value_labels["vurd1"]["9"] == "Ved ikke"
    assert "999" in set(export.frame["antal1"].map(lambda v: "" if v != v else f"{v:g}"))


def test_unknown_export_type(tmp_path):
    path = tmp_path / "export.ods"
    path.write_text("x")
    with pytest.raises(IngestError, match="unknown export type '.ods'"):
        detect(path)


def readsx_samples() -> Path | None:
    """readSX's inst/extdata (real SurveyXact exports, MIT): set READSX_EXTDATA, or put it in shared/."""
    for candidate in (os.environ.get("READSX_EXTDATA"), ROOT.parent / "shared/readSX/inst/extdata"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


@pytest.mark.skipif(readsx_samples() is None, reason="readSX's samples are not on this machine (READSX_EXTDATA)")
@pytest.mark.parametrize("sample", ["ex_survey2.xlsx", "ex_survey2_comma_ansi/dataset.csv",
                                    "ex_survey2_semicolon_ansi/dataset.csv", "ex_survey2_tab_utf16/dataset.csv"])
def test_readsx_samples_open_with_every_label_and_question_text(sample):
    path = readsx_samples() / sample
    export = read_export(path, detect(path))
    assert len(export.frame) == 999
    assert export.value_labels["v_1_1"] == {"0": "Ikke valgt", "1": "Valgt"}
    assert export.question_texts["s_2"] == "Hvilket studieforberedende utdanningsprogram går du på?"
    if path.suffix == ".csv":
        encoding = "utf-16" if "utf16" in sample else "cp1252"
        lines = [line for line in (path.parent / "labels.csv").read_bytes().decode(encoding).splitlines() if line]
        assert sum(map(len, export.value_labels.values())) == len(lines)
