"""Snakemake script of rule wave_tables: area_stats, summary, compliance and method tables."""

import pandas as pd

from sagstal.jobs import read_csv, run, write_csv
from sagstal.tables import compliance_table, method_figures, summary_table


def work(sm):
    area_stats = pd.concat([read_csv(path) for path in sm.input.areas], ignore_index=True)
    history = read_csv(sm.input.history)
    respondents = read_csv(sm.input.respondents, dtype={"municipality": str})
    write_csv(area_stats, sm.output.area_stats)
    write_csv(summary_table(area_stats, history, sm.params.previous_wave, sm.params.labels),
              sm.output.summary)
    write_csv(compliance_table(area_stats), sm.output.compliance)
    write_csv(method_figures(respondents, area_stats, sm.params.invited), sm.output.method)


run(snakemake, work)
