"""Reading a survey tool's export (.sav, .xlsx, .csv) as text cells, with clear errors."""

from pathlib import Path

import pandas as pd

from ..core.errors import IngestError


def read_export(path, encoding: str | None = None, sheet=None, separator: str = ",") -> tuple[pd.DataFrame, int]:
    """The export as text cells (codes as they are stored), and the row number of its first record."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".sav":
            import pyreadstat

            frame, _meta = pyreadstat.read_sav(str(path), encoding=encoding, apply_value_formats=False)
            return frame, 1
        if suffix == ".csv":
            return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding or "utf-8", sep=separator), 2
        if suffix == ".xlsx":
            return pd.read_excel(path, dtype=str, keep_default_na=False, sheet_name=sheet or 0), 2
    except UnicodeDecodeError as error:
        raise IngestError(
            f"{path}: cannot be read as {encoding or 'utf-8'} (byte {error.start}); "
            "set 'encoding' in the codebook (for example latin-1)"
        ) from None
    except Exception as error:  # the reader's own message, with the file named
        detail = " ".join(str(error).split())
        raise IngestError(f"{path}: cannot be read as {suffix} ({detail}){_separator_hint(path, separator)}") from None
    raise IngestError(f"{path}: unknown export type {suffix!r}; expected .sav, .xlsx or .csv")


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
