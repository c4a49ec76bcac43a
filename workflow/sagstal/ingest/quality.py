"""The quality gate: an export that looks wrong stops the run before any figure is computed.

Each gate measures one way an export can be read "successfully" and still give wrong figures:
text decoded with the wrong encoding ("For hÃ¸jt" for "For højt"), a codebook whose codes are
not the export's (numbers against labels), rows with more or fewer fields than the header, Excel
dates where numbers belong, and an area where many answers could not be used. The thresholds are
in config.yaml (`quality`); every gate's result is written to quality.csv and shown in the report.
"""

import re

import numpy as np
import pandas as pd

from ..core.errors import IngestError
from ..core.parsing import caseload_share
from .codebook import Role, code_key
from .fte import HOURS_REASON
from .ledger import Cells

# UTF-8 bytes of æ, ø, å, Æ, Ø, Å (and other non-ASCII letters) read as Latin-1 or cp1252.
MOJIBAKE = re.compile("Ã[\u0080-\u00bf˜…†‰Š‹ŒŽ‘’“”•–—™š›œžŸ]|â€|Â[\u00a0-\u00bf]")
EXCEL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]00:00:00)?$")
QUALITY_COLUMNS = ["gate", "column", "measured", "threshold", "status", "detail"]
DEFAULTS = {"max_unknown_code_share": 0.2, "max_excluded_share": 0.2, "mojibake_cells": 0, "excel_date_cells": 0}
EXAMPLES = 3


def _examples(cells: list[tuple[int, str]]) -> str:
    return ", ".join(f"row {row}: {value!r}" for row, value in cells[:EXAMPLES])


def check_export(cells: Cells, roles: list[Role], codes: dict, first_row: int, export, codebook_path,
                 encoding: str | None, thresholds: dict) -> list[dict]:
    """The gates on the raw export; stops with one message naming what to change when one fails.
    Each test runs once per distinct value of a column, not once per cell."""
    limits = DEFAULTS | (thresholds or {})
    results, failures = [], []
    frame = cells.frame

    garbled = _cells_where(cells, frame.columns, lambda text: bool(MOJIBAKE.search(text)), first_row)
    detail = ""
    if garbled:
        column, row, value = garbled[0]
        detail = (f"{len(garbled)} cell(s) look mis-decoded, e.g. column '{column}' row {row}: {value!r}. The file "
                  f"is UTF-8 but was read as {encoding or 'another encoding'}: set encoding: utf-8 in {codebook_path} "
                  "(or remove the encoding line)")
    results.append(_result("decoding", "", len(garbled), limits["mojibake_cells"], detail))

    numbers = {role.column: role for role in roles if role.kind == "number" and role.column in frame}
    dated = _cells_where(cells, numbers, lambda text: bool(text) and bool(EXCEL_DATE.match(text)), first_row)
    detail = ""
    if dated:
        column, row, value = dated[0]
        role = numbers[column]
        detail = (f"{len(dated)} cell(s) in number columns hold dates, e.g. column '{role.column}' ({role.label}) "
                  f"row {row}: {value!r}. Excel turns typed answers such as '3-5' into dates: format the answer "
                  "columns as Text in Excel, or export CSV from the survey tool, and export again")
    results.append(_result("excel_dates", "", len(dated), limits["excel_date_cells"], detail))

    for role in roles:
        if role.kind != "code" or role.column not in frame:
            continue
        known = codes.get(role.codes, {})
        texts = pd.Series(cells.texts(role.column))
        counts = texts[texts != ""].value_counts()
        strangers = counts[[code_key(v) not in known for v in counts.index]]
        values, unknown = int(counts.sum()), int(strangers.sum())
        share = unknown / values if values else 0.0
        detail = ""
        if unknown:
            seen = sorted(strangers.index)[:6]
            detail = (f"column '{role.column}' ({role.label}): {unknown} of {values} values are not among "
                      f"the codebook's {role.codes} codes {sorted(known)}; found {seen}. The codebook "
                      f"({codebook_path}) must map the export's own values, e.g. {role.codes}: "
                      f"{{{seen[0]!r}: ...}}")
        results.append(_result("unknown_codes", role.column, round_share(share), limits["max_unknown_code_share"],
                               detail))
    for result in results:
        if result["status"] == "failed":
            failures.append(result["detail"])
    if failures:
        raise IngestError(f"{export}: the export fails the quality gate, so no figure is computed:\n  - "
                          + "\n  - ".join(failures))
    return results


def _cells_where(cells: Cells, columns, test, first_row: int) -> list[tuple[str, int, str]]:
    """(column, row, text) of the cells whose text passes `test`, judged once per distinct value."""
    found = []
    for column in columns:
        codes, texts = cells.distinct(column)
        hits = [i for i, text in enumerate(texts) if test(text)]
        if hits:
            found += [(column, int(row) + first_row, texts[codes[row]]) for row in np.flatnonzero(np.isin(codes, hits))]
    return found


def check_exclusions(answers: pd.DataFrame, exclusions: pd.DataFrame, export, thresholds: dict) -> list[dict]:
    """Per area: the share of its answers with a cell that could not be used (unreadable, unknown code,
    implausible and excluded, or a caseload lost because its weekly hours could not be read).
    Above the threshold the area's figures would rest on too little."""
    limit = (DEFAULTS | (thresholds or {}))["max_excluded_share"]
    lost = (exclusions["scope"] == "cell") | ((exclusions["scope"] == "caseload")
                                              & exclusions["reason"].astype(str).str.startswith(HOURS_REASON))
    cells = exclusions[lost & (exclusions["area"].fillna("") != "")]  # a caseload lost to unreadable hours too
    results, failures = [], []
    for area, rows in answers.groupby("area", sort=True):
        bad = cells[cells["area"] == area]
        affected = bad["source_row"].nunique()
        share = affected / rows["source_row"].nunique()
        detail = ""
        if share > limit:
            examples = "; ".join(f"row {r.source_row}, column '{r.column}': {r.raw_value!r} ({r.reason})"
                                 for r in bad.head(EXAMPLES).itertuples())
            detail = (f"area {area}: {affected} of {rows['source_row'].nunique()} answers have a cell that could not "
                      f"be used ({share:.0%}, more than {limit:.0%}), e.g. {examples}. See exclusions.csv; fix the "
                      "export or the codebook, or raise quality.max_excluded_share in config.yaml")
            failures.append(detail)
        results.append(_result("excluded_share", area, round_share(share), limit, detail, failed=share > limit))
    if failures:
        raise IngestError(f"{export}: too many answers could not be used, so no figure is computed:\n  - "
                          + "\n  - ".join(failures))
    return results


# Codes and checkboxes (0/1 "Ikke valgt"/"Valgt", 1-3 for a closed question) are single digits; a
# column of caseloads has answers of 10 or more.
CODE_LIKE_BELOW = 10


def unmapped_answer_columns(cells: Cells, named: set) -> list[str]:
    """Export columns the codebook does not use whose values look like caseload answers: a warning,
    since a forgotten column silently leaves answers out. A column of single digits only is a
    code or a checkbox (SurveyXact's status columns), not caseloads."""
    found = []
    for column in cells.frame.columns:
        if column in named:
            continue
        texts = [t for t in cells.distinct(column)[1] if t][:200]
        numbers = pd.to_numeric(pd.Series(texts, dtype=object).str.replace(",", ".", regex=False), errors="coerce")
        if caseload_share(texts) >= 0.8 and not (numbers.abs() < CODE_LIKE_BELOW).all():
            found.append(str(column))
    return found


def round_share(share: float) -> float:
    """A share as printed in quality.csv: four decimals, enough to compare with a threshold."""
    return float(f"{share:.4f}")


def _result(gate: str, column: str, measured, threshold, detail: str, failed: bool | None = None) -> dict:
    failed = measured > threshold if failed is None else failed
    return {"gate": gate, "column": column, "measured": measured, "threshold": threshold,
            "status": "failed" if failed else "passed", "detail": detail}
