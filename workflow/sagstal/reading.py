"""One entry point for every survey design: the codebook's `layout` picks the reader."""

from pathlib import Path

import pandas as pd

from .caseworkers import CASE_TYPE_COLUMNS, load_caseworker_codebook, tidy_caseworkers
from .ingest import IngestError, load_codebook, read_codebook_yaml, read_export, tidy

LAYOUTS = ("areas_in_columns", "caseworkers")


def ingest(export, codebook_path, settings: dict, open_answers: str) -> dict:
    """{answers, exclusions, respondents, case_types} of one wave's export."""
    export, codebook_path = Path(export), Path(codebook_path)
    raw = read_codebook_yaml(codebook_path)
    layout = raw.get("layout", "areas_in_columns")
    if layout not in LAYOUTS:
        raise IngestError(f"{codebook_path}: layout {layout!r} is not one of {LAYOUTS}")
    if layout == "caseworkers":
        codebook = load_caseworker_codebook(codebook_path, raw)
        frame, first_row = read_export(export, codebook.encoding, codebook.sheet, codebook.separator)
        answers, exclusions, respondents, case_types = tidy_caseworkers(
            frame, codebook, export, first_row, settings, open_answers)
    else:
        codebook = load_codebook(codebook_path)
        frame, first_row = read_export(export, codebook.encoding, codebook.sheet, codebook.separator)
        answers, exclusions, respondents = tidy(frame, codebook, export, first_row, open_answers,
                                                sorted(settings["areas"]), settings.get("plausible_caseload"))
        case_types = pd.DataFrame(columns=CASE_TYPE_COLUMNS)
    named = {column for column, *_ in codebook.named_columns()}
    return {"answers": answers, "exclusions": exclusions, "respondents": respondents, "case_types": case_types,
            "unmapped": [c for c in frame.columns if c not in named]}
