"""Reading an export through a codebook: tidy rows, the ledger, and clear errors for bad files."""

import pandas as pd
import pytest
import yaml

from sagstal.core.errors import IngestError
from sagstal.ingest.areas_in_columns import tidy
from sagstal.ingest.codebook import load_codebook
from sagstal.ingest.reader import read_export
from sagstal.ingest.wave import run_summary

CODEBOOK = {
    "respondent_id": "id",
    "municipality": "kommune",
    "region": "region",
    "codes": {"region": {1: "nord", 2: "oest"}, "assessment": {1: "too_low", 2: "about_right", 3: "too_high"},
              "cap": {1: "yes", 2: "no"}},
    "areas": {"sygedagpenge": {"current": "s1", "assessment": "s2", "suggested": "s3", "cap": "s4",
                               "cap_value": "s5"}},
}
ROWS = [
    {"id": "a", "kommune": "Odense", "region": "1", "s1": "30-35", "s2": "3", "s3": "ca. 30", "s4": "1", "s5": "40"},
    {"id": "b", "kommune": "Odense", "region": "2", "s1": "mange", "s2": "7", "s3": "", "s4": "2", "s5": ""},
    {"id": "c", "kommune": "Vejle", "region": "1", "s1": "", "s2": "", "s3": "", "s4": "", "s5": ""},
]


def write(tmp_path, rows=ROWS, codebook=CODEBOOK, encoding="utf-8"):
    export = tmp_path / "export.csv"
    pd.DataFrame(rows).to_csv(export, index=False, encoding=encoding)
    book = tmp_path / "codebook.yaml"
    book.write_text(yaml.safe_dump(codebook, allow_unicode=True), encoding="utf-8")
    return export, book


def ingest(export, book):
    codebook = load_codebook(book)
    read = read_export(export, codebook)
    return tidy(read.frame, codebook, export, read.first_row)


def test_tidy_rows_and_ledger(tmp_path):
    answers, exclusions, respondents = ingest(*write(tmp_path))
    first = answers.iloc[0]
    assert (first["current"], first["current_method"]) == (32.5, "range_midpoint")
    assert (first["suggested"], first["suggested_method"]) == (30, "approximate")
    assert (first["assessment"], first["cap"], first["cap_value"]) == ("too_high", "yes", 40)
    second = answers.iloc[1]
    assert pd.isna(second["current"]) and second["current_method"] == "excluded"
    assert pd.isna(second["assessment"])
    # spreadsheet rows: header is row 1, so respondent b is row 3
    ledger = exclusions.set_index("column")
    assert ledger.loc["s1", "source_row"] == 3 and ledger.loc["s1", "raw_value"] == "mange"
    assert "not a number" in ledger.loc["s1", "reason"]
    assert "code '7'" in ledger.loc["s2", "reason"]
    row_level = exclusions[exclusions["scope"] == "row"]
    assert list(row_level["respondent_id"]) == ["c"]
    assert list(respondents["included"]) == [True, True, False]


def test_run_summary_adds_up(tmp_path):
    _, exclusions, respondents = ingest(*write(tmp_path))
    summary = run_summary(respondents, exclusions).set_index(["measure", "reason"])["count"]
    assert summary[("rows_read", "")] == 3
    assert summary[("rows_used", "")] == 2
    assert summary[("rows_excluded", "")] == 1
    assert summary[("cells_excluded", "code '7' is not in the codebook's assessment codes ['1', '2', '3']")] == 1


def test_missing_column_names_file_and_column(tmp_path):
    rows = [{k: v for k, v in row.items() if k != "s3"} for row in ROWS]
    export, book = write(tmp_path, rows=rows)
    with pytest.raises(IngestError) as error:
        ingest(export, book)
    message = str(error.value)
    assert "export.csv" in message and "'s3' (sygedagpenge suggested)" in message and "codebook.yaml" in message


def test_duplicate_respondent_ids_name_the_rows(tmp_path):
    rows = ROWS + [dict(ROWS[0])]
    with pytest.raises(IngestError, match=r"rows 2, 5, column 'id': respondent id 'a' occurs more than once"):
        ingest(*write(tmp_path, rows=rows))


def test_wrong_encoding_says_what_to_set(tmp_path):
    rows = [dict(ROWS[0], kommune="Tårnby")]
    export, book = write(tmp_path, rows=rows, encoding="latin-1")
    with pytest.raises(IngestError, match="set 'encoding' in the codebook"):
        ingest(export, book)
    codebook = dict(CODEBOOK, encoding="latin-1")
    export, book = write(tmp_path, rows=rows, codebook=codebook, encoding="latin-1")
    answers, _, _ = ingest(export, book)
    assert answers.iloc[0]["municipality"] == "Tårnby"


def test_unknown_export_type(tmp_path):
    path = tmp_path / "export.ods"
    path.write_text("x")
    with pytest.raises(IngestError, match="unknown export type '.ods'"):
        read_export(path)


def test_codebook_with_unknown_field(tmp_path):
    codebook = {**CODEBOOK, "areas": {"sygedagpenge": {"current": "s1", "curent": "s9"}}}
    _, book = write(tmp_path, codebook=codebook)
    with pytest.raises(IngestError, match=r"unknown field\(s\) \['curent'\]: did you mean current\?"):
        load_codebook(book)


@pytest.mark.parametrize("raw", [3, 3.0, "3", "3.0", " 3 "])
def test_a_code_is_the_same_however_the_export_writes_it(raw):
    from sagstal.ingest.codebook import code_key as _code_key

    assert _code_key(raw) == "3"
    assert _code_key("For højt") == "for højt"


def test_an_unused_checkbox_or_code_column_is_not_called_caseload_like():
    from sagstal.ingest.ledger import Cells
    from sagstal.ingest.quality import unmapped_answer_columns

    frame = pd.DataFrame({"stato_1": ["0", "1", "1", "0"], "region": ["1", "2", "3", "2"],
                          "forgotten": ["34", "ca. 40", "28", "45"], "used": ["30", "31", "32", "33"]})
    assert unmapped_answer_columns(Cells(frame), {"used"}) == ["forgotten"]
