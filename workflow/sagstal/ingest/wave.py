"""One wave's export in, tidy tables out: the codebook's `layout` picks the reader for the survey design."""

import datetime as dt
import hashlib
import sys
from pathlib import Path

import pandas as pd

from ..core.errors import IngestError
from ..core.files import read_csv, write_csv
from ..core.free_text import scrub
from ..core.job import log
from ..core.tables import map_texts
from .areas_in_columns import tidy
from .caseworkers import CASE_TYPE_COLUMNS, load_caseworker_codebook, tidy_caseworkers
from .codebook import load_codebook, read_codebook_yaml
from .columns import codebook_table
from .ledger import Cells
from .quality import QUALITY_COLUMNS, check_exclusions, check_export, unmapped_answer_columns
from .reader import read_export

LAYOUTS = ("areas_in_columns", "caseworkers")
TABLES = ("answers", "exclusions", "respondents", "case_types")
TYPED = ("comment", "raw_value", "reason")  # besides every *_raw column: what a respondent typed, or quotes it


def scrubbed(table: pd.DataFrame, municipalities=()) -> pd.DataFrame:
    """The table with every typed text scrubbed of identifiers, these municipalities' names and
    hidden characters (core.free_text): a CPR number or "i Århus" in a comment never leaves data/raw/."""
    return map_texts(table, lambda text: scrub(text, municipalities),
                     [c for c in table.columns if c.endswith("_raw") or c in TYPED])


def read_wave(export, codebook_path, settings: dict, open_answers: str) -> dict:
    """{answers, exclusions, respondents, case_types, unmapped} of one wave's export."""
    export, codebook_path = Path(export), Path(codebook_path)
    raw = read_codebook_yaml(codebook_path)
    layout = raw.get("layout", "areas_in_columns")
    if layout not in LAYOUTS:
        raise IngestError(f"{codebook_path}: layout {layout!r} is not one of {LAYOUTS}")
    if layout == "caseworkers":
        codebook = load_caseworker_codebook(codebook_path, raw)
        read = read_export(export, codebook)
        frame, first_row = read.frame, read.first_row
        cells = Cells(frame)
        answers, exclusions, respondents, case_types = tidy_caseworkers(
            frame, codebook, export, first_row, settings, open_answers)
    else:
        codebook = load_codebook(codebook_path)
        read = read_export(export, codebook)
        frame, first_row = read.frame, read.first_row
        cells = Cells(frame, read.missing)
        answers, exclusions, respondents = tidy(frame, codebook, export, first_row, open_answers,
                                                sorted(settings["areas"]), settings.get("plausible_caseload"), cells)
        case_types = pd.DataFrame(columns=CASE_TYPE_COLUMNS)
    named = {column for column, *_ in codebook.named_columns()}
    return {"answers": answers, "exclusions": exclusions, "respondents": respondents, "case_types": case_types,
            "unmapped": [c for c in frame.columns if c not in named], "cells": cells, "first_row": first_row,
            "codebook": codebook}


def quality_gate(tables: dict, export, codebook_path, thresholds: dict) -> pd.DataFrame:
    """Every gate of sagstal.ingest.quality on a read wave; stops the run when one fails."""
    codebook = tables["codebook"]
    gates = check_export(tables["cells"], codebook.roles(), codebook.codes, tables["first_row"], export,
                         codebook_path, codebook.encoding, thresholds)
    gates += check_exclusions(tables["answers"], tables["exclusions"], export, thresholds)
    named = {column for column, *_ in codebook.named_columns()}
    for column in unmapped_answer_columns(tables["cells"], named):
        gates.append({"gate": "unmapped_answers", "column": column, "measured": None, "threshold": None,
                      "status": "warning",
                      "detail": f"column '{column}' holds caseload-like answers but the codebook does not use it"})
    return pd.DataFrame(gates, columns=QUALITY_COLUMNS)


def source_table(export) -> pd.DataFrame:
    """The export a report was built from: its checksum and date, printed in every report."""
    path = Path(export)
    with path.open("rb") as handle:  # streamed: a large export is not held in memory a second time
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    stat = path.stat()
    modified = dt.datetime.fromtimestamp(stat.st_mtime).strftime("%Y-%m-%d %H:%M")
    return pd.DataFrame([{"export": str(export), "bytes": stat.st_size, "sha256": digest, "modified": modified}])


def run_summary(respondents: pd.DataFrame, exclusions: pd.DataFrame, answers: pd.DataFrame | None = None,
                unmapped: list | None = None) -> pd.DataFrame:
    """Rows read, used and excluded per reason (read = used + excluded, always); how answers were
    read (numbers, ranges, approximations, non-answers such as "ved ikke"); unused export columns."""
    excluded_rows = exclusions[exclusions["scope"] == "row"]
    rows = [("rows_read", "", len(respondents)),
            ("rows_used", "", int(respondents["included"].sum())),
            ("rows_excluded", "", len(excluded_rows))]
    rows += [("rows_excluded", reason, count) for reason, count in excluded_rows["reason"].value_counts().items()]
    for scope, entries in exclusions[exclusions["scope"] != "row"].groupby("scope"):
        measure = "cells_excluded" if scope == "cell" else f"{scope}_entries"
        rows += [(measure, reason, count) for reason, count in entries["reason"].value_counts().items()]
    for question in ("current", "suggested"):
        if answers is not None and f"{question}_method" in answers:
            methods = answers[f"{question}_method"].value_counts()
            rows += [(f"{question}_answers", method, int(count)) for method, count in methods.items()]
    if unmapped:
        rows.append(("unmapped_columns", "; ".join(map(str, unmapped)), len(unmapped)))
    summary = pd.DataFrame(rows, columns=["measure", "reason", "count"])
    if summary.iloc[0]["count"] != summary.iloc[1]["count"] + summary.iloc[2]["count"]:
        raise AssertionError(f"rows read != used + excluded:\n{summary}")
    return summary


def ingest(job) -> None:
    """Rule ingest: raw export -> answers, exclusions ledger, respondents, run summary, quality gate,
    and what each export column held (codebook.csv)."""
    tables = read_wave(job.input.export, job.input.codebook, job.params.settings, job.params.open_answers)
    municipalities = read_csv(job.input.municipalities)["municipality"].tolist()
    tables.update({name: scrubbed(tables[name], municipalities) for name in TABLES})
    gates = quality_gate(tables, job.input.export, job.input.codebook, job.params.quality)
    codebook = tables["codebook"]
    write_csv(codebook_table(tables["cells"], codebook.roles(), codebook.codes, tables["exclusions"]),
              job.output.codebook)
    del tables["cells"]  # the raw export is no longer needed: a large one's memory is freed before writing
    for warning in gates[gates["status"] == "warning"].itertuples():
        log.warning("%s", warning.detail)
        print(f"sagstal: warning: {job.input.export}: {warning.detail}", file=sys.stderr)
    summary = run_summary(tables["respondents"], tables["exclusions"], tables["answers"], tables["unmapped"])
    if tables["unmapped"]:
        log.warning("export columns the codebook does not use: %s", ", ".join(map(str, tables["unmapped"])))
    log.info("run summary of %s:\n%s", job.input.export, summary.to_string(index=False))
    for name in TABLES:
        write_csv(tables[name], job.output[name])
    write_csv(summary, job.output.run_summary)
    write_csv(gates, job.output.quality)
    write_csv(source_table(job.input.export), job.output.source)
