"""The exclusions ledger: every raw cell or row not used, with the reason, instead of a silent drop."""

from pathlib import Path

import numpy as np
import pandas as pd

from ..core.errors import IngestError
from ..core.parsing import AnswerError, parse_caseload
from .codebook import NO_ANSWER, code_key

EXCLUSION_COLUMNS = ["source_row", "respondent_id", "area", "column", "raw_value", "scope", "reason"]


def is_blank(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == ""


def cell_text(value) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def unknown_code(text: str, name: str, codes: dict) -> str:
    return f"code {text!r} is not in the codebook's {name} codes {sorted(codes)}"


class Ledger:
    """The exclusions ledger of one ingest, and the readers that write to it instead of failing."""

    def __init__(self, open_answers: str = "exclude", plausible: dict | None = None):
        self.entries: list[dict] = []
        self.open_answers = open_answers
        self.plausible = plausible

    def exclude(self, row, rid, area, column, raw, reason, scope="cell", order=0) -> None:
        """One ledger entry; `order` places it within its row (the ledger lists rows in export order)."""
        self.entries.append({"source_row": row, "respondent_id": rid, "area": area or "", "column": column,
                             "raw_value": raw, "scope": scope, "reason": reason, "order": order})

    def decode_column(self, texts: np.ndarray, rows, rids, area, column, codes: dict, name: str, order=0):
        """decode() for a whole column at once: each distinct text is looked up once."""
        meanings, unknown = {}, set()
        for text in pd.unique(texts):
            key = code_key(text) if text else None
            meanings[text] = codes.get(key) if key is not None else None
            if text and key not in codes:
                unknown.add(text)
            if meanings[text] == NO_ANSWER:  # a code that is no answer ("ved ikke" in an assessment)
                meanings[text] = None
        decoded = np.array([meanings[t] for t in texts], dtype=object)
        for i in np.flatnonzero([t in unknown for t in texts]):
            self.exclude(rows[i], rids[i], area, column, texts[i], unknown_code(texts[i], name, codes), order=order)
        return decoded

    def number_column(self, texts: np.ndarray, rows, rids, area, column, order=0):
        """number() for a whole column at once: each distinct typed answer is parsed once, so the
        cost grows with the distinct answers, not the rows. (values, methods) as arrays."""
        read = {}
        for text in pd.unique(texts):
            entries = []
            value, method = self.number(None, None, area, column, text, into=entries)
            read[text] = (value, method, entries)
        values = np.array([read[t][0] if read[t][0] is not None else np.nan for t in texts], dtype=float)
        methods = np.array([read[t][1] for t in texts], dtype=object)
        for i in np.flatnonzero([bool(read[t][2]) for t in texts]):
            for entry in read[texts[i]][2]:
                self.entries.append({**entry, "source_row": rows[i], "respondent_id": rids[i], "order": order})
        return values, methods

    def decode(self, row, rid, area, column, codes: dict, name: str, raw):
        """A coded answer through the codebook's codes; a code outside them is a ledger entry."""
        if is_blank(raw):
            return None
        key = code_key(raw)
        if key in codes:
            return None if codes[key] == NO_ANSWER else codes[key]  # "Ved ikke": no answer, as a blank
        self.exclude(row, rid, area, column, cell_text(raw), unknown_code(cell_text(raw), name, codes))
        return None

    def number(self, row, rid, area, column, raw, into: list | None = None):
        """(value, method) of a typed caseload; an unreadable one is a ledger entry (in `into` if given)."""
        entries = self.entries if into is None else into

        def exclude(reason, scope="cell"):
            entries.append({"source_row": row, "respondent_id": rid, "area": area or "", "column": column,
                            "raw_value": cell_text(raw), "scope": scope, "reason": reason, "order": 0})

        try:
            parsed = parse_caseload(raw, self.open_answers)
        except AnswerError as error:
            exclude(str(error))
            return None, "excluded"
        limits = self.plausible
        if limits and parsed.value is not None and not limits["min"] <= parsed.value <= limits["max"]:
            reason = f"caseload {parsed.value:g} outside the plausible range {limits['min']}-{limits['max']}"
            if limits.get("action", "exclude") == "exclude":
                exclude(reason)
                return None, "excluded"
            exclude(f"{reason}; kept (flag only)", scope="flag")
        return parsed.value, parsed.method

    def frame(self) -> pd.DataFrame:
        """The ledger in export order: by row, and within a row in the order the cells were read."""
        entries = pd.DataFrame(self.entries, columns=[*EXCLUSION_COLUMNS, "order"])
        return entries.sort_values(["source_row", "order"], kind="stable")[EXCLUSION_COLUMNS].reset_index(drop=True)


class Cells:
    """The text of every cell of an export, worked out once per distinct value of each column and
    kept, so that reading the answers and the quality gate do not repeat the work."""

    def __init__(self, frame: pd.DataFrame, missing: dict | None = None):
        self.frame = frame
        self.missing = missing or {}  # column -> codes the export declares missing (SPSS user-missing)
        self._factorized = {}

    def distinct(self, column) -> tuple[np.ndarray, np.ndarray]:
        """(codes, texts): each cell's index into the texts of the column's distinct values; a
        missing cell points at the last text, which is empty. A declared missing code reads as
        empty: it is no answer (tidy() lists each in the ledger)."""
        if column not in self._factorized:
            codes, uniques = pd.factorize(self.frame[column], use_na_sentinel=True)
            raw = np.array([cell_text(u) for u in uniques] + [""], dtype=object)
            declared = np.isin(raw, list(self.missing.get(column, ())))
            self._factorized[column] = (codes.astype(np.int32), np.where(declared, "", raw),  # int32: half the memory
                                        np.where(declared, raw, ""))
        return self._factorized[column][:2]

    def texts(self, column) -> np.ndarray:
        codes, texts = self.distinct(column)
        return texts[codes]

    def declared_missing(self, column) -> np.ndarray:
        """The raw text of each cell holding a declared missing code, '' elsewhere."""
        codes, _ = self.distinct(column)
        return self._factorized[column][2][codes]


def squeezed(name) -> str:
    """A name without case, spaces or punctuation: 'Q1_1', 'q1-1' and 'Q1 1 ' are one name."""
    return "".join(ch for ch in str(name).casefold() if ch.isalnum())


def missing_columns(export: Path, codebook_path: Path, missing: list[tuple[str, str]], present) -> IngestError:
    """The error for codebook columns the export lacks, with the near misses a person would not see:
    a trailing space, another case, a byte-order mark, or one header holding every column (the
    separator is not the codebook's)."""
    present = [str(c) for c in present]
    by_shape = {squeezed(c): c for c in present}
    listed = "; ".join(f"'{column}' ({what})" for column, what in missing)
    hints = [f"'{column}' is in the export as {by_shape[squeezed(column)]!r}" for column, _ in missing
             if squeezed(column) in by_shape and by_shape[squeezed(column)] != column]
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
