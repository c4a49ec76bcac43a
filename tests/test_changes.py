"""Trends over waves and changes between them, with hand-computed expectations."""

import itertools

import pandas as pd
import pytest

from sagstal.core.settings import unknown_lineage
from sagstal.render.privacy import hidden_cells, suppress_breakdowns
from sagstal.stats.breakdowns import breakdown_table
from sagstal.stats.changes import BASIS_ANSWERS, BASIS_PUBLISHED, COMPUTED, PUBLISHED, changes_table, counterpart, trend_table
from sagstal.stats.precision import bootstrap_difference, excludes_zero, newcombe

PRECISION = {"confidence": 0.95, "resamples": 2000, "seed": 2023, "low_base": 30}


def test_newcombe_reproduces_newcombe_1998_example():
    # Newcombe (1998), Stat Med 17:873, table II, 56/70 - 48/80: difference 0.2000, method 10
    # (hybrid score, no continuity correction) 0.0524 to 0.3339.
    assert newcombe(48, 80, 56, 70) == (20.0, 5.2, 33.4)


def test_newcombe_by_hand_for_9_of_10_against_3_of_10():
    # Wilson 95 % for 9/10: 0.5958-0.9821; for 3/10: 0.1078-0.6032. Difference 0.3 - 0.9 = -0.6;
    # low  = -0.6 - sqrt((0.3 - 0.1078)² + (0.9821 - 0.9)²) = -0.6 - 0.2090 = -0.809
    # high = -0.6 + sqrt((0.6032 - 0.3)² + (0.9 - 0.5958)²) = -0.6 + 0.4293 = -0.171
    assert newcombe(9, 10, 3, 10) == (-60.0, -80.9, -17.1)
    assert newcombe(1, 0, 1, 5) == (None, None, None)


def test_newcombe_interval_of_equal_shares_contains_zero():
    difference, low, high = newcombe(0, 10, 0, 20)
    assert difference == 0.0 and low < 0 < high and not excludes_zero(low, high)


def test_bootstrap_difference_of_means():
    # Means 33 and 43: the difference is 10 exactly; every resample of the before-values lies in
    # 30..36 and of the after-values in 40..46, so every resampled difference lies in 4..16.
    difference, low, high = bootstrap_difference([30, 32, 34, 36], [40, 42, 44, 46], seed=1, resamples=2000)
    assert difference == 10.0 and 4 <= low < 10 < high <= 16
    assert bootstrap_difference([30, 32, 34, 36], [40, 42, 44, 46], 1, 2000) == (difference, low, high)  # seeded
    assert bootstrap_difference([30], [40, 42], 1, 2000) == (None, None, None)


def test_excludes_zero():
    assert excludes_zero(0.5, 3.0) and excludes_zero(-3.0, -0.1)
    assert not excludes_zero(-0.1, 3.0) and not excludes_zero(0.0, 3.0)
    assert excludes_zero(None, 1.0) is None


def _stats(area, values, compliant=None, too_high=None, assessed=None):
    """An area_stats row for the given answers (mean rounded half up by hand in the tests)."""
    mean = sum(values) / len(values)
    return {"area": area, "n_current": len(values), "mean_current": int(mean + 0.5), "mean_current_one_decimal": mean,
            "mean_current_ci_low": mean - 2, "mean_current_ci_high": mean + 2, "compliant_n": compliant,
            "compliant_pct": None if compliant is None else int(100 * compliant / len(values) + 0.5),
            "too_high_n": too_high, "n_assessed": assessed,
            "too_high_pct": None if too_high is None else int(100 * too_high / assessed + 0.5)}


def _answers(area, values):
    return pd.DataFrame({"area": area, "current": values})


HISTORY = pd.DataFrame([
    {"area": "a", "year": 2019, "mean": 60, "source": "rapport 2023"},
    {"area": "a", "year": 2023, "mean": 99, "source": "rapport 2023"},  # computed 2023 wins
    {"area": "b", "year": 2019, "mean": 33, "source": "rapport 2023"},
    {"area": "a", "year": 2027, "mean": 1, "source": "later"},  # after the wave: not in its trend
])


def test_trend_takes_computed_waves_and_published_only_where_no_answers():
    earlier = {"2023": pd.DataFrame([_stats("a", [40, 50, 60]), _stats("wide", [70, 80])])}
    now = pd.DataFrame([_stats("a", [30, 40]), _stats("b", [31, 35])])
    lineage = {"b": {"2023": {"area": "wide", "comparable": False, "note": "2023: a wider area"}}}
    trend = trend_table("2025", now, earlier, HISTORY, lineage)
    a = trend[trend["area"] == "a"]
    assert a[["year", "source", "mean"]].values.tolist() == [
        ["2019", PUBLISHED, 60], ["2023", COMPUTED, 50], ["2025", COMPUTED, 35]]
    b = trend[trend["area"] == "b"]
    assert b[["year", "source", "from_area", "comparable", "mean"]].values.tolist() == [
        ["2019", PUBLISHED, "b", True, 33], ["2023", COMPUTED, "wide", False, 75], ["2025", COMPUTED, "b", True, 33]]


def test_counterpart_by_name_or_by_lineage():
    assert counterpart({}, "a", "2023", ["a", "b"]) == {"area": "a", "comparable": True, "note": "", "explicit": False}
    assert counterpart({}, "c", "2023", ["a", "b"]) is None
    assert counterpart({"a": {"2023": None}}, "a", "2023", ["a"]) is None
    assert counterpart({"c": {"2023": {"area": "a", "comparable": True, "note": "omdøbt"}}}, "c", "2023", ["a"]) == {
        "area": "a", "comparable": True, "note": "omdøbt", "explicit": True}


def test_changes_from_answers_where_both_waves_have_them_and_published_rule_otherwise():
    before, after = [40, 50, 60, 50], [30, 40, 35, 35]
    earlier = {"2023": pd.DataFrame([_stats("a", before, compliant=1, too_high=3, assessed=4)])}
    now = pd.DataFrame([_stats("a", after, compliant=4, too_high=1, assessed=4), _stats("b", [31, 35])])
    trend = trend_table("2025", now, earlier, HISTORY, {})
    answers = {"2023": _answers("a", before), "2025": pd.concat([_answers("a", after), _answers("b", [31, 35])])}
    table = changes_table(trend, "2025", answers, PRECISION).set_index("area")
    a = table.loc["a"]
    # mean 50 -> 35: -15 cases; every resampled 2025 mean lies in 30..40 and 2023 mean in 40..60
    assert (a["previous_year"], a["basis"], a["mean_previous"], a["mean_current"], a["mean_diff"]) == (
        "2023", BASIS_ANSWERS, 50, 35, -15.0)
    assert -30 <= a["mean_diff_ci_low"] < -15 < a["mean_diff_ci_high"] <= 0 and a["change_is_clear"]
    # compliance 1/4 -> 4/4, too high 3/4 -> 1/4: Newcombe intervals of +75 and -50 percentage points
    assert (a["compliant_diff"], a["compliant_diff_ci_low"], a["compliant_diff_ci_high"]) == newcombe(1, 4, 4, 4)
    assert a["compliant_diff"] == 75.0 and a["compliant_change_is_clear"] == excludes_zero(*newcombe(1, 4, 4, 4)[1:])
    assert (a["too_high_diff"], a["too_high_pct_previous"], a["too_high_pct_current"]) == (-50.0, 75, 25)
    b = table.loc["b"]  # 2019 published 33, this wave 33 with interval 31..35: unchanged by today's rule
    assert (b["previous_year"], b["basis"], b["mean_change"], b["change_is_clear"]) == ("2019", BASIS_PUBLISHED, 0, False)
    assert pd.isna(b["mean_diff"]) and pd.isna(b["compliant_diff"])


def test_lineage_errors_name_the_setting():
    waves = {"2015": {"areas": {"sygedagpenge": {}}}, "2023": {"areas": {"sygedagpenge": {}}}}
    lineage = {"sygedagpenge": {"2015": {"area": "kontanthjaelp", "comparable": False, "note": "n"}, "2019": None},
               "ukendt": {}}
    assert unknown_lineage(lineage, ["sygedagpenge"], waves) == [
        "area_lineage.sygedagpenge.2015.area: wave 2015 has no area 'kontanthjaelp'",
        "area_lineage.ukendt: unknown area"]


BINS = {"a": {"bins_current": ["20-30", "31-40", "41-50"], "bins_suggested": ["20-30", "31-40"]}}
GUIDELINES = {"a": [{"from": "2020-01-01", "min": 20, "max": 35}]}


def test_breakdown_by_group_with_unknown_group_adding_up():
    answers = pd.DataFrame({
        "area": "a", "region": ["nord", "nord", "syd", None],
        "current": [30.0, 40.0, 50.0, 20.0], "suggested": [25.0, 30.0, 30.0, 25.0],
        "assessment": ["too_high", "about_right", "too_high", None], "cap": "no", "cap_value_raw": None,
        "municipality": ["x", "y", "z", "w"]})
    table = breakdown_table(answers, "region", BINS, GUIDELINES, "2023-02-15", 0.5).set_index("group")
    assert table.loc["nord", ["n", "mean", "compliant_n", "compliant_pct", "too_high_n", "too_high_pct"]].tolist() == [
        2, 35, 1, 50, 1, 50]
    assert table.loc["syd", ["n", "mean", "compliant_n"]].tolist() == [1, 50, 0]
    assert table.loc["uoplyst", ["n", "mean", "n_assessed"]].tolist() == [1, 20, 0]
    assert table["n"].sum() == len(answers)
    empty = breakdown_table(answers.assign(region=None), "region", BINS, GUIDELINES, "2023-02-15", 0.5)
    assert empty.empty


def _feasible(total: int, shown: dict, hidden: list) -> dict:
    """What an attacker can learn of each hidden count from the area's total and the shown counts:
    every assignment of counts (each at least 1: zeros are never hidden) that adds up."""
    rest = total - sum(shown.values())
    options = {h: set() for h in hidden}
    for combo in itertools.product(range(1, rest + 1), repeat=len(hidden)):
        if sum(combo) == rest:
            for h, value in zip(hidden, combo):
                options[h].add(value)
    return options


@pytest.mark.parametrize("counts", [
    {"nord": 3, "oest": 10, "syd": 12},
    {"nord": 1, "oest": 2, "syd": 30, "uoplyst": 1},
    {"nord": 4, "oest": 4},
    {"nord": 2, "oest": 6, "syd": 7, "uoplyst": 20},
    {"nord": 6, "oest": 7, "syd": 8},
])
def test_no_suppressed_breakdown_cell_can_be_worked_out(counts):
    min_count = 5
    rows = [{"breakdown": "region", "group": g, "area": "a", "n": n, "mean": 40 + n} for g, n in counts.items()]
    shown = suppress_breakdowns(rows, {"region": min_count})
    hidden = [r["group"] for r in shown if r["hidden"]]
    assert all(r["n"] is None and r["mean"] is None for r in shown if r["hidden"])
    assert {g for g, n in counts.items() if n < min_count} <= set(hidden)  # every small group is hidden
    visible = {r["group"]: r["n"] for r in shown if not r["hidden"]}
    # Try every subtraction: total minus any set of shown groups must not pin down a hidden group,
    # nor show it to be below min_count.
    for group, values in _feasible(sum(counts.values()), visible, hidden).items():
        assert len(values) > 1, f"{group} follows from the total: {values}"
        assert max(values) >= min_count, f"{group} is known to be below {min_count}: {values}"
    if not hidden:
        assert all(n >= min_count for n in counts.values())


def test_the_run_summary_counts_clear_changes_per_basis():
    from sagstal.tools.summary import change_lines

    changes = pd.DataFrame({"previous_year": ["2019", "2019", "2023"], "basis": [BASIS_PUBLISHED, BASIS_PUBLISHED,
                                                                                 BASIS_ANSWERS],
                            "change_is_clear": [True, False, True]})
    assert change_lines(changes) == [
        "  change in the mean since 2019 (publiceret gennemsnit): clear in 1 of 2 area(s)",
        "  change in the mean since 2023 (svar): clear in 1 of 1 area(s)"]


def test_overall_compliance_per_wave_is_computed_where_the_answers_are_and_published_elsewhere():
    from sagstal.stats.changes import compliance_trend

    def overall(n, compliant):
        return pd.DataFrame([{"area": "alle", "n_current": n, "compliant_n": compliant, "compliant_pct": 50,
                              "compliant_pct_ci_low": 40.0, "compliant_pct_ci_high": 60.0}])

    published = pd.DataFrame({"year": [2019, 2023, 2027], "compliant_pct": [62, 53, 1], "source": ["s19", "s23", "s27"]})
    earlier = {"2015": overall(0, 0), "2023": overall(533, 280)}  # 2015: no guideline, so no share
    table = compliance_trend("2025", overall(100, 50), earlier, published)
    assert table[["year", "source", "compliant_pct"]].values.tolist() == [
        ["2019", PUBLISHED, 62], ["2023", COMPUTED, 50], ["2025", COMPUTED, 50]]
    assert table.set_index("year").loc["2023", "n_current"] == 533


NESTED = {"Nordjylland": "nord", "Midtjylland": "nord", "Hovedstaden": "oest", "Sjaelland": "oest", "Syddanmark": "syd"}


def _nested_rows(counts: dict) -> list[dict]:
    """Both breakdowns of one area: DS' regions, and the administrative regions that lie within them."""
    rows = [{"breakdown": "landsdel", "group": g, "area": "a", "n": n, "within": f"region={NESTED[g]}"}
            for g, n in counts.items()]
    for region in dict.fromkeys(NESTED.values()):
        n = sum(c for g, c in counts.items() if NESTED[g] == region)
        children = [g for g in counts if NESTED[g] == region]
        rows.append({"breakdown": "region", "group": region, "area": "a", "n": n,
                     "within": f"landsdel={children[0]}" if len(children) == 1 else ""})
    return rows


def _attack(rows: list[dict], total: int) -> dict:
    """Every assignment of the hidden counts (each at least 1) that fits all published counts: the
    area's total, each breakdown adding up to it, each region the sum of the groups within it. The
    regions follow from the groups within them, so the groups are what is enumerated."""
    value = {(r["breakdown"], r["group"]): r["n"] for r in rows}
    hidden = [g for g in NESTED if value[("landsdel", g)] is None]
    rest = total - sum(value[("landsdel", g)] for g in NESTED if g not in hidden)
    options = {cell: set() for cell, n in value.items() if n is None}
    for head in itertools.product(range(1, rest + 1), repeat=max(len(hidden) - 1, 0)):
        combo = (*head, rest - sum(head)) if hidden else ()
        if hidden and combo[-1] < 1:
            continue
        groups = {**{g: value[("landsdel", g)] for g in NESTED}, **dict(zip(hidden, combo))}
        regions = {region: sum(n for g, n in groups.items() if NESTED[g] == region) for region in set(NESTED.values())}
        if any(value[("region", region)] not in (None, n) for region, n in regions.items()):
            continue
        for g in hidden:
            options[("landsdel", g)].add(groups[g])
        for region, n in regions.items():
            if value[("region", region)] is None:
                options[("region", region)].add(n)
    return options


@pytest.mark.parametrize("counts", [
    {"Nordjylland": 5, "Midtjylland": 6, "Hovedstaden": 6, "Sjaelland": 3, "Syddanmark": 9},  # integration 2023
    {"Nordjylland": 2, "Midtjylland": 2, "Hovedstaden": 8, "Sjaelland": 7, "Syddanmark": 9},  # a hidden parent
    {"Nordjylland": 1, "Midtjylland": 12, "Hovedstaden": 3, "Sjaelland": 12, "Syddanmark": 2},
])
def test_nested_breakdowns_hide_no_group_that_the_other_breakdown_gives_away(counts):
    total, min_counts = sum(counts.values()), {"region": 5, "landsdel": 5}
    shown = suppress_breakdowns(_nested_rows(counts), min_counts)
    assert all(r["hidden"] for r in shown if r["breakdown"] == "landsdel" and counts[r["group"]] < 5)
    for cell, values in _attack(shown, total).items():
        assert len(values) > 1, f"{cell} follows from the published counts: {values}"


def test_the_attack_finds_what_protecting_each_breakdown_alone_gives_away():
    # Each breakdown protected on its own against the total: Sjaelland (3) and Nordjylland (5) hidden,
    # but Sjaelland = oest (9) - Hovedstaden (6). The attacker above must find that.
    counts = {"Nordjylland": 5, "Midtjylland": 6, "Hovedstaden": 6, "Sjaelland": 3, "Syddanmark": 9}
    rows = _nested_rows(counts)
    naive = []
    for name in ("region", "landsdel"):
        part = [r for r in rows if r["breakdown"] == name]
        hidden = hidden_cells([r["n"] for r in part], 5)
        naive += [{**r, "n": None} if i in hidden else r for i, r in enumerate(part)]
    assert _attack(naive, sum(counts.values()))[("landsdel", "Sjaelland")] == {3}


def test_answers_are_read_only_for_changes_tested_on_answers(tmp_path):
    from sagstal.stats.changes import AnswersByWave

    now = pd.DataFrame([_stats("b", [31, 35])])
    trend = trend_table("2025", now, {}, HISTORY, {})
    answers = AnswersByWave({"2025": tmp_path / "missing.csv"})  # reading it would fail
    assert changes_table(trend, "2025", answers, PRECISION)["basis"].tolist() == [BASIS_PUBLISHED]
    assert dict(answers) == {}


def _compliance(counts: dict) -> pd.DataFrame:
    """A compliance.csv of the given {area: (answers, compliant)}, with its `alle` row summed."""
    rows = [{"area": area, "n_current": n, "compliant_n": c} for area, (n, c) in counts.items()]
    n, c = sum(n for n, _ in counts.values()), sum(c for _, c in counts.values())
    return pd.DataFrame([*rows, {"area": "alle", "n_current": n, "compliant_n": c,
                                 "compliant_pct": None if n == 0 else int(100 * c / n + 0.5),
                                 "compliant_pct_ci_low": 1.0, "compliant_pct_ci_high": 99.0}])


NO_HISTORY = pd.DataFrame({"year": [], "compliant_pct": [], "source": []})
WAVE_A = {"x": (10, 4), "y": (20, 15), "z": (20, 6)}  # 25 of 50 overall


def _row(table, year, basis):
    found = table[(table["year"] == year) & (table["basis"] == basis)]
    assert len(found) == 1, found
    return found.iloc[0].to_dict()


def test_overall_compliance_of_an_earlier_wave_on_the_areas_it_shares_with_this_one():
    from sagstal.stats.changes import compliance_trend

    # A has x, y, z; B only y and z. On y and z, A had (15 + 6) of (20 + 20) = 21/40 = 52.5 %, which
    # rounds half up to 53 (round() would say 52); Wilson 95 %: centre (0.525 + 1.9600²/80) / (1 +
    # 1.9600²/40) = 0.5228, half-width 1.9600 · √(0.525 · 0.475/40 + 1.9600²/6400) / 1.0960 = 0.1478:
    # 37.5-67.1. B's own figure is on y and z already: (10 + 5) of (40 + 10) = 30 %.
    table = compliance_trend("2025", _compliance({"y": (40, 10), "z": (10, 5)}), {"2023": _compliance(WAVE_A)},
                             NO_HISTORY)
    assert table[["year", "basis", "compared_with"]].values.tolist() == [
        ["2023", "alle", ""], ["2023", "faelles", "2025"], ["2025", "alle", ""]]
    common = _row(table, "2023", "faelles")
    assert (common["n_current"], common["compliant_n"], common["compliant_pct"]) == (40, 21, 53)
    assert (common["compliant_pct_ci_low"], common["compliant_pct_ci_high"]) == (37.5, 67.1)
    assert common["areas"] == "y;z" and common["all_areas"] is False and common["comparable"] is True
    assert "Kun de 2 områder, 2023 og 2025 begge har et vejledende sagstal for" == common["note"]
    whole = _row(table, "2023", "alle")  # A's own figure stays, on all three areas, not comparable with B's
    assert (whole["n_current"], whole["compliant_n"], whole["areas"]) == (50, 25, "x;y;z")
    assert whole["all_areas"] is True and whole["comparable"] is False
    current = _row(table, "2025", "alle")
    assert (current["compliant_n"], current["n_current"], current["areas"], current["comparable"]) == (15, 50, "y;z",
                                                                                                      True)


def test_this_wave_gets_its_figure_on_the_common_areas_where_it_has_more():
    from sagstal.stats.changes import compliance_trend

    # B has w besides y and z: its own 25/60 = 41.67 % -> 42; on y and z 15/50 = 30 %; A on y and z 21/40 -> 53
    table = compliance_trend("2025", _compliance({"y": (40, 10), "z": (10, 5), "w": (10, 10)}),
                             {"2023": _compliance(WAVE_A)}, NO_HISTORY)
    assert table[["year", "basis", "compared_with", "areas"]].values.tolist() == [
        ["2023", "alle", "", "x;y;z"], ["2023", "faelles", "2025", "y;z"], ["2025", "alle", "", "y;z;w"],
        ["2025", "faelles", "2023", "y;z"]]
    mine = _row(table, "2025", "faelles")
    assert (mine["compliant_n"], mine["n_current"], mine["compliant_pct"]) == (15, 50, 30)
    assert (mine["compliant_pct_ci_low"], mine["compliant_pct_ci_high"]) == (19.1, 43.8)  # Wilson of 15/50
    assert mine["all_areas"] is False and _row(table, "2025", "alle")["compliant_pct"] == 42


def test_an_earlier_wave_whose_areas_are_all_in_this_one_is_compared_on_its_own_figure():
    from sagstal.stats.changes import compliance_trend

    table = compliance_trend("2025", _compliance({**WAVE_A, "w": (10, 0)}), {"2023": _compliance(WAVE_A)}, NO_HISTORY)
    own, common = _row(table, "2023", "alle"), _row(table, "2023", "faelles")
    assert common["all_areas"] is True and common["compliant_n"] == own["compliant_n"] == 25
    assert own["comparable"] is True  # this wave has a figure on exactly its areas: x, y and z
    assert _row(table, "2025", "faelles")["areas"] == "x;y;z"


def test_the_same_areas_add_no_rows_and_lineage_decides_what_is_common():
    from sagstal.stats.changes import common_areas, compliance_trend

    same = compliance_trend("2025", _compliance(WAVE_A), {"2023": _compliance(WAVE_A)}, NO_HISTORY)
    assert same["basis"].tolist() == ["alle", "alle"] and same["comparable"].tolist() == [True, True]
    lineage = {"v": {"2023": {"area": "x", "comparable": True}},  # x renamed v
               "y": {"2023": {"area": "y", "comparable": False, "note": "spurgt anderledes"}}}
    assert common_areas(lineage, "2023", ["x", "y", "z"], ["v", "y", "z"]) == (["x", "z"], ["v", "z"])
    assert common_areas({}, "2023", ["x", "y", "z"], ["v", "y", "z"]) == (["y", "z"], ["y", "z"])
    # a guideline but no answers in one wave: the area counts in neither figure
    empty_y = compliance_trend("2025", _compliance({"x": (5, 1), "y": (0, 0), "z": (5, 5)}),
                               {"2023": _compliance(WAVE_A)}, NO_HISTORY)
    assert _row(empty_y, "2023", "faelles")["areas"] == "x;z"


def test_published_points_are_marked_when_this_waves_areas_differ_from_the_latest_computed_waves():
    from sagstal.stats.changes import compliance_trend

    published = pd.DataFrame({"year": [2019, 2023], "compliant_pct": [62, 53], "source": ["Rapport 2019.", "r23"]})
    fewer = compliance_trend("2025", _compliance({"y": (40, 10), "z": (10, 5)}),
                             {"2015": _compliance({}), "2023": _compliance(WAVE_A)}, published)
    point = _row(fewer, "2019", "alle")
    assert point["source"] == PUBLISHED and point["comparable"] is False and point["areas"] == ""
    assert point["note"] == ("Rapport 2019. Bygger på rapportens egne områder, som kilden ikke opdeler; "
                             "ikke nødvendigvis de samme som i 2025")
    assert pd.isna(point["all_areas"])  # unknown, not false
    alike = compliance_trend("2025", _compliance(WAVE_A), {"2023": _compliance(WAVE_A)}, published)
    point = _row(alike, "2019", "alle")
    assert point["comparable"] is True and point["note"] == "Rapport 2019."
    # no earlier computed wave with a guideline (the shipped 2023 after 2015): drawn as the reports drew them
    first = compliance_trend("2023", _compliance(WAVE_A), {"2015": _compliance({})}, published)
    assert first["comparable"].tolist() == [True, True] and first["note"].tolist() == ["Rapport 2019.", ""]


DESIGNS = {"of": {"2015": "sagsbehandlere", "2023": "tillidsrepraesentanter", "2027": "sagsbehandlere"},
           "names": {"sagsbehandlere": "sagsbehandlere", "tillidsrepraesentanter": "TR-respondenter"}}
LINEAGE_2015 = {"sygedagpenge": {"2015": {"area": "sygedagpenge", "comparable": False, "note": "2015: inkl. jobafklaring",
                                          "for_design": "tillidsrepraesentanter"}}}


def test_a_caseworker_wave_compares_with_the_caseworker_wave_not_with_union_representatives():
    # 2027 (caseworkers) after 2015 (caseworkers) and 2023 (union representatives): the change rests
    # on 2015 (40 -> 44), 2023 is kept in the table, marked another design, and never a clear change.
    earlier = {"2015": pd.DataFrame([_stats("sygedagpenge", [38, 40, 42])]),
               "2023": pd.DataFrame([_stats("sygedagpenge", [55, 57, 59])])}
    now = pd.DataFrame([_stats("sygedagpenge", [43, 44, 45])])
    history = pd.DataFrame([{"area": "sygedagpenge", "year": 2019, "mean": 50, "source": "rapport 2019",
                             "design": "tillidsrepraesentanter"}])
    trend = trend_table("2027", now, earlier, history, LINEAGE_2015, DESIGNS).set_index("year")
    assert bool(trend.loc["2015", "comparable"]) and trend.loc["2015", "note"] == ""  # the TR-only entry is not for 2027
    assert not bool(trend.loc["2023", "comparable"])
    assert trend.loc["2023", "note"] == "andet undersøgelsesdesign: TR-respondenter i 2023, sagsbehandlere i 2027"
    assert not bool(trend.loc["2019", "comparable"]) and trend.loc["2019", "note"].startswith("rapport 2019; andet")
    answers = {"2015": pd.DataFrame({"area": "sygedagpenge", "current": [38, 40, 42]}),
               "2027": pd.DataFrame({"area": "sygedagpenge", "current": [43, 44, 45]})}
    (change,) = changes_table(trend.reset_index(), "2027", answers, PRECISION).to_dict("records")
    assert (change["previous_year"], change["mean_previous"], change["mean_current"]) == ("2015", 40, 44)


def test_the_union_wave_keeps_its_own_lineage_entry_for_2015():
    earlier = {"2015": pd.DataFrame([_stats("sygedagpenge", [38, 40, 42])])}
    trend = trend_table("2023", pd.DataFrame([_stats("sygedagpenge", [55, 57, 59])]), earlier,
                        pd.DataFrame(columns=["area", "year", "mean", "source"]), LINEAGE_2015, DESIGNS)
    point = trend.set_index("year").loc["2015"]
    assert not bool(point["comparable"]) and point["note"] == "2015: inkl. jobafklaring"  # as config says, no more


def test_overall_compliance_of_another_design_is_never_one_series():
    from sagstal.stats.changes import compliance_trend

    def table(n, compliant):
        return pd.DataFrame([{"area": "sygedagpenge", "n_current": n, "compliant_n": compliant},
                             {"area": "alle", "n_current": n, "compliant_n": compliant,
                              "compliant_pct": round(100 * compliant / n)}])

    history = pd.DataFrame([{"year": 2019, "compliant_pct": 62, "source": "rapport", "design": "tillidsrepraesentanter"}])
    trend = compliance_trend("2027", table(10, 4), {"2023": table(20, 10)}, history, {}, 0.95, DESIGNS)
    rows = trend.set_index("year")
    assert not bool(rows.loc["2023", "comparable"]) and "andet undersøgelsesdesign" in rows.loc["2023", "note"]
    assert not bool(rows.loc["2019", "comparable"]) and bool(rows.loc["2027", "comparable"])
