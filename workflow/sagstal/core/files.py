"""Reading and writing the pipeline's files: CSV that Excel opens, text and YAML, written whole or not at all."""

import csv
import io
import re
from pathlib import Path

import pandas as pd
import yaml

from .tables import map_texts

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


# libyaml's safe loader where PyYAML was built with it: the same documents, read about ten times as fast
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=SAFE_LOADER)  # noqa: S506  (a safe loader)
