"""A wave in a questionnaire's own words (tests/exports_areas.py): known areas found inside compounds
and brackets, one question per unrecognised group with its own key, answers checked (never
last-wins), new areas added by answering, and the report built with every area's figures equal to
the test's own computation. Also a CSV whose column names end in other words, and a workbook
whose answers are not on its first sheet."""

import subprocess
import sys

import pandas as pd
import pytest
import yaml
from conftest import ROOT, copy_project, snakemake
from exports_areas import AREAS, expected, people, write_suffix_csv, write_three_files, write_workbook
from test_new_wave import decide_config

PEOPLE = people()
EXPECTED = expected(PEOPLE)


def new_wave(work, *args):
    return subprocess.run([sys.executable, "-m", "sagstal.tools.new_wave", "--wave", "2031", *args], cwd=work,
                          capture_output=True, text=True)


def nothing_written(work, config_before: bytes) -> bool:
    return (work / "config.yaml").read_bytes() == config_before and not (work / "data/raw/2031").exists()


@pytest.mark.e2e
def test_six_areas_in_new_wording_two_of_them_new_to_a_built_report(tmp_path):
    work = copy_project(tmp_path / "project")
    export = write_workbook(tmp_path / "sagstal 2031.xlsx", PEOPLE, ROOT)
    before = (work / "config.yaml").read_bytes()

    asked = new_wave(work, "--export", str(export))
    assert asked.returncode == 1 and nothing_written(work, before)
    # the two unknown groups, each with its own key (its first variable) and its question text
    assert "2 group(s) of columns" in asked.stderr
    assert "  s_16 (current: s_16, assessment: s_17, suggested: s_18, cap: s_19, cap_value: s_20, comment: s_21; " \
           "«Hvor mange sager har en fuldtidsansat sagsbehandler i gennemsnit lige nu på misbrugsbehandlingen " \
           "(serviceloven § 101)?»): which area?" in asked.stderr
    assert "  s_28 (" in asked.stderr and "AREAS='s_16=<area> s_28=<area>'" in asked.stderr

    for answer, says in [("s_16=ny:Misbrugsområdet s_16=-", "--area s_16 is answered twice"),
                         ("s_99=ny:Misbrugsområdet s_16=-", "--area s_99: no group of columns asked has that key "
                                                            "(the groups asked: s_16, s_28)"),
                         ("s_16=ny:Misbrugsområdet", "1 group(s) of columns"),
                         ("s_16=misbrug s_28=-", "--area names misbrug, which config.yaml's areas do not have")]:
        result = new_wave(work, "--export", str(export), "--area", answer)
        assert result.returncode == 1 and says in result.stderr, (answer, result.stderr)
        assert result.stderr.count("\n") <= 4 and "Traceback" not in result.stderr
        assert nothing_written(work, before), answer

    done = new_wave(work, "--export", str(export), "--area", "s_16=ny:Misbrugsområdet s_28=ny:Udsatte voksne")
    assert done.returncode == 0, done.stderr
    assert "new area misbrug: label «Misbrugsområdet», short label «Misbrug»" in done.stdout
    config = yaml.safe_load((work / "config.yaml").read_text(encoding="utf-8"))
    assert config["areas"]["misbrug"] == {"label": "Misbrugsområdet", "short_label": "Misbrug"}
    assert config["areas"]["udsatte-voksne"] == {"label": "Udsatte voksne", "short_label": "Udsatte voksne"}
    wave = config["waves"]["2031"]["areas"]
    assert list(wave) == ["boerne-familie", "sygedagpenge", "ressourceforloeb", "integration", "misbrug",
                          "udsatte-voksne"]
    assert [wave[a]["bilag"] for a in wave] == [1, 2, 3, 4, 5, 6]
    codebook = yaml.safe_load((work / "data/raw/2031/codebook.yaml").read_text(encoding="utf-8"))
    assert codebook["areas"]["sygedagpenge"]["current"] == "s_4"
    assert codebook["areas"]["boerne-familie"]["cap_value"] == "s_14"  # "Hvis ja: …" between its area's columns
    assert codebook["codes"]["assessment"] == {5: "too_high", 6: "about_right", 7: "too_low", 8: "no_answer"}

    decide_config(work, "2031")
    built = snakemake(work, "reports/2031/rapport.html")
    assert built.returncode == 0, (built.stdout + built.stderr)[-3000:]
    stats = pd.read_csv(work / "data/processed/2031/area_stats.csv", encoding="utf-8-sig").set_index("area")
    assert set(stats.index) == set(EXPECTED)
    for area, figures in EXPECTED.items():
        assert {k: stats.loc[area, k] for k in figures} == figures, area
    page = (work / "reports/2031/rapport.html").read_text(encoding="utf-8")
    assert "Misbrugsområdet" in page and "Udsatte voksne" in page


def test_the_three_file_export_of_the_same_wave_maps_the_same(tmp_path):
    """SurveyXact's three files (cp1252, ';') and its one workbook of the same wave give one codebook
    (scaffold only)."""
    from sagstal.tools.new_wave import build

    decisions = {"s_16": "ny:Misbrugsområdet", "s_28": "-"}
    files = write_three_files(tmp_path / "download", PEOPLE, ROOT)
    book = write_workbook(tmp_path / "sagstal.xlsx", PEOPLE, ROOT)
    from_files, entry, new_areas, _, _ = build(ROOT, "2999", files, "2023", decisions)
    from_book, _, _, _, _ = build(ROOT, "2999", book, "2023", decisions)
    assert list(new_areas) == ["misbrug"] and "udsatte-voksne" not in entry["areas"]
    assert len(entry["areas"]) == 5 and "TODO" not in from_files.split("areas:")[1]
    assert from_files.split("areas:")[1] == from_book.split("areas:")[1]


def test_a_csv_whose_names_end_in_other_words_gets_a_next_step_and_then_maps(tmp_path):
    work = copy_project(tmp_path / "project")
    export = write_suffix_csv(tmp_path / "sagstal.csv", PEOPLE)
    stopped = new_wave(work, "--export", str(export))
    assert stopped.returncode == 1 and "--field current=_nu" in stopped.stderr and "Traceback" not in stopped.stderr
    asked = new_wave(work, "--export", str(export), "--field", "current=_nu suggested=_forslag assessment=_vurd")
    assert asked.returncode == 1 and "SD (current: SD_nu, assessment: SD_vurd, suggested: SD_forslag)" in asked.stderr
    done = new_wave(work, "--export", str(export), "--field", "current=_nu suggested=_forslag assessment=_vurd",
                    "--area", "SD=sygedagpenge BU=boerne-familie")
    assert done.returncode == 0, done.stderr
    codebook = yaml.safe_load((work / "data/raw/2031/codebook.yaml").read_text(encoding="utf-8"))
    assert codebook["areas"]["sygedagpenge"] == {"current": "SD_nu", "assessment": "SD_vurd",
                                                 "suggested": "SD_forslag"}
    assert codebook["codes"]["assessment"] == {"For højt": "too_high", "Passende": "about_right",
                                               "For lavt": "too_low", "Ved ikke": "no_answer"}


def test_a_workbook_with_a_title_page_is_read_from_its_answers_sheet(tmp_path):
    from sagstal.ingest.reader import detect

    export = write_workbook(tmp_path / "udtraek.xlsx", PEOPLE, ROOT, title_page=True)
    reading = detect(export)
    assert (reading.format, reading.sheet) == ("xlsx", "Data")


@pytest.mark.parametrize("text, area", [
    ("Hvor mange sager har du på sygedagpengeopfølgningen i jobcentret?", "sygedagpenge"),
    ("Antal sager på børne- og ungeområdet (myndighed for udsatte børn og familier)", "boerne-familie"),
    ("Sager på integrationsområdet", "integration"),
    ("ressourceforløb (koordinerende sagsbehandler): antal sager", "ressourceforloeb"),
    ("børnehandicapområdet (serviceloven § 32)", "boerne-handicap"),
    ("Kontanthjaelpsomraadet", "kontanthjaelp"),
    ("ressourceforløb og fleksjob", "ressourceforloeb-fleksjob"),
])
def test_areas_are_found_inside_compounds_inflections_and_brackets(text, area):
    from sagstal.tools.mapping import area_names, areas_named

    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    assert list(areas_named(text, area_names(config["areas"]))) == [area]


def test_two_possible_areas_stay_a_question():
    from sagstal.tools.mapping import area_names, areas_named

    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    assert set(areas_named("jobparate kontanthjælpsmodtagere over 30 år", area_names(config["areas"]))) == {
        "jobparate-over-30", "kontanthjaelp"}


def test_areas_named_in_the_wave_are_the_known_four():
    assert sum(not a.startswith("ny:") for a in AREAS) == 4
