"""No figure passes in silence: stale reports are marked, caps print as numbers, the run says what it did."""

import pandas as pd
import pytest
from conftest import Job

from sagstal.core.caps import cap_text
from sagstal.core.errors import IngestError
from sagstal.core.job import NOT_BUILT, run
from sagstal.render.context import cap_words
from sagstal.render.wave import data_basis
from sagstal.tools import summary


@pytest.mark.parametrize("typed, stored, shown", [
    ("25.0", "25", "25"), ("25", "25", "25"), ("32,5", "32.5", "32,5"), ("45 sager", "45", "45"),
    ("35-40", "35-40", "35-40"), ("ca. 40", "ca. 40", "ca. 40"), ("mange", "mange", "mange")])
def test_caps_are_numbers_in_the_data_and_danish_in_the_texts(typed, stored, shown):
    assert cap_text(typed) == stored
    assert cap_words(stored) == shown


def failing(job):
    raise IngestError("data/raw/2099/export.csv: something is wrong")


def test_a_failed_job_removes_the_waves_whole_reports_and_says_why(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    reports = tmp_path / "reports/2099"
    (reports / "bilag").mkdir(parents=True)
    for name in ("rapport.html", "oversigt.xlsx", "bilag/01-x.md"):
        (reports / name).write_text("old", encoding="utf-8")
    with pytest.raises(SystemExit):
        run(Job("ingest", wildcards={"wave": "2099"}, log=[tmp_path / "logs/ingest.log"]), failing)
    assert not (reports / "rapport.html").exists() and not (reports / "oversigt.xlsx").exists()
    note = (reports / NOT_BUILT).read_text(encoding="utf-8")
    assert "`ingest`" in note and "something is wrong" in note and "må ikke bruges" in note
    assert summary.wave_summary("2099")[0].startswith("Wave 2099: NOT REBUILT")
    assert "sagstal: data/raw/2099/export.csv: something is wrong" in capsys.readouterr().err


def test_the_note_of_a_failed_build_names_a_file_without_its_folder(tmp_path, monkeypatch, capsys):
    """A folder may name the analyst (/home/hanne/Downloads): nothing under reports/ shows one."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports/2099").mkdir(parents=True)

    def failing_there(job):
        raise IngestError("/home/hanne/Downloads/sagstal-2099.sav: column 'Q1' is missing; "
                          r"see C:\Users\hanne\labels.csv and data/raw/2099/codebook.yaml")

    with pytest.raises(SystemExit):
        run(Job("ingest", wildcards={"wave": "2099"}, log=[tmp_path / "logs/ingest.log"]), failing_there)
    note = (tmp_path / "reports/2099" / NOT_BUILT).read_text(encoding="utf-8")
    assert "sagstal-2099.sav: column 'Q1' is missing; see labels.csv and data/raw/2099/codebook.yaml" in note
    assert "hanne" not in note and "Downloads" not in note
    assert "/home/hanne/Downloads/sagstal-2099.sav" in capsys.readouterr().err  # the screen keeps the whole path


def test_a_job_without_a_wave_marks_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit):
        run(Job("hiring", log=[tmp_path / "x.log"]), failing)
    assert not (tmp_path / "reports").exists()


def test_the_method_section_accounts_for_rows_and_gates():
    run_summary = pd.DataFrame({"measure": ["rows_read", "rows_used", "rows_excluded", "rows_excluded"],
                                "reason": [None, None, None, "no answer in any area asked"], "count": [217, 214, 3, 3]})
    quality = pd.DataFrame({"gate": ["decoding", "unknown_codes", "unknown_codes", "unmapped_answers"],
                            "status": ["passed", "passed", "passed", "warning"],
                            "detail": ["", "", "", "column 'X' holds caseload-like answers"]})
    basis = data_basis(run_summary, quality, {"sha256": "ab" * 32})
    assert (basis["rows_read"], basis["rows_used"]) == (217, 214)
    assert basis["rows_excluded"] == [{"reason": "intet svar på noget af de spurgte sagsområder", "count": 3}]
    # a warning is the analyst's (the review page), not the reader's: the method section has the checks only
    assert [(g["checks"], g["status"]) for g in basis["gates"]] == [(1, "bestået"), (2, "bestået")]
    assert "warnings" not in basis


def test_caps_are_kept_by_distinct_value_never_one_per_respondent():
    from sagstal.core.caps import distinct, every, summarise

    summary = summarise(["25", "20", "25.0", "35-40", "25", "ca. 40"] * 1000)
    assert summary == "20 ×1000; 25 ×3000; 35-40 ×1000; ca. 40 ×1000"
    assert distinct(summary)[1] == ("25", 3000) and len(every(summary)) == 6000
    assert summarise(["30"]) == "30" and distinct("") == []


def test_many_caps_are_summarised_in_the_text():
    from sagstal.render.context import caps_context

    few = caps_context(3, [("25", 2), ("20", 1)])
    assert few["typed"] == ["20", "25", "25"]
    some = caps_context(30, [("25", 20), ("20", 10)])
    assert some["typed"] == [] and some["counted"] == [{"text": "20", "n": 10}, {"text": "25", "n": 20}]
    many = caps_context(6000, [(str(v), 100 - v) for v in range(20, 40)])
    assert many["typed"] == [] and len(many["counted"]) == 8 and many["more"] == 12
    assert many["counted"][0] == {"text": "20", "n": 80} and len(many["rows"]) == 20
