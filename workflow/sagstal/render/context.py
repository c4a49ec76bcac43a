"""Everything one appendix (bilag) shows, gathered from the computed tables.

Pure: takes the processed figures, returns a plain dict that the Excel, Markdown and HTML
renderers and the report all use, so that the three formats can never disagree.
"""


import pandas as pd

from ..core.caps import cap_sort_key, distinct
from ..core.danish import LEVEL_LABELS, number, plain
from ..core.parsing import AnswerError, parse_caseload
from ..core.tables import rows_by
from .privacy import redact, suppress_breakdowns, suppress_context

COORDINATION_LABELS = {"yes": "Ja", "no": "Nej", "dont_know": "Ved ikke",
                       "jobafklaring": "Jobafklaringsforløb", "kontanthjaelp": "Kontanthjælpsområdet",
                       "ressourceforloeb": "Ressourceforløbssager"}


def cap_cell(text: str):
    """A cap as Excel should hold it: a number where the answer is one, else the typed text."""
    try:
        parsed = parse_caseload(text)
    except AnswerError:
        return text
    return plain(parsed.value) if parsed.method == "number" else text


LIST_CAPS_UP_TO = 8  # caps named one by one, as the report does
LIST_DISTINCT_UP_TO = 15  # beyond that, each distinct cap with how many gave it; beyond this, the most frequent


def caps_context(n, caps: list[tuple[str, int]]) -> dict:
    """What the texts and the workbook say of the caps, never a list per respondent: each one
    ("henholdsvis 20, 25 og 25") while they are few; else each distinct cap with how many gave it
    ("20 (3), 25 (11)"); else the most frequent of them and how many others there are."""
    ordered = sorted(caps, key=lambda pair: cap_sort_key(pair[0]))
    shown = ordered if len(caps) <= LIST_DISTINCT_UP_TO else caps[:LIST_CAPS_UP_TO]
    return {"n": n,
            "typed": [cap_words(t) for t, k in ordered for _ in range(k)] if (n or 0) <= LIST_CAPS_UP_TO else [],
            "counted": [{"text": cap_words(t), "n": k} for t, k in shown],
            "more": len(caps) - len(shown),
            "rows": [(cap_cell(t), k) for t, k in ordered]}


def cap_words(text: str) -> str:
    """A cap as a Danish text prints it: 32.5 as 32,5; a range or "ca. 40" as typed."""
    cell = cap_cell(text)
    return number(cell) if isinstance(cell, (int, float)) else text


def trend(points: pd.DataFrame) -> list[dict]:
    """An area's mean caseload per survey wave as the chart draws it (rule changes' trend.csv, the
    comparable points): `value` is the unrounded mean the interval belongs to, `source` says
    whether the figure is computed from the answers ("beregnet") or from history.csv ("publiceret")."""
    return [{"year": str(r["year"]), "mean": plain(r["mean"]), "source": r["source"],
             **({"value": plain(r["mean_one_decimal"])} if plain(r["mean_one_decimal"]) is not None else {}),
             "ci_low": plain(r["ci_low"]), "ci_high": plain(r["ci_high"])}
            for r in points.to_dict("records") if str(r["comparable"]) == "True"]


def other_points(points: pd.DataFrame) -> list[dict]:
    """Earlier figures of a wider or otherwise cut area (area_lineage comparable: false): named
    with their note beside the trend, not drawn in it or tested."""
    return [{"year": str(r["year"]), "mean": plain(r["mean"]), "note": r["note"], "source": r["source"]}
            for r in points.to_dict("records") if str(r["comparable"]) != "True"]


def change_context(change: dict | None) -> dict | None:
    """The change since the previous comparable wave (changes.csv), as the appendix sentence says it."""
    if change is None:
        return None
    c = {k: plain(v) for k, v in change.items()}
    return {"year": str(c["previous_year"]), "mean": c["mean_previous"], "change": c["mean_change"],
            "source": c["previous_source"], "from_answers": c["basis"] == "svar",
            "is_clear": str(c["change_is_clear"]) == "True",
            "diff": c.get("mean_diff"), "ci_low": c.get("mean_diff_ci_low"), "ci_high": c.get("mean_diff_ci_high"),
            "shares": [{"name": name, "previous": c.get(f"{key}_pct_previous"), "current": c.get(f"{key}_pct_current"),
                        "diff": c.get(f"{key}_diff"), "ci_low": c.get(f"{key}_diff_ci_low"),
                        "ci_high": c.get(f"{key}_diff_ci_high"),
                        "is_clear": str(c.get(f"{key}_change_is_clear")) == "True"}
                       for key, name in (("compliant", "andelen, der overholder DS' vejledende sagstal"),
                                         ("too_high", "andelen, der vurderer sagstallet for højt"))
                       if c.get(f"{key}_diff") is not None]}


def mean_position(mean, guideline_min, guideline_max) -> str | None:
    if guideline_max is None or mean is None:
        return None
    if mean > guideline_max:
        return "over"
    if mean < guideline_min:
        return "under"
    return "inden for"


def appendix_context(*, wave: str, title: str, source: str, bilag: int, area: str, label: str,
                     respondents_noun: str, stats: dict, bins_current: list, bins_suggested: list,
                     assessments: list, points: pd.DataFrame, change: dict | None, comments: list,
                     municipalities: list) -> dict:
    s = {k: plain(v) for k, v in stats.items()}
    guideline = None
    if s["guideline_max"] is not None:
        guideline = {"min": s["guideline_min"], "max": s["guideline_max"],
                     "label": f"{s['guideline_min']}-{s['guideline_max']}"}
    caps = sorted(distinct(s["caps_values"]), key=lambda pair: -pair[1])  # the most frequent first
    waves = trend(points)
    return {
        "wave": str(wave), "title": title, "source": source, "bilag": bilag, "area": area,
        "label": label, "label_lower": label[:1].lower() + label[1:], "respondents": respondents_noun,
        "n": s["n_current"], "n_municipalities": s["n_municipalities"],
        "current": {"n": s["n_current"], "mean": s["mean_current"], "min": s["min_current"],
                    "ci_low": s.get("mean_current_ci_low"), "ci_high": s.get("mean_current_ci_high"),
                    "max": s["max_current"], "main_range": s["main_range_current"],
                    "main_range_share": s["main_range_current_share"],
                    "bins": [{k: plain(v) for k, v in b.items()} for b in bins_current]},
        "suggested": {"n": s["n_suggested"], "mean": s["mean_suggested"], "min": s["min_suggested"],
                      "max": s["max_suggested"], "main_range": s["main_range_suggested"],
                      "main_range_share": s["main_range_suggested_share"],
                      "bins": [{k: plain(v) for k, v in b.items()} for b in bins_suggested]},
        "n_assessed": s["n_assessed"],
        "assessment": [{**{k: plain(v) for k, v in level.items()}, "label": LEVEL_LABELS[level["level"]]}
                       for level in assessments],
        "caps": caps_context(s["caps_n"], caps),
        "guideline": guideline,
        "mean_position": mean_position(s["mean_current"], s["guideline_min"], s["guideline_max"]),
        "compliance": {k: s[k] for k in ("compliant_n", "compliant_pct", "noncompliant_n", "noncompliant_pct")},
        "trend": waves,
        # a development chart needs two waves: one bar says nothing the text does not
        "development_chart": len(waves) > 1,
        "other_points": other_points(points),
        "previous": change_context(change),
        "quotes": [redact(c, municipalities) for c in comments if c],
    }


def reference_lines(reference_caseloads: dict | None, area: str) -> list[dict]:
    """The reference caseloads (config: reference_caseloads) to draw in this area's distribution chart."""
    settings = reference_caseloads or {}
    if not settings.get("show"):
        return []
    return sorted(({"key": key, "label": p["label"], "value": p["value"], "source": p["source"]}
                   for key, p in (settings.get("points") or {}).items() if area in p["areas"]),
                  key=lambda p: p["value"])


def _rows(table: pd.DataFrame | None, area: str, labels: dict) -> list[dict]:
    if table is None:
        return []
    rows = table[table["area"] == area].to_dict("records")
    return [{**{k: plain(v) for k, v in r.items()}, "label": labels.get(r.get("case_type", r.get("kind")), "")}
            for r in rows]


def chosen_quotes(quotes: pd.DataFrame) -> pd.DataFrame:
    """The quotes a person chose (quotes.csv), each area's in citater.yaml's order: what is printed."""
    chosen = quotes[quotes["decision"] == "chosen"].sort_values("order")
    return chosen[["area", "printed"]].rename(columns={"printed": "comment"})


def area_contexts(wave: dict, tables: dict, quotes: pd.DataFrame, municipalities: list,
                  reference_caseloads: dict | None, min_count: int = 0) -> list[dict]:
    """Appendix contexts of every area of a wave, in bilag order.

    wave: the presentation settings (title, source, instrument texts, areas with label and bilag,
    case type labels); tables: the processed tables (area_stats, bins, assessments, trend, changes,
    and the caseworker design's case_types, single_type, coordination where it has them).
    """
    texts = wave["texts"]
    stats = tables["area_stats"].set_index("area", drop=False)
    changes = {r["area"]: r for r in tables["changes"].to_dict("records")}
    type_labels = wave["case_types"]
    bins_of, levels_of, points_of, quotes_of = (rows_by(table, "area") for table in (
        tables["bins"], tables["assessments"], tables["trend"], quotes))
    contexts = []
    for area, settings in sorted(wave["areas"].items(), key=lambda item: item[1]["bilag"]):
        bins = bins_of(area)
        levels = levels_of(area)
        given = quotes_of(area)["comment"].dropna().astype(str).tolist()
        single = _rows(tables.get("single_type"), area, type_labels)
        contexts.append({
            **appendix_context(
                wave=wave["wave"], title=wave["title"], source=wave["source"], bilag=settings["bilag"], area=area,
                label=settings["label"], respondents_noun=texts["respondents"], stats=stats.loc[area].to_dict(),
                bins_current=_without(bins[bins["question"] == "current"], "area", "question"),
                bins_suggested=_without(bins[bins["question"] == "suggested"], "area", "question"),
                assessments=_without(levels, "area"), points=points_of(area),
                change=changes.get(area), comments=given,
                municipalities=municipalities),
            "respondent": texts["respondent"], "answer_note": texts["answer_note"],
            "compliance_base": texts.get("compliance_base", "arbejdspladserne"),
            "implausible_kept": plain(stats.loc[area].get("implausible_kept")) or 0, "plausible": wave["plausible"],
            "sections": texts["sections"],
            "references": reference_lines(reference_caseloads, area),
            "case_types": _rows(tables.get("case_types"), area, type_labels),
            "single_type": [r for r in single if r["case_type"] != "i-alt"],
            "single_type_total": next((r for r in single if r["case_type"] == "i-alt"), None),
            "coordination": _rows(tables.get("coordination"), area, COORDINATION_LABELS),
        })
        contexts[-1]["sections"] = asked_sections(contexts[-1])
    return [suppress_context(c, min_count) for c in contexts]


def asked_sections(context: dict) -> list[str]:
    """The design's sections the wave's export answers: a question the questionnaire did not ask
    (no case types, no single-type question, no coordination) prints no table of zeros; an
    assessment the export has is printed in either design (a caseworker wave may ask it)."""
    answered = {"case_types": any(plain(r.get("n")) for r in context["case_types"]),
                "single_type": any(plain(r.get("n")) for r in context["single_type"]),
                "coordination": any(plain(r.get("n")) for r in context["coordination"])}
    sections = [s for s in context["sections"] if answered.get(s, True)]
    if "assessment" not in sections and any(plain(level.get("n")) for level in context["assessment"]):
        sections.insert(0, "assessment")
    return sections


def _without(table: pd.DataFrame, *columns) -> list[dict]:
    return table.drop(columns=list(columns)).to_dict("records")


UNKNOWN_GROUP_LABEL = "Uoplyst"


def breakdown_contexts(table: pd.DataFrame, settings: dict, labels: dict, min_count_default: int = 5) -> list[dict]:
    """Each configured breakdown (config: breakdowns) as the report shows it: its groups' labels in
    config's order, and its rows (group x area, in bilag order) with small groups suppressed."""
    min_counts = {column: setting.get("min_count", min_count_default) for column, setting in settings.items()}
    shown = suppress_breakdowns([{k: plain(v) for k, v in r.items()} for r in table.to_dict("records")], min_counts)
    rank = {area: i for i, area in enumerate(labels)}
    contexts = []
    for column, setting in settings.items():
        part = table[table["breakdown"] == column]
        names = dict(setting.get("groups") or {})
        values = list(dict.fromkeys(part["group"].astype(str)))
        groups = {g: names[g] for g in names if g in values}
        groups |= {g: UNKNOWN_GROUP_LABEL if g == "uoplyst" else g for g in sorted(values) if g not in groups}
        records = sorted((r for r in shown if r["breakdown"] == column),
                         key=lambda r: (rank.get(r["area"], len(rank)), list(groups).index(str(r["group"]))))
        rows = [{**r, "group": str(r["group"]), "group_label": groups[str(r["group"])], "area_label": labels[r["area"]]}
                for r in records]
        contexts.append({"column": column, "label": setting["label"], "min_count": min_counts[column], "groups": groups,
                         "rows": rows})
    return contexts
