"""The union-representative design (areas in columns): from a survey tool's wide export to one tidy row per respondent x area.

The codebook (one YAML per wave) maps the export's columns and codes to the pipeline's fields,
so that a new wave with other column names needs no code change. Structural problems (a file
that cannot be read, a column the codebook names but the export lacks, duplicate respondent
ids) stop the run with IngestError; row-level problems (an unreadable answer, a code outside
the codebook) become entries in the exclusions ledger and the run continues.

Row numbers: for .csv and .xlsx the spreadsheet row (header = row 1, first respondent = row 2);
for .sav the SPSS case number (first respondent = 1).
"""

from pathlib import Path

import pandas as pd

from ..core.errors import IngestError
from .codebook import Codebook
from .ledger import Ledger, cell_text, check_not_empty, is_blank, missing_columns

ANSWER_COLUMNS = [
    "respondent_id", "source_row", "municipality", "region", "area",
    "current_raw", "current", "current_method",
    "suggested_raw", "suggested", "suggested_method",
    "assessment", "cap", "cap_value_raw", "cap_value", "comment",
]


def check_structure(frame: pd.DataFrame, codebook: Codebook, export: Path, first_row: int) -> None:
    check_not_empty(frame, export)
    missing = [(c, f"{a} {f}".strip()) for c, a, f in codebook.named_columns() if c not in frame.columns]
    if missing:
        raise missing_columns(export, codebook.path, missing, frame.columns)
    ids = frame[codebook.respondent_id].map(cell_text)
    blank = ids[ids == ""]
    if len(blank):
        raise IngestError(
            f"{export}: row {blank.index[0] + first_row}, column '{codebook.respondent_id}': "
            "the respondent id is blank; every respondent needs an id."
        )
    duplicated = ids[ids.duplicated(keep=False)]
    if len(duplicated):
        value = duplicated.iloc[0]
        rows = [str(i + first_row) for i in duplicated[duplicated == value].index]
        raise IngestError(
            f"{export}: rows {', '.join(rows)}, column '{codebook.respondent_id}': respondent id "
            f"{value!r} occurs more than once; remove the duplicate or give each answer its own id."
        )


def tidy(frame: pd.DataFrame, codebook: Codebook, export: Path, first_row: int,
         open_answers: str = "exclude", areas=None,
         plausible: dict | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(answers, exclusions, respondents) from the raw export."""
    check_structure(frame, codebook, export, first_row)
    areas = list(areas) if areas is not None else list(codebook.areas)
    unknown = [a for a in areas if a not in codebook.areas]
    if unknown:
        raise IngestError(f"{codebook.path}: the wave asks area(s) {unknown} that the codebook does not map")
    answers, respondents = [], []
    ledger = Ledger(open_answers, plausible)

    def decode(row, rid, area, column, code_name, raw):
        return ledger.decode(row, rid, area, column, codebook.codes.get(code_name, {}), code_name, raw)

    number = ledger.number
    exclude = ledger.exclude

    for index, record in enumerate(frame.to_dict("records")):
        row = index + first_row
        rid = cell_text(record[codebook.respondent_id])
        region = decode(row, rid, "", codebook.region, "region", record[codebook.region])
        municipality = cell_text(record[codebook.municipality])
        answered = 0
        for area in areas:
            columns = codebook.areas[area]
            cells = {name: record[column] for name, column in columns.items()}
            if all(is_blank(v) for v in cells.values()):
                continue
            answered += 1
            current, current_method = number(row, rid, area, columns.get("current"), cells.get("current"))
            suggested, suggested_method = number(row, rid, area, columns.get("suggested"), cells.get("suggested"))
            cap_value, _ = number(row, rid, area, columns.get("cap_value"), cells.get("cap_value"))
            answers.append({
                "respondent_id": rid, "source_row": row, "municipality": municipality,
                "region": region, "area": area,
                "current_raw": cell_text(cells.get("current")), "current": current,
                "current_method": current_method,
                "suggested_raw": cell_text(cells.get("suggested")), "suggested": suggested,
                "suggested_method": suggested_method,
                "assessment": decode(row, rid, area, columns.get("assessment"), "assessment",
                                     cells.get("assessment")),
                "cap": decode(row, rid, area, columns.get("cap"), "cap", cells.get("cap")),
                "cap_value_raw": cell_text(cells.get("cap_value")), "cap_value": cap_value,
                "comment": cell_text(cells.get("comment")),
            })
        if not answered:
            exclude(row, rid, "", "", "", "no answer in any area asked", scope="row")
        respondents.append({"respondent_id": rid, "source_row": row, "municipality": municipality,
                            "region": region, "areas_answered": answered, "included": answered > 0})
    return (pd.DataFrame(answers, columns=ANSWER_COLUMNS), ledger.frame(), pd.DataFrame(respondents))
