"""Overall compliance across waves as the chart and the tables show it, where a wave's guideline
areas differ from an earlier wave's (render.comparison): the areas named, other areas hatched."""

import pandas as pd

from sagstal.render import charts, excel
from sagstal.render.comparison import compliance_comparison
from sagstal.stats.changes import compliance_trend

LABELS = {"x": "X-området", "y": "Ydelsesområdet", "z": "Zetaområdet"}
HISTORY = pd.DataFrame({"year": [2019], "compliant_pct": [62], "source": ["Rapport 2019"]})


def _compliance(counts: dict) -> pd.DataFrame:
    rows = [{"area": area, "n_current": n, "compliant_n": c} for area, (n, c) in counts.items()]
    n, c = sum(n for n, _ in counts.values()), sum(c for _, c in counts.values())
    return pd.DataFrame([*rows, {"area": "alle", "n_current": n, "compliant_n": c, "compliant_pct": round(100 * c / n),
                                 "compliant_pct_ci_low": 1.0, "compliant_pct_ci_high": 99.0}])


def _trend(now: dict) -> pd.DataFrame:
    """As the render job reads it: through a CSV (booleans and blanks as pandas reads them back)."""
    table = compliance_trend("2025", _compliance(now), {"2023": _compliance({"x": (10, 4), "y": (20, 15),
                                                                             "z": (20, 6)})}, HISTORY)
    return pd.read_csv(pd.io.common.StringIO(table.to_csv(index=False)), dtype={"year": str, "compared_with": str})


def _chart(comparison, path) -> str:
    per_area = [{"label": LABELS["y"], "pct": 25, "n": 40}, {"label": LABELS["z"], "pct": 50, "n": 10}]
    charts.compliance(per_area, comparison["bars"], path, comparison["notes"])
    return path.with_suffix(".svg").read_text(encoding="utf-8")


def test_a_wave_with_fewer_guideline_areas_names_them_and_hatches_what_is_not_comparable(tmp_path):
    comparison = compliance_comparison(_trend({"y": (40, 10), "z": (10, 5)}), LABELS, "2025")
    basis = ("Sammenlignet på de 2 områder, begge bølger (2023 og 2025) har et vejledende sagstal for: "
             "Ydelsesområdet og Zetaområdet.")
    assert comparison["shown"] and comparison["sentences"][0] == (
        f"{basis} På dem overholdt 53 procent af svarene det vejledende sagstal i 2023 og 30 procent i 2025.")
    assert "Tallet for hele 2023 (50 procent på 3 områder) bygger på andre områder end 2025" in comparison["sentences"][1]
    assert "De publicerede tal for 2019" in comparison["sentences"][2]
    assert [(b["label"], b["comparable"], b["current"]) for b in comparison["bars"]] == [
        ("2019\n(publiceret)", False, False), ("2023\n(beregnet)", False, False),
        ("2023\n(2 fælles omr.)", True, False), ("2025\n(beregnet)", True, True)]
    svg = _chart(comparison, tmp_path / "overholdelse")
    assert "Ydelsesområdet og Zetaområdet." in svg and "Skraveret søjle" in svg and "(2 fælles omr.)" in svg
    assert "<pattern" in svg  # the hatched bars
    table = excel.comparison_table(comparison, "kilde")
    assert [r[2] for r in table.rows] == ["Rapportens egne områder (kilden opdeler ikke)",
                                          "Alle 3 områder med vejledende sagstal",
                                          "De 2 områder, 2023 og 2025 begge har et vejledende sagstal for",
                                          "Alle 2 områder med vejledende sagstal"]
    assert [r[-1] for r in table.rows] == ["nej", "nej", "ja", "ja"] and table.notes[0].startswith(basis)


def test_the_same_areas_as_the_earlier_wave_add_nothing_to_the_chart(tmp_path):
    comparison = compliance_comparison(_trend({"x": (10, 4), "y": (20, 15), "z": (20, 6)}), LABELS, "2025")
    assert not comparison["shown"] and comparison["sentences"] == comparison["notes"] == []
    assert all(b["comparable"] for b in comparison["bars"])
    svg = _chart(comparison, tmp_path / "overholdelse")
    assert "Sammenlignet" not in svg and "<pattern" not in svg and "Alle områder" in svg


def test_where_this_wave_has_more_areas_its_figure_on_the_common_ones_stands_beside_the_earlier_waves():
    # 2023 had x, y and z; 2025 has them and w: 2023's own figure is already on the common areas (one
    # bar), 2025's on x, y and z stands beside it, and 2025's own figure on all four comes last
    comparison = compliance_comparison(_trend({"x": (10, 4), "y": (20, 15), "z": (20, 6), "w": (10, 10)}),
                                       {**LABELS, "w": "W-området"}, "2025")
    assert [(b["label"], b["pct"], b["comparable"]) for b in comparison["bars"]] == [
        ("2019\n(publiceret)", 62, False), ("2023\n(3 fælles omr.)", 50, True), ("2025\n(3 fælles omr.)", 50, True),
        ("2025\n(beregnet)", 58, True)]
    assert comparison["sentences"][0].startswith("Sammenlignet på de 3 områder, begge bølger (2023 og 2025) har et "
                                                 "vejledende sagstal for: X-området, Ydelsesområdet og Zetaområdet.")
    assert not any("Tallet for hele 2023" in s for s in comparison["sentences"])  # it is the common-areas figure


def test_a_wave_of_the_other_design_is_named_as_such_not_as_other_areas():
    import pandas as pd

    from sagstal.render.comparison import compliance_comparison

    def row(year, comparable, note, n, compliant):
        return {"year": year, "source": "beregnet", "basis": "alle", "compared_with": "", "areas": "a",
                "all_areas": True, "comparable": comparable, "n_current": n, "compliant_n": compliant,
                "compliant_pct": round(100 * compliant / n), "compliant_pct_ci_low": 1.0,
                "compliant_pct_ci_high": 2.0, "note": note}

    trend = pd.DataFrame([row("2023", False, "andet undersøgelsesdesign: TR-respondenter i 2023, sagsbehandlere "
                                             "i 2027", 20, 10), row("2027", True, "", 10, 4)])
    sentences = compliance_comparison(trend, {}, "2027")["sentences"]
    assert sentences == ["Tallet for 2023 (50 procent) kommer fra en undersøgelse med et andet design "
                         "(TR-respondenter i 2023, sagsbehandlere i 2027) og kan ikke sammenlignes med det."]
