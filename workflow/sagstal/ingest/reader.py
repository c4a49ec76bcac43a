"""The one reader of exports: how a file must be read (detect), and reading it that way (read_export).

`make new-wave` calls detect() to find the settings, writes them into the codebook, and reads
the export with read_export(); ingest reads the codebook's settings and calls the same
read_export(), so the scaffold and the pipeline can never read one file two ways.

Formats: CSV (UTF-8 with or without a byte-order mark, UTF-16 with one, cp1252, Latin-1;
separated by ';', ',' or tab; a title row above the header; rows under the header that are not
answers, such as Qualtrics' question-text and import-id rows), .xlsx, SPSS .sav (value labels,
variable labels, user-missing values), and SurveyXact's export: a Dataset table with a Labels table
(variable, value, label; SurveyXact writes it without a header row) and a Structure table
(questionName, variableName, questionType, subType, questionText, choiceValue, choiceText), as
sheets of one workbook or as three files side by side (dataset.csv, labels.csv, structure.csv).
SurveyXact ends some rows with an empty field more than the header has; such trailing empty
fields are dropped, any other field count that differs from the header's stops the read.
"""

import csv
import io
import os
import re
import struct
import zipfile
from collections import Counter
from dataclasses import dataclass, field, fields
from pathlib import Path

import pandas as pd

from ..core.errors import IngestError
from ..core.yaml_file import regular_file

FORMATS = ("csv", "xlsx", "sav", "surveyxact")
SEPARATORS = (";", ",", "\t")
TEXT_SUFFIXES = (".csv", ".txt")
DECIMAL_COMMA = re.compile(r"^\s*\d+,\d+\s*$")
NUMBER = re.compile(r"^\s*-?\d+(?:[.,]\d+)?(?:\s*-\s*\d+(?:[.,]\d+)?)?\s*$")
IMPORT_ID = re.compile(r'^\s*\{\s*"?importid"?\s*:', re.IGNORECASE)
HEADER_ROWS_LOOKED_AT = 3  # rows under the header that may be a question-text or import-id row


@dataclass(kw_only=True)
class Reading:
    """How to read an export, as its codebook records it (every key optional; defaults as shown)."""

    format: str | None = None  # csv, xlsx, sav or surveyxact; from the file's suffix when not given
    encoding: str | None = None  # text files: utf-8-sig when not given
    separator: str = ","
    header_row: int = 1  # the row holding the column names (rows above it are a title)
    extra_header_rows: int = 0  # rows under the header that are not answers
    question_text_row: int | None = None  # the row (of the file) holding question texts, if any
    sheet: str | int | None = None  # a workbook's sheet with the answers
    labels: str | None = None  # SurveyXact: the Labels sheet, or file beside the export
    structure: str | None = None  # SurveyXact: the Structure sheet, or file beside the export

    @staticmethod
    def of(raw: dict) -> dict:
        """The reading settings of a codebook's YAML, as keyword arguments."""
        settings = {f.name: raw[f.name] for f in fields(Reading) if raw.get(f.name) is not None}
        for key in ("header_row", "extra_header_rows", "question_text_row"):
            if key in settings:
                settings[key] = int(settings[key])
        return settings

    def entries(self) -> dict:
        """The settings that differ from the defaults: what a codebook must say to read the export so."""
        default = Reading()
        return {f.name: getattr(self, f.name) for f in fields(Reading)
                if getattr(self, f.name) != getattr(default, f.name) or f.name == "format"}

    def format_of(self, path: Path) -> str:
        if self.format:
            if self.format not in FORMATS:
                raise IngestError(f"{path}: format {self.format!r} is not one of {', '.join(FORMATS)}")
            return self.format
        suffix = path.suffix.lower()
        if suffix == ".sav":
            return "sav"
        if suffix == ".xlsx":
            return "surveyxact" if self.labels or self.structure else "xlsx"
        if suffix in TEXT_SUFFIXES:
            return "surveyxact" if self.labels or self.structure else "csv"
        raise IngestError(f"{path}: unknown export type {suffix!r}; expected .sav, .xlsx or .csv")


@dataclass
class Export:
    """An export as read: its answers as text cells, and what the file says about its columns."""

    frame: pd.DataFrame
    first_row: int  # the file's row number of the first respondent (for .sav, case 1)
    reading: Reading
    value_labels: dict = field(default_factory=dict)  # column -> {code: label}
    question_texts: dict = field(default_factory=dict)  # column -> question text
    question_groups: dict = field(default_factory=dict)  # column -> its question (SurveyXact questionName)
    question_types: dict = field(default_factory=dict)  # column -> "Closed Single", "Open String", ...
    missing: dict = field(default_factory=dict)  # column -> codes declared user-missing (SPSS)
    companions: list = field(default_factory=list)  # files beside the export that belong to it

    @property
    def decimal_comma(self) -> bool:
        return any(DECIMAL_COMMA.match(v) for v in self.frame.to_numpy().ravel() if isinstance(v, str))


# --- what a file is, before any reader opens it ------------------------------------------------
# A file that is not what its name says, or that would take minutes and gigabytes to read, is
# refused here in milliseconds, naming the file: the readers behind (openpyxl, pandas, pyreadstat)
# trust what a file declares, and a named pipe would block the read for ever.

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # every .xlsx (an empty zip: the second)
SAV_MAGIC = (b"$FL2", b"$FL3")  # SPSS .sav; $FL3: .zsav, its data zlib-compressed
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Excel .xls, or an .xlsx saved with a password
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
LOOKED_AT = 65_536  # bytes of a text export looked at for NUL bytes (binary content)
# A workbook that unpacks to more than MAX_UNPACKED bytes *and* more than MAX_RATIO times its own
# size is taken for a zip bomb (real exports unpack to 5-20 times their size: the 2015 wave 9 times).
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 10_000  # files inside a workbook (an export has about 10 to 30)
ZLIB_MAX_RATIO = 1032  # zlib never packs more than this many bytes into one


def export_file(path) -> os.stat_result:
    """An export's status; one that is no regular file is refused without being opened."""
    return regular_file(path, "save the export as a file and point to that")


def _content(path: Path, head: bytes, size: int) -> str:
    """What the first bytes say the file is: xlsx, zip, sav, xls, binary or text. A zip is an
    .xlsx when its listing (at its end) names xl/workbook.xml; the listing is not parsed here."""
    if head.startswith(ZIP_MAGIC):
        with path.open("rb") as handle:
            handle.seek(max(0, size - 1_048_576))
            return "xlsx" if b"xl/workbook.xml" in handle.read() else "zip"
    if head.startswith(SAV_MAGIC):
        return "sav"
    if head.startswith(OLE_MAGIC):
        return "xls"
    if b"\0" in head and not head.startswith(UTF16_BOMS):
        return "binary"
    return "text"


WHAT = {"xlsx": "an .xlsx workbook (a zip file)", "zip": "a zip file", "sav": "an SPSS .sav file",
        "xls": "an old Excel .xls workbook (or one saved with a password)",
        "binary": "not a text file (it holds NUL bytes)", "text": "a text file"}
RENAME = {"xlsx": "rename it to .xlsx", "sav": "rename it to .sav",
          "xls": "open it in Excel and save it as .xlsx, without a password",
          "zip": "unpack it and point to the export inside",
          "binary": "export the survey again as .sav, .xlsx or CSV", "text": "if it is a CSV export, rename it to .csv"}


def checked_export(path, kind: str) -> int:
    """Refuse, in one line naming the file, what the reader of `kind` (sav, xlsx or text) must not
    open: no regular file; content of another kind than the name says (an .xlsx renamed .csv); a
    workbook that unpacks past the bounds above (a zip bomb); a .sav whose header declares more
    cases than the file can hold. Returns the most rows a .sav that does not say its case count
    may give (0: no limit needed)."""
    path = Path(path)
    size = export_file(path).st_size
    with path.open("rb") as handle:
        head = handle.read(LOOKED_AT if kind == "text" else 176)
    found = _content(path, head, size)
    expected = {"sav": ("sav",), "xlsx": ("xlsx", "zip"), "text": ("text",)}[kind]
    if head and found not in expected:
        name = {"sav": ".sav", "xlsx": ".xlsx", "text": path.suffix.lower() or "text"}[kind]
        if found == "text":
            raise IngestError(f"{path}: cannot be read as {name}: it is a text file, not {WHAT[kind]}; "
                              f"{RENAME['text']}")
        raise IngestError(f"{path}: is {WHAT[found]}, not what a {name} file holds; {RENAME[found]}")
    if kind == "xlsx" and head:
        _check_workbook(path, size)
    if kind == "sav" and head:
        return _sav_rows_allowed(path, size, head)
    return 0


def _members(path: Path, size: int) -> int | None:
    """How many files a zip says it holds (its end record), before anything reads the listing."""
    with path.open("rb") as handle:
        handle.seek(max(0, size - 65_557))
        tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    return struct.unpack("<H", tail[at + 10:at + 12])[0]


def _check_workbook(path: Path, size: int) -> None:
    members = _members(path, size)
    if members is not None and members > MAX_MEMBERS:
        raise IngestError(f"{path}: refused: the workbook holds {members:,} files (an export has a few dozen); "
                          "save it again from Excel")
    try:
        with zipfile.ZipFile(path) as archive:
            listing = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise IngestError(f"{path}: cannot be read as .xlsx (not a whole zip file: {error}); "
                          "export it again") from None
    unpacked = sum(member.file_size for member in listing)  # Python's zipfile never gives more
    if unpacked > MAX_UNPACKED and unpacked > MAX_RATIO * size:
        raise IngestError(
            f"{path}: refused: it unpacks to {unpacked / 1e6:,.0f} MB, {unpacked / max(size, 1):,.0f} times its "
            f"{size / 1e6:,.1f} MB; a workbook unpacking to more than {MAX_UNPACKED // 2**20} MB and more than "
            f"{MAX_RATIO} times its size is taken for a zip bomb, not an export (export the survey again, or as .sav)")


def _sav_rows_allowed(path: Path, size: int, head: bytes) -> int:
    """Check a .sav header's case count against the file's size: each case holds `width` values
    of 8 bytes; uncompressed they are all in the file, compressed (SPSS' bytecode) each takes at
    least one byte, and in a .zsav (zlib over the bytecode) at least 1/1032 byte, within the
    workbook's bounds. The width is the larger of the header's and the variables counted in the
    dictionary (pyreadstat's metadata: no data read). Returns the most rows to read where the
    header does not say how many cases there are (0: it says)."""
    if len(head) < 84:
        return 0  # too short to be a .sav: pyreadstat says so
    for order in "<>":
        layout, nominal, compression, _, cases = struct.unpack(f"{order}5i", head[64:84])
        if layout in (2, 3):
            break
    else:
        return 0  # not a header pyreadstat reads either: it says so
    import pyreadstat

    try:
        _, meta = pyreadstat.read_sav(str(path), metadataonly=True)
        variables = meta.number_columns or 0
    except Exception:  # a damaged dictionary: the read that follows names the problem
        variables = 0
    width = max(nominal, variables, 1)
    if compression == 0:
        fits, how = size // (8 * width), "uncompressed, 8 bytes a value"
    elif compression == 1:
        fits, how = size // width, "compressed, at least 1 byte a value"
    else:
        fits = min(size * ZLIB_MAX_RATIO, max(MAX_UNPACKED, MAX_RATIO * size) // 8) // width
        how = f"zlib-compressed, at most {MAX_RATIO} times the file's size or {MAX_UNPACKED // 2**20} MB"
    if cases < 0:
        return fits + 1  # the case count is unknown: read no more than could be there
    if cases > fits:
        raise IngestError(
            f"{path}: refused: its header declares {cases:,} cases of {width:,} values, but a file of "
            f"{size:,} bytes holds at most {fits:,} such cases ({how}); the file is damaged or forged: "
            "export it from SPSS again")
    return 0


# --- text files -------------------------------------------------------------------------------

def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): a byte-order mark decides; else UTF-8 if it decodes, else cp1252 if it
    decodes, else Latin-1 (which decodes any byte): always an encoding that reads the file whole."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1"), "latin-1"


def _text(path: Path, encoding: str) -> str:
    try:
        return path.read_bytes().decode(encoding)
    except UnicodeDecodeError as error:
        raise IngestError(f"{path}: cannot be read as {encoding} (byte {error.start}); "
                          "set 'encoding' in the codebook (for example latin-1)") from None
    except LookupError:
        raise IngestError(f"{path}: encoding {encoding!r} in the codebook is not an encoding Python knows") from None


def separator_of(lines: list[str]) -> str:
    """The separator that splits the first lines into the same, largest number of fields."""
    def width(line, sep):
        return len(next(csv.reader([line], delimiter=sep)))

    scores = {}
    for sep in SEPARATORS:
        counts = Counter(width(line, sep) for line in lines if line.strip())
        common, seen = counts.most_common(1)[0] if counts else (1, 0)
        scores[sep] = (common > 1, seen, common)
    return max(SEPARATORS, key=lambda sep: scores[sep])


def _csv_rows(text: str, separator: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=separator))


def _filled(row) -> bool:
    return any(str(c).strip() for c in row)


# --- tables: the rows of a CSV or a sheet, turned into a frame ----------------------------------

def header_row_of(rows: list[list[str]]) -> int:
    """The 1-based row of the column names: the first row as wide as most rows with every cell
    filled (a title row above it has one cell)."""
    widths = Counter(len(_trimmed(r)) for r in rows if _filled(r))
    if not widths:
        return 1
    width = widths.most_common(1)[0][0]
    for number, row in enumerate(rows, start=1):
        cells = _trimmed(row)
        if len(cells) >= width and all(str(c).strip() for c in cells):
            return number
    return 1


def _trimmed(row) -> list:
    """A row without its trailing empty fields."""
    end = len(row)
    while end and not str(row[end - 1]).strip():
        end -= 1
    return list(row[:end])


def _looks_like_number(text: str) -> bool:
    return bool(NUMBER.match(text))


def extra_header_rows_of(rows: list[list[str]], header: int) -> tuple[int, int | None]:
    """(how many rows under the header are not answers, the row holding question texts or None).
    Such a row holds an import id ({"ImportId": ...}) or, in columns whose answers are numbers,
    texts (a question-text row); a respondent's row does neither."""
    body = [r for r in rows[header:] if _filled(r)]
    if len(body) < 2:
        return 0, None
    sample = body[HEADER_ROWS_LOOKED_AT:HEADER_ROWS_LOOKED_AT + 200] or body[-1:]
    width = max(len(r) for r in body)
    numeric = [c for c in range(width)
               if sum(1 for r in sample if c < len(r) and r[c].strip()) >= 1
               and all(_looks_like_number(r[c]) for r in sample if c < len(r) and r[c].strip())]
    extra, text_row = 0, None
    for offset, row in enumerate(rows[header:header + HEADER_ROWS_LOOKED_AT]):
        cells = [str(c).strip() for c in row]
        import_ids = sum(1 for c in cells if IMPORT_ID.match(c))
        worded = sum(1 for c in numeric if c < len(cells) and cells[c] and not _looks_like_number(cells[c])
                     and len(cells[c]) >= 8)
        if import_ids and import_ids >= len([c for c in cells if c]) / 2:
            extra = offset + 1
        elif numeric and worded >= max(1, len(numeric) / 2):
            extra = offset + 1
            text_row = text_row or header + offset + 1
        else:
            break
    return extra, text_row


def _unique(names: list[str], path: Path) -> list[str]:
    """The header's column names, each once: two columns of the same name would leave it to chance
    which one's answers are read, so that stops naming both; only blank names (columns without a
    header) are numbered as pandas numbers them ('', '.1', ...)."""
    counts = Counter(n.strip() for n in names if n.strip())
    repeated = [n for n, c in counts.items() if c > 1]
    if repeated:
        where = "; ".join(f"'{n}' in columns " + ", ".join(_column_letter(i) for i, m in enumerate(names)
                                                           if m.strip() == n) for n in repeated[:3])
        raise IngestError(f"{path}: two or more columns have the same name ({where}); rename one of them in the "
                          "export (or export it again), so that each answer has one column, and rerun.")
    seen, unique = Counter(), []
    for name in names:
        unique.append(f"{name}.{seen[name]}" if seen[name] else name)
        seen[name] += 1
    return unique


def _column_letter(index: int) -> str:
    """A column as a spreadsheet names it (0 -> A, 26 -> AA), with its number: 'D (4)'."""
    letters, number = "", index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters} ({index + 1})"


def table(rows: list[list[str]], path: Path, reading: Reading, separator: str | None = None) -> tuple[pd.DataFrame, int]:
    """(frame of text cells, file row of the first respondent) from a table's rows, by the reading's
    header settings. Every row must have the header's fields (trailing empty fields aside)."""
    header_at = reading.header_row
    if len(rows) < header_at or not _filled(rows[header_at - 1]):
        raise IngestError(f"{path}: cannot be read as {path.suffix.lower()} (no header in row {header_at}; "
                          "the file is empty or header_row in the codebook is wrong)")
    header = _trimmed(rows[header_at - 1])
    first = header_at + reading.extra_header_rows + 1
    body, wrong = [], []
    for number, row in enumerate(rows[first - 1:], start=first):
        if not row:
            continue
        if len(row) != len(header):
            if len(row) > len(header) and not _filled(row[len(header):]):
                row = row[:len(header)]  # SurveyXact's trailing empty field
            elif not _filled(row):
                continue
            else:
                wrong.append((number, len(row)))
                continue
        body.append(row)
    if wrong and separator is not None:
        listed = ", ".join(f"row {row} has {count}" for row, count in wrong[:5])
        raise IngestError(
            f"{path}: {len(wrong)} row(s) have more or fewer fields than the header's {len(header)} ({listed}"
            f"{', …' if len(wrong) > 5 else ''}). A row cut short, or a {separator!r} inside an unquoted answer, "
            "would shift or drop answers: repair those rows in the export (or export it again) and rerun."
            + _separator_hint(path, reading))
    frame = pd.DataFrame(body, columns=_unique([str(h) for h in header], path), dtype=object)
    frame = frame.fillna("")
    return frame, first


def _question_texts_from_row(rows, reading: Reading, columns) -> dict:
    if not reading.question_text_row:
        return {}
    texts = rows[reading.question_text_row - 1]
    return {c: str(t).strip() for c, t in zip(columns, texts) if str(t).strip()}


def _sheet_rows(path: Path, sheet) -> list[list[str]]:
    """A sheet's cells as text, as the survey tool wrote them (a whole number without '.0')."""
    _check_formulas_have_values(path, sheet)
    frame = pd.read_excel(path, sheet_name=sheet, header=None, dtype=str, keep_default_na=False)
    return [[str(v) for v in row] for row in frame.itertuples(index=False)]


def _check_formulas_have_values(path: Path, sheet) -> None:
    """Stop when cells of the sheet are formulas saved without their value: a workbook saved by a
    tool other than Excel keeps only the formula, and a reader sees a blank, so answers would
    vanish without a word. Only a workbook whose sheets hold a formula at all is opened twice."""
    import zipfile

    with zipfile.ZipFile(path) as book:
        sheets = (book.read(n) for n in book.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml"))
        if not any(b"<f>" in xml or b"<f " in xml for xml in sheets):
            return
    from openpyxl import load_workbook

    formulas, values = (load_workbook(path, read_only=True, data_only=only) for only in (False, True))
    try:
        name = sheet if isinstance(sheet, str) else formulas.sheetnames[sheet]
        empty = [f.coordinate for row_f, row_v in zip(formulas[name].iter_rows(), values[name].iter_rows())
                 for f, v in zip(row_f, row_v)
                 if isinstance(f.value, str) and f.value.startswith("=") and v.value is None]
    finally:
        formulas.close()
        values.close()
    if empty:
        cells = ", ".join(empty[:8]) + (", …" if len(empty) > 8 else "")
        raise IngestError(f"{path}: sheet '{name}': {len(empty)} cell(s) are formulas saved without their value "
                          f"({cells}); their answers would read as blank. Open the workbook in Excel and save it "
                          "(Excel stores each formula's value), or export it again from the survey tool, and rerun.")


def _answers_sheet(path: Path, sheets: list[str]) -> str:
    """The sheet that holds the answers: the one with the most filled cells, so that a title page,
    notes or a sheet of definitions before it is passed over (the codebook records the choice)."""
    def filled(sheet):
        return sum(1 for row in _sheet_rows(path, sheet) for cell in row if str(cell).strip())
    return max(sheets, key=filled)


def _sheets(path: Path) -> list[str]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


# --- SurveyXact's Labels and Structure tables ---------------------------------------------------

def labels_table(rows: list[list[str]]) -> dict:
    """{variable: {value: label}} from a Labels table: SurveyXact writes (variable, value, label)
    without a header; a header row, where there is one, names the columns."""
    rows = [r for r in rows if _filled(r)]
    if not rows:
        return {}
    variable, value, label = 0, 1, 2
    first = [str(c).strip().casefold() for c in rows[0]]
    if len(first) > 1 and not _looks_like_number(first[1]) and len(rows) > 1 and \
            _looks_like_number(str(rows[1][1]) if len(rows[1]) > 1 else ""):
        variable = next((i for i, n in enumerate(first) if "variab" in n), 0)
        value = next((i for i, n in enumerate(first) if i != variable and ("value" in n or "værdi" in n
                                                                           or "kode" in n)), 1)
        label = next((i for i, n in enumerate(first) if i not in (variable, value)
                      and ("label" in n or "tekst" in n or "text" in n)), 2)
        rows = rows[1:]
    labels = {}
    for row in rows:
        if len(row) > max(variable, value, label):
            labels.setdefault(str(row[variable]).strip(), {})[_code(row[value])] = str(row[label]).strip()
    return labels


def structure_table(rows: list[list[str]]) -> tuple[dict, dict, dict]:
    """({variable: question text}, {variable: question}, {variable: type}) from a Structure table;
    a choice's text follows its question's ("Hvilke fag …? - Matematikk")."""
    rows = [r for r in rows if _filled(r)]
    if not rows:
        return {}, {}, {}
    names = [str(c).strip().casefold() for c in rows[0]]

    def column(*wanted, default=None):
        for want in wanted:
            for i, name in enumerate(names):
                if name == want:
                    return i
        for want in wanted:
            for i, name in enumerate(names):
                if want in name:
                    return i
        return default

    variable = column("variablename", "variable", "variabel", default=0)
    text = column("questiontext", "spørgsmålstekst", "label", "tekst", "text", default=1)
    choice = column("choicetext")
    group = column("questionname")
    kind, subtype = column("questiontype"), column("subtype")
    texts, groups, types = {}, {}, {}

    def at(row, index):
        return str(row[index]).strip() if index is not None and index < len(row) else ""

    for row in rows[1:]:
        name = at(row, variable)
        if not name:
            continue
        texts[name] = " - ".join(part for part in (at(row, text), at(row, choice)) if part)
        if group is not None:
            groups[name] = at(row, group)
        if kind is not None:
            types[name] = " ".join(part for part in (at(row, kind), at(row, subtype)) if part)
    return texts, groups, types


def _code(value) -> str:
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        return text
    return str(int(number)) if number.is_integer() else text


# --- detect and read ------------------------------------------------------------------------------

_DOWNLOAD_COPY = re.compile(r"dataset(\s*\(\d+\))?")  # "dataset (1)": a browser's name for a second download


def _companion(path: Path, stem: str) -> Path | None:
    """SurveyXact's labels or structure file beside its dataset: "labels.csv", or, beside a
    "dataset (1).csv", preferably "labels (1).csv"."""
    copy = _DOWNLOAD_COPY.fullmatch(path.stem.casefold())
    wanted = [f"{stem}{copy.group(1)}", stem] if copy and copy.group(1) else [stem]
    siblings = [s for s in sorted(path.parent.iterdir()) if s != path and s.suffix.lower() in TEXT_SUFFIXES]
    for name in wanted:
        for sibling in siblings:
            if sibling.stem.casefold() == name:
                return sibling
    return None


def _is_dataset(path: Path) -> bool:
    return bool(_DOWNLOAD_COPY.fullmatch(path.stem.casefold()))


def detect(path) -> Reading:
    """How the export at path must be read: what the codebook of a new wave records."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".sav", ".xlsx", *TEXT_SUFFIXES):
        checked_export(path, {".sav": "sav", ".xlsx": "xlsx"}.get(suffix, "text"))
    try:
        if suffix == ".sav":
            return Reading(format="sav")
        if suffix == ".xlsx":
            sheets = _sheets(path)
            by_name = {name.casefold(): name for name in sheets}
            if "dataset" in by_name:
                reading = Reading(format="surveyxact", sheet=by_name["dataset"], labels=by_name.get("labels"),
                                  structure=by_name.get("structure"))
            else:
                reading = Reading(format="xlsx", sheet=_answers_sheet(path, sheets) if len(sheets) > 1 else None)
            rows = _sheet_rows(path, reading.sheet or 0)
        elif suffix in TEXT_SUFFIXES:
            text, encoding = decode(path.read_bytes())
            lines = text.splitlines()[:50]
            if not lines:
                raise IngestError(f"{path}: cannot be read as {suffix} (the file is empty)")
            separator = separator_of(lines)
            labels = _companion(path, "labels") if _is_dataset(path) else None
            structure = _companion(path, "structure") if _is_dataset(path) else None
            reading = Reading(format="surveyxact" if labels or structure else "csv", encoding=encoding,
                              separator=separator, labels=labels.name if labels else None,
                              structure=structure.name if structure else None)
            rows = _csv_rows(text, separator)
        else:
            raise IngestError(f"{path}: unknown export type {suffix!r}; expected .sav, .xlsx or .csv")
    except IngestError:
        raise
    except Exception as error:
        raise IngestError(f"{path}: cannot be read as {suffix} ({_detail(error)})") from None
    reading.header_row = header_row_of(rows)
    reading.extra_header_rows, reading.question_text_row = extra_header_rows_of(rows, reading.header_row)
    return reading


def read_export(path, reading: Reading | None = None) -> Export:
    """The export read by the given settings (the codebook's): text cells, and its labels and texts."""
    path = Path(path)
    reading = reading or Reading()
    kind = reading.format_of(path)
    suffix = path.suffix.lower()
    opened_as = "sav" if kind == "sav" else "xlsx" if suffix == ".xlsx" else "text" if suffix in TEXT_SUFFIXES else None
    row_limit = checked_export(path, opened_as) if opened_as else 0
    try:
        if kind == "sav":
            return _read_sav(path, reading, row_limit)
        if suffix == ".xlsx":
            rows = _sheet_rows(path, reading.sheet if reading.sheet is not None else 0)
            frame, first = table(rows, path, reading)
            export = Export(frame, first, reading, question_texts=_question_texts_from_row(rows, reading, frame))
            if kind == "surveyxact":
                _surveyxact_tables(export, lambda name: _sheet_rows(path, name))
            return export
        if suffix in TEXT_SUFFIXES:
            encoding = reading.encoding or "utf-8-sig"  # a byte-order mark is not part of the first column's name
            rows = _csv_rows(_text(path, encoding), reading.separator)
            frame, first = table(rows, path, reading, reading.separator)
            export = Export(frame, first, reading, question_texts=_question_texts_from_row(rows, reading, frame))
            if kind == "surveyxact":
                def companion_rows(name):
                    """A labels or structure file in its own encoding: SurveyXact writes all three in
                    cp1252, but a dataset of plain ASCII reads as UTF-8 while its labels hold æ, ø, å."""
                    companion = path.parent / name
                    checked_export(companion, "text")
                    text = _text(companion, decode(companion.read_bytes())[1])
                    return _csv_rows(text, separator_of(text.splitlines()[:50]))
                _surveyxact_tables(export, companion_rows)
                export.companions = [path.parent / n for n in (reading.labels, reading.structure) if n]
            return export
    except IngestError:
        raise
    except Exception as error:  # the reader's own message, with the file named
        raise IngestError(f"{path}: cannot be read as {suffix} ({_detail(error)}){_separator_hint(path, reading)}") \
            from None
    raise IngestError(f"{path}: unknown export type {suffix!r}; expected .sav, .xlsx or .csv")


def _surveyxact_tables(export: Export, rows_of) -> None:
    if export.reading.labels:
        export.value_labels = labels_table(rows_of(export.reading.labels))
    if export.reading.structure:
        export.question_texts, export.question_groups, export.question_types = structure_table(
            rows_of(export.reading.structure))


def _read_sav(path: Path, reading: Reading, row_limit: int = 0) -> Export:
    import pyreadstat

    # one process: pyreadstat's multiprocessing reader saves a second at 217,000 rows but holds
    # the chunks and their concatenation at once (measured: 968 against 844 MiB peak)
    frame, meta = pyreadstat.read_sav(str(path), encoding=reading.encoding, apply_value_formats=False,
                                      user_missing=True, row_limit=row_limit)
    if row_limit and len(frame) >= row_limit:
        raise IngestError(f"{path}: refused: its header does not say how many cases it holds, and it holds more "
                          f"than a file of its size can ({row_limit - 1:,}); export it from SPSS again")
    labels = {c: {_code(k): v for k, v in m.items()} for c, m in meta.variable_value_labels.items()}
    missing = {}
    for column, values in (meta.missing_user_values or {}).items():
        missing[column] = {_code(v) for v in values}
    for column, ranges in (meta.missing_ranges or {}).items():
        present = pd.to_numeric(frame[column], errors="coerce").dropna().unique()
        inside = {_code(v) for v in present for r in ranges if r["lo"] <= v <= r["hi"]}
        if inside:
            missing[column] = missing.get(column, set()) | inside
    return Export(frame, 1, reading, value_labels=labels,
                  question_texts={c: t for c, t in meta.column_names_to_labels.items() if t}, missing=missing)


def _detail(error: Exception) -> str:
    """A reader's own message on one line, or the kind of error where it has none (a MemoryError)."""
    return " ".join(str(error).split()) or type(error).__name__


def _separator_hint(path: Path, reading: Reading) -> str:
    """A hint when a CSV's header line is split by another separator than the codebook's."""
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return ""
    try:
        header = path.open(encoding="utf-8", errors="replace").readline()
    except OSError:
        return ""
    for other in SEPARATORS:
        if other != reading.separator and header.count(other) > header.count(reading.separator):
            return f". The header looks separated by {other!r}: set separator: {other!r} in the codebook."
    return ""
