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

import numpy as np
import pandas as pd

from ..core.errors import IngestError
from ..core.tables import ROW_ID
from .codebook import AREA_FIELDS, Codebook
from .ledger import Cells, Ledger, cell_text, check_not_empty, missing_columns

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
    if codebook.respondent_id is None:  # the export has no id: its rows are the ids, unique by construction
        return
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
         plausible: dict | None = None, cells: Cells | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(answers, exclusions, respondents) from the raw export; each column is read as a whole, each
    distinct answer parsed once (sagstal.ingest.ledger.Cells), so large exports cost little more."""
    check_structure(frame, codebook, export, first_row)
    areas = list(areas) if areas is not None else list(codebook.areas)
    unknown = [a for a in areas if a not in codebook.areas]
    if unknown:
        raise IngestError(f"{codebook.path}: the wave asks area(s) {unknown} that the codebook does not map: the "
                          "wave's areas in config.yaml and the codebook's areas must be the same (add the area's "
                          "columns to the codebook, or remove the area from the wave in config.yaml)")
    ledger = Ledger(open_answers, plausible)
    cells = cells or Cells(frame)
    rows = np.arange(len(frame)) + first_row
    rids = (cells.texts(codebook.respondent_id) if codebook.respondent_id
            else np.array([f"{ROW_ID}{row}" for row in rows], dtype=object))
    municipalities = cells.texts(codebook.municipality)
    if "municipality" in codebook.codes:  # a closed question: its codes, named by the export's own labels
        municipalities = ledger.decode_column(municipalities, rows, rids, "", codebook.municipality,
                                              codebook.codes["municipality"], "municipality", order=-2)
        municipalities = np.where(pd.isna(municipalities), "", municipalities).astype(object)
    for column, area, _field in codebook.named_columns():
        declared = cells.declared_missing(column)
        for i in np.flatnonzero(declared != ""):
            ledger.exclude(rows[i], rids[i], area, column, declared[i],
                           "declared missing in the export (SPSS user-missing): no answer", scope="user_missing",
                           order=-3)
    regions = (ledger.decode_column(cells.texts(codebook.region), rows, rids, "", codebook.region,
                                    codebook.codes.get("region", {}), "region", order=-1)
               if codebook.region else np.full(len(frame), None, dtype=object))  # the export asks no region
    blank = np.full(len(frame), "", dtype=object)
    answered_areas = np.zeros(len(frame), dtype=int)
    parts = []
    for position, area in enumerate(areas):
        columns = codebook.areas[area]
        texts = {name: cells.texts(columns[name]) if name in columns else blank for name in AREA_FIELDS}
        answered = np.flatnonzero(np.any([texts[name] != "" for name in columns], axis=0))
        answered_areas[answered] += 1
        at = {name: texts[name][answered] for name in AREA_FIELDS}
        where = (rows[answered], rids[answered], area)
        current, current_method = ledger.number_column(at["current"], *where, columns.get("current"), order=position)
        suggested, suggested_method = ledger.number_column(at["suggested"], *where, columns.get("suggested"),
                                                           order=position)
        cap_value, _ = ledger.number_column(at["cap_value"], *where, columns.get("cap_value"), order=position)
        parts.append(pd.DataFrame({
            "respondent_id": rids[answered], "source_row": rows[answered],
            "municipality": municipalities[answered], "region": regions[answered], "area": area,
            "current_raw": at["current"], "current": current, "current_method": current_method,
            "suggested_raw": at["suggested"], "suggested": suggested, "suggested_method": suggested_method,
            "assessment": ledger.decode_column(at["assessment"], *where, columns.get("assessment"),
                                               codebook.codes.get("assessment", {}), "assessment", order=position),
            "cap": ledger.decode_column(at["cap"], *where, columns.get("cap"), codebook.codes.get("cap", {}), "cap",
                                        order=position),
            "cap_value_raw": at["cap_value"], "cap_value": cap_value, "comment": at["comment"],
            "_area": position,
        }))
    for i in np.flatnonzero(answered_areas == 0):
        ledger.exclude(rows[i], rids[i], "", "", "", "no answer in any area asked", scope="row", order=len(areas))
    answers = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=[*ANSWER_COLUMNS, "_area"])
    del parts  # a large export's answers are held once, not twice
    order = np.lexsort((answers["_area"].to_numpy(), answers["source_row"].to_numpy()))
    respondents = pd.DataFrame({"respondent_id": rids, "source_row": rows, "municipality": municipalities,
                                "region": regions, "areas_answered": answered_areas, "included": answered_areas > 0})
    return answers[ANSWER_COLUMNS].take(order).reset_index(drop=True), ledger.frame(), respondents
