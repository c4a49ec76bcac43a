"""A synthetic third wave of the 2023 design: trends, changes and breakdowns follow with no hand edits
(history.csv untouched)."""

import copy
import re

import pandas as pd
import pyreadstat
import pytest
import yaml
from conftest import ROOT, snakemake
from openpyxl import load_workbook

SHIFT = 10  # every boerne-familie caseload in the new wave is this much higher than in 2023


def _shifted(text: str) -> str:
    """'38' -> '48', '30-35' -> '40-45', 'ca. 40' -> 'ca. 50': every way an answer is read moves by SHIFT."""
    return re.sub(r"\d+", lambda m: str(int(m.group()) + SHIFT), text)


def third_wave_export(path) -> pd.DataFrame:
    """The 2023 export with boerne-familie's caseloads raised by SHIFT and all but two of the
    integration respondents in Region Syd moved to Region Øst (a group below min_count)."""
    frame, meta = pyreadstat.read_sav(str(ROOT / "data/raw/2023/sagstal-2023.sav"))
    frame["Q1_1"] = frame["Q1_1"].fillna("").astype(str).map(_shifted)
    integration_syd = frame.index[(frame["Q13_1"].fillna("").str.strip() != "") & (frame["Region"] == 3)]
    frame.loc[integration_syd[2:], "Region"] = 2
    pyreadstat.write_sav(frame, str(path), variable_value_labels=meta.variable_value_labels)
    return frame


def add_wave(work, wave: str) -> None:
    config = yaml.safe_load((work / "config.yaml").read_text(encoding="utf-8"))
    entry = copy.deepcopy(config["waves"]["2023"])
    entry.pop("published")  # nothing published yet: no audit
    entry.pop("review")  # nor decided: 2023's decisions are about 2023's points
    entry.update(title=f"Sagstalsundersøgelse {wave}", fieldwork=f"{wave}-03-01",
                 export=f"data/raw/{wave}/sagstal-{wave}.sav")
    entry["areas"]["boerne-familie"]["bins_current"] = ["20-25", "26-30", "31-35", "36-40", "41-45", "46-50", "51-55"]
    config["waves"][wave] = entry
    (work / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def rows(book, sheet):
    return [r for r in load_workbook(book, read_only=True)[sheet].iter_rows(min_row=4, values_only=True) if r[0]]


@pytest.mark.e2e
def test_a_third_wave_updates_trends_changes_and_breakdowns(built):
    history_before = (built / "data/raw/history.csv").read_bytes()
    stats_2023 = (built / "data/processed/2023/area_stats.csv").read_bytes()
    (built / "data/raw/2025").mkdir()
    third_wave_export(built / "data/raw/2025/sagstal-2025.sav")
    add_wave(built, "2025")
    result = snakemake(built)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert (built / "data/raw/history.csv").read_bytes() == history_before

    processed = built / "data/processed"
    before = pd.read_csv(processed / "2023/area_stats.csv", encoding="utf-8-sig").set_index("area")
    after = pd.read_csv(processed / "2025/area_stats.csv", encoding="utf-8-sig").set_index("area")
    trend = pd.read_csv(processed / "2025/trend.csv", encoding="utf-8-sig", dtype={"year": str})
    # every 2023 area has 2023 in its 2025 trend, computed from the 2023 answers, and 2019 as published
    for area in before.index:
        points = trend[trend["area"] == area].set_index("year")
        assert points.loc["2023", "source"] == "beregnet" and points.loc["2023", "mean"] == before.loc[area, "mean_current"]
        assert points.loc["2025", "mean"] == after.loc[area, "mean_current"]
        if area != "jobafklaring" and area != "fleksjob":  # not surveyed in 2019
            assert points.loc["2019", "source"] == "publiceret"
    assert after.loc["boerne-familie", "mean_current_one_decimal"] == before.loc["boerne-familie",
                                                                                 "mean_current_one_decimal"] + SHIFT

    changes = pd.read_csv(processed / "2025/changes.csv", encoding="utf-8-sig", dtype={"previous_year": str})
    changes = changes.set_index("area")
    assert set(changes["previous_year"]) == {"2023"} and set(changes["basis"]) == {"svar"}
    family = changes.loc["boerne-familie"]
    assert family["mean_diff"] == SHIFT and 0 < family["mean_diff_ci_low"] < SHIFT < family["mean_diff_ci_high"]
    assert bool(family["change_is_clear"])
    # a guideline maximum of 30 and everyone 10 higher: compliance falls, clearly
    assert family["compliant_diff"] < 0 and family["compliant_diff_ci_high"] < 0
    unchanged = changes.loc["voksenhandicap"]  # the same answers: no difference, interval around 0
    assert unchanged["mean_diff"] == 0 and unchanged["mean_diff_ci_low"] <= 0 <= unchanged["mean_diff_ci_high"]
    assert not bool(unchanged["change_is_clear"]) and unchanged["compliant_diff"] == 0

    overall = pd.read_csv(processed / "2025/compliance_trend.csv", encoding="utf-8-sig", dtype={"year": str})
    assert overall.set_index("year").loc["2023", ["source", "n_current", "compliant_n"]].tolist() == ["beregnet", 533, 280]

    book = built / "reports/2025/oversigt.xlsx"
    change_rows = {r[0]: r for r in rows(book, "Ændringer")}
    assert change_rows["Børne-familieområdet"][7] == SHIFT and change_rows["Børne-familieområdet"][10] == "tydelig ændring"
    assert change_rows["Voksenhandicapområdet"][10] == "ikke tydelig"
    trend_rows = rows(book, "Udvikling")
    assert ("Børne-familieområdet", "2023", "beregnet") in {r[:3] for r in trend_rows}
    text = (built / "reports/2025/bilag/01-boerne-familie.md").read_text(encoding="utf-8")
    assert f"Beregnet på begge års svar er forskellen +{SHIFT},0 sager" in text and "en tydelig ændring" in text
    svg = (built / "reports/2025/figurer/boerne-familie-udvikling.svg").read_text(encoding="utf-8")
    assert "2023" in svg and "(beregnet)" in svg and "(publiceret)" in svg

    # the breakdown: integration's Region Syd has 2 answers, so it is hidden, and one more group beside it
    breakdown = pd.read_csv(processed / "2025/breakdowns.csv", encoding="utf-8-sig").set_index(["area", "group"])
    assert breakdown.loc[("integration", "syd"), "n"] == 2
    region_rows = rows(book, "Pr. region")
    integration = [r for r in region_rows if r[0] == "Integrationsområdet"]
    hidden = [r for r in integration if r[2] == ".."]
    assert len(hidden) >= 2 and ("Integrationsområdet", "Region Syd") in {r[:2] for r in hidden}
    assert all(set(r[2:]) == {".."} for r in hidden)
    page = (built / "reports/2025/rapport.html").read_text(encoding="utf-8")
    assert 'id="pr-region"' in page and "Fordelt på region" in page
    assert (built / "reports/2025/figurer/pr-region.svg").exists()
    assert (processed / "2023/area_stats.csv").read_bytes() == stats_2023  # the shipped wave's figures did not move


FOUR_AREAS = ("boerne-familie", "sygedagpenge", "jobafklaring", "integration")


@pytest.mark.e2e
def test_a_wave_with_fewer_guideline_areas_is_compared_with_2023_on_the_areas_both_have(built):
    """A 2025 wave where DS' guidelines lapsed in all but four areas: its overall compliance is set
    beside 2023's on those four, which every output names; 2023's 12-area figure and the published
    points are marked as resting on other areas."""
    (built / "data/raw/2025").mkdir()
    third_wave_export(built / "data/raw/2025/sagstal-2025.sav")
    add_wave(built, "2025")
    config = yaml.safe_load((built / "config.yaml").read_text(encoding="utf-8"))
    for area, entries in config["guidelines"].items():
        if area not in FOUR_AREAS:
            entries.append({"from": "2025-01-01", "min": None, "max": None})
    (built / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = snakemake(built)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]

    processed = built / "data/processed"
    compliance_2023 = pd.read_csv(processed / "2023/compliance.csv", encoding="utf-8-sig").set_index("area")
    four = compliance_2023.loc[list(FOUR_AREAS)]
    trend = pd.read_csv(processed / "2025/compliance_trend.csv", encoding="utf-8-sig",
                        dtype={"year": str, "compared_with": str})
    common = trend[(trend["year"] == "2023") & (trend["basis"] == "faelles")].iloc[0]
    assert (common["n_current"], common["compliant_n"]) == (four["n_current"].sum(), four["compliant_n"].sum())
    assert common["areas"] == ";".join(FOUR_AREAS) and common["compared_with"] == "2025"
    whole = trend[(trend["year"] == "2023") & (trend["basis"] == "alle")].iloc[0]
    assert (whole["n_current"], whole["compliant_n"], bool(whole["comparable"])) == (533, 280, False)
    assert not trend.loc[trend["source"] == "publiceret", "comparable"].astype(bool).any()

    labels = [config["areas"][a]["label"] for a in FOUR_AREAS]
    named = f"har et vejledende sagstal for: {', '.join(labels[:-1])} og {labels[-1]}."
    assert named in (built / "reports/2025/figurer/overholdelse.svg").read_text(encoding="utf-8")
    page = (built / "reports/2025/rapport.html").read_text(encoding="utf-8")
    assert f"Sammenlignet på de 4 områder, begge bølger (2023 og 2025) {named}" in page
    assert "Tallet for hele 2023 (53 procent på 12 områder)" in page
    book = built / "reports/2025/oversigt.xlsx"
    sheet = load_workbook(book, read_only=True)["Overholdelse over tid"]
    texts = [r[0] for r in sheet.iter_rows(values_only=True) if r[0]]
    assert any(named in str(t) for t in texts)
    assert ("2023", "beregnet", "De 4 områder, 2023 og 2025 begge har et vejledende sagstal for") in {
        r[:3] for r in rows(book, "Overholdelse over tid")}
    from docx import Document

    report = " ".join(p.text for p in Document(built / "reports/2025/rapport.docx").paragraphs)
    assert named in report
    # the shipped 2023 report shows none of it: its figures rest on its own areas
    assert "Sammenlignet på" not in (built / "reports/2023/rapport.html").read_text(encoding="utf-8")
    assert "Overholdelse over tid" not in load_workbook(built / "reports/2023/oversigt.xlsx", read_only=True).sheetnames
