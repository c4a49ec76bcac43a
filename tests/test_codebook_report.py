"""The codebook per wave (kodebog.xlsx): each export column's role, codes and counts, and no answers."""

import pandas as pd
import pytest
from openpyxl import load_workbook

from sagstal.ingest.codebook import Role
from sagstal.ingest.columns import codebook_table
from sagstal.ingest.ledger import EXCLUSION_COLUMNS, Cells
from sagstal.render.excel import field_label


def test_columns_codes_and_left_out_cells_are_counted():
    frame = pd.DataFrame({"id": ["resp-101", "resp-102", "resp-103", "resp-104"], "Q1_1": ["30", "x", None, "40"],
                          "Q1_2": [3, 3, 1, None], "extra": ["", "", "", "1"]})
    roles = [Role("id", "respondent id", "id"), Role("Q1_1", "boerne-familie current", "number"),
             Role("Q1_2", "boerne-familie assessment", "code", "assessment")]
    exclusions = pd.DataFrame([{"source_row": 3, "respondent_id": "resp-102", "area": "boerne-familie", "column": "Q1_1",
                                "raw_value": "x", "scope": "cell",
                                "reason": "not a number, range or approximation ('ring til Hanne')"}], columns=EXCLUSION_COLUMNS)
    table = codebook_table(Cells(frame), roles, {"assessment": {"1": "too_low", "3": "too_high"}}, exclusions)
    columns = table[table["code"] == ""].set_index("column")
    assert columns.loc["Q1_1", ["filled", "used", "left_out"]].tolist() == [3, 2, 1]
    ledger = table[table["kind"] == "ledger"]
    assert ledger[["column", "code", "meaning", "count"]].values.tolist() == [["Q1_1", "cell", "", 1]]  # no raw text
    assert columns.loc["Q1_2", ["kind", "filled", "used"]].tolist() == ["code", 3, 3]
    assert columns.loc["extra", ["kind", "filled", "used"]].tolist() == ["unused", 1, 0]
    codes = table[(table["code"] != "") & (table["kind"] == "code")].set_index("code")
    assert codes.loc["3", ["meaning", "count"]].tolist() == ["too_high", 2]
    assert codes.loc["1", "count"] == 1
    assert "resp-" not in table.to_csv() and "Hanne" not in table.to_csv()  # no respondent id or answer


def test_field_labels_are_danish():
    labels = {"boerne-familie": "Børne-familieområdet", "paragraf-56": "§ 56-sager"}
    assert field_label("boerne-familie assessment", labels) == "Børne-familieområdet: vurdering af sagstallet"
    assert field_label("case type paragraf-56", labels) == "antal sager af sagstypen: § 56-sager"
    assert field_label("municipality", labels) == "kommune"


@pytest.mark.e2e
@pytest.mark.parametrize("wave", ["2015", "2023"])
def test_each_wave_has_a_codebook_whose_code_counts_add_up(project, wave):
    book = load_workbook(project / f"reports/{wave}/kodebog.xlsx", read_only=True)
    columns = [r for r in book["Kolonner"].iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    codes = [r for r in book["Koder"].iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    export = pd.read_csv(project / f"data/processed/{wave}/codebook.csv", encoding="utf-8-sig")
    assert len(columns) == export["position"].nunique()  # every export column, once
    filled = {r[0]: r[4] for r in columns}
    for position in {r[0] for r in codes}:
        assert sum(r[5] for r in codes if r[0] == position) <= filled[position]
    if wave == "2023":  # region: every row has one of the three codes
        region = [r for r in codes if r[1] == "Region"]
        assert [r[4] for r in region] == ["Region Nord", "Region Øst", "Region Syd"]
        assert sum(r[5] for r in region) == filled[region[0][0]] == 217
