"""The exclusions ledger: every raw cell or row not used, with the reason, instead of a silent drop."""

from pathlib import Path

import pandas as pd

from ..core.errors import IngestError
from ..core.parsing import AnswerError, parse_caseload
from .codebook import code_key

EXCLUSION_COLUMNS = ["source_row", "respondent_id", "area", "column", "raw_value", "scope", "reason"]


def is_blank(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == ""


def cell_text(value) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class Ledger:
    """The exclusions ledger of one ingest, and the readers that write to it instead of failing."""

    def __init__(self, open_answers: str = "exclude", plausible: dict | None = None):
        self.entries: list[dict] = []
        self.open_answers = open_answers
        self.plausible = plausible

    def exclude(self, row, rid, area, column, raw, reason, scope="cell") -> None:
        self.entries.append({"source_row": row, "respondent_id": rid, "area": area or "", "column": column,
                             "raw_value": raw, "scope": scope, "reason": reason})

    def decode(self, row, rid, area, column, codes: dict, name: str, raw):
        """A coded answer through the codebook's codes; a code outside them is a ledger entry."""
        if is_blank(raw):
            return None
        key = code_key(raw)
        if key in codes:
            return codes[key]
        self.exclude(row, rid, area, column, cell_text(raw),
                     f"code {cell_text(raw)!r} is not in the codebook's {name} codes {sorted(codes)}")
        return None

    def number(self, row, rid, area, column, raw):
        """(value, method) of a typed caseload; an unreadable one is a ledger entry."""
        try:
            parsed = parse_caseload(raw, self.open_answers)
        except AnswerError as error:
            self.exclude(row, rid, area, column, cell_text(raw), str(error))
            return None, "excluded"
        limits = self.plausible
        if limits and parsed.value is not None and not limits["min"] <= parsed.value <= limits["max"]:
            reason = f"caseload {parsed.value:g} outside the plausible range {limits['min']}-{limits['max']}"
            if limits["action"] == "exclude":
                self.exclude(row, rid, area, column, cell_text(raw), reason)
                return None, "excluded"
            self.exclude(row, rid, area, column, cell_text(raw), f"{reason}; kept (flag only)", scope="flag")
        return parsed.value, parsed.method

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.entries, columns=EXCLUSION_COLUMNS)


def _squeezed(name) -> str:
    return "".join(ch for ch in str(name).casefold() if ch.isalnum())


def missing_columns(export: Path, codebook_path: Path, missing: list[tuple[str, str]], present) -> IngestError:
    """The error for codebook columns the export lacks, with the near misses a person would not see:
    a trailing space, another case, a byte-order mark, or one header holding every column (the
    separator is not the codebook's)."""
    present = [str(c) for c in present]
    by_shape = {_squeezed(c): c for c in present}
    listed = "; ".join(f"'{column}' ({what})" for column, what in missing)
    hints = [f"'{column}' is in the export as {by_shape[_squeezed(column)]!r}" for column, _ in missing
             if _squeezed(column) in by_shape and by_shape[_squeezed(column)] != column]
    if len(present) == 1 and any(sep in present[0] for sep in ";,\t"):
        hints.append("the whole header is read as one column: set separator in the codebook to the file's own")
    if any("ï»¿" in c or "\ufeff" in c for c in present):
        hints.append("the header starts with a byte-order mark read as text: remove 'encoding' from the codebook "
                     "(the file is UTF-8)")
    return IngestError(f"{export}: column(s) {listed} named in the codebook {codebook_path} are not in the export"
                       + (f" ({'; '.join(hints)})" if hints else "")
                       + f". Columns present: {', '.join(present)}.")


def check_not_empty(frame: pd.DataFrame, export: Path) -> None:
    if frame.empty:
        raise IngestError(f"{export}: the export has a header but no respondent rows.")
