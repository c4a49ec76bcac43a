"""What an export is, found out from the file itself: format, encoding, separator, header row,
decimal comma, answer labels and question texts. Used to scaffold a new wave's codebook.

Handles CSV in UTF-8 (with or without a byte-order mark), UTF-16 (tab-separated, as Excel saves
"Unicode text") and cp1252/Latin-1, separated by ';', ',' or tab; .xlsx; SPSS .sav (value
labels and variable labels); and SurveyXact's export: a Dataset table with a Labels table
(variable, value, label) and a Structure table (variable, question text), as sheets of one
workbook or as files beside each other (dataset.csv, labels.csv, structure.csv).
"""

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..core.errors import IngestError

SEPARATORS = (";", ",", "\t")
DECIMAL_COMMA = re.compile(r"^\s*\d+,\d+\s*$")


@dataclass
class Sniffed:
    """An export as read, and how it had to be read (the codebook's reading settings)."""

    frame: pd.DataFrame
    kind: str  # csv, xlsx, sav, surveyxact
    encoding: str | None = None
    separator: str | None = None
    header_row: int = 1
    sheet: str | None = None
    decimal_comma: bool = False
    value_labels: dict = field(default_factory=dict)  # column -> {code: label}
    question_texts: dict = field(default_factory=dict)  # column -> question text

    def reading_settings(self) -> dict:
        """The codebook entries that make the pipeline read the export the same way."""
        settings = {}
        if self.kind == "csv":
            settings["encoding"] = self.encoding
            settings["separator"] = self.separator
        if self.sheet:
            settings["sheet"] = self.sheet
        return settings


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): a byte-order mark decides; else UTF-8 if it decodes, else cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def separator_of(lines: list[str]) -> str:
    """The separator that splits the first lines into the same, largest number of fields."""
    def fields(line, sep):
        return len(next(csv.reader([line], delimiter=sep)))

    scores = {}
    for sep in SEPARATORS:
        counts = Counter(fields(line, sep) for line in lines if line.strip())
        common, seen = counts.most_common(1)[0] if counts else (1, 0)
        scores[sep] = (common > 1, seen, common)
    return max(SEPARATORS, key=lambda sep: scores[sep])


def _csv(path: Path) -> Sniffed:
    text, encoding = decode(path.read_bytes())
    lines = text.splitlines()[:50]
    if not lines:
        raise IngestError(f"{path}: the file is empty")
    separator = separator_of(lines)
    rows = list(csv.reader(io.StringIO(text), delimiter=separator))
    width = Counter(len(r) for r in rows if any(c.strip() for c in r)).most_common(1)[0][0]
    header = next(i for i, r in enumerate(rows) if len(r) == width and all(c.strip() for c in r))
    frame = pd.DataFrame([r for r in rows[header + 1:] if any(c.strip() for c in r)], columns=rows[header])
    return Sniffed(frame, "csv", encoding, separator, header + 1,
                   decimal_comma=any(DECIMAL_COMMA.match(v) for v in frame.to_numpy().ravel() if isinstance(v, str)))


def _labels_table(table: pd.DataFrame) -> dict:
    """{variable: {value: label}} from a SurveyXact Labels table (columns found by their names)."""
    names = {c.casefold(): c for c in table.columns}
    variable = next((names[n] for n in names if "variab" in n), table.columns[0])
    value = next((names[n] for n in names if "value" in n or "værdi" in n or "kode" in n), table.columns[1])
    label = next((names[n] for n in names if "label" in n or "tekst" in n), table.columns[2])
    labels = {}
    for row in table.itertuples(index=False):
        record = dict(zip(table.columns, row))
        labels.setdefault(str(record[variable]), {})[str(record[value])] = str(record[label])
    return labels


def _structure_table(table: pd.DataFrame) -> dict:
    """{variable: question text} from a SurveyXact Structure table."""
    names = {c.casefold(): c for c in table.columns}
    variable = next((names[n] for n in names if "variab" in n), table.columns[0])
    text = next((names[n] for n in names if n != variable.casefold() and ("label" in n or "tekst" in n
                                                                          or "text" in n or "spørgsmål" in n)),
                table.columns[1])
    return {str(v): str(t) for v, t in zip(table[variable], table[text])}


def _table(path: Path) -> pd.DataFrame:
    return _csv(path).frame if path.suffix.lower() == ".csv" else pd.read_excel(path, dtype=str, keep_default_na=False)


def sniff_export(path) -> Sniffed:
    """Read any supported export and say how it must be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".sav":
            import pyreadstat

            frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=False)
            labels = {c: {_code(k): v for k, v in m.items()} for c, m in meta.variable_value_labels.items()}
            return Sniffed(frame, "sav", value_labels=labels, question_texts=dict(meta.column_names_to_labels))
        if suffix == ".xlsx":
            sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False)
            by_name = {name.casefold(): name for name in sheets}
            if "dataset" in by_name:
                return Sniffed(sheets[by_name["dataset"]], "surveyxact", sheet=by_name["dataset"],
                               value_labels=_labels_table(sheets[by_name["labels"]]) if "labels" in by_name else {},
                               question_texts=(_structure_table(sheets[by_name["structure"]])
                                               if "structure" in by_name else {}))
            first = next(iter(sheets))
            return Sniffed(sheets[first], "xlsx", sheet=None)
        if suffix in (".csv", ".txt"):
            sniffed = _csv(path)
            siblings = {p.stem.casefold(): p for p in path.parent.iterdir() if p.suffix.lower() in (".csv", ".xlsx")}
            if path.stem.casefold() == "dataset" and ("labels" in siblings or "structure" in siblings):
                sniffed.kind = "surveyxact"
                if "labels" in siblings:
                    sniffed.value_labels = _labels_table(_table(siblings["labels"]))
                if "structure" in siblings:
                    sniffed.question_texts = _structure_table(_table(siblings["structure"]))
            return sniffed
    except IngestError:
        raise
    except Exception as error:
        raise IngestError(f"{path}: cannot be read as {suffix} ({' '.join(str(error).split())})") from None
    raise IngestError(f"{path}: unknown export type {suffix!r}; expected .csv, .xlsx or .sav")


def _code(value) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
