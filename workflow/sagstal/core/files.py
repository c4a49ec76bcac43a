"""Reading and writing the pipeline's files: CSV that Excel opens and text, written whole or not at all
(YAML a person writes is read by core.yaml_file)."""

import csv
import io
import re
from pathlib import Path

import pandas as pd

from .errors import IngestError
from .tables import map_texts
from .yaml_file import regular_file

# A text a spreadsheet would run as a formula (OWASP's CSV injection): it begins with one of these.
# Any apostrophes before it are counted too, so that the apostrophe added on writing comes off
# exactly on reading, and a typed "'=x" comes back as typed.
_FORMULA_LIKE = re.compile(r"'*[=+\-@\t\r]")
# A Danish Excel opens a double-clicked CSV split on ';' (its list separator), not on ',': every ';'
# (and line break) inside a text then begins a cell of its own, so one that a formula would follow
# (after any quotes and apostrophes) gets an apostrophe after it too ("x;=cmd" is written "x;'=cmd"),
# counted as above.
_INNER_FORMULA = re.compile(r"([;\r\n])(?=['\"]*[=+\-@\t\r])")
_INNER_ESCAPED = re.compile(r"([;\r\n])'(?=['\"]*[=+\-@\t\r])")
_NEEDS_QUOTES = re.compile(r'[,";\r\n]')
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*(?:[eE][+-]?\d+)?")


def runs_as_formula(value) -> bool:
    """Whether Excel or LibreOffice would evaluate this text: it begins with =, +, -, @, a tab or a
    carriage return, and is neither a number ("-5", "+3,5") nor the non-answer "-" alone."""
    return (isinstance(value, str) and bool(_FORMULA_LIKE.match(value)) and value != "-"
            and not _NUMBER.fullmatch(value.strip()))


def as_spreadsheet_text(value):
    """The value as a spreadsheet shows it as text, split on ',' or on ';': a formula-like text gets
    a leading apostrophe, and so does every part of it after a ';' or a line break that would be one."""
    if not isinstance(value, str):
        return value
    value = _INNER_FORMULA.sub(r"\1'", value)
    return "'" + value if runs_as_formula(value) else value


def _unescaped(value):
    """A text as it was before as_spreadsheet_text."""
    if not isinstance(value, str):
        return value
    value = value[1:] if value.startswith("'") and runs_as_formula(value[1:]) else value
    return _INNER_ESCAPED.sub(r"\1", value)


def _field(text: str) -> str:
    """One CSV field: quoted when it holds a ',', a '"', a ';' or a line break."""
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES.search(text) else text


def csv_text(frame: pd.DataFrame) -> str:
    """The table as CSV text: pandas' own formats, and every text holding a ';' (or a carriage return,
    which pandas leaves bare) quoted as well, so that a spreadsheet splitting on ';' sees where it
    begins. A row of one empty field is '""'."""
    text = frame.to_csv(index=False, lineterminator="\n")
    if ";" not in text and "\r" not in text:
        return text
    every_field_quoted = frame.to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_ALL)
    rows = csv.reader(io.StringIO(every_field_quoted, newline=""))
    return "".join((",".join(map(_field, row)) if row != [""] else '""') + "\n" for row in rows)


def whole_numbers_as_integers(frame: pd.DataFrame) -> pd.DataFrame:
    """Float columns holding only whole numbers (counts with gaps) as nullable integers: 56, not 56.0."""
    frame = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
            frame[column] = values.astype("Int64")
    return frame


def _write_whole(path, write) -> None:
    """write(partial) to a partial file beside `path`, which then replaces the real one: a failure
    (a full disk) leaves neither a half file nor the partial one; a killed job's partial file is
    cleared by the next run (core.one_build)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.stem + ".partial" + path.suffix)
    try:
        write(partial)
        partial.replace(path)
    except OSError as error:  # named by the file it was for, not its partial twin
        partial.unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror, str(path)) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_csv(frame: pd.DataFrame, path) -> None:
    """UTF-8 with a byte-order mark, so that Excel shows æ, ø and å; no text runs as a formula
    there, split on ',' or on ';' (apostrophes, which read_csv takes off again; a text holding ';'
    is quoted)."""
    text = csv_text(map_texts(whole_numbers_as_integers(frame), as_spreadsheet_text))
    _write_whole(path, lambda partial: partial.write_text(text, encoding="utf-8-sig", newline=""))


def read_csv(path, **options) -> pd.DataFrame:
    """A table as write_csv wrote it: the texts as they were before it protected them."""
    return map_texts(pd.read_csv(path, encoding="utf-8-sig", **options), _unescaped)


def write_text(text: str, path) -> None:
    _write_whole(path, lambda partial: partial.write_text(text, encoding="utf-8"))


def write_bytes(data: bytes, path) -> None:
    _write_whole(path, lambda partial: partial.write_bytes(data))


# --- tables a person keeps by hand (data/raw/history.csv): every cell checked -------------------

_YEAR = re.compile(r"[0-9]{4}[a-z]?")
CELL_KINDS = {
    "text": "a text (not empty)",
    "year": "a year (2019, or 2019b)",
    "number": "a number (33 or 33.5)",
    "percent": "a percentage from 0 to 100 (53 or 53.5)",
}


def _cell_problem(value: str, kind: str) -> bool:
    """Whether a cell is not of its column's kind."""
    value = value.strip()
    if kind == "text":
        return not value
    if kind == "year":
        return not _YEAR.fullmatch(value)
    try:
        number = float(value)
    except ValueError:
        return True
    return number != number or (kind == "percent" and not 0 <= number <= 100)  # NaN typed as "nan"


def read_checked_csv(path, columns: dict[str, str], key: tuple[str, ...] = ()) -> pd.DataFrame:
    """A table a person keeps by hand: each of `columns` ({name: kind}, kinds in CELL_KINDS)
    present, each cell of its kind, no two rows with the same `key`; other columns are left as they
    are. A mistake raises IngestError naming the file, the row (as a spreadsheet counts it: the
    header is row 1) and the column. Numbers and years read as pandas reads them."""
    regular_file(path, "point to the CSV file")
    try:
        table = read_csv(path, dtype=str, keep_default_na=False)
    except UnicodeDecodeError as error:
        raise IngestError(f"{path}: not UTF-8 text (byte {error.start}); save it as CSV UTF-8") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as error:
        raise IngestError(f"{path}: cannot be read as CSV ({' '.join(str(error).split())})") from None
    table.columns = [str(c).strip() for c in table.columns]
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise IngestError(f"{path}: no column {', '.join(map(repr, missing))} (its columns: "
                          f"{', '.join(table.columns)}; it needs {', '.join(columns)})")
    for column, kind in columns.items():
        for index, value in enumerate(table[column]):
            if _cell_problem(value, kind):
                raise IngestError(f"{path} row {index + 2}, column {column}: {value.strip()!r} is not "
                                  f"{CELL_KINDS[kind]}")
    if key:
        seen: dict[tuple, int] = {}
        for index, values in enumerate(zip(*(table[c].str.strip() for c in key))):
            if values in seen:
                named = ", ".join(f"{c} {v}" for c, v in zip(key, values))
                raise IngestError(f"{path} rows {seen[values] + 2} and {index + 2}: {named} twice; keep one")
            seen[values] = index
    for column, kind in columns.items():
        values = table[column].str.strip()
        if kind in ("number", "percent") or (kind == "year" and values.str.isdigit().all()):
            table[column] = pd.to_numeric(values)
        else:
            table[column] = values
    return table
