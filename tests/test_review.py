"""The review page: each section's points from its source table, the count line equal to the
points listed, and on the shipped waves every point traced back to its rows."""

import re

import pandas as pd
import pytest

from sagstal.render.review import (
    SCAFFOLDED,
    audit_section,
    change_section,
    exclusion_section,
    headline,
    hidden_section,
    low_base_section,
    quality_section,
    quote_section,
    scaffold_section,
)

LABELS = {"sygedagpenge": "Sygedagpengeområdet", "boerne-familie": "Børne- og familieområdet"}


def test_the_count_line():
    assert headline(0) == "Klar til udgivelse"
    assert headline(1) == "1 punkt skal afgøres før udgivelse"
    assert headline(12) == "12 punkter skal afgøres før udgivelse"


def test_a_gate_warning_is_a_point_in_danish_and_a_passed_check_is_not():
    quality = pd.DataFrame({"gate": ["decoding", "unmapped_answers"], "column": ["", "s_9"], "measured": [0, None],
                            "threshold": [0, None], "status": ["passed", "warning"], "detail": ["", "English detail"]})
    section = quality_section(quality, "quality.csv")
    assert [p.text for p in section.points] == [
        "Kolonnen «s_9» ligner svar på sagstal, men kodebogen bruger den ikke: kobl den til et felt i "
        "codebook.yaml, eller se efter, at den ikke hører til undersøgelsen."]
    assert section.note.startswith("1 af 1 kontroller bestået")


def test_exclusions_are_one_point_per_area_scope_and_reason_with_their_rows_redacted():
    exclusions = pd.DataFrame({
        "source_row": [4, 9, 12], "respondent_id": ["r1", "r2", "r3"], "area": ["sygedagpenge", "sygedagpenge", None],
        "column": ["s_3", "s_3", None], "raw_value": ["40+ i Odense", "40+", None], "scope": ["cell", "cell", "row"],
        "reason": ["open answer", "open answer", "no answer in any area asked"]})
    points = exclusion_section(exclusions, LABELS, ["Odense"], "exclusions.csv").points
    assert [(p.text, p.count) for p in points] == [
        ("Sygedagpengeområdet: svaret udeladt: open answer", 2),
        ("alle områder: hele rækken udeladt: intet svar på noget af de spurgte sagsområder", 1)]
    assert points[0].rows == ["række 4, s_3: «40+ i …»", "række 9, s_3: «40+»"]
    assert not any("r1" in row for p in points for row in p.rows)  # no respondent id on the page


def test_many_rows_are_shown_in_part_and_counted_whole():
    exclusions = pd.DataFrame({"source_row": range(2, 32), "area": "sygedagpenge", "column": "s_3",
                               "raw_value": "x", "scope": "cell", "reason": "unreadable"})
    (point,) = exclusion_section(exclusions, LABELS, [], "exclusions.csv").points
    assert point.count == 30 and len(point.rows) == 13 and point.rows[-1] == "… og 18 flere"


def test_low_bases_clear_changes_and_audit_differences():
    stats = pd.DataFrame({"area": ["sygedagpenge", "boerne-familie"], "n_current": [12, 80], "low_base": [True, False]})
    assert [p.text for p in low_base_section(stats, LABELS, 30, "").points] == ["Sygedagpengeområdet: 12 svar"]
    changes = pd.DataFrame({"area": ["sygedagpenge", "boerne-familie"], "previous_year": ["2019", "2019"],
                            "mean_previous": [50.0, 30.0], "mean_current": [57, 31], "basis": ["svar", "svar"],
                            "change_is_clear": [True, False]})
    assert [p.text for p in change_section(changes, LABELS, "").points] == [
        "Sygedagpengeområdet: gennemsnit 50 i 2019, 57 nu (svar)"]
    audit = pd.DataFrame({"figure": ["a.mean", "b.mean", "c.range", "d.mean"], "published": [57, 30, "26-35", 9],
                          "computed": [57, 31, "21-30", None], "status": ["match", "explained", "judgement", "not_computed"],
                          "explanation": [None, "rettet i rapporten", None, None]})
    section = audit_section(audit, "audit.md")
    assert [p.text for p in section.points] == [
        "b.mean: publiceret 30, beregnet 31: afviger, forklaret (rettet i rapporten)",
        "c.range: publiceret 26-35, beregnet 21-30: afviger, skøn (hovedparten)"]
    assert section.note == "1 af 4 tal stemmer med rapporten." and not section.blocking
    assert audit_section(audit, "audit.md", unexplained=True).points == []
    audit.loc[3, "status"] = "UNEXPLAINED"
    unexplained = audit_section(audit, "audit.md", unexplained=True)
    assert unexplained.blocking and [p.text for p in unexplained.points] == [
        "d.mean: publiceret 9, beregnet –: AFVIGER UDEN FORKLARING"]
    assert audit_section(None, "").points == []


def test_hidden_breakdown_cells_are_listed_by_area_and_group():
    breakdowns = [{"label": "Region", "min_count": 5, "rows": [
        {"area_label": "Sygedagpengeområdet", "group_label": "Region Nord", "hidden": True},
        {"area_label": "Sygedagpengeområdet", "group_label": "Region Syd"}]}]
    (point,) = hidden_section(breakdowns, 0, "").points
    assert point.count == 1 and point.rows == ["Sygedagpengeområdet, Region Nord"]
    appendices, _ = hidden_section(breakdowns, 3, "").points
    assert appendices.text.startswith("Bilagene viser antal under 3 som «..»")


def test_waiting_comments_are_one_point_per_area_each_with_its_id_and_the_line_to_paste():
    quotes = pd.DataFrame({"area": ["sygedagpenge"] * 4, "quote_id": ["k1", "k2", "k3", "k4"],
                           "decision": ["chosen", "awaiting", "rejected", "awaiting"], "count": [1, 2, 1, 1],
                           "comment": ["a", "Hanne i Odense Kommune sagde nej", "c", "d"]})
    section = quote_section(quotes, LABELS, ["Odense"], "citater.yaml")
    (point,) = section.points
    assert point.text == "Sygedagpengeområdet: 2 kommentar(er) venter på en beslutning" and section.blocking
    assert point.rows[0].startswith("«Hanne i … Kommune sagde nej» (2 svar): id k2")
    assert "under sygedagpenge: chosen:" in point.rows[0] and point.rows[0].endswith("- k2")
    assert section.note.startswith("1 valgt og 1 fravalgt")


def test_what_new_wave_mapped_is_listed_while_the_codebook_says_so():
    text = (f"# Codebook of wave 2025, {SCAFFOLDED} from dataset.csv: read the evidence\n"
            "encoding: cp1252\n"
            "respondent_id: null  # no column reads as an id\n"
            "municipality: s_1  # «Kommune»\n"
            "codes:\n  region:\n    1: oest  # «Region Øst»\n    2: syd  # «Region Syd»\n"
            "areas:\n  sygedagpenge:\n    current: s_3  # «Hvor mange sager har I?»\n"
            "    comment: s_8  # «Uddybende kommentar»\n")
    points = scaffold_section(text, LABELS, "codebook.yaml").points
    assert [(p.text, p.count) for p in points] == [("Respondenten: 2 kobling(er)", 2),
                                                   ("Koder: region: 2 kobling(er)", 2),
                                                   ("Sygedagpengeområdet: 2 kobling(er)", 2)]
    assert points[2].rows == ["current = s_3: «Hvor mange sager har I?»", "comment = s_8: «Uddybende kommentar»"]
    confirmed = "\n".join(text.splitlines()[1:])  # the person deleted the first line
    assert scaffold_section(confirmed, LABELS, "").points == []


# --- the shipped waves ----------------------------------------------------------------------------


def _read(project, path, **options):
    return pd.read_csv(project / path, encoding="utf-8-sig", **options)


@pytest.mark.e2e
@pytest.mark.parametrize("wave", ["2023", "2015"])
def test_every_point_of_the_shipped_waves_traces_to_its_rows(project, wave):
    points = _read(project, f"reports/{wave}/gennemsyn.csv")
    page = (project / f"reports/{wave}/gennemsyn.html").read_text(encoding="utf-8")
    status = re.search(r'id="status">([^<]*)<', page).group(1)
    assert status == "Klar til udgivelse"  # the shipped waves ship their decisions (gennemsyn.yaml)
    assert set(points.loc[points["blocking"], "state"]) <= {"godkendt"}
    assert all(f'id="{point_id}"' in page for point_id in points["id"])
    by_section = points.groupby("section")["rows"]
    processed = f"data/processed/{wave}"
    exclusions = _read(project, f"{processed}/exclusions.csv", dtype=str, keep_default_na=False)
    assert by_section.sum()["Udeladte rækker og svar"] == len(exclusions)
    assert by_section.count()["Udeladte rækker og svar"] == len(exclusions.groupby(["area", "scope", "reason"]))
    audit = _read(project, f"reports/{wave}/audit.csv")
    differences = audit[audit["status"].isin(["explained", "judgement", "UNEXPLAINED"])]
    assert by_section.count().get("Forklarede afvigelser fra den publicerede rapport", 0) + by_section.count().get(
        "Afvigelser fra den publicerede rapport uden forklaring", 0) == len(differences)
    assert all(f"{figure}:" in page for figure in differences["figure"])
    changes = _read(project, f"{processed}/changes.csv")
    assert by_section.count().get("Klare ændringer siden forrige måling", 0) == int(changes["change_is_clear"].sum())
    stats = _read(project, f"{processed}/area_stats.csv")
    assert by_section.count().get("Områder med lavt svargrundlag", 0) == int(stats["low_base"].sum())
    quotes = _read(project, f"{processed}/quotes.csv")
    assert by_section.sum().get("Kommentarer, der venter på en beslutning", 0) == int((quotes["decision"] == "awaiting").sum())
    quality = _read(project, f"{processed}/quality.csv")
    assert by_section.count().get("Kvalitetskontrollens advarsler", 0) == int((quality["status"] == "warning").sum())
    assert "Hvad make new-wave koblede af sig selv" not in by_section.count()  # the shipped codebooks are a person's
    assert by_section.count().sum() == len(points)


@pytest.mark.e2e
def test_the_published_report_holds_no_gate_warning(project):
    page = (project / "reports/2023/rapport.html").read_text(encoding="utf-8")
    assert "Advarsel" not in page and "warning" not in page.lower() and "config.yaml" not in page


def test_make_reports_summary_ends_with_each_waves_review_line(tmp_path, monkeypatch):
    from sagstal.tools import summary

    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports/2023").mkdir(parents=True)
    pd.DataFrame({"section": ["a", "b", "c"], "point": ["x", "y", "z"], "blocking": [True, True, False],
                  "state": ["uafgjort", "ændret siden afgørelsen", "uafgjort"]}).to_csv(
        tmp_path / "reports/2023/gennemsyn.csv", index=False)
    assert summary.review_line("2023") == "Gennemsyn 2023: 2 punkter skal afgøres før udgivelse: reports/2023/gennemsyn.html"
    pd.DataFrame({"section": ["a"], "point": ["x"], "blocking": [True], "state": ["godkendt"]}).to_csv(
        tmp_path / "reports/2023/gennemsyn.csv", index=False)
    assert summary.review_line("2023") == "Gennemsyn 2023: Klar til udgivelse: reports/2023/gennemsyn.html"
    assert summary.review_line("2015") is None  # not built: no line


# --- decisions (gennemsyn.yaml) -------------------------------------------------------------------


def _sections():
    from sagstal.render.review import Point, Section

    return [Section("udeladt", "Udeladte", "", "", [Point("Sygedagpenge: 3 rækker", 3, ["række 2"], subject="sd|row|x"),
                                                     Point("Fleksjob: 1 række", 1, ["række 9"], subject="fj|row|x")],
                    blocking=True),
            Section("grundlag", "Lavt grundlag", "", "", [Point("Integration: 29 svar", 29, subject="integration")])]


def test_deciding_every_blocking_point_makes_the_wave_ready_and_a_change_brings_it_back(tmp_path):
    from sagstal.render.review import apply_decisions, decision_line, headline, open_points, read_decisions

    sections = _sections()
    assert headline(len(open_points(sections))) == "2 punkter skal afgøres før udgivelse"  # low base only informs
    decided = tmp_path / "gennemsyn.yaml"
    decided.write_text("\n".join(decision_line(p).replace('"…"', '"set"').replace("XX", "AB")
                                 for p in sections[0].points) + "\n", encoding="utf-8")
    points = {p.id: p for s in sections for p in s.points}
    apply_decisions(sections, read_decisions(decided, points))
    assert headline(len(open_points(sections))) == "Klar til udgivelse"
    # the same subject showing other rows: the same id, another fingerprint: back as changed
    again = _sections()
    again[0].points[0].rows = ["række 2", "række 5"]
    assert [p.id for p in again[0].points] == [p.id for p in sections[0].points]
    apply_decisions(again, read_decisions(decided, {p.id: p for s in again for p in s.points}))
    assert [p.text for p in open_points(again)] == ["Sygedagpenge: 3 rækker"] and again[0].points[0].changed


def test_a_stale_or_broken_decision_is_one_line_naming_file_line_and_id(tmp_path):
    from sagstal.core.errors import IngestError
    from sagstal.render.review import read_decisions

    points = {p.id: p for s in _sections() for p in s.points}
    decided = tmp_path / "gennemsyn.yaml"
    decided.write_text("# a comment\ngdeadbeef: {beslutning: godkendt, begrundelse: x, hvem: AB, aftryk: y}\n",
                       encoding="utf-8")
    with pytest.raises(IngestError, match=r"gennemsyn.yaml line 2: 'gdeadbeef' is no point of the review page"):
        read_decisions(decided, points)
    first = next(iter(points))
    decided.write_text(f"{first}: {{beslutning: ok, hvem: AB}}\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"line 1: .*write beslutning: godkendt"):
        read_decisions(decided, points)
    decided.write_text(f"{first}: {{beslutning: godkendt, begrundelse: x, hvem: AB, aftrk: y}}\n", encoding="utf-8")
    with pytest.raises(IngestError, match="unknown key 'aftrk': did you mean aftryk"):
        read_decisions(decided, points)
