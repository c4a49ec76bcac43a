"""Hostile files, each built here: every one is refused in one `sagstal:` line naming the file,
within seconds and a gigabyte, never a hang, a traceback or a `MemoryError`.

The attacks that would hang or eat memory without their check (a YAML alias bomb, a zip bomb, a
.sav declaring 20 million cases, a named pipe) run in a child process limited to 1 GiB of address
space and stopped after CHILD_TIMEOUT seconds, so that a regression fails the test instead of the
machine; the refusal itself must come within SECONDS.
"""

import os
import resource
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
import yaml
from conftest import ROOT, Job, copy_project
from openpyxl import load_workbook
from test_broken_exports import ingest_job, valid_codebook, valid_export

from sagstal.core.config_check import config_problems
from sagstal.core.errors import IngestError
from sagstal.core.job import run
from sagstal.core.yaml_file import MAX_ALIAS_VALUES, YamlError, parse_yaml
from sagstal.ingest.reader import MAX_RATIO, MAX_UNPACKED, read_export
from sagstal.ingest.wave import ingest
from sagstal.render.excel import breakdown_tables, save
from sagstal.stats.changes import read_compliance_history, read_history
from sagstal.tools import new_wave

SECONDS = 10  # a refusal comes within this, child start-up (about 1 s of imports) included
MEMORY = 1024**3  # the child's address space: a refusal fits in a gigabyte
CHILD_TIMEOUT = 45  # a child still running then has hung: the test fails
TESTS = str(Path(__file__).parent)


def billion_laughs(first_key: str = "lol") -> str:
    """Nine lines of ten aliases each: 10^9 values in 400 bytes, the classic YAML bomb."""
    lines = [f"{first_key}: &a [" + ", ".join(["lol"] * 10) + "]"]
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def bounded(code: str, cwd=None, command=None) -> tuple[subprocess.CompletedProcess, float]:
    """Run Python code (or a command) in a child limited to MEMORY bytes of address space."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    start = time.monotonic()
    try:
        result = subprocess.run(command or [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                                timeout=CHILD_TIMEOUT, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {CHILD_TIMEOUT} s: the input hangs it")
    return result, time.monotonic() - start


def the_line(output: str) -> str:
    """The one `sagstal:` line of an output that holds no traceback."""
    assert "Traceback" not in output and "MemoryError" not in output, output[-3000:]
    lines = [line for line in output.splitlines() if line.startswith("sagstal:")]
    assert len(lines) == 1, output[-3000:]
    return lines[0]


INGEST = """
import sys
sys.path.insert(0, {tests!r})
from pathlib import Path
from test_broken_exports import ingest_job
from sagstal.core.job import run
from sagstal.ingest.wave import ingest
run(ingest_job(Path({folder!r}), {export!r}), ingest)
"""


def ingest_refuses(folder: Path, export: str, *parts: str) -> float:
    """The ingest job on folder's export and codebook, in a bounded child: it stops with one line
    holding every part; returns the seconds it took."""
    result, seconds = bounded(INGEST.format(tests=TESTS, folder=str(folder), export=export))
    assert result.returncode == 1, result.stderr[-3000:]
    line = the_line(result.stdout + result.stderr)
    for part in parts:
        assert part in line, f"{part!r} not in: {line}"
    assert seconds < SECONDS, f"{seconds:.1f} s"
    assert not (folder / "out").exists()
    return seconds


@pytest.fixture
def wave(tmp_path) -> Path:
    """A folder with the valid 30-row export (CSV) and its codebook."""
    valid_export().to_csv(tmp_path / "export.csv", index=False)
    (tmp_path / "codebook.yaml").write_text(yaml.safe_dump(valid_codebook()), encoding="utf-8")
    return tmp_path


# --- 1. YAML alias bombs, syntax errors, loops, depth ---------------------------------------------

def test_an_alias_bomb_in_a_codebook_is_refused_at_once(wave):
    lines = (wave / "codebook.yaml").read_text(encoding="utf-8").count("\n")
    with open(wave / "codebook.yaml", "a", encoding="utf-8") as codebook:
        codebook.write(billion_laughs())
    ingest_refuses(wave, "export.csv", f"{wave / 'codebook.yaml'} line {lines + 4}, column 36:", "billion laughs",
                   f"more than {MAX_ALIAS_VALUES:,} values")


def test_an_alias_bomb_in_citater_yaml_is_refused_at_once(tmp_path):
    pd.DataFrame({"area": ["sygedagpenge"], "comment": ["En kommentar."]}).to_csv(tmp_path / "answers.csv",
                                                                                 index=False)
    (tmp_path / "citater.yaml").write_text(billion_laughs("sygedagpenge"), encoding="utf-8")
    code = f"""
import sys
sys.path.insert(0, {TESTS!r})
from conftest import Job
from sagstal.core.job import run
from sagstal.ingest.quotes import quotes
run(Job("quotes", input={{"answers": {str(tmp_path / 'answers.csv')!r}, "selection": {str(tmp_path / 'citater.yaml')!r}}},
        output={{"quotes": {str(tmp_path / 'out/quotes.csv')!r}}}, params={{"areas": ["sygedagpenge"]}},
        log=[{str(tmp_path / 'quotes.log')!r}]), quotes)
"""
    result, seconds = bounded(code)
    assert result.returncode == 1
    line = the_line(result.stderr)
    assert f"{tmp_path / 'citater.yaml'} line 4, column" in line and "billion laughs" in line
    assert seconds < SECONDS


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("mistake, expected", [
    (billion_laughs(), "line {end_4}, column 36: the aliases (*c and those before it) would repeat more than 10,000 "
                       "values"),
    ("main_range:\n  bad: [x\n", "line {end_3}, column 1: not valid YAML: did not find expected ',' or ']' "
                                  "(while parsing a flow sequence at line {end_2})"),
], ids=["bomb", "syntax"])
def test_config_yaml_bomb_or_syntax_error_is_one_line_in_snakemake_and_make_report(project, mistake, expected):
    text = (project / "config.yaml").read_text(encoding="utf-8")
    lines = text.count("\n")
    expected = "config.yaml " + expected.format(end_2=lines + 2, end_3=lines + 3, end_4=lines + 4)
    (project / "config.yaml").write_text(text + mistake, encoding="utf-8")
    try:
        dry, seconds = bounded("", cwd=project, command=[sys.executable, "-m", "snakemake", "-n"])
        assert dry.returncode == 1 and the_line(dry.stdout + dry.stderr).startswith(f"sagstal: {expected}")
        assert seconds < SECONDS
        build, seconds = bounded("", cwd=project,
                                 command=[sys.executable, "-m", "sagstal.tools.build", "--cores", "1", "--quiet", "rules"])
        assert build.returncode == 1 and the_line(build.stdout).startswith(f"sagstal: {expected}")
        assert build.stdout.strip().splitlines()[1:] == ["full output of this build: logs/make-report.log"]
        assert seconds < SECONDS
    finally:
        (project / "config.yaml").write_text(text, encoding="utf-8")


def test_new_wave_with_a_yaml_error_in_config_is_one_line(tmp_path, capsys):
    project = copy_project(tmp_path / "project")  # new-wave holds the folder's build lock while this process lives
    text = (project / "config.yaml").read_text(encoding="utf-8")
    valid_export().to_csv(tmp_path / "dataset.csv", index=False)
    for broken, expected in [(text + "main_range:\n  bad: [x\n", "not valid YAML: did not find expected"),
                             ("- a list\n", "must hold key: value lines"),
                             (text + billion_laughs(), "billion laughs")]:
        (project / "config.yaml").write_text(broken, encoding="utf-8")
        try:
            assert new_wave.main(["--wave", "2031", "--export", str(tmp_path / "dataset.csv"),
                                  "--root", str(project)]) == 1
        finally:
            (project / "config.yaml").write_text(text, encoding="utf-8")
        err = capsys.readouterr().err
        line = the_line(err)
        assert line.startswith(f"sagstal: {project / 'config.yaml'}") and expected in line, line
        assert err.strip().splitlines()[1:] == ["Nothing was written: config.yaml and data/raw/ are as they were."]
    assert not (project / "data/raw/2031").exists()


@pytest.mark.parametrize("text, expected", [
    ("a: [1,\nb: 2\n", "f.yaml line 3, column 1: not valid YAML: did not find expected ',' or ']' "
                       "(while parsing a flow sequence at line 1)"),
    ("a: b: c\n", "f.yaml line 1, column 5: not valid YAML: mapping values are not allowed in this context"),
    ("a:\n\tb: 1\n", "f.yaml line 2, column 1: not valid YAML: found character that cannot start any token "
                     "(while scanning for the next token at line 2); indent with spaces, not tabs"),
    ("a: *nowhere\n", "f.yaml line 1, column 4: not valid YAML: *nowhere names no &nowhere above it"),
    ("a: &loop [1, *loop]\n", "f.yaml line 1, column 14: *loop stands inside what &loop holds"),
    ("a: 1\n---\nb: 2\n", "f.yaml line 2, column 1: not valid YAML: a second document (after ---) where the file "
                          "holds one"),
    ("a: !!python/object/apply:os.system [ls]\n", "f.yaml line 1, column 4: not valid YAML: could not determine a "
                                                  "constructor for the tag"),
    ("[" * 30_000 + "]" * 30_000, "f.yaml line 1, column 101: nested more than 100 levels deep"),
], ids=["unclosed", "colon", "tab", "undefined-alias", "alias-loop", "two-documents", "python-tag", "deep"])
def test_a_yaml_mistake_is_one_line_with_line_and_column(text, expected):
    # "deep": libyaml's composer recurses; 30,000 levels crash the interpreter (a segmentation fault)
    start = time.monotonic()
    with pytest.raises(YamlError) as error:
        parse_yaml(text, "f.yaml")
    assert str(error.value).startswith(expected) and "\n" not in str(error.value)
    assert time.monotonic() - start < 1


def test_aliases_that_repeat_a_little_stay_allowed():
    """config.yaml shares guideline entries and region names through aliases."""
    assert parse_yaml("a: &x {b: 1}\nc: *x\nd: {<<: *x, e: 2}\n", "f.yaml") == {
        "a": {"b": 1}, "c": {"b": 1}, "d": {"b": 1, "e": 2}}
    many = "a: &x [" + ", ".join(["1"] * 100) + "]\n" + "".join(f"k{i}: *x\n" for i in range(MAX_ALIAS_VALUES // 101))
    assert len(parse_yaml(many, "f.yaml")) == 1 + MAX_ALIAS_VALUES // 101


def test_a_yaml_file_that_is_a_named_pipe_is_refused_unopened(tmp_path, wave):
    (wave / "codebook.yaml").unlink()
    os.mkfifo(wave / "codebook.yaml")
    ingest_refuses(wave, "export.csv", f"{wave / 'codebook.yaml'}: is a named pipe (FIFO), not a file")


# --- 2. a zip bomb named .xlsx --------------------------------------------------------------------

def zip_bomb(path: Path, unpacked_mb: int = 210) -> None:
    """A real .xlsx of the valid export whose sheet also holds unpacked_mb MB of rows of one cell:
    about 500 KB on disk (deflate packs the repeated row 400 to 1); without the check, openpyxl
    and pandas read them all (7 million rows)."""
    valid_export().to_excel(path, index=False)
    with zipfile.ZipFile(path) as book:
        members = {info.filename: book.read(info) for info in book.infolist()}
    sheet = members["xl/worksheets/sheet1.xml"]
    head, tail = sheet.split(b"</sheetData>")
    row = b'<row><c t="n"><v>1</v></c></row>' * 32_768  # 1 MiB
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        for name, data in members.items():
            if name != "xl/worksheets/sheet1.xml":
                book.writestr(name, data)
        with book.open("xl/worksheets/sheet1.xml", "w") as member:
            member.write(head)
            for _ in range(unpacked_mb):
                member.write(row)
            member.write(b"</sheetData>" + tail)


def test_a_zip_bomb_xlsx_is_refused_before_it_is_unpacked(wave):
    zip_bomb(wave / "export.xlsx")
    size = (wave / "export.xlsx").stat().st_size
    assert size < 1_000_000
    ingest_refuses(wave, "export.xlsx", f"{wave / 'export.xlsx'}: refused: it unpacks to 220 MB",
                   f"more than {MAX_UNPACKED // 2**20} MB and more than {MAX_RATIO} times its size")


def test_a_large_workbook_that_is_no_bomb_is_read(tmp_path):
    """The bound is the ratio and the size together: 1 MB unpacking to 30 MB (30 times) is read."""
    path = tmp_path / "export.xlsx"
    valid_export().to_excel(path, index=False)
    assert len(read_export(path).frame) == 30


# --- 3. a .sav declaring 20 million cases ---------------------------------------------------------

CASES_AT = 80  # the header's case count: a 32-bit integer at byte 80 ($FL2, product, layout, width, compression, weight)


def sav_with_cases(path: Path, cases: int, **options) -> None:
    """The valid 30-row export as a real .sav, its header then saying `cases`."""
    pyreadstat.write_sav(valid_export(), str(path), **options)
    data = bytearray(path.read_bytes())
    assert struct.unpack("<i", data[CASES_AT:CASES_AT + 4])[0] == 30
    data[CASES_AT:CASES_AT + 4] = struct.pack("<i", cases)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("options", [{}, {"row_compress": True}, {"compress": True}],
                         ids=["uncompressed", "bytecode", "zsav"])
def test_a_sav_declaring_20_million_cases_is_refused(wave, options):
    sav_with_cases(wave / "export.sav", 20_000_000, **options)
    ingest_refuses(wave, "export.sav", f"{wave / 'export.sav'}: refused: its header declares 20,000,000 cases",
                   "the file is damaged or forged")


def test_a_sav_that_does_not_say_its_case_count_is_read_within_its_size(tmp_path):
    sav_with_cases(tmp_path / "export.sav", -1)
    assert len(read_export(tmp_path / "export.sav").frame) == 30


# --- 4. an export that is a named pipe, a folder ---------------------------------------------------

def test_an_export_that_is_a_named_pipe_is_refused_without_opening_it(wave):
    (wave / "export.csv").unlink()
    os.mkfifo(wave / "export.csv")  # opening it would wait for a writer for ever
    ingest_refuses(wave, "export.csv", f"{wave / 'export.csv'}: is a named pipe (FIFO), not a file")


def test_new_wave_refuses_a_named_pipe_and_a_folder(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    os.mkfifo(tmp_path / "dataset.csv")
    (tmp_path / "export.xlsx").mkdir()
    for path, kind in [(tmp_path / "dataset.csv", "a named pipe (FIFO)"), (tmp_path / "export.xlsx", "a folder")]:
        assert new_wave.main(["--wave", "2031", "--export", str(path), "--root", str(project)]) == 1
        assert the_line(capsys.readouterr().err) == (f"sagstal: {path}: is {kind}, not a file; save the export as "
                                                     "a file and point to that")


# --- 5. content that is not what the name says ------------------------------------------------------

def xlsx_named_csv(folder):
    valid_export().to_excel(folder / "export.csv", index=False)
    return "export.csv", "is an .xlsx workbook (a zip file), not what a .csv file holds; rename it to .xlsx"


def sav_named_csv(folder):
    pyreadstat.write_sav(valid_export(), str(folder / "export.csv"))
    return "export.csv", "is an SPSS .sav file, not what a .csv file holds; rename it to .sav"


def binary_named_csv(folder):
    (folder / "export.csv").write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    return "export.csv", "is not a text file (it holds NUL bytes), not what a .csv file holds"


def xlsx_named_sav(folder):
    valid_export().to_excel(folder / "export.sav", index=False)
    return "export.sav", "is an .xlsx workbook (a zip file), not what a .sav file holds; rename it to .xlsx"


def sav_named_xlsx(folder):
    pyreadstat.write_sav(valid_export(), str(folder / "export.xlsx"))
    return "export.xlsx", "is an SPSS .sav file, not what a .xlsx file holds; rename it to .sav"


def csv_named_xlsx(folder):
    valid_export().to_csv(folder / "export.xlsx", index=False)
    return "export.xlsx", ("cannot be read as .xlsx: it is a text file, not an .xlsx workbook (a zip file); "
                           "if it is a CSV export, rename it to .csv")


def old_xls(folder):
    (folder / "export.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    return "export.xlsx", "is an old Excel .xls workbook (or one saved with a password)"


@pytest.mark.parametrize("fault", [xlsx_named_csv, sav_named_csv, binary_named_csv, xlsx_named_sav,
                                   sav_named_xlsx, csv_named_xlsx, old_xls], ids=lambda f: f.__name__)
def test_content_other_than_its_name_says_is_named(tmp_path, capsys, fault):
    (tmp_path / "codebook.yaml").write_text(yaml.safe_dump(valid_codebook()), encoding="utf-8")
    export, expected = fault(tmp_path)
    with pytest.raises(SystemExit):
        run(ingest_job(tmp_path, export), ingest)
    assert the_line(capsys.readouterr().err).startswith(f"sagstal: {tmp_path / export}: {expected}")


# --- 6. names from config that become sheet or file names -------------------------------------------

def test_breakdown_labels_become_valid_sheet_names(tmp_path):
    labels = ["Kommune/region", "Størrelse [indbyggere]: *", "En meget lang betegnelse for en opdeling af svarene",
              "kommune/REGION"]
    save(breakdown_tables([{"label": label, "rows": [], "min_count": 5} for label in labels], "kilde"),
         tmp_path / "oversigt.xlsx")
    book = load_workbook(tmp_path / "oversigt.xlsx")
    assert book.sheetnames == ["Pr. kommune-region", "Pr. størrelse -indbyggere-- -", "Pr. en meget lang betegnelse f…",
                               "Pr. kommune-region (2)"]
    assert book["Pr. kommune-region"]["A1"].value == "Hovedtal pr. sagsområde og kommune/region"  # as written


def test_a_breakdown_key_that_cannot_name_a_file_is_one_line_in_config():
    schema = yaml.safe_load((ROOT / "workflow/schemas/config.schema.yaml").read_text(encoding="utf-8"))
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    config["breakdowns"]["../kommune"] = config["breakdowns"].pop("landsdel")
    [problem] = config_problems(config, schema, text)
    assert problem.startswith("config.yaml line ") and problem.endswith(
        "breakdowns.../kommune: '../kommune' is not a valid name here: a column of answers.csv, or a new name with "
        "lookup; it names files (figurer/pr-<name>.png), so lowercase letters, digits, '_' and '-', at most 40")


# --- 7. history.csv and compliance_history.csv -------------------------------------------------------

HISTORY = "area,year,mean,source\nsygedagpenge,2019,57,Rapport 2019\nfleksjob,2019,40,Rapport 2019\n"


@pytest.mark.parametrize("text, expected", [
    (HISTORY.replace("mean", "gennemsnit"), "no column 'mean' (its columns: area, year, gennemsnit, source; "
                                            "it needs area, year, mean, source)"),
    (HISTORY.replace(",40,", ",fyrre,"), "row 3, column mean: 'fyrre' is not a number (33 or 33.5)"),
    (HISTORY.replace(",2019,40", ",19,40"), "row 3, column year: '19' is not a year (2019, or 2019b)"),
    (HISTORY.replace("Rapport 2019\nfleksjob", "\nfleksjob"), "row 2, column source: '' is not a text (not empty)"),
    (HISTORY.replace("fleksjob", "sygedagpenge"), "rows 2 and 3: area sygedagpenge, year 2019 twice; keep one"),
    (HISTORY + "fleksjob,2023,40,x,y\n", "cannot be read as CSV"),
], ids=["missing-column", "text-for-number", "bad-year", "empty-source", "twice", "extra-field"])
def test_a_mistake_in_history_csv_names_file_row_and_column(tmp_path, text, expected):
    (tmp_path / "history.csv").write_text(text, encoding="utf-8")
    with pytest.raises(IngestError) as error:
        read_history(tmp_path / "history.csv")
    assert str(error.value).startswith(f"{tmp_path / 'history.csv'}") and expected in str(error.value)


def test_a_mistake_in_compliance_history_csv_names_file_row_and_column(tmp_path):
    (tmp_path / "compliance_history.csv").write_text("year,compliant_pct,source\n2019,62,x\n2013,143,y\n",
                                                     encoding="utf-8")
    with pytest.raises(IngestError, match=r"compliance_history.csv row 3, column compliant_pct: '143' is not a "
                                          r"percentage from 0 to 100"):
        read_compliance_history(tmp_path / "compliance_history.csv")


def test_the_shipped_histories_read_as_before():
    from sagstal.core.files import read_csv

    for path, reader in [(ROOT / "data/raw/history.csv", read_history),
                         (ROOT / "data/raw/compliance_history.csv", read_compliance_history)]:
        pd.testing.assert_frame_equal(reader(path), read_csv(path))


def test_the_changes_job_stops_with_the_history_line(tmp_path, capsys):
    from sagstal.stats.changes import changes

    (tmp_path / "history.csv").write_text(HISTORY.replace(",40,", ",fyrre,"), encoding="utf-8")
    stats = {"n_current": 50, "mean_current": 55, "mean_current_one_decimal": 55.2, "mean_current_ci_low": 52.0,
             "mean_current_ci_high": 58.5, "compliant_n": 20, "compliant_pct": 40, "too_high_n": 30, "n_assessed": 50,
             "too_high_pct": 60}
    pd.DataFrame([{"area": "fleksjob", **stats}]).to_csv(tmp_path / "area_stats.csv", index=False)
    job = Job("changes", input={"area_stats": tmp_path / "area_stats.csv", "history": tmp_path / "history.csv",
                                "answers": tmp_path / "answers.csv", "earlier_area_stats": [], "earlier_answers": [],
                                "earlier_compliance": []},
              params={"wave": "2099", "earlier_waves": [], "lineage": {},
                      "precision": {"confidence": 0.95, "resamples": 100, "seed": 1}},
              output={name: tmp_path / f"out/{name}.csv" for name in ("trend", "changes", "compliance_trend")},
              log=[tmp_path / "changes.log"])
    with pytest.raises(SystemExit):
        run(job, changes)
    assert the_line(capsys.readouterr().err) == (f"sagstal: {tmp_path / 'history.csv'} row 3, column mean: 'fyrre' "
                                                 "is not a number (33 or 33.5)")
