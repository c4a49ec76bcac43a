"""What a respondent typed: identifiers redacted (with the near misses that must stay), hidden
characters removed, and no text that a spreadsheet or a Markdown viewer would run."""

import csv
import io
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sagstal.core.files import as_spreadsheet_text, read_csv, runs_as_formula, write_csv
from sagstal.core.free_text import scrub, visible
from sagstal.render.pages import markdown_text
from sagstal.render.word import _plain


@pytest.mark.parametrize("text, expected", [
    ("Borgeren 010190-1234 venter stadig", "Borgeren … venter stadig"),
    ("cpr 010190 1234.", "cpr …."),
    ("cpr 0101901234", "cpr …"),
    ("nr. 9999999999 i journalen", "nr. … i journalen"),  # ten digits in a row, whatever the date
    ("311299-0001, 150785-4321", "…, …"),
])
def test_cpr_numbers_are_redacted(text, expected):
    assert scrub(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("skriv til tr@odense.dk", "skriv til …"),
    ("hanne (at) kommune.dk", "…"),
    ("hanne[at]kommune.dk eller hanne {at} kommune . dk", "… eller …"),
    ("hanne(snabel-a)kommune(dot)dk", "…"),
    ("HANNE (AT) KOMMUNE (PUNKTUM) DK", "…"),
])
def test_e_mail_addresses_are_redacted_also_written_around_filters(text, expected):
    assert scrub(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("ring 12 34 56 78", "ring …"),
    ("ring +45 12345678 eller 0045 1234 5678", "ring … eller …"),
    ("se https://www.kommune.dk/jobcenter?id=4 og www.ds.dk", "se … og …"),
])
def test_phone_numbers_and_web_addresses_are_redacted(text, expected):
    assert scrub(text) == expected


@pytest.mark.parametrize("text", [
    "30-35 sager, 35-40 er passende, og 30-35 40-45 i to teams",
    "I 2023 havde vi 45 sager, i 2019 kun 38",
    "Den 01-02-2023 og den 1.2.2023 steg det til 55",
    "Loft på 40,5 sager fra 1. januar 2024; 100 % for mange",
    "Sagsnummer 2023-000123 er ikke et cpr-nummer",
    "Vi skal nå at få det til at hænge sammen",  # 'at' is a Danish word, not an e-mail's @
])
def test_near_misses_stay(text):
    assert scrub(text) == text


def test_hidden_and_control_characters_go_and_line_breaks_become_spaces():
    assert visible("for\u202emange\u200b sager\x00\x07\r\nnu\u2066x\u2069\ufeff") == "formange sager nux"
    assert scrub(None) is None and scrub("") == ""


@pytest.mark.parametrize("text, runs", [
    ('=HYPERLINK("http://x","klik")', True), ("+cmd|' /C calc'!A0", True), ("@SUM(1)", True),
    ("-2+3", True), ("\tTAB", True), ("'=x", True),
    ("-5", False), ("+3,5", False), ("-", False), ("45", False), ("ca. 40", False), ("", False), (5, False),
])
def test_what_a_spreadsheet_would_run_as_a_formula(text, runs):
    assert runs_as_formula(text) is runs
    assert as_spreadsheet_text(text) == ("'" + text if runs else text)


def test_csv_cells_are_written_as_text_and_read_back_as_typed(tmp_path):
    typed = ['=1+1', "+cmd|' /C calc'!A0", "@SUM(1)", "-", "-5", "'=already quoted", "plain"]
    write_csv(pd.DataFrame({"comment": typed, "n": range(len(typed))}), tmp_path / "t.csv")
    raw = pd.read_csv(tmp_path / "t.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert raw["comment"].tolist() == ["'=1+1", "'+cmd|' /C calc'!A0", "'@SUM(1)", "-", "-5", "''=already quoted",
                                       "plain"]
    assert read_csv(tmp_path / "t.csv", dtype={"comment": str}, keep_default_na=False)["comment"].tolist() == typed


def test_markdown_shows_a_respondents_markup_as_text_and_word_as_typed():
    typed = '<img src=x onerror="alert(1)"> **fed** [klik](javascript:alert(1)) | # `kode` a\\b & _x_'
    escaped = markdown_text(typed)
    assert "<" not in escaped.replace("\\<", "") and "[" not in escaped.replace("\\[", "")
    assert _plain(escaped) == typed


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cells_a_spreadsheet_runs(raw: str) -> list[str]:
    """Cells of a CSV that a spreadsheet would run as a formula, split on ',' (the file's separator)
    and on ';' (a Danish Excel's, when the file is double-clicked). A number ("-5") is a number."""
    found = []
    for delimiter in (",", ";"):
        for row in csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter):
            for cell in row:
                if cell.startswith(FORMULA_START) and cell != "-":
                    try:
                        float(cell.replace(",", "."))
                    except ValueError:
                        found.append(cell)
    return found


def test_a_danish_excel_splitting_on_semicolons_sees_no_formula(tmp_path):
    typed = ["x;=cmd|' /C calc'!A0", "a;+b", "a; @SUM(1)", "c;-2+3", "d;'=kept", "=1+1", "-", "-5", "30-35; 40", "plain"]
    frame = pd.DataFrame({"n": range(len(typed)), "comment": typed, "area": ["sygedagpenge"] * len(typed)})
    write_csv(frame, tmp_path / "t.csv")
    raw = (tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    assert '"x;\'=cmd|\' /C calc\'!A0"' in raw  # a text holding ';' is quoted, and what follows ';' protected
    assert cells_a_spreadsheet_runs(raw) == []
    assert read_csv(tmp_path / "t.csv", dtype={"comment": str})["comment"].tolist() == typed


@settings(max_examples=60, derandomize=True, deadline=None)  # a file per example: fast enough
@given(st.lists(st.text(st.sampled_from(list("=+-@;,'\"\t\r\n x1æ")), max_size=12), min_size=1, max_size=6))
def test_any_text_is_written_as_text_and_read_back_as_typed(texts):
    """However the ';', ',', quotes, apostrophes and formula signs fall, no CSV cell runs, split either way."""
    frame = pd.DataFrame({"n": range(len(texts)), "text": texts, "again": texts[::-1]})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        write_csv(frame, path)
        raw = path.read_text(encoding="utf-8-sig")
        back = read_csv(path, dtype={"text": str, "again": str}, keep_default_na=False)
    assert cells_a_spreadsheet_runs(raw) == []
    assert back["text"].tolist() == texts and back["again"].tolist() == texts[::-1]
