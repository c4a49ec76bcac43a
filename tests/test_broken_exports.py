"""A corpus of broken exports: each fault stops with one clear message, or lands in the ledger.

Each fault is a small mutation of a valid export (the first 30 rows of the 2023 wave, as CSV),
so the corpus is code, not binary files. Structural faults run the ingest job in-process, exactly
as its script does, and must end it with one paragraph naming the file (and row, column, value
where there is one), with no traceback and no output left behind; two of them also run through
Snakemake. Row-level faults must not stop the run: they are ledger entries with row, column, raw
value and reason.
"""

import shutil

import pandas as pd
import pyreadstat
import pytest
import yaml
from conftest import ROOT, Job, copy_project, snakemake

from sagstal.core.job import run
from sagstal.ingest.wave import TABLES, ingest, read_wave

WAVE = "2099"


def valid_export() -> pd.DataFrame:
    frame, _ = pyreadstat.read_sav(str(ROOT / "data/raw/2023/sagstal-2023.sav"), row_limit=30)
    return frame


def valid_codebook() -> dict:
    return yaml.safe_load((ROOT / "data/raw/2023/codebook.yaml").read_text(encoding="utf-8"))


def first_answer_row(frame, column):
    """Index of the first respondent with an answer in column."""
    return next(i for i, v in enumerate(frame[column]) if str(v).strip() not in ("", "nan"))


# name: (writes the broken files into folder and returns the export's file name, message parts)
def missing_column(folder):
    valid_export().drop(columns=["Q3_1"]).to_csv(folder / "export.csv", index=False)
    return "export.csv", ["export.csv", "'Q3_1' (voksenhandicap current)", "codebook.yaml"]


def duplicate_ids(folder):
    frame = valid_export()
    frame.loc[5, "RespondentID"] = frame.loc[2, "RespondentID"]
    frame.to_csv(folder / "export.csv", index=False)
    return "export.csv", ["rows 4, 7", "column 'RespondentID'", f"'{frame.loc[2, 'RespondentID']}'"]


def blank_id(folder):
    frame = valid_export()
    frame.loc[9, "RespondentID"] = ""
    frame.to_csv(folder / "export.csv", index=False)
    return "export.csv", ["row 11", "column 'RespondentID'", "blank"]


def wrong_encoding(folder):
    frame = valid_export()
    frame.loc[0, "Kommune"] = "Tårnby"
    frame.to_csv(folder / "export.csv", index=False, encoding="latin-1")
    return "export.csv", ["export.csv", "cannot be read as utf-8", "encoding"]


def empty_file(folder):
    (folder / "export.csv").write_bytes(b"")
    return "export.csv", ["export.csv", "cannot be read as .csv"]


def header_only(folder):
    valid_export().head(0).to_csv(folder / "export.csv", index=False)
    return "export.csv", ["export.csv", "no respondent rows"]


def semicolons(folder):
    valid_export().to_csv(folder / "export.csv", index=False, sep=";")
    return "export.csv", ["export.csv", "separated by ';'", "set separator"]


def unknown_type(folder):
    (folder / "export.ods").write_bytes(b"PK\x03\x04 not really")
    # config validation stops this before any rule runs, naming the value
    return "export.ods", ["export.ods", "does not match"]


def corrupt_xlsx(folder):
    (folder / "export.xlsx").write_bytes(b"this is not a workbook")
    return "export.xlsx", ["export.xlsx", "cannot be read as .xlsx"]


def corrupt_sav(folder):
    (folder / "export.sav").write_bytes(b"$FL2 truncated")
    return "export.sav", ["export.sav", "cannot be read as .sav"]


def malformed_codebook(folder):
    valid_export().to_csv(folder / "export.csv", index=False)
    (folder / "codebook.yaml").write_text("respondent_id: RespondentID\nareas: [unclosed\n", encoding="utf-8")
    return "export.csv", ["codebook.yaml", "not valid YAML", "line"]


def codebook_without_areas(folder):
    valid_export().to_csv(folder / "export.csv", index=False)
    book = valid_codebook()
    del book["areas"]
    (folder / "codebook.yaml").write_text(yaml.safe_dump(book), encoding="utf-8")
    return "export.csv", ["codebook.yaml", "has no 'areas' entry"]


def misspelt_codebook_field(folder):
    valid_export().to_csv(folder / "export.csv", index=False)
    book = valid_codebook()
    book["areas"]["fleksjob"]["curent"] = book["areas"]["fleksjob"].pop("current")
    (folder / "codebook.yaml").write_text(yaml.safe_dump(book), encoding="utf-8")
    return "export.csv", ["codebook.yaml", "'fleksjob'", "unknown field(s) ['curent']"]


def unknown_layout(folder):
    valid_export().to_csv(folder / "export.csv", index=False)
    book = valid_codebook() | {"layout": "long"}
    (folder / "codebook.yaml").write_text(yaml.safe_dump(book), encoding="utf-8")
    return "export.csv", ["codebook.yaml", "layout 'long'"]


def trailing_space_in_header(folder):
    valid_export().rename(columns={"Kommune": "Kommune "}).to_csv(folder / "export.csv", index=False)
    return "export.csv", ["'Kommune' (municipality)", "is in the export as 'Kommune '"]


def byte_order_mark_read_as_latin1(folder):
    valid_export().to_csv(folder / "export.csv", index=False, encoding="utf-8-sig")
    book = valid_codebook() | {"encoding": "latin-1"}
    (folder / "codebook.yaml").write_text(yaml.safe_dump(book), encoding="utf-8")
    return "export.csv", ["'RespondentID' (respondent_id)", "byte-order mark", "remove 'encoding'"]


def utf8_read_as_latin1(folder):
    frame = valid_export().astype(object)
    frame.loc[0, "Kommune"] = "Tårnby"
    frame.loc[3, "Q1_6"] = "Sagerne er for højt prioriteret"
    frame.to_csv(folder / "export.csv", index=False, encoding="utf-8")
    book = valid_codebook() | {"encoding": "latin-1"}
    (folder / "codebook.yaml").write_text(yaml.safe_dump(book), encoding="utf-8")
    return "export.csv", ["quality gate", "10 cell(s) look mis-decoded", "'TÃ¥rnby'", "set encoding: utf-8"]


def labels_against_numeric_codes(folder):
    frame = valid_export().astype(object)
    labels = {1.0: "For lavt", 2.0: "Passende", 3.0: "For højt"}
    for column in [c for c in frame.columns if c.endswith("_2")]:
        frame[column] = frame[column].map(labels)
    frame.to_csv(folder / "export.csv", index=False)
    return "export.csv", ["quality gate", "column 'Q1_2' (boerne-familie assessment)", "are not among the codebook's "
                          "assessment codes ['1', '2', '3']", "'For højt'"]


def row_cut_short(folder):
    valid_export().to_csv(folder / "export.csv", index=False)
    lines = (folder / "export.csv").read_text(encoding="utf-8").splitlines()
    lines[4] = ",".join(lines[4].split(",")[:10])
    (folder / "export.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "export.csv", ["1 row(s) have more or fewer fields than the header's 81", "row 5 has 10"]


def row_with_a_stray_separator(folder):
    valid_export().to_csv(folder / "export.csv", index=False)
    lines = (folder / "export.csv").read_text(encoding="utf-8").splitlines()
    lines[7] += ",40"
    (folder / "export.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "export.csv", ["row 8 has 82", "inside an unquoted answer"]


def excel_dates_in_number_columns(folder):
    frame = valid_export().astype(object)
    index = first_answer_row(frame, "Q9_1")
    frame.loc[index, "Q9_1"] = pd.Timestamp("2025-02-28")
    frame.to_excel(folder / "export.xlsx", index=False)
    return "export.xlsx", ["quality gate", "hold dates", "column 'Q9_1' (sygedagpenge current)",
                           f"row {index + 2}: '2025-02-28 00:00:00'", "format the answer columns as Text"]


def most_answers_of_an_area_unreadable(folder):
    frame = valid_export().astype(object)
    answered = [i for i, v in enumerate(frame["Q1_1"]) if str(v).strip() not in ("", "nan")]
    for i in answered[: len(answered) // 2 + 1]:
        frame.loc[i, "Q1_1"] = "mange"
    frame.to_csv(folder / "export.csv", index=False)
    return "export.csv", ["too many answers could not be used", "area boerne-familie", "'mange'",
                          "quality.max_excluded_share"]


def area_not_in_codebook(folder):
    valid_export().to_csv(folder / "export.csv", index=False)
    book = valid_codebook()
    del book["areas"]["integration"]
    (folder / "codebook.yaml").write_text(yaml.safe_dump(book), encoding="utf-8")
    return "export.csv", ["codebook.yaml", "['integration']", "does not map"]


STRUCTURAL = [missing_column, duplicate_ids, blank_id, wrong_encoding, empty_file, header_only, semicolons,
              unknown_type, corrupt_xlsx, corrupt_sav, malformed_codebook, codebook_without_areas,
              misspelt_codebook_field, unknown_layout, area_not_in_codebook, trailing_space_in_header,
              byte_order_mark_read_as_latin1, utf8_read_as_latin1, labels_against_numeric_codes, row_cut_short,
              row_with_a_stray_separator, excel_dates_in_number_columns, most_answers_of_an_area_unreadable]


def ingest_job(folder, export_name) -> Job:
    """The ingest job of a wave whose export and codebook are in folder, as the rule would make it."""
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    settings = config["waves"]["2023"]
    outputs = {name: folder / f"out/{name}.csv" for name in (*TABLES, "run_summary", "quality", "source")}
    return Job("ingest", input={"export": folder / export_name, "codebook": folder / "codebook.yaml",
                                "municipalities": ROOT / "data/reference/kommuner.csv"},
               output=outputs, log=[folder / "ingest.log"],
               params={"open_answers": "exclude", "quality": config["quality"],
                       "settings": {"areas": sorted(settings["areas"]),
                                    "plausible_caseload": settings["plausible_caseload"]}})


@pytest.mark.parametrize("fault", [f for f in STRUCTURAL if f is not unknown_type], ids=lambda f: f.__name__)
def test_structural_fault_stops_with_a_clear_message(tmp_path, capsys, fault):
    (tmp_path / "codebook.yaml").write_text(yaml.safe_dump(valid_codebook()), encoding="utf-8")
    export_name, parts = fault(tmp_path)
    with pytest.raises(SystemExit) as stop:
        run(ingest_job(tmp_path, export_name), ingest)
    assert stop.value.code == 1
    out = capsys.readouterr()
    [message] = [p.strip() for p in (out.out + out.err).split("\n\n") if p.strip().startswith("sagstal: ")]
    assert message.count("sagstal: ") == 1
    for part in parts:
        assert part in message, f"{part!r} not in: {message}"
    assert "Traceback" not in out.out + out.err
    assert not (tmp_path / "out").exists()


@pytest.fixture
def project(tmp_path):
    """A copy of the project without the shipped waves: each test writes its own broken one."""
    work = copy_project(tmp_path)
    shutil.rmtree(work / "data/raw/2015")
    shutil.rmtree(work / "data/raw/2023")
    return work


def configure(project, export_name):
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    wave = dict(config["waves"]["2023"], export=f"data/raw/{WAVE}/{export_name}",
                codebook=f"data/raw/{WAVE}/codebook.yaml", quotes=f"data/raw/{WAVE}/citater.yaml", title="Testbølge")
    wave.pop("published")
    (project / "data/raw" / WAVE / "citater.yaml").write_text("{}\n", encoding="utf-8")
    config["waves"] = {WAVE: wave}
    (project / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.e2e
@pytest.mark.parametrize("fault", [missing_column, unknown_type], ids=lambda f: f.__name__)
def test_structural_fault_through_snakemake(project, fault):
    folder = project / "data/raw" / WAVE
    folder.mkdir(parents=True)
    (folder / "codebook.yaml").write_text(yaml.safe_dump(valid_codebook()), encoding="utf-8")
    export_name, parts = fault(folder)
    configure(project, export_name)
    result = snakemake(project, "--quiet", "rules")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    message = next((line for line in out.splitlines() if line.startswith("sagstal: ")), out)
    for part in parts:
        assert part in message, f"{part!r} not in: {message}"
    assert "Traceback" not in out
    assert not list((project / "data/processed").rglob("*.csv")) if (project / "data/processed").exists() else True
    assert not (project / "reports").exists() or not any((project / "reports").rglob("*.*"))


# Row-level faults: (cell to break, value typed, reason expected in the ledger)
ROW_FAULTS = {
    "unreadable caseload": ("Q9_1", "mange", "not a number, range or approximation"),
    "reversed range": ("Q9_1", "60-40", "lower end above"),
    "open answer excluded by config": ("Q9_1", "40+", "open-ended answer"),
    "implausible caseload excluded": ("Q9_1", "5000", "outside the plausible range 1-500"),
    "code outside the labels": ("Q9_2", "7", "code '7' is not in the codebook's assessment codes"),
    "unknown region code": ("Region", "9", "code '9' is not in the codebook's region codes"),
}


@pytest.mark.parametrize("fault", ROW_FAULTS, ids=str)
def test_row_level_fault_is_a_ledger_entry(tmp_path, fault):
    column, typed, reason = ROW_FAULTS[fault]
    frame = valid_export().astype(object)
    index = first_answer_row(frame, "Q9_1")
    frame.loc[index, column] = typed
    frame.to_csv(tmp_path / "export.csv", index=False)
    (tmp_path / "codebook.yaml").write_text(yaml.safe_dump(valid_codebook()), encoding="utf-8")
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    tables = read_wave(tmp_path / "export.csv", tmp_path / "codebook.yaml", config["waves"]["2023"], "exclude")
    ledger = tables["exclusions"]
    entry = ledger[(ledger["column"] == column) & (ledger["raw_value"] == typed)]
    assert len(entry) == 1, ledger
    assert entry.iloc[0]["source_row"] == index + 2  # spreadsheet row: header is row 1
    assert reason in entry.iloc[0]["reason"]
    assert len(tables["respondents"]) == 30  # nothing dropped: every row still accounted for
