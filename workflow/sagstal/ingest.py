"""From a survey tool's wide export to one tidy row per respondent x area.

The codebook (one YAML per wave) maps the export's columns and codes to the pipeline's fields,
so that a new wave with other column names needs no code change. Structural problems (a file
that cannot be read, a column the codebook names but the export lacks, duplicate respondent
ids) stop the run with IngestError; row-level problems (an unreadable answer, a code outside
the codebook) become entries in the exclusions ledger and the run continues.

Row numbers: for .csv and .xlsx the spreadsheet row (header = row 1, first respondent = row 2);
for .sav the SPSS case number (first respondent = 1).
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from .parsing import AnswerError, parse_caseload

AREA_FIELDS = ("current", "assessment", "suggested", "cap", "cap_value", "comment")
CODED_FIELDS = {"assessment": "assessment", "cap": "cap"}
ASSESSMENTS = ("too_high", "about_right", "too_low")

ANSWER_COLUMNS = [
    "respondent_id", "source_row", "municipality", "region", "area",
    "current_raw", "current", "current_method",
    "suggested_raw", "suggested", "suggested_method",
    "assessment", "cap", "cap_value_raw", "cap_value", "comment",
]
EXCLUSION_COLUMNS = ["source_row", "respondent_id", "area", "column", "raw_value", "scope", "reason"]


class IngestError(Exception):
    """A problem with the export as a whole; the message names file, row, column and value."""


@dataclass
class Codebook:
    path: Path
    respondent_id: str
    municipality: str
    region: str
    codes: dict
    areas: dict
    encoding: str | None = None
    sheet: str | int | None = None
    separator: str = ","

    def named_columns(self) -> list[tuple[str, str, str]]:
        """(column, area or '', field) for every column the codebook names."""
        named = [(self.respondent_id, "", "respondent_id"), (self.municipality, "", "municipality"),
                 (self.region, "", "region")]
        for area, fields in self.areas.items():
            named += [(column, area, name) for name, column in fields.items()]
        return named


def _code_key(value) -> str:
    """Codes compare as text: 3, 3.0, '3' and '3.0' are the same code; labels compare case-blind."""
    text = str(value).strip().lower()
    try:
        number = float(text)
    except ValueError:
        return text
    return str(int(number)) if number.is_integer() else text


def read_codebook_yaml(path) -> dict:
    """The codebook as a mapping; a YAML mistake is reported with its line, not as a traceback."""
    try:
        with open(path, encoding="utf-8") as handle:
            raw = yaml.safe_load(handle)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise IngestError(f"{path}: not valid YAML{where}: {getattr(error, 'problem', error)}") from None
    except OSError as error:
        raise IngestError(f"{path}: cannot be read ({error.strerror})") from None
    if not isinstance(raw, dict):
        raise IngestError(f"{path}: a codebook is a YAML mapping (key: value lines), not {type(raw).__name__}")
    return raw


def load_codebook(path) -> Codebook:
    path = Path(path)
    raw = read_codebook_yaml(path)
    try:
        areas = raw["areas"]
        for area, fields in areas.items():
            unknown = set(fields) - set(AREA_FIELDS)
            if unknown:
                raise IngestError(
                    f"{path}: area {area!r} has unknown field(s) {sorted(unknown)}; "
                    f"expected some of {list(AREA_FIELDS)}"
                )
        codes = {name: {_code_key(k): v for k, v in mapping.items()}
                 for name, mapping in raw.get("codes", {}).items()}
        return Codebook(
            path=path,
            respondent_id=raw["respondent_id"],
            municipality=raw["municipality"],
            region=raw["region"],
            codes=codes,
            areas=areas,
            encoding=raw.get("encoding"),
            sheet=raw.get("sheet"),
            separator=raw.get("separator", ","),
        )
    except KeyError as missing:
        raise IngestError(f"{path}: the codebook has no {missing} entry") from None


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


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == ""


def _text(value) -> str:
    if _blank(value):
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
        if _blank(raw):
            return None
        key = _code_key(raw)
        if key in codes:
            return codes[key]
        self.exclude(row, rid, area, column, _text(raw),
                     f"code {_text(raw)!r} is not in the codebook's {name} codes {sorted(codes)}")
        return None

    def number(self, row, rid, area, column, raw):
        """(value, method) of a typed caseload; an unreadable one is a ledger entry."""
        try:
            parsed = parse_caseload(raw, self.open_answers)
        except AnswerError as error:
            self.exclude(row, rid, area, column, _text(raw), str(error))
            return None, "excluded"
        limits = self.plausible
        if limits and parsed.value is not None and not limits["min"] <= parsed.value <= limits["max"]:
            reason = f"caseload {parsed.value:g} outside the plausible range {limits['min']}-{limits['max']}"
            if limits["action"] == "exclude":
                self.exclude(row, rid, area, column, _text(raw), reason)
                return None, "excluded"
            self.exclude(row, rid, area, column, _text(raw), f"{reason}; kept (flag only)", scope="flag")
        return parsed.value, parsed.method

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.entries, columns=EXCLUSION_COLUMNS)


def check_not_empty(frame: pd.DataFrame, export: Path) -> None:
    if frame.empty:
        raise IngestError(f"{export}: the export has a header but no respondent rows.")


def check_structure(frame: pd.DataFrame, codebook: Codebook, export: Path, first_row: int) -> None:
    check_not_empty(frame, export)
    missing = [(c, a, f) for c, a, f in codebook.named_columns() if c not in frame.columns]
    if missing:
        listed = "; ".join(f"'{c}' ({a + ' ' if a else ''}{f})" for c, a, f in missing)
        raise IngestError(
            f"{export}: column(s) {listed} named in the codebook {codebook.path} are not in the "
            f"export. Columns present: {', '.join(map(str, frame.columns))}."
        )
    ids = frame[codebook.respondent_id].map(_text)
    blank = ids[ids == ""]
    if len(blank):
        raise IngestError(
            f"{export}: row {blank.index[0] + first_row}, column '{codebook.respondent_id}': "
            "the respondent id is blank; every respondent needs an id."
        )
    duplicated = ids[ids.duplicated(keep=False)]
    if len(duplicated):
        value = duplicated.iloc[0]
        rows = [str(i + first_row) for i in duplicated[duplicated == value].index]
        raise IngestError(
            f"{export}: rows {', '.join(rows)}, column '{codebook.respondent_id}': respondent id "
            f"{value!r} occurs more than once; remove the duplicate or give each answer its own id."
        )


def tidy(frame: pd.DataFrame, codebook: Codebook, export: Path, first_row: int,
         open_answers: str = "exclude", areas=None, plausible: dict | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(answers, exclusions, respondents) from the raw export."""
    check_structure(frame, codebook, export, first_row)
    areas = list(areas) if areas is not None else list(codebook.areas)
    unknown = [a for a in areas if a not in codebook.areas]
    if unknown:
        raise IngestError(f"{codebook.path}: the wave asks area(s) {unknown} that the codebook does not map")
    answers, respondents = [], []
    ledger = Ledger(open_answers, plausible)

    def decode(row, rid, area, column, code_name, raw):
        return ledger.decode(row, rid, area, column, codebook.codes.get(code_name, {}), code_name, raw)

    number = ledger.number
    exclude = ledger.exclude

    for index, record in enumerate(frame.to_dict("records")):
        row = index + first_row
        rid = _text(record[codebook.respondent_id])
        region = decode(row, rid, "", codebook.region, "region", record[codebook.region])
        municipality = _text(record[codebook.municipality])
        answered = 0
        for area in areas:
            columns = codebook.areas[area]
            cells = {name: record[column] for name, column in columns.items()}
            if all(_blank(v) for v in cells.values()):
                continue
            answered += 1
            current, current_method = number(row, rid, area, columns.get("current"), cells.get("current"))
            suggested, suggested_method = number(row, rid, area, columns.get("suggested"), cells.get("suggested"))
            cap_value, _ = number(row, rid, area, columns.get("cap_value"), cells.get("cap_value"))
            answers.append({
                "respondent_id": rid, "source_row": row, "municipality": municipality,
                "region": region, "area": area,
                "current_raw": _text(cells.get("current")), "current": current,
                "current_method": current_method,
                "suggested_raw": _text(cells.get("suggested")), "suggested": suggested,
                "suggested_method": suggested_method,
                "assessment": decode(row, rid, area, columns.get("assessment"), "assessment",
                                     cells.get("assessment")),
                "cap": decode(row, rid, area, columns.get("cap"), "cap", cells.get("cap")),
                "cap_value_raw": _text(cells.get("cap_value")), "cap_value": cap_value,
                "comment": _text(cells.get("comment")),
            })
        if not answered:
            exclude(row, rid, "", "", "", "no answer in any area asked", scope="row")
        respondents.append({"respondent_id": rid, "source_row": row, "municipality": municipality,
                            "region": region, "areas_answered": answered, "included": answered > 0})
    return (pd.DataFrame(answers, columns=ANSWER_COLUMNS), ledger.frame(), pd.DataFrame(respondents))


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
