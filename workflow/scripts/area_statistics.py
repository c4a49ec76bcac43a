"""Snakemake script of rule area_statistics: one area's figures and its two bin tables."""

import pandas as pd

from sagstal.area import area_figures
from sagstal.guidelines import guideline_in_force
from sagstal.jobs import log, read_csv, run, write_csv


def work(sm):
    answers = read_csv(sm.input.answers, dtype={"respondent_id": str, "municipality": str})
    guideline = guideline_in_force(sm.params.guidelines, sm.params.fieldwork)
    row, current, suggested, levels = area_figures(answers, sm.wildcards.area, sm.params.bins_current,
                                           sm.params.bins_suggested, guideline,
                                           sm.params.main_range_share)
    for question in ("current", "suggested"):
        if row[f"outside_bins_{question}"]:
            log.warning("%s: %d %s answer(s) lie outside the configured bins", sm.wildcards.area,
                        row[f"outside_bins_{question}"], question)
    write_csv(pd.DataFrame([row]), sm.output.stats)
    write_csv(pd.DataFrame(current), sm.output.current)
    write_csv(pd.DataFrame(suggested), sm.output.suggested)
    write_csv(pd.DataFrame(levels), sm.output.assessments)


run(snakemake, work)
