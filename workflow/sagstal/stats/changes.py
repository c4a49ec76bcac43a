"""Rule changes: each area's trend over the survey waves and its change since the previous one.

A wave's figures come from its computed outputs where the pipeline has its answers ("beregnet"),
and from the list of earlier reports' means (history.csv) only where it has not ("publiceret"):
adding a wave to config.yaml updates every later wave's trend with no edit to history.csv. Which area of an earlier
wave an area continues is config's `area_lineage` (renamed, split or merged areas), else the area
of the same name.

The change since the previous comparable wave is tested on both waves' answers where both have
them (bootstrap interval of the difference of means, Newcombe intervals of the differences of
shares; "tydelig ændring" only when the interval excludes 0), and otherwise by whether the
earlier mean lies outside this wave's interval.
"""

import pandas as pd

from ..core.files import read_checked_csv, read_csv, write_csv
from ..core.rounding import percent_half_up
from .precision import bootstrap_difference, clear_change, excludes_zero, newcombe, wilson
from .wave_tables import OVERALL

COMPUTED, PUBLISHED = "beregnet", "publiceret"
BASIS_ANSWERS, BASIS_PUBLISHED = "svar", "publiceret gennemsnit"
TREND_COLUMNS = ["area", "year", "source", "from_area", "comparable", "note", "n", "mean", "mean_one_decimal",
                 "ci_low", "ci_high", "compliant_n", "compliant_pct", "too_high_n", "n_assessed", "too_high_pct"]
CHANGE_COLUMNS = [
    "area", "year", "previous_year", "previous_source", "basis", "mean_previous", "mean_current", "mean_change",
    "mean_diff", "mean_diff_ci_low", "mean_diff_ci_high", "change_is_clear",
    "compliant_pct_previous", "compliant_pct_current", "compliant_diff", "compliant_diff_ci_low",
    "compliant_diff_ci_high", "compliant_change_is_clear",
    "too_high_pct_previous", "too_high_pct_current", "too_high_diff", "too_high_diff_ci_low",
    "too_high_diff_ci_high", "too_high_change_is_clear",
]


def counterpart(lineage: dict, area: str, wave: str, wave_areas, design: str | None = None) -> dict | None:
    """{area, comparable, note, explicit}: what `area` was in an earlier `wave`, by config's
    area_lineage (null: no counterpart), else the area of the same name if that wave has one. An
    entry with `for_design` applies only to later waves of that survey design (instrument);
    `explicit` says the entry itself decides whether the waves compare."""
    entries = lineage.get(area) or {}
    entry = entries.get(wave, "absent")
    if entry is None:
        return None
    if entry != "absent" and entry.get("for_design") in (None, design):
        return {"area": entry["area"], "comparable": entry.get("comparable", True), "note": entry.get("note", ""),
                "explicit": "comparable" in entry}
    return {"area": area, "comparable": True, "note": "", "explicit": False} if area in set(wave_areas) else None


def across_designs(origin: dict, year: str, wave: str, designs: dict) -> dict:
    """The origin marked not comparable where the earlier wave is of another survey design (union
    representatives per workplace against caseworkers' own caseloads), unless area_lineage itself
    says the two compare. designs: {"of": {wave: instrument}, "names": {instrument: Danish name}}."""
    of, names = designs.get("of", {}), designs.get("names", {})
    before, now = of.get(year), of.get(wave)
    if before is None or now is None or before == now or origin["explicit"]:
        return origin
    note = f"andet undersøgelsesdesign: {names.get(before, before)} i {year}, {names.get(now, now)} i {wave}"
    return {**origin, "comparable": False, "note": f"{origin['note']}; {note}" if origin["note"] else note}


def _computed_point(stats: dict, area: str, year: str, origin: dict) -> dict:
    return {"area": area, "year": year, "source": COMPUTED, "from_area": origin["area"],
            "comparable": origin["comparable"], "note": origin["note"], "n": stats["n_current"],
            "mean": stats["mean_current"], "mean_one_decimal": stats["mean_current_one_decimal"],
            "ci_low": stats["mean_current_ci_low"], "ci_high": stats["mean_current_ci_high"],
            "compliant_n": stats["compliant_n"], "compliant_pct": stats["compliant_pct"],
            "too_high_n": stats["too_high_n"], "n_assessed": stats["n_assessed"], "too_high_pct": stats["too_high_pct"]}


def trend_table(wave: str, area_stats: pd.DataFrame, earlier: dict, history: pd.DataFrame, lineage: dict,
                designs: dict | None = None) -> pd.DataFrame:
    """Every area's points over the waves up to this one: earlier: {wave: its area_stats}; designs:
    see across_designs, so that a wave compares with waves of its own design (a published point's
    design is history.csv's `design`, an instrument, where given)."""
    designs = designs or {}
    now = area_stats.set_index("area", drop=False)
    rows = []
    for area in now.index:
        covered = set()
        for year, stats in earlier.items():
            origin = counterpart(lineage, area, year, stats["area"], designs.get("of", {}).get(wave))
            if origin is None:
                continue
            origin = across_designs(origin, year, wave, designs)
            found = stats[stats["area"] == origin["area"]]
            if len(found):
                rows.append(_computed_point(found.iloc[0].to_dict(), area, year, origin))
                covered.add(year)
        printed = history[(history["area"] == area) & (history["year"].astype(str) < wave)]
        for r in printed.itertuples():
            if str(r.year) not in covered:
                origin = across_designs({"area": area, "comparable": True, "note": r.source, "explicit": False},
                                        str(r.year), wave,
                                        {**designs, "of": {**designs.get("of", {}), str(r.year): _design(r)}})
                rows.append({"area": area, "year": str(r.year), "source": PUBLISHED, "from_area": area,
                             "comparable": origin["comparable"], "note": origin["note"], "mean": r.mean})
        rows.append(_computed_point(now.loc[area].to_dict(), area, wave, {"area": area, "comparable": True, "note": ""}))
    table = pd.DataFrame(rows, columns=TREND_COLUMNS)
    return table.sort_values(["area", "year"], kind="stable").reset_index(drop=True)


def _design(row) -> str | None:
    """A published point's survey design (history.csv's optional `design` column)."""
    design = getattr(row, "design", None)
    return None if design is None or pd.isna(design) or not str(design).strip() else str(design)


def _values(answers: pd.DataFrame, area: str) -> pd.Series:
    """The current caseloads the area's mean is of (as area_stats computes it)."""
    return answers.loc[(answers["area"] == area) & answers["current"].notna(), "current"].astype(float)


def _known(value):
    return None if value is None or pd.isna(value) else value


def _share_change(previous: dict, current: dict, count: str, base: str, pct: str, confidence: float) -> dict:
    """A share's change between two waves with its Newcombe interval; none where a side lacks it."""
    if not all(_known(side.get(count)) is not None and _known(side.get(base)) for side in (previous, current)):
        return {"previous": _known(previous.get(pct)), "current": _known(current.get(pct)),
                "diff": None, "low": None, "high": None, "clear": None}
    diff, low, high = newcombe(int(previous[count]), int(previous[base]), int(current[count]), int(current[base]),
                               confidence)
    return {"previous": previous[pct], "current": current[pct], "diff": diff, "low": low, "high": high,
            "clear": excludes_zero(low, high)}


def change_row(trend: pd.DataFrame, area: str, wave: str, answers: dict, precision: dict) -> dict | None:
    """The change of one area since its latest comparable earlier point; answers: {wave: answers}."""
    points = trend[(trend["area"] == area) & trend["comparable"].astype(bool)]
    current = points[points["year"] == wave]
    previous = points[points["year"] < wave]
    if current.empty or previous.empty or pd.isna(current.iloc[0]["mean"]):
        return None
    now, before = current.iloc[0].to_dict(), previous.iloc[-1].to_dict()
    row = {"area": area, "year": wave, "previous_year": before["year"], "previous_source": before["source"],
           "mean_previous": before["mean"], "mean_current": now["mean"], "mean_change": now["mean"] - before["mean"]}
    if before["source"] == COMPUTED:
        mean_diff, low, high = bootstrap_difference(_values(answers[before["year"]], before["from_area"]),
                                                    _values(answers[wave], area), precision["seed"],
                                                    precision["resamples"], precision["confidence"])
        row |= {"basis": BASIS_ANSWERS, "mean_diff": mean_diff, "mean_diff_ci_low": low, "mean_diff_ci_high": high,
                "change_is_clear": excludes_zero(low, high)}
        shares = {"compliant": _share_change(before, now, "compliant_n", "n", "compliant_pct", precision["confidence"]),
                  "too_high": _share_change(before, now, "too_high_n", "n_assessed", "too_high_pct",
                                            precision["confidence"])}
        for name, change in shares.items():
            row |= {f"{name}_pct_previous": change["previous"], f"{name}_pct_current": change["current"],
                    f"{name}_diff": change["diff"], f"{name}_diff_ci_low": change["low"],
                    f"{name}_diff_ci_high": change["high"], f"{name}_change_is_clear": change["clear"]}
    else:
        row |= {"basis": BASIS_PUBLISHED,
                "change_is_clear": clear_change(before["mean"], _known(now["ci_low"]), _known(now["ci_high"]))}
    return row


COMPLIANCE_TREND_COLUMNS = ["year", "source", "basis", "compared_with", "areas", "all_areas", "comparable",
                            "n_current", "compliant_n", "compliant_pct", "compliant_pct_ci_low",
                            "compliant_pct_ci_high", "note"]
ALL_AREAS, COMMON_AREAS = "alle", "faelles"  # a row's basis: all the wave's guideline areas, or those in common
AREA_SEPARATOR = ";"


def guideline_areas(compliance: pd.DataFrame) -> list[str]:
    """The areas a wave's overall compliance counts: those with a guideline and answers, in the table's order."""
    rows = compliance[(compliance["area"] != OVERALL) & (compliance["n_current"].fillna(0) > 0)]
    return rows["area"].tolist()


def common_areas(lineage: dict, year: str, earlier_areas: list, areas: list) -> tuple[list, list]:
    """(the earlier wave's, this wave's) areas that both waves have a guideline for: an area of this
    wave and what it was in the earlier one (area_lineage, else the same name), where both have a
    guideline and answers and lineage does not call the two not comparable. Each in its table's order."""
    now, before = [], set()
    for area in areas:
        origin = counterpart(lineage, area, year, earlier_areas)
        if origin and origin["comparable"] and origin["area"] in earlier_areas:
            now.append(area)
            before.add(origin["area"])
    return [a for a in earlier_areas if a in before], now


def overall_on(compliance: pd.DataFrame, areas: list, confidence: float) -> dict:
    """Overall compliance over the given areas only: their answers and compliant answers summed, the
    share rounded half up, with its Wilson interval (as compliance_table computes the `alle` row)."""
    rows = compliance[compliance["area"].isin(areas)]
    answers, compliant = int(rows["n_current"].sum()), int(rows["compliant_n"].sum())
    low, high = wilson(compliant, answers, confidence)
    return {"n_current": answers, "compliant_n": compliant, "compliant_pct": percent_half_up(compliant, answers),
            "compliant_pct_ci_low": low, "compliant_pct_ci_high": high}


def _joined(areas: list) -> str:
    return AREA_SEPARATOR.join(areas)


def compliance_trend(wave: str, compliance: pd.DataFrame, earlier: dict, history: pd.DataFrame,
                     lineage: dict | None = None, confidence: float = 0.95, designs: dict | None = None) -> pd.DataFrame:
    """Overall compliance per wave up to this one, on the same areas where the waves differ.

    Each wave's own figure (basis `alle`): computed (the `alle` row of each configured wave's
    compliance.csv, where it has a guideline) or from compliance_history.csv where not. Where an
    earlier computed wave's guideline areas differ from this wave's, both waves also get their
    figure on the areas they have in common (basis `faelles`, `compared_with` the other wave; this
    wave's only where the common areas are not all of its own). `areas`: the areas a figure counts;
    `all_areas`: they are all the wave's guideline areas. `comparable`: this wave has a figure on the
    same areas (its own, or its figure on the common areas). A published figure comes without its
    areas: it counts as comparable unless this wave's areas differ from those of the latest earlier
    computed wave with a guideline (the wave the published series was last continued by), and is then
    marked in its note. Areas are matched through area_lineage (else by name); an area with a
    guideline but no answers in a wave counts in neither figure, so it is not common.
    """
    lineage, designs = lineage or {}, designs or {}
    now = guideline_areas(compliance)
    rows, current, differs = [], [], None
    for year, table in earlier.items():
        overall = table[(table["area"] == OVERALL) & (table["n_current"] > 0)]
        if not len(overall):
            continue
        other = across_designs({"comparable": True, "note": "", "explicit": False}, year, wave, designs)
        if not other["comparable"]:  # never one series with a wave of another design
            rows.append({**overall.iloc[0].to_dict(), "year": year, "source": COMPUTED, "basis": ALL_AREAS,
                         "compared_with": "", "areas": _joined(guideline_areas(table)), "all_areas": True,
                         "comparable": False, "note": other["note"]})
            continue
        own = guideline_areas(table)
        before, common = common_areas(lineage, year, own, now)
        same = before == own and common == now
        differs = not same  # the latest earlier computed wave's decides the published points' mark
        if same:
            note = ""
        elif not common:
            note = f"Ingen fælles områder med vejledende sagstal med {wave}"
        elif before == own:
            note = f"Alle områderne har også et vejledende sagstal i {wave}; sammenlign med {wave} på de fælles områder"
        else:
            note = f"Andre områder end {wave}; sammenlign på de fælles områder"
        rows.append({**overall.iloc[0].to_dict(), "year": year, "source": COMPUTED, "basis": ALL_AREAS,
                     "compared_with": "", "areas": _joined(own), "all_areas": True,
                     "comparable": same or (bool(common) and before == own), "note": note})
        if same or not common:
            continue
        text = f"Kun de {len(common)} områder, {year} og {wave} begge har et vejledende sagstal for"
        rows.append({**overall_on(table, before, confidence), "year": year, "source": COMPUTED,
                     "basis": COMMON_AREAS, "compared_with": wave, "areas": _joined(before),
                     "all_areas": before == own, "comparable": True, "note": text})
        if common != now:
            current.append({**overall_on(compliance, common, confidence), "year": wave, "source": COMPUTED,
                            "basis": COMMON_AREAS, "compared_with": year, "areas": _joined(common),
                            "all_areas": False, "comparable": True, "note": text})
    overall = compliance[(compliance["area"] == OVERALL) & (compliance["n_current"] > 0)]
    if len(overall):
        rows.append({**overall.iloc[0].to_dict(), "year": wave, "source": COMPUTED, "basis": ALL_AREAS,
                     "compared_with": "", "areas": _joined(now), "all_areas": True, "comparable": True, "note": ""})
    rows += current
    computed = {r["year"] for r in rows}
    mark = (f". Bygger på rapportens egne områder, som kilden ikke opdeler; ikke nødvendigvis de samme som i {wave}"
            if differs else "")
    for r in history.itertuples():
        if str(r.year) < wave and str(r.year) not in computed:
            design = across_designs({"comparable": True, "note": "", "explicit": False}, str(r.year), wave,
                                    {**designs, "of": {**designs.get("of", {}), str(r.year): _design(r)}})
            note = (r.source.rstrip(".") + mark) if mark else r.source
            rows.append({"year": str(r.year), "source": PUBLISHED, "basis": ALL_AREAS, "compared_with": "",
                         "areas": "", "all_areas": None, "comparable": not differs and design["comparable"],
                         "compliant_pct": r.compliant_pct,
                         "note": f"{note}; {design['note']}" if design["note"] else note})
    return pd.DataFrame(rows, columns=COMPLIANCE_TREND_COLUMNS).sort_values("year", kind="stable").reset_index(drop=True)


def changes_table(trend: pd.DataFrame, wave: str, answers: dict, precision: dict) -> pd.DataFrame:
    rows = [change_row(trend, area, wave, answers, precision) for area in trend["area"].unique()]
    return pd.DataFrame([r for r in rows if r], columns=CHANGE_COLUMNS)


def read_history(path) -> pd.DataFrame:
    """data/raw/history.csv, the earlier reports' means: area, year, mean and source in each row
    (a mistake names file, row and column)."""
    return read_checked_csv(path, {"area": "text", "year": "year", "mean": "number", "source": "text"},
                            key=("area", "year"))


def read_compliance_history(path) -> pd.DataFrame:
    """data/raw/compliance_history.csv, the earlier reports' overall compliance: year, compliant_pct, source."""
    return read_checked_csv(path, {"year": "year", "compliant_pct": "percent", "source": "text"}, key=("year",))


class AnswersByWave(dict):
    """{wave: its answers.csv}, each read when a change first needs it: a change against a mean
    from history.csv needs no answers, and a large wave's answers are the job's costliest read."""

    def __init__(self, paths: dict):
        super().__init__()
        self.paths = paths

    def __missing__(self, wave):
        self[wave] = read_csv(self.paths[wave], dtype={"respondent_id": str, "municipality": str})
        return self[wave]


def changes(job) -> None:
    """Rule changes: trend.csv, changes.csv and compliance_trend.csv of a wave, from its and the
    earlier waves' outputs."""
    p = job.params
    answers = AnswersByWave({**{str(w): path for w, path in zip(p.earlier_waves, job.input.earlier_answers)},
                             p.wave: job.input.answers})
    earlier = {str(w): read_csv(path) for w, path in zip(p.earlier_waves, job.input.earlier_area_stats)}
    trend = trend_table(p.wave, read_csv(job.input.area_stats), earlier, read_history(job.input.history), p.lineage,
                        p.designs)
    write_csv(trend, job.output.trend)
    write_csv(changes_table(trend, p.wave, answers, p.precision), job.output.changes)
    earlier_compliance = {str(w): read_csv(path) for w, path in zip(p.earlier_waves, job.input.earlier_compliance)}
    write_csv(compliance_trend(p.wave, read_csv(job.input.compliance), earlier_compliance,
                               read_compliance_history(job.input.compliance_history), p.lineage,
                               p.precision["confidence"], p.designs),
              job.output.compliance_trend)
