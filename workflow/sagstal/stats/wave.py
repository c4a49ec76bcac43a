"""Rule statistics: every figure of a wave, from its tidy answers to the tables the report prints.

One job per wave: each area's figures cost milliseconds, far less than an interpreter per area.
"""

import pandas as pd

from ..core.binning import answers_in_gaps, bound_text, parse_bins
from ..core.errors import IngestError
from ..core.files import read_csv, write_csv
from ..core.guidelines import guideline_in_force
from ..core.job import log
from .area import area_figures
from .unusual import unusual_answers
from .wave_tables import compliance_table, method_figures, summary_table


def check_gaps(answers: pd.DataFrame, areas: dict, wave: str) -> None:
    """Stop, naming wave, area, bins and values, when an answer lies where no printed bin covers it."""
    problems = []
    for area, settings in areas.items():
        for question in ("current", "suggested"):
            values = answers.loc[(answers["area"] == area) & answers[question].notna(), question].astype(float)
            for before, into, found in answers_in_gaps(values, parse_bins(settings[f"bins_{question}"])):
                shown = ", ".join(bound_text(v) for v in found[:8]) + (", …" if len(found) > 8 else "")
                problems.append(f"area {area}, bins_{question}: {len(found)} answer(s) ({shown}) lie between the "
                                f"bins '{before.label}' and '{into.label}' and would be counted under "
                                f"'{into.label}'")
    if problems:
        raise IngestError(f"config.yaml, wave {wave}: " + "; ".join(problems)
                          + ". Add bins that cover them (waves: " + wave + ": areas: <area>: bins_…) and rerun.")


def wave_figures(answers: pd.DataFrame, areas: dict, guidelines: dict, fieldwork, main_range_share: float,
                 precision: dict, plausible: dict | None = None, wave: str = "") -> tuple[pd.DataFrame, pd.DataFrame,
                                                                                         pd.DataFrame]:
    """(area_stats, bins, assessments) of every area: one row per area, bin and assessment level."""
    check_gaps(answers, areas, wave)
    rows, bins, levels = [], [], []
    for area, settings in areas.items():
        guideline = guideline_in_force(guidelines.get(area), fieldwork)
        row, current, suggested, assessed = area_figures(answers, area, settings["bins_current"],
                                                         settings["bins_suggested"], guideline,
                                                         main_range_share, precision, plausible)
        for question in ("current", "suggested"):
            if row[f"outside_bins_{question}"]:
                log.warning("%s: %d %s answer(s) lie outside the configured bins", area,
                            row[f"outside_bins_{question}"], question)
        rows.append(row)
        bins += [{"area": area, "question": "current", **b} for b in current]
        bins += [{"area": area, "question": "suggested", **b} for b in suggested]
        levels += [{"area": area, **level} for level in assessed]
    return pd.DataFrame(rows), pd.DataFrame(bins), pd.DataFrame(levels)


def statistics(job) -> None:
    """Rule statistics: area_stats, bins, assessments, summary and compliance tables, and the
    answers a person must judge (unusual.csv: outside the bins, extreme)."""
    p = job.params
    answers = read_csv(job.input.answers, dtype={"respondent_id": str, "municipality": str, "current_raw": str,
                                                 "suggested_raw": str, "cap_value_raw": str})  # as typed: "10", not 10.0
    area_stats, bins, assessments = wave_figures(answers, p.areas, p.guidelines, p.fieldwork,
                                                 p.main_range_share, p.precision, p.plausible,
                                                 job.wildcards.wave)
    write_csv(area_stats, job.output.area_stats)
    write_csv(bins, job.output.bins)
    write_csv(assessments, job.output.assessments)
    write_csv(summary_table(area_stats), job.output.summary)
    write_csv(compliance_table(area_stats, p.precision["confidence"]), job.output.compliance)
    write_csv(unusual_answers(answers, p.areas), job.output.unusual)


def method(job) -> None:
    """Rule method: the method section's figures. Its own job, so that editing the number invited
    reruns only what shows it, not every figure of the wave and the later waves' trends."""
    respondents = read_csv(job.input.respondents, dtype={"municipality": str})
    write_csv(method_figures(respondents, read_csv(job.input.area_stats), job.params.invited), job.output.method)
