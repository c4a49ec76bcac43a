"""Everything one appendix (bilag) shows, gathered from the computed tables.

Pure: takes the processed figures, returns a plain dict that the Excel, Markdown and HTML
renderers and the report all use, so that the three formats can never disagree.
"""


import pandas as pd

from ..jobs import read_csv
from ..parsing import AnswerError, parse_caseload
from ..precision import clear_change
from ..privacy import redact, suppress_context
from .danish import LEVEL_LABELS, plain

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


def trend(history: pd.DataFrame, area: str, wave: str, current_mean) -> list[dict]:
    """Mean caseload per survey year: earlier waves from history.csv, this wave as computed."""
    rows = history[(history["area"] == area) & (history["year"].astype(str) != str(wave))]
    points = [{"year": str(r.year), "mean": plain(r.mean)} for r in rows.itertuples()]
    if current_mean is not None:
        points.append({"year": str(wave), "mean": plain(current_mean)})
    return sorted(points, key=lambda p: p["year"])


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
                     assessments: list, history: pd.DataFrame, comments: list, municipalities: list) -> dict:
    s = {k: plain(v) for k, v in stats.items()}
    guideline = None
    if s["guideline_max"] is not None:
        guideline = {"min": s["guideline_min"], "max": s["guideline_max"],
                     "label": f"{s['guideline_min']}-{s['guideline_max']}"}
    points = trend(history, area, wave, s["mean_current"])
    previous = points[-2] if len(points) >= 2 and points[-1]["year"] == str(wave) else None
    caps = [c for c in (s["caps_values"] or "").split("; ") if c]
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
        "caps": {"n": s["caps_n"], "typed": caps, "cells": [cap_cell(c) for c in caps]},
        "guideline": guideline,
        "mean_position": mean_position(s["mean_current"], s["guideline_min"], s["guideline_max"]),
        "compliance": {k: s[k] for k in ("compliant_n", "compliant_pct", "noncompliant_n", "noncompliant_pct")},
        "trend": points,
        "previous": ({**previous, "change": s["mean_current"] - previous["mean"],
                      "is_clear": clear_change(previous["mean"], s.get("mean_current_ci_low"),
                                            s.get("mean_current_ci_high"))}
                     if previous and previous["mean"] is not None else None),
        "quotes": [redact(c, municipalities) for c in comments if c],
    }


def reference_lines(config: dict, area: str) -> list[dict]:
    """The reference caseloads (config: reference_caseloads) to draw in this area's distribution chart."""
    settings = config.get("reference_caseloads") or {}
    points = settings.get("points") or {}
    for key, point in points.items():
        unknown = [a for a in point["areas"] if a not in config["areas"]]
        if unknown:
            raise ValueError(f"config.yaml: reference_caseloads.points.{key}.areas: unknown area(s) "
                             f"{', '.join(unknown)}")
    if not settings.get("show"):
        return []
    return sorted(({"key": key, "label": p["label"], "value": p["value"], "source": p["source"]}
                   for key, p in points.items() if area in p["areas"]), key=lambda p: p["value"])


def _rows(table: pd.DataFrame | None, area: str, labels: dict) -> list[dict]:
    if table is None:
        return []
    rows = table[table["area"] == area].to_dict("records")
    return [{**{k: plain(v) for k, v in r.items()}, "label": labels.get(r.get("case_type", r.get("kind")), "")}
            for r in rows]


def load_contexts(config: dict, wave: str, table_path, areas, answers: pd.DataFrame,
                  history: pd.DataFrame, municipalities: list, caseworker_tables: dict | None = None,
                  min_count: int = 0) -> list[dict]:
    """Appendix contexts for the given areas of a wave.

    table_path(area, name) gives the path of an area's processed table: stats, current,
    suggested or assessments (the rules' named inputs "<area>_<name>").
    """
    settings = config["waves"][wave]
    texts = config["texts"]["instruments"][settings["instrument"]]
    tables = caseworker_tables or {}
    type_labels = {slug: t["label"] for slug, t in config["case_types"].items()}
    contexts = []
    for area in areas:
        stats = read_csv(table_path(area, "stats")).iloc[0].to_dict()
        comments = answers.loc[answers["area"] == area, "comment"].dropna().astype(str).tolist()
        contexts.append({
            **appendix_context(
                wave=wave, title=settings["title"], source=settings["export"],
                bilag=settings["areas"][area]["bilag"], area=area, label=config["areas"][area]["label"],
                respondents_noun=texts["respondents"], stats=stats,
                bins_current=read_csv(table_path(area, "current")).to_dict("records"),
                bins_suggested=read_csv(table_path(area, "suggested")).to_dict("records"),
                assessments=read_csv(table_path(area, "assessments")).to_dict("records"),
                history=history, comments=comments, municipalities=municipalities),
            "respondent": texts["respondent"], "answer_note": texts["answer_note"],
            "sections": texts["sections"],
            "references": reference_lines(config, area),
            "case_types": _rows(tables.get("case_types"), area, type_labels),
            "single_type": [r for r in _rows(tables.get("single_type"), area, type_labels) if r["case_type"] != "i-alt"],
            "single_type_total": next((r for r in _rows(tables.get("single_type"), area, type_labels)
                                       if r["case_type"] == "i-alt"), None),
            "coordination": _rows(tables.get("coordination"), area, COORDINATION_LABELS),
        })
    return [suppress_context(c, min_count) for c in contexts]

