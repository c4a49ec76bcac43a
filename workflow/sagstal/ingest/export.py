"""Reading a survey tool's export (.sav, .xlsx, .csv) as text cells, with clear errors."""

import csv
from pathlib import Path

import pandas as pd

from ..core.errors import IngestError


def read_export(path, encoding: str | None = None, sheet=None, separator: str = ",",
                header_row: int = 1) -> tuple[pd.DataFrame, int]:
    """The export as text cells (codes as they are stored), and the row number of its first record.
    header_row: the spreadsheet row holding the column names (rows above it are a title, skipped)."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".sav":
            import pyreadstat

            # one process: pyreadstat's multiprocessing reader saves a second at 217,000 rows but holds
            # the chunks and their concatenation at once (measured: 968 against 844 MiB peak)
            frame, _meta = pyreadstat.read_sav(str(path), encoding=encoding, apply_value_formats=False)
            return frame, 1
        if suffix == ".csv":
            encoding = encoding or "utf-8-sig"  # a byte-order mark is not part of the first column's name
            check_field_counts(path, encoding, separator, header_row)
            return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding, sep=separator,
                               skiprows=header_row - 1), header_row + 1
        if suffix == ".xlsx":
            return pd.read_excel(path, dtype=str, keep_default_na=False, sheet_name=sheet or 0,
                                 header=header_row - 1), header_row + 1
    except UnicodeDecodeError as error:
        raise IngestError(
            f"{path}: cannot be read as {encoding or 'utf-8'} (byte {error.start}); "
            "set 'encoding' in the codebook (for example latin-1)"
        ) from None
    except Exception as error:  # the reader's own message, with the file named
        detail = " ".join(str(error).split())
        raise IngestError(f"{path}: cannot be read as {suffix} ({detail}){_separator_hint(path, separator)}") from None
    raise IngestError(f"{path}: unknown export type {suffix!r}; expected .sav, .xlsx or .csv")


def check_field_counts(path: Path, encoding: str, separator: str, header_row: int = 1) -> None:
    """Every row of a CSV has as many fields as its header: a row cut short would otherwise be read
    with its later answers blank, and a row with a stray separator with its answers shifted."""
    with open(path, encoding=encoding, newline="") as handle:
        records = csv.reader(handle, delimiter=separator)
        for _ in range(header_row - 1):
            next(records, None)
        header = next(records, None)
        if not header:
            return
        wrong = [(row, len(fields)) for row, fields in enumerate(records, start=header_row + 1)
                 if fields and len(fields) != len(header)]
    if wrong:
        listed = ", ".join(f"row {row} has {count}" for row, count in wrong[:5])
        raise IngestError(
            f"{path}: {len(wrong)} row(s) have more or fewer fields than the header's {len(header)} ({listed}"
            f"{', …' if len(wrong) > 5 else ''}). A row cut short, or a {separator!r} inside an unquoted answer, "
            "would shift or drop answers: repair those rows in the export (or export it again) and rerun.")


def _separator_hint(path: Path, separator: str) -> str:
    """A hint when a CSV's header line is split by another separator than the codebook's."""
    if path.suffix.lower() != ".csv":
        return ""
    try:
        header = path.open(encoding="utf-8", errors="replace").readline()
    except OSError:
        return ""
    for other in (";", ",", "\t"):
        if other != separator and header.count(other) > header.count(separator):
            return f". The header looks separated by {other!r}: set separator: {other!r} in the codebook."
    return ""
